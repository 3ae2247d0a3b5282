#include "common/log/logger.h"

#include <unistd.h>

#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::testing::ElementsAre;
using ::testing::SizeIs;

TEST(LoggerTest, FiltersBySeverityAndStampsWithTheGivenClock) {
  CapturingLogSink sink;
  ManualClock clock(absl::FromUnixSeconds(0));
  Logger logger(&sink, &clock, LogLevel::kWarning);
  logger.Debug("d");
  logger.Info("i");
  logger.Warning("w", {{"k", 1}});
  logger.Error("e");
  logger.set_min_level(LogLevel::kDebug);
  logger.Debug("d2");
  EXPECT_THAT(
      sink.lines(),
      ElementsAre("{\"ts\":\"1970-01-01T00:00:00.000Z\",\"level\":\"WARNING\",\"event\":\"w\","
                  "\"k\":1}",
                  "{\"ts\":\"1970-01-01T00:00:00.000Z\",\"level\":\"ERROR\",\"event\":\"e\"}",
                  "{\"ts\":\"1970-01-01T00:00:00.000Z\",\"level\":\"DEBUG\",\"event\":\"d2\"}"));
}

// Each Write receives exactly one whole line, whatever the thread count.
class CheckingSink final : public LogSink {
 public:
  void Write(absl::string_view line) override {
    absl::MutexLock lock(&mutex_);
    ++writes_;
    if (line.empty() || line.back() != '\n' || line.find('\n') != line.size() - 1) ++bad_;
  }
  int writes() {
    absl::MutexLock lock(&mutex_);
    return writes_;
  }
  int bad() {
    absl::MutexLock lock(&mutex_);
    return bad_;
  }

 private:
  absl::Mutex mutex_;
  int writes_ ABSL_GUARDED_BY(mutex_) = 0;
  int bad_ ABSL_GUARDED_BY(mutex_) = 0;
};

TEST(LoggerTest, ConcurrentLoggingWritesOneWholeLinePerEvent) {
  CheckingSink sink;
  ManualClock clock(absl::FromUnixSeconds(0));
  Logger logger(&sink, &clock);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&logger, t] {
      for (int i = 0; i < 200; ++i) logger.Info("e", {{"text", "a\nb"}, {"t", t}, {"i", i}});
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(sink.writes(), 8 * 200);
  EXPECT_EQ(sink.bad(), 0);
}

TEST(FdLogSinkTest, WritesLinesToTheDescriptor) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  {
    FdLogSink sink(fds[1]);
    sink.Write("one\n");
    sink.Write("two\n");
  }
  ::close(fds[1]);
  std::string read;
  char buffer[64];
  ssize_t n;
  while ((n = ::read(fds[0], buffer, sizeof(buffer))) > 0) read.append(buffer, n);
  ::close(fds[0]);
  EXPECT_EQ(read, "one\ntwo\n");
}

}  // namespace
}  // namespace cs::common

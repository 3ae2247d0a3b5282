// Writes structured log lines (see log_line.h) for events at or above a minimum level. Thread-safe:
// any thread may log; each line reaches the sink in one Write call, so lines from different threads
// never interleave. The process-wide logger writes to stdout; components take a Logger& so tests
// can capture lines with their own sink.
#ifndef CS_COMMON_LOG_LOGGER_H_
#define CS_COMMON_LOG_LOGGER_H_

#include <atomic>
#include <initializer_list>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "common/log/log_line.h"
#include "common/time/clock.h"

namespace cs::common {

// Where finished lines go. Write is called with one complete line including its trailing '\n'; an
// implementation must be thread-safe.
class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void Write(absl::string_view line) = 0;
};

// Writes each line to a file descriptor with as few write(2) calls as the kernel allows, under a
// lock, so concurrent lines never interleave. Write errors are ignored: logging must never take the
// process down.
class FdLogSink final : public LogSink {
 public:
  explicit FdLogSink(int fd) : fd_(fd) {}
  void Write(absl::string_view line) override;

 private:
  const int fd_;
  absl::Mutex mutex_;
};

// Keeps every line in memory, for tests. Thread-safe.
class CapturingLogSink final : public LogSink {
 public:
  void Write(absl::string_view line) override;
  // Every line written so far, without trailing newlines.
  std::vector<std::string> lines() const;

 private:
  mutable absl::Mutex mutex_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mutex_);
};

class Logger final {
 public:
  // `sink` and `clock` must outlive the logger. The clock only stamps lines; it is the real clock
  // in production even when the process runs a test clock, so operators read true times.
  Logger(LogSink* sink, const Clock* clock, LogLevel min_level = LogLevel::kInfo)
      : sink_(sink), clock_(clock), min_level_(min_level) {}

  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  // The process-wide logger: stdout, the real clock, INFO until told otherwise. Never destroyed.
  static Logger& Default();

  void set_min_level(LogLevel level) { min_level_.store(level, std::memory_order_relaxed); }
  LogLevel min_level() const { return min_level_.load(std::memory_order_relaxed); }
  bool Enabled(LogLevel level) const { return level >= min_level(); }

  // Writes the line when `level` passes the filter.
  void Log(LogLevel level, absl::string_view event, std::initializer_list<LogField> fields = {});

  void Debug(absl::string_view event, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kDebug, event, fields);
  }
  void Info(absl::string_view event, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kInfo, event, fields);
  }
  void Warning(absl::string_view event, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kWarning, event, fields);
  }
  void Error(absl::string_view event, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kError, event, fields);
  }

 private:
  LogSink* const sink_;
  const Clock* const clock_;
  std::atomic<LogLevel> min_level_;
};

}  // namespace cs::common

#endif  // CS_COMMON_LOG_LOGGER_H_

#include "common/calendar/calendar_reloader.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::WithNextYearVersion;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class CalendarReloaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = absl::StrCat(::testing::TempDir(), "/reloader_", ++counter_, "_calendar.textproto");
    deployed_ = ReadFile(CS_CALENDAR_FILE);
    ASSERT_FALSE(deployed_.empty());
    Write(deployed_);
    auto metrics = MetricsServer::Start("127.0.0.1", 0);
    ASSERT_THAT(metrics, IsOk());
    metrics_ = *std::move(metrics);
    auto reloader = CalendarReloader::Create(path_, *metrics_, logger_, clock_);
    ASSERT_THAT(reloader, IsOk());
    reloader_ = *std::move(reloader);
  }

  // Replaces the file whole, as an editor that saves by renaming does (a new inode each time), so
  // its signature changes whatever the timestamp granularity of the file system.
  void Write(const std::string& text) {
    const std::string staging = absl::StrCat(path_, ".new");
    std::ofstream(staging) << text;
    ASSERT_EQ(std::rename(staging.c_str(), path_.c_str()), 0);
  }

  double Reloads(const std::string& result) {
    auto text = common::testing::HttpGet(metrics_->port(), "/metrics");
    if (!text.ok()) return -1;
    return common::testing::SumSamples(*text, "cs_calendar_reloads_total", {{"result", result}})
        .value_or(-1);
  }
  double HorizonSeconds(const std::string& version) {
    auto text = common::testing::HttpGet(metrics_->port(), "/metrics");
    if (!text.ok()) return -1;
    return common::testing::SumSamples(*text, "cs_calendar_horizon_seconds", {{"version", version}})
        .value_or(-1);
  }

  static int counter_;
  std::string path_;
  std::string deployed_;
  CapturingLogSink sink_;
  ManualClock clock_{ShanghaiTime(2026, 12, 6, 12, 0)};
  Logger logger_{&sink_, &clock_};
  std::unique_ptr<MetricsServer> metrics_;
  std::unique_ptr<CalendarReloader> reloader_;
};

int CalendarReloaderTest::counter_ = 0;

TEST_F(CalendarReloaderTest, ReloadSwapsInANewVersionAndTheHorizonFollows) {
  const CalendarSet& before = reloader_->calendars().Get();
  EXPECT_EQ(Reloads("applied"), 0);
  EXPECT_EQ(HorizonSeconds("cn-2026.1"), 26 * 86400 - 12 * 3600);
  Write(WithNextYearVersion(deployed_));
  EXPECT_THAT(reloader_->Reload("test"), IsOkAndHolds(true));
  const CalendarSet& after = reloader_->calendars().Get();
  EXPECT_EQ(after.current().version(), "cn-2027.1");
  EXPECT_THAT(after.versions(), ElementsAre("cn-2026.1", "cn-2027.1"));
  EXPECT_FALSE(after.current().IsWorkingDay(absl::CivilDay(2027, 1, 1)));
  // What a request took before the reload is still whole.
  EXPECT_EQ(before.current().version(), "cn-2026.1");
  EXPECT_EQ(Reloads("applied"), 1);
  EXPECT_EQ(HorizonSeconds("cn-2027.1"), (26 + 365) * 86400 - 12 * 3600);
  EXPECT_EQ(HorizonSeconds("cn-2026.1"), 0) << "only the current version is exported";
}

TEST_F(CalendarReloaderTest, UnchangedFileKeepsTheSetAndCountsUnchanged) {
  const CalendarSet* before = &reloader_->calendars().Get();
  Write(absl::StrCat("# a comment changes nothing\n", deployed_));
  EXPECT_THAT(reloader_->Reload("test"), IsOkAndHolds(false));
  EXPECT_EQ(&reloader_->calendars().Get(), before);
  EXPECT_EQ(Reloads("unchanged"), 1);
  EXPECT_EQ(Reloads("applied"), 0);
}

TEST_F(CalendarReloaderTest, BadFileIsRejectedWithItsLineAndTheOldSetStays) {
  const CalendarSet* before = &reloader_->calendars().Get();
  std::string broken = WithNextYearVersion(deployed_);
  broken = absl::StrReplaceAll(
      broken, {{R"(holidays { date: "2027-01-01")", R"(holidays { date: "2027-02-30")"}});
  Write(broken);
  EXPECT_THAT(reloader_->Reload("test"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr(absl::StrCat(path_, ":")),
                             HasSubstr("versions[1].holidays[33].date: \"2027-02-30\" is not a "
                                       "date"))));
  EXPECT_EQ(&reloader_->calendars().Get(), before);
  EXPECT_EQ(reloader_->calendars().Get().current().version(), "cn-2026.1");
  EXPECT_EQ(Reloads("rejected"), 1);
  EXPECT_EQ(HorizonSeconds("cn-2026.1"), 26 * 86400 - 12 * 3600);
  // The next good file is taken.
  Write(WithNextYearVersion(deployed_));
  EXPECT_THAT(reloader_->Reload("test"), IsOkAndHolds(true));
}

TEST_F(CalendarReloaderTest, MissingFileIsNotFoundAndTheOldSetStays) {
  ASSERT_EQ(std::remove(path_.c_str()), 0);
  EXPECT_THAT(reloader_->Reload("test"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(reloader_->calendars().Get().current().version(), "cn-2026.1");
  EXPECT_EQ(Reloads("rejected"), 1);
}

// Deadlines already computed name their version and are recomputed with it (SPEC "Working time"),
// so a version that was in force may not disappear or change.
TEST_F(CalendarReloaderTest, RemovingOrEditingAReferencedVersionIsRefused) {
  Write(WithNextYearVersion(deployed_));
  ASSERT_THAT(reloader_->Reload("test"), IsOkAndHolds(true));
  const std::string two_versions = ReadFile(path_);

  // cn-2026.1 dropped: only cn-2027.1 left.
  const size_t second = two_versions.find("versions {", two_versions.find("versions {") + 1);
  const std::string without_first =
      absl::StrCat("current_version: \"cn-2027.1\"\n", two_versions.substr(second));
  Write(without_first);
  EXPECT_THAT(reloader_->Reload("test"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("versions: published version \"cn-2026.1\" is missing")));

  // cn-2026.1 edited in place: a holiday moved.
  Write(absl::StrReplaceAll(
      two_versions, {{R"(holidays { date: "2026-10-07")", R"(holidays { date: "2026-10-08")"}}));
  EXPECT_THAT(reloader_->Reload("test"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("versions[0].holidays[32].date: changes published version "
                                 "\"cn-2026.1\"")));
  EXPECT_EQ(reloader_->calendars().Get().current().version(), "cn-2027.1");
  EXPECT_THAT(reloader_->calendars().Get().versions(), ElementsAre("cn-2026.1", "cn-2027.1"));
  EXPECT_EQ(Reloads("rejected"), 2);
}

// The periodic check reads a changed file once it has stayed the same for one check, so a file
// still being written is not read half-way; an unchanged file is not read at all.
TEST_F(CalendarReloaderTest, CheckFileReloadsAChangedFileOnceItSettles) {
  EXPECT_OK(reloader_->CheckFile());
  EXPECT_EQ(Reloads("unchanged"), 0) << "an unchanged file is not read";
  Write(WithNextYearVersion(deployed_));
  EXPECT_OK(reloader_->CheckFile());
  EXPECT_EQ(reloader_->calendars().Get().current().version(), "cn-2026.1") << "not settled yet";
  EXPECT_OK(reloader_->CheckFile());
  EXPECT_EQ(reloader_->calendars().Get().current().version(), "cn-2027.1");
  EXPECT_EQ(Reloads("applied"), 1);
  EXPECT_OK(reloader_->CheckFile());
  EXPECT_EQ(Reloads("applied") + Reloads("unchanged"), 1) << "read once per change";
}

TEST_F(CalendarReloaderTest, CheckFileReportsABrokenFileOncePerChange) {
  Write("current_version: \"cn-2026.1\"\nversions { version: \"cn-2026.1\" }\n");
  EXPECT_OK(reloader_->CheckFile());
  EXPECT_THAT(reloader_->CheckFile(), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_OK(reloader_->CheckFile());
  EXPECT_OK(reloader_->CheckFile());
  EXPECT_EQ(Reloads("rejected"), 1);
  EXPECT_EQ(reloader_->calendars().Get().current().version(), "cn-2026.1");
}

}  // namespace
}  // namespace cs::common

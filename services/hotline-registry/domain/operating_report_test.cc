// H6 (A2 7.5, 7.7): the month's connection rate against the 80 % target, calls outside the hours
// reported apart, and the report submitted by the due working day of the next month.
#include "services/hotline-registry/domain/operating_report.h"

#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::hotline {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

const common::Deadline kAprilDue{ShanghaiTime(2026, 5, 11, 17, 30), "cn-2026.1"};

OperatingReport Report(CallCounts calls, absl::optional<ReportSubmission> submission = {},
                       absl::Time now = ShanghaiTime(2026, 5, 6, 9, 0)) {
  return BuildReport(7, "broadband", "2026-04", calls, PhraseUse{}, 80, kAprilDue,
                     std::move(submission), now);
}

TEST(OperatingReportTest, H6_ExactlyEightyPercentPassesAnd799Of1000IsFlagged) {
  const OperatingReport exact = Report({1000, 800, 0, 0});
  EXPECT_DOUBLE_EQ(exact.connection_rate_percent, 80.0);
  EXPECT_FALSE(exact.below_target);
  const OperatingReport short_by_one = Report({1000, 799, 0, 0});
  EXPECT_DOUBLE_EQ(short_by_one.connection_rate_percent, 79.9);
  EXPECT_TRUE(short_by_one.below_target);
  // Rates that are not exact in binary still compare exactly: 4 of 5 is 80 %.
  EXPECT_FALSE(Report({5, 4, 0, 0}).below_target);
  EXPECT_TRUE(Report({3, 2, 0, 0}).below_target);
  EXPECT_DOUBLE_EQ(exact.target_percent, 80);
}

TEST(OperatingReportTest, H6_AMonthWithoutCallsIsAtOneHundredPercent) {
  const OperatingReport quiet = Report({0, 0, 3, 0});
  EXPECT_DOUBLE_EQ(quiet.connection_rate_percent, 100.0);
  EXPECT_FALSE(quiet.below_target);
  EXPECT_DOUBLE_EQ(quiet.phrase_use_percent, 100.0);
}

TEST(OperatingReportTest, H6_CallsOutsideTheHoursAreReportedApartFromTheRate) {
  const OperatingReport report = Report({100, 90, 40, 1});
  EXPECT_DOUBLE_EQ(report.connection_rate_percent, 90.0);
  EXPECT_EQ(report.calls.offered_outside_hours, 40);
  EXPECT_EQ(report.calls.answered_outside_hours, 1);
  EXPECT_FALSE(report.below_target);
}

TEST(OperatingReportTest, H8_PhraseUseIsTheShareOfScoredCallsThatUsedEveryPhrase) {
  const OperatingReport report = BuildReport(7, "broadband", "2026-04", {}, PhraseUse{8, 6}, 80,
                                             kAprilDue, {}, ShanghaiTime(2026, 5, 6, 9, 0));
  EXPECT_EQ(report.calls_scored, 8);
  EXPECT_EQ(report.calls_using_every_phrase, 6);
  EXPECT_DOUBLE_EQ(report.phrase_use_percent, 75.0);
}

TEST(OperatingReportTest, H6_TheReportIsDueOnTheFifthWorkingDayOfTheNextMonth) {
  const common::WorkingCalendar calendar = common::testing::Cn2026Calendar();
  // April's report: Labour Day 1–5 May, make-up Saturday 9 May — the 5th working day is Monday
  // 11 May, due at its close of business (the archive's monthly report falls due the same way).
  EXPECT_THAT(ReportDue("2026-04", 5, calendar), IsOkAndHolds(kAprilDue));
  EXPECT_THAT(ReportDue("2026-4", 5, calendar),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")));
  EXPECT_THAT(
      ReportDue("2026-04", 0, calendar),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("monthly_report_due_working_day")));
}

TEST(OperatingReportTest, H6_AReportSubmittedAfterItsDueWorkingDayIsLate) {
  const ReportSubmission on_time{7, "2026-04", "clerk", kAprilDue.at, "", true};
  EXPECT_TRUE(SubmittedOnTime(kAprilDue.at, kAprilDue));
  EXPECT_FALSE(SubmittedOnTime(kAprilDue.at + absl::Seconds(1), kAprilDue));
  EXPECT_FALSE(Report({}, on_time, kAprilDue.at + absl::Hours(100)).late);

  ReportSubmission after = on_time;
  after.submitted_at = ShanghaiTime(2026, 5, 12, 9, 0);
  after.on_time = false;
  EXPECT_TRUE(Report({}, after, ShanghaiTime(2026, 5, 12, 9, 0)).late);
  // Not submitted: late once the due instant has passed, not before.
  EXPECT_FALSE(Report({}, {}, kAprilDue.at).late);
  EXPECT_TRUE(Report({}, {}, kAprilDue.at + absl::Seconds(1)).late);
}

TEST(OperatingReportTest, H6_OnlyAFinishedMonthIsReported) {
  const absl::TimeZone zone = common::testing::ShanghaiTimeZone();
  EXPECT_THAT(CheckReportSubmittable("2026-04", ShanghaiTime(2026, 5, 1, 0, 0), zone), IsOk());
  EXPECT_THAT(CheckReportSubmittable("2026-04", ShanghaiTime(2026, 4, 30, 23, 59), zone),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not over")));
  EXPECT_THAT(CheckReportSubmittable("April", ShanghaiTime(2026, 5, 1, 0, 0), zone),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")));
}

}  // namespace
}  // namespace cs::hotline

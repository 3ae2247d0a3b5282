// The month of a monthly report and its due date (A1 7.4.1, A2 7.7, A3 7.5.2: 每月按时上报).
#include "common/time/report_month.h"

#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ReportMonthTest, V5_H6_MonthsAreYyyyMm) {
  EXPECT_THAT(ParseMonth("2026-03", "month"), IsOkAndHolds(absl::CivilMonth(2026, 3)));
  EXPECT_EQ(FormatMonth(absl::CivilMonth(2026, 3)), "2026-03");
  for (const char* bad : {"2026-3", "2026-13", "26-03", "2026/03", "", "2026-03-01", "1999-12"}) {
    EXPECT_THAT(ParseMonth(bad, "month"),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")))
        << bad;
  }
}

TEST(ReportMonthTest, V5_H6_ReportIsDueOnTheConfiguredWorkingDayOfTheNextMonth) {
  const WorkingCalendar calendar = testing::Cn2026Calendar();
  // September's report: National Day holidays 1–7 October, make-up Saturday the 10th — the 5th
  // working day of October is Tuesday the 13th, due at its close of business.
  EXPECT_THAT(MonthlyReportDue(calendar, absl::CivilMonth(2026, 9), 5),
              IsOkAndHolds(Deadline{ShanghaiTime(2026, 10, 13, 17, 30), "cn-2026.1"}));
  // April's: Labour Day 1–5 May, make-up Saturday 9 May.
  EXPECT_THAT(MonthlyReportDue(calendar, absl::CivilMonth(2026, 4), 5),
              IsOkAndHolds(Deadline{ShanghaiTime(2026, 5, 11, 17, 30), "cn-2026.1"}));
  EXPECT_THAT(MonthlyReportDue(calendar, absl::CivilMonth(2026, 5), 1),
              IsOkAndHolds(Deadline{ShanghaiTime(2026, 6, 1, 17, 30), "cn-2026.1"}));
  EXPECT_THAT(
      MonthlyReportDue(calendar, absl::CivilMonth(2026, 5), 0),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("monthly_report_due_working_day")));
}

TEST(ReportMonthTest, V5_H6_ADueDayPastTheHorizonIsProvisional) {
  const WorkingCalendar calendar = testing::Cn2026Calendar();
  // December's report falls in January 2027, which the 2026 calendar knows only by its weekly
  // pattern (New Year's Day would move it).
  absl::StatusOr<Deadline> due = MonthlyReportDue(calendar, absl::CivilMonth(2026, 12), 5);
  ASSERT_TRUE(due.ok()) << due.status();
  EXPECT_EQ(due->at, ShanghaiTime(2027, 1, 7, 17, 30));
  EXPECT_TRUE(due->provisional);
}

TEST(MonthBoundsTest, C7_AMonthSpansLocalMidnightToLocalMidnightAndIsOverAtItsEnd) {
  const absl::TimeZone zone = testing::ShanghaiTimeZone();
  const MonthSpan april = MonthBounds(absl::CivilMonth(2026, 4), zone);
  EXPECT_EQ(april.start, ShanghaiTime(2026, 4, 1, 0, 0));
  EXPECT_EQ(april.end, ShanghaiTime(2026, 5, 1, 0, 0));
  EXPECT_EQ(MonthBounds(absl::CivilMonth(2026, 12), zone).end, ShanghaiTime(2027, 1, 1, 0, 0));
  EXPECT_FALSE(MonthIsOver(absl::CivilMonth(2026, 4), april.end - absl::Seconds(1), zone));
  EXPECT_TRUE(MonthIsOver(absl::CivilMonth(2026, 4), april.end, zone));
  EXPECT_FALSE(MonthIsOver(absl::CivilMonth(2026, 5), april.end, zone));
}

}  // namespace
}  // namespace cs::common

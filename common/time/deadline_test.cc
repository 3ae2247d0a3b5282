#include "common/time/deadline.h"

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::Cn2026Calendar;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

class ComputeDeadlineTest : public ::testing::Test {
 protected:
  // A deadline made with the 2026 calendar at `at`.
  static Deadline At(absl::Time at) { return Deadline{at, "cn-2026.1"}; }

  const WorkingCalendar calendar_ = Cn2026Calendar();
};

TEST_F(ComputeDeadlineTest, I5_OneWorkingHour) {
  EXPECT_THAT(
      ComputeDeadline(calendar_, ShanghaiTime(2026, 3, 10, 11, 0), {PeriodUnit::kWorkingHours, 1}),
      IsOkAndHolds(At(ShanghaiTime(2026, 3, 10, 12, 0))));
}

TEST_F(ComputeDeadlineTest, WorkingMinutes) {
  EXPECT_THAT(ComputeDeadline(calendar_, ShanghaiTime(2026, 3, 10, 11, 50),
                              {PeriodUnit::kWorkingMinutes, 15}),
              IsOkAndHolds(At(ShanghaiTime(2026, 3, 10, 13, 5))));
}

TEST_F(ComputeDeadlineTest, I5_SpecialRequestFifteenWallMinutesIgnoresTheCalendar) {
  EXPECT_THAT(
      ComputeDeadline(calendar_, ShanghaiTime(2026, 2, 17, 23, 50), {PeriodUnit::kWallMinutes, 15}),
      IsOkAndHolds(At(ShanghaiTime(2026, 2, 18, 0, 5))));
}

TEST_F(ComputeDeadlineTest, S1_FiveWorkingDays) {
  EXPECT_THAT(
      ComputeDeadline(calendar_, ShanghaiTime(2026, 2, 12, 10, 0), {PeriodUnit::kWorkingDays, 5}),
      IsOkAndHolds(At(ShanghaiTime(2026, 2, 26, 17, 30))));
}

TEST_F(ComputeDeadlineTest, S2_SeventyTwoWallHoursRunThroughWeekendsAndHolidays) {
  EXPECT_THAT(
      ComputeDeadline(calendar_, ShanghaiTime(2026, 9, 30, 10, 0), {PeriodUnit::kWallHours, 72}),
      IsOkAndHolds(At(ShanghaiTime(2026, 10, 3, 10, 0))));
}

TEST_F(ComputeDeadlineTest, H3_ThreeMonthsEndWithTheLastDayOfFebruary) {
  EXPECT_THAT(
      ComputeDeadline(calendar_, ShanghaiTime(2026, 11, 30, 15, 0), {PeriodUnit::kMonths, 3}),
      IsOkAndHolds(At(ShanghaiTime(2027, 3, 1, 0, 0))));
}

TEST_F(ComputeDeadlineTest, V2_TwoYears) {
  EXPECT_THAT(ComputeDeadline(calendar_, ShanghaiTime(2026, 3, 10, 15, 0), {PeriodUnit::kYears, 2}),
              IsOkAndHolds(At(ShanghaiTime(2028, 3, 11, 0, 0))));
}

TEST_F(ComputeDeadlineTest, NonPositiveOrHugeAmountIsInvalidArgument) {
  const absl::Time start = ShanghaiTime(2026, 3, 10, 11, 0);
  EXPECT_THAT(ComputeDeadline(calendar_, start, {PeriodUnit::kWorkingHours, 0}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("working hours")));
  EXPECT_THAT(ComputeDeadline(calendar_, start, {PeriodUnit::kWorkingDays, -5}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("got -5")));
  EXPECT_THAT(ComputeDeadline(calendar_, start, {PeriodUnit::kYears, 101}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("1..100")));
  EXPECT_THAT(ComputeDeadline(calendar_, absl::InfinitePast(), {PeriodUnit::kWallHours, 1}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// Past the horizon (2026-12-31 for cn-2026.1) the calendar knows the weekly pattern only: the
// 2027 New Year holiday is unknown, weekends still do not count, and every working-time deadline
// counted there is provisional — with its version recorded as always.
TEST_F(ComputeDeadlineTest, WorkingTimePastTheHorizonIsProvisional) {
  EXPECT_THAT(
      ComputeDeadline(calendar_, ShanghaiTime(2026, 12, 31, 17, 0), {PeriodUnit::kWorkingHours, 1}),
      IsOkAndHolds(Deadline{ShanghaiTime(2027, 1, 1, 9, 30), "cn-2026.1", true}));
  EXPECT_THAT(
      ComputeDeadline(calendar_, ShanghaiTime(2026, 12, 31, 10, 0), {PeriodUnit::kWorkingDays, 2}),
      IsOkAndHolds(Deadline{ShanghaiTime(2027, 1, 4, 17, 30), "cn-2026.1", true}));
  EXPECT_THAT(ComputeDeadline(calendar_, ShanghaiTime(2027, 3, 5, 17, 0),
                              {PeriodUnit::kWorkingMinutes, 45}),
              IsOkAndHolds(Deadline{ShanghaiTime(2027, 3, 8, 9, 15), "cn-2026.1", true}));
}

TEST_F(ComputeDeadlineTest, WorkingTimeEndingOnTheHorizonDayIsNotProvisional) {
  // Up to the close of business of the horizon day: the data covers every minute counted.
  EXPECT_THAT(ComputeDeadline(calendar_, ShanghaiTime(2026, 12, 31, 16, 30),
                              {PeriodUnit::kWorkingHours, 1}),
              IsOkAndHolds(At(ShanghaiTime(2026, 12, 31, 17, 30))));
  EXPECT_THAT(
      ComputeDeadline(calendar_, ShanghaiTime(2026, 12, 30, 10, 0), {PeriodUnit::kWorkingDays, 1}),
      IsOkAndHolds(At(ShanghaiTime(2026, 12, 31, 17, 30))));
}

TEST_F(ComputeDeadlineTest, MonthsAndWallTimePastTheHorizonAreNotProvisional) {
  // They do not depend on holidays.
  EXPECT_THAT(
      ComputeDeadline(calendar_, ShanghaiTime(2026, 12, 31, 10, 0), {PeriodUnit::kMonths, 2}),
      IsOkAndHolds(At(ShanghaiTime(2027, 3, 1, 0, 0))));
  EXPECT_THAT(
      ComputeDeadline(calendar_, ShanghaiTime(2026, 12, 31, 10, 0), {PeriodUnit::kWallHours, 72}),
      IsOkAndHolds(At(ShanghaiTime(2027, 1, 3, 10, 0))));
}

TEST(WorkingCalendarHorizonTest, EndsPastHorizonCountsTheLastInstantBeforeTheEnd) {
  const WorkingCalendar calendar = Cn2026Calendar();
  // 24:00 of the horizon day ends a span that lay on the horizon day.
  EXPECT_FALSE(calendar.EndsPastHorizon(ShanghaiTime(2027, 1, 1, 0, 0)));
  EXPECT_TRUE(calendar.EndsPastHorizon(ShanghaiTime(2027, 1, 1, 0, 0, 1)));
  EXPECT_FALSE(calendar.EndsPastHorizon(ShanghaiTime(2026, 12, 31, 17, 30)));
  EXPECT_FALSE(calendar.EndsPastHorizon(absl::InfiniteFuture()));
}

TEST(PeriodTest, ToStringNamesAmountAndUnit) {
  EXPECT_EQ(PeriodToString({PeriodUnit::kWorkingHours, 1}), "1 working hour");
  EXPECT_EQ(PeriodToString({PeriodUnit::kWorkingDays, 5}), "5 working days");
  EXPECT_EQ(PeriodToString({PeriodUnit::kWallHours, 72}), "72 wall-clock hours");
}

}  // namespace
}  // namespace cs::common

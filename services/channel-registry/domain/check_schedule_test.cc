// C5 (A3 7.5.3): checks at the registered frequency — 7×24 in wall time, working hours on the real
// 2026 calendar (Labour Day 2026-05-01…05-05 off, Saturday 2026-05-09 a make-up working day).
#include "services/channel-registry/domain/check_schedule.h"

#include <vector>

#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::channel {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;

constexpr ServiceTime kTwiceADayWorkingHours{false, 2};
constexpr ServiceTime kTwiceADayAroundTheClock{true, 2};

class CheckScheduleTest : public ::testing::Test {
 protected:
  const common::WorkingCalendar calendar_ = common::testing::Cn2026Calendar();
};

TEST_F(CheckScheduleTest, C5_TheIntervalIsTheServiceDayOverTheChecksADay) {
  EXPECT_EQ(CheckInterval(kTwiceADayAroundTheClock, calendar_), absl::Hours(12));
  EXPECT_EQ(CheckInterval({true, 48}, calendar_), absl::Minutes(30));
  // 09:00–12:00 and 13:00–17:30 are 7 h 30 min of working time: twice a day is every 3 h 45 min.
  EXPECT_EQ(CheckInterval(kTwiceADayWorkingHours, calendar_), absl::Minutes(225));
  EXPECT_EQ(CheckInterval({false, 3}, calendar_), absl::Minutes(150));
  EXPECT_EQ(CheckInterval({false, 0}, calendar_), absl::ZeroDuration());
}

TEST_F(CheckScheduleTest, C5_TwiceADayInsideWorkingHoursAcrossAWeekend) {
  // Friday 2026-05-15 17:30 is due; the next is Monday 05-18 13:45 (09:00–12:00 + 45 min).
  EXPECT_THAT(NextCheckDue(ShanghaiTime(2026, 5, 15, 17, 30), kTwiceADayWorkingHours, calendar_),
              IsOkAndHolds(ShanghaiTime(2026, 5, 18, 13, 45)));
  // A check at 16:00 on Friday: 1 h 30 min that day, 2 h 15 min on Monday.
  EXPECT_THAT(NextCheckDue(ShanghaiTime(2026, 5, 15, 16, 0), kTwiceADayWorkingHours, calendar_),
              IsOkAndHolds(ShanghaiTime(2026, 5, 18, 11, 15)));
}

TEST_F(CheckScheduleTest,
       C5_TwiceADayInsideWorkingHoursAcrossAWeekendAHolidayAndAMakeUpWorkingSaturday) {
  ASSERT_TRUE(calendar_.IsPublicHoliday(absl::CivilDay(2026, 5, 1)));
  ASSERT_TRUE(calendar_.IsWorkingDay(absl::CivilDay(2026, 5, 9)));  // a Saturday
  // Filed Thursday 2026-04-30 09:00: due 13:45 and 17:30; Labour Day (05-01…05-05, with its
  // weekend) runs no clock; Wednesday to Friday twice a day; make-up Saturday 05-09 twice too;
  // Sunday 05-10 nothing; Monday 05-11 13:45.
  absl::StatusOr<absl::Time> first =
      NextCheckDue(ShanghaiTime(2026, 4, 30, 9, 0), kTwiceADayWorkingHours, calendar_);
  ASSERT_THAT(first, IsOkAndHolds(ShanghaiTime(2026, 4, 30, 13, 45)));
  EXPECT_THAT(
      UpcomingDueTimes(*first, ShanghaiTime(2026, 4, 30, 9, 0), 11, kTwiceADayWorkingHours,
                       calendar_),
      IsOkAndHolds(ElementsAre(ShanghaiTime(2026, 4, 30, 13, 45), ShanghaiTime(2026, 4, 30, 17, 30),
                               ShanghaiTime(2026, 5, 6, 13, 45), ShanghaiTime(2026, 5, 6, 17, 30),
                               ShanghaiTime(2026, 5, 7, 13, 45), ShanghaiTime(2026, 5, 7, 17, 30),
                               ShanghaiTime(2026, 5, 8, 13, 45), ShanghaiTime(2026, 5, 8, 17, 30),
                               ShanghaiTime(2026, 5, 9, 13, 45), ShanghaiTime(2026, 5, 9, 17, 30),
                               ShanghaiTime(2026, 5, 11, 13, 45))));
}

TEST_F(CheckScheduleTest, C5_AroundTheClockRunsThroughNightsAndHolidaysInWallTime) {
  EXPECT_THAT(NextCheckDue(ShanghaiTime(2026, 5, 1, 20, 0), kTwiceADayAroundTheClock, calendar_),
              IsOkAndHolds(ShanghaiTime(2026, 5, 2, 8, 0)));
  EXPECT_THAT(
      UpcomingDueTimes(ShanghaiTime(2026, 5, 1, 8, 0), ShanghaiTime(2026, 5, 1, 8, 0), 0,
                       kTwiceADayAroundTheClock, calendar_),
      IsOkAndHolds(ElementsAre(ShanghaiTime(2026, 5, 1, 8, 0), ShanghaiTime(2026, 5, 1, 20, 0),
                               ShanghaiTime(2026, 5, 2, 8, 0), ShanghaiTime(2026, 5, 2, 20, 0))));
}

TEST_F(CheckScheduleTest, C5_OverdueOnlyAfterTheDueInstant) {
  const absl::Time due = ShanghaiTime(2026, 5, 6, 13, 45);
  EXPECT_FALSE(CheckOverdue(due, due));
  EXPECT_TRUE(CheckOverdue(due, due + absl::Seconds(1)));
  EXPECT_FALSE(CheckOverdue(absl::nullopt, due + absl::Hours(1000)));
}

TEST_F(CheckScheduleTest, C5_UpcomingForAnOverdueChannelStartsAtTheFirstDueTimeAfterFrom) {
  // Due at 05-01 08:00 and never checked: listed from 05-03 09:00 the chain is 05-03 20:00, …
  EXPECT_THAT(
      UpcomingDueTimes(ShanghaiTime(2026, 5, 1, 8, 0), ShanghaiTime(2026, 5, 3, 9, 0), 2,
                       kTwiceADayAroundTheClock, calendar_),
      IsOkAndHolds(ElementsAre(ShanghaiTime(2026, 5, 3, 20, 0), ShanghaiTime(2026, 5, 4, 8, 0))));
  // Working hours: the jump over whole intervals lands on the chain's own due times.
  EXPECT_THAT(UpcomingDueTimes(ShanghaiTime(2026, 4, 30, 13, 45), ShanghaiTime(2026, 5, 9, 0, 0), 2,
                               kTwiceADayWorkingHours, calendar_),
              IsOkAndHolds(
                  ElementsAre(ShanghaiTime(2026, 5, 9, 13, 45), ShanghaiTime(2026, 5, 9, 17, 30))));
}

TEST_F(CheckScheduleTest, C5_UpcomingCountIsBounded) {
  const absl::Time due = ShanghaiTime(2026, 5, 6, 13, 45);
  for (int bad : {-1, kMaxUpcomingCount + 1}) {
    const absl::Status status =
        UpcomingDueTimes(due, due, bad, kTwiceADayWorkingHours, calendar_).status();
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
    ASSERT_EQ(common::ViolationsOf(status).size(), 1u);
    EXPECT_EQ(common::ViolationsOf(status)[0].field, "count");
  }
  absl::StatusOr<std::vector<absl::Time>> most =
      UpcomingDueTimes(due, due, kMaxUpcomingCount, kTwiceADayWorkingHours, calendar_);
  ASSERT_TRUE(most.ok());
  EXPECT_EQ(most->size(), static_cast<size_t>(kMaxUpcomingCount));
  EXPECT_THAT(NextCheckDue(due, {false, 0}, calendar_),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(CheckScheduleTest, C5_EachUncheckedDueTimeIsOneMissAndTheNextCountsFromIt) {
  // 7×24 twice a day from 05-01 00:00: due 12:00. Checked 11:00 (next due 23:00): 23:00 passes
  // unchecked (miss 1), the next due is 05-02 11:00; checked 05:00 (next 17:00): 17:00 passes
  // (miss 2), the next due 05-03 05:00 lies past the period.
  const std::vector<absl::Time> checks = {ShanghaiTime(2026, 5, 2, 5, 0),
                                          ShanghaiTime(2026, 5, 1, 11, 0)};
  EXPECT_THAT(
      CountMissedChecks(checks, ShanghaiTime(2026, 5, 1, 0, 0), ShanghaiTime(2026, 5, 3, 0, 0),
                        ShanghaiTime(2026, 5, 1, 0, 0), kTwiceADayAroundTheClock, calendar_),
      IsOkAndHolds(2));
  // Only misses inside the period count; the chain before it still sets where it stands.
  EXPECT_THAT(
      CountMissedChecks(checks, ShanghaiTime(2026, 5, 2, 0, 0), ShanghaiTime(2026, 5, 3, 0, 0),
                        ShanghaiTime(2026, 5, 1, 0, 0), kTwiceADayAroundTheClock, calendar_),
      IsOkAndHolds(1));
  // Without the 05:00 check: 23:00, 05-02 11:00 and 23:00 are missed — but 23:00 on 05-02 lies in
  // the period [05-01, 05-03) too.
  EXPECT_THAT(CountMissedChecks({ShanghaiTime(2026, 5, 1, 11, 0)}, ShanghaiTime(2026, 5, 1, 0, 0),
                                ShanghaiTime(2026, 5, 3, 0, 0), ShanghaiTime(2026, 5, 1, 0, 0),
                                kTwiceADayAroundTheClock, calendar_),
              IsOkAndHolds(3));
}

TEST_F(CheckScheduleTest, C5_ACheckAtTheDueInstantIsInTime) {
  const std::vector<absl::Time> on_the_dot = {ShanghaiTime(2026, 5, 1, 12, 0),
                                              ShanghaiTime(2026, 5, 2, 0, 0),
                                              ShanghaiTime(2026, 5, 2, 12, 0)};
  EXPECT_THAT(
      CountMissedChecks(on_the_dot, ShanghaiTime(2026, 5, 1, 0, 0), ShanghaiTime(2026, 5, 3, 0, 0),
                        ShanghaiTime(2026, 5, 1, 0, 0), kTwiceADayAroundTheClock, calendar_),
      IsOkAndHolds(0));
  // One second late is a miss (and the chain moves on from the missed due time).
  EXPECT_THAT(
      CountMissedChecks({ShanghaiTime(2026, 5, 1, 12, 0, 1)}, ShanghaiTime(2026, 5, 1, 0, 0),
                        ShanghaiTime(2026, 5, 1, 23, 0), ShanghaiTime(2026, 5, 1, 0, 0),
                        kTwiceADayAroundTheClock, calendar_),
      IsOkAndHolds(1));
}

TEST_F(CheckScheduleTest, C5_ANeverCheckedWorkingHoursChannelMissesTwoADayOnEveryWorkingDayOfMay) {
  // May 2026 has 19 working days (05-06…05-08, make-up Saturday 05-09, 05-11…05-29 weekdays);
  // filed 2026-04-01 and never checked, the chain falls twice on each: 38 misses, and none on
  // Labour Day.
  EXPECT_THAT(CountMissedChecks({}, ShanghaiTime(2026, 5, 1, 0, 0), ShanghaiTime(2026, 6, 1, 0, 0),
                                ShanghaiTime(2026, 4, 1, 9, 0), kTwiceADayWorkingHours, calendar_),
              IsOkAndHolds(38));
  // Checked at every due time of the make-up Saturday only: two fewer.
  EXPECT_THAT(
      CountMissedChecks({ShanghaiTime(2026, 5, 9, 13, 45), ShanghaiTime(2026, 5, 9, 17, 30)},
                        ShanghaiTime(2026, 5, 1, 0, 0), ShanghaiTime(2026, 6, 1, 0, 0),
                        ShanghaiTime(2026, 4, 1, 9, 0), kTwiceADayWorkingHours, calendar_),
      IsOkAndHolds(36));
}

}  // namespace
}  // namespace cs::channel

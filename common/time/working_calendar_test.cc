#include "common/time/working_calendar.h"

#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::Cn2026Calendar;
using ::cs::common::testing::Cn2026CalendarData;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::Optional;

absl::Time Local(int year, int month, int day, int hour, int minute, int second = 0) {
  return ShanghaiTime(year, month, day, hour, minute, second);
}

absl::TimeZone Zone(const char* name) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone(name, &zone)) << name;
  return zone;
}

// Mon–Fri 09:00–17:00 in New York, holidays unknown; coverage 2026 only, so 2031 is outside the
// table.
WorkingCalendar NewYorkCalendar() {
  WorkingCalendarData data;
  data.version = "ny-test";
  data.time_zone = Zone("America/New_York");
  for (absl::Weekday weekday :
       {absl::Weekday::monday, absl::Weekday::tuesday, absl::Weekday::wednesday,
        absl::Weekday::thursday, absl::Weekday::friday}) {
    data.weekly_hours.push_back({weekday, {{9 * 60, 17 * 60}}});
  }
  data.coverage_start = absl::CivilDay(2026, 1, 1);
  data.horizon = absl::CivilDay(2026, 12, 31);
  auto calendar = WorkingCalendar::Create(std::move(data));
  EXPECT_TRUE(calendar.ok()) << calendar.status();
  return *std::move(calendar);
}

// Every day 00:00–04:00 in New York: the clock changes (02:00) fall inside working time.
WorkingCalendar NewYorkNightShiftCalendar() {
  WorkingCalendarData data;
  data.version = "ny-night";
  data.time_zone = Zone("America/New_York");
  for (int weekday = 0; weekday < 7; ++weekday) {
    data.weekly_hours.push_back({static_cast<absl::Weekday>(weekday), {{0, 4 * 60}}});
  }
  data.coverage_start = absl::CivilDay(2026, 1, 1);
  data.horizon = absl::CivilDay(2026, 12, 31);
  auto calendar = WorkingCalendar::Create(std::move(data));
  EXPECT_TRUE(calendar.ok()) << calendar.status();
  return *std::move(calendar);
}

class WorkingCalendarTest : public ::testing::Test {
 protected:
  // The result of AddWorkingTime, failing the test when it is an error.
  absl::Time Add(absl::Time start, absl::Duration duration) const {
    absl::StatusOr<absl::Time> end = calendar_.AddWorkingTime(start, duration);
    EXPECT_TRUE(end.ok()) << end.status();
    return end.value_or(absl::InfinitePast());
  }

  const WorkingCalendar calendar_ = Cn2026Calendar();
};

TEST_F(WorkingCalendarTest, I5_TheNominalWorkingDayIsTheWeeklyTimeOverTheWorkingWeekdays) {
  // Mon–Fri 09:00–12:00 and 13:00–17:30: 37 h 30 min over five days.
  EXPECT_EQ(calendar_.NominalWorkingDay(), absl::Hours(7) + absl::Minutes(30));
}

// ---- SPEC I5: one working hour, exact at every boundary of an ordinary day (Tue 2026-03-10).
// ----------

TEST_F(WorkingCalendarTest, I5_OneWorkingHourFromElevenEndsAtNoon) {
  EXPECT_EQ(Add(Local(2026, 3, 10, 11, 0), absl::Hours(1)), Local(2026, 3, 10, 12, 0));
}

TEST_F(WorkingCalendarTest, I5_OneWorkingHourFromOpeningEndsAtTen) {
  EXPECT_EQ(Add(Local(2026, 3, 10, 9, 0), absl::Hours(1)), Local(2026, 3, 10, 10, 0));
}

TEST_F(WorkingCalendarTest, I5_EventAtNoonStartsItsClockAfterLunch) {
  EXPECT_EQ(Add(Local(2026, 3, 10, 12, 0), absl::Hours(1)), Local(2026, 3, 10, 14, 0));
}

TEST_F(WorkingCalendarTest, I5_EventDuringLunchStartsItsClockAtOne) {
  EXPECT_EQ(Add(Local(2026, 3, 10, 12, 30), absl::Hours(1)), Local(2026, 3, 10, 14, 0));
}

TEST_F(WorkingCalendarTest, I5_HourAcrossLunchSkipsTheBreak) {
  EXPECT_EQ(Add(Local(2026, 3, 10, 11, 30), absl::Hours(1)), Local(2026, 3, 10, 13, 30));
}

TEST_F(WorkingCalendarTest, I5_EventBeforeOpeningStartsAtNine) {
  EXPECT_EQ(Add(Local(2026, 3, 10, 7, 15), absl::Hours(1)), Local(2026, 3, 10, 10, 0));
}

TEST_F(WorkingCalendarTest, I5_HourEndingExactlyAtClosingEndsAtClosing) {
  EXPECT_EQ(Add(Local(2026, 3, 10, 16, 30), absl::Hours(1)), Local(2026, 3, 10, 17, 30));
}

TEST_F(WorkingCalendarTest, I5_EventAtClosingRollsToNextMorning) {
  EXPECT_EQ(Add(Local(2026, 3, 10, 17, 30), absl::Hours(1)), Local(2026, 3, 11, 10, 0));
}

TEST_F(WorkingCalendarTest, I5_EventAfterClosingRollsToNextMorning) {
  EXPECT_EQ(Add(Local(2026, 3, 10, 18, 0), absl::Hours(1)), Local(2026, 3, 11, 10, 0));
}

TEST_F(WorkingCalendarTest, I5_HourAcrossTheNightResumesNextMorning) {
  EXPECT_EQ(Add(Local(2026, 3, 10, 17, 0), absl::Hours(1)), Local(2026, 3, 11, 9, 30));
}

TEST_F(WorkingCalendarTest, I5_FridayEveningHourEndsMondayMorning) {
  EXPECT_EQ(Add(Local(2026, 3, 13, 17, 0), absl::Hours(1)), Local(2026, 3, 16, 9, 30));
}

TEST_F(WorkingCalendarTest, I5_EventOnWeekendStartsMondayMorning) {
  EXPECT_EQ(Add(Local(2026, 3, 14, 10, 0), absl::Hours(1)), Local(2026, 3, 16, 10, 0));
}

TEST_F(WorkingCalendarTest, WorkingMinutesCountToTheMinute) {
  EXPECT_EQ(Add(Local(2026, 3, 10, 11, 45), absl::Minutes(30)), Local(2026, 3, 10, 13, 15));
}

// ---- Holidays and make-up working days of the 2026 schedule. -----------------------------------

TEST_F(WorkingCalendarTest, QingmingHolidayIsSkipped) {
  EXPECT_EQ(Add(Local(2026, 4, 3, 17, 0), absl::Hours(1)), Local(2026, 4, 7, 9, 30));
}

TEST_F(WorkingCalendarTest, MakeupSaturdaysWorkNormalWeekdayHours) {
  EXPECT_EQ(Add(Local(2026, 2, 13, 17, 0), absl::Hours(1)), Local(2026, 2, 14, 9, 30));
  EXPECT_EQ(Add(Local(2026, 2, 27, 17, 0), absl::Hours(1)), Local(2026, 2, 28, 9, 30));
  EXPECT_EQ(Add(Local(2026, 10, 9, 17, 0), absl::Hours(1)), Local(2026, 10, 10, 9, 30));
  EXPECT_EQ(Add(Local(2026, 10, 10, 11, 0), absl::Hours(1)), Local(2026, 10, 10, 12, 0));
  EXPECT_EQ(Add(Local(2026, 10, 10, 17, 0), absl::Hours(1)), Local(2026, 10, 12, 9, 30));
}

TEST_F(WorkingCalendarTest, MakeupSundaysWorkNormalWeekdayHours) {
  // 2026-01-03 is the last day of the New Year holiday, 2026-01-04 the make-up Sunday.
  EXPECT_EQ(Add(Local(2026, 1, 3, 10, 0), absl::Hours(1)), Local(2026, 1, 4, 10, 0));
  EXPECT_EQ(Add(Local(2026, 9, 19, 10, 0), absl::Hours(1)), Local(2026, 9, 20, 10, 0));
  EXPECT_TRUE(calendar_.IsWorkingTime(Local(2026, 9, 20, 13, 0)));
  EXPECT_FALSE(calendar_.IsWorkingTime(Local(2026, 9, 20, 12, 0)));
}

TEST_F(WorkingCalendarTest, NineDaySpringFestivalIsSkipped) {
  // Make-up Saturday 2026-02-14, then 15..23 off; Tuesday 24 works again.
  EXPECT_EQ(Add(Local(2026, 2, 14, 17, 0), absl::Hours(1)), Local(2026, 2, 24, 9, 30));
  EXPECT_EQ(calendar_.WorkingTimeBetween(Local(2026, 2, 14, 17, 30), Local(2026, 2, 24, 9, 0)),
            absl::ZeroDuration());
  EXPECT_EQ(calendar_.NextWorkingInstant(Local(2026, 2, 18, 10, 0)), Local(2026, 2, 24, 9, 0));
}

TEST_F(WorkingCalendarTest, FiveWorkingDaysOfHoursAcrossSpringFestival) {
  // Fri 13, Sat 14 (make-up), Tue 24, Wed 25, Thu 26: 5 x 7.5 h.
  const absl::Time start = Local(2026, 2, 13, 9, 0);
  const absl::Time end = Add(start, absl::Minutes(5 * 450));
  EXPECT_EQ(end, Local(2026, 2, 26, 17, 30));
  EXPECT_EQ(calendar_.WorkingTimeBetween(start, end), absl::Minutes(5 * 450));
}

TEST_F(WorkingCalendarTest, MidAutumnAndNationalDayAreSkipped) {
  EXPECT_EQ(Add(Local(2026, 9, 24, 17, 0), absl::Hours(1)), Local(2026, 9, 28, 9, 30));
  EXPECT_EQ(Add(Local(2026, 9, 30, 17, 0), absl::Hours(1)), Local(2026, 10, 8, 9, 30));
  EXPECT_EQ(calendar_.WorkingTimeBetween(Local(2026, 9, 30, 0, 0), Local(2026, 10, 12, 0, 0)),
            absl::Minutes(4 * 450));  // Wed 30, Thu 8, Fri 9, Sat 10 (make-up)
}

TEST_F(WorkingCalendarTest, YearEndRunsIntoNextYearOnTheWeeklyPatternOnly) {
  // 2027 lies past the horizon: the calendar does not know 2027-01-01 is a holiday (documented), so
  // the weekly pattern alone applies there.
  EXPECT_EQ(Add(Local(2026, 12, 31, 17, 0), absl::Hours(1)), Local(2027, 1, 1, 9, 30));
  EXPECT_EQ(calendar_.WorkingTimeBetween(Local(2026, 12, 31, 17, 0), Local(2027, 1, 4, 9, 30)),
            absl::Minutes(30 + 450 + 30));
  EXPECT_TRUE(calendar_.IsWorkingDay(absl::CivilDay(2027, 1, 1)));
}

TEST_F(WorkingCalendarTest, DaysBeforeCoverageFollowTheWeeklyPatternOnly) {
  // 2025-10-01 was a public holiday, but the 2026 calendar does not know it.
  EXPECT_TRUE(calendar_.IsWorkingDay(absl::CivilDay(2025, 10, 1)));
  EXPECT_EQ(Add(Local(2025, 12, 31, 17, 0), absl::Hours(1)), Local(2026, 1, 4, 9, 30));
}

TEST_F(WorkingCalendarTest, WholeYear2026Holds248WorkingDays) {
  EXPECT_EQ(calendar_.WorkingTimeBetween(Local(2026, 1, 1, 0, 0), Local(2027, 1, 1, 0, 0)),
            absl::Minutes(248 * 450));
  EXPECT_EQ(
      calendar_.WorkingDaysBetween(absl::CivilDay(2025, 12, 31), absl::CivilDay(2026, 12, 31)),
      248);
}

// ---- Zero, negative and sub-second durations. ---------------------------------------------------

TEST_F(WorkingCalendarTest, ZeroDurationInsideWorkingTimeIsTheStart) {
  EXPECT_EQ(Add(Local(2026, 3, 10, 10, 0), absl::ZeroDuration()), Local(2026, 3, 10, 10, 0));
}

TEST_F(WorkingCalendarTest, ZeroDurationOutsideWorkingTimeIsTheNextPeriodStart) {
  EXPECT_EQ(Add(Local(2026, 3, 10, 12, 0), absl::ZeroDuration()), Local(2026, 3, 10, 13, 0));
  EXPECT_EQ(Add(Local(2026, 3, 14, 10, 0), absl::ZeroDuration()), Local(2026, 3, 16, 9, 0));
}

TEST_F(WorkingCalendarTest, NegativeDurationIsInvalidArgument) {
  EXPECT_THAT(calendar_.AddWorkingTime(Local(2026, 3, 10, 10, 0), absl::Seconds(-1)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("-1s")));
}

TEST_F(WorkingCalendarTest, HugeDurationAndInfiniteStartAreInvalidArgument) {
  EXPECT_THAT(calendar_.AddWorkingTime(Local(2026, 3, 10, 10, 0),
                                       WorkingCalendar::kMaxWorkingDuration + absl::Seconds(1)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(calendar_.AddWorkingTime(absl::InfiniteFuture(), absl::Hours(1)),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(WorkingCalendarTest, SubSecondStartsStayExact) {
  const absl::Time quarter_past = Local(2026, 3, 10, 11, 0) + absl::Milliseconds(250);
  EXPECT_EQ(Add(quarter_past, absl::Hours(1)), Local(2026, 3, 10, 13, 0) + absl::Milliseconds(250));
  const absl::Time last_nanosecond = Local(2026, 3, 10, 12, 0) - absl::Nanoseconds(1);
  EXPECT_EQ(Add(last_nanosecond, absl::Nanoseconds(1)), Local(2026, 3, 10, 12, 0));
  EXPECT_EQ(Add(last_nanosecond, absl::Nanoseconds(2)),
            Local(2026, 3, 10, 13, 0) + absl::Nanoseconds(1));
  EXPECT_EQ(calendar_.WorkingTimeBetween(last_nanosecond, Local(2026, 3, 10, 13, 0)),
            absl::Nanoseconds(1));
}

// ---- WorkingTimeBetween, IsWorkingTime, NextWorkingInstant. -------------------------------------

TEST_F(WorkingCalendarTest, WorkingTimeBetweenCountsOnlyWorkingPeriods) {
  EXPECT_EQ(calendar_.WorkingTimeBetween(Local(2026, 3, 10, 9, 30), Local(2026, 3, 10, 10, 0)),
            absl::Minutes(30));
  EXPECT_EQ(calendar_.WorkingTimeBetween(Local(2026, 3, 10, 11, 0), Local(2026, 3, 10, 14, 0)),
            absl::Hours(2));
  EXPECT_EQ(calendar_.WorkingTimeBetween(Local(2026, 3, 13, 17, 0), Local(2026, 3, 16, 10, 0)),
            absl::Minutes(90));
  EXPECT_EQ(calendar_.WorkingTimeBetween(Local(2026, 3, 10, 12, 0), Local(2026, 3, 10, 13, 0)),
            absl::ZeroDuration());
}

TEST_F(WorkingCalendarTest, WorkingTimeBetweenIsZeroWhenEmptyOrReversed) {
  EXPECT_EQ(calendar_.WorkingTimeBetween(Local(2026, 3, 10, 11, 0), Local(2026, 3, 10, 10, 0)),
            absl::ZeroDuration());
  EXPECT_EQ(calendar_.WorkingTimeBetween(Local(2026, 3, 10, 11, 0), Local(2026, 3, 10, 11, 0)),
            absl::ZeroDuration());
}

TEST_F(WorkingCalendarTest, WorkingTimeBetweenInfiniteBoundsIsInfinite) {
  EXPECT_EQ(calendar_.WorkingTimeBetween(Local(2026, 3, 10, 11, 0), absl::InfiniteFuture()),
            absl::InfiniteDuration());
  EXPECT_EQ(calendar_.WorkingTimeBetween(absl::InfinitePast(), Local(2026, 3, 10, 11, 0)),
            absl::InfiniteDuration());
}

TEST_F(WorkingCalendarTest, IsWorkingTimeAtEveryBoundary) {
  const absl::Duration tick = absl::Nanoseconds(1);
  EXPECT_FALSE(calendar_.IsWorkingTime(Local(2026, 3, 10, 9, 0) - tick));
  EXPECT_TRUE(calendar_.IsWorkingTime(Local(2026, 3, 10, 9, 0)));
  EXPECT_TRUE(calendar_.IsWorkingTime(Local(2026, 3, 10, 12, 0) - tick));
  EXPECT_FALSE(calendar_.IsWorkingTime(Local(2026, 3, 10, 12, 0)));
  EXPECT_FALSE(calendar_.IsWorkingTime(Local(2026, 3, 10, 13, 0) - tick));
  EXPECT_TRUE(calendar_.IsWorkingTime(Local(2026, 3, 10, 13, 0)));
  EXPECT_TRUE(calendar_.IsWorkingTime(Local(2026, 3, 10, 17, 30) - tick));
  EXPECT_FALSE(calendar_.IsWorkingTime(Local(2026, 3, 10, 17, 30)));
  EXPECT_FALSE(calendar_.IsWorkingTime(Local(2026, 3, 14, 10, 0)));  // Saturday
  EXPECT_FALSE(calendar_.IsWorkingTime(Local(2026, 10, 1, 10, 0)));  // National Day
  EXPECT_TRUE(calendar_.IsWorkingTime(Local(2026, 2, 28, 10, 0)));   // make-up Saturday
  EXPECT_FALSE(calendar_.IsWorkingTime(absl::InfiniteFuture()));
}

TEST_F(WorkingCalendarTest, NextWorkingInstant) {
  EXPECT_EQ(calendar_.NextWorkingInstant(Local(2026, 3, 10, 10, 0)), Local(2026, 3, 10, 10, 0));
  EXPECT_EQ(calendar_.NextWorkingInstant(Local(2026, 3, 10, 12, 0)), Local(2026, 3, 10, 13, 0));
  EXPECT_EQ(calendar_.NextWorkingInstant(Local(2026, 3, 13, 17, 30)), Local(2026, 3, 16, 9, 0));
  EXPECT_EQ(calendar_.NextWorkingInstant(Local(2026, 1, 1, 0, 0)), Local(2026, 1, 4, 9, 0));
  EXPECT_EQ(calendar_.NextWorkingInstant(Local(2026, 12, 31, 18, 0)), Local(2027, 1, 1, 9, 0));
}

// ---- Working days (PRC Civil Code arts. 201, 203). ----------------------------------------------

TEST_F(WorkingCalendarTest, IsWorkingDayFollowsHolidaysAndMakeupDays) {
  for (const Holiday& holiday : Cn2026CalendarData().holidays) {
    EXPECT_FALSE(calendar_.IsWorkingDay(holiday.date)) << holiday.date;
  }
  for (const MakeupWorkingDay& makeup : Cn2026CalendarData().makeup_working_days) {
    EXPECT_TRUE(calendar_.IsWorkingDay(makeup.date)) << makeup.date;
  }
  EXPECT_TRUE(calendar_.IsWorkingDay(absl::CivilDay(2026, 3, 10)));
  EXPECT_FALSE(calendar_.IsWorkingDay(absl::CivilDay(2026, 3, 14)));
  EXPECT_FALSE(calendar_.IsWorkingDay(absl::CivilDay(2026, 3, 15)));
}

TEST_F(WorkingCalendarTest, AddWorkingDaysSkipsHolidaysAndCountsMakeupDays) {
  EXPECT_THAT(calendar_.AddWorkingDays(absl::CivilDay(2026, 2, 13), 1),
              IsOkAndHolds(absl::CivilDay(2026, 2, 14)));
  EXPECT_THAT(calendar_.AddWorkingDays(absl::CivilDay(2026, 2, 14), 1),
              IsOkAndHolds(absl::CivilDay(2026, 2, 24)));
  EXPECT_THAT(calendar_.AddWorkingDays(absl::CivilDay(2026, 2, 12), 5),
              IsOkAndHolds(absl::CivilDay(2026, 2, 26)));
  EXPECT_THAT(calendar_.AddWorkingDays(absl::CivilDay(2026, 12, 30), 2),
              IsOkAndHolds(absl::CivilDay(2027, 1, 1)));
  EXPECT_THAT(calendar_.AddWorkingDays(absl::CivilDay(2026, 3, 14), 0),
              IsOkAndHolds(absl::CivilDay(2026, 3, 14)));
  EXPECT_THAT(calendar_.AddWorkingDays(absl::CivilDay(2026, 3, 14), -1),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(WorkingCalendarTest, AddWorkingDaysFarOutsideTheTableUsesTheWeeklyPattern) {
  // 2010-03-01 and 2035-01-01 are Mondays; 10 working days later is the Friday of the next week.
  EXPECT_THAT(calendar_.AddWorkingDays(absl::CivilDay(2010, 3, 1), 10),
              IsOkAndHolds(absl::CivilDay(2010, 3, 15)));
  EXPECT_THAT(calendar_.AddWorkingDays(absl::CivilDay(2035, 1, 1), 10),
              IsOkAndHolds(absl::CivilDay(2035, 1, 15)));
  // From far before the table into it: the count crosses every region.
  absl::StatusOr<absl::CivilDay> far = calendar_.AddWorkingDays(absl::CivilDay(2020, 1, 1), 5000);
  ASSERT_TRUE(far.ok());
  EXPECT_EQ(calendar_.WorkingDaysBetween(absl::CivilDay(2020, 1, 1), *far), 5000);
  EXPECT_TRUE(calendar_.IsWorkingDay(*far));
}

TEST_F(WorkingCalendarTest, S1_RectificationWithinFiveWorkingDaysEndsAtCloseOfBusiness) {
  // Notice on Thu 2026-02-12: Fri 13, Sat 14 (make-up), Tue 24, Wed 25, Thu 26.
  EXPECT_THAT(calendar_.WorkingDaysDeadline(Local(2026, 2, 12, 10, 0), 5),
              IsOkAndHolds(Local(2026, 2, 26, 17, 30)));
  // Across National Day: Thu 8, Fri 9, Sat 10 (make-up), Mon 12, Tue 13.
  EXPECT_THAT(calendar_.WorkingDaysDeadline(Local(2026, 9, 30, 16, 0), 5),
              IsOkAndHolds(Local(2026, 10, 13, 17, 30)));
}

TEST_F(WorkingCalendarTest, WorkingDaysDeadlineNeverCountsTheEventsDay) {
  // Before opening on a working day: that day still does not count.
  EXPECT_THAT(calendar_.WorkingDaysDeadline(Local(2026, 3, 9, 8, 0), 1),
              IsOkAndHolds(Local(2026, 3, 10, 17, 30)));
  // On a Sunday night: Monday is the first working day after it.
  EXPECT_THAT(calendar_.WorkingDaysDeadline(Local(2026, 3, 8, 23, 0), 1),
              IsOkAndHolds(Local(2026, 3, 9, 17, 30)));
  // Just after midnight Shanghai time (still the previous day in UTC): the local day decides.
  EXPECT_THAT(calendar_.WorkingDaysDeadline(Local(2026, 3, 10, 0, 30), 1),
              IsOkAndHolds(Local(2026, 3, 11, 17, 30)));
  EXPECT_THAT(calendar_.WorkingDaysDeadline(Local(2026, 3, 10, 0, 30), 0),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(WorkingCalendarTest, WorkingDaysBetweenMatchesAddWorkingDays) {
  EXPECT_EQ(calendar_.WorkingDaysBetween(absl::CivilDay(2026, 2, 13), absl::CivilDay(2026, 2, 26)),
            4);
  EXPECT_EQ(calendar_.WorkingDaysBetween(absl::CivilDay(2026, 2, 26), absl::CivilDay(2026, 2, 13)),
            0);
  for (absl::CivilDay from = absl::CivilDay(2025, 12, 1); from <= absl::CivilDay(2027, 2, 1);
       from += 3) {
    for (int n : {1, 2, 5, 17, 60}) {
      absl::StatusOr<absl::CivilDay> to = calendar_.AddWorkingDays(from, n);
      ASSERT_TRUE(to.ok());
      EXPECT_EQ(calendar_.WorkingDaysBetween(from, *to), n) << from << " + " << n;
      EXPECT_EQ(calendar_.WorkingDaysBetween(from, *to - 1), n - 1) << from << " + " << n;
    }
  }
}

TEST_F(WorkingCalendarTest, CloseOfBusiness) {
  EXPECT_THAT(calendar_.CloseOfBusiness(absl::CivilDay(2026, 3, 10)),
              Optional(Eq(Local(2026, 3, 10, 17, 30))));
  EXPECT_EQ(calendar_.CloseOfBusiness(absl::CivilDay(2026, 10, 1)), absl::nullopt);
}

// ---- Outside the precomputed table: whole-week arithmetic.
// ---------------------------------------

TEST_F(WorkingCalendarTest, FarFutureTenWeeksEndAtFridayCloseNotMondayMorning) {
  // Exactly ten weeks of working time from Monday 09:00 ends the earliest it can: Friday 17:30.
  const absl::Time monday = Local(2035, 1, 1, 9, 0);
  EXPECT_EQ(Add(monday, absl::Minutes(10 * 5 * 450)), Local(2035, 3, 9, 17, 30));
  EXPECT_EQ(calendar_.WorkingTimeBetween(monday, Local(2035, 3, 12, 9, 0)),
            absl::Minutes(10 * 5 * 450));
  // From a Sunday the whole duration is whole weeks, all of them skipped arithmetically.
  const absl::Time sunday = Local(2034, 12, 31, 10, 0);
  EXPECT_EQ(Add(sunday, absl::Minutes(10 * 5 * 450)), Local(2035, 3, 9, 17, 30));
  EXPECT_EQ(calendar_.WorkingTimeBetween(sunday, Local(2035, 3, 9, 17, 30)),
            absl::Minutes(10 * 5 * 450));
}

TEST_F(WorkingCalendarTest, FarPastRunsIntoTheTable) {
  const absl::Time start = Local(2010, 3, 1, 9, 0);
  const absl::Time end = Add(start, absl::Hours(50000));
  EXPECT_EQ(calendar_.WorkingTimeBetween(start, end), absl::Hours(50000));
  EXPECT_TRUE(calendar_.IsWorkingTime(end - absl::Nanoseconds(1)));
}

// ---- A zone with daylight saving time: local-time arithmetic.
// ------------------------------------

TEST(WorkingCalendarDstTest, SpringForwardWeekendDoesNotChangeWorkingHours) {
  const WorkingCalendar calendar = NewYorkCalendar();
  const absl::TimeZone ny = calendar.time_zone();
  // Clocks go forward on Sunday 2026-03-08: Friday 16:00 EST + 2 working hours = Monday 10:00 EDT.
  const absl::Time friday = absl::FromCivil(absl::CivilSecond(2026, 3, 6, 16, 0, 0), ny);
  const absl::Time monday = absl::FromCivil(absl::CivilSecond(2026, 3, 9, 10, 0, 0), ny);
  EXPECT_THAT(calendar.AddWorkingTime(friday, absl::Hours(2)), IsOkAndHolds(monday));
  EXPECT_EQ(calendar.WorkingTimeBetween(friday, monday), absl::Hours(2));
  EXPECT_EQ(monday - friday, absl::Hours(65));  // one wall-clock hour shorter than 66
  EXPECT_THAT(calendar.WorkingDaysDeadline(friday, 1),
              IsOkAndHolds(absl::FromCivil(absl::CivilSecond(2026, 3, 9, 17, 0, 0), ny)));
}

TEST(WorkingCalendarDstTest, SameRulesOutsideTheTable) {
  const WorkingCalendar calendar = NewYorkCalendar();
  const absl::TimeZone ny = calendar.time_zone();
  // 2031 is past the table (coverage 2026): clocks go forward on Sunday 2031-03-09.
  const absl::Time friday = absl::FromCivil(absl::CivilSecond(2031, 3, 7, 16, 0, 0), ny);
  const absl::Time monday = absl::FromCivil(absl::CivilSecond(2031, 3, 10, 10, 0, 0), ny);
  EXPECT_THAT(calendar.AddWorkingTime(friday, absl::Hours(2)), IsOkAndHolds(monday));
  const absl::Time january = absl::FromCivil(absl::CivilSecond(2031, 1, 6, 9, 0, 0), ny);
  const absl::Time june = absl::FromCivil(absl::CivilSecond(2031, 6, 2, 9, 0, 0), ny);
  EXPECT_EQ(calendar.WorkingTimeBetween(january, june), absl::Hours(21 * 40));
  EXPECT_THAT(calendar.AddWorkingTime(january, absl::Hours(21 * 40)),
              IsOkAndHolds(absl::FromCivil(absl::CivilSecond(2031, 5, 30, 17, 0, 0), ny)));
}

TEST(WorkingCalendarDstTest, ClockChangesInsideAPeriodCountRealElapsedTime) {
  const WorkingCalendar calendar = NewYorkNightShiftCalendar();
  const absl::TimeZone ny = calendar.time_zone();
  auto day_total = [&](absl::CivilDay day) {
    return calendar.WorkingTimeBetween(absl::FromCivil(absl::CivilSecond(day), ny),
                                       absl::FromCivil(absl::CivilSecond(day + 1), ny));
  };
  // 00:00–04:00 lasts 3 real hours when clocks jump 02:00 -> 03:00, 5 when they fall back.
  EXPECT_EQ(day_total(absl::CivilDay(2026, 3, 7)), absl::Hours(4));
  EXPECT_EQ(day_total(absl::CivilDay(2026, 3, 8)), absl::Hours(3));
  EXPECT_EQ(day_total(absl::CivilDay(2026, 11, 1)), absl::Hours(5));
  EXPECT_EQ(day_total(absl::CivilDay(2031, 3, 9)), absl::Hours(3));   // outside the table
  EXPECT_EQ(day_total(absl::CivilDay(2031, 11, 2)), absl::Hours(5));  // outside the table
  const absl::Time midnight = absl::FromCivil(absl::CivilSecond(2026, 3, 8, 0, 0, 0), ny);
  EXPECT_THAT(calendar.AddWorkingTime(midnight, absl::Hours(3)),
              IsOkAndHolds(absl::FromCivil(absl::CivilSecond(2026, 3, 8, 4, 0, 0), ny)));
  // Half a year outside the table, skipped by whole weeks: 181 days x 4 h minus the hour skipped in
  // March (a week holding the change is walked day by day).
  EXPECT_EQ(
      calendar.WorkingTimeBetween(absl::FromCivil(absl::CivilSecond(2031, 1, 1, 0, 0, 0), ny),
                                  absl::FromCivil(absl::CivilSecond(2031, 7, 1, 0, 0, 0), ny)),
      absl::Hours(181 * 4 - 1));
  // 25 nights from 1 March hold only 99 hours, so 100 hours end one hour into the 26th night.
  EXPECT_THAT(calendar.AddWorkingTime(absl::FromCivil(absl::CivilSecond(2031, 3, 1, 0, 0, 0), ny),
                                      absl::Hours(100)),
              IsOkAndHolds(absl::FromCivil(absl::CivilSecond(2031, 3, 26, 1, 0, 0), ny)));
}

// ---- Make-up days with their own hours, and construction errors.
// ---------------------------------

TEST(WorkingCalendarMakeupTest, MakeupDayUsesItsOwnPeriodsOrThoseOfItsWeekday) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.weekly_hours[4].periods = {{9 * 60, 12 * 60}};              // Friday: mornings only
  data.makeup_working_days[0].hours_like = absl::Weekday::friday;  // 2026-01-04
  data.makeup_working_days[1].periods = {{10 * 60, 11 * 60}};      // 2026-02-14
  ASSERT_OK_AND_ASSIGN(WorkingCalendar calendar, WorkingCalendar::Create(std::move(data)));
  EXPECT_THAT(calendar.CloseOfBusiness(absl::CivilDay(2026, 1, 4)),
              Optional(Eq(ShanghaiTime(2026, 1, 4, 12, 0))));
  EXPECT_THAT(calendar.CloseOfBusiness(absl::CivilDay(2026, 2, 14)),
              Optional(Eq(ShanghaiTime(2026, 2, 14, 11, 0))));
  EXPECT_THAT(calendar.AddWorkingTime(ShanghaiTime(2026, 2, 14, 8, 0), absl::Hours(1)),
              IsOkAndHolds(ShanghaiTime(2026, 2, 14, 11, 0)));
  // 2026-02-28 keeps Monday's hours.
  EXPECT_THAT(calendar.CloseOfBusiness(absl::CivilDay(2026, 2, 28)),
              Optional(Eq(ShanghaiTime(2026, 2, 28, 17, 30))));
}

TEST(WorkingCalendarHolidayTest, OnlyListedHolidaysArePublicHolidays) {
  const WorkingCalendar calendar = Cn2026Calendar();
  EXPECT_TRUE(calendar.IsPublicHoliday(absl::CivilDay(2026, 10, 1)));
  // A weekend day inside the National Day break is listed too.
  EXPECT_TRUE(calendar.IsPublicHoliday(absl::CivilDay(2026, 10, 3)));
  EXPECT_TRUE(calendar.IsPublicHoliday(absl::CivilDay(2026, 1, 1)));
  EXPECT_FALSE(calendar.IsPublicHoliday(absl::CivilDay(2026, 10, 8)));   // a working Thursday
  EXPECT_FALSE(calendar.IsPublicHoliday(absl::CivilDay(2026, 10, 10)));  // make-up Saturday
  EXPECT_FALSE(calendar.IsPublicHoliday(absl::CivilDay(2026, 10, 17)));  // ordinary Saturday
  // Outside the coverage the calendar knows no holidays, even on a date that usually is one.
  EXPECT_FALSE(calendar.IsPublicHoliday(absl::CivilDay(2027, 1, 1)));
  EXPECT_FALSE(calendar.IsPublicHoliday(absl::CivilDay(2025, 10, 1)));
}

TEST(WorkingCalendarCreateTest, InvalidDataIsInvalidArgumentNamingTheField) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.makeup_working_days[0].date = absl::CivilDay(2026, 3, 10);  // a Tuesday
  EXPECT_THAT(
      WorkingCalendar::Create(std::move(data)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("makeup_working_days[0].date")));
}

TEST(WorkingCalendarCreateTest, AccessorsReportTheData) {
  const WorkingCalendar calendar = Cn2026Calendar();
  EXPECT_EQ(calendar.version(), "cn-2026.1");
  EXPECT_EQ(calendar.time_zone().name(), "Asia/Shanghai");
  EXPECT_EQ(calendar.coverage_start(), absl::CivilDay(2026, 1, 1));
  EXPECT_EQ(calendar.horizon(), absl::CivilDay(2026, 12, 31));
  EXPECT_EQ(calendar.DaysToHorizon(ShanghaiTime(2026, 11, 1, 23, 59)), 60);
  EXPECT_EQ(calendar.DaysToHorizon(ShanghaiTime(2026, 11, 2, 0, 0)), 59);
  EXPECT_EQ(calendar.DaysToHorizon(ShanghaiTime(2027, 1, 1, 0, 0)), -1);
  // The horizon day ends at the local midnight after it: 2027-01-01 00:00 in Shanghai.
  EXPECT_EQ(calendar.TimeToHorizonEnd(ShanghaiTime(2026, 12, 31, 23, 0)), absl::Hours(1));
  EXPECT_EQ(calendar.TimeToHorizonEnd(ShanghaiTime(2026, 11, 1, 0, 0)), absl::Hours(61 * 24));
  EXPECT_EQ(calendar.TimeToHorizonEnd(ShanghaiTime(2027, 1, 1, 0, 30)), -absl::Minutes(30));
}

}  // namespace
}  // namespace cs::common

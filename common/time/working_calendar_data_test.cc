#include "common/time/working_calendar_data.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::Cn2026CalendarData;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

auto Violation(const std::string& field, const std::string& text) {
  return AllOf(Field(&FieldViolation::field, field),
               Field(&FieldViolation::description, HasSubstr(text)));
}

TEST(ValidateWorkingCalendarDataTest, OfficialCalendarIsValid) {
  EXPECT_THAT(ValidateWorkingCalendarData(Cn2026CalendarData()).violations(), IsEmpty());
}

TEST(ValidateWorkingCalendarDataTest, PeriodEndingBeforeItStarts) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.weekly_hours[0].periods[0] = {12 * 60, 9 * 60};
  EXPECT_THAT(ValidateWorkingCalendarData(data).violations(),
              Contains(Violation("weekly_hours[0].periods[0].end", "after the start 12:00")));
}

TEST(ValidateWorkingCalendarDataTest, OverlappingPeriodsInAnyOrder) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.weekly_hours[2].periods = {{13 * 60, 17 * 60}, {9 * 60, 13 * 60 + 30}};
  EXPECT_THAT(ValidateWorkingCalendarData(data).violations(),
              Contains(Violation("weekly_hours[2].periods[0].start", "overlaps the period 09:00")));
}

TEST(ValidateWorkingCalendarDataTest, PeriodsOutsideTheDay) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.weekly_hours[1].periods = {{-5, 60}, {23 * 60, 24 * 60 + 1}};
  const auto violations = ValidateWorkingCalendarData(data).violations();
  EXPECT_THAT(violations, Contains(Violation("weekly_hours[1].periods[0].start", "00:00-23:59")));
  EXPECT_THAT(violations, Contains(Violation("weekly_hours[1].periods[1].end", "24:00")));
}

TEST(ValidateWorkingCalendarDataTest, WeekdayListedTwice) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.weekly_hours[3].weekday = absl::Weekday::monday;
  EXPECT_THAT(ValidateWorkingCalendarData(data).violations(),
              Contains(Violation("weekly_hours[3].weekday", "Monday is already listed")));
}

TEST(ValidateWorkingCalendarDataTest, NoWorkingTimeAtAll) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.weekly_hours.clear();
  data.makeup_working_days.clear();
  EXPECT_THAT(ValidateWorkingCalendarData(data).violations(),
              Contains(Violation("weekly_hours", "never elapses")));
}

TEST(ValidateWorkingCalendarDataTest, MakeupDayOnAWeekday) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.makeup_working_days[2].date = absl::CivilDay(2026, 3, 10);
  EXPECT_THAT(ValidateWorkingCalendarData(data).violations(),
              Contains(Violation("makeup_working_days[2].date", "must fall on a weekend")));
}

TEST(ValidateWorkingCalendarDataTest, HolidayThatIsAlsoAMakeupDay) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.holidays.push_back({absl::CivilDay(2026, 2, 14), "clash"});
  EXPECT_THAT(ValidateWorkingCalendarData(data).violations(),
              Contains(Violation("makeup_working_days[1].date", "is also a holiday")));
}

TEST(ValidateWorkingCalendarDataTest, DuplicateDates) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.holidays.push_back(data.holidays[0]);
  data.makeup_working_days.push_back(data.makeup_working_days[0]);
  const auto violations = ValidateWorkingCalendarData(data).violations();
  EXPECT_THAT(violations,
              Contains(Violation(absl::StrCat("holidays[", data.holidays.size() - 1, "].date"),
                                 "already listed in holidays[0]")));
  EXPECT_THAT(violations, Contains(Violation("makeup_working_days[6].date",
                                             "already listed in makeup_working_days[0]")));
}

TEST(ValidateWorkingCalendarDataTest, DatesOutsideTheCoverage) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.holidays.push_back({absl::CivilDay(2027, 1, 1), "next year"});
  EXPECT_THAT(ValidateWorkingCalendarData(data).violations(),
              Contains(Violation(absl::StrCat("holidays[", data.holidays.size() - 1, "].date"),
                                 "outside the coverage 2026-01-01..2026-12-31")));
}

TEST(ValidateWorkingCalendarDataTest, HorizonBeforeCoverageStart) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.horizon = absl::CivilDay(2025, 12, 31);
  EXPECT_THAT(ValidateWorkingCalendarData(data).violations(),
              Contains(Violation("horizon", "before coverage_start")));
}

TEST(ValidateWorkingCalendarDataTest, MakeupDayWithoutHours) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.makeup_working_days[0].hours_like = absl::Weekday::sunday;
  EXPECT_THAT(ValidateWorkingCalendarData(data).violations(),
              Contains(Violation("makeup_working_days[0].hours_like", "Sunday has no working")));
}

TEST(ValidateWorkingCalendarDataTest, EmptyVersion) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.version.clear();
  EXPECT_THAT(ValidateWorkingCalendarData(data).violations(),
              Contains(Violation("version", "must not be empty")));
}

TEST(FormatMinuteOfDayTest, PrintsHoursAndMinutes) {
  EXPECT_EQ(FormatMinuteOfDay(9 * 60 + 5), "09:05");
  EXPECT_EQ(FormatMinuteOfDay(24 * 60), "24:00");
}

TEST(ParseMinuteOfDayTest, ReadsExactlyHoursAndMinutesUpTo2400) {
  EXPECT_EQ(ParseMinuteOfDay("00:00"), 0);
  EXPECT_EQ(ParseMinuteOfDay("09:05"), 9 * 60 + 5);
  EXPECT_EQ(ParseMinuteOfDay("24:00"), 24 * 60);
  for (absl::string_view bad :
       {"", "9:00", "09:5", "24:01", "12:60", "25:00", "09-00", "0900 ", "+9:00", "09:0x"}) {
    EXPECT_EQ(ParseMinuteOfDay(bad), absl::nullopt) << bad;
  }
}

}  // namespace
}  // namespace cs::common

// The plain data a WorkingCalendar is built from (SPEC "Working time"): weekly working periods,
// public holidays, make-up working days and the dates the holiday data covers. The shape mirrors
// the calendar data file (proto/cs/config/v1/calendar.proto, one WorkingCalendarVersion) entry for
// entry, so a violation found here names the same field path ("holidays[3].date") as the file and
// the config loader can point at its line. Plain structs: no invariants until validated; not
// synchronized.
#ifndef CS_COMMON_TIME_WORKING_CALENDAR_DATA_H_
#define CS_COMMON_TIME_WORKING_CALENDAR_DATA_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/status/field_violations.h"

namespace cs::common {

// One span of working time within a local day: [start_minute, end_minute) counted in minutes since
// local midnight. 0 <= start_minute < end_minute <= 1440 (24:00 ends the day).
struct DailyPeriod {
  int start_minute = 0;
  int end_minute = 0;

  friend bool operator==(const DailyPeriod&, const DailyPeriod&) = default;
};

// The working periods of one weekday. A weekday with no entry has no working time.
struct WeekdayHours {
  absl::Weekday weekday = absl::Weekday::monday;
  std::vector<DailyPeriod> periods;
};

// A day off that would otherwise be working.
struct Holiday {
  absl::CivilDay date;
  std::string name;
};

// A day on which the weekly pattern does not work (a weekend day) that is a working day. It keeps
// the hours of the weekday `hours_like` (Monday unless told) unless `periods` are given.
struct MakeupWorkingDay {
  absl::CivilDay date;
  std::string name;
  absl::Weekday hours_like = absl::Weekday::monday;
  std::vector<DailyPeriod> periods;
};

// One version of the calendar.
struct WorkingCalendarData {
  // Unique name, e.g. "cn-2026.1". Deadlines record it so they can be recomputed exactly.
  std::string version;
  // The company's time zone; every period and date is local to it.
  absl::TimeZone time_zone;
  std::vector<WeekdayHours> weekly_hours;
  std::vector<Holiday> holidays;
  std::vector<MakeupWorkingDay> makeup_working_days;
  // First and last local date the holiday data covers (inclusive). Outside them only the weekly
  // pattern applies: the calendar does not know holidays it was not told about.
  absl::CivilDay coverage_start;
  absl::CivilDay horizon;
  // Where the holiday facts come from (informational).
  std::string source;
};

// Longest supported coverage (about 100 years): bounds the precomputed tables.
inline constexpr int kMaxCoverageDays = 36600;

// Checks the meaning of `data`; empty when it is valid. Each violation's field is a path inside one
// calendar version named as in the data file ("weekly_hours[0].periods[1].start",
// "holidays[2].date", "makeup_working_days[0].hours_like", "coverage_start"…), so the file loader
// can prefix "versions[i]." and find the line. Checks: a non-empty version; periods inside
// 00:00–24:00, start before end, not overlapping within a day; a weekday listed at most once; at
// least one working weekday (otherwise working time could never elapse); coverage_start <= horizon,
// at most kMaxCoverageDays apart; holidays and make-up days inside the coverage, each date listed
// once; a make-up day falls on a day the weekly pattern does not work (a "weekend"), is not also a
// holiday, and has working hours (its own or those of `hours_like`).
FieldViolations ValidateWorkingCalendarData(const WorkingCalendarData& data);

// "HH:MM" for a minute of the day (1440 prints as "24:00").
std::string FormatMinuteOfDay(int minute_of_day);

// The minute of the day of exactly "HH:MM" from "00:00" to "24:00" (1440); nullopt for anything
// else ("9:00", "24:01", "12:60").
absl::optional<int> ParseMinuteOfDay(absl::string_view text);

// The weekday's English name ("Monday").
absl::string_view WeekdayName(absl::Weekday weekday);

}  // namespace cs::common

#endif  // CS_COMMON_TIME_WORKING_CALENDAR_DATA_H_

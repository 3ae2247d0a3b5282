// Test helpers (linked by tests and benchmarks only, target cs_common_time_testing): the official
// 2026 mainland-China calendar as plain data — the same facts as deploy/config/calendar.textproto
// (State Council General Office notice of 2025-11-04), Mon–Fri 09:00–12:00 and 13:00–17:30,
// Asia/Shanghai — so domain unit tests of every service can build a real calendar without reading
// files. Pure functions; thread-safe.
#ifndef CS_COMMON_TIME_CALENDAR_TESTING_H_
#define CS_COMMON_TIME_CALENDAR_TESTING_H_

#include <string>

#include "absl/time/time.h"
#include "common/time/working_calendar.h"
#include "common/time/working_calendar_data.h"

namespace cs::common::testing {

// Version "cn-2026.1", coverage 2026-01-01..2026-12-31.
WorkingCalendarData Cn2026CalendarData();

// WorkingCalendar::Create(Cn2026CalendarData()); the data is known to be valid.
WorkingCalendar Cn2026Calendar();

// Asia/Shanghai.
absl::TimeZone ShanghaiTimeZone();

// The instant of a Shanghai local time, e.g. ShanghaiTime(2026, 2, 13, 17, 0).
absl::Time ShanghaiTime(int year, int month, int day, int hour, int minute, int second = 0);

// The text of the deployed calendar file (deploy/config/calendar.textproto) with next year's
// version added as an operator adds it (README "Calendar"): "cn-2027.1", a copy of the file's
// first version with its horizon on 2027-12-31 and one more holiday (2027-01-01, New Year; its
// entry is the version's last line before the closing brace), made current_version. A test
// version, not the official 2027 schedule.
std::string WithNextYearVersion(const std::string& calendar_file_text);

}  // namespace cs::common::testing

#endif  // CS_COMMON_TIME_CALENDAR_TESTING_H_

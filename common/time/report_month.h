// Monthly reports (SPEC V5, H6, C7; A1 7.4.1, A2 7.7, A3 7.5.2: 每月按时上报): the month a report
// is about, written "YYYY-MM", and when the report on it is due — close of business of the nth
// working day of the following month. One rule, so the archive's statistics and the registries'
// operating reports fall due at the same instant. Pure functions; thread-safe.
#ifndef CS_COMMON_TIME_REPORT_MONTH_H_
#define CS_COMMON_TIME_REPORT_MONTH_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "common/time/deadline.h"
#include "common/time/working_calendar.h"

namespace cs::common {

// "YYYY-MM" (years 2000–2999). INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<absl::CivilMonth> ParseMonth(absl::string_view text, absl::string_view field);
std::string FormatMonth(absl::CivilMonth month);

// The instants `month` spans in `time_zone`: [local midnight of its first day, local midnight of
// the next month's first day).
struct MonthSpan {
  absl::Time start;
  absl::Time end;
};
MonthSpan MonthBounds(absl::CivilMonth month, absl::TimeZone time_zone);

// Whether `month` is over at `now` in `time_zone` (now >= MonthBounds(...).end): only a finished
// month can be reported on.
bool MonthIsOver(absl::CivilMonth month, absl::Time now, absl::TimeZone time_zone);

// When the report on `month` is due: close of business of the `due_working_day`th working day of
// the following month on `calendar` (the last day of `month` is the day of the event and does not
// count, SPEC "Working time"), naming the calendar's version; provisional when that day lies past
// the calendar's horizon. INVALID_ARGUMENT naming "monthly_report_due_working_day" for a day < 1.
absl::StatusOr<Deadline> MonthlyReportDue(const WorkingCalendar& calendar, absl::CivilMonth month,
                                          int due_working_day);

}  // namespace cs::common

#endif  // CS_COMMON_TIME_REPORT_MONTH_H_

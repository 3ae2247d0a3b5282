#include "common/time/report_month.h"

#include "common/status/field_violations.h"

namespace cs::common {

absl::StatusOr<absl::CivilMonth> ParseMonth(absl::string_view text, absl::string_view field) {
  absl::CivilMonth month;
  if (text.size() != 7 || text[4] != '-' || !absl::ParseCivilTime(text, &month) ||
      month.year() < 2000 || month.year() > 2999) {
    return InvalidField(std::string(field), "must be a month YYYY-MM");
  }
  return month;
}

std::string FormatMonth(absl::CivilMonth month) { return absl::FormatCivilTime(month); }

MonthSpan MonthBounds(absl::CivilMonth month, absl::TimeZone time_zone) {
  return {absl::FromCivil(absl::CivilDay(month), time_zone),
          absl::FromCivil(absl::CivilDay(month + 1), time_zone)};
}

bool MonthIsOver(absl::CivilMonth month, absl::Time now, absl::TimeZone time_zone) {
  return now >= MonthBounds(month, time_zone).end;
}

absl::StatusOr<Deadline> MonthlyReportDue(const WorkingCalendar& calendar, absl::CivilMonth month,
                                          int due_working_day) {
  if (due_working_day < 1) {
    return InvalidField("monthly_report_due_working_day", "must be at least 1");
  }
  // The last day of the month is "the day of the event": it does not count, so the nth working day
  // after it is the nth working day of the next month.
  const absl::CivilDay last_day = absl::CivilDay(month + 1) - 1;
  const absl::Time event = calendar.time_zone().At(absl::CivilSecond(last_day)).pre;
  absl::StatusOr<absl::Time> due = calendar.WorkingDaysDeadline(event, due_working_day);
  if (!due.ok()) return due.status();
  return Deadline{*due, calendar.version(), calendar.EndsPastHorizon(*due)};
}

}  // namespace cs::common

#include "services/hotline-registry/domain/operating_report.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status/error_reason.h"
#include "common/time/report_month.h"

namespace cs::hotline {

OperatingReport BuildReport(int64_t hotline_id, std::string unit_id, std::string month,
                            const CallCounts& calls, const PhraseUse& phrases,
                            double target_percent, common::Deadline due,
                            absl::optional<ReportSubmission> submission, absl::Time now) {
  OperatingReport report;
  report.hotline_id = hotline_id;
  report.unit_id = std::move(unit_id);
  report.month = std::move(month);
  report.calls = calls;
  report.target_percent = target_percent;
  // A month without calls offered within the hours missed none of them.
  report.connection_rate_percent =
      calls.offered == 0
          ? 100.0
          : static_cast<double>(calls.answered) * 100.0 / static_cast<double>(calls.offered);
  // Compared without the division, so a rate of exactly the target (800 of 1000 against 80) is
  // never pushed below it by rounding.
  report.below_target =
      calls.offered > 0 && static_cast<double>(calls.answered) * 100.0 <
                               target_percent * static_cast<double>(calls.offered);
  report.calls_scored = phrases.scored;
  report.calls_using_every_phrase = phrases.fully_used;
  report.phrase_use_percent = phrases.scored == 0 ? 100.0
                                                  : static_cast<double>(phrases.fully_used) *
                                                        100.0 / static_cast<double>(phrases.scored);
  report.due = std::move(due);
  report.submission = std::move(submission);
  report.late = report.submission.has_value()
                    ? !SubmittedOnTime(report.submission->submitted_at, report.due)
                    : now > report.due.at;
  return report;
}

absl::StatusOr<common::Deadline> ReportDue(absl::string_view month, int due_working_day,
                                           const common::WorkingCalendar& calendar) {
  absl::StatusOr<absl::CivilMonth> parsed = common::ParseMonth(month, "month");
  if (!parsed.ok()) return parsed.status();
  return common::MonthlyReportDue(calendar, *parsed, due_working_day);
}

bool SubmittedOnTime(absl::Time submitted_at, const common::Deadline& due) {
  return submitted_at <= due.at;
}

absl::Status CheckReportSubmittable(absl::string_view month, absl::Time now,
                                    absl::TimeZone time_zone) {
  absl::StatusOr<absl::CivilMonth> parsed = common::ParseMonth(month, "month");
  if (!parsed.ok()) return parsed.status();
  if (!common::MonthIsOver(*parsed, now, time_zone)) {
    return common::WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            month, " is not over yet: the report covers the previous month's operation (A2 7.7)")),
        common::reason::kStateForbidsChange);
  }
  return absl::OkStatus();
}

}  // namespace cs::hotline

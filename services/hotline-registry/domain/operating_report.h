// A hotline's monthly operating report (SPEC H6, A2 7.5, 7.7): the connection rate of the calls
// offered within the published hours against the 80 % target, calls outside the hours reported
// apart, the phrase-use rate (A2 7.10.1), and the unit's submission by the due working day of the
// next month. Plain values and pure functions; thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_OPERATING_REPORT_H_
#define CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_OPERATING_REPORT_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/time/deadline.h"
#include "common/time/working_calendar.h"
#include "services/hotline-registry/domain/call_record.h"

namespace cs::hotline {

// A submitted report: who and when.
struct ReportSubmission {
  int64_t hotline_id = 0;
  std::string month;  // "YYYY-MM"
  std::string submitted_by;
  absl::Time submitted_at;
  std::string remarks;
  bool on_time = false;  // SubmittedOnTime(submitted_at, the report's due)
};

struct OperatingReport {
  int64_t hotline_id = 0;
  std::string unit_id;
  std::string month;
  CallCounts calls;
  double connection_rate_percent =
      100;  // answered / offered × 100, within hours; 100 with no calls
  double target_percent = 80;
  bool below_target = false;  // rate < target (exactly the target passes)
  int64_t calls_scored = 0;
  int64_t calls_using_every_phrase = 0;  // of calls_scored: PhraseUse::fully_used
  double phrase_use_percent = 100;       // calls_using_every_phrase / calls_scored × 100
  common::Deadline due;
  absl::optional<ReportSubmission> submission;
  bool late = false;  // due passed without a submission (or submitted after it)
};

// Scored calls of a month: how many, and how many used every required phrase.
struct PhraseUse {
  int64_t scored = 0;
  int64_t fully_used = 0;
};

// Builds the report of `month` from its counts. `target_percent` from the SLA targets
// (hotline_connection_rate_percent); `due` from ReportDue. The connection rate is answered /
// offered × 100 over the calls offered within the published hours (A2 7.5), 100 when none were;
// the calls outside the hours stay in `calls` and count in no rate. below_target iff the rate is
// under the target (exactly 80 % passes). The phrase-use rate is fully_used / scored × 100, 100
// when no call was scored. late: submitted after the due instant, or not submitted and `now` past
// it.
OperatingReport BuildReport(int64_t hotline_id, std::string unit_id, std::string month,
                            const CallCounts& calls, const PhraseUse& phrases,
                            double target_percent, common::Deadline due,
                            absl::optional<ReportSubmission> submission, absl::Time now);

// The close of business of the `due_working_day`-th working day of the month after `month`
// ("YYYY-MM") on `calendar` (common::MonthlyReportDue, the rule the archive's monthly report
// follows too). INVALID_ARGUMENT naming "month" for a malformed month, or
// "monthly_report_due_working_day" for a day below 1.
absl::StatusOr<common::Deadline> ReportDue(absl::string_view month, int due_working_day,
                                           const common::WorkingCalendar& calendar);

// On time: at or before the due instant (A2 7.7: 每月按时上报).
bool SubmittedOnTime(absl::Time submitted_at, const common::Deadline& due);

// OK when the report on `month` may be submitted at `now`: the month is over in `time_zone`.
// INVALID_ARGUMENT naming "month" for a malformed month; FAILED_PRECONDITION for this month or a
// later one.
absl::Status CheckReportSubmittable(absl::string_view month, absl::Time now,
                                    absl::TimeZone time_zone);

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_OPERATING_REPORT_H_

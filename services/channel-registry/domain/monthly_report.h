// C7 (A3 7.5.2: 每月按时上报客服中心前一个月的各网上服务渠道情况): the month of one channel — its
// complaints, checks made and missed (C5), faults and repairs (C2), capacity warnings (C6) and
// publication gaps (C3, C4) — the unit's submission by the due working day of the next month, and
// the unit's month as the assessment service scores it (A3 7.7.1). Plain values and pure
// functions; thread-safe.
//
// Months are "YYYY-MM" in the calendar's time zone (common/time/report_month.h); the report on a
// month is due at close of business of the `due_working_day`-th working day of the next month
// (common::MonthlyReportDue, SLA target monthly_report_due_working_day), the rule every monthly
// report of the suite follows.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_MONTHLY_REPORT_H_
#define CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_MONTHLY_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/time/deadline.h"
#include "common/time/working_calendar.h"
#include "services/channel-registry/domain/capacity_forecast.h"
#include "services/channel-registry/domain/channel.h"

namespace cs::channel {

struct ChannelMonthlyReport {
  int64_t channel_id = 0;
  std::string unit_id;
  std::string month;                // "YYYY-MM"
  int64_t complaints_received = 0;  // new_complaints summed over the month's checks
  int64_t checks_made = 0;
  int64_t checks_missed = 0;    // CountMissedChecks over the month (check_schedule.h)
  int64_t faults_opened = 0;    // opened in the month
  int64_t faults_repaired = 0;  // repaired in the month (whenever opened)
  int64_t faults_repaired_in_time = 0;
  double mean_repair_hours = 0;  // of the faults repaired in the month; 0 without any
  double longest_repair_hours = 0;
  int64_t capacity_warnings = 0;  // samples of the month whose forecast warned
  // The publication checklist of the channel as it stands when the report is built.
  bool english_advised = false;
  std::vector<PublishedItem> missing_items;
  bool service_standards_missing = false;
  common::Deadline due;
  absl::optional<ReportSubmission> submission;
  // Submitted after `due`, or not submitted and `now` is past it.
  bool late = false;
};

// What a channel's month is computed from; the vectors may hold more than the month (each function
// picks what it needs). `faults` should hold those opened, repaired or due in the month. `checks`
// should reach back to the channel's filing (or at least hold the last check before the month) so
// missed checks are counted from the right due time; `samples` should reach back one forecast
// window before the month.
struct ChannelRecords {
  OnlineChannel channel;
  std::vector<Check> checks;
  std::vector<Fault> faults;
  std::vector<UsageSample> samples;
  absl::optional<ReportSubmission> submission;  // of the month asked about
};

// The report of `month` for `records.channel` at `now`. The month is counted from its start to its
// end, or to `now` or the channel's retirement when earlier (a running month is a preview); missed
// checks are walked from the channel's first filing with its current service time. Capacity
// warnings: for each sample taken in the month, the forecast over the samples up to it, at its
// time, with `forecast` options. INVALID_ARGUMENT naming "month" for a malformed month, or
// "monthly_report_due_working_day" for a day below 1.
absl::StatusOr<ChannelMonthlyReport> BuildMonthlyReport(
    const ChannelRecords& records, absl::string_view month, int due_working_day,
    const ForecastOptions& forecast, absl::Time now, const common::WorkingCalendar& calendar);

// The unit submits the report on `month` at `now`: late when after `due` (the report's due).
// INVALID_ARGUMENT naming "month" for a malformed month; FAILED_PRECONDITION (STATE_FORBIDS_CHANGE)
// when the month is not over in `time_zone`, or the channel was first filed after it. Whether the
// month was already submitted is the caller's (the first submission stands).
absl::StatusOr<ReportSubmission> SubmitMonthlyReport(const OnlineChannel& channel,
                                                     absl::string_view month,
                                                     absl::string_view actor, absl::Time now,
                                                     const common::Deadline& due,
                                                     absl::TimeZone time_zone);

// --- For assessment (SPEC S5, A3 7.7) -----------------------------------------------------------

struct ChannelMonth {
  int64_t channel_id = 0;
  ChannelKind kind = ChannelKind::kUnspecified;
  std::string address;
  int64_t checks_made = 0;
  int64_t checks_missed = 0;
  int64_t faults_repaired = 0;  // repaired in the month, whenever due
  int64_t faults_repaired_in_time = 0;
  // Due in the month and not repaired by then, at `now` (FaultOverdue): repaired late, in the month
  // or after, or still open. A fault not repaired in time is judged in the month of its due time
  // only; one repaired in time in the month of its repair (faults_repaired_in_time). So
  // faults_repaired_in_time + faults_overdue judges each fault once; faults_repaired does not
  // (a late repair there was already judged overdue in its due month).
  int64_t faults_overdue = 0;
  bool report_submitted_on_time = false;
  // The due time passed with no submission by it (submitted late, or not at all).
  bool report_overdue = false;
};

struct MonthlyStatistics {
  std::string unit_id;
  std::string month;
  std::vector<ChannelMonth> channels;  // the channels in use in the month, by id
  // In use: first filed before the month's end and not retired before its start.
  int64_t channels_in_use = 0;
  // Of those, ACKNOWLEDGED at the month's end (StateAt): filed, received by the CS center, and no
  // finding open (a finding makes it INACCURATE, a correction FILED until acknowledged again).
  int64_t filings_complete_and_accurate = 0;
  int64_t inaccurate_findings = 0;  // findings raised in the month on the unit's channels
  int64_t unfiled_channels = 0;     // the unit's unfiled reports open at some time in the month
};

// The unit's month from its channels' records and the unfiled reports (records and reports of
// other units are ignored). Counted as BuildMonthlyReport counts; faults_overdue needs the faults
// due in the month among the records' (not only those opened or repaired in it).
// report_submitted_on_time when the record's submission is of this month and not after its due;
// report_overdue when not so and `now` is past the due. Errors as BuildMonthlyReport.
absl::StatusOr<MonthlyStatistics> BuildMonthlyStatistics(absl::string_view unit_id,
                                                         absl::string_view month,
                                                         const std::vector<ChannelRecords>& records,
                                                         const std::vector<UnfiledChannel>& unfiled,
                                                         int due_working_day, absl::Time now,
                                                         const common::WorkingCalendar& calendar);

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_MONTHLY_REPORT_H_

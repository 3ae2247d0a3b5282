#include "services/channel-registry/domain/monthly_report.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status/error_reason.h"
#include "common/time/report_month.h"
#include "services/channel-registry/domain/channel_lifecycle.h"
#include "services/channel-registry/domain/check_schedule.h"
#include "services/channel-registry/domain/publication_checklist.h"
#include "services/channel-registry/domain/unfiled_channel.h"

namespace cs::channel {
namespace {

bool Within(absl::Time t, absl::Time start, absl::Time end) { return t >= start && t < end; }

// The month's span of the channel: [month start, earliest of month end, now, retirement).
struct Span {
  absl::Time start;
  absl::Time end;
};

Span CountedSpan(const OnlineChannel& channel, const common::MonthSpan& month, absl::Time now) {
  absl::Time end = std::min(month.end, now);
  if (const absl::optional<absl::Time> retired = RetiredAt(channel); retired.has_value()) {
    end = std::min(end, *retired);
  }
  return {month.start, std::max(end, month.start)};
}

struct CheckCounts {
  int64_t made = 0;
  int64_t missed = 0;
  int64_t complaints = 0;
};

absl::StatusOr<CheckCounts> CountChecks(const ChannelRecords& records, const Span& span,
                                        const common::WorkingCalendar& calendar) {
  CheckCounts counts;
  std::vector<absl::Time> times;
  for (const Check& check : records.checks) {
    times.push_back(check.checked_at);
    if (Within(check.checked_at, span.start, span.end)) {
      ++counts.made;
      counts.complaints += check.new_complaints;
    }
  }
  const OnlineChannel& channel = records.channel;
  if (channel.form_versions.empty()) return counts;
  absl::StatusOr<int64_t> missed =
      CountMissedChecks(std::move(times), span.start, span.end,
                        channel.form_versions.front().filed_at, channel.service_time, calendar);
  if (!missed.ok()) return missed.status();
  counts.missed = *missed;
  return counts;
}

struct FaultCounts {
  int64_t opened = 0;
  int64_t repaired = 0;
  int64_t repaired_in_time = 0;
  int64_t overdue = 0;  // due in the month, not repaired by then (ChannelMonth::faults_overdue)
  double mean_repair_hours = 0;
  double longest_repair_hours = 0;
};

FaultCounts CountFaults(const std::vector<Fault>& faults, const common::MonthSpan& month,
                        absl::Time now) {
  FaultCounts counts;
  double total_hours = 0;
  for (const Fault& fault : faults) {
    if (Within(fault.opened_at, month.start, month.end)) ++counts.opened;
    // Judged against its due month only, so its late repair later adds no second miss.
    if (Within(fault.repair_due, month.start, month.end) && FaultOverdue(fault, now)) {
      ++counts.overdue;
    }
    if (!fault.repaired_at.has_value() || !Within(*fault.repaired_at, month.start, month.end)) {
      continue;
    }
    ++counts.repaired;
    if (FaultRepairedInTime(fault)) ++counts.repaired_in_time;
    const double hours = absl::ToDoubleHours(*fault.repaired_at - fault.opened_at);
    total_hours += hours;
    counts.longest_repair_hours = std::max(counts.longest_repair_hours, hours);
  }
  if (counts.repaired > 0) counts.mean_repair_hours = total_hours / counts.repaired;
  return counts;
}

int64_t CountCapacityWarnings(std::vector<UsageSample> samples, const Span& span,
                              const ForecastOptions& options) {
  std::sort(samples.begin(), samples.end(),
            [](const UsageSample& a, const UsageSample& b) { return a.sampled_at < b.sampled_at; });
  int64_t warnings = 0;
  size_t window_first = 0;
  for (size_t i = 0; i < samples.size(); ++i) {
    const absl::Time at = samples[i].sampled_at;
    if (!Within(at, span.start, span.end)) continue;
    while (samples[window_first].sampled_at < at - options.window) ++window_first;
    std::vector<UsageSample> seen(samples.begin() + window_first, samples.begin() + i + 1);
    if (ForecastCapacity(std::move(seen), at, options).warning) ++warnings;
  }
  return warnings;
}

}  // namespace

absl::StatusOr<ChannelMonthlyReport> BuildMonthlyReport(
    const ChannelRecords& records, absl::string_view month, int due_working_day,
    const ForecastOptions& forecast, absl::Time now, const common::WorkingCalendar& calendar) {
  absl::StatusOr<absl::CivilMonth> parsed = common::ParseMonth(month, "month");
  if (!parsed.ok()) return parsed.status();
  absl::StatusOr<common::Deadline> due =
      common::MonthlyReportDue(calendar, *parsed, due_working_day);
  if (!due.ok()) return due.status();
  const OnlineChannel& channel = records.channel;
  const common::MonthSpan bounds = common::MonthBounds(*parsed, calendar.time_zone());
  const Span span = CountedSpan(channel, bounds, now);

  ChannelMonthlyReport report;
  report.channel_id = channel.id;
  report.unit_id = channel.unit_id;
  report.month = std::string(month);
  absl::StatusOr<CheckCounts> checks = CountChecks(records, span, calendar);
  if (!checks.ok()) return checks.status();
  report.complaints_received = checks->complaints;
  report.checks_made = checks->made;
  report.checks_missed = checks->missed;
  const FaultCounts faults = CountFaults(records.faults, bounds, now);
  report.faults_opened = faults.opened;
  report.faults_repaired = faults.repaired;
  report.faults_repaired_in_time = faults.repaired_in_time;
  report.mean_repair_hours = faults.mean_repair_hours;
  report.longest_repair_hours = faults.longest_repair_hours;
  report.capacity_warnings = CountCapacityWarnings(records.samples, span, forecast);
  if (!channel.form_versions.empty()) {
    const PublicationChecklist checklist = BuildPublicationChecklist(channel);
    report.english_advised = checklist.english_advised;
    report.missing_items = checklist.missing_items;
    report.service_standards_missing = checklist.service_standards_missing;
  }
  report.due = *std::move(due);
  if (records.submission.has_value() && records.submission->month == report.month) {
    report.submission = records.submission;
  }
  report.late = report.submission.has_value() ? report.submission->submitted_at > report.due.at
                                              : now > report.due.at;
  return report;
}

absl::StatusOr<ReportSubmission> SubmitMonthlyReport(const OnlineChannel& channel,
                                                     absl::string_view month,
                                                     absl::string_view actor, absl::Time now,
                                                     const common::Deadline& due,
                                                     absl::TimeZone time_zone) {
  absl::StatusOr<absl::CivilMonth> parsed = common::ParseMonth(month, "month");
  if (!parsed.ok()) return parsed.status();
  if (!common::MonthIsOver(*parsed, now, time_zone)) {
    return common::WithReason(
        absl::FailedPreconditionError(
            absl::StrCat(month, " is not over yet: the report covers a finished month (A3 7.5.2)")),
        common::reason::kStateForbidsChange);
  }
  if (channel.form_versions.empty() ||
      channel.form_versions.front().filed_at >= common::MonthBounds(*parsed, time_zone).end) {
    return common::WithReason(
        absl::FailedPreconditionError(
            absl::StrCat("channel ", FormatChannelId(channel.id), " was not filed yet in ", month)),
        common::reason::kStateForbidsChange);
  }
  ReportSubmission submission;
  submission.channel_id = channel.id;
  submission.month = std::string(month);
  submission.submitted_at = now;
  submission.submitted_by = std::string(actor);
  submission.late = now > due.at;
  return submission;
}

absl::StatusOr<MonthlyStatistics> BuildMonthlyStatistics(absl::string_view unit_id,
                                                         absl::string_view month,
                                                         const std::vector<ChannelRecords>& records,
                                                         const std::vector<UnfiledChannel>& unfiled,
                                                         int due_working_day, absl::Time now,
                                                         const common::WorkingCalendar& calendar) {
  absl::StatusOr<absl::CivilMonth> parsed = common::ParseMonth(month, "month");
  if (!parsed.ok()) return parsed.status();
  absl::StatusOr<common::Deadline> due =
      common::MonthlyReportDue(calendar, *parsed, due_working_day);
  if (!due.ok()) return due.status();
  const common::MonthSpan bounds = common::MonthBounds(*parsed, calendar.time_zone());

  MonthlyStatistics stats;
  stats.unit_id = std::string(unit_id);
  stats.month = std::string(month);
  for (const ChannelRecords& record : records) {
    const OnlineChannel& channel = record.channel;
    if (channel.unit_id != unit_id || channel.form_versions.empty()) continue;
    for (const Finding& finding : channel.findings) {
      if (Within(finding.found_at, bounds.start, bounds.end)) ++stats.inaccurate_findings;
    }
    const absl::optional<absl::Time> retired = RetiredAt(channel);
    const bool in_use = channel.form_versions.front().filed_at < bounds.end &&
                        (!retired.has_value() || *retired >= bounds.start);
    if (!in_use) continue;
    ++stats.channels_in_use;
    if (StateAt(channel, bounds.end - absl::Nanoseconds(1)) == ChannelState::kAcknowledged) {
      ++stats.filings_complete_and_accurate;
    }
    const Span span = CountedSpan(channel, bounds, now);
    absl::StatusOr<CheckCounts> checks = CountChecks(record, span, calendar);
    if (!checks.ok()) return checks.status();
    const FaultCounts faults = CountFaults(record.faults, bounds, now);
    ChannelMonth row;
    row.channel_id = channel.id;
    row.kind = channel.form().kind;
    row.address = channel.form().address;
    row.checks_made = checks->made;
    row.checks_missed = checks->missed;
    row.faults_repaired = faults.repaired;
    row.faults_repaired_in_time = faults.repaired_in_time;
    row.faults_overdue = faults.overdue;
    row.report_submitted_on_time = record.submission.has_value() &&
                                   record.submission->month == month &&
                                   record.submission->submitted_at <= due->at;
    row.report_overdue = !row.report_submitted_on_time && now > due->at;
    stats.channels.push_back(std::move(row));
  }
  std::sort(
      stats.channels.begin(), stats.channels.end(),
      [](const ChannelMonth& a, const ChannelMonth& b) { return a.channel_id < b.channel_id; });
  for (const UnfiledChannel& report : unfiled) {
    if (report.unit_id == unit_id && OpenDuring(report, bounds.start, bounds.end)) {
      ++stats.unfiled_channels;
    }
  }
  return stats;
}

}  // namespace cs::channel

#include "services/channel-registry/api/channel_metrics.h"

#include <exception>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"

namespace cs::channel {
namespace {

using GaugeValues = std::vector<std::pair<std::vector<std::string>, double>>;

// The states the channels gauge shows, in the enum's order.
constexpr ChannelState kStates[] = {ChannelState::kFiled, ChannelState::kAcknowledged,
                                    ChannelState::kInaccurate, ChannelState::kRetired};

std::string StateLabel(ChannelState state) {
  return absl::AsciiStrToLower(ChannelStateName(state));
}

// One value per unit: every unit of the directory (0 unless the snapshot says otherwise), then any
// unit the snapshot names that the directory does not.
GaugeValues ByUnit(const std::vector<std::string>& unit_ids, const std::vector<UnitCount>& counts) {
  std::map<std::string, int64_t> by_unit;
  for (const auto& [unit, count] : counts) by_unit[unit] += count;
  GaugeValues values;
  for (const std::string& unit : unit_ids) {
    auto it = by_unit.find(unit);
    values.push_back({{unit}, it == by_unit.end() ? 0.0 : static_cast<double>(it->second)});
    if (it != by_unit.end()) by_unit.erase(it);
  }
  for (const auto& [unit, count] : by_unit) values.push_back({{unit}, static_cast<double>(count)});
  return values;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ChannelMetrics>> ChannelMetrics::Create(
    prometheus::Registry& registry, const common::UnitDirectory& units) {
  std::unique_ptr<ChannelMetrics> m(new ChannelMetrics());
  for (const common::UnitInfo& unit : units.units()) m->unit_ids_.push_back(unit.id);
  try {
    m->repaired_ = &prometheus::BuildCounter()
                        .Name("cs_channel_registry_faults_repaired_total")
                        .Help(
                            "Channel faults repaired (C2, A3 7.1), once per fault: in_time (at or "
                            "before the repair limit of the channel's kind) or late")
                        .Register(registry);
    m->checks_ = &prometheus::BuildCounter()
                      .Name("cs_channel_registry_checks_total")
                      .Help(
                          "Checks of a channel's complaints recorded by its assigned staff (C5, "
                          "A3 7.5.3)")
                      .Register(registry);
    m->late_ = &prometheus::BuildCounter()
                    .Name("cs_channel_registry_monthly_reports_late_total")
                    .Help(
                        "Monthly reports of channels submitted after their due working day, or not "
                        "submitted by it (C7, A3 7.5.2), once per channel and month")
                    .Register(registry);
    m->oldest_overdue_check_ =
        &prometheus::BuildGauge()
             .Name("cs_channel_registry_oldest_overdue_check_seconds")
             .Help(
                 "How long past its due time the most overdue scheduled check of a channel is "
                 "(C5, A3 7.5.3); 0 when none is overdue")
             .Register(registry)
             .Add({});
    m->oldest_open_fault_ = &prometheus::BuildGauge()
                                 .Name("cs_channel_registry_oldest_open_fault_seconds")
                                 .Help(
                                     "Age of the oldest open channel fault (C2, A3 7.1); 0 when "
                                     "none is open")
                                 .Register(registry)
                                 .Add({});
  } catch (const std::exception& e) {
    return absl::InternalError(
        absl::StrCat("cannot register channel registry metrics: ", e.what()));
  }
  ASSIGN_OR_RETURN(common::DeadlineCounter deadlines,
                   common::DeadlineCounter::Create(
                       registry, "cs_channel_registry_report_deadlines_total",
                       "Monthly reports of channels submitted by their due working day (met) or "
                       "not (missed), once per channel and month (C7, A3 7.5.2)",
                       {"unit"}));
  m->deadlines_ = std::make_unique<common::DeadlineCounter>(std::move(deadlines));
  ASSIGN_OR_RETURN(m->channels_,
                   common::GaugeSeries::Create(
                       registry, "cs_channel_registry_channels",
                       "Online service channels by state (C1, A3 7.5.1): filed (not yet "
                       "acknowledged by the CS center), acknowledged, inaccurate (a finding open), "
                       "retired",
                       {"unit", "state"}));
  ASSIGN_OR_RETURN(m->unfiled_, common::GaugeSeries::Create(
                                    registry, "cs_channel_registry_unfiled_channels",
                                    "Channels the CS center found in use but not filed, not yet "
                                    "filed by the unit (C1, A3 7.7.1)",
                                    {"unit"}));
  ASSIGN_OR_RETURN(
      m->checks_overdue_,
      common::GaugeSeries::Create(
          registry, "cs_channel_registry_checks_overdue",
          "Channels not retired whose scheduled check is overdue (C5, A3 7.5.3)", {"unit"}));
  ASSIGN_OR_RETURN(m->open_faults_, common::GaugeSeries::Create(
                                        registry, "cs_channel_registry_open_faults",
                                        "Channel faults not yet repaired (C2, A3 7.1)", {"unit"}));
  ASSIGN_OR_RETURN(m->faults_overdue_,
                   common::GaugeSeries::Create(
                       registry, "cs_channel_registry_faults_overdue",
                       "Open channel faults past their repair due time (C2, A3 7.1)", {"unit"}));
  ASSIGN_OR_RETURN(m->usage_ratio_,
                   common::GaugeSeries::Create(
                       registry, "cs_channel_registry_mailbox_usage_ratio",
                       "Used / capacity of a mailbox channel's latest usage sample (C6, A3 7.5.4)",
                       {"channel", "unit"}));
  ASSIGN_OR_RETURN(m->days_to_full_,
                   common::GaugeSeries::Create(
                       registry, "cs_channel_registry_mailbox_days_to_full",
                       "Days until a mailbox is full by the least-squares forecast over its recent "
                       "usage samples (C6, A3 7.5.4); only for mailboxes forecast to fill",
                       {"channel", "unit"}));
  ASSIGN_OR_RETURN(m->capacity_warnings_,
                   common::GaugeSeries::Create(
                       registry, "cs_channel_registry_capacity_warnings",
                       "Mailboxes whose forecast warns: full within the configured horizon or "
                       "used at or above the configured threshold (C6, A3 7.5.4)",
                       {"unit"}));

  RETURN_IF_ERROR(m->deadlines_->InitializeSeries({m->unit_ids_}));
  RETURN_IF_ERROR(common::InitializeCounters(*m->repaired_, {"unit", "outcome"},
                                             {m->unit_ids_, {"in_time", "late"}}));
  RETURN_IF_ERROR(common::InitializeCounters(*m->checks_, {"unit"}, {m->unit_ids_}));
  RETURN_IF_ERROR(common::InitializeCounters(*m->late_, {"unit"}, {m->unit_ids_}));
  m->Snapshot(ChannelSnapshot{});
  return m;
}

void ChannelMetrics::FaultRepaired(absl::string_view unit_id, bool in_time) {
  repaired_->Add({{"unit", std::string(unit_id)}, {"outcome", in_time ? "in_time" : "late"}})
      .Increment();
}

void ChannelMetrics::CheckRecorded(absl::string_view unit_id) {
  checks_->Add({{"unit", std::string(unit_id)}}).Increment();
}

void ChannelMetrics::ReportDeadline(absl::string_view unit_id, bool met) {
  deadlines_->Record(met, {std::string(unit_id)});
  if (!met) late_->Add({{"unit", std::string(unit_id)}}).Increment();
}

void ChannelMetrics::Snapshot(const ChannelSnapshot& snapshot) {
  std::map<std::pair<std::string, std::string>, int64_t> by_unit_state;
  for (const std::string& unit : unit_ids_) {
    for (ChannelState state : kStates) by_unit_state[{unit, StateLabel(state)}] = 0;
  }
  for (const ChannelStateCount& count : snapshot.channels) {
    by_unit_state[{count.unit_id, StateLabel(count.state)}] += count.count;
  }
  GaugeValues channels;
  for (const auto& [key, count] : by_unit_state) {
    channels.push_back({{key.first, key.second}, static_cast<double>(count)});
  }
  channels_->SetAll(channels);
  unfiled_->SetAll(ByUnit(unit_ids_, snapshot.unfiled_by_unit));
  checks_overdue_->SetAll(ByUnit(unit_ids_, snapshot.checks_overdue_by_unit));
  oldest_overdue_check_->Set(absl::ToDoubleSeconds(snapshot.oldest_overdue_check));
  open_faults_->SetAll(ByUnit(unit_ids_, snapshot.open_faults_by_unit));
  faults_overdue_->SetAll(ByUnit(unit_ids_, snapshot.faults_overdue_by_unit));
  oldest_open_fault_->Set(absl::ToDoubleSeconds(snapshot.oldest_open_fault));
  GaugeValues ratios;
  GaugeValues days;
  for (const MailboxGauge& mailbox : snapshot.mailboxes) {
    ratios.push_back({{mailbox.channel_id, mailbox.unit_id}, mailbox.usage_ratio});
    if (mailbox.days_to_full.has_value()) {
      days.push_back({{mailbox.channel_id, mailbox.unit_id}, *mailbox.days_to_full});
    }
  }
  usage_ratio_->SetAll(ratios);
  days_to_full_->SetAll(days);
  capacity_warnings_->SetAll(ByUnit(unit_ids_, snapshot.capacity_warnings_by_unit));
}

}  // namespace cs::channel

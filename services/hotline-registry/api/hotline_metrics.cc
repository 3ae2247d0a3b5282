#include "services/hotline-registry/api/hotline_metrics.h"

#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"

namespace cs::hotline {
namespace {

using GaugeValues = std::vector<std::pair<std::vector<std::string>, double>>;

}  // namespace

absl::StatusOr<std::unique_ptr<HotlineMetrics>> HotlineMetrics::Create(
    prometheus::Registry& registry, const common::UnitDirectory& units) {
  std::unique_ptr<HotlineMetrics> m(new HotlineMetrics());
  try {
    m->late_ = &prometheus::BuildCounter()
                    .Name("cs_hotline_registry_monthly_reports_late_total")
                    .Help(
                        "Monthly operating reports of hotlines submitted after their due working "
                        "day, or not submitted by it (A2 7.7), once per hotline and month")
                    .Register(registry);
    m->calls_ = &prometheus::BuildCounter()
                     .Name("cs_hotline_registry_call_records_total")
                     .Help(
                         "Call detail records ingested (H6): stored, duplicate (stored before), "
                         "rejected (refused with their index)")
                     .Register(registry);
    m->refused_ = &prometheus::BuildCounter()
                       .Name("cs_hotline_registry_rosters_refused_total")
                       .Help(
                           "Duty rosters refused because they named staff without all four "
                           "trainings (H7, A2 7.6), once per request")
                       .Register(registry);
    m->oldest_pending_ =
        &prometheus::BuildGauge()
             .Name("cs_hotline_registry_oldest_pending_approval_seconds")
             .Help(
                 "How long the oldest signed registration or change form has waited for the CS "
                 "center's decision (H1, H2); 0 when none waits")
             .Register(registry)
             .Add({});
    m->transitions_active_ =
        &prometheus::BuildGauge()
             .Name("cs_hotline_registry_number_transitions_active")
             .Help(
                 "Old hotline numbers on a voice prompt or automatic transfer now (H3: at least "
                 "3 months after a number change)")
             .Register(registry)
             .Add({});
  } catch (const std::exception& e) {
    return absl::InternalError(
        absl::StrCat("cannot register hotline registry metrics: ", e.what()));
  }
  ASSIGN_OR_RETURN(common::DeadlineCounter deadlines,
                   common::DeadlineCounter::Create(
                       registry, "cs_hotline_registry_report_deadlines_total",
                       "Monthly operating reports of hotlines submitted by their due working day "
                       "(met) or not (missed), once per hotline and month (A2 7.7)",
                       {"unit"}));
  m->deadlines_ = std::make_unique<common::DeadlineCounter>(std::move(deadlines));
  ASSIGN_OR_RETURN(m->rates_,
                   common::GaugeSeries::Create(
                       registry, "cs_hotline_registry_connection_rate_percent",
                       "Connection rate (answered / offered x 100) of the calls offered within the "
                       "published service hours, per hotline active in the month, for the current "
                       "month so far and the previous month (H6, A2 7.5: at least 80); calls "
                       "outside the hours are not counted",
                       {"hotline", "unit", "month"}));
  ASSIGN_OR_RETURN(m->below_target_,
                   common::GaugeSeries::Create(
                       registry, "cs_hotline_registry_hotlines_below_target",
                       "Hotlines whose connection rate in the current month so far is under the "
                       "target hotline_connection_rate_percent (H6, A2 7.5)",
                       {"unit"}));
  ASSIGN_OR_RETURN(m->pending_, common::GaugeSeries::Create(
                                    registry, "cs_hotline_registry_approvals_pending",
                                    "Signed registration (F1) and change (F2) forms waiting for "
                                    "the CS center's decision (H1, H2)",
                                    {"kind"}));
  ASSIGN_OR_RETURN(m->remaining_, common::GaugeSeries::Create(
                                      registry, "cs_hotline_registry_transition_remaining_seconds",
                                      "Time left until the soonest end of the hotline's running "
                                      "number transitions (H3)",
                                      {"hotline"}));

  std::vector<std::string> unit_ids;
  for (const common::UnitInfo& unit : units.units()) unit_ids.push_back(unit.id);
  RETURN_IF_ERROR(m->deadlines_->InitializeSeries({unit_ids}));
  RETURN_IF_ERROR(common::InitializeCounters(*m->late_, {"unit"}, {unit_ids}));
  RETURN_IF_ERROR(common::InitializeCounters(*m->refused_, {"unit"}, {unit_ids}));
  RETURN_IF_ERROR(
      common::InitializeCounters(*m->calls_, {"result"}, {{"stored", "duplicate", "rejected"}}));
  GaugeValues below;
  for (const std::string& unit : unit_ids) below.push_back({{unit}, 0});
  m->below_target_->SetAll(below);
  m->pending_->SetAll({{{"registration"}, 0}, {{"change"}, 0}});
  return m;
}

void HotlineMetrics::CallRecordsIngested(int64_t stored, int64_t duplicates, int64_t rejected) {
  if (stored > 0) calls_->Add({{"result", "stored"}}).Increment(static_cast<double>(stored));
  if (duplicates > 0) {
    calls_->Add({{"result", "duplicate"}}).Increment(static_cast<double>(duplicates));
  }
  if (rejected > 0) calls_->Add({{"result", "rejected"}}).Increment(static_cast<double>(rejected));
}

void HotlineMetrics::RosterRefused(absl::string_view unit_id) {
  refused_->Add({{"unit", std::string(unit_id)}}).Increment();
}

void HotlineMetrics::ReportDeadline(absl::string_view unit_id, bool met) {
  deadlines_->Record(met, {std::string(unit_id)});
  if (!met) late_->Add({{"unit", std::string(unit_id)}}).Increment();
}

void HotlineMetrics::Snapshot(const RegistrySnapshot& snapshot) {
  GaugeValues rates;
  for (const HotlineRate& rate : snapshot.rates) {
    rates.push_back({{rate.hotline_id, rate.unit_id, rate.current_month ? "current" : "previous"},
                     rate.rate_percent});
  }
  rates_->SetAll(rates);
  GaugeValues below;
  for (const auto& [unit, count] : snapshot.below_target_by_unit) {
    below.push_back({{unit}, static_cast<double>(count)});
  }
  below_target_->SetAll(below);
  pending_->SetAll({{{"registration"}, static_cast<double>(snapshot.registrations_pending)},
                    {{"change"}, static_cast<double>(snapshot.changes_pending)}});
  oldest_pending_->Set(absl::ToDoubleSeconds(snapshot.oldest_pending_approval));
  transitions_active_->Set(static_cast<double>(snapshot.transitions_active));
  GaugeValues remaining;
  for (const TransitionLeft& left : snapshot.transitions) {
    remaining.push_back({{left.hotline_id}, absl::ToDoubleSeconds(left.remaining)});
  }
  remaining_->SetAll(remaining);
}

}  // namespace cs::hotline

#include "services/routing/api/routing_metrics.h"

#include <exception>
#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"

namespace cs::routing {
namespace {

absl::StatusOr<prometheus::Family<prometheus::Counter>*> Counter(prometheus::Registry& registry,
                                                                 const std::string& name,
                                                                 const std::string& help) {
  try {
    return &prometheus::BuildCounter().Name(name).Help(help).Register(registry);
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("cannot register ", name, ": ", e.what()));
  }
}

std::string Path(DispatchKind kind) { return std::string(DispatchKindName(kind)); }

std::string DecisionLabel(Decision decision) {
  return absl::AsciiStrToLower(DecisionName(decision));
}

std::string ResultLabel(DeliveryResult result) {
  switch (result) {
    case DeliveryResult::kDelivered:
      return "delivered";
    case DeliveryResult::kRetry:
      return "retry";
    case DeliveryResult::kFailed:
      return "failed";
  }
  return "unknown";
}

}  // namespace

absl::StatusOr<std::unique_ptr<RoutingSlaMetrics>> RoutingSlaMetrics::Create(
    prometheus::Registry& registry, const common::UnitDirectory& units) {
  std::unique_ptr<RoutingSlaMetrics> metrics(new RoutingSlaMetrics());
  ASSIGN_OR_RETURN(metrics->received_,
                   Counter(registry, "cs_routing_tickets_received_total",
                           "Forwards received from intake (SPEC I4); duplicate=true for a retried "
                           "delivery of a forward already received"));
  ASSIGN_OR_RETURN(metrics->decisions_,
                   Counter(registry, "cs_routing_decisions_total",
                           "Decisions of the designated unit (SPEC R1-R4), and whether they "
                           "overrode the business catalog's suggestion (R5)"));
  ASSIGN_OR_RETURN(metrics->reminders_,
                   Counter(registry, "cs_routing_reminders_total",
                           "Supervision reminders of overdue orders (SPEC R6)"));
  ASSIGN_OR_RETURN(metrics->deliveries_,
                   Counter(registry, "cs_routing_deliveries_total",
                           "Gateways' results for replies, escalations and reminders"));
  ASSIGN_OR_RETURN(common::WorkingSecondsHistogram decision_time,
                   common::WorkingSecondsHistogram::Create(
                       registry, "cs_routing_decision_working_seconds",
                       "Working time on the calendar from receipt to the designated unit's "
                       "decision (SPEC R1-R4)",
                       {"decision"}));
  metrics->decision_time_ =
      std::make_unique<common::WorkingSecondsHistogram>(std::move(decision_time));
  ASSIGN_OR_RETURN(common::WorkingSecondsHistogram reply_time,
                   common::WorkingSecondsHistogram::Create(
                       registry, "cs_routing_order_reply_working_seconds",
                       "Working time on the calendar from dispatch to the unit's reply, or to the "
                       "telecom company's acknowledgement (SPEC R2, R3)",
                       {"unit", "path"}));
  metrics->reply_time_ = std::make_unique<common::WorkingSecondsHistogram>(std::move(reply_time));
  ASSIGN_OR_RETURN(common::DeadlineCounter deadlines,
                   common::DeadlineCounter::Create(
                       registry, "cs_routing_order_deadlines_total",
                       "Order deadlines met or missed (A5 6.4 handling, A5 6.5 acknowledgement), "
                       "counted once each",
                       {"unit", "path"}));
  metrics->deadlines_ = std::make_unique<common::DeadlineCounter>(std::move(deadlines));
  ASSIGN_OR_RETURN(
      metrics->open_,
      common::GaugeSeries::Create(registry, "cs_routing_open_orders",
                                  "Dispatch orders not yet closed (SPEC R6)", {"unit", "path"}));
  ASSIGN_OR_RETURN(metrics->overdue_,
                   common::GaugeSeries::Create(registry, "cs_routing_overdue_orders",
                                               "Open dispatch orders past their deadline (SPEC R6)",
                                               {"unit", "path"}));
  ASSIGN_OR_RETURN(metrics->waiting_,
                   common::GaugeSeries::Create(
                       registry, "cs_routing_deliveries_waiting",
                       "Deliveries not yet delivered nor given up, by channel", {"channel"}));
  // Orders go to every unit but the designated one (internal dispatch) and to the telecom company.
  std::vector<std::string> dispatch_units;
  for (const common::UnitInfo& unit : units.units()) {
    if (unit.designated) continue;
    dispatch_units.push_back(unit.id);
    metrics->order_series_.push_back({unit.id, Path(DispatchKind::kInternal)});
  }
  metrics->order_series_.push_back({std::string(kTelecomUnitId), Path(DispatchKind::kTelecom)});
  metrics->OpenOrders({});
  // The order counters start at 0 for the same (unit, path) pairs, so increase() sees a unit's
  // first miss or reminder after a start.
  const std::vector<std::vector<std::vector<std::string>>> order_counter_series = {
      {dispatch_units, {Path(DispatchKind::kInternal)}},
      {{std::string(kTelecomUnitId)}, {Path(DispatchKind::kTelecom)}}};
  for (const std::vector<std::vector<std::string>>& values : order_counter_series) {
    RETURN_IF_ERROR(metrics->deadlines_->InitializeSeries(values));
    RETURN_IF_ERROR(common::InitializeCounters(*metrics->reminders_, {"unit", "path"}, values));
  }
  // The dashboards take rate() of these: each series exists at 0 so its first event is seen.
  RETURN_IF_ERROR(
      common::InitializeCounters(*metrics->received_, {"duplicate"}, {{"true", "false"}}));
  std::vector<std::string> decisions;
  for (Decision decision : {Decision::kDirectReply, Decision::kInternalDispatch,
                            Decision::kEscalateToTelecom, Decision::kReturn}) {
    decisions.push_back(DecisionLabel(decision));
  }
  RETURN_IF_ERROR(common::InitializeCounters(*metrics->decisions_, {"decision", "overridden"},
                                             {decisions, {"true", "false"}}));
  std::vector<std::string> channels;
  for (ReplyChannel channel :
       {ReplyChannel::kEmail, ReplyChannel::kSms, ReplyChannel::kPhoneCallback, ReplyChannel::kFax,
        ReplyChannel::kPost}) {
    channels.push_back(std::string(ReplyChannelName(channel)));
  }
  std::vector<std::string> purposes;
  for (DeliveryPurpose purpose : {DeliveryPurpose::kUserReply, DeliveryPurpose::kTelecomDispatch,
                                  DeliveryPurpose::kOverdueReminder}) {
    purposes.push_back(std::string(DeliveryPurposeName(purpose)));
  }
  std::vector<std::string> results;
  for (DeliveryResult result :
       {DeliveryResult::kDelivered, DeliveryResult::kRetry, DeliveryResult::kFailed}) {
    results.push_back(ResultLabel(result));
  }
  RETURN_IF_ERROR(common::InitializeCounters(
      *metrics->deliveries_, {"channel", "purpose", "result"}, {channels, purposes, results}));
  return metrics;
}

void RoutingSlaMetrics::TicketReceived(bool duplicate) {
  received_->Add({{"duplicate", duplicate ? "true" : "false"}}).Increment();
}

void RoutingSlaMetrics::Decided(Decision decision, bool overrode_suggestion,
                                absl::Duration working_time) {
  decision_time_->Observe(working_time, {DecisionLabel(decision)});
  decisions_
      ->Add({{"decision", DecisionLabel(decision)},
             {"overridden", overrode_suggestion ? "true" : "false"}})
      .Increment();
}

void RoutingSlaMetrics::OrderClosed(DispatchKind kind, absl::string_view unit_id,
                                    absl::Duration working_time, bool deadline_met,
                                    bool count_deadline) {
  const std::vector<std::string> labels = {std::string(unit_id), Path(kind)};
  reply_time_->Observe(working_time, labels);
  if (count_deadline) deadlines_->Record(deadline_met, labels);
}

void RoutingSlaMetrics::DeadlineMissed(DispatchKind kind, absl::string_view unit_id) {
  deadlines_->Missed({std::string(unit_id), Path(kind)});
}

void RoutingSlaMetrics::ReminderSent(DispatchKind kind, absl::string_view unit_id) {
  reminders_->Add({{"unit", std::string(unit_id)}, {"path", Path(kind)}}).Increment();
}

void RoutingSlaMetrics::OpenOrders(const std::vector<OpenOrderCount>& counts) {
  std::map<std::vector<std::string>, std::pair<double, double>> series;
  for (const std::vector<std::string>& labels : order_series_) series[labels] = {0, 0};
  for (const OpenOrderCount& count : counts) {
    auto& [open, overdue] = series[{count.unit_id, Path(count.kind)}];
    open += static_cast<double>(count.count);
    if (count.overdue) overdue += static_cast<double>(count.count);
  }
  std::vector<std::pair<std::vector<std::string>, double>> open_snapshot;
  std::vector<std::pair<std::vector<std::string>, double>> overdue_snapshot;
  for (const auto& [labels, values] : series) {
    open_snapshot.push_back({labels, values.first});
    overdue_snapshot.push_back({labels, values.second});
  }
  open_->SetAll(open_snapshot);
  overdue_->SetAll(overdue_snapshot);
}

void RoutingSlaMetrics::DeliveryAcknowledged(ReplyChannel channel, DeliveryPurpose purpose,
                                             DeliveryResult result) {
  deliveries_
      ->Add({{"channel", std::string(ReplyChannelName(channel))},
             {"purpose", std::string(DeliveryPurposeName(purpose))},
             {"result", ResultLabel(result)}})
      .Increment();
}

void RoutingSlaMetrics::WaitingDeliveries(const std::vector<WaitingDeliveryCount>& counts) {
  std::vector<std::pair<std::vector<std::string>, double>> snapshot;
  for (ReplyChannel channel :
       {ReplyChannel::kEmail, ReplyChannel::kSms, ReplyChannel::kPhoneCallback, ReplyChannel::kFax,
        ReplyChannel::kPost}) {
    double value = 0;
    for (const WaitingDeliveryCount& count : counts) {
      if (count.channel == channel) value = static_cast<double>(count.count);
    }
    snapshot.push_back({{std::string(ReplyChannelName(channel))}, value});
  }
  waiting_->SetAll(snapshot);
}

}  // namespace cs::routing

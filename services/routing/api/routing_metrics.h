// The routing SLA metrics (SPEC R1–R6), exported through the process's Prometheus registry:
//   cs_routing_tickets_received_total{duplicate}                         forwards received
//   cs_routing_decision_working_seconds{decision}                        histogram: receipt to
//   decision cs_routing_decisions_total{decision,overridden}                      decisions, and
//   overrides (R5) cs_routing_order_reply_working_seconds{unit,path}                    histogram:
//   dispatch to reply
//                                                                         (internal) or
//                                                                         acknowledgement (telecom)
//   cs_routing_order_deadlines_total{unit,path,outcome="met"|"missed"}   one per order deadline
//   cs_routing_open_orders{unit,path}, cs_routing_overdue_orders{unit,path}  gauges (R6)
//   cs_routing_reminders_total{unit,path}                                supervision reminders (R6)
//   cs_routing_deliveries_total{channel,purpose,result}                  gateways' results
//   cs_routing_deliveries_waiting{channel}                               gauge: not yet delivered
// Working time is on the calendar; path is internal_dispatch or escalate_to_telecom. Thread-safe
// (prometheus-cpp metrics are).
#ifndef CS_SERVICES_ROUTING_API_ROUTING_METRICS_H_
#define CS_SERVICES_ROUTING_API_ROUTING_METRICS_H_

#include <memory>
#include <string>
#include <vector>

#include "common/metrics/sla_metrics.h"
#include "common/units/unit_directory.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/registry.h"
#include "services/routing/core/routing_ports.h"

namespace cs::routing {

class RoutingSlaMetrics final : public RoutingSlaObserver {
 public:
  // The order gauges always carry a series (0 when none) for every unit but the designated one and
  // for the telecom company, so an alert on them has data; the order deadline and reminder counters
  // start at 0 for the same series, so increase() sees their first event after a start.
  // INVALID_ARGUMENT if a family cannot be registered (a name clash in the registry).
  static absl::StatusOr<std::unique_ptr<RoutingSlaMetrics>> Create(
      prometheus::Registry& registry, const common::UnitDirectory& units);

  void TicketReceived(bool duplicate) override;
  void Decided(Decision decision, bool overrode_suggestion, absl::Duration working_time) override;
  void OrderClosed(DispatchKind kind, absl::string_view unit_id, absl::Duration working_time,
                   bool deadline_met, bool count_deadline) override;
  void DeadlineMissed(DispatchKind kind, absl::string_view unit_id) override;
  void ReminderSent(DispatchKind kind, absl::string_view unit_id) override;
  void OpenOrders(const std::vector<OpenOrderCount>& counts) override;
  void DeliveryAcknowledged(ReplyChannel channel, DeliveryPurpose purpose,
                            DeliveryResult result) override;
  void WaitingDeliveries(const std::vector<WaitingDeliveryCount>& counts) override;

 private:
  RoutingSlaMetrics() = default;

  prometheus::Family<prometheus::Counter>* received_ = nullptr;
  prometheus::Family<prometheus::Counter>* decisions_ = nullptr;
  prometheus::Family<prometheus::Counter>* reminders_ = nullptr;
  prometheus::Family<prometheus::Counter>* deliveries_ = nullptr;
  std::unique_ptr<common::WorkingSecondsHistogram> decision_time_;
  std::unique_ptr<common::WorkingSecondsHistogram> reply_time_;
  std::unique_ptr<common::DeadlineCounter> deadlines_;
  std::unique_ptr<common::GaugeSeries> open_;
  std::unique_ptr<common::GaugeSeries> overdue_;
  std::unique_ptr<common::GaugeSeries> waiting_;
  // Every (unit, path) the order gauges report, zero when absent from a snapshot.
  std::vector<std::vector<std::string>> order_series_;
};

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_API_ROUTING_METRICS_H_

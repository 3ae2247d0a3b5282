// What the routing core needs from the outside world besides its store, as small interfaces:
// turning an outcome into the bytes of the message to intake (the gRPC layer does it with
// protobuf), and reporting SLA events (the metrics layer exports them). Implementations must be
// thread-safe.
#ifndef CS_SERVICES_ROUTING_CORE_ROUTING_PORTS_H_
#define CS_SERVICES_ROUTING_CORE_ROUTING_PORTS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/routing/domain/routed_ticket.h"
#include "services/routing/domain/routing_lifecycle.h"
#include "services/routing/store/routing_store.h"

namespace cs::routing {

class OutcomeEncoder {
 public:
  virtual ~OutcomeEncoder() = default;
  // The report of `outcome` about `routed` for cs.intake.v1.IntakeService/ReportTicketOutcome (its
  // message_id is filled in by the sender with the outbox message id).
  virtual std::string EncodeOutcome(const RoutedTicket& routed, const OutcomeReport& outcome) = 0;
};

class RoutingSlaObserver {
 public:
  virtual ~RoutingSlaObserver() = default;
  // A forward arrived; `duplicate` when it had been received before (a retry of intake's relay).
  virtual void TicketReceived(bool duplicate) = 0;
  // The designated unit decided (R1–R5) `working_time` after receipt.
  virtual void Decided(Decision decision, bool overrode_suggestion,
                       absl::Duration working_time) = 0;
  // An order closed: an internal one replied to, an escalation acknowledged, `working_time` after
  // dispatch. `count_deadline` is false when supervision already counted its deadline as missed.
  virtual void OrderClosed(DispatchKind kind, absl::string_view unit_id,
                           absl::Duration working_time, bool deadline_met, bool count_deadline) = 0;
  // Supervision found an order past its deadline (counted once per order).
  virtual void DeadlineMissed(DispatchKind kind, absl::string_view unit_id) = 0;
  virtual void ReminderSent(DispatchKind kind, absl::string_view unit_id) = 0;
  // The current picture of open orders.
  virtual void OpenOrders(const std::vector<OpenOrderCount>& counts) = 0;
  // A gateway reported on a delivery.
  virtual void DeliveryAcknowledged(ReplyChannel channel, DeliveryPurpose purpose,
                                    DeliveryResult result) = 0;
  // Deliveries waiting for their gateway, by channel.
  virtual void WaitingDeliveries(const std::vector<WaitingDeliveryCount>& counts) = 0;
};

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_CORE_ROUTING_PORTS_H_

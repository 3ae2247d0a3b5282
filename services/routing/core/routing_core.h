// The routing use cases (SPEC §2, R1–R7): who may do what to which routed ticket, order or
// delivery, the deadlines each order gets, supervision, and the store calls that make each change
// atomic with its reports to intake. Knows no gRPC and no SQL: it works on domain values through
// RoutingStore and the ports of routing_ports.h. Thread-safe (it holds no mutable state of its
// own).
#ifndef CS_SERVICES_ROUTING_CORE_ROUTING_CORE_H_
#define CS_SERVICES_ROUTING_CORE_ROUTING_CORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/types/optional.h"
#include "common/auth/principal.h"
#include "common/time/calendar_holder.h"
#include "common/time/clock.h"
#include "common/time/deadline.h"
#include "common/units/unit_directory.h"
#include "services/routing/core/routing_ports.h"
#include "services/routing/domain/business_catalog.h"
#include "services/routing/domain/reply_letters.h"
#include "services/routing/domain/routed_ticket.h"
#include "services/routing/domain/routing_lifecycle.h"
#include "services/routing/store/routing_store.h"

namespace cs::routing {

// The configured targets (sla_targets.textproto), as the core uses them.
struct RoutingTargets {
  // A5 6.4: handling deadline of an internal dispatch, by ticket kind (HandlingPeriodFor).
  absl::flat_hash_map<TicketKind, common::Period> internal_handling;
  // A5 6.5: by when the telecom company must acknowledge an escalation.
  common::Period telecom_acknowledgement{common::PeriodUnit::kWorkingDays, 1};
  // A5 6.7: how often an overdue order is reminded.
  common::Period overdue_reminder_interval{common::PeriodUnit::kWorkingHours, 4};
};

// Outgoing message destination (the relay registers a sender for it).
inline constexpr absl::string_view kIntakeDestination = "intake";
inline constexpr absl::string_view kOutcomeMessageKind = "ReportTicketOutcome";

// A gateway's pull.
struct PullRequest {
  ReplyChannel channel = ReplyChannel::kUnspecified;
  // 0: 10.
  int max_deliveries = 0;
  // Zero: 60 s.
  absl::Duration lease = absl::ZeroDuration();
};

// One unit's month with its display name.
struct UnitMonthlyStatistics {
  UnitMonthCounts counts;
  std::string unit_name;
};

struct MonthlyStatistics {
  std::string month;
  std::string time_zone;
  std::vector<UnitMonthlyStatistics> units;
};

// What PreviewReply renders.
struct PreviewRequest {
  ReplyFormat format = ReplyFormat::kUnspecified;
  ReplyLanguage language = ReplyLanguage::kChinese;
  std::string unit_id;
  std::string handling_result;
  std::string forwarded_to;
};

class RoutingCore {
 public:
  // Every reference must outlive the core. `outbox_written` (may be empty) is called after a change
  // that enqueued messages has committed, so the relay sends them at once.
  RoutingCore(RoutingStore& store, const common::UnitDirectory& units,
              const BusinessCatalog& catalog, const common::CalendarHolder& calendars,
              RoutingTargets targets, common::Clock& clock, OutcomeEncoder& encoder,
              RoutingSlaObserver& sla, std::function<void()> outbox_written = {});

  // SPEC I4: stores a forward and returns the receipt (role SERVICE). Once per forward_id: a repeat
  // returns the first routed ticket with duplicate = true. INVALID_ARGUMENT naming every bad field.
  absl::StatusOr<ReceiveResult> ReceiveForwardedTicket(const common::Principal& caller,
                                                       std::string forward_id,
                                                       ForwardedTicket ticket);

  // Roles DESIGNATED_UNIT (of the designated unit), CS_CENTER, SERVICE.
  absl::StatusOr<RoutedTicket> GetRoutedTicket(const common::Principal& caller, int64_t id);
  absl::StatusOr<RoutedTicketPage> ListRoutedTickets(const common::Principal& caller,
                                                     const RoutedTicketFilter& filter,
                                                     int64_t after_id, int page_size);

  // SPEC R1–R5: the one decision on a routed ticket. Role DESIGNATED_UNIT of the designated unit.
  // FAILED_PRECONDITION when already decided; INVALID_ARGUMENT naming each bad field (an override
  // without a reason among them).
  absl::StatusOr<RoutedTicket> DecideTicket(const common::Principal& caller, int64_t id,
                                            const DecisionInput& input, const RequestKey& key);

  // Roles DESIGNATED_UNIT, CS_CENTER, SERVICE; UNIT_STAFF and UNIT_MANAGER of the order's unit.
  absl::StatusOr<OrderView> GetDispatchOrder(const common::Principal& caller, int64_t order_id);
  // Unit staff see their own unit (an empty filter unit means theirs).
  absl::StatusOr<OrderPage> ListDispatchOrders(const common::Principal& caller, OrderFilter filter,
                                               bool overdue_only, int64_t after_id, int page_size);

  // SPEC R2: staff or manager of the order's unit accept it, then reply with the handling result.
  absl::StatusOr<OrderView> AcceptDispatchOrder(const common::Principal& caller, int64_t order_id);
  absl::StatusOr<OrderView> ReplyToDispatchOrder(const common::Principal& caller, int64_t order_id,
                                                 const std::string& handling_result,
                                                 const RequestKey& key);

  // SPEC R3: the telecom company acknowledged (at `acknowledged_at`, or now). Role DESIGNATED_UNIT.
  absl::StatusOr<OrderView> AcknowledgeEscalation(const common::Principal& caller, int64_t order_id,
                                                  absl::optional<absl::Time> acknowledged_at,
                                                  const std::string& telecom_reference);

  // A gateway takes deliveries of its channel (role SERVICE). INVALID_ARGUMENT naming channel,
  // max_deliveries (0–100) or lease (0–1 h).
  absl::StatusOr<std::vector<DeliveryView>> PullDeliveries(const common::Principal& caller,
                                                           const PullRequest& request);
  // A gateway's result (role SERVICE); see AcknowledgeDelivery in routing_lifecycle.h.
  absl::StatusOr<DeliveryView> AckDelivery(const common::Principal& caller, const DeliveryAck& ack);
  // Roles DESIGNATED_UNIT, CS_CENTER, SERVICE.
  absl::StatusOr<DeliveryView> GetDelivery(const common::Principal& caller, int64_t delivery_id);
  absl::StatusOr<DeliveryPage> ListDeliveries(const common::Principal& caller,
                                              DeliveryFilter filter, int64_t after_id,
                                              int page_size);

  // SPEC R6: the month "YYYY-MM" (company time zone) per unit. Roles DESIGNATED_UNIT, CS_CENTER,
  // SERVICE (all units, or `unit_id`); UNIT_STAFF, UNIT_MANAGER (their own unit only).
  // INVALID_ARGUMENT naming month or unit_id.
  absl::StatusOr<MonthlyStatistics> GetMonthlyStatistics(const common::Principal& caller,
                                                         const std::string& month,
                                                         const std::string& unit_id);

  // SPEC R7: renders an A6 letter. Roles DESIGNATED_UNIT, UNIT_STAFF, UNIT_MANAGER, CS_CENTER.
  // INVALID_ARGUMENT naming format, unit_id, handling_result or forwarded_to.
  absl::StatusOr<Letter> PreviewReply(const common::Principal& caller,
                                      const PreviewRequest& request);

  // SPEC R6: reminds every order that is due (each reminder exactly once across processes), counts
  // newly missed deadlines, and refreshes the open-order and waiting-delivery pictures. Called
  // periodically.
  absl::Status Supervise();

  // The deadline of an order of `kind` dispatched at `start` (A5 6.4 by ticket kind; A5 6.5).
  // FAILED_PRECONDITION naming the ticket kind when no handling target is configured for it.
  absl::StatusOr<common::Deadline> OrderDeadline(DispatchKind kind, TicketKind ticket_kind,
                                                 absl::Time start) const;

 private:
  // The clock's time, truncated to the microseconds the database stores.
  absl::Time Now() const;
  // PERMISSION_DENIED unless the caller is DESIGNATED_UNIT of the designated unit.
  absl::Status RequireDesignatedUnit(const common::Principal& caller) const;
  // PERMISSION_DENIED unless the caller may read routing's records of every unit.
  absl::Status RequireSupervisor(const common::Principal& caller) const;
  // Working time between two instants on the calendar version of `deadline`.
  absl::Duration WorkingTimeBetween(const common::Deadline& deadline, absl::Time from,
                                    absl::Time to) const;
  // The outbound messages reporting `reports` about `routed` to intake.
  std::vector<OutboundMessage> Encode(const RoutedTicket& routed,
                                      const std::vector<OutcomeReport>& reports) const;
  // The order `order_id` of a stored routed ticket, with the ticket.
  absl::StatusOr<OrderView> ViewOf(const RoutedTicket& routed, int64_t order_id) const;
  absl::StatusOr<ReminderPlan> PlanReminder(const OrderView& view, int sequence,
                                            absl::Time now) const;
  void Wake() const;

  RoutingStore& store_;
  const common::UnitDirectory& units_;
  const BusinessCatalog& catalog_;
  // The calendar in force, which a reload may replace while the process runs (calendar_holder.h).
  const common::CalendarHolder& calendars_;
  const RoutingTargets targets_;
  common::Clock& clock_;
  OutcomeEncoder& encoder_;
  RoutingSlaObserver& sla_;
  const ReplyLetters letters_;
  const std::function<void()> outbox_written_;
};

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_CORE_ROUTING_CORE_H_

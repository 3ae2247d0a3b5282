// Where routed tickets live, with their dispatch orders, deliveries, reminders and history (one
// aggregate per forward). One interface, two implementations: MySqlRoutingStore (schema cs_routing,
// the real one) and InMemoryRoutingStore (unit tests of the core only);
// routing_store_contract_test.cc holds both to the same contract. Implementations are thread-safe,
// and several processes may share one MySQL database: receipt is once per forward_id and every
// reminder is written once.
#ifndef CS_SERVICES_ROUTING_STORE_ROUTING_STORE_H_
#define CS_SERVICES_ROUTING_STORE_ROUTING_STORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/db/request_key.h"
#include "services/routing/domain/routed_ticket.h"

namespace cs::routing {

using RequestKey = common::db::RequestKey;

// A message to another service, sent through the transactional outbox after the change commits.
struct OutboundMessage {
  // The relay's sender for it ("intake").
  std::string destination;
  // The message type, e.g. "ReportTicketOutcome".
  std::string kind;
  // Messages with one key are delivered in order (one ticket's outcomes).
  std::string ordering_key;
  std::string payload;

  friend bool operator==(const OutboundMessage&, const OutboundMessage&) = default;
};

struct ReceiveResult {
  RoutedTicket routed;
  // True when this forward_id had been received before: `routed` is the first one, unchanged.
  bool duplicate = false;
};

// Changes one loaded routed ticket in place (its orders and deliveries too; new ones have id 0) and
// names the messages to send because of it. Returning an error abandons the change. May run more
// than once (a retried transaction): no side effects outside `routed` and the returned list.
using RoutedMutation =
    std::function<absl::StatusOr<std::vector<OutboundMessage>>(RoutedTicket& routed)>;

struct MutationOptions {
  // When set: a repeat of this request_id with the same fingerprint returns the routed ticket
  // without running the mutation again; with another fingerprint, or for another routed ticket,
  // INVALID_ARGUMENT naming request_id. `scope` separates the request ids of different methods.
  absl::optional<RequestKey> request_key;
  std::string scope;
};

struct MutationResult {
  RoutedTicket routed;
  // True when the request_id had been answered before: nothing changed.
  bool replayed = false;
};

struct RoutedTicketFilter {
  // Intake's ticket id; 0: any.
  int64_t ticket_id = 0;
  absl::optional<RoutedStatus> status;
  std::string origin_unit_id;
};

struct RoutedTicketPage {
  // Newest first (by id), without history, orders and deliveries.
  std::vector<RoutedTicket> routed_tickets;
  // 0 when there is no further page; otherwise pass as `after_id`.
  int64_t next_after_id = 0;
};

// An order with what a unit needs to work on it.
struct OrderView {
  DispatchOrder order;
  int64_t routed_ticket_id = 0;
  ForwardedTicket ticket;
};

struct OrderFilter {
  // Empty: every unit; kTelecomUnitId: escalations.
  std::string unit_id;
  absl::optional<DispatchKind> kind;
  absl::optional<OrderStatus> status;
  // Only OPEN and ACCEPTED.
  bool open_only = false;
  // Only orders whose deadline is before this instant.
  absl::optional<absl::Time> deadline_before;
};

struct OrderPage {
  // Oldest first (by id), each with its reminders.
  std::vector<OrderView> orders;
  int64_t next_after_id = 0;
};

struct DeliveryView {
  Delivery delivery;
  int64_t routed_ticket_id = 0;
  int64_t ticket_id = 0;
};

struct DeliveryFilter {
  absl::optional<ReplyChannel> channel;
  // kPending / kLeased are judged at `now`.
  absl::optional<DeliveryState> state;
  absl::Time now;
  absl::optional<DeliveryPurpose> purpose;
  // 0: any.
  int64_t routed_ticket_id = 0;
};

struct DeliveryPage {
  // Oldest first (by id).
  std::vector<DeliveryView> deliveries;
  int64_t next_after_id = 0;
};

// What supervision does about one overdue order (decided by the core for each claimed order).
struct ReminderPlan {
  // When the next reminder is due (now + the configured interval, on the calendar).
  absl::Time next_reminder_at;
  // Where the reminder goes; empty when it is only logged.
  std::string recipient;
  // The reminder's delivery (order_id and the ids are filled in by the store); none when only
  // logged.
  absl::optional<Delivery> delivery;
};

// Called with each claimed order (reminders_sent not yet incremented) and the number of the
// reminder about to be written. May run more than once for one order (a retried transaction): no
// side effects.
using ReminderPlanner =
    std::function<absl::StatusOr<ReminderPlan>(const OrderView& order, int sequence)>;

struct ReminderRecord {
  // The order after the reminder was recorded.
  OrderView order;
  Reminder reminder;
  // True for the first reminder: the deadline was missed just now (counted once).
  bool newly_overdue = false;
};

// Open orders by unit and kind, and whether their deadline has passed (the SLA gauges).
struct OpenOrderCount {
  std::string unit_id;
  DispatchKind kind = DispatchKind::kInternal;
  bool overdue = false;
  int64_t count = 0;

  friend bool operator==(const OpenOrderCount&, const OpenOrderCount&) = default;
};

// Deliveries waiting (pending or leased) by channel.
struct WaitingDeliveryCount {
  ReplyChannel channel = ReplyChannel::kUnspecified;
  int64_t count = 0;

  friend bool operator==(const WaitingDeliveryCount&, const WaitingDeliveryCount&) = default;
};

// One unit's month (SPEC R6, A5 6.7); see cs.routing.v1.UnitMonthlyStatistics.
struct UnitMonthCounts {
  std::string unit_id;
  int64_t dispatched = 0;
  int64_t replied = 0;
  int64_t replied_on_time = 0;
  int64_t overdue = 0;
  int64_t returned = 0;
  int64_t answered_directly = 0;
  int64_t reminders = 0;

  friend bool operator==(const UnitMonthCounts&, const UnitMonthCounts&) = default;
};

class RoutingStore {
 public:
  virtual ~RoutingStore() = default;

  // Stores a newly received forward (`draft` from NewRoutedTicket): assigns its id and writes its
  // history, in one transaction, and returns only once it is durable — the receipt intake waits for
  // (SPEC I4). When draft.forward_id was received before, returns that routed ticket with
  // duplicate = true, even when several processes receive it at once; FAILED_PRECONDITION naming
  // forward_id when that earlier forward was of another ticket. UNAVAILABLE when the database is
  // unreachable (nothing stored).
  virtual absl::StatusOr<ReceiveResult> Receive(RoutedTicket draft) = 0;

  // The routed ticket with history, orders (with reminders) and deliveries; NOT_FOUND naming the
  // id.
  virtual absl::StatusOr<RoutedTicket> Get(int64_t id) = 0;

  // Routed tickets matching `filter` with id < after_id (0: from the newest), at most page_size.
  virtual absl::StatusOr<RoutedTicketPage> List(const RoutedTicketFilter& filter, int64_t after_id,
                                                int page_size) = 0;

  // The routed ticket an order or a delivery belongs to; NOT_FOUND naming the id.
  virtual absl::StatusOr<int64_t> RoutedTicketOfOrder(int64_t order_id) = 0;
  virtual absl::StatusOr<int64_t> RoutedTicketOfDelivery(int64_t delivery_id) = 0;

  // Loads the routed ticket under a lock (with its orders and deliveries), applies `mutation`, and
  // in one transaction saves the ticket, its new history entries, its new and changed orders and
  // deliveries (assigning ids; a new delivery's order_index becomes its order_id), the outbound
  // messages and the request key of `options`. NOT_FOUND when there is no such ticket; the
  // mutation's error unchanged.
  virtual absl::StatusOr<MutationResult> Mutate(int64_t id, const MutationOptions& options,
                                                const RoutedMutation& mutation) = 0;

  // Orders matching `filter` with id > after_id, oldest first, at most page_size.
  virtual absl::StatusOr<OrderPage> ListOrders(const OrderFilter& filter, int64_t after_id,
                                               int page_size) = 0;

  // Deliveries matching `filter` with id > after_id, oldest first, at most page_size.
  virtual absl::StatusOr<DeliveryPage> ListDeliveries(const DeliveryFilter& filter,
                                                      int64_t after_id, int page_size) = 0;

  // A gateway takes up to `limit` offerable deliveries of `channel` (oldest first): each gets one
  // more offer and a lease until now + lease. Concurrent callers (other processes too) never get
  // the same delivery under one lease.
  virtual absl::StatusOr<std::vector<DeliveryView>> LeaseDeliveries(ReplyChannel channel,
                                                                    absl::Time now,
                                                                    absl::Duration lease,
                                                                    int limit) = 0;

  // Supervision (SPEC R6): claims up to `limit` orders for which ReminderDue(order, now) holds,
  // asks `planner` what to do for each, and records the reminder (with its delivery), the next
  // reminder time and, on the first reminder, overdue_since = now — each reminder exactly once
  // across processes.
  virtual absl::StatusOr<std::vector<ReminderRecord>> RemindOverdue(
      absl::Time now, int limit, const ReminderPlanner& planner) = 0;

  // Open orders counted by unit, kind and whether their deadline is before `now`.
  virtual absl::StatusOr<std::vector<OpenOrderCount>> CountOpenOrders(absl::Time now) = 0;

  // Deliveries not yet delivered nor failed, by channel.
  virtual absl::StatusOr<std::vector<WaitingDeliveryCount>> CountWaitingDeliveries() = 0;

  // The month [from, until) per unit: orders dispatched in it (replied, on time — closed by their
  // deadline —, overdue — closed late or open past their deadline at `now` —, reminders), tickets
  // returned (by origin unit) and answered directly (by the designated unit) decided in it. Units
  // with no activity are absent; sorted by unit id.
  virtual absl::StatusOr<std::vector<UnitMonthCounts>> MonthlyCounts(absl::Time from,
                                                                     absl::Time until,
                                                                     absl::Time now) = 0;
};

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_STORE_ROUTING_STORE_H_

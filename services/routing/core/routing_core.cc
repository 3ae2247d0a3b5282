#include "services/routing/core/routing_core.h"

#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"
#include "common/status/status_macros.h"
#include "common/text/utf8.h"
#include "services/routing/domain/dispatch_notices.h"

namespace cs::routing {
namespace {

using common::Principal;
using common::Role;

constexpr absl::string_view kDecideScope = "DecideTicket";
constexpr absl::string_view kReplyScope = "ReplyToDispatchOrder";
constexpr int kMaxPull = 100;
constexpr int kDefaultPull = 10;
constexpr absl::Duration kDefaultLease = absl::Seconds(60);
constexpr absl::Duration kMaxLease = absl::Hours(1);
constexpr int kSupervisionBatch = 100;

std::string OrderingKey(int64_t ticket_id) { return absl::StrCat("ticket-", ticket_id); }

bool IsUnitStaff(const Principal& caller) {
  return caller.role == Role::kUnitStaff || caller.role == Role::kUnitManager;
}

// The first contact email of a unit, or "" when it has none.
std::string UnitEmail(const common::UnitInfo& unit) {
  for (const common::UnitContactInfo& contact : unit.contacts) {
    if (!contact.email.empty()) return contact.email;
  }
  return "";
}

}  // namespace

RoutingCore::RoutingCore(RoutingStore& store, const common::UnitDirectory& units,
                         const BusinessCatalog& catalog, const common::CalendarHolder& calendars,
                         RoutingTargets targets, common::Clock& clock, OutcomeEncoder& encoder,
                         RoutingSlaObserver& sla, std::function<void()> outbox_written)
    : store_(store),
      units_(units),
      catalog_(catalog),
      calendars_(calendars),
      targets_(std::move(targets)),
      clock_(clock),
      encoder_(encoder),
      sla_(sla),
      letters_(units),
      outbox_written_(std::move(outbox_written)) {}

absl::Time RoutingCore::Now() const { return common::TruncateToMicroseconds(clock_.Now()); }

void RoutingCore::Wake() const {
  if (outbox_written_) outbox_written_();
}

absl::Status RoutingCore::RequireDesignatedUnit(const Principal& caller) const {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kDesignatedUnit}));
  return common::RequireUnit(caller, units_.designated_unit().id);
}

absl::Status RoutingCore::RequireSupervisor(const Principal& caller) const {
  RETURN_IF_ERROR(
      common::RequireRole(caller, {Role::kDesignatedUnit, Role::kCsCenter, Role::kService}));
  if (caller.role == Role::kDesignatedUnit) {
    return common::RequireUnit(caller, units_.designated_unit().id);
  }
  return absl::OkStatus();
}

absl::Duration RoutingCore::WorkingTimeBetween(const common::Deadline& deadline, absl::Time from,
                                               absl::Time to) const {
  // Measure on the calendar version that set the deadline, so a later calendar never rewrites it.
  const common::CalendarSet& calendars = calendars_.Get();
  absl::StatusOr<const common::WorkingCalendar*> calendar =
      calendars.Find(deadline.calendar_version);
  const common::WorkingCalendar& used = calendar.ok() ? **calendar : calendars.current();
  return used.WorkingTimeBetween(from, to);
}

absl::StatusOr<common::Deadline> RoutingCore::OrderDeadline(DispatchKind kind,
                                                            TicketKind ticket_kind,
                                                            absl::Time start) const {
  if (kind == DispatchKind::kTelecom) {
    return calendars_.Get().Compute(start, targets_.telecom_acknowledgement);
  }
  auto it = targets_.internal_handling.find(ticket_kind);
  if (it == targets_.internal_handling.end()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "no handling deadline is configured for ticket kind ", static_cast<int>(ticket_kind),
        " (sla_targets internal_dispatch_handling): set one before dispatching"));
  }
  return calendars_.Get().Compute(start, it->second);
}

std::vector<OutboundMessage> RoutingCore::Encode(const RoutedTicket& routed,
                                                 const std::vector<OutcomeReport>& reports) const {
  std::vector<OutboundMessage> messages;
  for (const OutcomeReport& report : reports) {
    messages.push_back({std::string(kIntakeDestination), std::string(kOutcomeMessageKind),
                        OrderingKey(routed.ticket.ticket_id),
                        encoder_.EncodeOutcome(routed, report)});
  }
  return messages;
}

absl::StatusOr<OrderView> RoutingCore::ViewOf(const RoutedTicket& routed, int64_t order_id) const {
  for (const DispatchOrder& order : routed.orders) {
    if (order.id == order_id) return OrderView{order, routed.id, routed.ticket};
  }
  return absl::NotFoundError(absl::StrCat("no dispatch order ", order_id));
}

absl::StatusOr<ReceiveResult> RoutingCore::ReceiveForwardedTicket(const Principal& caller,
                                                                  std::string forward_id,
                                                                  ForwardedTicket ticket) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kService}));
  RETURN_IF_ERROR(ValidateForward(forward_id, ticket));
  Suggestion suggestion = catalog_.Suggest(ticket, units_.designated_unit().id);
  ASSIGN_OR_RETURN(ReceiveResult result,
                   store_.Receive(NewRoutedTicket(std::move(forward_id), std::move(ticket),
                                                  std::move(suggestion), Now())));
  sla_.TicketReceived(result.duplicate);
  return result;
}

absl::StatusOr<RoutedTicket> RoutingCore::GetRoutedTicket(const Principal& caller, int64_t id) {
  RETURN_IF_ERROR(RequireSupervisor(caller));
  return store_.Get(id);
}

absl::StatusOr<RoutedTicketPage> RoutingCore::ListRoutedTickets(const Principal& caller,
                                                                const RoutedTicketFilter& filter,
                                                                int64_t after_id, int page_size) {
  RETURN_IF_ERROR(RequireSupervisor(caller));
  if (!filter.origin_unit_id.empty() && !units_.Contains(filter.origin_unit_id)) {
    return common::InvalidField(
        "origin_unit_id",
        absl::StrCat("names no known unit: ", common::QuotedValue(filter.origin_unit_id)));
  }
  return store_.List(filter, after_id, page_size);
}

absl::StatusOr<RoutedTicket> RoutingCore::DecideTicket(const Principal& caller, int64_t id,
                                                       const DecisionInput& input,
                                                       const RequestKey& key) {
  RETURN_IF_ERROR(RequireDesignatedUnit(caller));
  const absl::Time now = Now();
  MutationOptions options;
  options.request_key = key;
  options.scope = std::string(kDecideScope);
  ASSIGN_OR_RETURN(
      MutationResult result,
      store_.Mutate(
          id, options, [&](RoutedTicket& routed) -> absl::StatusOr<std::vector<OutboundMessage>> {
            DecisionContext context;
            context.now = now;
            context.actor = caller.user;
            context.units = &units_;
            context.letters = &letters_;
            context.zone = calendars_.Get().current().time_zone();
            context.working_time_to_decide =
                calendars_.Get().current().WorkingTimeBetween(routed.received_at, now);
            if (routed.status == RoutedStatus::kReceived &&
                (input.decision == Decision::kInternalDispatch ||
                 input.decision == Decision::kEscalateToTelecom)) {
              ASSIGN_OR_RETURN(context.order_deadline,
                               OrderDeadline(input.decision == Decision::kEscalateToTelecom
                                                 ? DispatchKind::kTelecom
                                                 : DispatchKind::kInternal,
                                             routed.ticket.kind, now));
            }
            ASSIGN_OR_RETURN(std::vector<OutcomeReport> reports,
                             ApplyDecision(routed, input, context));
            return Encode(routed, reports);
          }));
  if (!result.replayed && result.routed.decision.has_value()) {
    const DecisionRecord& decision = *result.routed.decision;
    sla_.Decided(decision.decision, decision.overrode_suggestion, decision.working_time_to_decide);
    Wake();
  }
  return std::move(result.routed);
}

absl::StatusOr<OrderView> RoutingCore::GetDispatchOrder(const Principal& caller, int64_t order_id) {
  RETURN_IF_ERROR(
      common::RequireRole(caller, {Role::kDesignatedUnit, Role::kCsCenter, Role::kService,
                                   Role::kUnitStaff, Role::kUnitManager}));
  ASSIGN_OR_RETURN(int64_t routed_id, store_.RoutedTicketOfOrder(order_id));
  ASSIGN_OR_RETURN(RoutedTicket routed, store_.Get(routed_id));
  ASSIGN_OR_RETURN(OrderView view, ViewOf(routed, order_id));
  if (IsUnitStaff(caller)) {
    RETURN_IF_ERROR(common::RequireUnit(caller, view.order.unit_id));
  } else {
    RETURN_IF_ERROR(RequireSupervisor(caller));
  }
  return view;
}

absl::StatusOr<OrderPage> RoutingCore::ListDispatchOrders(const Principal& caller,
                                                          OrderFilter filter, bool overdue_only,
                                                          int64_t after_id, int page_size) {
  RETURN_IF_ERROR(
      common::RequireRole(caller, {Role::kDesignatedUnit, Role::kCsCenter, Role::kService,
                                   Role::kUnitStaff, Role::kUnitManager}));
  if (IsUnitStaff(caller)) {
    if (filter.unit_id.empty()) filter.unit_id = caller.unit_id;
    RETURN_IF_ERROR(common::RequireUnit(caller, filter.unit_id));
  } else {
    RETURN_IF_ERROR(RequireSupervisor(caller));
  }
  if (!filter.unit_id.empty() && filter.unit_id != kTelecomUnitId &&
      !units_.Contains(filter.unit_id)) {
    return common::InvalidField(
        "unit_id", absl::StrCat("names no known unit: ", common::QuotedValue(filter.unit_id)));
  }
  if (overdue_only) {
    filter.open_only = true;
    filter.deadline_before = Now();
  }
  return store_.ListOrders(filter, after_id, page_size);
}

absl::StatusOr<OrderView> RoutingCore::AcceptDispatchOrder(const Principal& caller,
                                                           int64_t order_id) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kUnitStaff, Role::kUnitManager}));
  ASSIGN_OR_RETURN(int64_t routed_id, store_.RoutedTicketOfOrder(order_id));
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(
      MutationResult result,
      store_.Mutate(routed_id, {},
                    [&](RoutedTicket& routed) -> absl::StatusOr<std::vector<OutboundMessage>> {
                      ASSIGN_OR_RETURN(DispatchOrder * order, FindOrder(routed, order_id));
                      RETURN_IF_ERROR(common::RequireUnit(caller, order->unit_id));
                      RETURN_IF_ERROR(AcceptOrder(routed, order_id, caller.user, now));
                      return std::vector<OutboundMessage>{};
                    }));
  return ViewOf(result.routed, order_id);
}

absl::StatusOr<OrderView> RoutingCore::ReplyToDispatchOrder(const Principal& caller,
                                                            int64_t order_id,
                                                            const std::string& handling_result,
                                                            const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kUnitStaff, Role::kUnitManager}));
  ASSIGN_OR_RETURN(int64_t routed_id, store_.RoutedTicketOfOrder(order_id));
  const absl::Time now = Now();
  MutationOptions options;
  options.request_key = key;
  options.scope = std::string(kReplyScope);
  ASSIGN_OR_RETURN(
      MutationResult result,
      store_.Mutate(routed_id, options,
                    [&](RoutedTicket& routed) -> absl::StatusOr<std::vector<OutboundMessage>> {
                      ASSIGN_OR_RETURN(DispatchOrder * order, FindOrder(routed, order_id));
                      RETURN_IF_ERROR(common::RequireUnit(caller, order->unit_id));
                      RETURN_IF_ERROR(ReplyToOrder(routed, order_id, handling_result, caller.user,
                                                   now, letters_));
                      return std::vector<OutboundMessage>{};
                    }));
  ASSIGN_OR_RETURN(OrderView view, ViewOf(result.routed, order_id));
  if (!result.replayed) {
    const DispatchOrder& order = view.order;
    sla_.OrderClosed(order.kind, order.unit_id,
                     WorkingTimeBetween(order.deadline, order.dispatched_at, now),
                     now <= order.deadline.at, !order.overdue_since.has_value());
  }
  return view;
}

absl::StatusOr<OrderView> RoutingCore::AcknowledgeEscalation(
    const Principal& caller, int64_t order_id, absl::optional<absl::Time> acknowledged_at,
    const std::string& telecom_reference) {
  RETURN_IF_ERROR(RequireDesignatedUnit(caller));
  ASSIGN_OR_RETURN(int64_t routed_id, store_.RoutedTicketOfOrder(order_id));
  const absl::Time now = Now();
  const absl::Time at =
      acknowledged_at.has_value() ? common::TruncateToMicroseconds(*acknowledged_at) : now;
  ASSIGN_OR_RETURN(
      MutationResult result,
      store_.Mutate(routed_id, {},
                    [&](RoutedTicket& routed) -> absl::StatusOr<std::vector<OutboundMessage>> {
                      RETURN_IF_ERROR(routing::AcknowledgeEscalation(
                          routed, order_id, at, telecom_reference, caller.user, now));
                      return std::vector<OutboundMessage>{};
                    }));
  ASSIGN_OR_RETURN(OrderView view, ViewOf(result.routed, order_id));
  const DispatchOrder& order = view.order;
  sla_.OrderClosed(order.kind, order.unit_id,
                   WorkingTimeBetween(order.deadline, order.dispatched_at, at),
                   at <= order.deadline.at, !order.overdue_since.has_value());
  return view;
}

absl::StatusOr<std::vector<DeliveryView>> RoutingCore::PullDeliveries(const Principal& caller,
                                                                      const PullRequest& request) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kService}));
  common::FieldViolations violations;
  // A delivery goes out on a channel: any known one but "unspecified" (cs.common.v1.ReplyChannel).
  if (request.channel == ReplyChannel::kUnspecified ||
      !common::IsKnownReplyChannel(request.channel)) {
    violations.Add("channel", "must be EMAIL, SMS, PHONE_CALLBACK, FAX or POST");
  }
  if (request.max_deliveries < 0 || request.max_deliveries > kMaxPull) {
    violations.Add("max_deliveries", absl::StrCat("must be 0 to ", kMaxPull));
  }
  if (request.lease < absl::ZeroDuration() || request.lease > kMaxLease) {
    violations.Add("lease", "must be between 0 and 1 hour");
  }
  RETURN_IF_ERROR(violations.ToStatus("invalid pull"));
  return store_.LeaseDeliveries(
      request.channel, Now(), request.lease == absl::ZeroDuration() ? kDefaultLease : request.lease,
      request.max_deliveries == 0 ? kDefaultPull : request.max_deliveries);
}

absl::StatusOr<DeliveryView> RoutingCore::AckDelivery(const Principal& caller,
                                                      const DeliveryAck& ack) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kService}));
  RETURN_IF_ERROR(ValidateDeliveryAck(ack));
  ASSIGN_OR_RETURN(int64_t routed_id, store_.RoutedTicketOfDelivery(ack.delivery_id));
  const absl::Time now = Now();
  bool reported = false;
  ASSIGN_OR_RETURN(
      MutationResult result,
      store_.Mutate(routed_id, {},
                    [&](RoutedTicket& routed) -> absl::StatusOr<std::vector<OutboundMessage>> {
                      ASSIGN_OR_RETURN(std::vector<OutcomeReport> reports,
                                       AcknowledgeDelivery(routed, ack, now));
                      reported = !reports.empty();
                      return Encode(routed, reports);
                    }));
  for (const Delivery& delivery : result.routed.deliveries) {
    if (delivery.id != ack.delivery_id) continue;
    sla_.DeliveryAcknowledged(delivery.channel, delivery.purpose, ack.result);
    if (reported) Wake();
    return DeliveryView{delivery, result.routed.id, result.routed.ticket.ticket_id};
  }
  return absl::InternalError(absl::StrCat("delivery ", ack.delivery_id, " vanished"));
}

absl::StatusOr<DeliveryView> RoutingCore::GetDelivery(const Principal& caller,
                                                      int64_t delivery_id) {
  RETURN_IF_ERROR(RequireSupervisor(caller));
  ASSIGN_OR_RETURN(int64_t routed_id, store_.RoutedTicketOfDelivery(delivery_id));
  ASSIGN_OR_RETURN(RoutedTicket routed, store_.Get(routed_id));
  for (const Delivery& delivery : routed.deliveries) {
    if (delivery.id == delivery_id) {
      return DeliveryView{delivery, routed.id, routed.ticket.ticket_id};
    }
  }
  return absl::NotFoundError(absl::StrCat("no delivery ", delivery_id));
}

absl::StatusOr<DeliveryPage> RoutingCore::ListDeliveries(const Principal& caller,
                                                         DeliveryFilter filter, int64_t after_id,
                                                         int page_size) {
  RETURN_IF_ERROR(RequireSupervisor(caller));
  filter.now = Now();
  return store_.ListDeliveries(filter, after_id, page_size);
}

absl::StatusOr<MonthlyStatistics> RoutingCore::GetMonthlyStatistics(const Principal& caller,
                                                                    const std::string& month,
                                                                    const std::string& unit_id) {
  RETURN_IF_ERROR(
      common::RequireRole(caller, {Role::kDesignatedUnit, Role::kCsCenter, Role::kService,
                                   Role::kUnitStaff, Role::kUnitManager}));
  std::string wanted = unit_id;
  if (IsUnitStaff(caller)) {
    if (wanted.empty()) wanted = caller.unit_id;
    RETURN_IF_ERROR(common::RequireUnit(caller, wanted));
  } else {
    RETURN_IF_ERROR(RequireSupervisor(caller));
  }
  common::FieldViolations violations;
  int year = 0;
  int month_number = 0;
  const std::vector<std::string> parts = absl::StrSplit(month, '-');
  if (month.size() != 7 || parts.size() != 2 || !absl::SimpleAtoi(parts[0], &year) ||
      !absl::SimpleAtoi(parts[1], &month_number) || year < 2000 || year > 2999 ||
      month_number < 1 || month_number > 12) {
    violations.Add("month", "must be YYYY-MM");
  }
  if (!wanted.empty() && wanted != kTelecomUnitId && !units_.Contains(wanted)) {
    violations.Add("unit_id", absl::StrCat("names no known unit: ", common::QuotedValue(wanted)));
  }
  RETURN_IF_ERROR(violations.ToStatus("invalid statistics request"));
  const absl::TimeZone zone = calendars_.Get().current().time_zone();
  const absl::CivilMonth first(year, month_number);
  const absl::Time from = absl::FromCivil(absl::CivilSecond(first), zone);
  const absl::Time until = absl::FromCivil(absl::CivilSecond(first + 1), zone);
  ASSIGN_OR_RETURN(std::vector<UnitMonthCounts> counts, store_.MonthlyCounts(from, until, Now()));
  MonthlyStatistics statistics;
  statistics.month = month;
  statistics.time_zone = zone.name();
  for (UnitMonthCounts& unit : counts) {
    if (!wanted.empty() && unit.unit_id != wanted) continue;
    UnitMonthlyStatistics entry;
    if (unit.unit_id == kTelecomUnitId) {
      entry.unit_name = units_.telecom_company().name;
    } else if (const common::UnitInfo* info = units_.Find(unit.unit_id)) {
      entry.unit_name = info->name;
    }
    entry.counts = std::move(unit);
    statistics.units.push_back(std::move(entry));
  }
  if (!wanted.empty() && statistics.units.empty()) {
    // A unit with nothing that month still answers with zeros.
    UnitMonthlyStatistics entry;
    entry.counts.unit_id = wanted;
    if (wanted == kTelecomUnitId) {
      entry.unit_name = units_.telecom_company().name;
    } else if (const common::UnitInfo* info = units_.Find(wanted)) {
      entry.unit_name = info->name;
    }
    statistics.units.push_back(std::move(entry));
  }
  return statistics;
}

absl::StatusOr<Letter> RoutingCore::PreviewReply(const Principal& caller,
                                                 const PreviewRequest& request) {
  RETURN_IF_ERROR(common::RequireRole(
      caller, {Role::kDesignatedUnit, Role::kUnitStaff, Role::kUnitManager, Role::kCsCenter}));
  common::FieldViolations violations;
  if (request.language != ReplyLanguage::kChinese && request.language != ReplyLanguage::kEnglish) {
    violations.Add("language", "is not a known reply language");
  }
  const int result_length = common::Utf8Length(request.handling_result);
  if (result_length < 0 || result_length > RoutingTextLimits::kHandlingResult) {
    violations.Add("handling_result", "must be valid UTF-8 of at most 4000 characters");
  }
  switch (request.format) {
    case ReplyFormat::kHandled: {
      if (request.handling_result.empty()) violations.Add("handling_result", "is required");
      const std::string& unit =
          request.unit_id.empty() ? units_.designated_unit().id : request.unit_id;
      if (!units_.Contains(unit)) {
        violations.Add("unit_id", absl::StrCat("names no known unit: ", common::QuotedValue(unit)));
      }
      RETURN_IF_ERROR(violations.ToStatus("invalid preview"));
      return letters_.Handled(request.language, unit, request.handling_result);
    }
    case ReplyFormat::kForwarded:
      if (request.forwarded_to != kTelecomUnitId && !units_.Contains(request.forwarded_to)) {
        violations.Add("forwarded_to", "must be a known unit id or \"telecom\"");
      }
      RETURN_IF_ERROR(violations.ToStatus("invalid preview"));
      return letters_.Forwarded(request.language, request.forwarded_to);
    case ReplyFormat::kCannotForward:
      RETURN_IF_ERROR(violations.ToStatus("invalid preview"));
      return letters_.CannotForward(request.language);
    case ReplyFormat::kUnspecified:
    default:
      violations.Add("format", "must be HANDLED, FORWARDED or CANNOT_FORWARD");
      return violations.ToStatus("invalid preview");
  }
}

absl::StatusOr<ReminderPlan> RoutingCore::PlanReminder(const OrderView& view, int sequence,
                                                       absl::Time now) const {
  ReminderPlan plan;
  ASSIGN_OR_RETURN(common::Deadline next,
                   calendars_.Get().Compute(now, targets_.overdue_reminder_interval));
  plan.next_reminder_at = next.at;
  std::string recipient_name;
  if (view.order.kind == DispatchKind::kTelecom) {
    plan.recipient = units_.telecom_company().dispatch_address;
    recipient_name = units_.telecom_company().name;
  } else if (const common::UnitInfo* unit = units_.Find(view.order.unit_id)) {
    plan.recipient = UnitEmail(*unit);
    recipient_name = unit->name;
  }
  if (plan.recipient.empty()) return plan;
  const Letter notice =
      OverdueReminderNotice(view.order, view.ticket, units_.designated_unit().name, sequence,
                            calendars_.Get().current().time_zone());
  Delivery delivery;
  delivery.purpose = DeliveryPurpose::kOverdueReminder;
  delivery.channel = ReplyChannel::kEmail;
  delivery.recipient = plan.recipient;
  delivery.recipient_name = recipient_name;
  delivery.subject = notice.subject;
  delivery.text = notice.text;
  delivery.created_at = now;
  delivery.replied_by = units_.designated_unit().id;
  plan.delivery = std::move(delivery);
  return plan;
}

absl::Status RoutingCore::Supervise() {
  const absl::Time now = Now();
  while (true) {
    ASSIGN_OR_RETURN(
        std::vector<ReminderRecord> records,
        store_.RemindOverdue(now, kSupervisionBatch, [&](const OrderView& view, int sequence) {
          return PlanReminder(view, sequence, now);
        }));
    for (const ReminderRecord& record : records) {
      const DispatchOrder& order = record.order.order;
      if (record.newly_overdue) sla_.DeadlineMissed(order.kind, order.unit_id);
      sla_.ReminderSent(order.kind, order.unit_id);
    }
    if (static_cast<int>(records.size()) < kSupervisionBatch) break;
  }
  ASSIGN_OR_RETURN(std::vector<OpenOrderCount> open, store_.CountOpenOrders(now));
  sla_.OpenOrders(open);
  ASSIGN_OR_RETURN(std::vector<WaitingDeliveryCount> waiting, store_.CountWaitingDeliveries());
  sla_.WaitingDeliveries(waiting);
  return absl::OkStatus();
}

}  // namespace cs::routing

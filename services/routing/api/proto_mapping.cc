#include "services/routing/api/proto_mapping.h"

#include "absl/strings/str_cat.h"
#include "common/api/proto_deadline.h"
#include "common/api/proto_time.h"
#include "common/status/field_violations.h"
#include "common/time/clock.h"

namespace cs::routing {
namespace {

void SetIfPresent(const absl::optional<absl::Time>& time, google::protobuf::Timestamp* out) {
  if (time.has_value()) *out = common::ToProtoTimestamp(*time);
}

// Reads a timestamp field into `out` or adds a violation naming `field`.
void ReadTime(const google::protobuf::Timestamp& proto, absl::string_view field,
              common::FieldViolations& violations, absl::Time& out) {
  absl::StatusOr<absl::Time> time = common::FromProtoTimestamp(proto, field);
  if (time.ok()) {
    out = *time;
  } else {
    violations.Add(std::string(field), "is not a valid timestamp");
  }
}

// True (and the enum in `out`) when `value` is within [low, high]; otherwise adds a violation.
template <typename Enum>
bool ReadEnum(int value, int low, int high, absl::string_view field,
              common::FieldViolations& violations, Enum& out) {
  if (value < low || value > high) {
    violations.Add(std::string(field), absl::StrCat("is not a known value: ", value));
    return false;
  }
  out = static_cast<Enum>(value);
  return true;
}

ReplyLanguage LanguageOf(int value) {
  return value == v1::REPLY_LANGUAGE_ENGLISH ? ReplyLanguage::kEnglish : ReplyLanguage::kChinese;
}

void CheckLanguage(int value, common::FieldViolations& violations) {
  if (value < 0 || value > v1::REPLY_LANGUAGE_ENGLISH) {
    violations.Add("language", absl::StrCat("is not a known value: ", value));
  }
}

v1::DeliveryState StateOf(const Delivery& delivery, absl::Time now) {
  return static_cast<v1::DeliveryState>(DeliveryStateAt(delivery, now));
}

std::string UnitName(const common::UnitDirectory& units, absl::string_view unit_id) {
  if (unit_id == kTelecomUnitId) return units.telecom_company().name;
  const common::UnitInfo* unit = units.Find(unit_id);
  return unit == nullptr ? "" : unit->name;
}

}  // namespace

absl::StatusOr<ForwardedTicket> FromProto(const v1::ForwardedTicket& proto) {
  common::FieldViolations violations;
  ForwardedTicket t;
  t.ticket_id = proto.ticket_id();
  t.origin_unit_id = proto.origin_unit_id();
  ReadEnum(proto.kind(), 0, 3, "ticket.kind", violations, t.kind);
  ReadEnum(proto.channel(), 0, 6, "ticket.channel", violations, t.channel);
  ReadEnum(proto.reply_channel(), 0, 5, "ticket.reply_channel", violations, t.reply_channel);
  t.special_request = proto.special_request();
  t.special_request_note = proto.special_request_note();
  t.problem = proto.problem();
  t.device_number = proto.device_number();
  t.contact_phone = proto.contact_phone();
  t.contact_person = proto.contact_person();
  t.user_number = proto.user_number();
  t.user_name = proto.user_name();
  t.company = proto.company();
  t.address = proto.address();
  t.postal_code = proto.postal_code();
  t.email = proto.email();
  t.business_line = proto.business_line();
  if (proto.has_received_at()) {
    ReadTime(proto.received_at(), "ticket.received_at", violations, t.intake_received_at);
  } else {
    violations.Add("ticket.received_at", "is required");
  }
  if (proto.has_forwarded_at()) {
    absl::Time forwarded;
    ReadTime(proto.forwarded_at(), "ticket.forwarded_at", violations, forwarded);
    t.forwarded_at = forwarded;
  }
  t.overall_serial = proto.overall_serial();
  t.serial_month = proto.serial_month();
  t.month_serial = proto.month_serial();
  if (!violations.empty()) return violations.ToStatus("invalid forwarded ticket");
  // The database keeps microseconds.
  t.intake_received_at = common::TruncateToMicroseconds(t.intake_received_at);
  if (t.forwarded_at.has_value()) {
    t.forwarded_at = common::TruncateToMicroseconds(*t.forwarded_at);
  }
  return t;
}

v1::ForwardedTicket ToProto(const ForwardedTicket& t) {
  v1::ForwardedTicket proto;
  proto.set_ticket_id(t.ticket_id);
  proto.set_origin_unit_id(t.origin_unit_id);
  proto.set_kind(static_cast<cs::common::v1::TicketKind>(t.kind));
  proto.set_channel(static_cast<cs::common::v1::Channel>(t.channel));
  proto.set_reply_channel(static_cast<cs::common::v1::ReplyChannel>(t.reply_channel));
  proto.set_special_request(t.special_request);
  proto.set_special_request_note(t.special_request_note);
  proto.set_problem(t.problem);
  proto.set_device_number(t.device_number);
  proto.set_contact_phone(t.contact_phone);
  proto.set_contact_person(t.contact_person);
  proto.set_user_number(t.user_number);
  proto.set_user_name(t.user_name);
  proto.set_company(t.company);
  proto.set_address(t.address);
  proto.set_postal_code(t.postal_code);
  proto.set_email(t.email);
  proto.set_business_line(t.business_line);
  *proto.mutable_received_at() = common::ToProtoTimestamp(t.intake_received_at);
  SetIfPresent(t.forwarded_at, proto.mutable_forwarded_at());
  proto.set_overall_serial(t.overall_serial);
  proto.set_serial_month(t.serial_month);
  proto.set_month_serial(t.month_serial);
  return proto;
}

v1::Receipt ToReceipt(const ReceiveResult& result) {
  v1::Receipt receipt;
  receipt.set_receipt_id(ReceiptId(result.routed.id));
  receipt.set_forward_id(result.routed.forward_id);
  *receipt.mutable_received_at() = common::ToProtoTimestamp(result.routed.received_at);
  receipt.set_duplicate(result.duplicate);
  return receipt;
}

v1::DispatchOrder ToProto(const OrderView& view, absl::Time now,
                          const common::UnitDirectory& units) {
  const DispatchOrder& o = view.order;
  v1::DispatchOrder proto;
  proto.set_order_id(o.id);
  proto.set_routed_ticket_id(view.routed_ticket_id);
  proto.set_ticket_id(view.ticket.ticket_id);
  proto.set_kind(static_cast<v1::DispatchKind>(o.kind));
  proto.set_unit_id(o.unit_id);
  proto.set_unit_name(UnitName(units, o.unit_id));
  proto.set_status(static_cast<v1::DispatchOrderStatus>(o.status));
  *proto.mutable_dispatched_at() = common::ToProtoTimestamp(o.dispatched_at);
  *proto.mutable_deadline() = common::ToProtoDeadline(o.deadline);
  proto.set_dispatch_address(o.dispatch_address);
  SetIfPresent(o.accepted_at, proto.mutable_accepted_at());
  proto.set_accepted_by(o.accepted_by);
  SetIfPresent(o.replied_at, proto.mutable_replied_at());
  proto.set_replied_by(o.replied_by);
  proto.set_handling_result(o.handling_result);
  SetIfPresent(o.acknowledged_at, proto.mutable_acknowledged_at());
  proto.set_acknowledged_by(o.acknowledged_by);
  proto.set_telecom_reference(o.telecom_reference);
  proto.set_overdue(IsOverdue(o, now));
  SetIfPresent(o.overdue_since, proto.mutable_overdue_since());
  proto.set_reminders_sent(o.reminders_sent);
  SetIfPresent(o.next_reminder_at, proto.mutable_next_reminder_at());
  for (const Reminder& reminder : o.reminders) {
    v1::Reminder* out = proto.add_reminders();
    out->set_sequence(reminder.sequence);
    *out->mutable_at() = common::ToProtoTimestamp(reminder.at);
    out->set_recipient(reminder.recipient);
    out->set_delivery_id(reminder.delivery_id);
  }
  *proto.mutable_ticket() = ToProto(view.ticket);
  return proto;
}

v1::Delivery ToProto(const DeliveryView& view, absl::Time now, bool with_lease_token) {
  const Delivery& d = view.delivery;
  v1::Delivery proto;
  proto.set_delivery_id(d.id);
  proto.set_routed_ticket_id(view.routed_ticket_id);
  proto.set_ticket_id(view.ticket_id);
  proto.set_order_id(d.order_id);
  proto.set_purpose(static_cast<v1::DeliveryPurpose>(d.purpose));
  proto.set_channel(static_cast<cs::common::v1::ReplyChannel>(d.channel));
  proto.set_recipient(d.recipient);
  proto.set_recipient_name(d.recipient_name);
  proto.set_subject(d.subject);
  proto.set_text(d.text);
  proto.set_language(static_cast<v1::ReplyLanguage>(d.language));
  proto.set_reply_format(static_cast<v1::ReplyFormat>(d.reply_format));
  proto.set_state(StateOf(d, now));
  *proto.mutable_created_at() = common::ToProtoTimestamp(d.created_at);
  proto.set_offers(d.offers);
  SetIfPresent(d.lease_expires_at, proto.mutable_lease_expires_at());
  if (with_lease_token) proto.set_lease_token(LeaseToken(d));
  SetIfPresent(d.delivered_at, proto.mutable_delivered_at());
  proto.set_failure_reason(d.failure_reason);
  proto.set_replied_by(d.replied_by);
  proto.set_gateway(d.gateway);
  return proto;
}

v1::RoutedTicket ToProto(const RoutedTicket& routed, bool with_children, absl::Time now,
                         const common::UnitDirectory& units) {
  v1::RoutedTicket proto;
  proto.set_routed_ticket_id(routed.id);
  proto.set_receipt_id(ReceiptId(routed.id));
  proto.set_forward_id(routed.forward_id);
  *proto.mutable_ticket() = ToProto(routed.ticket);
  *proto.mutable_received_at() = common::ToProtoTimestamp(routed.received_at);
  proto.set_status(static_cast<v1::RoutedTicketStatus>(routed.status));
  const Suggestion& s = routed.suggestion;
  v1::Suggestion* suggestion = proto.mutable_suggestion();
  suggestion->set_decision(static_cast<v1::Decision>(s.decision));
  suggestion->set_unit_id(s.unit_id);
  suggestion->set_business_line(s.business_line);
  for (const std::string& keyword : s.matched_keywords) suggestion->add_matched_keywords(keyword);
  suggestion->set_basis(s.basis);
  suggestion->set_return_reason(static_cast<v1::ReturnReason>(s.return_reason));
  for (const std::string& field : s.fields_at_fault) suggestion->add_fields_at_fault(field);
  if (routed.decision.has_value()) {
    const DecisionRecord& d = *routed.decision;
    v1::DecisionRecord* decision = proto.mutable_decision();
    decision->set_decision(static_cast<v1::Decision>(d.decision));
    decision->set_handling_unit_id(d.handling_unit_id);
    decision->set_decided_by(d.decided_by);
    *decision->mutable_decided_at() = common::ToProtoTimestamp(d.decided_at);
    decision->set_overrode_suggestion(d.overrode_suggestion);
    decision->set_reason(d.reason);
    decision->set_language(static_cast<v1::ReplyLanguage>(d.language));
    decision->set_reply_format(static_cast<v1::ReplyFormat>(d.reply_format));
    decision->set_handling_result(d.handling_result);
    decision->set_return_reason(static_cast<v1::ReturnReason>(d.return_reason));
    for (const std::string& field : d.fields_at_fault) decision->add_fields_at_fault(field);
    decision->set_return_note(d.return_note);
    decision->set_working_seconds_to_decide(absl::ToInt64Seconds(d.working_time_to_decide));
  }
  proto.set_reply_channel(static_cast<cs::common::v1::ReplyChannel>(routed.reply_channel));
  SetIfPresent(routed.replied_at, proto.mutable_replied_at());
  if (with_children) {
    for (const DispatchOrder& order : routed.orders) {
      v1::DispatchOrder out = ToProto(OrderView{order, routed.id, routed.ticket}, now, units);
      // The ticket is already at the top.
      out.clear_ticket();
      *proto.add_orders() = std::move(out);
    }
    for (const Delivery& delivery : routed.deliveries) {
      *proto.add_deliveries() =
          ToProto(DeliveryView{delivery, routed.id, routed.ticket.ticket_id}, now, false);
    }
    for (const HistoryEntry& entry : routed.history) {
      v1::HistoryEntry* out = proto.add_history();
      out->set_sequence(entry.sequence);
      *out->mutable_at() = common::ToProtoTimestamp(entry.at);
      out->set_actor(entry.actor);
      out->set_event(entry.event);
      out->set_detail(entry.detail);
    }
  }
  *proto.mutable_updated_at() = common::ToProtoTimestamp(routed.updated_at);
  return proto;
}

absl::StatusOr<DecisionInput> FromProto(const v1::DecideTicketRequest& request) {
  common::FieldViolations violations;
  DecisionInput input;
  ReadEnum(request.decision(), 0, v1::DECISION_RETURN, "decision", violations, input.decision);
  input.unit_id = request.unit_id();
  input.reason = request.reason();
  CheckLanguage(request.language(), violations);
  input.language = LanguageOf(request.language());
  ReadEnum(request.reply_format(), 0, v1::REPLY_FORMAT_CANNOT_FORWARD, "reply_format", violations,
           input.reply_format);
  input.handling_result = request.handling_result();
  ReadEnum(request.return_reason(), 0, v1::RETURN_REASON_CONTENT_INCORRECT, "return_reason",
           violations, input.return_reason);
  input.fields_at_fault.assign(request.fields_at_fault().begin(), request.fields_at_fault().end());
  input.return_note = request.return_note();
  if (!violations.empty()) return violations.ToStatus("invalid decision");
  return input;
}

absl::StatusOr<RoutedTicketFilter> FromProto(const v1::ListRoutedTicketsRequest& request) {
  common::FieldViolations violations;
  RoutedTicketFilter filter;
  if (request.ticket_id() < 0) violations.Add("ticket_id", "must not be negative");
  filter.ticket_id = request.ticket_id();
  if (request.status() != v1::ROUTED_TICKET_STATUS_UNSPECIFIED) {
    RoutedStatus status;
    if (ReadEnum(request.status(), 1, v1::ROUTED_TICKET_STATUS_RETURNED, "status", violations,
                 status)) {
      filter.status = status;
    }
  }
  filter.origin_unit_id = request.origin_unit_id();
  if (!violations.empty()) return violations.ToStatus("invalid list request");
  return filter;
}

absl::StatusOr<OrderFilter> FromProto(const v1::ListDispatchOrdersRequest& request) {
  common::FieldViolations violations;
  OrderFilter filter;
  filter.unit_id = request.unit_id();
  if (request.kind() != v1::DISPATCH_KIND_UNSPECIFIED) {
    DispatchKind kind;
    if (ReadEnum(request.kind(), 1, v1::DISPATCH_KIND_TELECOM, "kind", violations, kind)) {
      filter.kind = kind;
    }
  }
  if (request.status() != v1::DISPATCH_ORDER_STATUS_UNSPECIFIED) {
    OrderStatus status;
    if (ReadEnum(request.status(), 1, v1::DISPATCH_ORDER_STATUS_ACKNOWLEDGED, "status", violations,
                 status)) {
      filter.status = status;
    }
  }
  filter.open_only = request.open_only();
  if (!violations.empty()) return violations.ToStatus("invalid list request");
  return filter;
}

absl::StatusOr<DeliveryFilter> FromProto(const v1::ListDeliveriesRequest& request) {
  common::FieldViolations violations;
  DeliveryFilter filter;
  if (request.channel() != cs::common::v1::REPLY_CHANNEL_UNSPECIFIED) {
    ReplyChannel channel;
    if (ReadEnum(request.channel(), 1, cs::common::v1::REPLY_CHANNEL_POST, "channel", violations,
                 channel)) {
      filter.channel = channel;
    }
  }
  if (request.state() != v1::DELIVERY_STATE_UNSPECIFIED) {
    DeliveryState state;
    if (ReadEnum(request.state(), 1, v1::DELIVERY_STATE_FAILED, "state", violations, state)) {
      filter.state = state;
    }
  }
  if (request.purpose() != v1::DELIVERY_PURPOSE_UNSPECIFIED) {
    DeliveryPurpose purpose;
    if (ReadEnum(request.purpose(), 1, v1::DELIVERY_PURPOSE_OVERDUE_REMINDER, "purpose", violations,
                 purpose)) {
      filter.purpose = purpose;
    }
  }
  if (request.routed_ticket_id() < 0) {
    violations.Add("routed_ticket_id", "must not be negative");
  }
  filter.routed_ticket_id = request.routed_ticket_id();
  if (!violations.empty()) return violations.ToStatus("invalid list request");
  return filter;
}

absl::StatusOr<PullRequest> FromProto(const v1::PullDeliveriesRequest& request) {
  common::FieldViolations violations;
  PullRequest pull;
  pull.channel = static_cast<ReplyChannel>(request.channel());
  pull.max_deliveries = request.max_deliveries();
  if (request.has_lease()) {
    absl::StatusOr<absl::Duration> lease = common::FromProtoDuration(request.lease(), "lease");
    if (lease.ok()) {
      pull.lease = *lease;
    } else {
      violations.Add("lease", "is not a valid duration");
    }
  }
  if (!violations.empty()) return violations.ToStatus("invalid pull");
  return pull;
}

absl::StatusOr<DeliveryAck> FromProto(const v1::AckDeliveryRequest& request) {
  DeliveryAck ack;
  ack.delivery_id = request.delivery_id();
  ack.lease_token = request.lease_token();
  // Unknown numbers are kept: ValidateDeliveryAck names them.
  ack.result = static_cast<DeliveryResult>(request.result());
  ack.failure_reason = request.failure_reason();
  ack.gateway = request.gateway();
  return ack;
}

absl::StatusOr<PreviewRequest> FromProto(const v1::PreviewReplyRequest& request) {
  common::FieldViolations violations;
  PreviewRequest preview;
  ReadEnum(request.format(), 0, v1::REPLY_FORMAT_CANNOT_FORWARD, "format", violations,
           preview.format);
  CheckLanguage(request.language(), violations);
  preview.language = LanguageOf(request.language());
  preview.unit_id = request.unit_id();
  preview.handling_result = request.handling_result();
  preview.forwarded_to = request.forwarded_to();
  if (!violations.empty()) return violations.ToStatus("invalid preview");
  return preview;
}

v1::MonthlyStatistics ToProto(const MonthlyStatistics& statistics) {
  v1::MonthlyStatistics proto;
  proto.set_month(statistics.month);
  proto.set_time_zone(statistics.time_zone);
  for (const UnitMonthlyStatistics& unit : statistics.units) {
    v1::UnitMonthlyStatistics* out = proto.add_units();
    out->set_unit_id(unit.counts.unit_id);
    out->set_unit_name(unit.unit_name);
    out->set_dispatched(unit.counts.dispatched);
    out->set_replied(unit.counts.replied);
    out->set_replied_on_time(unit.counts.replied_on_time);
    out->set_overdue(unit.counts.overdue);
    out->set_returned(unit.counts.returned);
    out->set_answered_directly(unit.counts.answered_directly);
    out->set_reminders(unit.counts.reminders);
  }
  return proto;
}

cs::intake::v1::ReportTicketOutcomeRequest ToOutcomeRequest(const RoutedTicket& routed,
                                                            const OutcomeReport& report) {
  cs::intake::v1::ReportTicketOutcomeRequest request;
  request.set_ticket_id(routed.ticket.ticket_id);
  request.set_forward_id(routed.forward_id);
  request.set_outcome(static_cast<cs::intake::v1::OutcomeKind>(report.kind));
  *request.mutable_at() = common::ToProtoTimestamp(report.at);
  request.set_actor(report.actor);
  request.set_handling_department(report.handling_department);
  if (report.handling_deadline.has_value()) {
    *request.mutable_handling_deadline() = common::ToProtoTimestamp(*report.handling_deadline);
  }
  request.set_return_reason(static_cast<cs::intake::v1::ReturnReason>(report.return_reason));
  request.set_return_note(report.return_note);
  for (const std::string& field : report.fields_at_fault) request.add_fields_at_fault(field);
  request.set_reply_text(report.reply_text);
  request.set_reply_channel(static_cast<cs::common::v1::ReplyChannel>(report.reply_channel));
  request.set_replied_by(report.replied_by);
  return request;
}

}  // namespace cs::routing

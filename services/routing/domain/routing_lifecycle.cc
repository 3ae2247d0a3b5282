#include "services/routing/domain/routing_lifecycle.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"
#include "common/text/utf8.h"
#include "services/routing/domain/dispatch_notices.h"

namespace cs::routing {
namespace {

void Record(RoutedTicket& routed, absl::Time at, absl::string_view actor, absl::string_view event,
            std::string detail) {
  HistoryEntry entry;
  entry.sequence = static_cast<int>(routed.history.size()) + 1;
  entry.at = at;
  entry.actor = std::string(actor);
  entry.event = std::string(event);
  entry.detail = std::move(detail);
  routed.history.push_back(std::move(entry));
  routed.updated_at = at;
  ++routed.version;
}

bool Blank(absl::string_view text) { return absl::StripAsciiWhitespace(text).empty(); }

// Adds a violation when `text` is not valid UTF-8 of at most `limit` characters.
void CheckText(common::FieldViolations& violations, absl::string_view field, absl::string_view text,
               int limit) {
  const int length = common::Utf8Length(text);
  if (length < 0 || length > limit) {
    violations.Add(std::string(field),
                   absl::StrCat("must be valid UTF-8 of at most ", limit, " characters"));
  }
}

bool IsPrintableId(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

absl::Status WrongStatus(const RoutedTicket& routed, absl::string_view action,
                         absl::string_view allowed) {
  return common::WithReason(
      absl::FailedPreconditionError(absl::StrCat("routed ticket ", routed.id, " is ",
                                                 RoutedStatusName(routed.status), ": cannot ",
                                                 action, " (allowed when ", allowed, ")")),
      common::reason::kStateForbidsChange);
}

absl::Status WrongOrderStatus(const DispatchOrder& order, absl::string_view action,
                              absl::string_view allowed) {
  return common::WithReason(absl::FailedPreconditionError(absl::StrCat(
                                "dispatch order ", order.id, " is ", OrderStatusName(order.status),
                                ": cannot ", action, " (allowed when ", allowed, ")")),
                            common::reason::kStateForbidsChange);
}

// The user's address on `channel`: email, phone number or postal address.
std::string UserAddress(const ForwardedTicket& ticket, ReplyChannel channel) {
  switch (channel) {
    case ReplyChannel::kEmail:
      return ticket.email;
    case ReplyChannel::kPost:
      return ticket.postal_code.empty() ? ticket.address
                                        : absl::StrCat(ticket.address, " ", ticket.postal_code);
    case ReplyChannel::kSms:
    case ReplyChannel::kPhoneCallback:
    case ReplyChannel::kFax:
    case ReplyChannel::kUnspecified:
      break;
  }
  return ticket.contact_phone;
}

// A reply to the user on the ticket's reply channel.
Delivery UserReply(const RoutedTicket& routed, const Letter& letter, ReplyLanguage language,
                   ReplyFormat format, absl::string_view replied_by, absl::Time now) {
  Delivery delivery;
  delivery.purpose = DeliveryPurpose::kUserReply;
  delivery.channel = routed.reply_channel;
  delivery.recipient = UserAddress(routed.ticket, routed.reply_channel);
  delivery.recipient_name = routed.ticket.contact_person;
  delivery.subject = letter.subject;
  delivery.text = letter.text;
  delivery.language = language;
  delivery.reply_format = format;
  delivery.replied_by = std::string(replied_by);
  delivery.created_at = now;
  return delivery;
}

const common::UnitInfo* UnitOrNull(const DecisionContext& context, absl::string_view id) {
  return context.units == nullptr ? nullptr : context.units->Find(id);
}

}  // namespace

const std::vector<std::string>& ReturnableFields() {
  static const auto* const kFields = new std::vector<std::string>{
      "problem",   "device_number", "contact_phone", "contact_person",       "user_number",
      "user_name", "company",       "address",       "postal_code",          "email",
      "kind",      "channel",       "reply_channel", "special_request_note", "business_line"};
  return *kFields;
}

absl::Status ValidateForward(absl::string_view forward_id, const ForwardedTicket& ticket) {
  common::FieldViolations violations;
  if (!IsPrintableId(forward_id)) {
    violations.Add("forward_id", "must be 1-64 printable ASCII characters");
  }
  if (ticket.ticket_id <= 0) violations.Add("ticket.ticket_id", "must be a positive ticket id");
  if (Blank(ticket.origin_unit_id)) violations.Add("ticket.origin_unit_id", "is required");
  if (static_cast<int>(ticket.kind) < 0 || static_cast<int>(ticket.kind) > 3) {
    violations.Add("ticket.kind", "is not a known ticket kind");
  }
  if (static_cast<int>(ticket.channel) < 0 || static_cast<int>(ticket.channel) > 6) {
    violations.Add("ticket.channel", "is not a known channel");
  }
  if (static_cast<int>(ticket.reply_channel) < 0 || static_cast<int>(ticket.reply_channel) > 5) {
    violations.Add("ticket.reply_channel", "is not a known reply channel");
  }
  // The limits intake enforces (services/intake/domain/ticket_validation.h), which the schema's
  // columns hold.
  struct Text {
    absl::string_view field;
    const std::string* value;
    int limit;
  };
  const Text texts[] = {{"ticket.origin_unit_id", &ticket.origin_unit_id, 32},
                        {"ticket.special_request_note", &ticket.special_request_note, 500},
                        {"ticket.problem", &ticket.problem, 4000},
                        {"ticket.device_number", &ticket.device_number, 40},
                        {"ticket.contact_phone", &ticket.contact_phone, 40},
                        {"ticket.contact_person", &ticket.contact_person, 100},
                        {"ticket.user_number", &ticket.user_number, 40},
                        {"ticket.user_name", &ticket.user_name, 100},
                        {"ticket.company", &ticket.company, 100},
                        {"ticket.address", &ticket.address, 300},
                        {"ticket.postal_code", &ticket.postal_code, 20},
                        {"ticket.email", &ticket.email, 254},
                        {"ticket.business_line", &ticket.business_line, 40},
                        {"ticket.serial_month", &ticket.serial_month, 7}};
  for (const Text& text : texts) CheckText(violations, text.field, *text.value, text.limit);
  return violations.ToStatus("invalid forwarded ticket");
}

ReplyChannel ResolveReplyChannel(const ForwardedTicket& ticket) {
  ReplyChannel wanted = ticket.reply_channel;
  if (wanted == ReplyChannel::kUnspecified) {
    switch (ticket.channel) {
      case Channel::kEmail:
      case Channel::kWebForm:
      case Channel::kGuestbook:
        wanted = ReplyChannel::kEmail;
        break;
      case Channel::kFax:
        wanted = ReplyChannel::kFax;
        break;
      case Channel::kHotline:
      case Channel::kWalkIn:
      case Channel::kUnspecified:
        wanted = ReplyChannel::kPhoneCallback;
        break;
    }
  }
  if (wanted == ReplyChannel::kEmail && Blank(ticket.email)) return ReplyChannel::kPhoneCallback;
  if (wanted == ReplyChannel::kPost && Blank(ticket.address)) return ReplyChannel::kPhoneCallback;
  return wanted;
}

RoutedTicket NewRoutedTicket(std::string forward_id, ForwardedTicket ticket, Suggestion suggestion,
                             absl::Time now) {
  RoutedTicket routed;
  routed.forward_id = std::move(forward_id);
  routed.ticket = std::move(ticket);
  routed.received_at = now;
  routed.status = RoutedStatus::kReceived;
  routed.suggestion = std::move(suggestion);
  routed.reply_channel = ResolveReplyChannel(routed.ticket);
  Record(routed, now, "routing", "RECEIVED",
         absl::StrCat(routed.forward_id, "; suggested ", DecisionName(routed.suggestion.decision),
                      routed.suggestion.unit_id.empty() ? "" : " to ", routed.suggestion.unit_id,
                      ": ", routed.suggestion.basis));
  return routed;
}

bool OverridesSuggestion(const DecisionInput& input, const Suggestion& suggestion) {
  if (suggestion.decision == Decision::kUnspecified) return false;
  if (input.decision != suggestion.decision) return true;
  if (input.decision == Decision::kInternalDispatch) return input.unit_id != suggestion.unit_id;
  if (input.decision == Decision::kReturn) return input.return_reason != suggestion.return_reason;
  return false;
}

absl::Status ValidateDecision(const DecisionInput& input, const Suggestion& suggestion,
                              const common::UnitDirectory& units) {
  common::FieldViolations violations;
  const std::string& designated = units.designated_unit().id;
  const bool direct = input.decision == Decision::kDirectReply;
  const bool returning = input.decision == Decision::kReturn;
  switch (input.decision) {
    case Decision::kDirectReply:
      if (!input.unit_id.empty() && input.unit_id != designated) {
        violations.Add("unit_id", "a direct reply is written by the designated unit itself");
      }
      if (input.reply_format == ReplyFormat::kForwarded) {
        violations.Add("reply_format",
                       "FORWARDED is the letter of ESCALATE_TO_TELECOM; use HANDLED or "
                       "CANNOT_FORWARD");
      } else if (input.reply_format == ReplyFormat::kCannotForward) {
        if (!Blank(input.handling_result)) {
          violations.Add("handling_result", "is not part of the CANNOT_FORWARD letter");
        }
      } else if (input.reply_format == ReplyFormat::kHandled ||
                 input.reply_format == ReplyFormat::kUnspecified) {
        if (Blank(input.handling_result)) {
          violations.Add("handling_result", "is required for a direct reply (A6 format 1)");
        }
      } else {
        violations.Add("reply_format", "is not a known reply format");
      }
      break;
    case Decision::kInternalDispatch:
      if (Blank(input.unit_id)) {
        violations.Add("unit_id", "is required: the responsible unit to dispatch to");
      } else if (input.unit_id == designated) {
        violations.Add("unit_id",
                       "is the designated unit itself: answer with DIRECT_REPLY instead");
      } else if (!units.Contains(input.unit_id)) {
        violations.Add("unit_id",
                       absl::StrCat("names no known unit: ", common::QuotedValue(input.unit_id)));
      }
      break;
    case Decision::kEscalateToTelecom:
      if (!input.unit_id.empty() && input.unit_id != kTelecomUnitId) {
        violations.Add("unit_id", "an escalation goes to the telecom company only");
      }
      break;
    case Decision::kReturn:
      if (!input.unit_id.empty()) {
        violations.Add("unit_id", "a return goes back to the sending unit");
      }
      if (input.return_reason == ReturnReason::kUnspecified) {
        violations.Add("return_reason", "is required for RETURN");
      } else if (input.return_reason == ReturnReason::kContentIncorrect) {
        if (input.fields_at_fault.empty()) {
          violations.Add("fields_at_fault", "must name the fields at fault for CONTENT_INCORRECT");
        }
      } else if (input.return_reason == ReturnReason::kNotTelecomBusiness) {
        if (!input.fields_at_fault.empty()) {
          violations.Add("fields_at_fault", "are only for CONTENT_INCORRECT");
        }
      } else {
        violations.Add("return_reason", "is not a known return reason");
      }
      break;
    case Decision::kUnspecified:
    default:
      violations.Add("decision",
                     "must be DIRECT_REPLY, INTERNAL_DISPATCH, ESCALATE_TO_TELECOM or RETURN");
  }
  if (!direct) {
    if (!Blank(input.handling_result)) {
      violations.Add("handling_result", "is only for DIRECT_REPLY");
    }
    if (input.reply_format != ReplyFormat::kUnspecified) {
      violations.Add("reply_format", "is only for DIRECT_REPLY");
    }
  }
  if (!returning) {
    if (input.return_reason != ReturnReason::kUnspecified) {
      violations.Add("return_reason", "is only for RETURN");
    }
    if (!input.fields_at_fault.empty()) violations.Add("fields_at_fault", "are only for RETURN");
    if (!Blank(input.return_note)) violations.Add("return_note", "is only for RETURN");
  }
  if (returning) {
    absl::flat_hash_set<std::string> seen;
    const std::vector<std::string>& known = ReturnableFields();
    for (size_t i = 0; i < input.fields_at_fault.size(); ++i) {
      const std::string& name = input.fields_at_fault[i];
      const std::string field = absl::StrCat("fields_at_fault[", i, "]");
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        violations.Add(field,
                       absl::StrCat("names no field of the ticket: ", common::QuotedValue(name)));
      } else if (!seen.insert(name).second) {
        violations.Add(field, absl::StrCat("repeats ", name));
      }
    }
  }
  if (input.language != ReplyLanguage::kChinese && input.language != ReplyLanguage::kEnglish) {
    violations.Add("language", "is not a known reply language");
  }
  if (OverridesSuggestion(input, suggestion) && Blank(input.reason)) {
    violations.Add(
        "reason",
        absl::StrCat("is required to override the suggestion (", DecisionName(suggestion.decision),
                     suggestion.unit_id.empty() ? "" : " to ", suggestion.unit_id, ", SPEC R5)"));
  }
  CheckText(violations, "handling_result", input.handling_result,
            RoutingTextLimits::kHandlingResult);
  CheckText(violations, "reason", input.reason, RoutingTextLimits::kReason);
  CheckText(violations, "return_note", input.return_note, RoutingTextLimits::kReturnNote);
  return violations.ToStatus("invalid decision");
}

absl::StatusOr<std::vector<OutcomeReport>> ApplyDecision(RoutedTicket& routed,
                                                         const DecisionInput& input,
                                                         const DecisionContext& context) {
  if (routed.status != RoutedStatus::kReceived) {
    return WrongStatus(routed, "decide it again (one decision per ticket)", "RECEIVED");
  }
  if (context.units == nullptr || context.letters == nullptr) {
    return absl::InternalError("decision context without units or letters");
  }
  if (absl::Status valid = ValidateDecision(input, routed.suggestion, *context.units);
      !valid.ok()) {
    return valid;
  }
  const std::string& designated = context.units->designated_unit().id;
  DecisionRecord record;
  record.decision = input.decision;
  record.decided_by = context.actor;
  record.decided_at = context.now;
  record.overrode_suggestion = OverridesSuggestion(input, routed.suggestion);
  record.reason = std::string(absl::StripAsciiWhitespace(input.reason));
  record.language = input.language;
  record.working_time_to_decide = context.working_time_to_decide;

  OutcomeReport report;
  report.at = context.now;
  report.actor = context.actor;
  std::string detail(DecisionName(input.decision));
  switch (input.decision) {
    case Decision::kDirectReply: {
      record.handling_unit_id = designated;
      record.reply_format = input.reply_format == ReplyFormat::kCannotForward
                                ? ReplyFormat::kCannotForward
                                : ReplyFormat::kHandled;
      record.handling_result = std::string(absl::StripAsciiWhitespace(input.handling_result));
      Letter letter;
      if (record.reply_format == ReplyFormat::kHandled) {
        absl::StatusOr<Letter> handled =
            context.letters->Handled(input.language, designated, record.handling_result);
        if (!handled.ok()) return handled.status();
        letter = *std::move(handled);
      } else {
        letter = context.letters->CannotForward(input.language);
      }
      routed.deliveries.push_back(
          UserReply(routed, letter, input.language, record.reply_format, designated, context.now));
      routed.status = RoutedStatus::kInHandling;
      report.kind = OutcomeReport::Kind::kDirectReply;
      report.handling_department = designated;
      break;
    }
    case Decision::kInternalDispatch: {
      record.handling_unit_id = input.unit_id;
      DispatchOrder order;
      order.kind = DispatchKind::kInternal;
      order.unit_id = input.unit_id;
      order.status = OrderStatus::kOpen;
      order.dispatched_at = context.now;
      order.deadline = context.order_deadline;
      routed.orders.push_back(std::move(order));
      routed.status = RoutedStatus::kInHandling;
      report.kind = OutcomeReport::Kind::kInternalDispatch;
      report.handling_department = input.unit_id;
      report.handling_deadline = context.order_deadline.at;
      absl::StrAppend(&detail, " to ", input.unit_id);
      break;
    }
    case Decision::kEscalateToTelecom: {
      record.handling_unit_id = std::string(kTelecomUnitId);
      const common::TelecomCompanyInfo& company = context.units->telecom_company();
      DispatchOrder order;
      order.kind = DispatchKind::kTelecom;
      order.unit_id = std::string(kTelecomUnitId);
      order.status = OrderStatus::kOpen;
      order.dispatched_at = context.now;
      order.deadline = context.order_deadline;
      order.dispatch_address = company.dispatch_address;
      routed.orders.push_back(std::move(order));
      const int order_index = static_cast<int>(routed.orders.size()) - 1;

      const common::UnitInfo* origin = UnitOrNull(context, routed.ticket.origin_unit_id);
      Letter notice = TelecomDispatchNotice(
          routed, origin != nullptr ? origin->name : routed.ticket.origin_unit_id,
          context.units->designated_unit().name, context.order_deadline.at, context.zone);
      Delivery dispatch;
      dispatch.order_index = order_index;
      dispatch.purpose = DeliveryPurpose::kTelecomDispatch;
      dispatch.channel = ReplyChannel::kEmail;
      dispatch.recipient = company.dispatch_address;
      dispatch.recipient_name = company.name;
      dispatch.subject = notice.subject;
      dispatch.text = notice.text;
      dispatch.created_at = context.now;
      dispatch.replied_by = designated;
      routed.deliveries.push_back(std::move(dispatch));

      absl::StatusOr<Letter> forwarded = context.letters->Forwarded(input.language, kTelecomUnitId);
      if (!forwarded.ok()) return forwarded.status();
      Delivery reply = UserReply(routed, *forwarded, input.language, ReplyFormat::kForwarded,
                                 designated, context.now);
      reply.order_index = order_index;
      routed.deliveries.push_back(std::move(reply));
      routed.status = RoutedStatus::kInHandling;
      report.kind = OutcomeReport::Kind::kEscalateToTelecom;
      report.handling_department = std::string(kTelecomUnitId);
      report.handling_deadline = context.order_deadline.at;
      break;
    }
    case Decision::kReturn:
      record.handling_unit_id = routed.ticket.origin_unit_id;
      record.return_reason = input.return_reason;
      record.fields_at_fault = input.fields_at_fault;
      record.return_note = std::string(absl::StripAsciiWhitespace(input.return_note));
      routed.status = RoutedStatus::kReturned;
      report.kind = OutcomeReport::Kind::kReturn;
      report.return_reason = record.return_reason;
      report.fields_at_fault = record.fields_at_fault;
      report.return_note = record.return_note;
      absl::StrAppend(&detail, " ", ReturnReasonName(input.return_reason));
      if (!input.fields_at_fault.empty()) {
        absl::StrAppend(&detail, " [", absl::StrJoin(input.fields_at_fault, ","), "]");
      }
      break;
    case Decision::kUnspecified:
      return common::InvalidField("decision", "is not a known decision");
  }
  if (record.overrode_suggestion) {
    absl::StrAppend(&detail, "; overrides suggested ", DecisionName(routed.suggestion.decision),
                    routed.suggestion.unit_id.empty() ? "" : " to ", routed.suggestion.unit_id);
  }
  if (!record.reason.empty()) absl::StrAppend(&detail, "; reason: ", record.reason);
  routed.decision = std::move(record);
  Record(routed, context.now, context.actor, "DECIDED", std::move(detail));
  return std::vector<OutcomeReport>{std::move(report)};
}

absl::StatusOr<DispatchOrder*> FindOrder(RoutedTicket& routed, int64_t order_id) {
  for (DispatchOrder& order : routed.orders) {
    if (order.id == order_id) return &order;
  }
  return absl::NotFoundError(absl::StrCat("no dispatch order ", order_id));
}

absl::Status AcceptOrder(RoutedTicket& routed, int64_t order_id, absl::string_view actor,
                         absl::Time now) {
  absl::StatusOr<DispatchOrder*> found = FindOrder(routed, order_id);
  if (!found.ok()) return found.status();
  DispatchOrder& order = **found;
  if (order.kind != DispatchKind::kInternal) {
    return absl::FailedPreconditionError(
        absl::StrCat("dispatch order ", order.id,
                     " is an escalation to the telecom company: it is acknowledged, not accepted"));
  }
  if (order.status == OrderStatus::kAccepted) return absl::OkStatus();
  if (order.status != OrderStatus::kOpen) return WrongOrderStatus(order, "accept it", "OPEN");
  order.status = OrderStatus::kAccepted;
  order.accepted_at = now;
  order.accepted_by = std::string(actor);
  Record(routed, now, actor, "ORDER_ACCEPTED", absl::StrCat(order.id, " by ", order.unit_id));
  return absl::OkStatus();
}

absl::Status ReplyToOrder(RoutedTicket& routed, int64_t order_id, absl::string_view handling_result,
                          absl::string_view actor, absl::Time now, const ReplyLetters& letters) {
  common::FieldViolations violations;
  if (Blank(handling_result)) {
    violations.Add("handling_result", "is required: it is the reply to the user (A6 format 1)");
  }
  CheckText(violations, "handling_result", handling_result, RoutingTextLimits::kHandlingResult);
  if (!violations.empty()) return violations.ToStatus("invalid reply");
  absl::StatusOr<DispatchOrder*> found = FindOrder(routed, order_id);
  if (!found.ok()) return found.status();
  DispatchOrder& order = **found;
  if (order.kind != DispatchKind::kInternal) {
    return absl::FailedPreconditionError(absl::StrCat(
        "dispatch order ", order.id, " is an escalation: the telecom company answers the user"));
  }
  if (order.status == OrderStatus::kOpen) {
    return WrongOrderStatus(order, "reply before accepting it", "ACCEPTED");
  }
  if (order.status != OrderStatus::kAccepted) {
    return WrongOrderStatus(order, "reply again (the order is closed)", "ACCEPTED");
  }
  const ReplyLanguage language =
      routed.decision.has_value() ? routed.decision->language : ReplyLanguage::kChinese;
  const std::string result(absl::StripAsciiWhitespace(handling_result));
  absl::StatusOr<Letter> letter = letters.Handled(language, order.unit_id, result);
  if (!letter.ok()) return letter.status();
  order.status = OrderStatus::kReplied;
  order.replied_at = now;
  order.replied_by = std::string(actor);
  order.handling_result = result;
  Delivery reply = UserReply(routed, *letter, language, ReplyFormat::kHandled, order.unit_id, now);
  reply.order_id = order.id;
  routed.deliveries.push_back(std::move(reply));
  Record(routed, now, actor, "ORDER_REPLIED",
         absl::StrCat(order.id, " by ", order.unit_id,
                      now > order.deadline.at ? " after its deadline" : " within its deadline"));
  return absl::OkStatus();
}

absl::Status AcknowledgeEscalation(RoutedTicket& routed, int64_t order_id,
                                   absl::Time acknowledged_at, absl::string_view telecom_reference,
                                   absl::string_view actor, absl::Time now) {
  common::FieldViolations violations;
  CheckText(violations, "telecom_reference", telecom_reference, RoutingTextLimits::kReference);
  if (acknowledged_at > now) violations.Add("acknowledged_at", "must not be in the future");
  absl::StatusOr<DispatchOrder*> found = FindOrder(routed, order_id);
  if (!found.ok()) return found.status();
  DispatchOrder& order = **found;
  if (acknowledged_at < order.dispatched_at) {
    violations.Add("acknowledged_at", "must not be before the escalation was dispatched");
  }
  if (!violations.empty()) return violations.ToStatus("invalid acknowledgement");
  if (order.kind != DispatchKind::kTelecom) {
    return absl::FailedPreconditionError(absl::StrCat(
        "dispatch order ", order.id, " goes to unit ", order.unit_id,
        ", not to the telecom company: it is accepted and replied to, not acknowledged"));
  }
  if (order.status != OrderStatus::kOpen) {
    return WrongOrderStatus(order, "acknowledge it", "OPEN");
  }
  order.status = OrderStatus::kAcknowledged;
  order.acknowledged_at = acknowledged_at;
  order.acknowledged_by = std::string(actor);
  order.telecom_reference = std::string(telecom_reference);
  Record(routed, now, actor, "ESCALATION_ACKNOWLEDGED",
         absl::StrCat(
             order.id, telecom_reference.empty() ? "" : absl::StrCat(" ref ", telecom_reference),
             acknowledged_at > order.deadline.at ? " after its deadline" : " within its deadline"));
  return absl::OkStatus();
}

bool IsOfferable(const Delivery& delivery, absl::Time now) {
  return DeliveryStateAt(delivery, now) == DeliveryState::kPending;
}

void LeaseDelivery(Delivery& delivery, absl::Time now, absl::Duration lease) {
  ++delivery.offers;
  delivery.lease_expires_at = now + lease;
}

absl::Status ValidateDeliveryAck(const DeliveryAck& ack) {
  common::FieldViolations violations;
  if (ack.delivery_id <= 0) violations.Add("delivery_id", "must be a positive delivery id");
  if (ack.lease_token.empty()) violations.Add("lease_token", "is required");
  switch (ack.result) {
    case DeliveryResult::kDelivered:
    case DeliveryResult::kRetry:
      break;
    case DeliveryResult::kFailed:
      if (Blank(ack.failure_reason)) violations.Add("failure_reason", "is required for FAILED");
      break;
    default:
      violations.Add("result", "must be DELIVERED, RETRY or FAILED");
  }
  CheckText(violations, "failure_reason", ack.failure_reason, RoutingTextLimits::kFailureReason);
  CheckText(violations, "gateway", ack.gateway, RoutingTextLimits::kGateway);
  return violations.ToStatus("invalid acknowledgement");
}

absl::StatusOr<std::vector<OutcomeReport>> AcknowledgeDelivery(RoutedTicket& routed,
                                                               const DeliveryAck& ack,
                                                               absl::Time now) {
  if (absl::Status valid = ValidateDeliveryAck(ack); !valid.ok()) return valid;
  auto it = std::find_if(routed.deliveries.begin(), routed.deliveries.end(),
                         [&](const Delivery& d) { return d.id == ack.delivery_id; });
  if (it == routed.deliveries.end()) {
    return absl::NotFoundError(absl::StrCat("no delivery ", ack.delivery_id));
  }
  Delivery& delivery = *it;
  if (delivery.offers == 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("delivery ", delivery.id, " was never taken: pull it first"));
  }
  if (ack.lease_token != LeaseToken(delivery)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "lease token ", ack.lease_token, " is not the latest offer of delivery ", delivery.id, " (",
        LeaseToken(delivery), "): its lease ended and it was offered again"));
  }
  const bool finished = delivery.status != DeliveryStatus::kPending;
  if (finished) {
    const bool same =
        (delivery.status == DeliveryStatus::kDelivered &&
         ack.result == DeliveryResult::kDelivered) ||
        (delivery.status == DeliveryStatus::kFailed && ack.result == DeliveryResult::kFailed);
    if (same) return std::vector<OutcomeReport>{};
    return absl::FailedPreconditionError(
        absl::StrCat("delivery ", delivery.id, " is already ",
                     delivery.status == DeliveryStatus::kDelivered ? "DELIVERED" : "FAILED"));
  }
  std::vector<OutcomeReport> reports;
  const std::string gateway = ack.gateway.empty() ? "gateway" : ack.gateway;
  switch (ack.result) {
    case DeliveryResult::kDelivered: {
      delivery.status = DeliveryStatus::kDelivered;
      delivery.delivered_at = now;
      delivery.lease_expires_at.reset();
      delivery.gateway = ack.gateway;
      delivery.failure_reason.clear();
      Record(routed, now, gateway, "DELIVERED",
             absl::StrCat(delivery.id, " ", DeliveryPurposeName(delivery.purpose), " by ",
                          ReplyChannelName(delivery.channel)));
      if (delivery.purpose == DeliveryPurpose::kUserReply) {
        if (!routed.replied_at.has_value()) routed.replied_at = now;
        if (routed.status == RoutedStatus::kInHandling) routed.status = RoutedStatus::kReplied;
        OutcomeReport replied;
        replied.kind = OutcomeReport::Kind::kReplied;
        replied.at = now;
        replied.actor = gateway;
        replied.reply_text = delivery.text;
        replied.reply_channel = delivery.channel;
        replied.replied_by = delivery.replied_by;
        reports.push_back(std::move(replied));
      }
      break;
    }
    case DeliveryResult::kRetry:
      // Offered again at once; the reason is kept as the last error for operators.
      delivery.lease_expires_at.reset();
      delivery.failure_reason = ack.failure_reason;
      routed.updated_at = now;
      ++routed.version;
      break;
    case DeliveryResult::kFailed:
      delivery.status = DeliveryStatus::kFailed;
      delivery.failed_at = now;
      delivery.lease_expires_at.reset();
      delivery.gateway = ack.gateway;
      delivery.failure_reason = ack.failure_reason;
      Record(routed, now, gateway, "DELIVERY_FAILED",
             absl::StrCat(delivery.id, " ", DeliveryPurposeName(delivery.purpose), ": ",
                          ack.failure_reason));
      break;
  }
  return reports;
}

bool ReminderDue(const DispatchOrder& order, absl::Time now) {
  if (!IsOpen(order) || now <= order.deadline.at) return false;
  return !order.next_reminder_at.has_value() || *order.next_reminder_at <= now;
}

}  // namespace cs::routing

#include "services/intake/domain/ticket_lifecycle.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/text/utf8.h"
#include "services/intake/domain/ticket_validation.h"

namespace cs::intake {
namespace {

void Record(Ticket& ticket, absl::Time at, absl::string_view actor, absl::string_view event,
            std::string detail) {
  HistoryEntry entry;
  entry.sequence = static_cast<int>(ticket.history.size()) + 1;
  entry.at = at;
  entry.actor = std::string(actor);
  entry.event = std::string(event);
  entry.detail = std::move(detail);
  ticket.history.push_back(std::move(entry));
  ticket.updated_at = at;
  ++ticket.version;
}

absl::Status WrongStatus(const Ticket& ticket, absl::string_view action,
                         absl::string_view allowed) {
  return common::WithReason(absl::FailedPreconditionError(absl::StrCat(
                                "ticket ", ticket.id, " is ", TicketStatusName(ticket.status),
                                ": cannot ", action, " (allowed when ", allowed, ")")),
                            common::reason::kStateForbidsChange);
}

absl::string_view ReturnReasonName(ReturnReason reason) {
  switch (reason) {
    case ReturnReason::kNotTelecomBusiness:
      return "NOT_TELECOM_BUSINESS";
    case ReturnReason::kContentIncorrect:
      return "CONTENT_INCORRECT";
    case ReturnReason::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

// A calendar set that no longer holds the deadline's version (versions are meant never to be
// dropped) must not make a receipt impossible to record: the current version measures instead.
absl::Duration WorkingTimeToConfirm(const Ticket& ticket, absl::Time confirmed,
                                    const common::CalendarSet& calendars) {
  absl::StatusOr<const common::WorkingCalendar*> calendar =
      calendars.Find(ticket.forward->confirm_deadline.calendar_version);
  const common::WorkingCalendar& used = calendar.ok() ? **calendar : calendars.current();
  return used.WorkingTimeBetween(ticket.confirm_clock_start, confirmed);
}

}  // namespace

absl::string_view TicketStatusName(TicketStatus status) {
  switch (status) {
    case TicketStatus::kRecorded:
      return "RECORDED";
    case TicketStatus::kForwarding:
      return "FORWARDING";
    case TicketStatus::kReceived:
      return "RECEIVED";
    case TicketStatus::kInHandling:
      return "IN_HANDLING";
    case TicketStatus::kReplied:
      return "REPLIED";
    case TicketStatus::kReturned:
      return "RETURNED";
    case TicketStatus::kClosed:
      return "CLOSED";
  }
  return "UNKNOWN";
}

absl::string_view OutcomeKindName(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::kDirectReply:
      return "DIRECT_REPLY";
    case OutcomeKind::kInternalDispatch:
      return "INTERNAL_DISPATCH";
    case OutcomeKind::kEscalateToTelecom:
      return "ESCALATE_TO_TELECOM";
    case OutcomeKind::kReturn:
      return "RETURN";
    case OutcomeKind::kReplied:
      return "REPLIED";
    case OutcomeKind::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::Status CheckEditable(const Ticket& ticket) {
  if (ticket.status == TicketStatus::kRecorded || ticket.status == TicketStatus::kReturned) {
    return absl::OkStatus();
  }
  return WrongStatus(ticket, "change it", "RECORDED or RETURNED");
}

absl::Status ApplyUpdate(Ticket& ticket, const TicketInput& updated,
                         const std::vector<std::string>& changed_fields, absl::Time now,
                         absl::string_view actor) {
  if (absl::Status editable = CheckEditable(ticket); !editable.ok()) return editable;
  if (updated.unit_id != ticket.input.unit_id) {
    return common::InvalidField(
        "ticket.unit_id", "cannot change: the unit of first contact stays responsible (M 7.3)");
  }
  ticket.input = updated;
  Record(ticket, now, actor, "UPDATED", absl::StrJoin(changed_fields, ","));
  return absl::OkStatus();
}

absl::Status StartForward(Ticket& ticket, std::string forward_id, absl::Time now,
                          absl::string_view actor) {
  if (ticket.status != TicketStatus::kRecorded && ticket.status != TicketStatus::kReturned) {
    return WrongStatus(ticket, "forward it", "RECORDED or RETURNED");
  }
  if (absl::Status forwardable = CheckForwardable(ticket.input); !forwardable.ok()) {
    return forwardable;
  }
  Forward forward;
  forward.forward_id = std::move(forward_id);
  forward.forwarded_at = now;
  forward.confirm_deadline = ticket.confirm_deadline;
  ticket.forward = std::move(forward);
  ticket.status = TicketStatus::kForwarding;
  ticket.return_reason = ReturnReason::kUnspecified;
  ticket.return_note.clear();
  ticket.fields_at_fault.clear();
  Record(ticket, now, actor, "FORWARDED", ticket.forward->forward_id);
  return absl::OkStatus();
}

ReceiptEffect ConfirmReceipt(Ticket& ticket, absl::string_view forward_id,
                             absl::string_view receipt_id, absl::Time at,
                             const common::CalendarSet& calendars) {
  if (!ticket.forward.has_value() || ticket.forward->forward_id != forward_id) {
    return ReceiptEffect::kStale;
  }
  if (ticket.forward->confirmed_at.has_value()) return ReceiptEffect::kAlreadyConfirmed;
  ticket.forward->confirmed_at = at;
  ticket.forward->working_time_to_confirm = WorkingTimeToConfirm(ticket, at, calendars);
  ticket.forward->receipt_id = std::string(receipt_id);
  if (ticket.status == TicketStatus::kForwarding) ticket.status = TicketStatus::kReceived;
  Record(ticket, at, "routing", "RECEIPT_CONFIRMED", std::string(receipt_id));
  return ReceiptEffect::kConfirmed;
}

absl::Status ValidateOutcome(const Outcome& outcome) {
  common::FieldViolations violations;
  if (outcome.message_id.empty()) violations.Add("message_id", "is required");
  if (outcome.forward_id.empty()) violations.Add("forward_id", "is required");
  switch (outcome.kind) {
    case OutcomeKind::kDirectReply:
    case OutcomeKind::kInternalDispatch:
    case OutcomeKind::kEscalateToTelecom:
      break;
    case OutcomeKind::kReturn:
      if (outcome.return_reason == ReturnReason::kUnspecified) {
        violations.Add("return_reason", "is required for RETURN");
      }
      break;
    case OutcomeKind::kReplied:
      if (outcome.reply_text.empty()) violations.Add("reply_text", "is required for REPLIED");
      break;
    case OutcomeKind::kUnspecified:
    default:
      violations.Add("outcome", "is not a known outcome");
  }
  if (common::Utf8Length(outcome.reply_text) < 0 ||
      common::Utf8Length(outcome.reply_text) > TextLimits::kReplyText) {
    violations.Add("reply_text", "is not valid UTF-8 of at most 4000 characters");
  }
  return violations.ToStatus("invalid outcome report");
}

absl::StatusOr<OutcomeEffect> ApplyOutcome(Ticket& ticket, const Outcome& outcome, absl::Time now,
                                           const common::Deadline& deadline_after_return,
                                           const common::CalendarSet& calendars) {
  OutcomeEffect effect;
  if (ticket.status == TicketStatus::kClosed || !ticket.forward.has_value() ||
      ticket.forward->forward_id != outcome.forward_id) {
    return effect;
  }
  if (ticket.status == TicketStatus::kForwarding) {
    effect.confirmed_receipt = ConfirmReceipt(ticket, outcome.forward_id, "reported-with-outcome",
                                              now, calendars) == ReceiptEffect::kConfirmed;
  }
  const bool judging =
      ticket.status == TicketStatus::kReceived || ticket.status == TicketStatus::kInHandling;
  std::string detail(OutcomeKindName(outcome.kind));
  switch (outcome.kind) {
    case OutcomeKind::kDirectReply:
    case OutcomeKind::kInternalDispatch:
    case OutcomeKind::kEscalateToTelecom:
      if (!judging) return WrongStatus(ticket, "record a decision", "RECEIVED or IN_HANDLING");
      ticket.status = TicketStatus::kInHandling;
      if (!outcome.handling_department.empty()) {
        ticket.handling_department = outcome.handling_department;
        absl::StrAppend(&detail, " to ", outcome.handling_department);
      }
      if (outcome.handling_deadline.has_value()) {
        ticket.handling_deadline = outcome.handling_deadline;
      }
      break;
    case OutcomeKind::kReturn:
      if (!judging) return WrongStatus(ticket, "return it", "RECEIVED or IN_HANDLING");
      ticket.status = TicketStatus::kReturned;
      ticket.return_reason = outcome.return_reason;
      ticket.return_note = outcome.return_note;
      ticket.fields_at_fault = outcome.fields_at_fault;
      ticket.confirm_clock_start = now;
      ticket.confirm_deadline = deadline_after_return;
      ticket.confirm_miss_counted = false;
      absl::StrAppend(&detail, " ", ReturnReasonName(outcome.return_reason));
      if (!outcome.fields_at_fault.empty()) {
        absl::StrAppend(&detail, " [", absl::StrJoin(outcome.fields_at_fault, ","), "]");
      }
      if (!outcome.return_note.empty()) absl::StrAppend(&detail, ": ", outcome.return_note);
      break;
    case OutcomeKind::kReplied: {
      if (!judging && ticket.status != TicketStatus::kReplied) {
        return WrongStatus(ticket, "record a reply", "RECEIVED, IN_HANDLING or REPLIED");
      }
      ticket.status = TicketStatus::kReplied;
      ticket.replied_to_user_at = outcome.at;
      Reply reply;
      reply.sequence = static_cast<int>(ticket.replies.size()) + 1;
      reply.at = outcome.at;
      reply.channel = outcome.reply_channel;
      reply.replied_by = outcome.replied_by;
      reply.text = outcome.reply_text;
      ticket.replies.push_back(std::move(reply));
      if (!outcome.replied_by.empty()) absl::StrAppend(&detail, " by ", outcome.replied_by);
      break;
    }
    case OutcomeKind::kUnspecified:
      return common::InvalidField("outcome", "is not a known outcome");
  }
  ticket.last_outcome = outcome.kind;
  Record(ticket, now, outcome.actor.empty() ? "routing" : outcome.actor, "OUTCOME",
         std::move(detail));
  effect.applied = true;
  return effect;
}

absl::Status Close(Ticket& ticket, const Closing& closing, absl::Time now,
                   absl::string_view actor) {
  std::vector<std::string> missing;
  if (ticket.status == TicketStatus::kRecorded) {
    for (const common::FieldViolation& violation :
         common::ViolationsOf(CheckForwardable(ticket.input))) {
      missing.push_back(violation.field);
    }
    if (missing.empty()) {
      return WrongStatus(ticket, "close it without forwarding it (it is complete: forward it)",
                         "REPLIED, RETURNED, or RECORDED without its required elements");
    }
  }
  if (ticket.status == TicketStatus::kReturned || ticket.status == TicketStatus::kRecorded) {
    if (absl::StripAsciiWhitespace(closing.reply_text).empty()) {
      return common::InvalidField(
          "reply_text", ticket.status == TicketStatus::kReturned
                            ? "is required to close a returned ticket: the unit answers the user "
                              "itself"
                            : "is required to close a ticket that cannot be forwarded: the unit "
                              "answers the user itself");
    }
    if (ticket.status == TicketStatus::kRecorded) {
      Record(ticket, now, actor, "ANSWERED_WITHOUT_FORWARD",
             absl::StrCat("missing: ", absl::StrJoin(missing, ",")));
    }
    Reply reply;
    reply.sequence = static_cast<int>(ticket.replies.size()) + 1;
    reply.at = now;
    reply.channel = closing.reply_channel != ReplyChannel::kUnspecified
                        ? closing.reply_channel
                        : ticket.input.reply_channel;
    reply.replied_by = ticket.input.unit_id;
    reply.text = closing.reply_text;
    ticket.replies.push_back(std::move(reply));
    ticket.replied_to_user_at = now;
  } else if (ticket.status != TicketStatus::kReplied) {
    return WrongStatus(ticket, "close it", "REPLIED, or RETURNED with the unit's own reply");
  }
  ticket.status = TicketStatus::kClosed;
  ticket.closed_at = now;
  if (closing.callback_at.has_value()) ticket.callback_at = closing.callback_at;
  Record(ticket, now, actor, "CLOSED", "");
  return absl::OkStatus();
}

}  // namespace cs::intake

// How a ticket moves from recording to closing (SPEC I1, I4, M 7.3, A5 6.2–6.6): which changes each
// status allows, and what each change records in the ticket's history. Pure functions over a Ticket
// value; the caller loads and stores it. Thread-compatible.
#ifndef CS_SERVICES_INTAKE_DOMAIN_TICKET_LIFECYCLE_H_
#define CS_SERVICES_INTAKE_DOMAIN_TICKET_LIFECYCLE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/time/calendar_set.h"
#include "services/intake/domain/ticket.h"

namespace cs::intake {

// What routing reported about a forwarded ticket.
struct Outcome {
  std::string message_id;
  std::string forward_id;
  OutcomeKind kind = OutcomeKind::kUnspecified;
  absl::Time at;
  std::string actor;
  std::string handling_department;
  absl::optional<absl::Time> handling_deadline;
  ReturnReason return_reason = ReturnReason::kUnspecified;
  std::string return_note;
  std::vector<std::string> fields_at_fault;
  std::string reply_text;
  ReplyChannel reply_channel = ReplyChannel::kUnspecified;
  std::string replied_by;
};

// How the unit closes a ticket.
struct Closing {
  // Required when the unit answers the user itself: a RETURNED ticket (A5 6.6), or a RECORDED one
  // that lacks required elements (I2) and so cannot be forwarded — e.g. the A6 format-3 text
  // routing's PreviewReply renders ("call 10000 or write again"), or free text.
  std::string reply_text;
  ReplyChannel reply_channel = ReplyChannel::kUnspecified;
  absl::optional<absl::Time> callback_at;
};

// OK while the ticket is with its unit (RECORDED or RETURNED); FAILED_PRECONDITION naming the
// status otherwise.
absl::Status CheckEditable(const Ticket& ticket);

// Replaces the input with `updated` (unit_id must not change: INVALID_ARGUMENT), bumps the version
// and records which fields changed. FAILED_PRECONDITION when not editable.
absl::Status ApplyUpdate(Ticket& ticket, const TicketInput& updated,
                         const std::vector<std::string>& changed_fields, absl::Time now,
                         absl::string_view actor);

// Starts a forward to the designated unit (A5 6.2): FAILED_PRECONDITION when not editable,
// INVALID_ARGUMENT naming each missing required element (SPEC I2). The forward's confirmation
// deadline is the ticket's current confirm_deadline.
absl::Status StartForward(Ticket& ticket, std::string forward_id, absl::Time now,
                          absl::string_view actor);

enum class ReceiptEffect {
  // The ticket moved from FORWARDING to RECEIVED.
  kConfirmed,
  // This forward was confirmed before (a retried delivery): nothing changed.
  kAlreadyConfirmed,
  // The receipt is for a forward that is no longer current: nothing changed.
  kStale,
};

// Records the designated unit's confirmation of receipt of `forward_id` at `at` (SPEC I4), with
// the working time it took (SPEC I5) measured on the version of `calendars` that computed the
// forward's deadline (the current version when `calendars` no longer holds it).
ReceiptEffect ConfirmReceipt(Ticket& ticket, absl::string_view forward_id,
                             absl::string_view receipt_id, absl::Time at,
                             const common::CalendarSet& calendars);

// INVALID_ARGUMENT naming each bad field of an outcome report (unknown kind, RETURN without a
// reason, REPLIED without text, missing forward_id or message_id).
absl::Status ValidateOutcome(const Outcome& outcome);

struct OutcomeEffect {
  // False when the outcome was for an old forward or the ticket is closed: nothing changed.
  bool applied = false;
  // True when the outcome also proved receipt of a forward still FORWARDING (routing's report
  // overtook the acknowledgement).
  bool confirmed_receipt = false;
};

// Applies routing's outcome (SPEC R1–R4). `deadline_after_return` is the new confirmation deadline
// the ticket gets if it is returned (the unit must forward it again in time); `calendars` measures
// the working time to confirm when the outcome also proves receipt (as ConfirmReceipt).
// FAILED_PRECONDITION when the outcome makes no sense in the ticket's status (e.g. a dispatch of a
// ticket already replied to).
absl::StatusOr<OutcomeEffect> ApplyOutcome(Ticket& ticket, const Outcome& outcome, absl::Time now,
                                           const common::Deadline& deadline_after_return,
                                           const common::CalendarSet& calendars);

// Closes the ticket (M 7.3: the unit of first contact follows it to the end). Allowed when REPLIED;
// when RETURNED with the unit's own reply; and when RECORDED but missing required elements (I2:
// it cannot be forwarded, and a caller who cannot be reached for them must still be answered) with
// the unit's own reply — a complete RECORDED ticket must be forwarded instead (A5 6.2).
// INVALID_ARGUMENT without the reply where one is needed; FAILED_PRECONDITION otherwise (e.g. while
// a forward is open).
absl::Status Close(Ticket& ticket, const Closing& closing, absl::Time now, absl::string_view actor);

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_DOMAIN_TICKET_LIFECYCLE_H_

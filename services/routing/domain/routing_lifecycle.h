// How a forwarded ticket moves through the designated unit (SPEC R1–R6, A5 6.4–6.7): receipt, the
// one decision, the orders it creates, the unit's acceptance and reply, the telecom company's
// acknowledgement, and the gateways' results for what was sent. Pure functions over a RoutedTicket
// value that the caller loads and stores; each returns what must be reported to the unit of first
// contact. Thread-compatible.
#ifndef CS_SERVICES_ROUTING_DOMAIN_ROUTING_LIFECYCLE_H_
#define CS_SERVICES_ROUTING_DOMAIN_ROUTING_LIFECYCLE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/tickets/ticket_vocabulary.h"
#include "common/time/deadline.h"
#include "common/units/unit_directory.h"
#include "services/routing/domain/reply_letters.h"
#include "services/routing/domain/routed_ticket.h"

namespace cs::routing {

// Longest accepted text, in characters (Unicode code points).
struct RoutingTextLimits {
  static constexpr int kHandlingResult = 4000;
  static constexpr int kReason = 1000;
  static constexpr int kReturnNote = 2000;
  static constexpr int kReference = 100;
  static constexpr int kFailureReason = 500;
  static constexpr int kGateway = 100;
};

// What the unit of first contact must be told (cs.intake.v1.ReportTicketOutcomeRequest).
struct OutcomeReport {
  // Never kUnspecified: every report says what happened (kReplied: a reply reached the user).
  using Kind = common::OutcomeKind;
  Kind kind = Kind::kDirectReply;
  absl::Time at;
  std::string actor;
  std::string handling_department;
  absl::optional<absl::Time> handling_deadline;
  ReturnReason return_reason = ReturnReason::kUnspecified;
  std::vector<std::string> fields_at_fault;
  std::string return_note;
  std::string reply_text;
  ReplyChannel reply_channel = ReplyChannel::kUnspecified;
  std::string replied_by;

  friend bool operator==(const OutcomeReport&, const OutcomeReport&) = default;
};

// The names a RETURN may give as fields at fault: the fields of the forwarded ticket.
const std::vector<std::string>& ReturnableFields();

// INVALID_ARGUMENT naming every bad field of a forward: forward_id (1–64 printable ASCII),
// ticket_id, origin_unit_id, enum values out of range, texts that are not UTF-8 or longer than
// intake allows.
absl::Status ValidateForward(absl::string_view forward_id, const ForwardedTicket& ticket);

// The channel replies go through (A3 7.5.5): the user's choice, else the one they came by (hotline
// and walk-in: a call back; email, web form, guestbook: email; fax: fax). Email without an address
// and post without an address fall back to a call back on the contact phone, which every forward
// has (SPEC I2).
ReplyChannel ResolveReplyChannel(const ForwardedTicket& ticket);

// The routed ticket as received at `now`, with its suggestion and the RECEIVED history entry.
RoutedTicket NewRoutedTicket(std::string forward_id, ForwardedTicket ticket, Suggestion suggestion,
                             absl::Time now);

// True when `input` differs from a suggestion that was made (path, unit or return reason).
bool OverridesSuggestion(const DecisionInput& input, const Suggestion& suggestion);

// INVALID_ARGUMENT naming every bad field of a decision: an unknown decision; INTERNAL_DISPATCH
// without a known unit other than the designated unit; DIRECT_REPLY with the FORWARDED format or
// HANDLED without a handling result; RETURN without a reason, CONTENT_INCORRECT without fields at
// fault or with unknown ones; fields that belong to another decision; an override without a reason
// (R5); texts too long.
absl::Status ValidateDecision(const DecisionInput& input, const Suggestion& suggestion,
                              const common::UnitDirectory& units);

// What applying a decision needs from outside: the time, who, the letters and the computed
// deadline.
struct DecisionContext {
  absl::Time now;
  std::string actor;
  const common::UnitDirectory* units = nullptr;
  const ReplyLetters* letters = nullptr;
  absl::TimeZone zone;
  // INTERNAL_DISPATCH: the handling deadline (A5 6.4); ESCALATE_TO_TELECOM: the acknowledgement
  // deadline (A5 6.5). Ignored otherwise.
  common::Deadline order_deadline;
  absl::Duration working_time_to_decide;
};

// Applies a validated decision (R1–R4): records it and creates what follows —
//  DIRECT_REPLY: the reply to the user (A6 format 1 signed by the designated unit, or format 3);
//  INTERNAL_DISPATCH: an order to the unit with the handling deadline;
//  ESCALATE_TO_TELECOM: an order to the telecom company with the acknowledgement deadline, the
//    escalation sent to its dispatch address, and the user told it was forwarded (A6 format 2);
//  RETURN: the ticket goes back to the sending unit.
// Returns the report for intake. FAILED_PRECONDITION naming the status unless RECEIVED (one
// decision per ticket); INVALID_ARGUMENT as ValidateDecision.
absl::StatusOr<std::vector<OutcomeReport>> ApplyDecision(RoutedTicket& routed,
                                                         const DecisionInput& input,
                                                         const DecisionContext& context);

// The order with this id, or NOT_FOUND naming it.
absl::StatusOr<DispatchOrder*> FindOrder(RoutedTicket& routed, int64_t order_id);

// The responsible unit takes the order (R2). OK without change when already accepted;
// FAILED_PRECONDITION for a telecom order or a closed one.
absl::Status AcceptOrder(RoutedTicket& routed, int64_t order_id, absl::string_view actor,
                         absl::Time now);

// The responsible unit's handling result (R2): closes the order and queues the A6 format-1 reply
// signed by the unit. FAILED_PRECONDITION unless the internal order is ACCEPTED; INVALID_ARGUMENT
// naming handling_result when blank or too long.
absl::Status ReplyToOrder(RoutedTicket& routed, int64_t order_id, absl::string_view handling_result,
                          absl::string_view actor, absl::Time now, const ReplyLetters& letters);

// The telecom company's acknowledgement of an escalation (R3) at `acknowledged_at`.
// FAILED_PRECONDITION unless the telecom order is OPEN; INVALID_ARGUMENT naming acknowledged_at
// when it is before the dispatch or after `now`, or telecom_reference when too long.
absl::Status AcknowledgeEscalation(RoutedTicket& routed, int64_t order_id,
                                   absl::Time acknowledged_at, absl::string_view telecom_reference,
                                   absl::string_view actor, absl::Time now);

// True when a gateway may take the delivery at `now`: pending and not under a running lease.
bool IsOfferable(const Delivery& delivery, absl::Time now);

// A gateway takes it: one more offer, leased until now + lease.
void LeaseDelivery(Delivery& delivery, absl::Time now, absl::Duration lease);

enum class DeliveryResult { kDelivered = 1, kRetry = 2, kFailed = 3 };

struct DeliveryAck {
  int64_t delivery_id = 0;
  std::string lease_token;
  DeliveryResult result = DeliveryResult::kDelivered;
  std::string failure_reason;
  std::string gateway;
};

// INVALID_ARGUMENT naming every bad field of an acknowledgement (result, a FAILED without a reason,
// texts too long).
absl::Status ValidateDeliveryAck(const DeliveryAck& ack);

// Records a gateway's result. DELIVERED of a reply to the user marks the ticket REPLIED and returns
// the REPLIED report for intake; RETRY ends the lease so the delivery is offered again at once;
// FAILED gives it up. NOT_FOUND for an unknown delivery; FAILED_PRECONDITION for a token of an
// older offer, a delivery never taken, or another result on a delivery already finished. A repeat
// of the recorded result with the same token changes nothing and returns no report.
absl::StatusOr<std::vector<OutcomeReport>> AcknowledgeDelivery(RoutedTicket& routed,
                                                               const DeliveryAck& ack,
                                                               absl::Time now);

// True when supervision must remind about the order at `now` (R6): open, past its deadline, and no
// reminder scheduled later.
bool ReminderDue(const DispatchOrder& order, absl::Time now);

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_DOMAIN_ROUTING_LIFECYCLE_H_

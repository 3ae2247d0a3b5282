// A forwarded ticket at the designated unit (SPEC §2) as plain values: the snapshot intake sent,
// the business catalog's suggestion, the decision, the dispatch orders that followed, and
// everything sent out because of it (deliveries). One RoutedTicket per forward: a ticket returned
// (R4) and forwarded again is a new one, and the earlier stays as history. No gRPC, no SQL.
#ifndef CS_SERVICES_ROUTING_DOMAIN_ROUTED_TICKET_H_
#define CS_SERVICES_ROUTING_DOMAIN_ROUTED_TICKET_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/tickets/ticket_vocabulary.h"
#include "common/time/deadline.h"

namespace cs::routing {

// The numbers of every enum below equal the proto enum's, so conversions are checked casts.

// SPEC I7 (cs.common.v1.TicketKind).
using TicketKind = common::TicketKind;

// How the user reached the unit of first contact (cs.common.v1.Channel).
using Channel = common::Channel;

// How the user wants to be answered (cs.common.v1.ReplyChannel, SPEC I6, A3 7.5.5).
using ReplyChannel = common::ReplyChannel;

// The four paths of SPEC §2 (R1–R4).
enum class Decision {
  kUnspecified = 0,
  kDirectReply = 1,
  kInternalDispatch = 2,
  kEscalateToTelecom = 3,
  kReturn = 4,
};

using ReturnReason = common::ReturnReason;

// SPEC R7: Chinese by default, English where the channel is bilingual (A3 7.2).
enum class ReplyLanguage { kChinese = 1, kEnglish = 2 };

// The three email reply formats of A6.
enum class ReplyFormat { kUnspecified = 0, kHandled = 1, kForwarded = 2, kCannotForward = 3 };

enum class RoutedStatus { kReceived = 1, kInHandling = 2, kReplied = 3, kReturned = 4 };

enum class DispatchKind { kInternal = 1, kTelecom = 2 };

enum class OrderStatus { kOpen = 1, kAccepted = 2, kReplied = 3, kAcknowledged = 4 };

enum class DeliveryPurpose { kUserReply = 1, kTelecomDispatch = 2, kOverdueReminder = 3 };

// Stored state of a delivery; "leased" is not stored but derived from the lease (DeliveryStateAt).
enum class DeliveryStatus { kPending = 1, kDelivered = 3, kFailed = 4 };

// What callers see: kPending, kLeased (taken, lease running), kDelivered, kFailed.
enum class DeliveryState { kPending = 1, kLeased = 2, kDelivered = 3, kFailed = 4 };

// The "unit" id under which escalations to the telecom company are counted and reported to intake.
inline constexpr absl::string_view kTelecomUnitId = "telecom";

// The ticket as intake forwarded it (cs.routing.v1.ForwardedTicket).
struct ForwardedTicket {
  int64_t ticket_id = 0;
  std::string origin_unit_id;
  TicketKind kind = TicketKind::kUnspecified;
  Channel channel = Channel::kUnspecified;
  ReplyChannel reply_channel = ReplyChannel::kUnspecified;
  bool special_request = false;
  std::string special_request_note;
  std::string problem;
  std::string device_number;
  std::string contact_phone;
  std::string contact_person;
  std::string user_number;
  std::string user_name;
  std::string company;
  std::string address;
  std::string postal_code;
  std::string email;
  std::string business_line;
  // When the unit of first contact recorded it, and when it forwarded it.
  absl::Time intake_received_at;
  absl::optional<absl::Time> forwarded_at;
  int64_t overall_serial = 0;
  std::string serial_month;
  int64_t month_serial = 0;

  friend bool operator==(const ForwardedTicket&, const ForwardedTicket&) = default;
};

// The business catalog's suggestion (SPEC R5).
struct Suggestion {
  // kUnspecified when nothing matched.
  Decision decision = Decision::kUnspecified;
  std::string unit_id;
  std::string business_line;
  std::vector<std::string> matched_keywords;
  std::string basis;
  ReturnReason return_reason = ReturnReason::kUnspecified;
  std::vector<std::string> fields_at_fault;

  friend bool operator==(const Suggestion&, const Suggestion&) = default;
};

// What the person of the designated unit asks for (SPEC R1–R5).
struct DecisionInput {
  Decision decision = Decision::kUnspecified;
  // kInternalDispatch: the responsible unit.
  std::string unit_id;
  // Required when overriding the suggestion.
  std::string reason;
  ReplyLanguage language = ReplyLanguage::kChinese;
  // kDirectReply: kHandled (with handling_result) or kCannotForward; kUnspecified means kHandled.
  ReplyFormat reply_format = ReplyFormat::kUnspecified;
  std::string handling_result;
  // kReturn.
  ReturnReason return_reason = ReturnReason::kUnspecified;
  std::vector<std::string> fields_at_fault;
  std::string return_note;

  friend bool operator==(const DecisionInput&, const DecisionInput&) = default;
};

// The decision as recorded: the input, plus who, when, and whether it overrode the suggestion.
struct DecisionRecord {
  Decision decision = Decision::kUnspecified;
  // The designated unit, the responsible unit, "telecom", or the sending unit (RETURN).
  std::string handling_unit_id;
  std::string decided_by;
  absl::Time decided_at;
  bool overrode_suggestion = false;
  std::string reason;
  ReplyLanguage language = ReplyLanguage::kChinese;
  ReplyFormat reply_format = ReplyFormat::kUnspecified;
  std::string handling_result;
  ReturnReason return_reason = ReturnReason::kUnspecified;
  std::vector<std::string> fields_at_fault;
  std::string return_note;
  // From receipt to decision, on the calendar.
  absl::Duration working_time_to_decide;

  friend bool operator==(const DecisionRecord&, const DecisionRecord&) = default;
};

struct HistoryEntry {
  int sequence = 0;
  absl::Time at;
  std::string actor;
  std::string event;
  std::string detail;

  friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
};

// One supervision reminder (SPEC R6). Written by supervision only.
struct Reminder {
  int sequence = 0;
  absl::Time at;
  std::string recipient;
  int64_t delivery_id = 0;

  friend bool operator==(const Reminder&, const Reminder&) = default;
};

// A dispatch to a responsible unit (R2) or an escalation to the telecom company (R3).
struct DispatchOrder {
  // 0 until the store assigns it.
  int64_t id = 0;
  DispatchKind kind = DispatchKind::kInternal;
  // The responsible unit, or kTelecomUnitId.
  std::string unit_id;
  OrderStatus status = OrderStatus::kOpen;
  absl::Time dispatched_at;
  // Handling deadline (internal, A5 6.4) or acknowledgement deadline (telecom, A5 6.5).
  common::Deadline deadline;
  std::string dispatch_address;
  absl::optional<absl::Time> accepted_at;
  std::string accepted_by;
  absl::optional<absl::Time> replied_at;
  std::string replied_by;
  std::string handling_result;
  absl::optional<absl::Time> acknowledged_at;
  std::string acknowledged_by;
  std::string telecom_reference;
  // Set by supervision when it first finds the order overdue (and counts the missed deadline).
  absl::optional<absl::Time> overdue_since;
  int reminders_sent = 0;
  absl::optional<absl::Time> next_reminder_at;
  // Loaded for display; supervision appends them outside the ticket's mutations.
  std::vector<Reminder> reminders;

  friend bool operator==(const DispatchOrder&, const DispatchOrder&) = default;
};

// Something to send through a channel's gateway.
struct Delivery {
  // 0 until the store assigns it.
  int64_t id = 0;
  // The order it belongs to, 0 for none. A delivery created together with its order names the order
  // by its index in RoutedTicket::orders instead (order_index >= 0); the store resolves it.
  int64_t order_id = 0;
  int order_index = -1;
  DeliveryPurpose purpose = DeliveryPurpose::kUserReply;
  ReplyChannel channel = ReplyChannel::kEmail;
  std::string recipient;
  std::string recipient_name;
  std::string subject;
  std::string text;
  ReplyLanguage language = ReplyLanguage::kChinese;
  ReplyFormat reply_format = ReplyFormat::kUnspecified;
  DeliveryStatus status = DeliveryStatus::kPending;
  absl::Time created_at;
  // Times a gateway took it; the lease token of the latest offer is "<id>.<offers>".
  int offers = 0;
  absl::optional<absl::Time> lease_expires_at;
  absl::optional<absl::Time> delivered_at;
  // When it was given up (kFailed).
  absl::optional<absl::Time> failed_at;
  std::string failure_reason;
  std::string replied_by;
  std::string gateway;

  friend bool operator==(const Delivery&, const Delivery&) = default;
};

struct RoutedTicket {
  // 0 until the store assigns it.
  int64_t id = 0;
  std::string forward_id;
  ForwardedTicket ticket;
  // The confirmation of receipt.
  absl::Time received_at;
  RoutedStatus status = RoutedStatus::kReceived;
  Suggestion suggestion;
  absl::optional<DecisionRecord> decision;
  // Resolved at receipt (ResolveReplyChannel).
  ReplyChannel reply_channel = ReplyChannel::kEmail;
  // When a reply to the user was acknowledged as delivered.
  absl::optional<absl::Time> replied_at;
  std::vector<HistoryEntry> history;
  std::vector<DispatchOrder> orders;
  std::vector<Delivery> deliveries;
  absl::Time updated_at;
  // Increases by one with every change.
  int64_t version = 0;
};

// "receipt-<id>": the receipt id intake records for the forward.
std::string ReceiptId(int64_t routed_ticket_id);

absl::string_view DecisionName(Decision decision);
absl::string_view ReturnReasonName(ReturnReason reason);
absl::string_view RoutedStatusName(RoutedStatus status);
absl::string_view OrderStatusName(OrderStatus status);
absl::string_view DispatchKindName(DispatchKind kind);
absl::string_view ReplyChannelName(ReplyChannel channel);
absl::string_view DeliveryPurposeName(DeliveryPurpose purpose);

// True while the order is OPEN or ACCEPTED.
bool IsOpen(const DispatchOrder& order);

// When the order closed (replied or acknowledged), if it did.
absl::optional<absl::Time> ClosedAt(const DispatchOrder& order);

// True when the deadline passed before the order closed, or it is still open at `now` past it.
bool IsOverdue(const DispatchOrder& order, absl::Time now);

// What a delivery looks like at `now` (a pending delivery under a running lease is kLeased).
DeliveryState DeliveryStateAt(const Delivery& delivery, absl::Time now);

// "<id>.<offers>": names one offer of a delivery.
std::string LeaseToken(const Delivery& delivery);

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_DOMAIN_ROUTED_TICKET_H_

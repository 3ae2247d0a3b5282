// The ticket of record at the unit of first contact (SPEC §1) as plain values: what the unit
// recorded, where the ticket stands, and everything that happened to it. No gRPC, no SQL.
#ifndef CS_SERVICES_INTAKE_DOMAIN_TICKET_H_
#define CS_SERVICES_INTAKE_DOMAIN_TICKET_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/tickets/ticket_vocabulary.h"
#include "common/time/deadline.h"

namespace cs::intake {

// SPEC I7.
using TicketKind = common::TicketKind;

// How the user reached the unit (SPEC I1).
using Channel = common::Channel;

// How the user wants to be answered (SPEC I6); kUnspecified means "the way they came".
using ReplyChannel = common::ReplyChannel;

enum class TicketStatus {
  kRecorded = 1,
  kForwarding = 2,
  kReceived = 3,
  kInHandling = 4,
  kReplied = 5,
  kReturned = 6,
  kClosed = 7,
};

// What the designated unit reported (SPEC R1–R4, and a reply reaching the user).
using OutcomeKind = common::OutcomeKind;

using ReturnReason = common::ReturnReason;

// What a unit fills in. The required elements for forwarding (SPEC I2) are problem, device_number,
// contact_phone and contact_person; the rest are the fields of form F4 (SPEC I3).
struct TicketInput {
  std::string unit_id;
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
  absl::optional<absl::Time> complained_at;
  std::string handler;
  std::string processor;
  std::string reviewer;
  std::string business_line;

  friend bool operator==(const TicketInput&, const TicketInput&) = default;
};

// One attempt to hand the ticket to the designated unit (SPEC I4).
struct Forward {
  std::string forward_id;
  absl::Time forwarded_at;
  // By when receipt must be confirmed (SPEC I5), with the calendar version that computed it.
  common::Deadline confirm_deadline;
  absl::optional<absl::Time> confirmed_at;
  // Working time from the ticket's confirm_clock_start to confirmed_at (SPEC I5). Measured once, at
  // confirmation, on the calendar version of confirm_deadline, so that a later calendar version
  // never rewrites a past measurement. Absent until confirmed, and for forwards confirmed before it
  // was recorded (migration 0004).
  absl::optional<absl::Duration> working_time_to_confirm;
  std::string receipt_id;
  int attempts = 0;
};

// SPEC I5: receipt of `forward` was confirmed, at or before its confirmation deadline. The one rule
// for "on time": the SLA counter, Forward.deadline_met and the monthly statistics all use it.
inline bool ConfirmedOnTime(const Forward& forward) {
  return forward.confirmed_at.has_value() && *forward.confirmed_at <= forward.confirm_deadline.at;
}

struct HistoryEntry {
  int sequence = 0;
  absl::Time at;
  std::string actor;
  std::string event;
  std::string detail;
};

struct Reply {
  int sequence = 0;
  absl::Time at;
  ReplyChannel channel = ReplyChannel::kUnspecified;
  std::string replied_by;
  std::string text;
};

// The event of a ticket's first history entry.
inline constexpr absl::string_view kCreatedEvent = "CREATED";

struct Ticket {
  int64_t id = 0;
  TicketInput input;
  TicketStatus status = TicketStatus::kRecorded;
  // Gap-free within the unit (总编号) and within the unit's month (本月编号), SPEC I3.
  int64_t overall_serial = 0;
  std::string serial_month;  // "YYYY-MM" in the company's time zone
  int64_t month_serial = 0;
  // When the unit recorded it: the SLA clock of SPEC I5 starts here.
  absl::Time received_at;
  // When the confirmation clock started: received_at, or the time the ticket was returned.
  absl::Time confirm_clock_start;
  // The confirmation deadline of the current (or next) forward: from received_at for the first
  // forward, from the return for a forward after a RETURN.
  common::Deadline confirm_deadline;
  // Set once a miss of confirm_deadline has been counted (SPEC I5 metrics), so it is counted once.
  bool confirm_miss_counted = false;
  absl::optional<Forward> forward;
  OutcomeKind last_outcome = OutcomeKind::kUnspecified;
  std::string handling_department;
  absl::optional<absl::Time> handling_deadline;
  absl::optional<absl::Time> replied_to_user_at;
  ReturnReason return_reason = ReturnReason::kUnspecified;
  std::string return_note;
  std::vector<std::string> fields_at_fault;
  absl::optional<absl::Time> callback_at;
  absl::optional<absl::Time> closed_at;
  std::vector<HistoryEntry> history;
  std::vector<Reply> replies;
  absl::Time updated_at;
  // Increases by one with every change; UpdateTicket may require the version it read.
  int64_t version = 0;
};

absl::string_view TicketStatusName(TicketStatus status);
absl::string_view OutcomeKindName(OutcomeKind kind);

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_DOMAIN_TICKET_H_

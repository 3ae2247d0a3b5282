// Where tickets of record live. One interface, two implementations: MySqlTicketStore (the real one,
// schema cs_intake) and InMemoryTicketStore (unit tests of the core only);
// ticket_store_contract_test.cc holds both to the same contract. Implementations are thread-safe.
#ifndef CS_SERVICES_INTAKE_STORE_TICKET_STORE_H_
#define CS_SERVICES_INTAKE_STORE_TICKET_STORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/db/request_key.h"
#include "common/status/field_violations.h"
#include "services/intake/domain/ticket.h"

namespace cs::intake {

using RequestKey = common::db::RequestKey;

// A message to another service, sent through the transactional outbox after the change commits.
struct OutboundMessage {
  // "routing" or "archive": the relay's sender for it.
  std::string destination;
  // The message type, e.g. "ReceiveForwardedTicket".
  std::string kind;
  // Messages with the same key are delivered in order (one ticket's messages).
  std::string ordering_key;
  std::string payload;
};

struct CreateResult {
  Ticket ticket;
  // True when request_id had been answered before: this is that ticket, nothing new was created.
  bool replayed = false;
};

// Changes one loaded ticket in place and names the messages to send because of it. Returning an
// error abandons the whole change. May run more than once (a retried transaction): no side effects
// outside `ticket` and the returned list.
using TicketMutation = std::function<absl::StatusOr<std::vector<OutboundMessage>>(Ticket& ticket)>;

struct MutationOptions {
  // When set: a repeat of this request_id with the same fingerprint returns the ticket without
  // running the mutation again; with another fingerprint, INVALID_ARGUMENT naming request_id.
  // `scope` separates the request ids of different methods.
  absl::optional<RequestKey> request_key;
  std::string scope;
  // When set: the id of an incoming message; a repeat is reported as a duplicate without running
  // the mutation (receiver-side dedupe).
  std::string inbox_message_id;
  std::string inbox_source;
};

struct MutationResult {
  Ticket ticket;
  // True when the request_id or inbox message had been seen: nothing changed.
  bool replayed = false;
};

struct TicketFilter {
  // Empty: every unit.
  std::string unit_id;
  absl::optional<TicketStatus> status;
  TicketKind kind = TicketKind::kUnspecified;
  Channel channel = Channel::kUnspecified;
  absl::optional<absl::Time> received_from;   // inclusive
  absl::optional<absl::Time> received_until;  // exclusive
  // Only FORWARDING tickets (receipt not yet confirmed, SPEC I4).
  bool awaiting_confirmation = false;
  // Only tickets whose confirmation deadline is before this instant.
  absl::optional<absl::Time> confirm_deadline_before;
};

struct TicketPage {
  // Newest first by (received_at, id), without history and replies.
  std::vector<Ticket> tickets;
  // 0 when there is no further page; otherwise pass as `after_id`.
  int64_t next_after_id = 0;
};

// What List answers when `after_id` names no ticket: a page token this store never made
// (INVALID_ARGUMENT naming page.page_token). Tickets are never deleted, so a real token always
// names one.
inline absl::Status PageAfterUnknownTicket(int64_t after_id) {
  common::FieldViolations violations;
  violations.Add("page.page_token",
                 absl::StrCat("continues after ticket ", after_id, ", which does not exist"));
  return violations.ToStatus("the page token does not belong to this list");
}

// Counts for the SLA gauge (SPEC I5): tickets not yet confirmed, by unit, by whether they are still
// with the unit (RECORDED/RETURNED) or FORWARDING, and whether their deadline has passed.
struct AwaitingConfirmationCount {
  std::string unit_id;
  bool forwarding = false;
  bool deadline_passed = false;
  int64_t count = 0;
};

// A ticket whose confirmation deadline passed while it was unconfirmed (SPEC I5), for the missed
// counter.
struct MissedConfirmation {
  int64_t ticket_id = 0;
  std::string unit_id;
  bool special_request = false;
};

// One unit's forwarding figures for one period (SPEC I5, A5 6.3), for the monthly statistics the
// assessment gathers. Every count is of tickets of the unit:
// - recorded: received_at in the period;
// - forwarded and the counts that split it: the ticket's FIRST forward (the earliest forwarded_at;
//   a forward again after a RETURN is not counted) has forwarded_at in the period, judged against
//   that forward's own confirmation deadline: on time when confirmed_at <= deadline (what
//   Forward.deadline_met and the SLA counter say), late when after it; unconfirmed ones split by
//   whether the deadline is before `as_of` (as CountAwaitingConfirmation does). The miss flag
//   confirm_miss_counted plays no part: the sweep sets it late, and only on the current forward;
// - special_requests: of the forwarded, those with input.special_request; and of them on time;
// - closed: closed_at in the period.
// forwarded == confirmed_on_time + confirmed_late + unconfirmed_deadline_passed +
// unconfirmed_deadline_not_passed.
struct ForwardingCounts {
  int64_t recorded = 0;
  int64_t forwarded = 0;
  int64_t confirmed_on_time = 0;
  int64_t confirmed_late = 0;
  int64_t unconfirmed_deadline_passed = 0;
  int64_t unconfirmed_deadline_not_passed = 0;
  int64_t special_requests = 0;
  int64_t special_requests_confirmed_on_time = 0;
  int64_t closed = 0;

  friend bool operator==(const ForwardingCounts&, const ForwardingCounts&) = default;
};

class TicketStore {
 public:
  virtual ~TicketStore() = default;

  // Stores a new ticket: assigns its id and its gap-free serials (SPEC I3) — overall_serial within
  // draft.input.unit_id and month_serial within (unit, draft.serial_month) — and records the
  // CREATED history entry, all in one transaction. A repeated request_id with the same fingerprint
  // returns the first ticket (replayed); with another fingerprint INVALID_ARGUMENT naming
  // request_id. Returns only after the ticket is durably committed. UNAVAILABLE when the database
  // is unreachable (nothing stored).
  virtual absl::StatusOr<CreateResult> Create(Ticket draft, const RequestKey& key) = 0;

  using CreateDone = std::function<void(absl::StatusOr<CreateResult>)>;
  // Create without holding the calling thread: `done` gets Create's outcome exactly once, on a
  // thread of the store (or this one). This default runs Create and calls `done` before returning;
  // a store that commits in the background overrides it.
  virtual void CreateAsync(Ticket draft, const RequestKey& key, CreateDone done) {
    done(Create(std::move(draft), key));
  }

  // The ticket with its history and replies; NOT_FOUND naming the id.
  virtual absl::StatusOr<Ticket> Get(int64_t id) = 0;

  // Tickets matching `filter`, at most page_size, newest first by (received_at, id); after_id
  // (0: from the newest) is the last ticket of the previous page, and the page continues below it
  // in that order (PageAfterUnknownTicket when there is no such ticket).
  virtual absl::StatusOr<TicketPage> List(const TicketFilter& filter, int64_t after_id,
                                          int page_size) = 0;

  // Loads the ticket under a lock, applies `mutation`, and in one transaction saves the changed
  // ticket, its new history entries and replies, the outbound messages, and the request/inbox keys
  // of `options`. NOT_FOUND when there is no such ticket; the mutation's error unchanged.
  virtual absl::StatusOr<MutationResult> Mutate(int64_t id, const MutationOptions& options,
                                                const TicketMutation& mutation) = 0;

  // For the SLA gauge: unconfirmed tickets (RECORDED, RETURNED, FORWARDING) counted as described
  // above, "deadline passed" meaning confirm deadline < now.
  virtual absl::StatusOr<std::vector<AwaitingConfirmationCount>> CountAwaitingConfirmation(
      absl::Time now) = 0;

  // Claims up to `limit` unconfirmed tickets (RECORDED, RETURNED, FORWARDING) whose confirm
  // deadline is before `now` and whose miss was not yet counted, sets their confirm_miss_counted,
  // and returns them — each exactly once across replicas.
  virtual absl::StatusOr<std::vector<MissedConfirmation>> ClaimNewlyMissedConfirmations(
      absl::Time now, int limit) = 0;

  // The ForwardingCounts of `unit_id`'s tickets for the instants [from, until), as of `as_of`. One
  // consistent read. UNAVAILABLE when the database is unreachable.
  virtual absl::StatusOr<ForwardingCounts> CountForwarding(const std::string& unit_id,
                                                           absl::Time from, absl::Time until,
                                                           absl::Time as_of) = 0;
};

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_STORE_TICKET_STORE_H_

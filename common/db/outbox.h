// The transactional outbox (ARCHITECTURE "Between services"): a message to another service is
// written in the same transaction as the state change it announces, so either both happen or
// neither. OutboxRelay (outbox_relay.h) delivers the rows afterwards, at least once; receivers
// dedupe by message_id (inbox.h).
//
//   RunInTransaction(pool, [&](Transaction& tx) -> absl::Status {
//     ... update the ticket ...
//     OutboxMessage message;
//     message.destination = "routing";
//     message.kind = "cs.routing.v1.ReceiveTicketRequest";
//     message.ordering_key = ticket_id;
//     message.payload = request.SerializeAsString();
//     return EnqueueOutbox(tx, message, clock.Now()).status();
//   });
//   relay.Wake();  // after the commit: forward now rather than at the next poll
//
// Thread-safety: stateless functions; the database serializes.
#ifndef CS_COMMON_DB_OUTBOX_H_
#define CS_COMMON_DB_OUTBOX_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/connection_pool.h"
#include "common/db/transaction.h"

namespace cs::common::db {

// A message to enqueue.
struct OutboxMessage {
  // Empty: a new random UUID v4 is assigned. Set it only to make an enqueue itself idempotent.
  std::string message_id;
  // Which registered OutboxSender delivers it (1..64 printable ASCII), e.g. "routing".
  std::string destination;
  // The message type (1..128 printable ASCII), e.g. the request's full proto name.
  std::string kind;
  // Messages with the same key are delivered one at a time in enqueue order, a later one only after
  // the earlier is delivered (up to 64 characters; e.g. a ticket id). Empty: no ordering
  // constraint.
  std::string ordering_key;
  // The bytes to deliver, e.g. a serialized proto.
  std::string payload;
};

// A stored message as the relay hands it to a sender.
struct OutboxRecord {
  int64_t id = 0;  // enqueue order
  std::string message_id;
  std::string destination;
  std::string kind;
  std::string ordering_key;  // empty when none
  std::string payload;
  absl::Time created_at;
  // Failed delivery attempts before this one.
  int attempts = 0;
  // Of those, the ones the receiver refused (a permanent error, IsPermanentDeliveryError in
  // outbox_relay.h) since the message was enqueued or last retried by an operator.
  int permanent_failures = 0;
};

// Inserts the message inside the caller's transaction, due immediately, with created_at = `now`
// (the service clock). Returns its message_id; INVALID_ARGUMENT naming the bad field;
// ALREADY_EXISTS for a reused message_id; the mapped database error otherwise.
absl::StatusOr<std::string> EnqueueOutbox(Transaction& tx, const OutboxMessage& message,
                                          absl::Time now);

// What is waiting to be delivered, for the metrics layer.
struct OutboxBacklogStats {
  int64_t pending = 0;
  // now - created_at of the oldest undelivered message; zero when none.
  absl::Duration oldest_age = absl::ZeroDuration();
  absl::flat_hash_map<std::string, int64_t> pending_by_destination;
  // Dead letters (below) are not pending: they are counted here instead. Messages blocked behind
  // a dead letter of their ordering_key are pending.
  int64_t dead_lettered = 0;
  absl::flat_hash_map<std::string, int64_t> dead_lettered_by_destination;
};

// Counts undelivered messages (one query). The mapped database error on failure.
absl::StatusOr<OutboxBacklogStats> OutboxBacklog(ConnectionPool& pool, absl::Time now);

// Dead letters: messages the relay stopped retrying because their receiver refused them
// OutboxRelayOptions::max_permanent_failures times. A dead letter is never claimed again until an
// operator retries it, and since it is undelivered, later messages of its ordering_key wait behind
// it (they are never delivered out of order; the backlog counts them as pending). Housekeeping
// never purges it.
struct DeadLetter {
  int64_t id = 0;
  std::string message_id;
  std::string destination;
  std::string kind;
  std::string ordering_key;  // empty when none
  absl::Time created_at;
  // All failed attempts, transient ones included.
  int attempts = 0;
  // The receiver's last refusal (status code and message; no personal data).
  std::string last_error;
  absl::Time dead_lettered_at;
  // Undelivered messages of the same ordering_key enqueued after it, waiting for it.
  int64_t blocked_messages = 0;
};

struct DeadLetterQuery {
  // Only this destination; empty: all.
  std::string destination;
  // Only ids below this one (the page token of a newest-first listing); 0: no bound.
  int64_t before_id = 0;
  // At most this many (1..1000; clamped).
  int limit = 100;
};

// Dead letters matching `query`, newest (highest id) first. The mapped database error on failure.
absl::StatusOr<std::vector<DeadLetter>> ListDeadLetters(ConnectionPool& pool,
                                                        const DeadLetterQuery& query);

// Makes the dead letter `message_id` due again at `now`: dead_lettered_at and permanent_failures
// cleared (so it again gets max_permanent_failures refusals before it is dead-lettered anew),
// attempts and last_error kept for the record. Returns the message as it was (before the retry).
// NOT_FOUND when there is no such message; FAILED_PRECONDITION when it is not a dead letter
// (delivered, or still being retried); INVALID_ARGUMENT for a malformed id.
absl::StatusOr<DeadLetter> RetryDeadLetter(ConnectionPool& pool, absl::string_view message_id,
                                           absl::Time now);

// Deletes messages delivered before `delivered_before`, in small batches; returns how many.
// Delivered rows are only history; keeping the table small keeps claims fast.
absl::StatusOr<int64_t> PurgeDeliveredOutbox(ConnectionPool& pool, absl::Time delivered_before);

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_OUTBOX_H_

// Receiver-side dedupe of at-least-once delivery (ARCHITECTURE "Between services"): the receiver
// records the message id in the same transaction as the message's effect, so a redelivered message
// is recognised and its effect applied exactly once. Backed by the shared table inbox_processed.
//
//   RunInTransaction(pool, [&](Transaction& tx) -> absl::Status {
//     ASSIGN_OR_RETURN(bool first, MarkProcessed(tx, request.message_id(), "intake", now));
//     if (!first) return absl::OkStatus();            // already applied: acknowledge again
//     ... apply the effect ...
//     return absl::OkStatus();
//   });
//
// Thread-safety: stateless; concurrent deliveries of one id serialize on its row, and exactly one
// of them gets true (the others wait for it to commit; if it rolls back, one of them takes over).
#ifndef CS_COMMON_DB_INBOX_H_
#define CS_COMMON_DB_INBOX_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/transaction.h"

namespace cs::common::db {

// Records `message_id` (from service `source`) as processed at `received_at` (the service clock).
// Returns true the first time, false for a duplicate; INVALID_ARGUMENT naming "message_id" or
// "source" when empty, longer than 64 characters or not printable ASCII; the mapped database error
// otherwise.
absl::StatusOr<bool> MarkProcessed(Transaction& tx, absl::string_view message_id,
                                   absl::string_view source, absl::Time received_at);

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_INBOX_H_

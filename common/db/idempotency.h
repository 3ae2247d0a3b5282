// Idempotent requests (ARCHITECTURE "Idempotency", Google AIP-155): every RPC that creates
// something takes a request_id; a retry with the same id and body returns the first response,
// another body under the same id is INVALID_ARGUMENT. Backed by the shared table idempotency_keys
// (common/db/migrations).
//
//   absl::StatusOr<std::string> reply = RunInTransaction(pool, [&](Transaction& tx)
//       -> absl::StatusOr<std::string> {
//     ASSIGN_OR_RETURN(absl::optional<std::string> first,
//                      ClaimRequest(tx, "intake.CreateTicket", request_id, Sha256Hex(body), now));
//     if (first.has_value()) return *first;          // a retry: the stored first response
//     ... create the ticket, build `response` ...
//     RETURN_IF_ERROR(RecordResponse(tx, "intake.CreateTicket", request_id, response));
//     return response;
//   });
//
// Thread-safety: stateless functions; concurrency is handled by the database. A claim inserts (or
// waits for) the key's row and keeps it locked until the transaction ends, so concurrent requests
// with one id serialize on it: one creates, the others then read its recorded response.
#ifndef CS_COMMON_DB_IDEMPOTENCY_H_
#define CS_COMMON_DB_IDEMPOTENCY_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/db/connection_pool.h"
#include "common/db/printable_id.h"  // kMaxRequestIdLength, ValidateRequestId
#include "common/db/request_key.h"
#include "common/db/transaction.h"
#include "common/status/status_macros.h"

namespace cs::common::db {

// Claims `request_id` within `scope` (e.g. "intake.CreateTicket") for a request whose body hashes
// to `fingerprint` (SHA-256 hex of the canonical request). `now` (the service clock) is stored as
// created_at for expiry. Returns:
//  - nullopt: the id is new. A row now exists, locked until the transaction ends; the caller
//    does the work and calls RecordResponse in the same transaction.
//  - the stored first response: the id was used before with the same fingerprint.
//  - INVALID_ARGUMENT naming "request_id": a bad shape, or used before with another fingerprint.
//  - FAILED_PRECONDITION: the id was claimed and committed without a recorded response (a bug
//    of the caller).
//  - the mapped database error otherwise (ABORTED on deadlock: RunInTransaction retries).
absl::StatusOr<absl::optional<std::string>> ClaimRequest(Transaction& tx, absl::string_view scope,
                                                         absl::string_view request_id,
                                                         absl::string_view fingerprint,
                                                         absl::Time now);

// Stores the response (any bytes, e.g. a serialized proto) of a request claimed in this
// transaction. FAILED_PRECONDITION if the id was never claimed; the mapped database error
// otherwise.
absl::Status RecordResponse(Transaction& tx, absl::string_view scope, absl::string_view request_id,
                            absl::string_view response);

// The row id a create recorded as its response (CreateOnce); INTERNAL when `response` is not one.
absl::StatusOr<int64_t> ParseIdResponse(absl::string_view response);

// What CreateOnce returns.
template <typename T>
struct CreatedOnce {
  T value;
  // True when the request_id had been answered before: `value` is what replay read of the row the
  // first request created, and nothing was inserted.
  bool replayed = false;
};

// The one shape of a create of one row that is idempotent by `key` within `scope`, as its own
// transaction on `pool` (RunInTransaction: it may run more than once, so replay and insert must
// have no effect outside it). Claims the key (ClaimRequest, `now` stamped for expiry); then
//  - answered before with the same fingerprint: replay(tx, id) with the row id the first request
//    recorded (it reads that row; it cannot be missing unless rows are deleted);
//  - new: insert(tx) inserts and returns the new row's id with the value to return; the id is
//    recorded as the response (RecordResponse) in the same transaction.
// Errors: ClaimRequest's (INVALID_ARGUMENT naming request_id for a bad shape or another
// fingerprint; checked before any connection is taken); INTERNAL when the recorded response is not
// a row id; replay's and insert's own, unchanged (the transaction rolls back: nothing is kept and
// the key is not used up).
template <typename T>
absl::StatusOr<CreatedOnce<T>> CreateOnce(
    ConnectionPool& pool, absl::string_view scope, const RequestKey& key, absl::Time now,
    absl::FunctionRef<absl::StatusOr<T>(Transaction& tx, int64_t id)> replay,
    absl::FunctionRef<absl::StatusOr<std::pair<int64_t, T>>(Transaction& tx)> insert) {
  RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  return RunInTransaction(pool, [&](Transaction& tx) -> absl::StatusOr<CreatedOnce<T>> {
    ASSIGN_OR_RETURN(absl::optional<std::string> first,
                     ClaimRequest(tx, scope, key.request_id, key.fingerprint, now));
    if (first.has_value()) {
      ASSIGN_OR_RETURN(int64_t id, ParseIdResponse(*first));
      ASSIGN_OR_RETURN(T value, replay(tx, id));
      return CreatedOnce<T>{std::move(value), true};
    }
    ASSIGN_OR_RETURN(auto created, insert(tx));
    RETURN_IF_ERROR(RecordResponse(tx, scope, key.request_id, absl::StrCat(created.first)));
    return CreatedOnce<T>{std::move(created.second), false};
  });
}

// Deletes keys created before `older_than`, in small batches so no long transaction blocks
// requests. Returns how many were deleted, or the mapped database error (some batches may already
// be deleted).
absl::StatusOr<int64_t> ExpireIdempotencyKeys(ConnectionPool& pool, absl::Time older_than);

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_IDEMPOTENCY_H_

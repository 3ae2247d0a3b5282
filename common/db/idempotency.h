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

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/db/connection_pool.h"
#include "common/db/printable_id.h"  // kMaxRequestIdLength, ValidateRequestId
#include "common/db/transaction.h"

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

// Deletes keys created before `older_than`, in small batches so no long transaction blocks
// requests. Returns how many were deleted, or the mapped database error (some batches may already
// be deleted).
absl::StatusOr<int64_t> ExpireIdempotencyKeys(ConnectionPool& pool, absl::Time older_than);

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_IDEMPOTENCY_H_

// Trims the shared tables that only grow: delivered outbox rows (history once delivered) and old
// idempotency keys (a client retries within minutes, not weeks). Inbox rows are kept: a sender's
// relay retries without limit, so forgetting a message id could let a very late duplicate through.
// Every service runs this from its periodic worker; safe in several replicas at once.
#ifndef CS_COMMON_DB_HOUSEKEEPING_H_
#define CS_COMMON_DB_HOUSEKEEPING_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/db/connection_pool.h"

namespace cs::common::db {

struct HousekeepingOptions {
  absl::Duration keep_delivered_outbox = absl::Hours(24 * 7);
  absl::Duration keep_idempotency_keys = absl::Hours(24 * 30);
};

// Deletes what is older than the options allow, measured from `now` (the real clock: these rows
// carry real-clock times). The mapped database error of the first step that failed.
absl::Status Housekeep(ConnectionPool& pool, absl::Time now,
                       const HousekeepingOptions& options = {});

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_HOUSEKEEPING_H_

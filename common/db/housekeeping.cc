#include "common/db/housekeeping.h"

#include "common/db/idempotency.h"
#include "common/db/outbox.h"
#include "common/status/status_macros.h"

namespace cs::common::db {

absl::Status Housekeep(ConnectionPool& pool, absl::Time now, const HousekeepingOptions& options) {
  RETURN_IF_ERROR(PurgeDeliveredOutbox(pool, now - options.keep_delivered_outbox).status());
  RETURN_IF_ERROR(ExpireIdempotencyKeys(pool, now - options.keep_idempotency_keys).status());
  return absl::OkStatus();
}

}  // namespace cs::common::db

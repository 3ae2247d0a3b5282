// The shared tables every service's schema gets (component "cs_common"): outbox, inbox_processed
// and idempotency_keys, embedded from common/db/migrations/ by the cs_common_schema library. A
// service applies them before its own:
//   ApplyMigrations(pool, {&common_schema::Migrations(), &intake_schema::Migrations()});
#ifndef CS_COMMON_DB_COMMON_SCHEMA_H_
#define CS_COMMON_DB_COMMON_SCHEMA_H_

#include <vector>

#include "common/db/migration.h"

namespace cs::common::db::common_schema {

// The migrations in version order. The vector lives for the whole process; thread-safe.
const std::vector<cs::common::db::Migration>& Migrations();

}  // namespace cs::common::db::common_schema

#endif  // CS_COMMON_DB_COMMON_SCHEMA_H_

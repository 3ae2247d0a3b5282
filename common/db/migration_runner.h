// Applies embedded schema migrations at start, recording each in schema_migrations:
//
//   schema_migrations(component, version, name, checksum CHAR(64) = SHA-256 hex of the SQL text,
//                     applied_at DATETIME(6) UTC)   PRIMARY KEY (component, version),
//                     utf8mb4_nopad_bin like every table (converted from utf8mb4_bin if older)
//
//   RETURN_IF_ERROR(ApplyMigrations(
//       *pool, {&common_schema::Migrations(), &intake_schema::Migrations()}));
//
// Thread- and replica-safe: the whole run holds the named lock
// GET_LOCK('cs_migrations:<database>', 60) on one connection, so replicas starting at once apply
// each migration exactly once (the others wait, then find it recorded). See migration.h for how
// to write a migration.
#ifndef CS_COMMON_DB_MIGRATION_RUNNER_H_
#define CS_COMMON_DB_MIGRATION_RUNNER_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/db/connection_pool.h"
#include "common/db/migration.h"

namespace cs::common::db {

struct MigrationRunOptions {
  // How long to wait for another replica's run to finish. At most 60 s is useful: the connection's
  // read timeout (MySqlOptions::read_timeout) must be longer than the wait.
  absl::Duration lock_timeout = absl::Seconds(60);
};

// Applies, set by set and in order, every migration not yet recorded; verifies the recorded ones.
// Recorded versions this binary does not have (a newer binary ran before) are left alone.
// Returns OK when the schema is up to date, or:
//  - INVALID_ARGUMENT: versions of a component not strictly increasing, or an empty component
//    or name (checked before anything is touched);
//  - FAILED_PRECONDITION: "<component>/<name> was edited after it was applied" (its checksum
//    differs: the process must not start on a schema it does not match), or the version is
//    recorded under another name, or — checked after applying — a character column of the schema
//    has a collation that does not compare byte for byte (CheckNoPadBinaryCollations in
//    collation_check.h names each one);
//  - UNAVAILABLE: no connection, or the lock was not obtained within lock_timeout;
//  - the statement's mapped error naming "<component>/<name> statement N of M" when a statement
//    fails: the run stops there and that migration is not recorded (the next start retries it
//    from its first statement).
absl::Status ApplyMigrations(ConnectionPool& pool,
                             const std::vector<const std::vector<Migration>*>& sets,
                             const MigrationRunOptions& options = {});

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_MIGRATION_RUNNER_H_

// The collation rule of every schema of the suite: identifiers compare byte for byte. MariaDB's
// PAD SPACE collations (ascii_bin, utf8mb4_bin, utf8mb4_unicode_ci, ...) ignore trailing spaces in
// comparisons and unique keys, and the _ci ones ignore case too, so request ids "a" and "a " would
// be one key although the API accepts both as different ids. Every character column therefore uses
// a NO PAD binary collation: ascii_nopad_bin for ASCII identifiers, utf8mb4_nopad_bin for the rest.
//
// ApplyMigrations() (migration_runner.h) runs this check after applying migrations, so a service
// whose migration adds a column under another collation fails at start naming it; nothing else
// needs to call it. Stateless free functions; thread-safe.
#ifndef CS_COMMON_DB_COLLATION_CHECK_H_
#define CS_COMMON_DB_COLLATION_CHECK_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/db/connection_pool.h"

namespace cs::common::db {

// True for a collation under which equal means byte-for-byte equal: a NO PAD binary one (MariaDB
// names them <charset>_nopad_bin), or "binary" (the charset of BINARY/VARBINARY/BLOB).
bool IsNoPadBinaryCollation(absl::string_view collation);

// Checks every character column of the base tables of the connection's current schema
// (DATABASE()). Returns OK when each has a collation IsNoPadBinaryCollation() accepts;
// FAILED_PRECONDITION naming the schema and every other column as "table.column (collation)";
// FAILED_PRECONDITION when no schema is selected; the mapped database error otherwise (a lost
// connection marks `connection` broken).
absl::Status CheckNoPadBinaryCollations(PooledConnection& connection);

// The same on a connection borrowed from `pool`; UNAVAILABLE when none can be had.
absl::Status CheckNoPadBinaryCollations(ConnectionPool& pool);

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_COLLATION_CHECK_H_

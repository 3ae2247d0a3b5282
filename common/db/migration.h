// One schema migration: a numbered SQL file of a component (a service, or "cs_common" for the
// shared tables). cs_migrations_library() in CMake embeds a directory of them into the binary;
// ApplyMigrations() (migration_runner.h) applies them. A plain value.
//
// Writing one: MySQL commits every DDL statement on its own, so a migration that fails half-way
// leaves its earlier statements applied and is retried from the top at the next start. Write each
// statement so that running it twice is harmless (CREATE TABLE IF NOT EXISTS, ADD COLUMN IF NOT
// EXISTS, CREATE INDEX IF NOT EXISTS — MariaDB supports all three). Never edit a migration once it
// was applied anywhere: the runner refuses to start when the recorded checksum differs; add a new
// one instead.
//
// Every character column uses a NO PAD binary collation (ascii_nopad_bin for ASCII identifiers,
// utf8mb4_nopad_bin otherwise; collation_check.h says why): state it on the column or as the
// table's DEFAULT CHARSET ... COLLATE. The runner refuses a schema with any other.
#ifndef CS_COMMON_DB_MIGRATION_H_
#define CS_COMMON_DB_MIGRATION_H_

#include <string>
#include <vector>

namespace cs::common::db {

struct Migration {
  // Who owns it, e.g. "intake"; schema_migrations is keyed by (component, version).
  std::string component;
  // NNNN of the file name; applied in increasing order.
  int version = 0;
  // The file name without ".sql", e.g. "0001_tickets".
  std::string name;
  // One or more statements separated by ';' at line ends.
  std::string sql;
};

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_MIGRATION_H_

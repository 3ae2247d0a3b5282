// The privileges of a service's own database account (issue 16, "Audit"; README "Database
// accounts"): every service runs as an account that may read and append its audit trail but never
// rewrite it. The account is created without any right (deploy/sql/create_service_accounts.sh);
// at start the service's migration account, which holds every right on the schema WITH GRANT
// OPTION, creates the tables and then calls ApplyServiceGrants, so the grants always follow the
// tables the binary has. The archive grants from its own file instead (deploy/sql/
// archive_grants.sql), but is probed the same way. Stateless free functions; thread-safe.
#ifndef CS_COMMON_DB_SERVICE_GRANTS_H_
#define CS_COMMON_DB_SERVICE_GRANTS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/db/connection_pool.h"

namespace cs::common::db {

// The audit trail every schema has (common/db/migrations/0006_audit_log.sql): always append-only.
inline constexpr absl::string_view kAuditLogTable = "audit_log";

// The per-table grants for `user`@'%' on the base tables `tables` of `schema`:
//   audit_log and every table of `append_only_tables` -> SELECT, INSERT;
//   schema_migrations (the migration account's record)  -> SELECT;
//   every other table                                   -> SELECT, INSERT, UPDATE, DELETE.
// Per table on purpose: a grant on the whole schema would carry UPDATE and DELETE to the audit
// trail, and grants only add up. The statements splice the names into SQL text (GRANT takes no
// placeholders), so INVALID_ARGUMENT naming every bad value: a schema or table name that is not
// [A-Za-z0-9_$]{1,64}, a user that is empty, longer than 255 or holds a quote, backslash or
// backtick, or an append-only table that is not among `tables`.
absl::StatusOr<std::vector<std::string>> ServiceGrantStatements(
    absl::string_view schema, absl::string_view user, const std::vector<std::string>& tables,
    const std::vector<std::string>& append_only_tables);

// Runs ServiceGrantStatements on `migrator` (an account allowed to grant on `schema`) for every
// BASE TABLE of `schema` (information_schema), then takes back any schema-wide right `user` still
// holds on `schema` — what create_service_accounts.sh gave every service account before issue 16 —
// so a deployment made before is restricted by its next start. Grants come first, so replicas
// still running on the old rights keep working throughout. Errors: those of
// ServiceGrantStatements, or the mapped database error naming the statement that failed.
absl::Status ApplyServiceGrants(ConnectionPool& migrator, absl::string_view schema,
                                absl::string_view user,
                                const std::vector<std::string>& append_only_tables);

// True when the pool's account is refused (MySQL error 1142) both `UPDATE table ... WHERE FALSE`
// and `DELETE FROM table WHERE FALSE`; neither statement touches a row either way. The UPDATE sets
// the table's first column to itself. INVALID_ARGUMENT for a table name that is not
// [A-Za-z0-9_$]{1,64}; the mapped database error for any other failure (e.g. a missing table).
absl::StatusOr<bool> TableIsAppendOnly(ConnectionPool& pool, absl::string_view table);

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_SERVICE_GRANTS_H_

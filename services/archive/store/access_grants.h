// The archive's database account and its privileges (SPEC V3): the grants script
// deploy/sql/archive_grants.sql (embedded at build time) applied for a given schema and account,
// and a probe that tells whether an account can alter the access log. Stateless; thread-safe.
#ifndef CS_SERVICES_ARCHIVE_STORE_ACCESS_GRANTS_H_
#define CS_SERVICES_ARCHIVE_STORE_ACCESS_GRANTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/db/connection_pool.h"

namespace cs::archive {

// The text of deploy/sql/archive_grants.sql as built into the binary.
absl::string_view EmbeddedArchiveGrants();

// The statements of `script` with @SCHEMA@ and @USER@ replaced and whole-line comments dropped.
// INVALID_ARGUMENT naming the value when the schema is not [A-Za-z0-9_$]{1,64} or the user holds a
// quote, backslash or backtick (both are spliced into SQL text: GRANT takes no placeholders), or
// the script holds another @NAME@ placeholder.
absl::StatusOr<std::vector<std::string>> ArchiveGrantStatements(absl::string_view script,
                                                                absl::string_view schema,
                                                                absl::string_view user);

// Runs the embedded script on `admin_pool` (an account allowed to grant) for `schema` and
// `user`@'%'. The mapped database error naming the statement that failed.
absl::Status ApplyArchiveGrants(common::db::ConnectionPool& admin_pool, absl::string_view schema,
                                absl::string_view user);

// True when the pool's account is refused (MySQL error 1142) both UPDATE and DELETE on access_log;
// the statements touch no row either way. The mapped error for any other failure.
absl::StatusOr<bool> AccessLogIsAppendOnly(common::db::ConnectionPool& pool);

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_ACCESS_GRANTS_H_

// A service's own schema at start, as deployed (issue 16, "Audit"; README "Running a service"):
// one call from every wiring instead of its own pool and migrations, so the six services open
// their database alike.
//
// With a migration account (ServerOptions::migration_user, i.e. --migration_user, other than
// --mysql_user) the migrations run with that account on a one-connection pool, which then grants
// the service's account its rights (ServiceDatabaseOptions::grant: by default
// common/db/service_grants.h, SELECT and INSERT only on audit_log) and is closed; only then is the
// service's own pool opened — its account may hold no right at all before the grants. Without one,
// the service's own account runs the migrations on its pool (development, where it is an admin).
//
// Either way the start then asks the database whether the service's account could rewrite
// audit_log (common/db/service_grants.h TableIsAppendOnly), exports the answer as
// cs_<service>_audit_log_append_only (common/metrics/audit_log_metrics.h) and, when it could,
// logs the warning event "audit_log_not_append_only".
#ifndef CS_COMMON_SERVER_SERVICE_DATABASE_H_
#define CS_COMMON_SERVER_SERVICE_DATABASE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/db/connection_pool.h"
#include "common/db/migration.h"
#include "common/server/service_server.h"

namespace cs::common {

// Grants `user`@'%' its rights on `schema`, run by the migration account's pool `migrator`.
using GrantFunction = std::function<absl::Status(db::ConnectionPool& migrator,
                                                 absl::string_view schema, absl::string_view user)>;

using MigrationSets = std::vector<const std::vector<db::Migration>*>;

struct ServiceDatabaseOptions {
  // Unset: db::ApplyServiceGrants with no append-only table but audit_log.
  GrantFunction grant;
  // When non-empty, used instead of ServerOptions::migration_user / migration_password (a wiring
  // given its account in its own options, as tests that start it in-process do).
  std::string migration_user;
  std::string migration_password;
};

// Migrates with `migrations` (applied in order, common_schema first: db::ApplyMigrations), grants,
// opens the service's pool on env.options().mysql, kept by `env`, probes and exports audit_log's
// privileges; see the top of this file. Returns the pool. Errors: the migration account's or the
// service's connection error, those of db::ApplyMigrations, of the grants (naming the statement),
// of the probe, or INTERNAL when the gauge cannot be registered.
absl::StatusOr<db::ConnectionPool*> OpenServiceDatabase(ServiceEnvironment& env,
                                                        const MigrationSets& migrations,
                                                        const ServiceDatabaseOptions& options = {});

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_SERVICE_DATABASE_H_

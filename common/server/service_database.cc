#include "common/server/service_database.h"

#include <memory>
#include <utility>

#include "common/db/migration_runner.h"
#include "common/db/service_grants.h"
#include "common/metrics/audit_log_metrics.h"
#include "common/status/status_macros.h"

namespace cs::common {
namespace {

// The migrations and grants with the migration account; its pool is closed on return.
absl::Status MigrateAndGrant(const db::MySqlOptions& service, const MigrationSets& migrations,
                             const GrantFunction& grant, const std::string& user,
                             const std::string& password) {
  db::MySqlOptions migrator = service;
  migrator.user = user;
  migrator.password = password;
  migrator.pool_size = 1;
  ASSIGN_OR_RETURN(std::unique_ptr<db::ConnectionPool> pool, db::ConnectionPool::Create(migrator));
  RETURN_IF_ERROR(db::ApplyMigrations(*pool, migrations));
  if (grant) return grant(*pool, service.database, service.user);
  return db::ApplyServiceGrants(*pool, service.database, service.user, {});
}

}  // namespace

absl::StatusOr<db::ConnectionPool*> OpenServiceDatabase(ServiceEnvironment& env,
                                                        const MigrationSets& migrations,
                                                        const ServiceDatabaseOptions& options) {
  const db::MySqlOptions& mysql = env.options().mysql;
  const bool overridden = !options.migration_user.empty();
  const std::string& migration_user =
      overridden ? options.migration_user : env.options().migration_user;
  const std::string& migration_password =
      overridden ? options.migration_password : env.options().migration_password;
  const bool separate = !migration_user.empty() && migration_user != mysql.user;

  if (separate) {
    RETURN_IF_ERROR(
        MigrateAndGrant(mysql, migrations, options.grant, migration_user, migration_password));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<db::ConnectionPool> pool_value,
                   db::ConnectionPool::Create(mysql));
  db::ConnectionPool* pool = env.Keep(std::move(pool_value));
  if (!separate) RETURN_IF_ERROR(db::ApplyMigrations(*pool, migrations));

  ASSIGN_OR_RETURN(bool append_only, db::TableIsAppendOnly(*pool, db::kAuditLogTable));
  RETURN_IF_ERROR(ExportAuditLogAppendOnly(env.metrics(), env.options().service_name, append_only));
  if (!append_only) {
    env.logger().Warning("audit_log_not_append_only",
                         {{"service", env.options().service_name},
                          {"mysql_user", mysql.user},
                          {"hint",
                           "run the service as an account that holds no right of its own and "
                           "give --migration_user (deploy/sql/create_service_accounts.sh makes "
                           "both): it grants SELECT and INSERT only on audit_log"}});
  }
  return pool;
}

}  // namespace cs::common

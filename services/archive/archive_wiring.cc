#include "services/archive/archive_wiring.h"

#include <memory>
#include <utility>

#include "common/config/sla_targets_file.h"
#include "common/config/units_file.h"
#include "common/db/common_schema.h"
#include "common/db/connection_pool.h"
#include "common/db/service_grants.h"
#include "common/server/background_work.h"
#include "common/server/service_database.h"
#include "common/status/status_macros.h"
#include "services/archive/api/archive_grpc_service.h"
#include "services/archive/api/archive_metrics.h"
#include "services/archive/api/proto_record_codec.h"
#include "services/archive/config/archive_retention_file.h"
#include "services/archive/core/archive_core.h"
#include "services/archive/migrations.h"
#include "services/archive/store/access_grants.h"
#include "services/archive/store/mysql_archive_stores.h"

namespace cs::archive {

common::WireFunction ArchiveWiring(ArchiveWiringOptions options) {
  return [options = std::move(options)](common::ServiceEnvironment& env) -> absl::Status {
    // Data files: a bad one stops the start with its file, line and field.
    ASSIGN_OR_RETURN(common::UnitDirectory units_value,
                     common::config::LoadUnitDirectory(env.ConfigPath("units.textproto")));
    auto* units = env.Keep(std::make_unique<common::UnitDirectory>(std::move(units_value)));
    // The calendar in force, kept in step with its file while the process runs (SIGHUP,
    // ReloadCalendar, file changes: ServiceEnvironment::Calendars); the monthly report's due date
    // is counted in working days on it.
    ASSIGN_OR_RETURN(const common::CalendarHolder* calendars, env.Calendars());
    ASSIGN_OR_RETURN(cs::config::v1::SlaTargets sla,
                     common::config::LoadSlaTargets(env.ConfigPath("sla_targets.textproto")));
    ASSIGN_OR_RETURN(
        RetentionConfig retention,
        LoadArchiveRetention(env.ConfigPath("archive_retention.textproto"), *units, sla));
    ArchiveSettings settings;
    settings.minimum_retention_months = retention.minimum_months;
    settings.default_policy = retention.default_policy;
    settings.unit_policies = retention.unit_policies;
    settings.monthly_report_due_working_day = sla.monthly_report_due_working_day();

    // The schema with the migration account when there is one, which then grants the service's
    // account exactly deploy/sql/archive_grants.sql; then the service's pool.
    const common::db::MySqlOptions& mysql = env.options().mysql;
    common::ServiceDatabaseOptions database;
    database.grant = &ApplyArchiveGrants;
    database.migration_user = options.migration_user;
    database.migration_password = options.migration_password;
    ASSIGN_OR_RETURN(
        common::db::ConnectionPool * pool,
        common::OpenServiceDatabase(
            env, {&common::db::common_schema::Migrations(), &schema::Migrations()}, database));

    ASSIGN_OR_RETURN(std::unique_ptr<ArchiveMetrics> metrics_value,
                     ArchiveMetrics::Create(env.metrics(), *units));
    auto* metrics = env.Keep(std::move(metrics_value));
    ASSIGN_OR_RETURN(bool append_only, common::db::TableIsAppendOnly(*pool, "access_log"));
    metrics->SetAccessLogAppendOnly(append_only);
    if (!append_only) {
      env.logger().Warning("access_log_not_append_only",
                           {{"service", "archive"},
                            {"mysql_user", mysql.user},
                            {"hint",
                             "run the service as an account with only the grants of "
                             "deploy/sql/archive_grants.sql (see --migration_user)"}});
    }

    // Infrastructure timestamps (inbox and idempotency rows) follow the real clock even on a test
    // clock, as intake's do; business times (archived, destroyed, logged) follow env.clock().
    auto* stores = env.Keep(std::make_unique<MySqlArchiveStores>(*pool, common::Clock::Real()));
    auto* codec = env.Keep(std::make_unique<ProtoRecordCodec>());
    auto* core = env.Keep(std::make_unique<ArchiveCore>(
        stores->stores(), *units, *calendars, std::move(settings), env.clock(), *codec, *metrics));
    // No outbox: the sweep and the housekeeping of its inbox and idempotency keys.
    common::BackgroundWork background;
    background.service = "archive";
    background.sweep = [core] { return core->Sweep(); };
    background.sweep_interval = options.sweep_interval;
    RETURN_IF_ERROR(common::StartBackgroundWork(env, *pool, std::move(background)));
    auto* service =
        env.AddService(std::make_unique<ArchiveGrpcService>(*core, env.authenticator()));
    env.OnUndecodableRequest(
        v1::ArchiveService::service_full_name(),
        [service](const grpc::ServerContextBase& context, absl::string_view method) {
          service->LogUndecodableRead(context, method);
        });
    return absl::OkStatus();
  };
}

}  // namespace cs::archive

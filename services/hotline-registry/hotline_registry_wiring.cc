#include "services/hotline-registry/hotline_registry_wiring.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/config/sla_targets_file.h"
#include "common/config/units_file.h"
#include "common/db/common_schema.h"
#include "common/db/connection_pool.h"
#include "common/server/background_work.h"
#include "common/server/service_database.h"
#include "common/status/status_macros.h"
#include "common/time/period_config.h"
#include "services/hotline-registry/api/hotline_grpc_service.h"
#include "services/hotline-registry/api/hotline_metrics.h"
#include "services/hotline-registry/config/hotline_phrases_file.h"
#include "services/hotline-registry/core/hotline_core.h"
#include "services/hotline-registry/migrations.h"
#include "services/hotline-registry/store/mysql_call_record_store.h"
#include "services/hotline-registry/store/mysql_hotline_store.h"
#include "services/hotline-registry/store/mysql_report_store.h"
#include "services/hotline-registry/store/mysql_staff_store.h"

namespace cs::hotline {

common::WireFunction HotlineRegistryWiring(HotlineWiringOptions options) {
  return [options](common::ServiceEnvironment& env) -> absl::Status {
    if (options.ingest_batch_size < 1 || options.ingest_batch_size > kMaxIngestBatchSize) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid flags: ingest_batch_size: must be 1..", kMaxIngestBatchSize,
                       ", not ", options.ingest_batch_size));
    }
    if (options.sweep_interval <= absl::ZeroDuration()) {
      return absl::InvalidArgumentError("invalid flags: sweep_interval: must be positive");
    }
    // Data files: a bad one stops the start with its file, line and field.
    ASSIGN_OR_RETURN(common::UnitDirectory units_value,
                     common::config::LoadUnitDirectory(env.ConfigPath("units.textproto")));
    auto* units = env.Keep(std::make_unique<common::UnitDirectory>(std::move(units_value)));
    // The calendar in force, kept in step with its file while the process runs (SIGHUP,
    // ReloadCalendar, file changes): service hours, report due days and transition ends use it.
    ASSIGN_OR_RETURN(const common::CalendarHolder* calendars, env.Calendars());
    ASSIGN_OR_RETURN(cs::config::v1::SlaTargets sla,
                     common::config::LoadSlaTargets(env.ConfigPath("sla_targets.textproto")));
    HotlineSettings settings;
    settings.connection_rate_target_percent = sla.hotline_connection_rate_percent();
    ASSIGN_OR_RETURN(settings.minimum_transition,
                     common::PeriodFromProto(sla.old_number_transfer()));
    settings.monthly_report_due_working_day = sla.monthly_report_due_working_day();
    ASSIGN_OR_RETURN(settings.phrases,
                     LoadHotlinePhrases(env.ConfigPath("hotline_phrases.textproto")));
    settings.ingest_batch_size = options.ingest_batch_size;

    // The database: the schema (with --migration_user when given, which then grants the
    // service's account its rights: audit_log append-only), then the service's pool.
    ASSIGN_OR_RETURN(common::db::ConnectionPool * pool,
                     common::OpenServiceDatabase(
                         env, {&common::db::common_schema::Migrations(), &schema::Migrations()}));

    // Idempotency keys follow the real clock even on a test clock, as every service's do; business
    // times come from the core's clock. The hotline store claims by HotlineDueAt, so transition
    // ends are recorded by the sweep too.
    auto* hotline_store =
        env.Keep(std::make_unique<MySqlHotlineStore>(*pool, common::Clock::Real(), HotlineDueAt));
    auto* call_store = env.Keep(std::make_unique<MySqlCallRecordStore>(*pool));
    auto* staff_store = env.Keep(std::make_unique<MySqlStaffStore>(*pool, common::Clock::Real()));
    auto* report_store = env.Keep(std::make_unique<MySqlReportStore>(*pool, common::Clock::Real()));
    ASSIGN_OR_RETURN(std::unique_ptr<HotlineMetrics> metrics_value,
                     HotlineMetrics::Create(env.metrics(), *units));
    auto* metrics = env.Keep(std::move(metrics_value));
    auto* core = env.Keep(std::make_unique<HotlineCore>(
        HotlineStores{*hotline_store, *call_store, *staff_store, *report_store}, *units, *calendars,
        std::move(settings), env.clock(), *metrics));

    // No outbox: the sweep, and the housekeeping of the idempotency keys.
    common::BackgroundWork background;
    background.service = "hotline_registry";
    background.sweep = [core] { return core->Sweep(); };
    background.sweep_interval = options.sweep_interval;
    RETURN_IF_ERROR(common::StartBackgroundWork(env, *pool, std::move(background)));
    env.AddService(std::make_unique<HotlineGrpcService>(*core, env.authenticator()));
    return absl::OkStatus();
  };
}

}  // namespace cs::hotline

#include "services/channel-registry/channel_registry_wiring.h"

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
#include "services/channel-registry/api/channel_grpc_service.h"
#include "services/channel-registry/api/channel_metrics.h"
#include "services/channel-registry/core/channel_core.h"
#include "services/channel-registry/migrations/migrations.h"
#include "services/channel-registry/store/mysql_channel_stores.h"

namespace cs::channel {
namespace {

// The online kinds a unit files here (A3 4.3), each with its repair limit.
constexpr ChannelKind kOnlineKinds[] = {ChannelKind::kEmail, ChannelKind::kWebForm,
                                        ChannelKind::kGuestbook};

// The forecast options of the flags, named as the flags when out of range.
absl::StatusOr<ForecastOptions> ForecastOptionsOf(const ChannelWiringOptions& options) {
  ForecastOptions forecast;
  forecast.window = options.capacity_window;
  forecast.horizon = options.capacity_horizon;
  forecast.usage_threshold = options.capacity_usage_threshold;
  const absl::Status valid = ValidateForecastOptions(forecast);
  if (!valid.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid flags: capacity_window, capacity_horizon must be positive, "
                     "capacity_usage_threshold in (0, 1]: ",
                     valid.message()));
  }
  return forecast;
}

}  // namespace

common::WireFunction ChannelRegistryWiring(ChannelWiringOptions options) {
  return [options](common::ServiceEnvironment& env) -> absl::Status {
    if (options.sweep_interval <= absl::ZeroDuration()) {
      return absl::InvalidArgumentError("invalid flags: sweep_interval: must be positive");
    }
    ChannelSettings settings;
    ASSIGN_OR_RETURN(settings.forecast, ForecastOptionsOf(options));
    // Data files: a bad one stops the start with its file, line and field.
    ASSIGN_OR_RETURN(common::UnitDirectory units_value,
                     common::config::LoadUnitDirectory(env.ConfigPath("units.textproto")));
    auto* units = env.Keep(std::make_unique<common::UnitDirectory>(std::move(units_value)));
    // The calendar in force, kept in step with its file while the process runs (SIGHUP,
    // ReloadCalendar, file changes): check schedules, repair limits and report due days use it.
    ASSIGN_OR_RETURN(const common::CalendarHolder* calendars, env.Calendars());
    ASSIGN_OR_RETURN(cs::config::v1::SlaTargets sla,
                     common::config::LoadSlaTargets(env.ConfigPath("sla_targets.textproto")));
    for (ChannelKind kind : kOnlineKinds) {
      ASSIGN_OR_RETURN(
          settings.fault_repair[kind],
          common::config::FaultRepairPeriodFor(sla, static_cast<cs::common::v1::Channel>(kind)));
    }
    settings.monthly_report_due_working_day = sla.monthly_report_due_working_day();
    RETURN_IF_ERROR(ValidateChannelSettings(settings));

    // The database: the schema (with --migration_user when given, which then grants the
    // service's account its rights: audit_log append-only), then the service's pool.
    ASSIGN_OR_RETURN(common::db::ConnectionPool * pool,
                     common::OpenServiceDatabase(
                         env, {&common::db::common_schema::Migrations(), &schema::Migrations()}));

    // Idempotency keys follow the real clock even on a test clock, as every service's do; business
    // times come from the core's clock.
    auto* stores = env.Keep(std::make_unique<MySqlChannelStores>(*pool, common::Clock::Real()));
    ASSIGN_OR_RETURN(std::unique_ptr<ChannelMetrics> metrics_value,
                     ChannelMetrics::Create(env.metrics(), *units));
    auto* metrics = env.Keep(std::move(metrics_value));
    auto* core = env.Keep(std::make_unique<ChannelCore>(
        stores->stores(), *units, *calendars, std::move(settings), env.clock(), *metrics));

    // No outbox: the sweep (worker channel_registry_sweep), and the housekeeping of the
    // idempotency keys.
    common::BackgroundWork background;
    background.service = "channel_registry";
    background.sweep = [core] { return core->Sweep(); };
    background.sweep_interval = options.sweep_interval;
    RETURN_IF_ERROR(common::StartBackgroundWork(env, *pool, std::move(background)));
    env.AddService(std::make_unique<ChannelGrpcService>(*core, env.authenticator()));
    return absl::OkStatus();
  };
}

}  // namespace cs::channel

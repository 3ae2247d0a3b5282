#include "services/routing/routing_wiring.h"

#include <memory>
#include <utility>

#include "common/config/sla_targets_file.h"
#include "common/config/units_file.h"
#include "common/db/common_schema.h"
#include "common/db/connection_pool.h"
#include "common/grpc/peer_channel.h"
#include "common/server/background_work.h"
#include "common/server/service_database.h"
#include "common/status/status_macros.h"
#include "common/time/period_config.h"
#include "services/routing/api/outbox_senders.h"
#include "services/routing/api/proto_outcome_encoder.h"
#include "services/routing/api/routing_grpc_service.h"
#include "services/routing/api/routing_metrics.h"
#include "services/routing/config/business_catalog_file.h"
#include "services/routing/core/routing_core.h"
#include "services/routing/migrations.h"
#include "services/routing/store/mysql_routing_store.h"

namespace cs::routing {
namespace {

// The targets routing enforces, from the SLA targets file (A5 6.4, 6.5, 6.7).
absl::StatusOr<RoutingTargets> TargetsFrom(const cs::config::v1::SlaTargets& file) {
  RoutingTargets targets;
  for (auto kind : {cs::common::v1::TICKET_KIND_CONSULTATION, cs::common::v1::TICKET_KIND_COMPLAINT,
                    cs::common::v1::TICKET_KIND_FAULT_REPORT}) {
    absl::StatusOr<common::Period> period = common::config::HandlingPeriodFor(file, kind);
    if (period.ok()) {
      targets.internal_handling[static_cast<TicketKind>(kind)] = *period;
    } else if (period.status().code() != absl::StatusCode::kNotFound) {
      return period.status();
    }
  }
  ASSIGN_OR_RETURN(targets.telecom_acknowledgement,
                   common::PeriodFromProto(file.telecom_escalation_acknowledgement()));
  ASSIGN_OR_RETURN(targets.overdue_reminder_interval,
                   common::PeriodFromProto(file.overdue_reminder_interval()));
  return targets;
}

}  // namespace

common::WireFunction RoutingWiring(RoutingWiringOptions options) {
  return [options = std::move(options)](common::ServiceEnvironment& env) -> absl::Status {
    // Data files: a bad one stops the start with its file, line and field.
    ASSIGN_OR_RETURN(common::UnitDirectory units_value,
                     common::config::LoadUnitDirectory(env.ConfigPath("units.textproto")));
    auto* units = env.Keep(std::make_unique<common::UnitDirectory>(std::move(units_value)));
    // The calendar in force, kept in step with its file while the process runs (SIGHUP,
    // ReloadCalendar, file changes: ServiceEnvironment::Calendars).
    ASSIGN_OR_RETURN(const common::CalendarHolder* calendars, env.Calendars());
    ASSIGN_OR_RETURN(cs::config::v1::SlaTargets sla_file,
                     common::config::LoadSlaTargets(env.ConfigPath("sla_targets.textproto")));
    ASSIGN_OR_RETURN(RoutingTargets targets, TargetsFrom(sla_file));
    ASSIGN_OR_RETURN(BusinessCatalog catalog_value,
                     LoadBusinessCatalog(env.ConfigPath("business_catalog.textproto"), *units));
    auto* catalog = env.Keep(std::make_unique<BusinessCatalog>(std::move(catalog_value)));

    // The database: the schema (with --migration_user when given, which then grants the
    // service's account its rights: audit_log append-only), then the service's pool.
    ASSIGN_OR_RETURN(common::db::ConnectionPool * pool,
                     common::OpenServiceDatabase(
                         env, {&common::db::common_schema::Migrations(), &schema::Migrations()}));

    // Infrastructure timestamps (outbox scheduling, idempotency keys) follow the real clock even on
    // a test clock, as intake's do: the relay's retries must keep moving while a test holds
    // business time still. Business times (receipt, deadlines, leases, reminders) come from the
    // core's clock.
    auto* store = env.Keep(std::make_unique<MySqlRoutingStore>(*pool, common::Clock::Real()));
    ASSIGN_OR_RETURN(std::unique_ptr<RoutingSlaMetrics> sla_value,
                     RoutingSlaMetrics::Create(env.metrics(), *units));
    auto* sla = env.Keep(std::move(sla_value));
    auto* encoder = env.Keep(std::make_unique<ProtoOutcomeEncoder>());

    auto* wakeup = env.Keep(std::make_unique<common::RelayWakeup>());
    auto* core = env.Keep(std::make_unique<RoutingCore>(*store, *units, *catalog, *calendars,
                                                        std::move(targets), env.clock(), *encoder,
                                                        *sla, wakeup->Callback()));
    RETURN_IF_ERROR(common::StartBackgroundWork(
        env, *pool,
        {.service = "routing",
         .sweep = [core] { return core->Supervise(); },
         .sweep_interval = options.supervision_interval,
         .senders = RoutingOutboxSenders(
             common::CreatePeerChannel(options.intake_address, env.options().peer_channels),
             options.service_token),
         .relay = options.relay,
         .wakeup = wakeup}));

    env.AddService(
        std::make_unique<RoutingGrpcService>(*core, env.authenticator(), *units, env.clock()));
    return absl::OkStatus();
  };
}

}  // namespace cs::routing

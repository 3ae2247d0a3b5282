#include "services/intake/intake_wiring.h"

#include <memory>
#include <utility>

#include "common/config/sla_targets_file.h"
#include "common/config/units_file.h"
#include "common/db/common_schema.h"
#include "common/db/connection_pool.h"
#include "common/db/housekeeping.h"
#include "common/db/migration_runner.h"
#include "common/db/outbox_relay.h"
#include "common/grpc/peer_channel.h"
#include "common/metrics/calendar_horizon.h"
#include "common/metrics/outbox_metrics.h"
#include "common/status/status_macros.h"
#include "common/time/calendar_config.h"
#include "common/time/period_config.h"
#include "common/workers/periodic_worker.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/intake/api/intake_grpc_service.h"
#include "services/intake/api/intake_metrics.h"
#include "services/intake/api/outbox_senders.h"
#include "services/intake/api/proto_message_encoder.h"
#include "services/intake/core/intake_core.h"
#include "services/intake/migrations.h"
#include "services/intake/store/mysql_ticket_store.h"

namespace cs::intake {
common::WireFunction IntakeWiring(IntakeWiringOptions options) {
  return [options = std::move(options)](common::ServiceEnvironment& env) -> absl::Status {
    // Data files: a bad one stops the start with its file, line and field.
    ASSIGN_OR_RETURN(common::UnitDirectory units_value,
                     common::config::LoadUnitDirectory(env.ConfigPath("units.textproto")));
    auto* units = env.Keep(std::make_unique<common::UnitDirectory>(std::move(units_value)));
    ASSIGN_OR_RETURN(common::CalendarSet calendars_value,
                     common::LoadCalendarSet(env.ConfigPath("calendar.textproto")));
    auto* calendars = env.Keep(std::make_unique<common::CalendarSet>(std::move(calendars_value)));
    common::ExportCalendarHorizon(env.metrics_server(), env.logger(), *calendars, env.clock());
    ASSIGN_OR_RETURN(cs::config::v1::SlaTargets sla_file,
                     common::config::LoadSlaTargets(env.ConfigPath("sla_targets.textproto")));
    IntakeTargets targets;
    ASSIGN_OR_RETURN(targets.forward_confirmation,
                     common::PeriodFromProto(sla_file.forward_confirmation()));
    ASSIGN_OR_RETURN(targets.special_request_confirmation,
                     common::PeriodFromProto(sla_file.special_request_confirmation()));

    // The database: pool first (its connections are made now), then the schema.
    ASSIGN_OR_RETURN(std::unique_ptr<common::db::ConnectionPool> pool_value,
                     common::db::ConnectionPool::Create(env.options().mysql));
    auto* pool = env.Keep(std::move(pool_value));
    RETURN_IF_ERROR(common::db::ApplyMigrations(
        *pool, {&common::db::common_schema::Migrations(), &schema::Migrations()}));

    // Infrastructure timestamps (outbox scheduling, idempotency and inbox rows) follow the real
    // clock even when the process runs on a test clock: the relay's retry schedule must keep moving
    // while a test holds business time still, and must not wait for business time set days ahead.
    common::db::CommitQueueOptions create_queue;
    create_queue.max_batch = options.create_batch_max;
    auto* store =
        env.Keep(std::make_unique<MySqlTicketStore>(*pool, common::Clock::Real(), create_queue));
    ASSIGN_OR_RETURN(std::unique_ptr<IntakeSlaMetrics> sla_value,
                     IntakeSlaMetrics::Create(env.metrics(), *units));
    auto* sla = env.Keep(std::move(sla_value));
    ASSIGN_OR_RETURN(std::unique_ptr<common::OutboxMetrics> outbox_metrics_value,
                     common::OutboxMetrics::Create(
                         env.metrics(), "intake",
                         {std::string(kRoutingDestination), std::string(kArchiveDestination)}));
    auto* outbox_metrics = env.Keep(std::move(outbox_metrics_value));
    auto* encoder = env.Keep(
        std::make_unique<ProtoMessageEncoder>(*units, calendars->current().time_zone().name()));

    // The relay is created after the core (its routing sender records receipts through the core),
    // but the core wakes the relay: break the cycle with a pointer filled in below.
    auto relay_slot = std::make_shared<common::db::OutboxRelay*>(nullptr);
    auto* core = env.Keep(std::make_unique<IntakeCore>(*store, *units, *calendars, targets,
                                                       env.clock(), *encoder, *sla, [relay_slot] {
                                                         if (*relay_slot != nullptr)
                                                           (*relay_slot)->Wake();
                                                       }));

    common::db::OutboxRelay::Senders senders;
    senders[std::string(kRoutingDestination)] = std::make_unique<RoutingForwardSender>(
        common::CreatePeerChannel(options.routing_address), options.service_token, *core);
    senders[std::string(kArchiveDestination)] = std::make_unique<ArchiveRecordSender>(
        common::CreatePeerChannel(options.archive_address), options.service_token);
    common::db::OutboxRelayOptions relay_options = options.relay;
    relay_options.observer = outbox_metrics;
    auto* relay = env.Keep(std::make_unique<common::db::OutboxRelay>(
        *pool, common::Clock::Real(), std::move(senders), relay_options));
    *relay_slot = relay;

    auto* sweeper = env.AddWorker(std::make_unique<common::PeriodicWorker>(
        "intake_sla_sweep", options.sla_sweep_interval,
        [core, outbox_metrics, pool]() -> absl::Status {
          RETURN_IF_ERROR(core->SweepSla());
          // Outbox and idempotency rows carry real-clock times (see the store above).
          const absl::Time now = common::Clock::Real().Now();
          RETURN_IF_ERROR(outbox_metrics->RefreshBacklog(*pool, now));
          return common::db::Housekeep(*pool, now);
        }));
    env.AddWorker(std::make_unique<common::OutboxRelayWorker>(*relay));
    relay->Start();
    sweeper->Start();

    env.AddService(std::make_unique<IntakeGrpcService>(*core, env.authenticator()));
    return absl::OkStatus();
  };
}

}  // namespace cs::intake

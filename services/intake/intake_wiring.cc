#include "services/intake/intake_wiring.h"

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
    // The calendar in force, kept in step with its file while the process runs (SIGHUP,
    // ReloadCalendar, file changes: ServiceEnvironment::Calendars).
    ASSIGN_OR_RETURN(const common::CalendarHolder* calendars, env.Calendars());
    ASSIGN_OR_RETURN(cs::config::v1::SlaTargets sla_file,
                     common::config::LoadSlaTargets(env.ConfigPath("sla_targets.textproto")));
    IntakeTargets targets;
    ASSIGN_OR_RETURN(targets.forward_confirmation,
                     common::PeriodFromProto(sla_file.forward_confirmation()));
    ASSIGN_OR_RETURN(targets.special_request_confirmation,
                     common::PeriodFromProto(sla_file.special_request_confirmation()));

    // The database: the schema (with --migration_user when given, which then grants the
    // service's account its rights: audit_log append-only), then the service's pool.
    ASSIGN_OR_RETURN(common::db::ConnectionPool * pool,
                     common::OpenServiceDatabase(
                         env, {&common::db::common_schema::Migrations(), &schema::Migrations()}));

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
    auto* encoder = env.Keep(std::make_unique<ProtoMessageEncoder>(
        *units, calendars->Get().current().time_zone().name()));

    // The core wakes the relay after a commit; the relay's routing sender records receipts through
    // the core.
    auto* wakeup = env.Keep(std::make_unique<common::RelayWakeup>());
    auto* core = env.Keep(std::make_unique<IntakeCore>(
        *store, *units, *calendars, targets, env.clock(), *encoder, *sla, wakeup->Callback()));
    RETURN_IF_ERROR(common::StartBackgroundWork(
        env, *pool,
        {.service = "intake",
         .sweep = [core] { return core->SweepSla(); },
         .sweep_interval = options.sla_sweep_interval,
         .senders = IntakeOutboxSenders(
             common::CreatePeerChannel(options.routing_address, env.options().peer_channels),
             common::CreatePeerChannel(options.archive_address, env.options().peer_channels),
             options.service_token, *core),
         .relay = options.relay,
         .wakeup = wakeup}));

    env.AddService(std::make_unique<IntakeGrpcService>(*core, env.authenticator()));
    return absl::OkStatus();
  };
}

}  // namespace cs::intake

// Builds a running routing service from its configuration: data files (units, calendar, SLA
// targets, business catalog), database (migrations applied), store, core, metrics, the outbox relay
// to intake and the supervision worker. main.cc and the integration tests use the same wiring, so a
// test exercises exactly what is deployed.
#ifndef CS_SERVICES_ROUTING_ROUTING_WIRING_H_
#define CS_SERVICES_ROUTING_ROUTING_WIRING_H_

#include <string>

#include "absl/time/time.h"
#include "common/server/service_server.h"
#include "common/workers/outbox_relay_worker.h"

namespace cs::routing {

struct RoutingWiringOptions {
  // Where intake listens (outcomes are reported there).
  std::string intake_address = "localhost:50051";
  // The bearer token routing presents to intake (a SERVICE principal of intake's token file).
  std::string service_token;
  // How often supervision looks for overdue orders (R6) and refreshes the SLA gauges. The reminder
  // interval itself is sla_targets' overdue_reminder_interval, in working time.
  absl::Duration supervision_interval = absl::Seconds(30);
  // The outbox relay: poll interval, deadline of one delivery, retry backoff. The wiring sets the
  // observer.
  common::db::OutboxRelayOptions relay = common::DefaultServiceRelayOptions();
};

// The wiring function for ServiceServer::Start / RunService.
common::WireFunction RoutingWiring(RoutingWiringOptions options);

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_ROUTING_WIRING_H_

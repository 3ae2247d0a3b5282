// Builds a running intake service from its configuration: data files, database (migrations
// applied), store, core, metrics, the outbox relay to routing and the archive, and the SLA sweeper.
// main.cc and the integration tests use the same wiring, so a test exercises exactly what is
// deployed.
#ifndef CS_SERVICES_INTAKE_INTAKE_WIRING_H_
#define CS_SERVICES_INTAKE_INTAKE_WIRING_H_

#include <string>

#include "absl/time/time.h"
#include "common/server/service_server.h"
#include "common/workers/outbox_relay_worker.h"

namespace cs::intake {

struct IntakeWiringOptions {
  // Where the designated unit's routing service and the archive listen.
  std::string routing_address = "localhost:50052";
  std::string archive_address = "localhost:50056";
  // The bearer token intake presents to them (a SERVICE principal in their token files).
  std::string service_token;
  // How often missed confirmation deadlines are counted and the awaiting-confirmation gauge
  // refreshed.
  absl::Duration sla_sweep_interval = absl::Seconds(10);
  // The outbox relay: poll interval, deadline of one delivery, retry backoff. The wiring sets the
  // observer.
  common::db::OutboxRelayOptions relay = common::DefaultServiceRelayOptions();
  // Group commit of CreateTicket: most tickets written by one INSERT.
  int create_batch_max = 128;
};

// The wiring function for ServiceServer::Start / RunService.
common::WireFunction IntakeWiring(IntakeWiringOptions options);

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_INTAKE_WIRING_H_

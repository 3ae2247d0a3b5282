// The routing service: the designated unit's receipt, decision, dispatch, supervision and reply
// texts (SPEC §2). Flags common to every service are in common/server/server_flags.h; routing's own
// are below. Each flag also reads the environment variable CS_<FLAG NAME IN UPPER CASE> when not
// given on the command line.
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "common/server/outbox_relay_flags.h"
#include "common/server/run_service.h"
#include "services/routing/routing_wiring.h"

ABSL_FLAG(std::string, intake_address, "localhost:50051",
          "host:port of the intake service, to which every outcome is reported");
ABSL_FLAG(absl::Duration, supervision_interval, absl::Seconds(30),
          "How often overdue dispatch orders are looked for and SLA gauges refreshed (the reminder "
          "interval itself is overdue_reminder_interval of sla_targets.textproto)");

namespace {

std::vector<std::string> ExtraEnvFlags() {
  std::vector<std::string> names = {"intake_address", "supervision_interval"};
  for (std::string& name : cs::common::OutboxRelayFlagNames()) names.push_back(std::move(name));
  return names;
}

}  // namespace

int main(int argc, char** argv) {
  return cs::common::RunService(
      argc, argv,
      {.name = "routing",
       .default_grpc_port = 50052,
       .default_metrics_port = 9152,
       .extra_env_flags = ExtraEnvFlags()},
      [](cs::common::ServiceEnvironment& env) -> absl::Status {
        cs::routing::RoutingWiringOptions options;
        options.intake_address = absl::GetFlag(FLAGS_intake_address);
        absl::StatusOr<std::string> token = cs::common::ServiceTokenFromFlags();
        if (!token.ok()) return token.status();
        options.service_token = *std::move(token);
        options.supervision_interval = absl::GetFlag(FLAGS_supervision_interval);
        options.relay = cs::common::OutboxRelayOptionsFromFlags();
        return cs::routing::RoutingWiring(std::move(options))(env);
      });
}

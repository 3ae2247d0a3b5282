// The intake service: tickets of record at the unit of first contact (SPEC §1). Flags common to
// every service are in common/server/server_flags.h; intake's own are below. Each flag also reads
// the environment variable CS_<FLAG NAME IN UPPER CASE> when not given on the command line.
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "common/server/outbox_relay_flags.h"
#include "common/server/run_service.h"
#include "services/intake/intake_wiring.h"

ABSL_FLAG(std::string, routing_address, "localhost:50052",
          "host:port of the routing service (the designated unit) that receives forwards");
ABSL_FLAG(std::string, archive_address, "localhost:50056",
          "host:port of the archive service that receives closed records");
ABSL_FLAG(absl::Duration, sla_sweep_interval, absl::Seconds(10),
          "How often missed confirmation deadlines are counted and SLA gauges refreshed");
ABSL_FLAG(int, create_batch_max, 128,
          "Most CreateTicket requests written by one INSERT (group commit)");

namespace {

std::vector<std::string> ExtraEnvFlags() {
  std::vector<std::string> names = {"routing_address", "archive_address", "sla_sweep_interval",
                                    "create_batch_max"};
  for (std::string& name : cs::common::OutboxRelayFlagNames()) names.push_back(std::move(name));
  return names;
}

}  // namespace

int main(int argc, char** argv) {
  return cs::common::RunService(
      argc, argv,
      {.name = "intake",
       .default_grpc_port = 50051,
       .default_metrics_port = 9151,
       .extra_env_flags = ExtraEnvFlags()},
      [](cs::common::ServiceEnvironment& env) -> absl::Status {
        cs::intake::IntakeWiringOptions options;
        options.routing_address = absl::GetFlag(FLAGS_routing_address);
        options.archive_address = absl::GetFlag(FLAGS_archive_address);
        absl::StatusOr<std::string> token = cs::common::ServiceTokenFromFlags();
        if (!token.ok()) return token.status();
        options.service_token = *std::move(token);
        options.sla_sweep_interval = absl::GetFlag(FLAGS_sla_sweep_interval);
        options.relay = cs::common::OutboxRelayOptionsFromFlags();
        options.create_batch_max = absl::GetFlag(FLAGS_create_batch_max);
        return cs::intake::IntakeWiring(std::move(options))(env);
      });
}

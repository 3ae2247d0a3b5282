// The routing service: the designated unit's receipt, decision, dispatch, supervision and reply
// texts (SPEC §2). Flags common to every service are in common/grpc/server_flags.h; routing's own
// are below. Each flag also reads the environment variable CS_<FLAG NAME IN UPPER CASE> when not
// given on the command line.
#include <fstream>
#include <sstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "common/grpc/run_service.h"
#include "services/routing/routing_wiring.h"

ABSL_FLAG(std::string, intake_address, "localhost:50051",
          "host:port of the intake service, to which every outcome is reported");
ABSL_FLAG(std::string, service_token_file, "",
          "File holding the bearer token routing presents to intake (a SERVICE principal of "
          "intake's token file)");
ABSL_FLAG(absl::Duration, supervision_interval, absl::Seconds(30),
          "How often overdue dispatch orders are looked for and SLA gauges refreshed (the reminder "
          "interval itself is overdue_reminder_interval of sla_targets.textproto)");
ABSL_FLAG(absl::Duration, relay_poll_interval, absl::Seconds(1),
          "How often the outbox relay looks for due messages when nothing woke it");
ABSL_FLAG(absl::Duration, relay_initial_backoff, absl::Milliseconds(500),
          "Delay before the first retry of a failed delivery; doubles up to --relay_max_backoff");
ABSL_FLAG(absl::Duration, relay_max_backoff, absl::Seconds(60), "Cap of the retry delay");

namespace {

absl::Status ReadToken(const std::string& path, std::string* token) {
  if (path.empty()) return absl::OkStatus();
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(path + ": cannot read the service token file");
  std::stringstream text;
  text << in.rdbuf();
  *token = std::string(absl::StripAsciiWhitespace(text.str()));
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  return cs::common::RunService(
      argc, argv,
      {.name = "routing",
       .default_grpc_port = 50052,
       .default_metrics_port = 9152,
       .extra_env_flags = {"intake_address", "service_token_file", "supervision_interval",
                           "relay_poll_interval", "relay_initial_backoff", "relay_max_backoff"}},
      [](cs::common::ServiceEnvironment& env) -> absl::Status {
        cs::routing::RoutingWiringOptions options;
        options.intake_address = absl::GetFlag(FLAGS_intake_address);
        absl::Status token =
            ReadToken(absl::GetFlag(FLAGS_service_token_file), &options.service_token);
        if (!token.ok()) return token;
        options.supervision_interval = absl::GetFlag(FLAGS_supervision_interval);
        options.relay_poll_interval = absl::GetFlag(FLAGS_relay_poll_interval);
        options.relay_initial_backoff = absl::GetFlag(FLAGS_relay_initial_backoff);
        options.relay_max_backoff = absl::GetFlag(FLAGS_relay_max_backoff);
        return cs::routing::RoutingWiring(std::move(options))(env);
      });
}

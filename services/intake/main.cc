// The intake service: tickets of record at the unit of first contact (SPEC §1). Flags common to
// every service are in common/grpc/server_flags.h; intake's own are below. Each flag also reads the
// environment variable CS_<FLAG NAME IN UPPER CASE> when not given on the command line.
#include <fstream>
#include <sstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "common/grpc/run_service.h"
#include "services/intake/intake_wiring.h"

ABSL_FLAG(std::string, routing_address, "localhost:50052",
          "host:port of the routing service (the designated unit) that receives forwards");
ABSL_FLAG(std::string, archive_address, "localhost:50056",
          "host:port of the archive service that receives closed records");
ABSL_FLAG(std::string, service_token_file, "",
          "File holding the bearer token intake presents to routing and the archive (a SERVICE "
          "principal of their token files)");
ABSL_FLAG(absl::Duration, sla_sweep_interval, absl::Seconds(10),
          "How often missed confirmation deadlines are counted and SLA gauges refreshed");
ABSL_FLAG(absl::Duration, relay_poll_interval, absl::Seconds(1),
          "How often the outbox relay looks for due messages when nothing woke it");
ABSL_FLAG(absl::Duration, relay_initial_backoff, absl::Milliseconds(500),
          "Delay before the first retry of a failed delivery; doubles up to --relay_max_backoff");
ABSL_FLAG(absl::Duration, relay_max_backoff, absl::Seconds(60), "Cap of the retry delay");
ABSL_FLAG(int, create_batch_max, 128,
          "Most CreateTicket requests written by one INSERT (group commit)");

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
      {.name = "intake",
       .default_grpc_port = 50051,
       .default_metrics_port = 9151,
       .extra_env_flags = {"routing_address", "archive_address", "service_token_file",
                           "sla_sweep_interval", "relay_poll_interval", "relay_initial_backoff",
                           "relay_max_backoff", "create_batch_max"}},
      [](cs::common::ServiceEnvironment& env) -> absl::Status {
        cs::intake::IntakeWiringOptions options;
        options.routing_address = absl::GetFlag(FLAGS_routing_address);
        options.archive_address = absl::GetFlag(FLAGS_archive_address);
        absl::Status token =
            ReadToken(absl::GetFlag(FLAGS_service_token_file), &options.service_token);
        if (!token.ok()) return token;
        options.sla_sweep_interval = absl::GetFlag(FLAGS_sla_sweep_interval);
        options.relay_poll_interval = absl::GetFlag(FLAGS_relay_poll_interval);
        options.relay_initial_backoff = absl::GetFlag(FLAGS_relay_initial_backoff);
        options.relay_max_backoff = absl::GetFlag(FLAGS_relay_max_backoff);
        options.create_batch_max = absl::GetFlag(FLAGS_create_batch_max);
        return cs::intake::IntakeWiring(std::move(options))(env);
      });
}

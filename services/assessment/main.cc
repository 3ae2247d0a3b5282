// The assessment service: the CS center's rectification notices and their replies, maintenance
// notices filed ahead of foreseeable work, launch reviews, satisfaction surveys, partners and
// agents, special tasks and training, and the monthly scorecard of every unit gathered over gRPC
// from the five other services (SPEC §5). Flags common to every service are in
// common/server/server_flags.h; its own are below. Each flag also reads the environment variable
// CS_<FLAG NAME IN UPPER CASE> when not given on the command line.
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "common/server/run_service.h"
#include "common/server/service_token_flags.h"
#include "services/assessment/assessment_wiring.h"

ABSL_FLAG(std::string, intake_address, "localhost:50051",
          "host:port of intake: forwarding confirmed in the working hour, per unit and month");
ABSL_FLAG(std::string, routing_address, "localhost:50052",
          "host:port of routing: dispatched orders handled on time");
ABSL_FLAG(std::string, hotline_registry_address, "localhost:50053",
          "host:port of hotline-registry: connection rate, phrase use, reports on time");
ABSL_FLAG(std::string, channel_registry_address, "localhost:50054",
          "host:port of channel-registry: filings, checks, faults, reports on time");
ABSL_FLAG(std::string, archive_address, "localhost:50056",
          "host:port of archive: monthly reports on time and archive completeness");
ABSL_FLAG(absl::Duration, peer_deadline, absl::Seconds(5),
          "Deadline of each call to a peer while a scorecard is gathered; a peer that does not "
          "answer within it leaves the scorecard incomplete");
ABSL_FLAG(absl::Duration, sweep_interval, absl::Seconds(60),
          "How often unacknowledged notices are deemed received after the grace, the month's "
          "scorecards computed once its reports are due (incomplete ones again) and the gauges "
          "refreshed");
ABSL_FLAG(absl::Duration, notice_receipt_grace, absl::Hours(24),
          "S1: a rectification notice not acknowledged within this time of its issue is deemed "
          "received at the end of it");
ABSL_FLAG(int, notice_reopen_working_days, 5,
          "S1: the new reply deadline, in working days from the failed verification, of a "
          "reopened rectification notice (the regulation gives none)");

namespace {

std::vector<std::string> ExtraEnvFlags() {
  return {"intake_address",
          "routing_address",
          "hotline_registry_address",
          "channel_registry_address",
          "archive_address",
          "peer_deadline",
          "sweep_interval",
          "notice_receipt_grace",
          "notice_reopen_working_days",
          cs::common::kServiceTokenFileFlag};
}

}  // namespace

int main(int argc, char** argv) {
  return cs::common::RunService(
      argc, argv,
      {.name = "assessment",
       .default_grpc_port = 50055,
       .default_metrics_port = 9155,
       .extra_env_flags = ExtraEnvFlags()},
      [](cs::common::ServiceEnvironment& env) -> absl::Status {
        cs::assessment::AssessmentWiringOptions options;
        options.peers.intake = absl::GetFlag(FLAGS_intake_address);
        options.peers.routing = absl::GetFlag(FLAGS_routing_address);
        options.peers.hotline_registry = absl::GetFlag(FLAGS_hotline_registry_address);
        options.peers.channel_registry = absl::GetFlag(FLAGS_channel_registry_address);
        options.peers.archive = absl::GetFlag(FLAGS_archive_address);
        options.peer_deadline = absl::GetFlag(FLAGS_peer_deadline);
        absl::StatusOr<std::string> token = cs::common::ServiceTokenFromFlags();
        if (!token.ok()) return token.status();
        options.service_token = *std::move(token);
        options.sweep_interval = absl::GetFlag(FLAGS_sweep_interval);
        options.notice_receipt_grace = absl::GetFlag(FLAGS_notice_receipt_grace);
        options.notice_reopen_working_days = absl::GetFlag(FLAGS_notice_reopen_working_days);
        return cs::assessment::AssessmentWiring(std::move(options))(env);
      });
}

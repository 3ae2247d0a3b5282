// The archive service: closed complete records kept under audit (SPEC §6). Flags common to every
// service — among them --migration_user, the account that creates its tables and then grants
// --mysql_user exactly deploy/sql/archive_grants.sql — are in common/server/server_flags.h; the
// archive's own are below. Each flag also reads the environment variable
// CS_<FLAG NAME IN UPPER CASE> when not given on the command line.
#include <utility>

#include "absl/flags/flag.h"
#include "common/server/run_service.h"
#include "services/archive/archive_wiring.h"

ABSL_FLAG(
    absl::Duration, sweep_interval, absl::Seconds(60),
    "How often the due-for-destruction gauge is refreshed and missed monthly reports counted");

int main(int argc, char** argv) {
  return cs::common::RunService(argc, argv,
                                {.name = "archive",
                                 .default_grpc_port = 50056,
                                 .default_metrics_port = 9156,
                                 .extra_env_flags = {"sweep_interval"}},
                                [](cs::common::ServiceEnvironment& env) -> absl::Status {
                                  cs::archive::ArchiveWiringOptions options;
                                  options.sweep_interval = absl::GetFlag(FLAGS_sweep_interval);
                                  return cs::archive::ArchiveWiring(std::move(options))(env);
                                });
}

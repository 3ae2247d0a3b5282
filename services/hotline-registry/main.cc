// The hotline registry: external service hotlines run only with the CS center's approval, their
// changes approved beforehand, call records and the monthly connection rate, trained staff only,
// standard-phrase scoring (SPEC §3). Flags common to every service are in
// common/server/server_flags.h; the registry's own are below. Each flag also reads the environment
// variable CS_<FLAG NAME IN UPPER CASE> when not given on the command line.
#include "absl/flags/flag.h"
#include "common/server/run_service.h"
#include "services/hotline-registry/hotline_registry_wiring.h"

ABSL_FLAG(absl::Duration, sweep_interval, absl::Seconds(30),
          "How often changes and number-transition ends whose time came are applied, missed "
          "monthly operating reports counted and the gauges refreshed");
ABSL_FLAG(int, ingest_batch_size, 500,
          "Call records written per batch (one multi-row INSERT, one commit) while "
          "IngestCallRecords reads its stream; 1..10000");

int main(int argc, char** argv) {
  return cs::common::RunService(argc, argv,
                                {.name = "hotline-registry",
                                 .default_grpc_port = 50053,
                                 .default_metrics_port = 9153,
                                 .extra_env_flags = {"sweep_interval", "ingest_batch_size"}},
                                [](cs::common::ServiceEnvironment& env) -> absl::Status {
                                  cs::hotline::HotlineWiringOptions options;
                                  options.sweep_interval = absl::GetFlag(FLAGS_sweep_interval);
                                  options.ingest_batch_size =
                                      absl::GetFlag(FLAGS_ingest_batch_size);
                                  return cs::hotline::HotlineRegistryWiring(options)(env);
                                });
}

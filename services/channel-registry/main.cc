// The channel registry: every online service channel a unit runs filed with form F3 and
// acknowledged by the CS center, kept accurate, its faults repaired in time, its complaints looked
// at on schedule, its mailbox watched for capacity, and reported month by month (SPEC §4, annex
// A3). Flags common to every service are in common/server/server_flags.h; the registry's own are
// below. Each flag also reads the environment variable CS_<FLAG NAME IN UPPER CASE> when not given
// on the command line.
#include "absl/flags/flag.h"
#include "common/server/run_service.h"
#include "services/channel-registry/channel_registry_wiring.h"

ABSL_FLAG(absl::Duration, sweep_interval, absl::Seconds(30),
          "How often missed monthly reports are counted and the gauges (channels by state, "
          "overdue checks and faults, mailbox forecasts) refreshed");
ABSL_FLAG(absl::Duration, capacity_window, absl::Hours(14 * 24),
          "C6: the mailbox forecast fits a least-squares line to the usage samples of this window "
          "before the latest one");
ABSL_FLAG(absl::Duration, capacity_horizon, absl::Hours(7 * 24),
          "C6: warn when the forecast says the mailbox is full within this horizon");
ABSL_FLAG(double, capacity_usage_threshold, 0.8,
          "C6: warn when a mailbox is used at or above this share of its capacity; in (0, 1]");

int main(int argc, char** argv) {
  return cs::common::RunService(
      argc, argv,
      {.name = "channel-registry",
       .default_grpc_port = 50054,
       .default_metrics_port = 9154,
       .extra_env_flags = {"sweep_interval", "capacity_window", "capacity_horizon",
                           "capacity_usage_threshold"}},
      [](cs::common::ServiceEnvironment& env) -> absl::Status {
        cs::channel::ChannelWiringOptions options;
        options.sweep_interval = absl::GetFlag(FLAGS_sweep_interval);
        options.capacity_window = absl::GetFlag(FLAGS_capacity_window);
        options.capacity_horizon = absl::GetFlag(FLAGS_capacity_horizon);
        options.capacity_usage_threshold = absl::GetFlag(FLAGS_capacity_usage_threshold);
        return cs::channel::ChannelRegistryWiring(options)(env);
      });
}

// Builds a running channel registry from its configuration: data files (units, calendar, SLA
// targets — channel_fault_repair per online kind, monthly_report_due_working_day), the schema
// (migrations), the five MySQL stores, metrics, core and the periodic sweep with the platform's
// housekeeping. main.cc and the integration tests use the same wiring, so a test exercises exactly
// what is deployed.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_CHANNEL_REGISTRY_WIRING_H_
#define CS_SERVICES_CHANNEL_REGISTRY_CHANNEL_REGISTRY_WIRING_H_

#include "absl/time/time.h"
#include "common/server/service_server.h"

namespace cs::channel {

struct ChannelWiringOptions {
  // How often the sweep counts missed monthly reports and refreshes the gauges (channels by state,
  // overdue checks and faults, mailbox forecasts).
  absl::Duration sweep_interval = absl::Seconds(30);
  // C6, A3 7.5.4: the mailbox forecast fits the samples of this window before the latest one…
  absl::Duration capacity_window = absl::Hours(14 * 24);
  // …and warns when the box is full within this horizon…
  absl::Duration capacity_horizon = absl::Hours(7 * 24);
  // …or used at or above this share of its capacity, in (0, 1].
  double capacity_usage_threshold = 0.8;
};

// The wiring function for ServiceServer::Start / RunService. INVALID_ARGUMENT naming the option
// when the sweep interval is not positive or the capacity options are out of range; the data
// files' and settings' errors (ValidateChannelSettings) stop the start with what is wrong.
common::WireFunction ChannelRegistryWiring(ChannelWiringOptions options);

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_CHANNEL_REGISTRY_WIRING_H_

#include "common/server/outbox_relay_flags.h"

#include "absl/flags/flag.h"
#include "common/workers/outbox_relay_worker.h"

ABSL_FLAG(absl::Duration, relay_poll_interval,
          cs::common::DefaultServiceRelayOptions().poll_interval,
          "How often the outbox relay looks for due messages when nothing woke it");
ABSL_FLAG(absl::Duration, relay_initial_backoff,
          cs::common::DefaultServiceRelayOptions().backoff.initial,
          "Delay before the first retry of a failed delivery; doubles up to --relay_max_backoff");
ABSL_FLAG(absl::Duration, relay_max_backoff, cs::common::DefaultServiceRelayOptions().backoff.max,
          "Cap of the retry delay");

namespace cs::common {

std::vector<std::string> OutboxRelayFlagNames() {
  return {kServiceTokenFileFlag, "relay_poll_interval", "relay_initial_backoff",
          "relay_max_backoff"};
}

db::OutboxRelayOptions OutboxRelayOptionsFromFlags() {
  db::OutboxRelayOptions options = DefaultServiceRelayOptions();
  options.poll_interval = absl::GetFlag(FLAGS_relay_poll_interval);
  options.backoff.initial = absl::GetFlag(FLAGS_relay_initial_backoff);
  options.backoff.max = absl::GetFlag(FLAGS_relay_max_backoff);
  return options;
}

}  // namespace cs::common

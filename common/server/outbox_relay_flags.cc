#include "common/server/outbox_relay_flags.h"

#include <algorithm>

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
ABSL_FLAG(
    int, relay_max_permanent_failures,
    cs::common::DefaultServiceRelayOptions().max_permanent_failures,
    "How many times a receiver may refuse an outbox message with a permanent error "
    "(INVALID_ARGUMENT, FAILED_PRECONDITION, NOT_FOUND, ...) before it becomes a dead letter, "
    "kept for an operator (cs.common.v1.OutboxAdmin) instead of retried; at least 1");

namespace cs::common {

std::vector<std::string> OutboxRelayFlagNames() {
  return {kServiceTokenFileFlag, "relay_poll_interval", "relay_initial_backoff",
          "relay_max_backoff", "relay_max_permanent_failures"};
}

db::OutboxRelayOptions OutboxRelayOptionsFromFlags() {
  db::OutboxRelayOptions options = DefaultServiceRelayOptions();
  options.poll_interval = absl::GetFlag(FLAGS_relay_poll_interval);
  options.backoff.initial = absl::GetFlag(FLAGS_relay_initial_backoff);
  options.backoff.max = absl::GetFlag(FLAGS_relay_max_backoff);
  options.max_permanent_failures = std::max(1, absl::GetFlag(FLAGS_relay_max_permanent_failures));
  return options;
}

}  // namespace cs::common

// The flags of a service that delivers an outbox to other services (intake, routing), defined once
// here and linked only into those binaries:
//   --service_token_file     the bearer token the service presents to the receivers
//                            (service_token_flags.h, included here: every relay needs it)
//   --relay_poll_interval    how often the relay looks for due messages when nothing woke it
//   --relay_initial_backoff  delay before the first retry of a failed delivery (then doubling)
//   --relay_max_backoff      cap of the retry delay
//   --relay_max_permanent_failures  refusals (permanent errors) after which a message becomes a
//                            dead letter (outbox.h), no longer retried until an operator retries it
// Defaults are DefaultServiceRelayOptions().
#ifndef CS_COMMON_SERVER_OUTBOX_RELAY_FLAGS_H_
#define CS_COMMON_SERVER_OUTBOX_RELAY_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/outbox_relay.h"
#include "common/server/service_token_flags.h"

namespace cs::common {

// The names above, for ServiceInfo::extra_env_flags (each then also reads CS_<NAME>).
std::vector<std::string> OutboxRelayFlagNames();

// The relay settings the flags give (observer unset).
db::OutboxRelayOptions OutboxRelayOptionsFromFlags();

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_OUTBOX_RELAY_FLAGS_H_

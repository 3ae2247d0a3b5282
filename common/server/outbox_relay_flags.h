// The flags of a service that delivers an outbox to other services (intake, routing), defined once
// here and linked only into those binaries:
//   --service_token_file     file holding the bearer token the service presents to the receivers
//   --relay_poll_interval    how often the relay looks for due messages when nothing woke it
//   --relay_initial_backoff  delay before the first retry of a failed delivery (then doubling)
//   --relay_max_backoff      cap of the retry delay
// Defaults are DefaultServiceRelayOptions().
#ifndef CS_COMMON_SERVER_OUTBOX_RELAY_FLAGS_H_
#define CS_COMMON_SERVER_OUTBOX_RELAY_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/outbox_relay.h"

namespace cs::common {

// The names above, for ServiceInfo::extra_env_flags (each then also reads CS_<NAME>).
std::vector<std::string> OutboxRelayFlagNames();

// The relay settings the flags give (observer unset).
db::OutboxRelayOptions OutboxRelayOptionsFromFlags();

// The token in --service_token_file without surrounding white space; empty when the flag is empty.
// NOT_FOUND naming the file when it cannot be read.
absl::StatusOr<std::string> ServiceTokenFromFlags();

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_OUTBOX_RELAY_FLAGS_H_

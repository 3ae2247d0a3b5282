// The flag of a service that calls other services of the suite in its own name (intake and routing
// deliver their outboxes; assessment reads its peers' monthly figures), defined once here and
// linked only into those binaries:
//   --service_token_file  file holding the bearer token the service presents to the services it
//                         calls (a SERVICE principal of their token files)
#ifndef CS_COMMON_SERVER_SERVICE_TOKEN_FLAGS_H_
#define CS_COMMON_SERVER_SERVICE_TOKEN_FLAGS_H_

#include <string>

#include "absl/status/statusor.h"

namespace cs::common {

// "service_token_file", for ServiceInfo::extra_env_flags (it then also reads
// CS_SERVICE_TOKEN_FILE).
inline constexpr char kServiceTokenFileFlag[] = "service_token_file";

// The token in --service_token_file without surrounding white space; empty when the flag is empty.
// NOT_FOUND naming the file when it cannot be read.
absl::StatusOr<std::string> ServiceTokenFromFlags();

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_SERVICE_TOKEN_FLAGS_H_

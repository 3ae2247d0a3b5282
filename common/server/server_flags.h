// The flags every service process takes, each with an environment fallback CS_<NAME> (env_flags.h):
//   --grpc_address (0.0.0.0)   --grpc_port (-1: the service's default; 0: any free port)
//   --metrics_address (0.0.0.0) --metrics_port (-1: the service's default; 0: any free port)
//   --mysql_host (127.0.0.1) --mysql_port (3306) --mysql_user --mysql_password
//   --mysql_database (empty: cs_<service>) --mysql_pool_size (8)
//   --config_dir (deploy/config) --tokens_file (empty: <config_dir>/tokens.textproto)
//   --test_clock (false) --log_level (info) --shutdown_grace (10s)
// Defined once here so every binary spells them alike. Services add their own flags and list them
// in ServiceInfo::extra_env_flags to get the same fallback.
#ifndef CS_COMMON_SERVER_SERVER_FLAGS_H_
#define CS_COMMON_SERVER_SERVER_FLAGS_H_

#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/server/service_server.h"

ABSL_DECLARE_FLAG(std::string, grpc_address);
ABSL_DECLARE_FLAG(int, grpc_port);
ABSL_DECLARE_FLAG(std::string, metrics_address);
ABSL_DECLARE_FLAG(int, metrics_port);
ABSL_DECLARE_FLAG(std::string, mysql_host);
ABSL_DECLARE_FLAG(int, mysql_port);
ABSL_DECLARE_FLAG(std::string, mysql_user);
ABSL_DECLARE_FLAG(std::string, mysql_password);
ABSL_DECLARE_FLAG(std::string, mysql_database);
ABSL_DECLARE_FLAG(int, mysql_pool_size);
ABSL_DECLARE_FLAG(std::string, config_dir);
ABSL_DECLARE_FLAG(std::string, tokens_file);
ABSL_DECLARE_FLAG(bool, test_clock);
ABSL_DECLARE_FLAG(std::string, log_level);
ABSL_DECLARE_FLAG(absl::Duration, shutdown_grace);

namespace cs::common {

// What a service tells the bootstrap about itself.
struct ServiceInfo {
  // "intake", "routing", …: logged; the default schema is cs_<name>.
  std::string name;
  // The ports of ARCHITECTURE's table, used when --grpc_port / --metrics_port are not given.
  int default_grpc_port = 0;
  int default_metrics_port = 0;
  // The service's own flags that also fall back to CS_<NAME> environment variables.
  std::vector<std::string> extra_env_flags;
};

// The names of the common flags above.
const std::vector<std::string>& ServerFlagNames();

// ServerOptions from the current flag values (after env fallbacks). INVALID_ARGUMENT naming the
// flag for a port outside [-1, 65535], a pool size < 1 or a non-positive grace period.
absl::StatusOr<ServerOptions> ServerOptionsFromFlags(const ServiceInfo& info);

// The --tokens_file path, resolved against --config_dir when empty.
std::string TokensFileFromFlags();

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_SERVER_FLAGS_H_

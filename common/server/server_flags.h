// The flags every service process takes, each with an environment fallback CS_<NAME> (env_flags.h):
//   --grpc_address (0.0.0.0)   --grpc_port (-1: the service's default; 0: any free port)
//   --metrics_address (0.0.0.0) --metrics_port (-1: the service's default; 0: any free port)
//   --mysql_host (127.0.0.1) --mysql_port (3306) --mysql_user --mysql_password
//   --mysql_password_file (the password read from a file, e.g. a Docker or Kubernetes secret)
//   --mysql_database (empty: cs_<service>, '-' as '_') --mysql_pool_size (8)
//   --config_dir (deploy/config) --tokens_file (empty: <config_dir>/tokens.textproto)
//   --test_clock (false) --log_level (info) --shutdown_grace (10s)
//   --calendar_reload_interval (1m: how often the calendar file is checked for changes; 0: never)
//   --dev_mode (false: a token file with development-only entries is refused, run_service.h)
//   --migration_user --migration_password --migration_password_file (the account that creates
//     the tables and grants --mysql_user its rights: common/server/service_database.h)
// Transport security (README "Transport security"); every file is read and checked at start:
//   --tls_cert_file --tls_key_file     TLS on the gRPC port (both or neither; none: plaintext)
//   --tls_client_ca_file               clients must present a certificate from this CA (mTLS)
//   --tls_ca_file                      channels to the other services use TLS, trusting this CA
//   --tls_client_cert_file --tls_client_key_file   the certificate presented to them (mTLS)
//   --mysql_ssl_ca [--mysql_ssl_cert --mysql_ssl_key]   the database over TLS, server verified
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
ABSL_DECLARE_FLAG(std::string, mysql_password_file);
ABSL_DECLARE_FLAG(std::string, mysql_database);
ABSL_DECLARE_FLAG(int, mysql_pool_size);
ABSL_DECLARE_FLAG(std::string, config_dir);
ABSL_DECLARE_FLAG(std::string, tokens_file);
ABSL_DECLARE_FLAG(bool, test_clock);
ABSL_DECLARE_FLAG(std::string, log_level);
ABSL_DECLARE_FLAG(absl::Duration, shutdown_grace);
ABSL_DECLARE_FLAG(absl::Duration, calendar_reload_interval);
ABSL_DECLARE_FLAG(bool, dev_mode);
ABSL_DECLARE_FLAG(std::string, tls_cert_file);
ABSL_DECLARE_FLAG(std::string, tls_key_file);
ABSL_DECLARE_FLAG(std::string, tls_client_ca_file);
ABSL_DECLARE_FLAG(std::string, tls_ca_file);
ABSL_DECLARE_FLAG(std::string, tls_client_cert_file);
ABSL_DECLARE_FLAG(std::string, tls_client_key_file);
ABSL_DECLARE_FLAG(std::string, mysql_ssl_ca);
ABSL_DECLARE_FLAG(std::string, mysql_ssl_cert);
ABSL_DECLARE_FLAG(std::string, mysql_ssl_key);
ABSL_DECLARE_FLAG(std::string, migration_user);
ABSL_DECLARE_FLAG(std::string, migration_password);
ABSL_DECLARE_FLAG(std::string, migration_password_file);

namespace cs::common {

// What a service tells the bootstrap about itself.
struct ServiceInfo {
  // "intake", "routing", …: logged; the default schema is cs_<name> ('-' as '_').
  std::string name;
  // The ports of ARCHITECTURE's table, used when --grpc_port / --metrics_port are not given.
  int default_grpc_port = 0;
  int default_metrics_port = 0;
  // The service's own flags that also fall back to CS_<NAME> environment variables.
  std::vector<std::string> extra_env_flags;
};

// The names of the common flags above.
const std::vector<std::string>& ServerFlagNames();

// ServerOptions from the current flag values (after env fallbacks), the TLS files read and checked
// (tls, peer_channels, mysql.ssl_*), the password files read. INVALID_ARGUMENT naming every bad
// flag: a port outside [-1, 65535], a pool size < 1, a non-positive grace period, a negative
// calendar reload interval, a password given both ways, a TLS flag without its partner, a
// file that cannot be read or does not hold what the flag needs (with its path), a key that does
// not belong to its certificate, an expired certificate.
absl::StatusOr<ServerOptions> ServerOptionsFromFlags(const ServiceInfo& info);

// How this process opens channels to the other services (--tls_ca_file, --tls_client_cert_file,
// --tls_client_key_file), files read once. Part of ServerOptionsFromFlags (ServerOptions::
// peer_channels); on its own for tools that call the services. INVALID_ARGUMENT as above.
absl::StatusOr<PeerChannelOptions> PeerChannelOptionsFromFlags();

// The content of a file holding one secret (a password from --mysql_password_file,
// --migration_password_file or a service's own such flag): the whole file less trailing line
// breaks, so `echo pw >file` works. INVALID_ARGUMENT naming the path when it cannot be read or
// holds nothing.
absl::StatusOr<std::string> ReadSecretFile(const std::string& path);

// The --tokens_file path, resolved against --config_dir when empty.
std::string TokensFileFromFlags();

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_SERVER_FLAGS_H_

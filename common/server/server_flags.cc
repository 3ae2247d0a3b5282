#include "common/server/server_flags.h"

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/status/field_violations.h"

ABSL_FLAG(std::string, grpc_address, "0.0.0.0", "Address the gRPC server listens on.");
ABSL_FLAG(int, grpc_port, -1,
          "gRPC port; -1 means the service's default port, 0 any free port (logged at start).");
ABSL_FLAG(std::string, metrics_address, "0.0.0.0", "Address the /metrics endpoint listens on.");
ABSL_FLAG(int, metrics_port, -1,
          "Prometheus /metrics port; -1 means the service's default port, 0 any free port.");
ABSL_FLAG(std::string, mysql_host, "127.0.0.1", "MySQL/MariaDB host.");
ABSL_FLAG(int, mysql_port, 3306, "MySQL/MariaDB port.");
ABSL_FLAG(std::string, mysql_user, "", "MySQL/MariaDB user.");
ABSL_FLAG(std::string, mysql_password, "",
          "MySQL/MariaDB password; prefer the CS_MYSQL_PASSWORD environment variable, which does "
          "not show in process listings.");
ABSL_FLAG(std::string, mysql_database, "", "Schema the service owns; empty means cs_<service>.");
ABSL_FLAG(int, mysql_pool_size, 8, "Database connections opened at start and kept.");
ABSL_FLAG(std::string, config_dir, "deploy/config",
          "Directory of calendar.textproto, units.textproto, sla_targets.textproto, …");
ABSL_FLAG(std::string, tokens_file, "",
          "Token file (hashes only); empty means <config_dir>/tokens.textproto.");
ABSL_FLAG(
    bool, test_clock, false,
    "Run on a manual clock served by cs.common.v1.TestClock (tests only; never in production).");
ABSL_FLAG(std::string, log_level, "info", "Minimum log level: debug, info, warning or error.");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10),
          "How long in-flight calls may finish after SIGTERM before they are cancelled.");

namespace cs::common {
namespace {

void CheckPort(absl::string_view flag, int port, FieldViolations* violations) {
  if (port < -1 || port > 65535) {
    violations->Add(std::string(flag),
                    absl::StrCat("must be -1, 0 or a port up to 65535; got ", port));
  }
}

}  // namespace

const std::vector<std::string>& ServerFlagNames() {
  static const auto* const kNames = new std::vector<std::string>{
      "grpc_address", "grpc_port",   "metrics_address", "metrics_port",   "mysql_host",
      "mysql_port",   "mysql_user",  "mysql_password",  "mysql_database", "mysql_pool_size",
      "config_dir",   "tokens_file", "test_clock",      "log_level",      "shutdown_grace"};
  return *kNames;
}

absl::StatusOr<ServerOptions> ServerOptionsFromFlags(const ServiceInfo& info) {
  FieldViolations violations;
  ServerOptions options;
  options.service_name = info.name;
  options.grpc_address = absl::GetFlag(FLAGS_grpc_address);
  const int grpc_port = absl::GetFlag(FLAGS_grpc_port);
  CheckPort("grpc_port", grpc_port, &violations);
  options.grpc_port = grpc_port == -1 ? info.default_grpc_port : grpc_port;
  options.metrics_address = absl::GetFlag(FLAGS_metrics_address);
  const int metrics_port = absl::GetFlag(FLAGS_metrics_port);
  CheckPort("metrics_port", metrics_port, &violations);
  options.metrics_port = metrics_port == -1 ? info.default_metrics_port : metrics_port;
  options.test_clock = absl::GetFlag(FLAGS_test_clock);
  options.config_dir = absl::GetFlag(FLAGS_config_dir);
  options.mysql.host = absl::GetFlag(FLAGS_mysql_host);
  options.mysql.port = absl::GetFlag(FLAGS_mysql_port);
  if (options.mysql.port < 1 || options.mysql.port > 65535) {
    violations.Add("mysql_port", absl::StrCat("must be a port; got ", options.mysql.port));
  }
  options.mysql.user = absl::GetFlag(FLAGS_mysql_user);
  options.mysql.password = absl::GetFlag(FLAGS_mysql_password);
  options.mysql.database = absl::GetFlag(FLAGS_mysql_database);
  if (options.mysql.database.empty()) options.mysql.database = absl::StrCat("cs_", info.name);
  options.mysql.pool_size = absl::GetFlag(FLAGS_mysql_pool_size);
  if (options.mysql.pool_size < 1) {
    violations.Add("mysql_pool_size",
                   absl::StrCat("must be at least 1; got ", options.mysql.pool_size));
  }
  options.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  if (options.shutdown_grace <= absl::ZeroDuration()) {
    violations.Add("shutdown_grace", "must be positive");
  }
  if (!violations.empty()) return violations.ToStatus("invalid flags");
  return options;
}

std::string TokensFileFromFlags() {
  std::string path = absl::GetFlag(FLAGS_tokens_file);
  if (!path.empty()) return path;
  const std::string dir = absl::GetFlag(FLAGS_config_dir);
  return dir.empty() ? "tokens.textproto" : absl::StrCat(dir, "/tokens.textproto");
}

}  // namespace cs::common

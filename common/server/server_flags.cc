#include "common/server/server_flags.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/server/tls_files.h"
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
ABSL_FLAG(std::string, mysql_password_file, "",
          "File holding the MySQL/MariaDB password (a Docker or Kubernetes secret), instead of "
          "--mysql_password; trailing line breaks are dropped.");
ABSL_FLAG(std::string, mysql_database, "",
          "Schema the service owns; empty means cs_<service> ('-' as '_').");
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
ABSL_FLAG(absl::Duration, calendar_reload_interval, absl::Minutes(1),
          "How often the calendar file (<config_dir>/calendar.textproto) is checked for changes; a "
          "changed file is read once it has stayed the same for one check. 0 turns the check off "
          "(SIGHUP and cs.common.v1.CalendarAdmin/ReloadCalendar still reload).");
ABSL_FLAG(bool, dev_mode, false,
          "Accept a token file with entries marked development_only (deploy/config/"
          "tokens.textproto, whose tokens are public in dev-tokens.md). A developer machine and "
          "tests only; without it such a file stops the start.");
ABSL_FLAG(std::string, tls_cert_file, "",
          "PEM certificate (chain) of this server; with --tls_key_file the gRPC port speaks TLS "
          "only. Empty: plaintext, and a warning is logged at start.");
ABSL_FLAG(std::string, tls_key_file, "",
          "PEM private key of --tls_cert_file (unencrypted; protect it by its file permissions).");
ABSL_FLAG(std::string, tls_client_ca_file, "",
          "PEM certificate(s) of the authority that signs client certificates: when given, every "
          "client must present a certificate it signed (mutual TLS). Needs --tls_cert_file.");
ABSL_FLAG(std::string, tls_ca_file, "",
          "PEM certificate(s) of the authority that signs the other services' server "
          "certificates: when given, channels to them use TLS. Empty: plaintext.");
ABSL_FLAG(std::string, tls_client_cert_file, "",
          "PEM certificate (chain) this process presents to the other services (needed when they "
          "run with --tls_client_ca_file). Needs --tls_ca_file and --tls_client_key_file.");
ABSL_FLAG(std::string, tls_client_key_file, "", "PEM private key of --tls_client_cert_file.");
ABSL_FLAG(std::string, mysql_ssl_ca, "",
          "PEM certificate(s) of the authority that signed the MySQL/MariaDB server's certificate: "
          "when given, the database is reached over TLS only, and the server's certificate and "
          "host name are verified.");
ABSL_FLAG(std::string, mysql_ssl_cert, "",
          "PEM client certificate for the database (accounts created REQUIRE X509); needs "
          "--mysql_ssl_ca and --mysql_ssl_key.");
ABSL_FLAG(std::string, mysql_ssl_key, "", "PEM private key of --mysql_ssl_cert.");
ABSL_FLAG(std::string, migration_user, "",
          "Database account that applies the schema migrations and then grants "
          "'<--mysql_user>'@'%' the service's rights, per table: never UPDATE or DELETE on "
          "audit_log (the archive: deploy/sql/archive_grants.sql). It needs every right on the "
          "schema WITH GRANT OPTION (deploy/sql/create_service_accounts.sh makes "
          "cs_<service>_migration so). Empty: --mysql_user runs the migrations itself "
          "(development only: it then holds more than the grants allow).");
ABSL_FLAG(std::string, migration_password, "", "Password of --migration_user.");
ABSL_FLAG(std::string, migration_password_file, "",
          "File holding the password of --migration_user (a Docker or Kubernetes secret), "
          "instead of --migration_password; trailing line breaks are dropped.");

namespace cs::common {
namespace {

void CheckPort(absl::string_view flag, int port, FieldViolations* violations) {
  if (port < -1 || port > 65535) {
    violations->Add(std::string(flag),
                    absl::StrCat("must be -1, 0 or a port up to 65535; got ", port));
  }
}

// The file of `flag` (at `path`) holding certificates; "" (and a violation) when it does not.
std::string CertificatesFlag(absl::string_view flag, const std::string& path,
                             FieldViolations* violations) {
  absl::StatusOr<std::string> pem = ReadCertificatesPem(path);
  if (!pem.ok()) {
    violations->Add(std::string(flag), std::string(pem.status().message()));
    return "";
  }
  return *std::move(pem);
}

struct KeyPairPem {
  std::string certificate;
  std::string key;
};

// A certificate and its key, given by two flags that go together. nullopt when neither is given or
// something is wrong (then with a violation naming the flag).
absl::optional<KeyPairPem> KeyPairFlags(absl::string_view certificate_flag,
                                        const std::string& certificate_path,
                                        absl::string_view key_flag, const std::string& key_path,
                                        FieldViolations* violations) {
  if (certificate_path.empty() && key_path.empty()) return absl::nullopt;
  if (certificate_path.empty() || key_path.empty()) {
    const absl::string_view missing = certificate_path.empty() ? certificate_flag : key_flag;
    const absl::string_view given = certificate_path.empty() ? key_flag : certificate_flag;
    violations->Add(std::string(missing), absl::StrCat("must be given with --", given));
    return absl::nullopt;
  }
  const size_t before = violations->violations().size();
  KeyPairPem pair;
  pair.certificate = CertificatesFlag(certificate_flag, certificate_path, violations);
  absl::StatusOr<std::string> key = ReadPrivateKeyPem(key_path);
  if (!key.ok()) {
    violations->Add(std::string(key_flag), std::string(key.status().message()));
  } else {
    pair.key = *std::move(key);
  }
  if (violations->violations().size() != before) return absl::nullopt;
  if (absl::Status matches =
          CheckCertificateAndKey(pair.certificate, certificate_path, pair.key, key_path);
      !matches.ok()) {
    violations->Add(std::string(certificate_flag), std::string(matches.message()));
    return absl::nullopt;
  }
  return pair;
}

absl::optional<ServerTls> ServerTlsFromFlags(FieldViolations* violations) {
  const std::string client_ca_path = absl::GetFlag(FLAGS_tls_client_ca_file);
  absl::optional<KeyPairPem> pair =
      KeyPairFlags("tls_cert_file", absl::GetFlag(FLAGS_tls_cert_file), "tls_key_file",
                   absl::GetFlag(FLAGS_tls_key_file), violations);
  if (!pair.has_value()) {
    if (!client_ca_path.empty() && absl::GetFlag(FLAGS_tls_cert_file).empty()) {
      violations->Add("tls_client_ca_file",
                      "needs --tls_cert_file and --tls_key_file: client certificates are asked for "
                      "in a TLS handshake");
    }
    return absl::nullopt;
  }
  ServerTls tls;
  tls.certificate_chain_pem = std::move(pair->certificate);
  tls.private_key_pem = std::move(pair->key);
  if (!client_ca_path.empty()) {
    tls.client_ca_pem = CertificatesFlag("tls_client_ca_file", client_ca_path, violations);
  }
  return tls;
}

PeerChannelOptions ReadPeerChannelFlags(FieldViolations* violations) {
  PeerChannelOptions options;
  const std::string ca_path = absl::GetFlag(FLAGS_tls_ca_file);
  absl::optional<KeyPairPem> client =
      KeyPairFlags("tls_client_cert_file", absl::GetFlag(FLAGS_tls_client_cert_file),
                   "tls_client_key_file", absl::GetFlag(FLAGS_tls_client_key_file), violations);
  if (ca_path.empty()) {
    if (!absl::GetFlag(FLAGS_tls_client_cert_file).empty()) {
      violations->Add("tls_client_cert_file",
                      "needs --tls_ca_file: a client certificate is only sent over TLS");
    }
    return options;
  }
  PeerTls tls;
  tls.root_certificates_pem = CertificatesFlag("tls_ca_file", ca_path, violations);
  if (client.has_value()) {
    tls.client_certificate_chain_pem = std::move(client->certificate);
    tls.client_private_key_pem = std::move(client->key);
  }
  options.tls = std::move(tls);
  return options;
}

// --mysql_ssl_*: paths, which Connector/C++ reads itself; checked here so a wrong one is named.
void MySqlTlsFromFlags(db::MySqlOptions* mysql, FieldViolations* violations) {
  const std::string ca_path = absl::GetFlag(FLAGS_mysql_ssl_ca);
  const std::string cert_path = absl::GetFlag(FLAGS_mysql_ssl_cert);
  const std::string key_path = absl::GetFlag(FLAGS_mysql_ssl_key);
  if (ca_path.empty()) {
    if (!cert_path.empty() || !key_path.empty()) {
      violations->Add(
          "mysql_ssl_ca",
          "must be given with --mysql_ssl_cert/--mysql_ssl_key: the server is always verified");
    }
    return;
  }
  if (!CertificatesFlag("mysql_ssl_ca", ca_path, violations).empty()) mysql->ssl_ca = ca_path;
  if (KeyPairFlags("mysql_ssl_cert", cert_path, "mysql_ssl_key", key_path, violations)
          .has_value()) {
    mysql->ssl_cert = cert_path;
    mysql->ssl_key = key_path;
  }
}

}  // namespace

absl::StatusOr<std::string> ReadSecretFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot read ", path, ": ", std::strerror(errno)));
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string secret = text.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) return absl::InvalidArgumentError(absl::StrCat(path, " is empty"));
  return secret;
}

const std::vector<std::string>& ServerFlagNames() {
  static const auto* const kNames =
      new std::vector<std::string>{"grpc_address",         "grpc_port",
                                   "metrics_address",      "metrics_port",
                                   "mysql_host",           "mysql_port",
                                   "mysql_user",           "mysql_password",
                                   "mysql_database",       "mysql_pool_size",
                                   "config_dir",           "tokens_file",
                                   "test_clock",           "log_level",
                                   "shutdown_grace",       "dev_mode",
                                   "tls_cert_file",        "tls_key_file",
                                   "tls_client_ca_file",   "tls_ca_file",
                                   "tls_client_cert_file", "tls_client_key_file",
                                   "mysql_ssl_ca",         "mysql_ssl_cert",
                                   "mysql_ssl_key",        "calendar_reload_interval",
                                   "mysql_password_file",  "migration_user",
                                   "migration_password",   "migration_password_file"};
  return *kNames;
}

absl::StatusOr<PeerChannelOptions> PeerChannelOptionsFromFlags() {
  FieldViolations violations;
  PeerChannelOptions options = ReadPeerChannelFlags(&violations);
  if (!violations.empty()) return violations.ToStatus("invalid flags");
  return options;
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
  if (const std::string file = absl::GetFlag(FLAGS_mysql_password_file); !file.empty()) {
    if (!options.mysql.password.empty()) {
      violations.Add("mysql_password_file",
                     "give --mysql_password or --mysql_password_file, not both");
    } else if (absl::StatusOr<std::string> password = ReadSecretFile(file); password.ok()) {
      options.mysql.password = *std::move(password);
    } else {
      violations.Add("mysql_password_file", std::string(password.status().message()));
    }
  }
  options.migration_user = absl::GetFlag(FLAGS_migration_user);
  options.migration_password = absl::GetFlag(FLAGS_migration_password);
  if (const std::string file = absl::GetFlag(FLAGS_migration_password_file); !file.empty()) {
    if (!options.migration_password.empty()) {
      violations.Add("migration_password_file",
                     "give --migration_password or --migration_password_file, not both");
    } else if (absl::StatusOr<std::string> password = ReadSecretFile(file); password.ok()) {
      options.migration_password = *std::move(password);
    } else {
      violations.Add("migration_password_file", std::string(password.status().message()));
    }
  }
  options.mysql.database = absl::GetFlag(FLAGS_mysql_database);
  if (options.mysql.database.empty()) {
    // "hotline-registry" owns cs_hotline_registry (deploy/sql/create_service_accounts.sh).
    options.mysql.database = absl::StrCat("cs_", absl::StrReplaceAll(info.name, {{"-", "_"}}));
  }
  options.mysql.pool_size = absl::GetFlag(FLAGS_mysql_pool_size);
  if (options.mysql.pool_size < 1) {
    violations.Add("mysql_pool_size",
                   absl::StrCat("must be at least 1; got ", options.mysql.pool_size));
  }
  options.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  if (options.shutdown_grace <= absl::ZeroDuration()) {
    violations.Add("shutdown_grace", "must be positive");
  }
  options.calendar_reload_interval = absl::GetFlag(FLAGS_calendar_reload_interval);
  if (options.calendar_reload_interval < absl::ZeroDuration()) {
    violations.Add("calendar_reload_interval", "must not be negative (0 turns the check off)");
  }
  options.tls = ServerTlsFromFlags(&violations);
  options.peer_channels = ReadPeerChannelFlags(&violations);
  MySqlTlsFromFlags(&options.mysql, &violations);
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

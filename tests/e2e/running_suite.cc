#include "tests/e2e/running_suite.h"

#include <cppconn/exception.h>
#include <cppconn/statement.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/db/uuid.h"
#include "common/testing/test_certificates.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace cs::e2e {
namespace {

using common::testing::PickFreePort;
using common::testing::ServiceProcess;
using common::testing::TestDatabase;

absl::Status Execute(common::db::ConnectionPool& pool, const std::string& statement) {
  absl::StatusOr<common::db::PooledConnection> lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  try {
    std::unique_ptr<sql::Statement> run((*lease)->createStatement());
    run->execute(statement);
    return absl::OkStatus();
  } catch (const sql::SQLException& e) {
    return absl::InternalError(absl::StrCat(statement, ": ", e.what()));
  }
}

std::string BinaryOf(absl::string_view name) {
  if (name == "intake") return CS_INTAKE_BINARY;
  if (name == "routing") return CS_ROUTING_BINARY;
  if (name == "hotline-registry") return CS_HOTLINE_REGISTRY_BINARY;
  if (name == "channel-registry") return CS_CHANNEL_REGISTRY_BINARY;
  if (name == "assessment") return CS_ASSESSMENT_BINARY;
  return CS_ARCHIVE_BINARY;
}

}  // namespace

const std::vector<std::string>& RunningSuite::ServiceNames() {
  static const auto* const kNames = new std::vector<std::string>{
      "intake", "routing", "hotline-registry", "channel-registry", "assessment", "archive"};
  return *kNames;
}

RunningSuite::Member& RunningSuite::service(absl::string_view name) {
  auto it = members_.find(name);
  if (it == members_.end()) std::abort();
  return it->second;
}

std::vector<std::string> RunningSuite::TlsFlags(const SuiteOptions& options) {
  if (!options.tls.has_value()) return {};
  const SuiteTls& tls = *options.tls;
  std::vector<std::string> flags = {
      absl::StrCat("--tls_cert_file=", tls.certificate_file),
      absl::StrCat("--tls_key_file=", tls.key_file),
      absl::StrCat("--tls_ca_file=", tls.ca_file),
      absl::StrCat("--tls_client_cert_file=", tls.certificate_file),
      absl::StrCat("--tls_client_key_file=", tls.key_file),
  };
  if (!tls.client_ca_file.empty()) {
    flags.push_back(absl::StrCat("--tls_client_ca_file=", tls.client_ca_file));
  }
  return flags;
}

absl::StatusOr<std::unique_ptr<RunningSuite>> RunningSuite::Start(const SuiteOptions& options) {
  std::unique_ptr<RunningSuite> suite(new RunningSuite());
  suite->client_credentials_ = grpc::InsecureChannelCredentials();
  if (options.tls.has_value()) {
    grpc::SslCredentialsOptions ssl;
    absl::StatusOr<std::string> ca = common::testing::ReadTextFile(options.tls->ca_file);
    if (!ca.ok()) return ca.status();
    ssl.pem_root_certs = *std::move(ca);
    if (!options.tls->test_client_certificate_file.empty()) {
      absl::StatusOr<std::string> certificate =
          common::testing::ReadTextFile(options.tls->test_client_certificate_file);
      absl::StatusOr<std::string> key =
          common::testing::ReadTextFile(options.tls->test_client_key_file);
      if (!certificate.ok()) return certificate.status();
      if (!key.ok()) return key.status();
      ssl.pem_cert_chain = *std::move(certificate);
      ssl.pem_private_key = *std::move(key);
    }
    suite->client_credentials_ = grpc::SslCredentials(ssl);
  }
  suite->token_dir_ =
      absl::StrCat(::getenv("TEST_TMPDIR") != nullptr ? ::getenv("TEST_TMPDIR") : "/tmp",
                   "/cs-suite-", common::db::NewUuidV4());
  std::error_code error;
  std::filesystem::create_directories(suite->token_dir_, error);
  if (error) {
    return absl::InternalError(
        absl::StrCat("cannot create ", suite->token_dir_, ": ", error.message()));
  }
  // Ports first: every service must know where the others listen.
  for (const std::string& name : ServiceNames()) {
    Member member;
    member.name = name;
    absl::StatusOr<int> grpc_port = PickFreePort();
    absl::StatusOr<int> metrics_port = PickFreePort();
    if (!grpc_port.ok()) return grpc_port.status();
    if (!metrics_port.ok()) return metrics_port.status();
    member.grpc_port = *grpc_port;
    member.metrics_port = *metrics_port;
    if (auto existing = options.existing_schemas.find(name);
        existing != options.existing_schemas.end()) {
      if (!options.mysql_server.has_value()) {
        return absl::InvalidArgumentError("SuiteOptions::existing_schemas needs mysql_server");
      }
      member.mysql = *options.mysql_server;
      member.mysql.database = existing->second;
    } else {
      absl::StatusOr<std::unique_ptr<TestDatabase>> database =
          options.mysql_server.has_value() ? TestDatabase::CreateOn(*options.mysql_server)
                                           : TestDatabase::Create();
      if (!database.ok()) return database.status();
      member.database = *std::move(database);
      member.mysql = member.database->options();
    }
    member.admin = member.mysql;
    suite->members_.emplace(name, std::move(member));
  }
  common::db::MySqlOptions admin_options = suite->service("archive").admin;
  admin_options.pool_size = 1;
  absl::StatusOr<std::unique_ptr<common::db::ConnectionPool>> admin =
      common::db::ConnectionPool::Create(admin_options);
  if (!admin.ok()) return admin.status();
  suite->admin_ = *std::move(admin);
  // Each service's own account, without any right: its start creates the tables with the admin
  // account and grants it what it needs (common/db/service_grants.h; the archive
  // deploy/sql/archive_grants.sql). Unique per suite, since suites share the server.
  for (const std::string& name : ServiceNames()) {
    const std::string user =
        absl::StrCat("e2e_", absl::StrReplaceAll(common::db::NewUuidV4(), {{"-", ""}}))
            .substr(0, 20);
    if (absl::Status created = Execute(
            *suite->admin_, absl::StrCat("CREATE USER '", user, "'@'%' IDENTIFIED BY 'e2e-pw'"));
        !created.ok()) {
      return created;
    }
    suite->service_users_[name] = user;
    Member& member = suite->service(name);
    member.mysql.user = user;
    member.mysql.password = "e2e-pw";
  }
  // Archive first (intake sends to it), routing, then intake; the two registries call nobody;
  // assessment last: it reads from all five (though it starts without them, its scorecards would
  // be incomplete).
  for (const char* name :
       {"archive", "routing", "intake", "hotline-registry", "channel-registry", "assessment"}) {
    if (absl::Status started = suite->StartWithFreshPortsIfTaken(name, options); !started.ok()) {
      return started;
    }
  }
  return suite;
}

absl::Status RunningSuite::StartWithFreshPortsIfTaken(const std::string& name,
                                                      const SuiteOptions& options) {
  // A picked port is free when picked, but another test running at the same time (ctest -j2) may
  // bind it before this service does. The metrics port is the test's own; the gRPC port too, except
  // intake's, which routing (started before it) was already told.
  constexpr int kAttempts = 3;
  absl::Status started;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    started = StartMember(name, options);
    if (started.ok()) return started;
    const bool metrics_taken = absl::StrContains(started.message(), "cannot serve metrics on");
    const bool grpc_taken =
        absl::StrContains(started.message(), "cannot serve gRPC on") && name != "intake";
    if (!metrics_taken && !grpc_taken) return started;
    Member& member = service(name);
    member.process.reset();
    absl::StatusOr<int> port = PickFreePort();
    if (!port.ok()) return port.status();
    (metrics_taken ? member.metrics_port : member.grpc_port) = *port;
  }
  return started;
}

absl::Status RunningSuite::StartMember(const std::string& name, const SuiteOptions& options) {
  Member& member = service(name);
  const common::db::MySqlOptions& db = member.admin;
  std::vector<std::string> args = {
      "--grpc_address=127.0.0.1",
      absl::StrCat("--grpc_port=", member.grpc_port),
      "--metrics_address=127.0.0.1",
      absl::StrCat("--metrics_port=", member.metrics_port),
      "--shutdown_grace=5s",
      absl::StrCat("--mysql_host=", db.host),
      absl::StrCat("--mysql_port=", db.port),
      absl::StrCat("--mysql_database=", db.database),
      "--mysql_pool_size=4",
      absl::StrCat("--config_dir=", CS_SOURCE_DIR, "/deploy/config"),
      absl::StrCat("--tokens_file=", CS_SOURCE_DIR, "/deploy/config/tokens.textproto"),
      // The development token file is refused without it.
      "--dev_mode",
  };
  if (options.test_clock) args.push_back("--test_clock");
  for (std::string& flag : TlsFlags(options)) args.push_back(std::move(flag));
  if (!db.ssl_ca.empty()) args.push_back(absl::StrCat("--mysql_ssl_ca=", db.ssl_ca));
  if (!db.ssl_cert.empty()) {
    args.push_back(absl::StrCat("--mysql_ssl_cert=", db.ssl_cert));
    args.push_back(absl::StrCat("--mysql_ssl_key=", db.ssl_key));
  }
  auto address_of = [this](absl::string_view peer) {
    return absl::StrCat("--", absl::StrReplaceAll(peer, {{"-", "_"}}),
                        "_address=127.0.0.1:", service(peer).grpc_port);
  };
  auto token_file = [this](absl::string_view owner, absl::string_view token) {
    const std::string path = absl::StrCat(token_dir_, "/", owner, "-service-token");
    std::ofstream(path) << token << "\n";
    return absl::StrCat("--service_token_file=", path);
  };
  // Its own account, and the admin one to create the tables and grant it its rights.
  args.push_back(absl::StrCat("--mysql_user=", service_users_.at(name)));
  args.push_back("--mysql_password=e2e-pw");
  args.push_back(absl::StrCat("--migration_user=", db.user));
  args.push_back(absl::StrCat("--migration_password=", db.password));
  if (name == "intake" || name == "routing") {
    // The services with an outbox.
    args.push_back("--relay_poll_interval=50ms");
    args.push_back("--relay_initial_backoff=50ms");
    args.push_back("--relay_max_backoff=500ms");
  }
  if (name == "intake") {
    args.push_back(address_of("routing"));
    args.push_back(address_of("archive"));
    args.push_back(token_file("intake", kIntakeServiceToken));
  }
  if (name == "routing") {
    args.push_back(address_of("intake"));
    args.push_back(token_file("routing", kRoutingServiceToken));
  }
  if (name == "assessment") {
    for (const char* peer :
         {"intake", "routing", "archive", "hotline-registry", "channel-registry"}) {
      args.push_back(address_of(peer));
    }
    args.push_back(token_file("assessment", kAssessmentServiceToken));
  }
  if (auto extra = options.extra_flags.find(name); extra != options.extra_flags.end()) {
    args.insert(args.end(), extra->second.begin(), extra->second.end());
  }
  // The accounts the service really uses: the last of each flag wins.
  for (const std::string& arg : args) {
    for (auto [flag, value] : {std::pair{"--mysql_user=", &member.mysql.user},
                               std::pair{"--mysql_password=", &member.mysql.password},
                               std::pair{"--migration_user=", &member.admin.user},
                               std::pair{"--migration_password=", &member.admin.password}}) {
      if (absl::StartsWith(arg, flag)) *value = arg.substr(std::strlen(flag));
    }
  }
  absl::StatusOr<std::unique_ptr<ServiceProcess>> process =
      ServiceProcess::Start(BinaryOf(name), args, absl::StrCat(token_dir_, "/", name, ".log"));
  if (!process.ok()) return process.status();
  member.process = *std::move(process);
  if (absl::Status serving =
          member.process->WaitUntilServing(member.grpc_port, client_credentials_);
      !serving.ok()) {
    return absl::Status(serving.code(), absl::StrCat(name, ": ", serving.message()));
  }
  member.channel =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", member.grpc_port), client_credentials_);
  return absl::OkStatus();
}

RunningSuite::~RunningSuite() {
  // The callers first: assessment and intake call the others.
  for (const char* name :
       {"assessment", "intake", "routing", "archive", "hotline-registry", "channel-registry"}) {
    if (auto it = members_.find(name); it != members_.end() && it->second.process != nullptr) {
      it->second.process->Stop();
    }
  }
  if (admin_ != nullptr) {
    for (const auto& [name, user] : service_users_) {
      (void)Execute(*admin_, absl::StrCat("DROP USER IF EXISTS '", user, "'@'%'"));
    }
  }
  admin_.reset();
  members_.clear();
  std::error_code ignored;
  std::filesystem::remove_all(token_dir_, ignored);
}

}  // namespace cs::e2e

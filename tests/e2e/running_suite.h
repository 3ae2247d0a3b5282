// The suite's real binaries (intake, routing, hotline-registry, channel-registry, assessment,
// archive) as
// processes wired to each other over loopback, each on its own fresh schema of the test MariaDB
// (CS_TEST_MYSQL_*, or another server; or on a schema already there, e.g. a restored one), with
// the public development token file (and so --dev_mode)
// — the arrangement deploy/run-local.sh makes, for end-to-end tests that look at the suite from
// outside. Optionally over TLS or mutual TLS between every process, and to the database. Every
// service runs as its own account, made here without any right, and migrates with the admin one,
// which then grants it its rights (never UPDATE or DELETE on its audit trail), as deployed
// (--migration_user). Not thread-safe: one test thread drives it; stopped and its schemas and
// accounts dropped when destroyed.
#ifndef CS_TESTS_E2E_RUNNING_SUITE_H_
#define CS_TESTS_E2E_RUNNING_SUITE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/db/connection_pool.h"
#include "common/grpc/client_auth.h"
#include "common/testing/service_process.h"
#include "common/testing/test_database.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"

namespace cs::e2e {

// Tokens of deploy/config/dev-tokens.md (public, development only).
inline constexpr absl::string_view kCsCenterToken = "dev-cs-center-88d4af90b991790892e98b90";
inline constexpr absl::string_view kDesignatedUnitToken =
    "dev-service-desk-20483f3a94acf45fb7416f05";
inline constexpr absl::string_view kBroadbandStaffToken =
    "dev-broadband-staff-9d86071d119c5f900cd61e4a";
inline constexpr absl::string_view kBroadbandManagerToken =
    "dev-broadband-manager-936e1b8ca54993649d940dab";
inline constexpr absl::string_view kBroadbandArchivistToken =
    "dev-broadband-archivist-dc0b357f3a14646c03c596ee";
inline constexpr absl::string_view kIdcStaffToken = "dev-idc-staff-cc0558a9a65fe2c99aa6905e";
inline constexpr absl::string_view kPortalStaffToken = "dev-portal-staff-225a0da1e26a5c0a63f8370a";
inline constexpr absl::string_view kMailGatewayToken =
    "dev-svc-mail-gateway-0057c16437dc9b42e06d8fb9";
inline constexpr absl::string_view kIntakeServiceToken = "dev-svc-intake-0029c1db35cd3113d3c7861d";
inline constexpr absl::string_view kRoutingServiceToken =
    "dev-svc-routing-0c877a30fcda7e1795a1ffab";
inline constexpr absl::string_view kAssessmentServiceToken =
    "dev-svc-assessment-0223a5b8c19c89182f9b7634";

// Transport security between the processes (README "Transport security"): PEM files, e.g. made by
// common/testing/test_certificates.h.
struct SuiteTls {
  // Every service serves TLS with this certificate and key and presents them to the services it
  // calls (a certificate for 127.0.0.1 usable as server and client certificate).
  std::string certificate_file;
  std::string key_file;
  // What every client trusts: the services among themselves and the test's channels.
  std::string ca_file;
  // When set, every service requires client certificates from this authority (mutual TLS).
  std::string client_ca_file;
  // The certificate the test's own channels (Member::channel) present; needed under mutual TLS.
  std::string test_client_certificate_file;
  std::string test_client_key_file;
};

struct SuiteOptions {
  // Run every process on its own test clock (cs.common.v1.TestClock moves it; it starts at the
  // real time).
  bool test_clock = false;
  // Extra flags per service name ("intake", "routing", "hotline-registry", "channel-registry",
  // "assessment", "archive"), after the suite's own (a flag given twice takes the last value).
  std::map<std::string, std::vector<std::string>> extra_flags;
  // Unset: plaintext gRPC everywhere.
  absl::optional<SuiteTls> tls;
  // The MariaDB server (an account that creates schemas and users) on which every service gets its
  // schema; unset: the one of CS_TEST_MYSQL_*. Its ssl_ca/ssl_cert/ssl_key reach the services as
  // --mysql_ssl_ca/--mysql_ssl_cert/--mysql_ssl_key.
  absl::optional<common::db::MySqlOptions> mysql_server;
  // Service name -> a schema that already exists on mysql_server (e.g. one deploy/restore.sh
  // loaded), for that service to run on instead of a fresh one: it migrates it as it would after a
  // restart, and the schema is kept when the suite is destroyed. Needs mysql_server.
  std::map<std::string, std::string> existing_schemas;
};

class RunningSuite final {
 public:
  struct Member {
    std::string name;
    int grpc_port = 0;
    int metrics_port = 0;
    // How the service reaches its schema: its own account (--mysql_user, the last one given when
    // SuiteOptions::extra_flags name another), with only the rights its start granted it.
    common::db::MySqlOptions mysql;
    // The account it migrates with (--migration_user, the last one given): unless extra_flags
    // name another, the server's administrative account, which may read and change anything.
    common::db::MySqlOptions admin;
    // The fresh schema; null on an existing one (SuiteOptions::existing_schemas).
    std::unique_ptr<common::testing::TestDatabase> database;
    std::unique_ptr<common::testing::ServiceProcess> process;
    // To the service's gRPC port, over TLS with the test's client certificate when the suite runs
    // TLS.
    std::shared_ptr<grpc::Channel> channel;
  };

  // Starts the services and waits until each answers SERVING. The error names the service
  // and carries the tail of its log.
  static absl::StatusOr<std::unique_ptr<RunningSuite>> Start(const SuiteOptions& options = {});

  RunningSuite(const RunningSuite&) = delete;
  RunningSuite& operator=(const RunningSuite&) = delete;
  ~RunningSuite();

  // "intake", "routing", "hotline-registry", "channel-registry", "assessment", "archive".
  static const std::vector<std::string>& ServiceNames();
  // The running service `name`; a missing one is a programming error of the test (aborts).
  Member& service(absl::string_view name);

 private:
  RunningSuite() = default;
  absl::Status StartMember(const std::string& name, const SuiteOptions& options);
  // StartMember, again on a fresh port when another process took the picked one first.
  absl::Status StartWithFreshPortsIfTaken(const std::string& name, const SuiteOptions& options);
  // The flags of `options.tls` for a service; empty without TLS.
  static std::vector<std::string> TlsFlags(const SuiteOptions& options);

  // What the test's channels (and the readiness check) connect with.
  std::shared_ptr<grpc::ChannelCredentials> client_credentials_;

  std::unique_ptr<common::db::ConnectionPool> admin_;
  // Service name -> the account made for it (dropped when the suite is destroyed).
  std::map<std::string, std::string, std::less<>> service_users_;
  std::string token_dir_;
  std::map<std::string, Member, std::less<>> members_;
};

// Calls `method` on `stub` as the holder of `token`, with a 30 s deadline.
template <typename Stub, typename Request, typename Response>
grpc::Status CallAs(Stub& stub,
                    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                    absl::string_view token, const Request& request, Response* response) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  common::AttachBearerToken(context, token);
  return (stub.*method)(&context, request, response);
}

// Base of a gtest fixture whose tests share one RunningSuite, started once for the test suite with
// `Derived::Options()` (this class's default: SuiteOptions{}). A start that fails fails every test.
//
//   class MyTest : public SharedSuiteTest<MyTest> {
//    public:
//     static SuiteOptions Options() { SuiteOptions o; o.test_clock = true; return o; }
//   };
template <typename Derived>
class SharedSuiteTest : public ::testing::Test {
 public:
  static SuiteOptions Options() { return {}; }

  static void SetUpTestSuite() {
    absl::StatusOr<std::unique_ptr<RunningSuite>> started = RunningSuite::Start(Derived::Options());
    ASSERT_TRUE(started.ok()) << started.status();
    suite_ = started->release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

 protected:
  void SetUp() override { ASSERT_NE(suite_, nullptr) << "the suite did not start"; }
  static RunningSuite& suite() { return *suite_; }

 private:
  inline static RunningSuite* suite_ = nullptr;
};

}  // namespace cs::e2e

#endif  // CS_TESTS_E2E_RUNNING_SUITE_H_

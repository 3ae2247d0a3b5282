// The suite's real binaries (intake, routing, archive) as processes wired to each other over
// loopback, each on its own fresh schema of the test MariaDB (CS_TEST_MYSQL_*), with the public
// development token file — the arrangement deploy/run-local.sh makes, for end-to-end tests that
// look at the suite from outside. The archive runs as its own restricted account and migrates with
// the admin one, as deployed. Not thread-safe: one test thread drives it; stopped and its schemas
// and accounts dropped when destroyed.
#ifndef CS_TESTS_E2E_RUNNING_SUITE_H_
#define CS_TESTS_E2E_RUNNING_SUITE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/db/connection_pool.h"
#include "common/testing/service_process.h"
#include "common/testing/test_database.h"
#include "grpcpp/channel.h"

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
inline constexpr absl::string_view kIntakeServiceToken = "dev-svc-intake-0029c1db35cd3113d3c7861d";
inline constexpr absl::string_view kRoutingServiceToken =
    "dev-svc-routing-0c877a30fcda7e1795a1ffab";

struct SuiteOptions {
  // Run every process on its own test clock (cs.common.v1.TestClock moves it; it starts at the
  // real time).
  bool test_clock = false;
  // Extra flags per service name ("intake", "routing", "archive").
  std::map<std::string, std::vector<std::string>> extra_flags;
};

class RunningSuite final {
 public:
  struct Member {
    std::string name;
    int grpc_port = 0;
    int metrics_port = 0;
    std::unique_ptr<common::testing::TestDatabase> database;
    std::unique_ptr<common::testing::ServiceProcess> process;
    std::shared_ptr<grpc::Channel> channel;
  };

  // Starts the three services and waits until each answers SERVING. The error names the service
  // and carries the tail of its log.
  static absl::StatusOr<std::unique_ptr<RunningSuite>> Start(const SuiteOptions& options = {});

  RunningSuite(const RunningSuite&) = delete;
  RunningSuite& operator=(const RunningSuite&) = delete;
  ~RunningSuite();

  // "intake", "routing", "archive".
  static const std::vector<std::string>& ServiceNames();
  // The running service `name`; a missing one is a programming error of the test (aborts).
  Member& service(absl::string_view name);

 private:
  RunningSuite() = default;
  absl::Status StartMember(const std::string& name, const SuiteOptions& options);

  std::unique_ptr<common::db::ConnectionPool> admin_;
  std::string archive_user_;
  std::string token_dir_;
  std::map<std::string, Member, std::less<>> members_;
};

}  // namespace cs::e2e

#endif  // CS_TESTS_E2E_RUNNING_SUITE_H_

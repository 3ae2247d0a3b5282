// Issue 16, "Access": every method every binary of the running suite serves — walked from the
// proto descriptors, so an RPC added without a rule fails here — called by every role
// (cs.common.v1.Role), by a unit-scoped role of another unit, and with no token, an unknown token,
// an expired one and a revoked one. Each answer is compared with the service's declared access
// table (common/auth/access_table.h):
//   - no, unknown, expired or revoked token: UNAUTHENTICATED;
//   - a role the rule does not list: PERMISSION_DENIED with reason ROLE_NOT_ALLOWED;
//   - a role the rule lists: never UNAUTHENTICATED nor ROLE_NOT_ALLOWED; on a ROLE_ONLY rule never
//     PERMISSION_DENIED at all (an OWN_UNIT rule may refuse the empty request's unit, with reason
//     OTHER_UNITS_RESOURCE; unit_scope_e2e_test checks own and other unit on real targets).
// The requests are empty: the guard decides before the request is read, so the answer does not
// depend on what the request holds. Real binaries, real MariaDB, real gRPC over loopback.
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/auth/access_table.h"
#include "common/auth/principal.h"
#include "common/hash/sha256.h"
#include "common/testing/raw_call.h"
#include "google/protobuf/descriptor.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e/running_suite.h"
#include "tests/e2e/suite_access.h"

namespace cs::e2e {
namespace {

using ::cs::common::AccessTable;
using ::cs::common::MethodRule;
using ::cs::common::Role;
using ::cs::common::UnitScope;
using ::google::protobuf::MethodDescriptor;
using ::google::protobuf::ServiceDescriptor;

constexpr absl::string_view kExpiredToken = "access-test-expired-5c1d0e7a";
constexpr absl::string_view kRevokedToken = "access-test-revoked-0b6e21f3";
constexpr absl::string_view kUnknownToken = "access-test-unknown-9a7f3c22";

// Who calls: a role with its token (deploy/config/dev-tokens.md), or a token that must not work.
struct Caller {
  std::string name;
  absl::string_view token;
  // Unset for the tokens that must not authenticate.
  std::optional<Role> role;
};

std::vector<Caller> Callers() {
  return {
      {"CS_CENTER", kCsCenterToken, Role::kCsCenter},
      {"DESIGNATED_UNIT", kDesignatedUnitToken, Role::kDesignatedUnit},
      {"UNIT_STAFF(own unit)", kBroadbandStaffToken, Role::kUnitStaff},
      {"UNIT_STAFF(other unit)", kPortalStaffToken, Role::kUnitStaff},
      {"UNIT_MANAGER", kBroadbandManagerToken, Role::kUnitManager},
      {"ARCHIVIST", kBroadbandArchivistToken, Role::kArchivist},
      {"OFFICE", "dev-office-f17b0ae598306574cd1d23f8", Role::kOffice},
      {"SERVICE", "dev-svc-csctl-3836258658760f45ba7beedc", Role::kService},
      {"no token", "", std::nullopt},
      {"unknown token", kUnknownToken, std::nullopt},
      {"expired token", kExpiredToken, std::nullopt},
      {"revoked token", kRevokedToken, std::nullopt},
  };
}

// The development token file with two entries of CS_CENTER strength that must never work: one
// expired, one revoked.
std::string WriteTokenFile() {
  std::ifstream in(absl::StrCat(CS_SOURCE_DIR, "/deploy/config/tokens.textproto"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  absl::StrAppend(&text, "tokens {\n  token_sha256: \"", common::Sha256Hex(kExpiredToken),
                  "\"\n  user: \"access-test-expired\"\n  role: ROLE_CS_CENTER\n"
                  "  expires_at { seconds: 1577836800 }\n  development_only: true\n}\n");
  absl::StrAppend(&text, "tokens {\n  token_sha256: \"", common::Sha256Hex(kRevokedToken),
                  "\"\n  user: \"access-test-revoked\"\n  role: ROLE_CS_CENTER\n"
                  "  revoked: true\n  development_only: true\n}\n");
  const std::string path = absl::StrCat(::testing::TempDir(), "/access_e2e_tokens.textproto");
  std::ofstream(path) << text;
  return path;
}

// The ErrorInfo reason of a refusal ("" when the trailer has none).
std::string ReasonOf(const grpc::Status& status) {
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return "";
  for (const google::protobuf::Any& detail : details.details()) {
    google::rpc::ErrorInfo info;
    if (detail.UnpackTo(&info)) return info.reason();
  }
  return "";
}

std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

bool Allows(const MethodRule& rule, Role role) {
  for (Role allowed : rule.roles) {
    if (allowed == role) return true;
  }
  return false;
}

// What the table says `caller` must get from `rule`'s method; empty when the answer fits.
std::string Mismatch(const MethodRule& rule, const Caller& caller, const grpc::Status& status) {
  const grpc::StatusCode code = status.error_code();
  const std::string got = absl::StrCat(CodeName(code), " ", ReasonOf(status));
  if (!caller.role.has_value()) {
    return code == grpc::StatusCode::UNAUTHENTICATED ? "" : "want UNAUTHENTICATED, got " + got;
  }
  if (!Allows(rule, *caller.role)) {
    return code == grpc::StatusCode::PERMISSION_DENIED && ReasonOf(status) == "ROLE_NOT_ALLOWED"
               ? ""
               : "want PERMISSION_DENIED ROLE_NOT_ALLOWED, got " + got;
  }
  if (code == grpc::StatusCode::UNAUTHENTICATED) return "an allowed role got " + got;
  if (code == grpc::StatusCode::PERMISSION_DENIED) {
    if (rule.scope == UnitScope::kRoleOnly) return "ROLE_ONLY rule, allowed role got " + got;
    if (ReasonOf(status) != "OTHER_UNITS_RESOURCE") return "an allowed role got " + got;
  }
  return "";
}

class AccessTest : public SharedSuiteTest<AccessTest> {
 public:
  static SuiteOptions Options() {
    SuiteOptions options;
    options.test_clock = true;  // so that the TestClock service is walked too
    const std::string tokens = WriteTokenFile();
    for (const std::string& name : RunningSuite::ServiceNames()) {
      options.extra_flags[name] = {absl::StrCat("--tokens_file=", tokens)};
    }
    return options;
  }
};

TEST_F(AccessTest, Access_EveryMethodTimesEveryCallerAnswersAsItsDeclaredTableSays) {
  const std::vector<Caller> callers = Callers();
  std::vector<std::string> mismatches;
  std::set<std::string> walked_services;
  int methods = 0;
  int calls = 0;
  for (const std::string& name : RunningSuite::ServiceNames()) {
    RunningSuite::Member& member = suite().service(name);
    std::vector<const ServiceDescriptor*> services = {MainServiceOf(name)};
    ASSERT_NE(services[0], nullptr) << name;
    for (const ServiceDescriptor* shared : SharedServices()) {
      const grpc::Status probe = common::testing::CallWithRawBody(
          member.channel, PathOf(*shared->method(0)), "", kCsCenterToken);
      if (probe.error_code() != grpc::StatusCode::UNIMPLEMENTED) services.push_back(shared);
    }
    for (const ServiceDescriptor* service : services) {
      walked_services.insert(service->full_name());
      const AccessTable* table = AccessTableOf(service->full_name());
      ASSERT_NE(table, nullptr) << service->full_name() << " has no declared access table";
      for (int m = 0; m < service->method_count(); ++m) {
        const MethodDescriptor& method = *service->method(m);
        const MethodRule* rule = table->Find(method.name());
        if (rule == nullptr) {
          mismatches.push_back(absl::StrCat(name, " ", PathOf(method), ": no access rule"));
          continue;
        }
        ++methods;
        for (const Caller& caller : callers) {
          const grpc::Status status =
              common::testing::CallWithRawBody(member.channel, PathOf(method), "", caller.token);
          ++calls;
          const std::string mismatch = Mismatch(*rule, caller, status);
          if (!mismatch.empty()) {
            mismatches.push_back(absl::StrCat(name, " ", PathOf(method), " as ", caller.name, ": ",
                                              mismatch, " (", status.error_message(), ")"));
          }
        }
      }
    }
  }
  std::cout << "access walk: " << methods << " methods of " << walked_services.size()
            << " services x " << callers.size() << " callers = " << calls << " calls, "
            << mismatches.size() << " mismatches\n";
  EXPECT_TRUE(mismatches.empty()) << absl::StrJoin(mismatches, "\n");
  // Every declared table was walked: a table of a service no binary serves would be dead text.
  for (const AccessTable* table : AllAccessTables()) {
    EXPECT_TRUE(walked_services.count(table->service())) << table->service() << " never served";
  }
}

}  // namespace
}  // namespace cs::e2e

// Bearer tokens of the routing tests and the token file that accepts them (only hashes are stored):
// intake and the gateways as SERVICE principals, a person of the designated unit, staff of two
// units, and the CS center. Header-only; tests only.
#ifndef CS_SERVICES_ROUTING_TESTING_TEST_PRINCIPALS_H_
#define CS_SERVICES_ROUTING_TESTING_TEST_PRINCIPALS_H_

#include <fstream>
#include <string>

#include "absl/strings/string_view.h"
#include "common/auth/token_store.h"
#include "common/testing/test_tokens.h"
#include "cs/config/v1/tokens.pb.h"
#include "google/protobuf/text_format.h"

namespace cs::routing::testing {

inline constexpr absl::string_view kIntakeToken = "test-svc-intake-token-0001";
inline constexpr absl::string_view kRoutingToken = "test-svc-routing-token-0002";
inline constexpr absl::string_view kGatewayToken = "test-svc-gateway-token-0003";
inline constexpr absl::string_view kDeskToken = "test-service-desk-token-0004";
inline constexpr absl::string_view kBroadbandToken = "test-broadband-staff-token-0005";
inline constexpr absl::string_view kIdcToken = "test-idc-staff-token-0006";
inline constexpr absl::string_view kCenterToken = "test-cs-center-token-0007";

inline cs::config::v1::TokenFile TestTokenFile() {
  using cs::common::v1::Role;
  return common::testing::TestTokenFile({
      {kIntakeToken, "svc-intake", Role::ROLE_SERVICE, ""},
      {kRoutingToken, "svc-routing", Role::ROLE_SERVICE, ""},
      {kGatewayToken, "svc-mail-gateway", Role::ROLE_SERVICE, ""},
      {kDeskToken, "desk-clerk", Role::ROLE_DESIGNATED_UNIT, "service-desk"},
      {kBroadbandToken, "broadband-staff", Role::ROLE_UNIT_STAFF, "broadband"},
      {kIdcToken, "idc-staff", Role::ROLE_UNIT_STAFF, "idc"},
      {kCenterToken, "cs-center", Role::ROLE_CS_CENTER, ""},
  });
}

inline common::TokenStore TestTokens() { return *common::TokenStore::FromProto(TestTokenFile()); }

// Writes the token file (text format) to `path`; false when it cannot be written.
inline bool WriteTestTokenFile(const std::string& path) {
  std::string text;
  if (!google::protobuf::TextFormat::PrintToString(TestTokenFile(), &text)) return false;
  std::ofstream out(path);
  out << text;
  return static_cast<bool>(out);
}

// Writes `token` alone to `path` (a --service_token_file); false when it cannot be written.
inline bool WriteTokenFile(const std::string& path, absl::string_view token) {
  std::ofstream out(path);
  out << token << "\n";
  return static_cast<bool>(out);
}

}  // namespace cs::routing::testing

#endif  // CS_SERVICES_ROUTING_TESTING_TEST_PRINCIPALS_H_

// Token stores for tests: each test names its principals (bearer token, user, role, unit) and gets
// the store a service would load from a token file holding only their hashes. Tests only.
#ifndef CS_COMMON_TESTING_TEST_TOKENS_H_
#define CS_COMMON_TESTING_TEST_TOKENS_H_

#include <initializer_list>
#include <string>

#include "absl/strings/string_view.h"
#include "common/auth/token_store.h"
#include "cs/common/v1/common.pb.h"
#include "cs/config/v1/tokens.pb.h"

namespace cs::common::testing {

struct TestPrincipal {
  absl::string_view token;
  absl::string_view user;
  cs::common::v1::Role role;
  absl::string_view unit_id;  // empty for the roles that act for every unit
};

// The token file a deployment would write for `principals`.
cs::config::v1::TokenFile TestTokenFile(std::initializer_list<TestPrincipal> principals);

// The store loaded from that file; a bad entry fails the calling test.
TokenStore TestTokenStore(std::initializer_list<TestPrincipal> principals);

}  // namespace cs::common::testing

#endif  // CS_COMMON_TESTING_TEST_TOKENS_H_

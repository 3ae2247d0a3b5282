#include "common/testing/test_tokens.h"

#include "common/hash/sha256.h"
#include "gtest/gtest.h"

namespace cs::common::testing {

cs::config::v1::TokenFile TestTokenFile(std::initializer_list<TestPrincipal> principals) {
  cs::config::v1::TokenFile file;
  for (const TestPrincipal& principal : principals) {
    cs::config::v1::TokenEntry* entry = file.add_tokens();
    entry->set_token_sha256(Sha256Hex(principal.token));
    entry->set_user(std::string(principal.user));
    entry->set_role(principal.role);
    entry->set_unit_id(std::string(principal.unit_id));
  }
  return file;
}

TokenStore TestTokenStore(std::initializer_list<TestPrincipal> principals) {
  absl::StatusOr<TokenStore> store = TokenStore::FromProto(TestTokenFile(principals));
  // A test whose principals do not load is wrong, not the code under test: stop it here.
  if (!store.ok()) {
    ADD_FAILURE() << "test principals refused: " << store.status();
    return *TokenStore::FromProto(cs::config::v1::TokenFile());
  }
  return *std::move(store);
}

}  // namespace cs::common::testing

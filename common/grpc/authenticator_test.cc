#include "common/grpc/authenticator.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/hash/sha256.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;

// Client metadata as gRPC hands it to a server: string_refs into storage the test keeps alive.
class Metadata {
 public:
  Metadata& Add(std::string key, std::string value) {
    storage_.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  std::multimap<grpc::string_ref, grpc::string_ref> map() const {
    std::multimap<grpc::string_ref, grpc::string_ref> out;
    for (const auto& [key, value] : storage_) {
      out.emplace(grpc::string_ref(key), grpc::string_ref(value));
    }
    return out;
  }

 private:
  std::vector<std::pair<std::string, std::string>> storage_;
};

class AuthenticatorTest : public ::testing::Test {
 protected:
  AuthenticatorTest() {
    cs::config::v1::TokenFile file;
    auto* entry = file.add_tokens();
    entry->set_token_sha256(Sha256Hex("s3cret-token"));
    entry->set_user("clerk");
    entry->set_role(cs::common::v1::ROLE_UNIT_STAFF);
    entry->set_unit_id("broadband");
    tokens_ = std::make_unique<TokenStore>(*TokenStore::FromProto(file));
    authenticator_ = std::make_unique<Authenticator>(tokens_.get());
  }

  absl::StatusOr<Principal> Authenticate(const Metadata& metadata) {
    return authenticator_->Authenticate(metadata.map());
  }

  std::unique_ptr<TokenStore> tokens_;
  std::unique_ptr<Authenticator> authenticator_;
};

TEST_F(AuthenticatorTest, ValidBearerTokenGivesPrincipal) {
  EXPECT_THAT(Authenticate(Metadata().Add("authorization", "Bearer s3cret-token")),
              IsOkAndHolds(Field(&Principal::user, "clerk")));
  // The scheme is case-insensitive (RFC 7235); surrounding spaces are tolerated.
  EXPECT_THAT(Authenticate(Metadata().Add("authorization", "bearer  s3cret-token ")),
              IsOkAndHolds(Field(&Principal::unit_id, "broadband")));
  // Other metadata does not matter.
  EXPECT_THAT(
      Authenticate(
          Metadata().Add("x-request-source", "test").Add("authorization", "BEARER s3cret-token")),
      IsOkAndHolds(Field(&Principal::role, Role::kUnitStaff)));
}

TEST_F(AuthenticatorTest, MissingMalformedAndUnknownAreIndistinguishable) {
  const std::vector<Metadata> bad = {
      Metadata(),
      Metadata().Add("authorization", ""),
      Metadata().Add("authorization", "s3cret-token"),
      Metadata().Add("authorization", "Basic s3cret-token"),
      Metadata().Add("authorization", "Bearer"),
      Metadata().Add("authorization", "Bearer "),
      Metadata().Add("authorization", "Bearers3cret-token"),
      Metadata().Add("authorization", "Bearer s3cret token"),
      Metadata().Add("authorization", "Bearer unknown-token"),
      Metadata().Add("authorization", "Bearer " + Sha256Hex("s3cret-token")),
      // Two authorization entries are ambiguous, even if one is valid.
      Metadata().Add("authorization", "Bearer s3cret-token").Add("authorization", "Bearer x"),
  };
  std::string first_message;
  for (const Metadata& metadata : bad) {
    const absl::Status status = Authenticate(metadata).status();
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnauthenticated, Not(HasSubstr("s3cret"))));
    if (first_message.empty()) first_message = std::string(status.message());
    EXPECT_EQ(status.message(), first_message);
  }
}

TEST(BearerTokenOfTest, ExtractsOnlyWellFormedTokens) {
  Metadata good;
  good.Add("authorization", "Bearer abc.def-123");
  EXPECT_EQ(BearerTokenOf(good.map()), absl::make_optional(absl::string_view("abc.def-123")));
  Metadata other_key;
  other_key.Add("authorisation", "Bearer abc");
  EXPECT_EQ(BearerTokenOf(other_key.map()), absl::nullopt);
}

}  // namespace
}  // namespace cs::common

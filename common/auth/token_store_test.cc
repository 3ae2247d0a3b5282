#include "common/auth/token_store.h"

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/hash/sha256.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Optional;

std::string WriteFile(const std::string& name, const std::string& text) {
  const std::string path = absl::StrCat(::testing::TempDir(), "/", name);
  std::ofstream(path) << text;
  return path;
}

std::string Entry(absl::string_view token, absl::string_view user, absl::string_view role,
                  absl::string_view unit = "") {
  return absl::StrCat("tokens {\n  token_sha256: \"", Sha256Hex(token), "\"\n  user: \"", user,
                      "\"\n  role: ", role, "\n",
                      unit.empty() ? "" : absl::StrCat("  unit_id: \"", unit, "\"\n"), "}\n");
}

TEST(TokenStoreTest, LoadsAndFindsByToken) {
  const std::string path =
      WriteFile("good_tokens.textproto",
                absl::StrCat(Entry("center-secret", "center", "ROLE_CS_CENTER"),
                             Entry("staff-secret", "clerk", "ROLE_UNIT_STAFF", "broadband"),
                             Entry("routing-secret", "routing", "ROLE_SERVICE")));
  ASSERT_OK_AND_ASSIGN(TokenStore store, TokenStore::LoadFile(path));
  EXPECT_EQ(store.size(), 3u);
  EXPECT_THAT(store.Find("staff-secret"), Optional(AllOf(Field(&Principal::user, "clerk"),
                                                         Field(&Principal::role, Role::kUnitStaff),
                                                         Field(&Principal::unit_id, "broadband"))));
  EXPECT_THAT(store.Find("center-secret"), Optional(AllOf(Field(&Principal::role, Role::kCsCenter),
                                                          Field(&Principal::unit_id, ""))));
  EXPECT_EQ(store.Find("unknown"), absl::nullopt);
  EXPECT_EQ(store.Find(""), absl::nullopt);
  // The hash is not a token: presenting the stored hash must not authenticate.
  EXPECT_EQ(store.Find(Sha256Hex("staff-secret")), absl::nullopt);
}

TEST(TokenStoreTest, ExpiredTokenIsRefusedFromItsExpiryOn) {
  const std::string path =
      WriteFile("expiring_tokens.textproto",
                absl::StrCat("tokens {\n  token_sha256: \"", Sha256Hex("temp-secret"),
                             "\"\n  user: \"temp\"\n  role: ROLE_OFFICE\n"
                             "  expires_at { seconds: 1893456000 }\n}\n"));
  ASSERT_OK_AND_ASSIGN(TokenStore store, TokenStore::LoadFile(path));
  const absl::Time expiry = absl::FromUnixSeconds(1893456000);
  EXPECT_THAT(store.Find("temp-secret", expiry - absl::Nanoseconds(1)),
              Optional(Field(&Principal::user, "temp")));
  EXPECT_EQ(store.Find("temp-secret", expiry), absl::nullopt);
  EXPECT_EQ(store.Find("temp-secret", expiry + absl::Hours(1)), absl::nullopt);
}

TEST(TokenStoreTest, RevokedTokenIsRefusedAlthoughItsEntryStays) {
  const std::string path =
      WriteFile("revoked_tokens.textproto",
                absl::StrCat("tokens {\n  token_sha256: \"", Sha256Hex("old-secret"),
                             "\"\n  user: \"left-the-company\"\n  role: ROLE_CS_CENTER\n"
                             "  revoked: true\n}\n",
                             Entry("new-secret", "center", "ROLE_CS_CENTER")));
  ASSERT_OK_AND_ASSIGN(TokenStore store, TokenStore::LoadFile(path));
  EXPECT_EQ(store.size(), 2u);
  EXPECT_EQ(store.Find("old-secret"), absl::nullopt);
  EXPECT_THAT(store.Find("new-secret"), Optional(Field(&Principal::user, "center")));
}

TEST(TokenStoreTest, ExpiryOutsideTheTimestampRangeIsRejected) {
  cs::config::v1::TokenFile file;
  cs::config::v1::TokenEntry* entry = file.add_tokens();
  entry->set_token_sha256(Sha256Hex("x"));
  entry->set_user("u");
  entry->set_role(cs::common::v1::ROLE_OFFICE);
  entry->mutable_expires_at()->set_seconds(-5);
  EXPECT_THAT(TokenStore::FromProto(file),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("tokens[0].expires_at")));
}

TEST(TokenStoreTest, MissingFileIsNotFound) {
  EXPECT_THAT(TokenStore::LoadFile("/nonexistent/tokens.textproto"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(TokenStoreTest, SyntaxErrorNamesLine) {
  const std::string path =
      WriteFile("syntax_tokens.textproto", "tokens {\n  user: \"x\"\n  rolle: ROLE_OFFICE\n}\n");
  EXPECT_THAT(TokenStore::LoadFile(path),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("syntax_tokens.textproto:3:"), HasSubstr("rolle"))));
}

TEST(TokenStoreTest, ValidationErrorsNameLineAndField) {
  const std::string text =
      absl::StrCat("# tokens\n",                                                      // 1
                   Entry("a", "center", "ROLE_CS_CENTER"),                            // 2-6: fine
                   "tokens {\n  token_sha256: \"not-a-hash-pasted-token\"\n",         // 7-8
                   "  user: \"x\"\n  role: ROLE_OFFICE\n}\n",                         // 9-11
                   "tokens {\n  token_sha256: \"", Sha256Hex("b"), "\"\n",            // 12-13
                   "  user: \"clerk\"\n  role: ROLE_UNIT_STAFF\n}\n",                 // 14-16
                   "tokens {\n  token_sha256: \"", Sha256Hex("c"), "\"\n",            // 17-18
                   "  user: \"\"\n  role: ROLE_UNSPECIFIED\n}\n",                     // 19-21
                   "tokens {\n  token_sha256: \"", Sha256Hex("a"), "\"\n",            // 22-23
                   "  user: \"dup\"\n  role: ROLE_SERVICE\n  unit_id: \"idc\"\n}\n",  // 24-27
                   "tokens {\n  token_sha256: \"", Sha256Hex("D"), "\"\n",            // 28-29
                   "  user: \"odd\"\n  role: 42\n}\n");                               // 30-32
  const std::string path = WriteFile("bad_tokens.textproto", text);
  const absl::Status status = TokenStore::LoadFile(path).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  const std::string message(status.message());
  EXPECT_THAT(message,
              HasSubstr("bad_tokens.textproto:8: tokens[1].token_sha256: must be the SHA-256"));
  EXPECT_THAT(message, HasSubstr("got 23 characters"));
  EXPECT_THAT(message, Not(HasSubstr("not-a-hash-pasted-token")));  // Never echo a secret.
  EXPECT_THAT(
      message,
      HasSubstr("bad_tokens.textproto:12: tokens[2].unit_id: role UNIT_STAFF acts for one unit"));
  EXPECT_THAT(message, HasSubstr("bad_tokens.textproto:19: tokens[3].user: must not be empty"));
  EXPECT_THAT(message, HasSubstr("bad_tokens.textproto:20: tokens[3].role: must be set"));
  EXPECT_THAT(message,
              HasSubstr("bad_tokens.textproto:23: tokens[4].token_sha256: duplicate of tokens[0]"));
  EXPECT_THAT(
      message,
      HasSubstr("bad_tokens.textproto:26: tokens[4].unit_id: role SERVICE is not unit-scoped"));
  EXPECT_THAT(message,
              HasSubstr("bad_tokens.textproto:31: tokens[5].role: unknown role number 42"));
}

TEST(TokenStoreTest, UpperCaseHexIsRejected) {
  cs::config::v1::TokenFile file;
  auto* entry = file.add_tokens();
  std::string hash = Sha256Hex("x");
  for (char& c : hash) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  entry->set_token_sha256(hash);
  entry->set_user("u");
  entry->set_role(cs::common::v1::ROLE_OFFICE);
  EXPECT_THAT(TokenStore::FromProto(file),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("tokens[0].token_sha256")));
  entry->set_token_sha256(Sha256Hex("x"));
  EXPECT_THAT(TokenStore::FromProto(file), IsOk());
}

TEST(TokenStoreTest, EveryUnitScopedRoleNeedsAUnit) {
  for (Role role : kAllRoles) {
    cs::config::v1::TokenFile file;
    auto* entry = file.add_tokens();
    entry->set_token_sha256(Sha256Hex("t"));
    entry->set_user("u");
    entry->set_role(static_cast<cs::common::v1::Role>(static_cast<int>(role)));
    if (IsUnitScoped(role)) {
      EXPECT_THAT(TokenStore::FromProto(file),
                  StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("tokens[0].unit_id")))
          << RoleName(role);
      entry->set_unit_id("idc");
    }
    ASSERT_OK_AND_ASSIGN(TokenStore store, TokenStore::FromProto(file));
    EXPECT_THAT(store.Find("t"), Optional(Field(&Principal::role, role))) << RoleName(role);
  }
}

// The development token file is valid, and every token of dev-tokens.md resolves to the user, role
// and unit that file lists, so the two never drift apart.
TEST(TokenStoreTest, DevelopmentTokenFileMatchesDevTokensDocument) {
  ASSERT_OK_AND_ASSIGN(TokenStore store,
                       TokenStore::LoadFile(CS_SOURCE_DIR "/deploy/config/tokens.textproto"));
  std::ifstream document(CS_SOURCE_DIR "/deploy/config/dev-tokens.md");
  ASSERT_TRUE(document.good());
  size_t rows = 0;
  for (std::string line; std::getline(document, line);) {
    if (!absl::StartsWith(line, "| `")) continue;
    std::vector<std::string> cells = absl::StrSplit(line, '|');
    ASSERT_GE(cells.size(), 5u) << line;
    for (std::string& cell : cells) cell = std::string(absl::StripAsciiWhitespace(cell));
    const std::string token(absl::StripPrefix(absl::StripSuffix(cells[1], "`"), "`"));
    ASSERT_OK_AND_ASSIGN(Role role, ParseRole(cells[3]));
    const std::string unit = cells[4] == "—" ? "" : cells[4];
    EXPECT_THAT(store.Find(token),
                Optional(AllOf(Field(&Principal::user, cells[2]), Field(&Principal::role, role),
                               Field(&Principal::unit_id, unit))))
        << line;
    ++rows;
  }
  EXPECT_EQ(rows, store.size());
  EXPECT_GT(rows, 0u);
  // Issue 11: every one of them is public, so every entry is marked (a new entry without the mark
  // would slip past RunService's --dev_mode check).
  EXPECT_EQ(store.development_only_users().size(), store.size());
}

TEST(TokenStoreTest, ReportsTheUsersOfDevelopmentOnlyEntries) {
  const std::string path = WriteFile(
      "development_tokens.textproto",
      absl::StrCat(
          Entry("t1", "real-center", "ROLE_CS_CENTER"), "tokens {\n  token_sha256: \"",
          Sha256Hex("t2"),
          "\"\n  user: \"dev-office\"\n  role: ROLE_OFFICE\n  development_only: true\n}\n"));
  ASSERT_OK_AND_ASSIGN(TokenStore store, TokenStore::LoadFile(path));
  EXPECT_EQ(store.development_only_users(), std::vector<std::string>{"dev-office"});
  // Still a valid token: --dev_mode decides whether the file may be used at all.
  EXPECT_TRUE(store.Find("t2").has_value());

  ASSERT_OK_AND_ASSIGN(TokenStore real,
                       TokenStore::LoadFile(WriteFile("real_tokens.textproto",
                                                      Entry("t3", "real-office", "ROLE_OFFICE"))));
  EXPECT_TRUE(real.development_only_users().empty());
}

}  // namespace
}  // namespace cs::common

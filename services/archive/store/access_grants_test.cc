// The grants script for a schema and account (no database: see archive_grants_mysql_test.cc for the
// database's own refusal).
#include "services/archive/store/access_grants.h"

#include "absl/strings/match.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::archive {
namespace {

using ::cs::common::testing::StatusIs;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(AccessGrantsTest, V3_TheAccessLogGetsSelectAndInsertOnly) {
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> statements,
                       ArchiveGrantStatements(EmbeddedArchiveGrants(), "cs_archive", "cs_archive"));
  EXPECT_THAT(statements, Contains("GRANT SELECT, INSERT ON `cs_archive`.`access_log` TO "
                                   "'cs_archive'@'%'"));
  for (const std::string& statement : statements) {
    EXPECT_TRUE(absl::StartsWith(statement, "GRANT ")) << statement;
    // No schema-wide grant: it would carry UPDATE/DELETE to the access log.
    EXPECT_THAT(statement, Not(HasSubstr("`cs_archive`.*"))) << statement;
    EXPECT_THAT(statement, Not(HasSubstr("ALL"))) << statement;
    if (absl::StrContains(statement, "`access_log`")) {
      EXPECT_THAT(statement, Not(HasSubstr("UPDATE")));
      EXPECT_THAT(statement, Not(HasSubstr("DELETE")));
    }
  }
}

TEST(AccessGrantsTest, NamesThatWouldBreakTheSqlAreRefused) {
  EXPECT_THAT(ArchiveGrantStatements(EmbeddedArchiveGrants(), "cs`archive", "u"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("mysql_database")));
  EXPECT_THAT(ArchiveGrantStatements(EmbeddedArchiveGrants(), "cs_archive", "u'--"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("mysql_user")));
  EXPECT_THAT(ArchiveGrantStatements(EmbeddedArchiveGrants(), "cs_archive", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("mysql_user")));
  EXPECT_THAT(ArchiveGrantStatements("GRANT SELECT ON `@OTHER@`.t TO x;", "db", "u"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("placeholder")));
  // An e-mail-like user name is no placeholder.
  EXPECT_THAT(
      ArchiveGrantStatements("GRANT SELECT ON `@SCHEMA@`.t TO '@USER@'@'%';", "db", "a@b.example"),
      ::cs::common::testing::IsOk());
}

}  // namespace
}  // namespace cs::archive

// The statements of a service account's grants (no database; the grants at work are in
// service_grants_mysql_test.cc).
#include "common/db/service_grants.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ServiceGrantStatementsTest, Audit_TheAuditLogGetsOnlySelectAndInsert) {
  EXPECT_THAT(
      ServiceGrantStatements("cs_intake", "cs_intake",
                             {"audit_log", "outbox", "schema_migrations", "tickets"}, {}),
      IsOkAndHolds(ElementsAre(
          "GRANT SELECT, INSERT ON `cs_intake`.`audit_log` TO 'cs_intake'@'%'",
          "GRANT SELECT, INSERT, UPDATE, DELETE ON `cs_intake`.`outbox` TO 'cs_intake'@'%'",
          "GRANT SELECT ON `cs_intake`.`schema_migrations` TO 'cs_intake'@'%'",
          "GRANT SELECT, INSERT, UPDATE, DELETE ON `cs_intake`.`tickets` TO 'cs_intake'@'%'")));
}

TEST(ServiceGrantStatementsTest, Audit_ListedTablesAreAppendOnlyToo) {
  EXPECT_THAT(ServiceGrantStatements("cs_x", "svc", {"audit_log", "history", "state"}, {"history"}),
              IsOkAndHolds(ElementsAre("GRANT SELECT, INSERT ON `cs_x`.`audit_log` TO 'svc'@'%'",
                                       "GRANT SELECT, INSERT ON `cs_x`.`history` TO 'svc'@'%'",
                                       "GRANT SELECT, INSERT, UPDATE, DELETE ON `cs_x`.`state` "
                                       "TO 'svc'@'%'")));
}

TEST(ServiceGrantStatementsTest, NamesThatWouldChangeTheStatementAreRefused) {
  EXPECT_THAT(ServiceGrantStatements("cs_x`; DROP DATABASE y; --", "svc", {"t"}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("mysql_database")));
  EXPECT_THAT(ServiceGrantStatements("cs_x", "svc'@'%' WITH GRANT OPTION; --", {"t"}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("mysql_user")));
  EXPECT_THAT(ServiceGrantStatements("cs_x", "", {"t"}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("mysql_user")));
  EXPECT_THAT(ServiceGrantStatements("cs_x", "svc", {"t` TO 'x'@'%'; --"}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("tables")));
  // Every bad value is named at once.
  EXPECT_THAT(ServiceGrantStatements("", "a\\b", {"ok"}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("mysql_database"), HasSubstr("mysql_user"))));
}

TEST(ServiceGrantStatementsTest, AnAppendOnlyTableTheSchemaLacksIsAnError) {
  // A misspelt name would otherwise leave the real table with UPDATE and DELETE.
  EXPECT_THAT(ServiceGrantStatements("cs_x", "svc", {"audit_log", "history"}, {"histroy"}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("append_only_tables"), HasSubstr("histroy"))));
}

}  // namespace
}  // namespace cs::common::db

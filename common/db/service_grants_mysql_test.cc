// Issue 16, "Audit": a service's own database account cannot UPDATE or DELETE audit rows — proven
// by the database itself. On a fresh schema with the common tables (audit_log among them) and one
// table of the service's own, a migration account made as deploy/sql/create_service_accounts.sh
// makes it (every right on the schema, WITH GRANT OPTION) applies ApplyServiceGrants for a fresh
// service account; connected as that account, INSERT and SELECT on audit_log work while UPDATE and
// DELETE are refused with MariaDB's error 1142, and the service's own table stays fully writable.
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/db/common_schema.h"
#include "common/db/migration_runner.h"
#include "common/db/service_grants.h"
#include "common/db/uuid.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;

constexpr int kTableAccessDenied = 1142;

// Runs `statement` on a connection of `pool`; the MySQL error number, 0 when it ran.
int ErrorOf(ConnectionPool& pool, const std::string& statement) {
  absl::StatusOr<PooledConnection> lease = pool.Acquire();
  EXPECT_TRUE(lease.ok()) << lease.status();
  if (!lease.ok()) return -1;
  try {
    std::unique_ptr<sql::Statement> run((*lease)->createStatement());
    run->execute(statement);
    return 0;
  } catch (const sql::SQLException& e) {
    return e.getErrorCode();
  }
}

int64_t CountRows(ConnectionPool& pool, const std::string& from) {
  absl::StatusOr<PooledConnection> lease = pool.Acquire();
  if (!lease.ok()) return -1;
  try {
    std::unique_ptr<sql::Statement> run((*lease)->createStatement());
    std::unique_ptr<sql::ResultSet> rs(run->executeQuery("SELECT COUNT(*) FROM " + from));
    rs->next();
    return rs->getInt64(1);
  } catch (const sql::SQLException& e) {
    ADD_FAILURE() << from << ": " << e.what();
    return -1;
  }
}

std::string FreshUser(absl::string_view prefix) {
  return absl::StrCat(prefix, absl::StrReplaceAll(NewUuidV4(), {{"-", ""}})).substr(0, 20);
}

constexpr absl::string_view kAuditRow =
    "INSERT INTO audit_log (recorded_at, principal, role, unit_id, method, request_id, target, "
    "result) VALUES ('2026-04-01 00:00:00', 'alice', 'ROLE_UNIT_STAFF', 'broadband', "
    "'CreateTicket', 'r-1', 'ticket 1', 'OK')";

class ServiceGrantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, common::testing::TestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(admin_, database_->CreatePool(1));
    ASSERT_THAT(ApplyMigrations(*admin_, {&common_schema::Migrations()}), IsOk());
    ASSERT_EQ(ErrorOf(*admin_,
                      "CREATE TABLE tickets (id BIGINT NOT NULL PRIMARY KEY, "
                      "problem VARCHAR(100) NOT NULL) ENGINE=InnoDB"),
              0);
    migration_user_ = FreshUser("mig_");
    service_user_ = FreshUser("svc_");
    ASSERT_EQ(ErrorOf(*admin_, absl::StrCat("CREATE USER '", migration_user_,
                                            "'@'%' IDENTIFIED BY '", kPassword, "'")),
              0);
    ASSERT_EQ(
        ErrorOf(*admin_, absl::StrCat("GRANT ALL PRIVILEGES ON `", database_->name(), "`.* TO '",
                                      migration_user_, "'@'%' WITH GRANT OPTION")),
        0);
    ASSERT_EQ(ErrorOf(*admin_, absl::StrCat("CREATE USER '", service_user_, "'@'%' IDENTIFIED BY '",
                                            kPassword, "'")),
              0);
    ASSERT_OK_AND_ASSIGN(migrator_, PoolAs(migration_user_));
  }
  void TearDown() override {
    service_.reset();
    migrator_.reset();
    if (admin_ == nullptr) return;
    for (const std::string& user : {migration_user_, service_user_}) {
      if (!user.empty()) {
        EXPECT_EQ(ErrorOf(*admin_, absl::StrCat("DROP USER IF EXISTS '", user, "'@'%'")), 0);
      }
    }
  }

  absl::StatusOr<std::unique_ptr<ConnectionPool>> PoolAs(const std::string& user) {
    MySqlOptions options = database_->options();
    options.user = user;
    options.password = std::string(kPassword);
    options.pool_size = 1;
    return ConnectionPool::Create(options);
  }

  static constexpr absl::string_view kPassword = "grants-test-pw";
  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<ConnectionPool> admin_;
  std::unique_ptr<ConnectionPool> migrator_;
  std::unique_ptr<ConnectionPool> service_;
  std::string migration_user_;
  std::string service_user_;
};

TEST_F(ServiceGrantsTest, Audit_ServiceAccountCannotEditAuditRows) {
  ASSERT_THAT(ApplyServiceGrants(*migrator_, database_->name(), service_user_, {}), IsOk());
  ASSERT_OK_AND_ASSIGN(service_, PoolAs(service_user_));

  // The audit trail: appended and read, never rewritten.
  ASSERT_EQ(ErrorOf(*service_, std::string(kAuditRow)), 0);
  EXPECT_EQ(CountRows(*service_, "audit_log"), 1);
  EXPECT_EQ(ErrorOf(*service_, "UPDATE audit_log SET principal = 'mallory'"), kTableAccessDenied);
  EXPECT_EQ(ErrorOf(*service_, "UPDATE audit_log SET result = 'OK' WHERE id = 1"),
            kTableAccessDenied);
  EXPECT_EQ(ErrorOf(*service_, "DELETE FROM audit_log"), kTableAccessDenied);
  EXPECT_EQ(ErrorOf(*service_, "DELETE FROM audit_log WHERE id = 1"), kTableAccessDenied);
  EXPECT_EQ(ErrorOf(*service_, "TRUNCATE TABLE audit_log"), kTableAccessDenied);
  EXPECT_EQ(ErrorOf(*service_, "DROP TABLE audit_log"), kTableAccessDenied);
  // The row is still there, unchanged, as the admin sees it.
  EXPECT_EQ(CountRows(*admin_, "audit_log WHERE principal = 'alice' AND target = 'ticket 1'"), 1);
  // Nor can the account give itself more.
  EXPECT_NE(ErrorOf(*service_, absl::StrCat("GRANT UPDATE ON `", database_->name(),
                                            "`.`audit_log` TO '", service_user_, "'@'%'")),
            0);

  // Its own table: everything a service does to its state.
  EXPECT_EQ(ErrorOf(*service_, "INSERT INTO tickets VALUES (1, 'no dial tone')"), 0);
  EXPECT_EQ(ErrorOf(*service_, "UPDATE tickets SET problem = 'slow line' WHERE id = 1"), 0);
  EXPECT_EQ(CountRows(*admin_, "tickets WHERE problem = 'slow line'"), 1);
  EXPECT_EQ(ErrorOf(*service_, "DELETE FROM tickets WHERE id = 1"), 0);
  EXPECT_EQ(CountRows(*admin_, "tickets"), 0);
  // The shared tables are state too (the outbox is trimmed).
  EXPECT_EQ(ErrorOf(*service_, "DELETE FROM outbox WHERE FALSE"), 0);
  // The migration record is read only; creating tables is the migration account's job.
  EXPECT_EQ(CountRows(*service_, "schema_migrations"), CountRows(*admin_, "schema_migrations"));
  EXPECT_EQ(ErrorOf(*service_, "DELETE FROM schema_migrations"), kTableAccessDenied);
  EXPECT_EQ(ErrorOf(*service_, "CREATE TABLE probe (x INT)"), kTableAccessDenied);

  // The start-up probe tells them apart, and changes nothing.
  EXPECT_THAT(TableIsAppendOnly(*service_, "audit_log"), IsOkAndHolds(true));
  EXPECT_THAT(TableIsAppendOnly(*service_, "tickets"), IsOkAndHolds(false));
  EXPECT_THAT(TableIsAppendOnly(*admin_, "audit_log"), IsOkAndHolds(false));
  EXPECT_EQ(CountRows(*admin_, "audit_log"), 1);
}

TEST_F(ServiceGrantsTest, Audit_ListedTablesAreAppendOnlyToo) {
  ASSERT_THAT(ApplyServiceGrants(*migrator_, database_->name(), service_user_, {"tickets"}),
              IsOk());
  ASSERT_OK_AND_ASSIGN(service_, PoolAs(service_user_));
  EXPECT_EQ(ErrorOf(*service_, "INSERT INTO tickets VALUES (1, 'no dial tone')"), 0);
  EXPECT_EQ(ErrorOf(*service_, "UPDATE tickets SET problem = 'x'"), kTableAccessDenied);
  EXPECT_THAT(TableIsAppendOnly(*service_, "tickets"), IsOkAndHolds(true));
}

TEST_F(ServiceGrantsTest, Audit_ASchemaWideGrantOfAnEarlierDeploymentIsTakenBack) {
  // What create_service_accounts.sh gave every service account but the archive's before.
  ASSERT_EQ(ErrorOf(*admin_, absl::StrCat("GRANT ALL PRIVILEGES ON `", database_->name(),
                                          "`.* TO '", service_user_, "'@'%'")),
            0);
  ASSERT_OK_AND_ASSIGN(service_, PoolAs(service_user_));
  ASSERT_THAT(TableIsAppendOnly(*service_, "audit_log"), IsOkAndHolds(false));

  ASSERT_THAT(ApplyServiceGrants(*migrator_, database_->name(), service_user_, {}), IsOk());
  // A schema-wide right lasts on a connection until its next USE: the service's pool is opened
  // after its grants.
  ASSERT_OK_AND_ASSIGN(service_, PoolAs(service_user_));
  EXPECT_THAT(TableIsAppendOnly(*service_, "audit_log"), IsOkAndHolds(true));
  EXPECT_EQ(ErrorOf(*service_, "INSERT INTO tickets VALUES (1, 'no dial tone')"), 0);
  // Applying again (every start does) is harmless.
  ASSERT_THAT(ApplyServiceGrants(*migrator_, database_->name(), service_user_, {}), IsOk());
  EXPECT_THAT(TableIsAppendOnly(*service_, "audit_log"), IsOkAndHolds(true));
}

TEST_F(ServiceGrantsTest, AMissingTableIsAnErrorNotAnAnswer) {
  EXPECT_FALSE(TableIsAppendOnly(*admin_, "no_such_table").ok());
}

}  // namespace
}  // namespace cs::common::db

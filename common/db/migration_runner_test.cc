#include "common/db/migration_runner.h"

#include <cppconn/connection.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/common_schema.h"
#include "common/db/connection_pool.h"
#include "common/hash/sha256.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::TestDatabase;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct RecordedRow {
  std::string component;
  int version;
  std::string name;
  std::string checksum;
  bool operator==(const RecordedRow&) const = default;
};

std::ostream& operator<<(std::ostream& os, const RecordedRow& row) {
  return os << row.component << "/" << row.version << "/" << row.name << "/" << row.checksum;
}

std::vector<Migration> TicketMigrations() {
  return {
      {"test", 1, "0001_tickets",
       "-- the first table; its name is 'tickets'\n"
       "CREATE TABLE IF NOT EXISTS tickets (\n"
       "  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY\n"
       ");\n"},
      // Depends on 0001: fails if the order were wrong.
      {"test", 2, "0002_ticket_title",
       "ALTER TABLE tickets ADD COLUMN IF NOT EXISTS title VARCHAR(64) NOT NULL DEFAULT 'a;b';\n"
       "INSERT INTO tickets (title) VALUES ('seed;\n');\n"},
  };
}

class MigrationRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, TestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(pool_, database_->CreatePool(2));
  }

  std::vector<RecordedRow> Recorded() {
    std::vector<RecordedRow> rows;
    absl::StatusOr<PooledConnection> lease = pool_->Acquire();
    EXPECT_THAT(lease.status(), IsOk());
    if (!lease.ok()) return rows;
    std::unique_ptr<sql::Statement> statement((*lease)->createStatement());
    std::unique_ptr<sql::ResultSet> result(
        statement->executeQuery("SELECT component, version, name, checksum FROM schema_migrations "
                                "ORDER BY component, version"));
    while (result->next()) {
      rows.push_back(
          {result->getString(1), result->getInt(2), result->getString(3), result->getString(4)});
    }
    return rows;
  }

  int64_t Count(const std::string& table) {
    absl::StatusOr<PooledConnection> lease = pool_->Acquire();
    EXPECT_THAT(lease.status(), IsOk());
    if (!lease.ok()) return -1;
    std::unique_ptr<sql::Statement> statement((*lease)->createStatement());
    std::unique_ptr<sql::ResultSet> result(
        statement->executeQuery(absl::StrCat("SELECT COUNT(*) FROM ", table)));
    result->next();
    return result->getInt64(1);
  }

  bool TableExists(const std::string& table) {
    absl::StatusOr<PooledConnection> lease = pool_->Acquire();
    EXPECT_THAT(lease.status(), IsOk());
    if (!lease.ok()) return false;
    std::unique_ptr<sql::Statement> statement((*lease)->createStatement());
    std::unique_ptr<sql::ResultSet> result(statement->executeQuery(absl::StrCat(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND "
        "table_name = '",
        table, "'")));
    result->next();
    return result->getInt(1) == 1;
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(MigrationRunnerTest, AppliesInOrderAndRecordsEachWithItsChecksum) {
  const std::vector<Migration> migrations = TicketMigrations();
  ASSERT_OK(ApplyMigrations(*pool_, {&migrations}));
  EXPECT_THAT(
      Recorded(),
      ElementsAre(RecordedRow{"test", 1, "0001_tickets", Sha256Hex(migrations[0].sql)},
                  RecordedRow{"test", 2, "0002_ticket_title", Sha256Hex(migrations[1].sql)}));
  EXPECT_EQ(Count("tickets"), 1);
}

TEST_F(MigrationRunnerTest, RerunIsANoOp) {
  const std::vector<Migration> migrations = TicketMigrations();
  ASSERT_OK(ApplyMigrations(*pool_, {&migrations}));
  ASSERT_OK(ApplyMigrations(*pool_, {&migrations}));
  EXPECT_EQ(Recorded().size(), 2u);
  EXPECT_EQ(Count("tickets"), 1);  // the INSERT of 0002 did not run again
}

TEST_F(MigrationRunnerTest, NewMigrationsAreAppliedOnTopOfRecordedOnes) {
  std::vector<Migration> migrations = TicketMigrations();
  ASSERT_OK(ApplyMigrations(*pool_, {&migrations}));
  migrations.push_back({"test", 3, "0003_more", "INSERT INTO tickets (title) VALUES ('x');"});
  ASSERT_OK(ApplyMigrations(*pool_, {&migrations}));
  EXPECT_EQ(Recorded().size(), 3u);
  EXPECT_EQ(Count("tickets"), 2);
}

TEST_F(MigrationRunnerTest, RefusesAMigrationEditedAfterItWasApplied) {
  std::vector<Migration> migrations = TicketMigrations();
  ASSERT_OK(ApplyMigrations(*pool_, {&migrations}));
  migrations[0].sql += "-- a harmless-looking edit\n";
  EXPECT_THAT(ApplyMigrations(*pool_, {&migrations}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("test/0001_tickets was edited after it was applied")));
}

TEST_F(MigrationRunnerTest, RefusesAVersionRecordedUnderAnotherName) {
  std::vector<Migration> migrations = TicketMigrations();
  ASSERT_OK(ApplyMigrations(*pool_, {&migrations}));
  migrations[1].name = "0002_renamed";
  EXPECT_THAT(ApplyMigrations(*pool_, {&migrations}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("0002_ticket_title"), HasSubstr("0002_renamed"))));
}

TEST_F(MigrationRunnerTest, AFailingMigrationStopsTheRunIsNotRecordedAndIsRetriedNextStart) {
  std::vector<Migration> migrations = TicketMigrations();
  migrations.push_back({"test", 3, "0003_half_broken",
                        "CREATE TABLE IF NOT EXISTS notes (id INT PRIMARY KEY);\n"
                        "ALTER TABLE notes ADD COLUMN body TEXT NOT NULL DEFAULT 'x' BROKEN;\n"});
  migrations.push_back({"test", 4, "0004_after", "CREATE TABLE IF NOT EXISTS later (id INT);"});
  EXPECT_THAT(
      ApplyMigrations(*pool_, {&migrations}),
      StatusIs(absl::StatusCode::kInternal,
               AllOf(HasSubstr("test/0003_half_broken statement 2 of 2"), HasSubstr("1064"))));
  EXPECT_EQ(Recorded().size(), 2u);
  EXPECT_TRUE(TableExists("notes"));   // DDL before the failure is committed...
  EXPECT_FALSE(TableExists("later"));  // ...but nothing after it ran

  // The fixed migration (never recorded, so it may change) runs from its first statement again.
  migrations[2].sql =
      "CREATE TABLE IF NOT EXISTS notes (id INT PRIMARY KEY);\n"
      "ALTER TABLE notes ADD COLUMN IF NOT EXISTS body VARCHAR(16) NOT NULL DEFAULT 'x';\n";
  ASSERT_OK(ApplyMigrations(*pool_, {&migrations}));
  EXPECT_EQ(Recorded().size(), 4u);
  EXPECT_TRUE(TableExists("later"));
}

TEST_F(MigrationRunnerTest, ConcurrentRunnersApplyEachMigrationExactlyOnce) {
  const std::vector<Migration> migrations = {
      {"test", 1, "0001_log", "CREATE TABLE runs (id INT AUTO_INCREMENT PRIMARY KEY);"},
      // Not idempotent on purpose: a second application would add a second row.
      {"test", 2, "0002_once", "INSERT INTO runs () VALUES ();"},
      {"test", 3, "0003_once_more", "INSERT INTO runs () VALUES ();"},
  };
  constexpr int kRunners = 4;
  std::vector<absl::Status> results(kRunners);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRunners; ++i) {
    threads.emplace_back([&, i] {
      absl::StatusOr<std::unique_ptr<ConnectionPool>> own_pool = database_->CreatePool(1);
      results[i] = own_pool.ok() ? ApplyMigrations(**own_pool, {&migrations}) : own_pool.status();
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const absl::Status& result : results) EXPECT_OK(result);
  EXPECT_EQ(Recorded().size(), 3u);
  EXPECT_EQ(Count("runs"), 2);
}

TEST_F(MigrationRunnerTest, RejectsVersionsThatDoNotStrictlyIncrease) {
  const std::vector<Migration> repeated = {{"test", 1, "0001_a", "SELECT 1;"},
                                           {"test", 1, "0001_b", "SELECT 1;"}};
  EXPECT_THAT(ApplyMigrations(*pool_, {&repeated}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("test/0001_b")));
  const std::vector<Migration> backwards = {{"test", 2, "0002_a", "SELECT 1;"},
                                            {"test", 1, "0001_b", "SELECT 1;"}};
  EXPECT_THAT(ApplyMigrations(*pool_, {&backwards}), StatusIs(absl::StatusCode::kInvalidArgument));
  // Separate components are independent; one component split over two sets is checked across them.
  const std::vector<Migration> first = {{"a", 1, "0001_a", "SELECT 1;"}};
  const std::vector<Migration> second = {{"b", 1, "0001_b", "SELECT 1;"},
                                         {"a", 1, "0001_again", "SELECT 1;"}};
  EXPECT_THAT(ApplyMigrations(*pool_, {&first, &second}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("a/0001_again")));
  EXPECT_FALSE(TableExists("schema_migrations"));  // validated before touching the database
}

// A migration that leaves a PAD SPACE column (trailing spaces ignored, issue 10) stops the start
// naming it; it stays recorded, and a later migration converting the column lets the start pass.
TEST_F(MigrationRunnerTest, RefusesASchemaWithAColumnThatDoesNotCompareByteForByte) {
  std::vector<Migration> migrations = {
      {"test", 1, "0001_keys",
       "CREATE TABLE IF NOT EXISTS keys_in_use (\n"
       "  request_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,\n"
       "  note VARCHAR(16) NOT NULL DEFAULT ''\n"
       ");\n"}};
  EXPECT_THAT(ApplyMigrations(*pool_, {&migrations}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("keys_in_use.request_id (ascii_bin)"),
                             ::testing::Not(HasSubstr("keys_in_use.note")))));
  EXPECT_EQ(Recorded().size(), 1u);
  EXPECT_THAT(ApplyMigrations(*pool_, {&migrations}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("keys_in_use.request_id")));

  migrations.push_back({"test", 2, "0002_nopad",
                        "ALTER TABLE keys_in_use MODIFY request_id VARCHAR(64) CHARACTER SET ascii "
                        "COLLATE ascii_nopad_bin NOT NULL;\n"});
  EXPECT_OK(ApplyMigrations(*pool_, {&migrations}));
}

// Schemas migrated by earlier binaries have schema_migrations under utf8mb4_bin; the runner
// converts it and keeps what it recorded.
TEST_F(MigrationRunnerTest, ConvertsAnOlderSchemaMigrationsTableToNoPad) {
  const std::vector<Migration> migrations = TicketMigrations();
  {
    ASSERT_OK_AND_ASSIGN(PooledConnection lease, pool_->Acquire());
    std::unique_ptr<sql::Statement> statement(lease->createStatement());
    statement->execute(
        "CREATE TABLE schema_migrations (component VARCHAR(64) NOT NULL, version INT NOT NULL, "
        "name VARCHAR(255) NOT NULL, checksum CHAR(64) NOT NULL, applied_at DATETIME(6) NOT NULL, "
        "PRIMARY KEY (component, version)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 "
        "COLLATE=utf8mb4_bin");
    statement->execute(
        absl::StrCat("INSERT INTO schema_migrations VALUES ('test', 1, '0001_tickets', '",
                     Sha256Hex(migrations[0].sql), "', UTC_TIMESTAMP(6))"));
    statement->execute("CREATE TABLE tickets (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY)");
  }
  ASSERT_OK(ApplyMigrations(*pool_, {&migrations}));
  EXPECT_THAT(
      Recorded(),
      ElementsAre(RecordedRow{"test", 1, "0001_tickets", Sha256Hex(migrations[0].sql)},
                  RecordedRow{"test", 2, "0002_ticket_title", Sha256Hex(migrations[1].sql)}));
  ASSERT_OK_AND_ASSIGN(PooledConnection lease, pool_->Acquire());
  std::unique_ptr<sql::Statement> statement(lease->createStatement());
  std::unique_ptr<sql::ResultSet> result(statement->executeQuery(
      "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
      "TABLE_NAME = 'schema_migrations' AND COLLATION_NAME = 'utf8mb4_nopad_bin'"));
  result->next();
  EXPECT_EQ(result->getInt(1), 3);  // component, name, checksum
}

TEST_F(MigrationRunnerTest, CommonSchemaCreatesTheSharedTables) {
  ASSERT_OK(ApplyMigrations(*pool_, {&common_schema::Migrations()}));
  EXPECT_TRUE(TableExists("outbox"));
  EXPECT_TRUE(TableExists("inbox_processed"));
  EXPECT_TRUE(TableExists("idempotency_keys"));
  const std::vector<RecordedRow> recorded = Recorded();
  ASSERT_EQ(recorded.size(), common_schema::Migrations().size());
  for (const RecordedRow& row : recorded) EXPECT_EQ(row.component, "cs_common");
  EXPECT_OK(ApplyMigrations(*pool_, {&common_schema::Migrations()}));
}

}  // namespace
}  // namespace cs::common::db

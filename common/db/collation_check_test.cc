// CheckNoPadBinaryCollations on a real MariaDB: why the rule exists (a PAD SPACE key takes "a" and
// "a " for one value), which columns it names, and that the shared tables follow it.
#include "common/db/collation_check.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/statement.h>

#include <memory>
#include <string>
#include <vector>

#include "common/db/common_schema.h"
#include "common/db/connection_pool.h"
#include "common/db/migration_runner.h"
#include "common/db/sql_error.h"
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
using ::testing::HasSubstr;
using ::testing::Not;

class CollationCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, TestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(pool_, database_->CreatePool(2));
  }

  void Execute(const std::string& statement) {
    absl::StatusOr<PooledConnection> lease = pool_->Acquire();
    ASSERT_THAT(lease.status(), IsOk());
    std::unique_ptr<sql::Statement> run((*lease)->createStatement());
    run->execute(statement);
  }

  // Inserts the ids one by one into `table` (its only column), mapping a refusal to a Status.
  absl::Status InsertIds(const std::string& table, const std::vector<std::string>& ids) {
    absl::StatusOr<PooledConnection> lease = pool_->Acquire();
    if (!lease.ok()) return lease.status();
    try {
      std::unique_ptr<sql::PreparedStatement> insert(
          (*lease)->prepareStatement("INSERT INTO " + table + " (id) VALUES (?)"));
      for (const std::string& id : ids) {
        insert->setString(1, id);
        insert->executeUpdate();
      }
      return absl::OkStatus();
    } catch (const sql::SQLException& e) {
      return FromSqlException(e, "inserting ids");
    }
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST(IsNoPadBinaryCollationTest, AcceptsOnlyByteForByteCollations) {
  EXPECT_TRUE(IsNoPadBinaryCollation("ascii_nopad_bin"));
  EXPECT_TRUE(IsNoPadBinaryCollation("utf8mb4_nopad_bin"));
  EXPECT_TRUE(IsNoPadBinaryCollation("binary"));
  EXPECT_FALSE(IsNoPadBinaryCollation("ascii_bin"));                 // PAD SPACE
  EXPECT_FALSE(IsNoPadBinaryCollation("utf8mb4_bin"));               // PAD SPACE
  EXPECT_FALSE(IsNoPadBinaryCollation("utf8mb4_unicode_ci"));        // PAD SPACE, case-blind
  EXPECT_FALSE(IsNoPadBinaryCollation("utf8mb4_unicode_nopad_ci"));  // NO PAD, case-blind
  EXPECT_FALSE(IsNoPadBinaryCollation("ascii_general_ci"));
  EXPECT_FALSE(IsNoPadBinaryCollation(""));
}

// The defect the rule prevents (issue 10): under a PAD SPACE collation a unique key refuses "a "
// after "a"; under NO PAD they are two ids.
TEST_F(CollationCheckTest, APadSpaceKeyTakesIdsDifferingByTrailingSpacesForOne) {
  Execute("CREATE TABLE pad (id VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin PRIMARY KEY)");
  Execute(
      "CREATE TABLE nopad (id VARCHAR(8) CHARACTER SET ascii COLLATE ascii_nopad_bin PRIMARY KEY)");
  EXPECT_THAT(InsertIds("pad", {"a", "a "}), StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(InsertIds("nopad", {"a", "a ", "a  ", "A"}), IsOk());
}

TEST_F(CollationCheckTest, NamesEveryColumnThatDoesNotCompareByteForByte) {
  Execute(
      "CREATE TABLE mixed ("
      "  n INT NOT NULL,"
      "  ok_ascii VARCHAR(8) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,"
      "  ok_text TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,"
      "  ok_bytes VARBINARY(8) NOT NULL,"
      "  ok_blob BLOB NOT NULL,"
      "  pad_bin VARCHAR(8) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,"
      "  pad_ci TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,"
      "  ascii_default CHAR(4) CHARACTER SET ascii NOT NULL"
      ") DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin");
  Execute(
      "CREATE TABLE other (id VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL) "
      "DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin");
  // A view's columns hold no data of their own; the literal takes the connection's collation.
  Execute("CREATE VIEW labelled AS SELECT n, 'x' AS label FROM mixed");
  EXPECT_THAT(CheckNoPadBinaryCollations(*pool_),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr(database_->name()), HasSubstr("4 character column"),
                             HasSubstr("mixed.pad_bin (utf8mb4_bin)"),
                             HasSubstr("mixed.pad_ci (utf8mb4_unicode_ci)"),
                             HasSubstr("mixed.ascii_default (ascii_general_ci)"),
                             HasSubstr("other.id (ascii_bin)"), Not(HasSubstr("ok_")),
                             Not(HasSubstr("labelled")))));
}

TEST_F(CollationCheckTest, PassesWhenEveryCharacterColumnIsNoPadBinary) {
  EXPECT_THAT(CheckNoPadBinaryCollations(*pool_), IsOk());  // no tables at all
  Execute(
      "CREATE TABLE fine (id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL, "
      "note TEXT NOT NULL, body LONGBLOB NULL, n BIGINT NOT NULL, PRIMARY KEY (id)) "
      "DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin");
  EXPECT_THAT(CheckNoPadBinaryCollations(*pool_), IsOk());
}

TEST_F(CollationCheckTest, OnlyTheCurrentSchemaIsChecked) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TestDatabase> elsewhere, TestDatabase::Create());
  Execute("CREATE TABLE `" + elsewhere->name() +
          "`.pad (id VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL)");
  EXPECT_THAT(CheckNoPadBinaryCollations(*pool_), IsOk());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ConnectionPool> other_pool, elsewhere->CreatePool(1));
  EXPECT_THAT(CheckNoPadBinaryCollations(*other_pool),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("pad.id (ascii_bin)")));
}

// The shared tables every service gets (outbox, inbox_processed, idempotency_keys) and the runner's
// own schema_migrations follow the rule.
TEST_F(CollationCheckTest, TheCommonSchemaComparesIdentifiersByteForByte) {
  ASSERT_THAT(ApplyMigrations(*pool_, {&common_schema::Migrations()}), IsOk());
  EXPECT_THAT(CheckNoPadBinaryCollations(*pool_), IsOk());
}

}  // namespace
}  // namespace cs::common::db

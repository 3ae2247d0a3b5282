// FromSqlException with errors produced by a real MariaDB through Connector/C++.
#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "common/db/connection_pool.h"
#include "common/db/sql_error.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/wait_for.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::StatusIs;
using ::cs::common::testing::TestDatabase;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

void Execute(sql::Connection& connection, const std::string& statement) {
  std::unique_ptr<sql::Statement> run(connection.createStatement());
  run->execute(statement);
}

// Runs `statement` and returns the mapped error of the exception it throws (OK if none).
absl::Status StatusOf(sql::Connection& connection, const std::string& statement) {
  try {
    Execute(connection, statement);
    return absl::OkStatus();
  } catch (const sql::SQLException& e) {
    return FromSqlException(e, "test statement");
  }
}

class SqlErrorMySqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, TestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(pool_, database_->CreatePool(3));
    ASSERT_OK_AND_ASSIGN(PooledConnection lease, pool_->Acquire());
    Execute(lease.connection(),
            "CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(64) NOT NULL, "
            "name VARCHAR(8) NOT NULL, age INT NOT NULL, UNIQUE KEY people_email (email))");
    Execute(lease.connection(),
            "INSERT INTO people VALUES (1, 'one@example.com', 'one', 30), "
            "(2, 'two@example.com', 'two', 40)");
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(SqlErrorMySqlTest, DuplicateKeyIsAlreadyExistsWithoutTheValue) {
  ASSERT_OK_AND_ASSIGN(PooledConnection lease, pool_->Acquire());
  try {
    std::unique_ptr<sql::PreparedStatement> insert(
        lease->prepareStatement("INSERT INTO people (id, email, name, age) VALUES (?, ?, 'x', 1)"));
    insert->setInt(1, 3);
    insert->setString(2, "one@example.com");
    insert->executeUpdate();
    FAIL() << "no duplicate key error";
  } catch (const sql::SQLException& e) {
    EXPECT_THAT(FromSqlException(e, "adding person"),
                StatusIs(absl::StatusCode::kAlreadyExists,
                         AllOf(HasSubstr("adding person"), HasSubstr("people_email"),
                               Not(HasSubstr("one@example.com")))));
  }
}

TEST_F(SqlErrorMySqlTest, DataTooLongIsInvalidArgumentNamingTheColumn) {
  ASSERT_OK_AND_ASSIGN(PooledConnection lease, pool_->Acquire());
  EXPECT_THAT(StatusOf(lease.connection(),
                       "INSERT INTO people VALUES (5, 'five@example.com', 'Zhang San Feng', 1)"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("too long"), HasSubstr("name"), Not(HasSubstr("Zhang")))));
}

TEST_F(SqlErrorMySqlTest, BadValueIsInvalidArgument) {
  ASSERT_OK_AND_ASSIGN(PooledConnection lease, pool_->Acquire());
  EXPECT_THAT(StatusOf(lease.connection(),
                       "INSERT INTO people VALUES (6, 'six@example.com', 'six', 'forty')"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("age"), Not(HasSubstr("forty")))));
}

TEST_F(SqlErrorMySqlTest, LockWaitTimeoutIsAborted) {
  ASSERT_OK_AND_ASSIGN(PooledConnection holder, pool_->Acquire());
  ASSERT_OK_AND_ASSIGN(PooledConnection waiter, pool_->Acquire());
  Execute(holder.connection(), "START TRANSACTION");
  Execute(holder.connection(), "UPDATE people SET age = 31 WHERE id = 1");
  Execute(waiter.connection(), "SET SESSION innodb_lock_wait_timeout = 1");
  Execute(waiter.connection(), "START TRANSACTION");
  EXPECT_THAT(StatusOf(waiter.connection(), "UPDATE people SET age = 32 WHERE id = 1"),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("lock wait timeout")));
  Execute(waiter.connection(), "ROLLBACK");
  Execute(holder.connection(), "ROLLBACK");
  waiter.MarkBroken();  // its session variable must not leak into other tests' use of the pool
}

TEST_F(SqlErrorMySqlTest, DeadlockBetweenTwoConnectionsIsAborted) {
  ASSERT_OK_AND_ASSIGN(PooledConnection first, pool_->Acquire());
  ASSERT_OK_AND_ASSIGN(PooledConnection second, pool_->Acquire());
  Execute(first.connection(), "START TRANSACTION");
  Execute(second.connection(), "START TRANSACTION");
  Execute(first.connection(), "UPDATE people SET age = age + 1 WHERE id = 1");
  Execute(second.connection(), "UPDATE people SET age = age + 1 WHERE id = 2");
  // first now waits for row 2; second then asks for row 1: a cycle, and InnoDB aborts one of them.
  absl::Status first_status;
  std::thread blocked([&] {
    first_status = StatusOf(first.connection(), "UPDATE people SET age = 0 WHERE id = 2");
  });
  // Until the first UPDATE waits for its lock (seen from a third connection); had it not started,
  // second would simply wait and the first become the deadlock instead — either way exactly one
  // side is aborted, but the wait makes the order the one this test means.
  {
    ASSERT_OK_AND_ASSIGN(PooledConnection observer, pool_->Acquire());
    EXPECT_OK(common::testing::WaitFor("the first UPDATE to wait for row 2's lock", [&] {
      std::unique_ptr<sql::Statement> query(observer->createStatement());
      // The processlist, not INNODB_TRX: that one is a cache, refreshed only when not read for
      // 100 ms, which a poll every 10 ms never lets happen. The statement cannot finish while
      // second holds row 2, so seeing it run means it waits.
      std::unique_ptr<sql::ResultSet> waiting(
          query->executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST "
                              "WHERE INFO = 'UPDATE people SET age = 0 WHERE id = 2'"));
      return waiting->next() && waiting->getInt(1) > 0;
    }));
  }
  absl::Status second_status =
      StatusOf(second.connection(), "UPDATE people SET age = 0 WHERE id = 1");
  if (second_status.ok()) Execute(second.connection(), "ROLLBACK");
  blocked.join();
  Execute(first.connection(), "ROLLBACK");
  Execute(second.connection(), "ROLLBACK");

  const bool first_aborted = first_status.code() == absl::StatusCode::kAborted;
  const bool second_aborted = second_status.code() == absl::StatusCode::kAborted;
  EXPECT_TRUE(first_aborted != second_aborted) << first_status << " / " << second_status;
  const absl::Status& victim = first_aborted ? first_status : second_status;
  EXPECT_THAT(victim, StatusIs(absl::StatusCode::kAborted, HasSubstr("deadlock")));
}

TEST_F(SqlErrorMySqlTest, KilledConnectionIsUnavailable) {
  ASSERT_OK_AND_ASSIGN(PooledConnection victim, pool_->Acquire());
  ASSERT_OK_AND_ASSIGN(PooledConnection killer, pool_->Acquire());
  std::unique_ptr<sql::Statement> id_query(victim->createStatement());
  std::unique_ptr<sql::ResultSet> id(id_query->executeQuery("SELECT CONNECTION_ID()"));
  id->next();
  Execute(killer.connection(), absl::StrCat("KILL CONNECTION ", id->getInt64(1)));
  try {
    Execute(victim.connection(), "SELECT 1");
    FAIL() << "a killed connection answered";
  } catch (const sql::SQLException& e) {
    EXPECT_TRUE(IsConnectionLostError(e.getErrorCode())) << e.getErrorCode() << " " << e.what();
    EXPECT_THAT(FromSqlException(e, "reading"), StatusIs(absl::StatusCode::kUnavailable));
  }
  victim.MarkBroken();
}

}  // namespace
}  // namespace cs::common::db

#include "common/db/transaction.h"

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "common/db/connection_pool.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::TestDatabase;
using ::testing::HasSubstr;

int64_t ConnectionId(sql::Connection& connection) {
  std::unique_ptr<sql::Statement> statement(connection.createStatement());
  std::unique_ptr<sql::ResultSet> rows(statement->executeQuery("SELECT CONNECTION_ID()"));
  rows->next();
  return rows->getInt64(1);
}

class TransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, TestDatabase::Create());
    MySqlOptions options = database_->options();
    options.pool_size = 4;
    options.validation_interval = absl::Hours(1);  // tests kill connections on purpose
    ASSERT_OK_AND_ASSIGN(pool_, ConnectionPool::Create(options));
    ASSERT_OK(RunInTransaction(*pool_, [](Transaction& tx) -> absl::Status {
      tx.Execute("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(16) NOT NULL)");
      tx.Execute("CREATE TABLE counters (id INT PRIMARY KEY, n INT NOT NULL)");
      tx.Execute("INSERT INTO counters VALUES (1, 0), (2, 0)");
      return absl::OkStatus();
    }));
  }

  absl::StatusOr<int> CountItems() {
    return RunInTransaction(*pool_, [](Transaction& tx) -> absl::StatusOr<int> {
      auto count = tx.Prepare("SELECT COUNT(*) FROM items");
      std::unique_ptr<sql::ResultSet> rows(count->executeQuery());
      rows->next();
      return rows->getInt(1);
    });
  }

  static void InsertItem(Transaction& tx, int id, const std::string& label) {
    auto insert = tx.Prepare("INSERT INTO items (id, label) VALUES (?, ?)");
    insert->setInt(1, id);
    insert->setString(2, label);
    insert->executeUpdate();
  }

  void KillFromOutside(int64_t connection_id) {
    ASSERT_OK_AND_ASSIGN(auto admin, database_->CreatePool(1));
    ASSERT_OK_AND_ASSIGN(PooledConnection lease, admin->Acquire());
    std::unique_ptr<sql::Statement> kill(lease->createStatement());
    kill->execute(absl::StrCat("KILL CONNECTION ", connection_id));
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(TransactionTest, CommitsWhenFnReturnsOk) {
  EXPECT_OK(RunInTransaction(*pool_, [](Transaction& tx) -> absl::Status {
    InsertItem(tx, 1, "a");
    InsertItem(tx, 2, "b");
    return absl::OkStatus();
  }));
  EXPECT_THAT(CountItems(), IsOkAndHolds(2));
}

TEST_F(TransactionTest, ErrorStatusRollsBackEveryRow) {
  int runs = 0;
  EXPECT_THAT(RunInTransaction(*pool_,
                               [&](Transaction& tx) -> absl::Status {
                                 ++runs;
                                 InsertItem(tx, 1, "a");
                                 InsertItem(tx, 2, "b");
                                 return absl::FailedPreconditionError("ticket is closed");
                               }),
              StatusIs(absl::StatusCode::kFailedPrecondition, "ticket is closed"));
  EXPECT_EQ(runs, 1);
  EXPECT_THAT(CountItems(), IsOkAndHolds(0));
}

TEST_F(TransactionTest, SqlExceptionIsMappedAndRollsBack) {
  EXPECT_THAT(RunInTransaction(*pool_,
                               [&](Transaction& tx) -> absl::Status {
                                 InsertItem(tx, 1, "a");
                                 InsertItem(tx, 1, "again");  // duplicate key: throws
                                 return absl::OkStatus();
                               }),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("PRIMARY")));
  EXPECT_THAT(CountItems(), IsOkAndHolds(0));
}

TEST_F(TransactionTest, NoExceptionEverEscapes) {
  EXPECT_THAT(RunInTransaction(*pool_,
                               [&](Transaction& tx) -> absl::Status {
                                 InsertItem(tx, 1, "a");
                                 throw std::runtime_error("boom");
                               }),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("boom")));
  EXPECT_THAT(RunInTransaction(*pool_,
                               [&](Transaction& tx) -> absl::Status {
                                 InsertItem(tx, 2, "b");
                                 throw 42;
                               }),
              StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(RunInTransaction(*pool_,
                               [&](Transaction& tx) -> absl::Status {
                                 tx.Execute("THIS IS NOT SQL");
                                 return absl::OkStatus();
                               }),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("1064")));
  EXPECT_THAT(CountItems(), IsOkAndHolds(0));
}

TEST_F(TransactionTest, StatusOrFormReturnsTheValueOrTheError) {
  EXPECT_THAT(RunInTransaction(*pool_,
                               [](Transaction& tx) -> absl::StatusOr<std::string> {
                                 InsertItem(tx, 7, "seven");
                                 return std::string("created 7");
                               }),
              IsOkAndHolds("created 7"));
  EXPECT_THAT(RunInTransaction(*pool_,
                               [](Transaction& tx) -> absl::StatusOr<int> {
                                 InsertItem(tx, 8, "eight");
                                 return absl::NotFoundError("unit 9");
                               }),
              StatusIs(absl::StatusCode::kNotFound, "unit 9"));
  EXPECT_THAT(CountItems(), IsOkAndHolds(1));
}

TEST_F(TransactionTest, DeadlockIsRetriedAndBothTransactionsSucceed) {
  // Two transactions take the two counter rows in opposite order; the barrier makes sure both hold
  // their first row before asking for the second, so InnoDB must abort one, and RunInTransaction
  // reruns it.
  absl::Barrier* both_hold_first_row = new absl::Barrier(2);
  std::atomic<int> runs{0};
  auto increment_both = [&](int first, int second) {
    return RunInTransaction(*pool_, [&, first, second](Transaction& tx) -> absl::Status {
      ++runs;
      auto update = tx.Prepare("UPDATE counters SET n = n + 1 WHERE id = ?");
      update->setInt(1, first);
      update->executeUpdate();
      if (tx.attempt() == 1 && both_hold_first_row->Block()) delete both_hold_first_row;
      update->setInt(1, second);
      update->executeUpdate();
      return absl::OkStatus();
    });
  };
  absl::Status a;
  absl::Status b;
  std::thread thread_a([&] { a = increment_both(1, 2); });
  std::thread thread_b([&] { b = increment_both(2, 1); });
  thread_a.join();
  thread_b.join();
  EXPECT_OK(a);
  EXPECT_OK(b);
  EXPECT_EQ(runs, 3);  // one of them ran twice
  EXPECT_THAT(RunInTransaction(*pool_,
                               [](Transaction& tx) -> absl::StatusOr<int> {
                                 auto sum = tx.Prepare("SELECT SUM(n) FROM counters");
                                 std::unique_ptr<sql::ResultSet> rows(sum->executeQuery());
                                 rows->next();
                                 return rows->getInt(1);
                               }),
              IsOkAndHolds(4));
}

TEST_F(TransactionTest, GivesUpWithAbortedAfterMaxAttempts) {
  int runs = 0;
  EXPECT_THAT(RunInTransaction(
                  *pool_,
                  [&](Transaction& tx) -> absl::Status {
                    ++runs;
                    InsertItem(tx, runs, "x");
                    return absl::AbortedError("always conflicting");
                  },
                  TransactionOptions{.max_attempts = 4, .retry_backoff = absl::Milliseconds(1)}),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(runs, 4);
  EXPECT_THAT(CountItems(), IsOkAndHolds(0));
}

TEST_F(TransactionTest, ConnectionLostBeforeCommitIsRetriedOnAFreshConnection) {
  std::vector<int64_t> used;
  EXPECT_OK(RunInTransaction(*pool_, [&](Transaction& tx) -> absl::Status {
    used.push_back(ConnectionId(tx.connection()));
    InsertItem(tx, 1, "once");
    if (tx.attempt() == 1) KillFromOutside(used.back());  // the server rolls this attempt back
    InsertItem(tx, 2, "twice");  // throws "server has gone away" on the first attempt
    return absl::OkStatus();
  }));
  ASSERT_EQ(used.size(), 2u);
  EXPECT_NE(used[0], used[1]);
  EXPECT_THAT(CountItems(), IsOkAndHolds(2));
  EXPECT_GE(pool_->reconnects(), 1);
}

TEST_F(TransactionTest, ConnectionLostDuringCommitIsUnavailableAndNotRetried) {
  int runs = 0;
  EXPECT_THAT(RunInTransaction(*pool_,
                               [&](Transaction& tx) -> absl::Status {
                                 ++runs;
                                 InsertItem(tx, 1, "unknown");
                                 // Returning OK sends COMMIT on a connection that is already gone.
                                 KillFromOutside(ConnectionId(tx.connection()));
                                 return absl::OkStatus();
                               }),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("COMMIT")));
  EXPECT_EQ(runs, 1);
  // The broken connection is not handed out again.
  for (int i = 0; i < 2 * pool_->size(); ++i) {
    EXPECT_THAT(CountItems(), IsOkAndHolds(0));
  }
}

TEST_F(TransactionTest, HelpersThatSwallowALostConnectionStillGetARetry) {
  // fn reports the lost connection as a Status (as the outbox/inbox helpers do) instead of
  // throwing.
  int runs = 0;
  EXPECT_OK(RunInTransaction(*pool_, [&](Transaction& tx) -> absl::Status {
    ++runs;
    if (tx.attempt() == 1) {
      KillFromOutside(ConnectionId(tx.connection()));
      return absl::UnavailableError("lost connection (reported by a helper)");
    }
    InsertItem(tx, 1, "second run");
    return absl::OkStatus();
  }));
  EXPECT_EQ(runs, 2);
  EXPECT_THAT(CountItems(), IsOkAndHolds(1));
}

}  // namespace
}  // namespace cs::common::db

namespace cs::common::db {
namespace {

// A cached statement is prepared once per connection and reused by later transactions; when the
// connection is lost, the replacement prepares it afresh instead of using a statement of the dead
// one.
TEST(PrepareCachedTest, ReusesStatementsAndSurvivesALostConnection) {
  ASSERT_OK_AND_ASSIGN(auto database, testing::TestDatabase::Create());
  MySqlOptions options = database->options();
  options.pool_size = 1;
  options.validation_interval = absl::ZeroDuration();  // ping at every hand-out: detect the kill
  ASSERT_OK_AND_ASSIGN(auto pool, ConnectionPool::Create(options));
  ASSERT_OK(RunInTransaction(*pool, [](Transaction& tx) -> absl::Status {
    tx.Execute("CREATE TABLE items (id INT PRIMARY KEY)");
    return absl::OkStatus();
  }));
  auto insert = [&](int id) {
    return RunInTransaction(*pool, [&](Transaction& tx) -> absl::StatusOr<sql::PreparedStatement*> {
      sql::PreparedStatement& statement = tx.PrepareCached("INSERT INTO items (id) VALUES (?)");
      statement.setInt(1, id);
      statement.executeUpdate();
      return &statement;
    });
  };
  ASSERT_OK_AND_ASSIGN(sql::PreparedStatement * first, insert(1));
  ASSERT_OK_AND_ASSIGN(sql::PreparedStatement * second, insert(2));
  EXPECT_EQ(first, second);

  ASSERT_OK_AND_ASSIGN(
      int64_t id, RunInTransaction(*pool, [](Transaction& tx) -> absl::StatusOr<int64_t> {
        std::unique_ptr<sql::Statement> statement(tx.connection().createStatement());
        std::unique_ptr<sql::ResultSet> rows(statement->executeQuery("SELECT CONNECTION_ID()"));
        rows->next();
        return rows->getInt64(1);
      }));
  ASSERT_OK_AND_ASSIGN(auto admin, database->CreatePool(1));
  {
    ASSERT_OK_AND_ASSIGN(PooledConnection lease, admin->Acquire());
    std::unique_ptr<sql::Statement> kill(lease->createStatement());
    kill->execute(absl::StrCat("KILL CONNECTION ", id));
  }
  ASSERT_OK(insert(3).status());
  ASSERT_OK_AND_ASSIGN(
      int count, RunInTransaction(*pool, [](Transaction& tx) -> absl::StatusOr<int> {
        std::unique_ptr<sql::Statement> statement(tx.connection().createStatement());
        std::unique_ptr<sql::ResultSet> rows(statement->executeQuery("SELECT COUNT(*) FROM items"));
        rows->next();
        return rows->getInt(1);
      }));
  EXPECT_EQ(count, 3);
}

}  // namespace
TransactionOptions SingleStatement() {
  TransactionOptions options;
  options.single_statement = true;
  return options;
}

// Whether the connection is inside an explicit transaction (server status flag).
bool InTransaction(sql::Connection& connection) {
  std::unique_ptr<sql::Statement> statement(connection.createStatement());
  std::unique_ptr<sql::ResultSet> rows(statement->executeQuery("SELECT @@in_transaction"));
  rows->next();
  return rows->getInt(1) != 0;
}

TEST_F(TransactionTest, SingleStatementCommitsWithoutAnExplicitTransaction) {
  std::atomic<bool> in_transaction{true};
  EXPECT_OK(RunInTransaction(
      *pool_,
      [&](Transaction& tx) -> absl::Status {
        in_transaction = InTransaction(tx.connection());
        auto insert = tx.Prepare("INSERT INTO items (id, label) VALUES (1, 'a'), (2, 'b')");
        insert->executeUpdate();
        return absl::OkStatus();
      },
      SingleStatement()));
  EXPECT_FALSE(in_transaction) << "no START TRANSACTION round trip was to be sent";
  EXPECT_THAT(CountItems(), IsOkAndHolds(2));
}

TEST_F(TransactionTest, SingleStatementThatFailsWritesNoRowOfIt) {
  EXPECT_THAT(RunInTransaction(
                  *pool_,
                  [&](Transaction& tx) -> absl::Status {
                    // The second row breaks the primary key: the statement is atomic by itself.
                    auto insert =
                        tx.Prepare("INSERT INTO items (id, label) VALUES (1, 'a'), (1, 'again')");
                    insert->executeUpdate();
                    return absl::OkStatus();
                  },
                  SingleStatement()),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("PRIMARY")));
  EXPECT_THAT(CountItems(), IsOkAndHolds(0));
}

TEST_F(TransactionTest, SingleStatementLostConnectionIsUnknownAndNotRetried) {
  int runs = 0;
  EXPECT_THAT(RunInTransaction(
                  *pool_,
                  [&](Transaction& tx) -> absl::Status {
                    ++runs;
                    KillFromOutside(ConnectionId(tx.connection()));
                    InsertItem(tx, 1, "unknown");  // throws "server has gone away"
                    return absl::OkStatus();
                  },
                  SingleStatement()),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("may or may not")));
  EXPECT_EQ(runs, 1);
}

TEST_F(TransactionTest, SingleStatementAbortedIsRetried) {
  int runs = 0;
  EXPECT_OK(RunInTransaction(
      *pool_,
      [&](Transaction& tx) -> absl::Status {
        if (++runs == 1) return absl::AbortedError("numbered from stale serials");
        InsertItem(tx, 1, "second try");
        return absl::OkStatus();
      },
      SingleStatement()));
  EXPECT_EQ(runs, 2);
  EXPECT_THAT(CountItems(), IsOkAndHolds(1));
}

}  // namespace cs::common::db

// Issue 16, "Deadlines": RunInTransaction does no work for a caller that gave up — it starts no
// attempt and commits nothing once the CallDeadlineScope of the call this thread serves says the
// caller has gone. Against a real MariaDB, with a row lock held by another connection to make the
// transaction slow on purpose.
#include <cppconn/connection.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/connection_pool.h"
#include "common/db/transaction.h"
#include "common/status/status_macros.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/wait_for.h"
#include "common/time/call_deadline.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::TestDatabase;
using ::cs::common::testing::WaitFor;
using ::testing::HasSubstr;

// The UPDATE of the counter running on the server: while the test holds the row, it waits for
// the lock. (The processlist, not INNODB_TRX: that view is a cache refreshed only after 100 ms
// without a read, which polling never leaves it.)
constexpr char kBlockedUpdates[] =
    "SELECT COUNT(*) FROM information_schema.PROCESSLIST "
    "WHERE DB = DATABASE() AND INFO LIKE 'UPDATE counters%'";

void Execute(sql::Connection& connection, const std::string& sql) {
  std::unique_ptr<sql::Statement> statement(connection.createStatement());
  statement->execute(sql);
}

int64_t QueryInt(sql::Connection& connection, const std::string& sql) {
  std::unique_ptr<sql::Statement> statement(connection.createStatement());
  std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(sql));
  return rows->next() ? rows->getInt64(1) : -1;
}

class TransactionDeadlineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, TestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(pool_, database_->CreatePool(2));
    ASSERT_OK(RunInTransaction(*pool_, [](Transaction& tx) -> absl::Status {
      tx.Execute("CREATE TABLE counters (id INT PRIMARY KEY, n INT NOT NULL)");
      tx.Execute("INSERT INTO counters VALUES (1, 0)");
      return absl::OkStatus();
    }));
  }

  absl::StatusOr<int> Counter() {
    return RunInTransaction(*pool_, [](Transaction& tx) -> absl::StatusOr<int> {
      return static_cast<int>(QueryInt(tx.connection(), "SELECT n FROM counters WHERE id = 1"));
    });
  }

  // Sets the counter to 99: the write a caller that gave up must not leave behind.
  static absl::Status SetCounter(Transaction& tx) {
    tx.Execute("UPDATE counters SET n = 99 WHERE id = 1");
    return absl::OkStatus();
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(TransactionDeadlineTest, Deadlines_WithoutAScopeTheTransactionCommitsAsBefore) {
  EXPECT_OK(RunInTransaction(*pool_, SetCounter));
  EXPECT_THAT(Counter(), IsOkAndHolds(99));
}

TEST_F(TransactionDeadlineTest, Deadlines_AScopeWhoseCallerStillWaitsCommits) {
  const CallDeadlineScope scope(absl::Now() + absl::Minutes(5), [] { return false; });
  EXPECT_OK(RunInTransaction(*pool_, SetCounter));
  EXPECT_THAT(Counter(), IsOkAndHolds(99));
}

TEST_F(TransactionDeadlineTest, Deadlines_ALockedRowOutlastingTheDeadlineIsRolledBack) {
  // Another session holds the row, so the update waits past the caller's deadline.
  ASSERT_OK_AND_ASSIGN(auto holder_pool, database_->CreatePool(1));
  ASSERT_OK_AND_ASSIGN(PooledConnection holder, holder_pool->Acquire());
  Execute(holder.connection(), "START TRANSACTION");
  ASSERT_EQ(QueryInt(holder.connection(), "SELECT n FROM counters WHERE id = 1 FOR UPDATE"), 0);

  const absl::Time deadline = absl::Now() + absl::Milliseconds(300);
  std::atomic<int> runs{0};
  std::atomic<bool> finished{false};
  absl::Status result;
  std::thread caller([&] {
    const CallDeadlineScope scope(deadline, [] { return false; });
    result = RunInTransaction(*pool_, [&](Transaction& tx) -> absl::Status {
      ++runs;
      return SetCounter(tx);
    });
    finished = true;
  });

  // The update is blocked on the lock (not yet run or already done) and the deadline has passed:
  // only then does the holder let it through.
  EXPECT_OK(WaitFor("the update to wait for the row lock",
                    [&] { return QueryInt(holder.connection(), kBlockedUpdates) > 0; }));
  EXPECT_OK(WaitFor("the caller's deadline to pass", [&] { return absl::Now() > deadline; }));
  Execute(holder.connection(), "COMMIT");
  caller.join();

  EXPECT_TRUE(finished);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kDeadlineExceeded, HasSubstr("rolled back")));
  EXPECT_EQ(runs, 1);  // not retried for a caller that has gone
  EXPECT_THAT(Counter(), IsOkAndHolds(0));
}

TEST_F(TransactionDeadlineTest, Deadlines_ACancelledCallRunsNothing) {
  const CallDeadlineScope scope(absl::InfiniteFuture(), [] { return true; });
  int runs = 0;
  EXPECT_THAT(RunInTransaction(*pool_,
                               [&](Transaction& tx) -> absl::Status {
                                 ++runs;
                                 return SetCounter(tx);
                               }),
              StatusIs(absl::StatusCode::kCancelled));
  EXPECT_EQ(runs, 0);
  // Read outside the cancelled scope.
  std::thread reader([&] { EXPECT_THAT(Counter(), IsOkAndHolds(0)); });
  reader.join();
}

TEST_F(TransactionDeadlineTest, Deadlines_ACallCancelledWhileFnRunsIsRolledBack) {
  std::atomic<bool> cancelled{false};
  int runs = 0;
  absl::Status result;
  {
    const CallDeadlineScope scope(absl::InfiniteFuture(), [&] { return cancelled.load(); });
    result = RunInTransaction(*pool_, [&](Transaction& tx) -> absl::Status {
      ++runs;
      RETURN_IF_ERROR(SetCounter(tx));
      cancelled = true;  // the client hangs up after the write, before COMMIT
      return absl::OkStatus();
    });
  }
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kCancelled, HasSubstr("rolled back")));
  EXPECT_EQ(runs, 1);
  EXPECT_THAT(Counter(), IsOkAndHolds(0));
}

TEST_F(TransactionDeadlineTest, Deadlines_NoRetryStartsAfterTheDeadline) {
  const absl::Time deadline = absl::Now() + absl::Milliseconds(50);
  const CallDeadlineScope scope(deadline, nullptr);
  int runs = 0;
  EXPECT_THAT(RunInTransaction(
                  *pool_,
                  [&](Transaction& tx) -> absl::Status {
                    ++runs;
                    RETURN_IF_ERROR(SetCounter(tx));
                    // A deadlock reported after the caller's deadline passed.
                    RETURN_IF_ERROR(
                        WaitFor("the deadline to pass", [&] { return absl::Now() > deadline; }));
                    return absl::AbortedError("deadlock");
                  },
                  TransactionOptions{.max_attempts = 5}),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_EQ(runs, 1);
}

TEST_F(TransactionDeadlineTest, Deadlines_AnAutocommittedStatementIsNotRunForACallerThatLeft) {
  int runs = 0;
  {
    const CallDeadlineScope scope(absl::Now() - absl::Milliseconds(1), nullptr);
    EXPECT_THAT(RunInTransaction(
                    *pool_,
                    [&](Transaction& tx) -> absl::Status {
                      ++runs;
                      return SetCounter(tx);
                    },
                    TransactionOptions{.single_statement = true}),
                StatusIs(absl::StatusCode::kDeadlineExceeded));
  }
  EXPECT_EQ(runs, 0);
  EXPECT_THAT(Counter(), IsOkAndHolds(0));
}

}  // namespace
}  // namespace cs::common::db

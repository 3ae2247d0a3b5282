// The pool survives a database restart: calls fail with UNAVAILABLE (never a crash) while the
// server is down and succeed again afterwards, on the same pool object. Uses a server of its own
// (PrivateMariaDb), because stopping the shared one would break every other test.
#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "common/db/connection_pool.h"
#include "common/db/transaction.h"
#include "common/testing/private_mariadb.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::PrivateMariaDb;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::TestDatabase;

absl::Status InsertRow(ConnectionPool& pool, int id) {
  return RunInTransaction(pool, [&](Transaction& tx) -> absl::Status {
    auto insert = tx.Prepare("INSERT INTO t (id) VALUES (?)");
    insert->setInt(1, id);
    insert->executeUpdate();
    return absl::OkStatus();
  });
}

absl::StatusOr<int> CountRows(ConnectionPool& pool) {
  return RunInTransaction(pool, [&](Transaction& tx) -> absl::StatusOr<int> {
    auto count = tx.Prepare("SELECT COUNT(*) FROM t");
    std::unique_ptr<sql::ResultSet> rows(count->executeQuery());
    rows->next();
    return rows->getInt(1);
  });
}

TEST(ConnectionPoolRestartTest, RecoversAfterTheServerRestartsOnTheSamePort) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<PrivateMariaDb> server, PrivateMariaDb::Create());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<TestDatabase> database,
                       TestDatabase::CreateOn(server->AdminOptions()));

  // One pool pings idle connections on every Acquire, the other trusts recently used ones: both
  // paths must end in UNAVAILABLE while the server is down and recover after.
  MySqlOptions pinging = database->options();
  pinging.pool_size = 2;
  pinging.validation_interval = absl::ZeroDuration();
  pinging.connect_timeout = absl::Seconds(2);
  MySqlOptions trusting = pinging;
  trusting.validation_interval = absl::Hours(1);
  ASSERT_OK_AND_ASSIGN(auto pinging_pool, ConnectionPool::Create(pinging));
  ASSERT_OK_AND_ASSIGN(auto trusting_pool, ConnectionPool::Create(trusting));
  ASSERT_OK(RunInTransaction(*pinging_pool, [](Transaction& tx) -> absl::Status {
    tx.Execute("CREATE TABLE t (id INT PRIMARY KEY)");
    return absl::OkStatus();
  }));
  ASSERT_OK(InsertRow(*pinging_pool, 1));
  ASSERT_OK(InsertRow(*trusting_pool, 2));

  ASSERT_OK(server->Stop());
  for (int i = 0; i < 3; ++i) {
    EXPECT_THAT(pinging_pool->Acquire().status(), StatusIs(absl::StatusCode::kUnavailable));
    EXPECT_THAT(InsertRow(*pinging_pool, 10 + i), StatusIs(absl::StatusCode::kUnavailable));
    EXPECT_THAT(InsertRow(*trusting_pool, 20 + i), StatusIs(absl::StatusCode::kUnavailable));
  }

  ASSERT_OK(server->Start());
  EXPECT_OK(InsertRow(*pinging_pool, 3));
  EXPECT_OK(InsertRow(*trusting_pool, 4));
  EXPECT_THAT(CountRows(*trusting_pool), ::cs::common::testing::IsOkAndHolds(4));
  // Every connection of both pools works again, not just the first one tried.
  std::vector<PooledConnection> all;
  for (ConnectionPool* pool : {pinging_pool.get(), trusting_pool.get()}) {
    for (int i = 0; i < pool->size(); ++i) {
      absl::StatusOr<PooledConnection> lease = pool->Acquire();
      ASSERT_THAT(lease.status(), IsOk());
      std::unique_ptr<sql::PreparedStatement> ping((*lease)->prepareStatement("SELECT 1"));
      std::unique_ptr<sql::ResultSet> rows(ping->executeQuery());
      EXPECT_TRUE(rows->next());
      all.push_back(*std::move(lease));
    }
  }
  EXPECT_GE(pinging_pool->reconnects(), 2);
  EXPECT_GE(trusting_pool->reconnects(), 2);
}

}  // namespace
}  // namespace cs::common::db

#include "common/db/connection_pool.h"

#include <cppconn/connection.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/db/transaction.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_certificates.h"
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

std::string QueryString(sql::Connection& connection, const std::string& query) {
  std::unique_ptr<sql::Statement> statement(connection.createStatement());
  std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(query));
  rows->next();
  return rows->getString(1);
}

int64_t ConnectionId(sql::Connection& connection) {
  return std::stoll(QueryString(connection, "SELECT CONNECTION_ID()"));
}

void Kill(ConnectionPool& admin, int64_t connection_id) {
  absl::StatusOr<PooledConnection> lease = admin.Acquire();
  ASSERT_OK(lease.status());
  std::unique_ptr<sql::Statement> statement((*lease)->createStatement());
  statement->execute(absl::StrCat("KILL CONNECTION ", connection_id));
}

class ConnectionPoolTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK_AND_ASSIGN(database_, TestDatabase::Create()); }

  absl::StatusOr<std::unique_ptr<ConnectionPool>> Pool(int size,
                                                       absl::Duration validation_interval) {
    MySqlOptions options = database_->options();
    options.pool_size = size;
    options.validation_interval = validation_interval;
    options.acquire_timeout = absl::Seconds(20);
    return ConnectionPool::Create(options);
  }

  std::unique_ptr<TestDatabase> database_;
};

TEST_F(ConnectionPoolTest, ManyThreadsShareFewConnectionsWithoutEverSharingOneAtATime) {
  ASSERT_OK_AND_ASSIGN(auto pool, Pool(4, absl::Seconds(1)));
  absl::Mutex mutex;
  absl::flat_hash_set<int64_t> in_use;
  absl::flat_hash_set<int64_t> seen;
  std::atomic<int> failures{0};
  std::atomic<int> overlaps{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        absl::StatusOr<PooledConnection> lease = pool->Acquire();
        if (!lease.ok()) {
          ++failures;
          continue;
        }
        const int64_t id = ConnectionId(lease->connection());
        {
          absl::MutexLock lock(&mutex);
          if (!in_use.insert(id).second) ++overlaps;
          seen.insert(id);
        }
        QueryString(lease->connection(), "SELECT 1");
        absl::MutexLock lock(&mutex);
        in_use.erase(id);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(overlaps, 0);
  EXPECT_LE(seen.size(), 4u);
  EXPECT_EQ(pool->reconnects(), 0);
}

TEST_F(ConnectionPoolTest, AcquireTimesOutWithUnavailableWhenAllConnectionsAreLent) {
  MySqlOptions options = database_->options();
  options.pool_size = 1;
  options.acquire_timeout = absl::Milliseconds(200);
  ASSERT_OK_AND_ASSIGN(auto pool, ConnectionPool::Create(options));
  {
    ASSERT_OK_AND_ASSIGN(PooledConnection held, pool->Acquire());
    EXPECT_THAT(pool->Acquire().status(), StatusIs(absl::StatusCode::kUnavailable,
                                                   AllOf(HasSubstr("no free database connection"),
                                                         HasSubstr(database_->name()))));
  }
  EXPECT_THAT(pool->Acquire().status(), IsOk());
}

TEST_F(ConnectionPoolTest, EveryConnectionHasTheSessionSettings) {
  ASSERT_OK_AND_ASSIGN(auto pool, Pool(2, absl::Seconds(1)));
  ASSERT_OK_AND_ASSIGN(PooledConnection lease, pool->Acquire());
  sql::Connection& connection = lease.connection();
  EXPECT_EQ(QueryString(connection, "SELECT @@session.time_zone"), "+00:00");
  EXPECT_EQ(QueryString(connection, "SELECT @@session.tx_isolation"), "READ-COMMITTED");
  EXPECT_EQ(QueryString(connection, "SELECT @@session.character_set_client"), "utf8mb4");
  EXPECT_EQ(QueryString(connection, "SELECT @@session.character_set_connection"), "utf8mb4");
  EXPECT_EQ(QueryString(connection, "SELECT @@session.character_set_results"), "utf8mb4");
  EXPECT_EQ(QueryString(connection, "SELECT @@session.autocommit"), "1");
  EXPECT_THAT(QueryString(connection, "SELECT @@session.sql_mode"), HasSubstr("STRICT_ALL_TABLES"));
  EXPECT_EQ(QueryString(connection, "SELECT DATABASE()"), database_->name());
  // A 4-byte character survives the round trip (utf8mb4, not 3-byte utf8).
  EXPECT_EQ(QueryString(connection, "SELECT '\xF0\x9F\x93\x9E'"), "\xF0\x9F\x93\x9E");
}

TEST_F(ConnectionPoolTest, KilledConnectionIsReplacedBeforeItIsHandedOut) {
  ASSERT_OK_AND_ASSIGN(auto pool, Pool(1, absl::ZeroDuration()));
  ASSERT_OK_AND_ASSIGN(auto admin, Pool(1, absl::Seconds(1)));
  int64_t killed = 0;
  {
    ASSERT_OK_AND_ASSIGN(PooledConnection lease, pool->Acquire());
    killed = ConnectionId(lease.connection());
  }
  Kill(*admin, killed);
  ASSERT_OK_AND_ASSIGN(PooledConnection lease, pool->Acquire());
  EXPECT_NE(ConnectionId(lease.connection()), killed);
  EXPECT_EQ(pool->reconnects(), 1);
  // The replacement has the session settings too.
  EXPECT_EQ(QueryString(lease.connection(), "SELECT @@session.tx_isolation"), "READ-COMMITTED");
  EXPECT_EQ(QueryString(lease.connection(), "SELECT @@session.time_zone"), "+00:00");
}

TEST_F(ConnectionPoolTest, KilledConnectionNotYetPingedFailsOnceAndTheTransactionIsRetried) {
  // A connection used a moment ago is not pinged; the transaction finds it dead and reruns on a new
  // one.
  ASSERT_OK_AND_ASSIGN(auto pool, Pool(1, absl::Hours(1)));
  ASSERT_OK_AND_ASSIGN(auto admin, Pool(1, absl::Seconds(1)));
  int64_t killed = 0;
  {
    ASSERT_OK_AND_ASSIGN(PooledConnection lease, pool->Acquire());
    killed = ConnectionId(lease.connection());
  }
  Kill(*admin, killed);
  int runs = 0;
  int64_t used = 0;
  EXPECT_OK(RunInTransaction(*pool, [&](Transaction& tx) -> absl::Status {
    ++runs;
    used = ConnectionId(tx.connection());
    return absl::OkStatus();
  }));
  EXPECT_EQ(runs, 1);  // the lost connection showed at START TRANSACTION, before fn ran
  EXPECT_NE(used, killed);
  EXPECT_EQ(pool->reconnects(), 1);
}

TEST_F(ConnectionPoolTest, MarkBrokenReplacesTheConnection) {
  ASSERT_OK_AND_ASSIGN(auto pool, Pool(1, absl::Hours(1)));
  int64_t first = 0;
  {
    ASSERT_OK_AND_ASSIGN(PooledConnection lease, pool->Acquire());
    first = ConnectionId(lease.connection());
    lease.MarkBroken();
  }
  ASSERT_OK_AND_ASSIGN(PooledConnection lease, pool->Acquire());
  EXPECT_NE(ConnectionId(lease.connection()), first);
}

TEST_F(ConnectionPoolTest, MovedLeaseReturnsItsConnectionOnce) {
  ASSERT_OK_AND_ASSIGN(auto pool, Pool(1, absl::Hours(1)));
  {
    ASSERT_OK_AND_ASSIGN(PooledConnection lease, pool->Acquire());
    PooledConnection moved = std::move(lease);
    EXPECT_EQ(QueryString(moved.connection(), "SELECT 1"), "1");
  }
  ASSERT_OK_AND_ASSIGN(PooledConnection again, pool->Acquire());
  MySqlOptions options = database_->options();
  EXPECT_EQ(QueryString(again.connection(), "SELECT 2"), "2");
}

int UnusedPort() {
  // Bind port 0, read the port the kernel chose, close: nothing listens there afterwards.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

TEST_F(ConnectionPoolTest, CreateFailsWithUnavailableNamingTheServer) {
  MySqlOptions options = database_->options();
  options.port = UnusedPort();
  EXPECT_THAT(
      ConnectionPool::Create(options).status(),
      StatusIs(absl::StatusCode::kUnavailable,
               HasSubstr(absl::StrCat("127.0.0.1:", options.port, "/", database_->name()))));
}

// Issue 11: with a CA configured the pool never falls back to plaintext. The test server offers no
// TLS (tests/run.sh starts it plain); the e2e transport test covers a server that does.
TEST_F(ConnectionPoolTest, WithTlsConfiguredAServerWithoutTlsIsRefusedNotUsedInPlaintext) {
  ASSERT_OK_AND_ASSIGN(auto certificates, testing::TestCertificates::Create());
  ASSERT_OK_AND_ASSIGN(testing::TestAuthority ca, certificates->NewAuthority("pool"));
  MySqlOptions options = database_->options();
  options.pool_size = 1;
  options.ssl_ca = ca.certificate_file;
  EXPECT_THAT(
      ConnectionPool::Create(options).status(),
      StatusIs(absl::StatusCode::kUnavailable,
               AllOf(HasSubstr("over TLS"), HasSubstr("TLS handshake with the server failed"),
                     HasSubstr("2026"))));
}

TEST_F(ConnectionPoolTest, CreateRejectsAnEmptyPool) {
  MySqlOptions options = database_->options();
  options.pool_size = 0;
  EXPECT_THAT(ConnectionPool::Create(options).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("pool_size")));
}

}  // namespace
}  // namespace cs::common::db

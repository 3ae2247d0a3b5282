// Issue 16, "Deadlines", end to end over loopback: a handler that installs ServerCallScope
// and writes through RunInTransaction on a real MariaDB is made slow on purpose (the test holds the
// row it updates); the client's 300 ms deadline expires, and once the lock is released the
// server's transaction ends rolled back — the row the caller gave up on is unchanged.
#include <cppconn/connection.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/db/connection_pool.h"
#include "common/db/transaction.h"
#include "common/grpc/server_call_scope.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/wait_for.h"
#include "cs/bench/v1/echo.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::TestDatabase;
using ::cs::common::testing::WaitFor;

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

// Each call sets the counter to 99 in a transaction, under the caller's deadline as every
// synchronous handler of the suite runs. Remembers how the last transaction ended.
class CounterSettingEcho final : public cs::bench::v1::Echo::Service {
 public:
  explicit CounterSettingEcho(db::ConnectionPool& pool) : pool_(pool) {}

  grpc::Status Echo(grpc::ServerContext* context, const cs::bench::v1::EchoRequest* request,
                    cs::bench::v1::EchoReply* reply) override {
    const ServerCallScope call_scope(*context);
    const absl::Status written = db::RunInTransaction(pool_, [](db::Transaction& tx) {
      tx.Execute("UPDATE counters SET n = 99 WHERE id = 1");
      return absl::OkStatus();
    });
    {
      absl::MutexLock lock(&mutex_);
      ended_ = written;
    }
    if (!written.ok()) {
      return grpc::Status(static_cast<grpc::StatusCode>(written.code()),
                          std::string(written.message()));
    }
    reply->set_request_id(request->request_id());
    return grpc::Status::OK;
  }

  // How the handler's transaction ended; empty while none has.
  std::optional<absl::Status> ended() const {
    absl::MutexLock lock(&mutex_);
    return ended_;
  }

 private:
  db::ConnectionPool& pool_;
  mutable absl::Mutex mutex_;
  std::optional<absl::Status> ended_ ABSL_GUARDED_BY(mutex_);
};

class DeadlinesIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, TestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(pool_, database_->CreatePool(2));
    ASSERT_OK(db::RunInTransaction(*pool_, [](db::Transaction& tx) -> absl::Status {
      tx.Execute("CREATE TABLE counters (id INT PRIMARY KEY, n INT NOT NULL)");
      tx.Execute("INSERT INTO counters VALUES (1, 0)");
      return absl::OkStatus();
    }));
    service_ = std::make_unique<CounterSettingEcho>(*pool_);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(port, 0);
    stub_ = cs::bench::v1::Echo::NewStub(grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                                             grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    if (server_ != nullptr) {
      server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
    }
  }

  grpc::Status Call(absl::Duration deadline) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + deadline));
    cs::bench::v1::EchoRequest request;
    request.set_request_id("deadline-test");
    cs::bench::v1::EchoReply reply;
    return stub_->Echo(&context, request, &reply);
  }

  absl::StatusOr<int> Counter() {
    return db::RunInTransaction(*pool_, [](db::Transaction& tx) -> absl::StatusOr<int> {
      return static_cast<int>(QueryInt(tx.connection(), "SELECT n FROM counters WHERE id = 1"));
    });
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<CounterSettingEcho> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<cs::bench::v1::Echo::Stub> stub_;
};

TEST_F(DeadlinesIntegrationTest, Deadlines_ACallWithinItsDeadlineCommitsOnTheServer) {
  const grpc::Status answered = Call(absl::Seconds(30));
  EXPECT_TRUE(answered.ok()) << answered.error_code() << " " << answered.error_message();
  EXPECT_THAT(Counter(), IsOkAndHolds(99));
}

TEST_F(DeadlinesIntegrationTest, Deadlines_ExpiredCallIsRolledBackOnTheServer) {
  // The test holds the row, so the server's UPDATE waits past the client's deadline.
  ASSERT_OK_AND_ASSIGN(auto holder_pool, database_->CreatePool(1));
  ASSERT_OK_AND_ASSIGN(db::PooledConnection holder, holder_pool->Acquire());
  Execute(holder.connection(), "START TRANSACTION");
  ASSERT_EQ(QueryInt(holder.connection(), "SELECT n FROM counters WHERE id = 1 FOR UPDATE"), 0);

  const grpc::Status answered = Call(absl::Milliseconds(300));
  EXPECT_EQ(answered.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << answered.error_message();

  // The server's transaction is still there, waiting for the row: released only now, after the
  // client has given up, it would commit but for the deadline.
  EXPECT_OK(WaitFor("the server's update to wait for the test's row lock", [&] {
    return QueryInt(holder.connection(), kBlockedUpdates) > 0 || service_->ended().has_value();
  }));
  Execute(holder.connection(), "COMMIT");

  ASSERT_OK(
      WaitFor("the server's transaction to end", [&] { return service_->ended().has_value(); }));
  EXPECT_THAT(*service_->ended(), StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_THAT(Counter(), IsOkAndHolds(0));
}

TEST(ServerCallDeadlineTest, Deadlines_ACallWithoutADeadlineHasAnInfiniteOne) {
  EXPECT_EQ(DeadlineOf(std::chrono::system_clock::time_point::max()), absl::InfiniteFuture());
  const absl::Time at = absl::FromUnixSeconds(1'780'000'000);
  EXPECT_EQ(DeadlineOf(absl::ToChronoTime(at)), at);
}

}  // namespace
}  // namespace cs::common

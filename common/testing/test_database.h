// A throw-away schema on the real MariaDB of the integration tests. tests/run.sh starts a private
// server and exports CS_TEST_MYSQL_HOST, CS_TEST_MYSQL_PORT, CS_TEST_MYSQL_USER and
// CS_TEST_MYSQL_PASSWORD (an account allowed to create and drop schemas). Without them the test
// FAILS — it never skips — and says to run ./tests/run.sh.
//
//   ASSERT_OK_AND_ASSIGN(auto database, TestDatabase::Create());
//   ASSERT_OK_AND_ASSIGN(auto pool, database->CreatePool());
//
// Each TestDatabase is a uniquely named empty schema, dropped by the destructor, so tests (and
// ctest -j) never see each other's rows. Thread-safety: immutable after Create(); share it freely.
#ifndef CS_COMMON_TESTING_TEST_DATABASE_H_
#define CS_COMMON_TESTING_TEST_DATABASE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/db/connection_pool.h"
#include "common/db/mysql_options.h"

namespace cs::common::testing {

// The server of CS_TEST_MYSQL_* (no database selected). When a variable is missing, records a gtest
// failure saying to run ./tests/run.sh and returns FAILED_PRECONDITION.
absl::StatusOr<db::MySqlOptions> TestServerOptions();

class TestDatabase final {
 public:
  // A new empty schema on the server of CS_TEST_MYSQL_*. FAILED_PRECONDITION (and a test failure)
  // when the variables are missing; the connection error when the server cannot be reached.
  static absl::StatusOr<std::unique_ptr<TestDatabase>> Create();
  // The same on another server (e.g. a PrivateMariaDb); `server.database` is ignored.
  static absl::StatusOr<std::unique_ptr<TestDatabase>> CreateOn(const db::MySqlOptions& server);

  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  // Drops the schema (a failure is printed, not fatal: the server may have been stopped on
  // purpose).
  ~TestDatabase();

  // How to reach the schema: the server's options with `database` set, pool_size 4, short timeouts.
  const db::MySqlOptions& options() const { return options_; }
  const std::string& name() const { return options_.database; }

  // A pool on the schema; pool_size overrides options().pool_size when > 0.
  absl::StatusOr<std::unique_ptr<db::ConnectionPool>> CreatePool(int pool_size = 0) const;

 private:
  explicit TestDatabase(db::MySqlOptions options) : options_(std::move(options)) {}

  const db::MySqlOptions options_;
};

}  // namespace cs::common::testing

#endif  // CS_COMMON_TESTING_TEST_DATABASE_H_

#include "common/testing/test_database.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/statement.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/db/sql_error.h"
#include "common/db/uuid.h"
#include "common/status/status_macros.h"
#include "gtest/gtest.h"

namespace cs::common::testing {
namespace {

// Runs one statement on a fresh single connection without a default schema.
absl::Status RunAdminStatement(const db::MySqlOptions& server, const std::string& statement) {
  db::MySqlOptions admin = server;
  admin.database.clear();
  admin.pool_size = 1;
  ASSIGN_OR_RETURN(std::unique_ptr<db::ConnectionPool> pool, db::ConnectionPool::Create(admin));
  ASSIGN_OR_RETURN(db::PooledConnection connection, pool->Acquire());
  try {
    std::unique_ptr<sql::Statement> run(connection->createStatement());
    run->execute(statement);
    return absl::OkStatus();
  } catch (const sql::SQLException& e) {
    return db::FromSqlException(e, statement);
  }
}

// "cs_test_<test name>_<random>": unique, and readable when a crashed test leaves one behind.
std::string UniqueSchemaName() {
  std::string test = "notest";
  if (const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
    test = info->name();
  }
  std::string cleaned;
  for (char c : test) {
    if (cleaned.size() >= 24) break;
    cleaned.push_back(absl::ascii_isalnum(static_cast<unsigned char>(c))
                          ? absl::ascii_tolower(static_cast<unsigned char>(c))
                          : '_');
  }
  const std::string random = absl::StrReplaceAll(db::NewUuidV4(), {{"-", ""}}).substr(0, 16);
  return absl::StrCat("cs_test_", cleaned, "_", random);
}

}  // namespace

absl::StatusOr<db::MySqlOptions> TestServerOptions() {
  const char* host = std::getenv("CS_TEST_MYSQL_HOST");
  const char* port = std::getenv("CS_TEST_MYSQL_PORT");
  const char* user = std::getenv("CS_TEST_MYSQL_USER");
  const char* password = std::getenv("CS_TEST_MYSQL_PASSWORD");
  int port_number = 0;
  if (host == nullptr || port == nullptr || user == nullptr || password == nullptr ||
      !absl::SimpleAtoi(port, &port_number)) {
    const std::string message =
        "integration tests need a MariaDB: CS_TEST_MYSQL_HOST, CS_TEST_MYSQL_PORT, "
        "CS_TEST_MYSQL_USER "
        "and CS_TEST_MYSQL_PASSWORD are not (all) set. Run the tests with ./tests/run.sh, which "
        "starts a "
        "private MariaDB and exports them (or start one with deploy/private-mariadb.sh and export "
        "them "
        "yourself).";
    ADD_FAILURE() << message;
    return absl::FailedPreconditionError(message);
  }
  db::MySqlOptions options;
  options.host = host;
  options.port = port_number;
  options.user = user;
  options.password = password;
  return options;
}

absl::StatusOr<std::unique_ptr<TestDatabase>> TestDatabase::Create() {
  ASSIGN_OR_RETURN(db::MySqlOptions server, TestServerOptions());
  return CreateOn(server);
}

absl::StatusOr<std::unique_ptr<TestDatabase>> TestDatabase::CreateOn(
    const db::MySqlOptions& server) {
  db::MySqlOptions options = server;
  options.database = UniqueSchemaName();
  options.pool_size = 4;
  options.connect_timeout = absl::Seconds(5);
  options.acquire_timeout = absl::Seconds(10);
  // The suite's collation (common/db/collation_check.h) as the default, so that tables a test
  // creates without naming one pass the migration runner's check.
  RETURN_IF_ERROR(
      RunAdminStatement(server, absl::StrCat("CREATE DATABASE `", options.database,
                                             "` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin")));
  return std::unique_ptr<TestDatabase>(new TestDatabase(std::move(options)));
}

TestDatabase::~TestDatabase() {
  absl::Status dropped = RunAdminStatement(
      options_, absl::StrCat("DROP DATABASE IF EXISTS `", options_.database, "`"));
  if (!dropped.ok()) {
    std::cerr << "TestDatabase: could not drop " << options_.database << ": " << dropped << "\n";
  }
}

absl::StatusOr<std::unique_ptr<db::ConnectionPool>> TestDatabase::CreatePool(int pool_size) const {
  db::MySqlOptions options = options_;
  if (pool_size > 0) options.pool_size = pool_size;
  return db::ConnectionPool::Create(options);
}

}  // namespace cs::common::testing

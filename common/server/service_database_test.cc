// Issue 16, "Audit": how every service opens its schema (service_database.h), on a real MariaDB and
// a ServiceServer started in-process: with a migration account the service's fresh account ends
// up unable to rewrite audit_log and says so in cs_<service>_audit_log_append_only; without one
// (development, an admin account) the gauge reads 0 and the start warns.
#include "common/server/service_database.h"

#include <cppconn/exception.h>
#include <cppconn/statement.h>

#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/db/common_schema.h"
#include "common/db/service_grants.h"
#include "common/db/uuid.h"
#include "common/log/logger.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/test_tokens.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOkAndHolds;

constexpr int kTableAccessDenied = 1142;

int ErrorOf(db::ConnectionPool& pool, const std::string& statement) {
  absl::StatusOr<db::PooledConnection> lease = pool.Acquire();
  EXPECT_TRUE(lease.ok()) << lease.status();
  if (!lease.ok()) return -1;
  try {
    std::unique_ptr<sql::Statement> run((*lease)->createStatement());
    run->execute(statement);
    return 0;
  } catch (const sql::SQLException& e) {
    return e.getErrorCode();
  }
}

class ServiceDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, testing::TestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(admin_, database_->CreatePool(1));
    user_ = absl::StrCat("svc_", absl::StrReplaceAll(db::NewUuidV4(), {{"-", ""}})).substr(0, 20);
    // As deploy/sql/create_service_accounts.sh makes it: no right of its own.
    ASSERT_EQ(ErrorOf(*admin_, absl::StrCat("CREATE USER '", user_, "'@'%' IDENTIFIED BY 'pw'")),
              0);
  }
  void TearDown() override {
    server_.reset();
    if (admin_ != nullptr) {
      EXPECT_EQ(ErrorOf(*admin_, absl::StrCat("DROP USER IF EXISTS '", user_, "'@'%'")), 0);
    }
  }

  ServerOptions Options() const {
    ServerOptions options;
    options.service_name = "hotline-registry";
    options.grpc_address = "127.0.0.1";
    options.metrics_address = "127.0.0.1";
    options.mysql = database_->options();
    return options;
  }

  // Starts a server whose wiring only opens the database; `pool_` is what it returned.
  absl::Status Start(ServerOptions options) {
    WireFunction wire = [this](ServiceEnvironment& env) -> absl::Status {
      absl::StatusOr<db::ConnectionPool*> pool =
          OpenServiceDatabase(env, {&db::common_schema::Migrations()});
      if (!pool.ok()) return pool.status();
      pool_ = *pool;
      return absl::OkStatus();
    };
    absl::StatusOr<std::unique_ptr<ServiceServer>> server =
        ServiceServer::Start(std::move(options), testing::TestTokenStore({}), wire, &logger_);
    if (!server.ok()) return server.status();
    server_ = *std::move(server);
    return absl::OkStatus();
  }

  double Gauge() {
    absl::StatusOr<std::string> text = testing::HttpGet(server_->metrics_port(), "/metrics");
    EXPECT_TRUE(text.ok()) << text.status();
    if (!text.ok()) return -1;
    // Absent is not 0: a sample line starts a line.
    if (!absl::StrContains(*text, "\ncs_hotline_registry_audit_log_append_only")) return -1;
    absl::StatusOr<double> value =
        testing::SumSamples(*text, "cs_hotline_registry_audit_log_append_only");
    return value.ok() ? *value : -1;
  }
  bool Warned() const {
    for (const std::string& line : log_sink_.lines()) {
      if (absl::StrContains(line, "audit_log_not_append_only")) return true;
    }
    return false;
  }

  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<db::ConnectionPool> admin_;
  std::string user_;
  CapturingLogSink log_sink_;
  Logger logger_{&log_sink_, &Clock::Real()};
  std::unique_ptr<ServiceServer> server_;
  db::ConnectionPool* pool_ = nullptr;
};

TEST_F(ServiceDatabaseTest, Audit_WithAMigrationAccountTheServiceCannotRewriteAuditRows) {
  ServerOptions options = Options();
  options.migration_user = options.mysql.user;
  options.migration_password = options.mysql.password;
  options.mysql.user = user_;
  options.mysql.password = "pw";
  ASSERT_OK(Start(std::move(options)));

  EXPECT_EQ(Gauge(), 1);
  EXPECT_FALSE(Warned());
  // The pool handed to the wiring is the service's own account's, with only its grants.
  ASSERT_NE(pool_, nullptr);
  EXPECT_THAT(db::TableIsAppendOnly(*pool_, "audit_log"), IsOkAndHolds(true));
  EXPECT_EQ(ErrorOf(*pool_, "DELETE FROM audit_log WHERE FALSE"), kTableAccessDenied);
  EXPECT_EQ(ErrorOf(*pool_, "DELETE FROM outbox WHERE FALSE"), 0);
  EXPECT_EQ(ErrorOf(*pool_, "CREATE TABLE probe (x INT)"), kTableAccessDenied);
}

TEST_F(ServiceDatabaseTest, Audit_WithoutOneTheAdminMigratesAndTheStartWarns) {
  ASSERT_OK(Start(Options()));
  EXPECT_EQ(Gauge(), 0);
  EXPECT_TRUE(Warned());
  ASSERT_NE(pool_, nullptr);
  EXPECT_EQ(ErrorOf(*pool_, "SELECT COUNT(*) FROM audit_log"), 0);
}

TEST_F(ServiceDatabaseTest, AMigrationAccountThatCannotLogInStopsTheStart) {
  ServerOptions options = Options();
  options.migration_user = user_;
  options.migration_password = "wrong";
  options.mysql.user = "someone_else";
  EXPECT_FALSE(Start(std::move(options)).ok());
}

}  // namespace
}  // namespace cs::common

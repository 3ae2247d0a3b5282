// Issue 16, on the real binaries and real MariaDB servers of the test's own:
// - the backup and restore drill: while a load of ticket creates runs, deploy/backup.sh takes an
//   online backup of every service schema; deploy/restore.sh loads it into a fresh server with the
//   service accounts as deployed; the suite starts there on those accounts, and every ticket
//   acknowledged before the backup began is there, with its serial numbers and content, and the
//   serials are gap-free;
// - least privilege: each service's database account and its migration account, made by
//   deploy/sql/create_service_accounts.sh (and granted by the service's start), reach their own
//   schema and no other, and the service's account cannot UPDATE or DELETE its own audit rows.
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <stdio.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/db/connection_pool.h"
#include "common/db/uuid.h"
#include "common/grpc/client_auth.h"
#include "common/testing/private_mariadb.h"
#include "common/testing/shell_command.h"
#include "common/testing/status_matchers.h"
#include "common/testing/wait_for.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/e2e/intake_as_staff.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {
namespace {

using common::testing::PrivateMariaDb;
using common::testing::WaitFor;
using cs::intake::v1::IntakeService;
using cs::intake::v1::Ticket;

// MariaDB's errors for a table, and for a schema, the account has no right to.
constexpr int kErTableAccessDenied = 1142;
constexpr int kErDbAccessDenied = 1044;

std::string SchemaOf(absl::string_view service) {
  return absl::StrCat("cs_", absl::StrReplaceAll(service, {{"-", "_"}}));
}

std::string Script(absl::string_view path) {
  return absl::StrCat("'", CS_SOURCE_DIR, "/", path, "'");
}

// The environment of deploy/backup.sh and deploy/restore.sh for a PrivateMariaDb's admin account.
std::string AdminEnvironment(const PrivateMariaDb& server) {
  const common::db::MySqlOptions admin = server.AdminOptions();
  return absl::StrCat("CS_MYSQL_ADMIN_USER='", admin.user, "' CS_MYSQL_ADMIN_PASSWORD='",
                      admin.password, "' ");
}

std::string Target(const PrivateMariaDb& server) {
  return absl::StrCat("127.0.0.1:", server.port());
}

// A directory of the test's own, removed with it.
class TempDir final {
 public:
  TempDir()
      : path_(absl::StrCat(::getenv("TEST_TMPDIR") != nullptr ? ::getenv("TEST_TMPDIR") : "/tmp",
                           "/cs-backup-e2e-", common::db::NewUuidV4())) {
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  const std::string path_;
};

// The deployment's secrets (what deploy/compose-secrets.sh or deploy/run-local.sh make): a random
// database password and migration password per service.
struct Secrets {
  explicit Secrets(const std::string& dir) : dir(dir) {
    for (const std::string& service : RunningSuite::ServiceNames()) {
      db_password[service] = absl::StrCat("pw-", common::db::NewUuidV4());
      std::ofstream(absl::StrCat(dir, "/", service, ".db-password"))
          << db_password[service] << "\n";
      migration_password[service] = absl::StrCat("mig-", common::db::NewUuidV4());
      std::ofstream(absl::StrCat(dir, "/", service, ".migration-password"))
          << migration_password[service] << "\n";
    }
  }
  std::string dir;
  std::map<std::string, std::string> db_password;
  std::map<std::string, std::string> migration_password;
};

// Every service's schema and account on `server`, as deployed:
// deploy/sql/create_service_accounts.sh applied by the admin account.
absl::Status CreateServiceAccounts(const PrivateMariaDb& server, const Secrets& secrets) {
  const common::db::MySqlOptions admin = server.AdminOptions();
  absl::StatusOr<std::string> applied = common::testing::RunShellCommandOk(absl::StrCat(
      Script("deploy/sql/create_service_accounts.sh"), " '", secrets.dir, "' ",
      absl::StrJoin(RunningSuite::ServiceNames(), " "), " | mariadb --no-defaults -h127.0.0.1 -P",
      server.port(), " -u'", admin.user, "' -p'", admin.password, "'"));
  return applied.status();
}

// The suite on `server`'s service schemas, each service logged in with its own account as deployed:
// cs_<service>, migrating with cs_<service>_migration, which grants it its rights (the archive:
// deploy/sql/archive_grants.sql).
SuiteOptions DeployedSuite(const PrivateMariaDb& server, const Secrets& secrets) {
  SuiteOptions options;
  options.mysql_server = server.AdminOptions();
  for (const std::string& service : RunningSuite::ServiceNames()) {
    options.existing_schemas[service] = SchemaOf(service);
    std::vector<std::string>& flags = options.extra_flags[service];
    flags.push_back(absl::StrCat("--mysql_user=", SchemaOf(service)));
    flags.push_back(absl::StrCat("--mysql_password=", secrets.db_password.at(service)));
    flags.push_back(absl::StrCat("--migration_user=", SchemaOf(service), "_migration"));
    flags.push_back(absl::StrCat("--migration_password=", secrets.migration_password.at(service)));
  }
  return options;
}

// Creates tickets one after another from its own thread until stopped, as a unit's staff would:
// each with its own request_id, retried under the same id while intake answers UNAVAILABLE or
// DEADLINE_EXCEEDED. Remembers every acknowledged ticket with the time of its acknowledgement.
class TicketLoad final {
 public:
  struct Acknowledged {
    Ticket ticket;
    absl::Time at;
  };

  explicit TicketLoad(std::shared_ptr<grpc::Channel> channel)
      : stub_(IntakeService::NewStub(std::move(channel))), thread_([this] { Run(); }) {}
  ~TicketLoad() { Stop(); }

  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::vector<Acknowledged> acknowledged() const {
    absl::MutexLock lock(&mutex_);
    return acknowledged_;
  }
  size_t count() const {
    absl::MutexLock lock(&mutex_);
    return acknowledged_.size();
  }
  // Empty, or the first answer that was neither OK nor retryable.
  std::string error() const {
    absl::MutexLock lock(&mutex_);
    return error_;
  }

 private:
  void Run() {
    for (int i = 0; !stop_; ++i) {
      cs::intake::v1::CreateTicketRequest request;
      request.set_request_id(absl::StrCat("backup-drill-", i));
      *request.mutable_ticket() = CompleteTicketInput();
      request.mutable_ticket()->set_problem(absl::StrCat("宽带晚上经常断线, load ticket ", i));
      request.mutable_ticket()->set_device_number(absl::StrCat("0288888", 1000 + i % 9000));
      for (;;) {
        grpc::ClientContext context;
        context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
        common::AttachBearerToken(context, kBroadbandStaffToken);
        Ticket ticket;
        const grpc::Status status = stub_->CreateTicket(&context, request, &ticket);
        if (status.ok()) {
          absl::MutexLock lock(&mutex_);
          acknowledged_.push_back({std::move(ticket), absl::Now()});
          break;
        }
        if (status.error_code() != grpc::StatusCode::UNAVAILABLE &&
            status.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED) {
          absl::MutexLock lock(&mutex_);
          error_ = absl::StrCat(request.request_id(), ": ", status.error_code(), " ",
                                status.error_message());
          return;
        }
        if (stop_) return;
        absl::SleepFor(absl::Milliseconds(20));
      }
    }
  }

  const std::unique_ptr<IntakeService::Stub> stub_;
  std::atomic<bool> stop_{false};
  mutable absl::Mutex mutex_;
  std::vector<Acknowledged> acknowledged_ ABSL_GUARDED_BY(mutex_);
  std::string error_ ABSL_GUARDED_BY(mutex_);
  // Last: started once everything it uses exists.
  std::thread thread_;
};

// Every ticket of the broadband unit, as CS_CENTER lists them.
std::vector<Ticket> ListAllTickets(IntakeService::Stub& intake) {
  std::vector<Ticket> tickets;
  cs::intake::v1::ListTicketsRequest request;
  request.set_unit_id("broadband");
  request.mutable_page()->set_page_size(100);
  for (;;) {
    cs::intake::v1::ListTicketsResponse page;
    const grpc::Status status =
        CallAs(intake, &IntakeService::Stub::ListTickets, kCsCenterToken, request, &page);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) return tickets;
    tickets.insert(tickets.end(), page.tickets().begin(), page.tickets().end());
    if (page.page().next_page_token().empty()) return tickets;
    request.mutable_page()->set_page_token(page.page().next_page_token());
  }
}

TEST(BackupRestoreE2eTest, EveryTicketAcknowledgedBeforeTheBackupIsInTheRestoredSuite) {
  const absl::Time drill_started = absl::Now();
  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/secrets");
  const Secrets secrets(dir.path() + "/secrets");
  const std::string backup = dir.path() + "/backup";

  // The production server, deployed as deploy/run-local.sh deploys it, under load.
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<PrivateMariaDb> production, PrivateMariaDb::Create());
  ASSERT_OK(CreateServiceAccounts(*production, secrets));
  std::vector<TicketLoad::Acknowledged> before_backup;
  absl::Time backup_began;
  absl::Time backup_ended;
  size_t acknowledged_during_backup = 0;
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<RunningSuite> suite,
                         RunningSuite::Start(DeployedSuite(*production, secrets)));
    TicketLoad load(suite->service("intake").channel);
    ASSERT_OK(WaitFor("30 tickets acknowledged", [&] { return load.count() >= 30; }));

    backup_began = absl::Now();
    before_backup = load.acknowledged();
    ASSERT_OK_AND_ASSIGN(const std::string backed_up,
                         common::testing::RunShellCommandOk(
                             absl::StrCat(AdminEnvironment(*production), Script("deploy/backup.sh"),
                                          " ", Target(*production), " '", backup, "'")));
    backup_ended = absl::Now();
    std::cout << backed_up;
    // The load goes on a little after the backup: those tickets need not be in it.
    const size_t after_backup = load.count();
    ASSERT_OK(
        WaitFor("10 more tickets acknowledged", [&] { return load.count() >= after_backup + 10; }));
    load.Stop();
    ASSERT_EQ(load.error(), "");
    for (const TicketLoad::Acknowledged& ack : load.acknowledged()) {
      if (ack.at > backup_began && ack.at < backup_ended) ++acknowledged_during_backup;
    }
  }
  ASSERT_OK(production->Stop());
  // Online: intake kept acknowledging tickets while the dump ran.
  EXPECT_GT(acknowledged_during_backup, 0u)
      << "no ticket was acknowledged during the " << backup_ended - backup_began << " backup";

  // The backup: one file per schema and the manifest.
  for (const std::string& service : RunningSuite::ServiceNames()) {
    EXPECT_TRUE(std::filesystem::exists(absl::StrCat(backup, "/", SchemaOf(service), ".sql")))
        << service;
  }
  ASSERT_OK_AND_ASSIGN(const std::string manifest, common::testing::RunShellCommandOk(absl::StrCat(
                                                       "cat '", backup, "/MANIFEST'")));
  EXPECT_NE(manifest.find("started_at="), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("server_version="), std::string::npos) << manifest;

  // A fresh server: the schemas, then the service accounts and grants.
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<PrivateMariaDb> restored, PrivateMariaDb::Create());
  ASSERT_OK_AND_ASSIGN(const std::string restoring,
                       common::testing::RunShellCommandOk(absl::StrCat(
                           AdminEnvironment(*restored), Script("deploy/restore.sh"), " ",
                           Target(*restored), " '", backup, "' '", secrets.dir, "'")));
  std::cout << restoring;
  // Restoring again over the restored schemas is refused, and changes nothing.
  EXPECT_FALSE(common::testing::RunShellCommandOk(
                   absl::StrCat(AdminEnvironment(*restored), Script("deploy/restore.sh"), " ",
                                Target(*restored), " '", backup, "' '", secrets.dir, "'"))
                   .ok());

  // The suite starts on it with the restored accounts...
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RunningSuite> suite,
                       RunningSuite::Start(DeployedSuite(*restored, secrets)));
  auto intake = IntakeService::NewStub(suite->service("intake").channel);

  // ...every ticket acknowledged before the backup began is there, as it was acknowledged...
  ASSERT_GE(before_backup.size(), 30u);
  for (const TicketLoad::Acknowledged& ack : before_backup) {
    cs::intake::v1::GetTicketRequest get;
    get.set_ticket_id(ack.ticket.ticket_id());
    Ticket found;
    const grpc::Status status =
        CallAs(*intake, &IntakeService::Stub::GetTicket, kBroadbandStaffToken, get, &found);
    ASSERT_TRUE(status.ok()) << "ticket " << ack.ticket.ticket_id() << ": "
                             << status.error_message();
    EXPECT_EQ(found.overall_serial(), ack.ticket.overall_serial());
    EXPECT_EQ(found.serial_month(), ack.ticket.serial_month());
    EXPECT_EQ(found.month_serial(), ack.ticket.month_serial());
    EXPECT_EQ(found.received_at().seconds(), ack.ticket.received_at().seconds());
    EXPECT_TRUE(
        google::protobuf::util::MessageDifferencer::Equals(found.input(), ack.ticket.input()))
        << found.input().DebugString() << "\nacknowledged:\n"
        << ack.ticket.input().DebugString();
  }

  // ...and the serials are gap-free, overall and within each month (SPEC I3).
  std::vector<Ticket> all = ListAllTickets(*intake);
  ASSERT_GE(all.size(), before_backup.size());
  std::sort(all.begin(), all.end(), [](const Ticket& a, const Ticket& b) {
    return a.overall_serial() < b.overall_serial();
  });
  std::map<std::string, std::vector<int64_t>> by_month;
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].overall_serial(), static_cast<int64_t>(i + 1)) << "a gap before it";
    by_month[all[i].serial_month()].push_back(all[i].month_serial());
  }
  for (auto& [month, serials] : by_month) {
    std::sort(serials.begin(), serials.end());
    for (size_t i = 0; i < serials.size(); ++i) {
      EXPECT_EQ(serials[i], static_cast<int64_t>(i + 1)) << month;
    }
  }

  // The restored suite goes on numbering after the restored tickets.
  cs::intake::v1::CreateTicketRequest create;
  create.set_request_id("after-restore");
  *create.mutable_ticket() = CompleteTicketInput();
  Ticket next;
  ASSERT_TRUE(
      CallAs(*intake, &IntakeService::Stub::CreateTicket, kBroadbandStaffToken, create, &next)
          .ok());
  EXPECT_EQ(next.overall_serial(), static_cast<int64_t>(all.size() + 1));

  std::cout << "backup drill: " << before_backup.size()
            << " tickets acknowledged before the backup, " << acknowledged_during_backup
            << " during it (" << backup_ended - backup_began << "), " << all.size()
            << " restored; drill took " << absl::Now() - drill_started << "\n";
}

// One statement on a connection of its own as `user`; OK, or the server's error number.
int ErrorOf(const PrivateMariaDb& server, const std::string& user, const std::string& password,
            const std::string& statement) {
  common::db::MySqlOptions options = server.AdminOptions();
  options.user = user;
  options.password = password;
  options.pool_size = 1;
  absl::StatusOr<std::unique_ptr<common::db::ConnectionPool>> pool =
      common::db::ConnectionPool::Create(options);
  if (!pool.ok()) {
    ADD_FAILURE() << user << " cannot log in: " << pool.status();
    return -1;
  }
  absl::StatusOr<common::db::PooledConnection> connection = (*pool)->Acquire();
  if (!connection.ok()) {
    ADD_FAILURE() << user << ": " << connection.status();
    return -1;
  }
  try {
    std::unique_ptr<sql::Statement> run((*connection)->createStatement());
    run->execute(statement);
    return 0;
  } catch (const sql::SQLException& e) {
    return e.getErrorCode();
  }
}

TEST(LeastPrivilegeE2eTest, EachServiceAccountReachesOnlyItsOwnSchema) {
  TempDir dir;
  const Secrets secrets(dir.path());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<PrivateMariaDb> server, PrivateMariaDb::Create());
  ASSERT_OK(CreateServiceAccounts(*server, secrets));
  // Every schema gets its tables, and every service account its grants, from the services' own
  // start.
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<RunningSuite> suite,
                         RunningSuite::Start(DeployedSuite(*server, secrets)));
  }

  struct Account {
    std::string user;
    std::string password;
    std::string own;
    // A service's own account never creates tables (its migration account does), and never
    // rewrites its audit trail.
    bool is_migration_account = false;
  };
  std::vector<Account> accounts;
  for (const std::string& service : RunningSuite::ServiceNames()) {
    accounts.push_back({SchemaOf(service), secrets.db_password.at(service), SchemaOf(service)});
    accounts.push_back({absl::StrCat(SchemaOf(service), "_migration"),
                        secrets.migration_password.at(service), SchemaOf(service), true});
  }

  for (const Account& account : accounts) {
    SCOPED_TRACE(account.user);
    // Its own schema: every schema has the migration record.
    EXPECT_EQ(ErrorOf(*server, account.user, account.password,
                      absl::StrCat("SELECT COUNT(*) FROM `", account.own, "`.schema_migrations")),
              0);
    const std::string create_own =
        absl::StrCat("CREATE TABLE `", account.own, "`.least_privilege_probe (x INT)");
    if (account.is_migration_account) {
      EXPECT_EQ(ErrorOf(*server, account.user, account.password, create_own), 0);
      EXPECT_EQ(ErrorOf(*server, account.user, account.password,
                        absl::StrCat("DROP TABLE `", account.own, "`.least_privilege_probe")),
                0);
    } else {
      EXPECT_EQ(ErrorOf(*server, account.user, account.password, create_own), kErTableAccessDenied);
      // Its audit trail: read and appended by the service, never rewritten (issue 16, "Audit").
      EXPECT_EQ(ErrorOf(*server, account.user, account.password,
                        absl::StrCat("SELECT COUNT(*) FROM `", account.own, "`.audit_log")),
                0);
      EXPECT_EQ(ErrorOf(*server, account.user, account.password,
                        absl::StrCat("UPDATE `", account.own, "`.audit_log SET result = 'X'")),
                kErTableAccessDenied);
      EXPECT_EQ(ErrorOf(*server, account.user, account.password,
                        absl::StrCat("DELETE FROM `", account.own, "`.audit_log")),
                kErTableAccessDenied);
    }
    // Every other service's schema: refused, whatever the statement.
    for (const std::string& other_service : RunningSuite::ServiceNames()) {
      const std::string other = SchemaOf(other_service);
      if (other == account.own) continue;
      SCOPED_TRACE(other);
      EXPECT_EQ(ErrorOf(*server, account.user, account.password,
                        absl::StrCat("SELECT COUNT(*) FROM `", other, "`.schema_migrations")),
                kErTableAccessDenied);
      EXPECT_EQ(ErrorOf(*server, account.user, account.password,
                        absl::StrCat("CREATE TABLE `", other, "`.least_privilege_probe (x INT)")),
                kErTableAccessDenied);
      EXPECT_EQ(ErrorOf(*server, account.user, account.password, absl::StrCat("USE `", other, "`")),
                kErDbAccessDenied);
    }
    EXPECT_EQ(
        ErrorOf(*server, account.user, account.password, "CREATE DATABASE least_privilege_probe"),
        kErDbAccessDenied);
  }
}

}  // namespace
}  // namespace cs::e2e

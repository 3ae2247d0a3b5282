// Issue 16, "Audit": every committed change a call makes carries one audit_log row, written in the
// same transaction as the change (common/db/transaction.h, Transaction::NoteChange/AppendAudit).
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/auth/audit_subject.h"
#include "common/db/common_schema.h"
#include "common/db/connection_pool.h"
#include "common/db/migration_runner.h"
#include "common/db/sql_time.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::TestDatabase;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

struct AuditRow {
  absl::Time recorded_at;
  std::string principal;
  std::string role;
  std::string unit_id;
  std::string method;
  std::string request_id;
  std::string target;
  std::string result;
};

AuditSubject Subject(const std::string& principal) {
  return {principal, "UNIT_STAFF", "broadband", "ForwardTicket", "req-42"};
}

// The time audit_log stores: microseconds, so a window taken around a write compares exactly.
absl::Time Micros(absl::Time t) { return absl::FromUnixMicros(absl::ToUnixMicros(t)); }

class AuditRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, TestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(pool_, database_->CreatePool());
    ASSERT_OK(ApplyMigrations(*pool_, {&common_schema::Migrations()}));
    ASSERT_OK(RunInTransaction(*pool_, [](Transaction& tx) -> absl::Status {
      tx.Execute("CREATE TABLE things (id INT PRIMARY KEY, label VARCHAR(16) NOT NULL)");
      return absl::OkStatus();
    }));
  }

  static void InsertThing(Transaction& tx, int id) {
    auto insert = tx.Prepare("INSERT INTO things (id, label) VALUES (?, 'thing')");
    insert->setInt(1, id);
    insert->executeUpdate();
  }

  absl::StatusOr<int> CountThings() {
    return RunInTransaction(*pool_, [](Transaction& tx) -> absl::StatusOr<int> {
      auto count = tx.Prepare("SELECT COUNT(*) AS n FROM things");
      std::unique_ptr<sql::ResultSet> rows(count->executeQuery());
      rows->next();
      return rows->getInt("n");
    });
  }

  std::vector<AuditRow> AuditRows() {
    absl::StatusOr<std::vector<AuditRow>> rows =
        RunInTransaction(*pool_, [](Transaction& tx) -> absl::StatusOr<std::vector<AuditRow>> {
          auto select = tx.Prepare(
              "SELECT recorded_at, principal, role, unit_id, method, request_id, target, result "
              "FROM audit_log ORDER BY id");
          std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
          std::vector<AuditRow> read;
          while (rs->next()) {
            read.push_back({TimeColumn(*rs, "recorded_at"), StringColumn(*rs, "principal"),
                            StringColumn(*rs, "role"), StringColumn(*rs, "unit_id"),
                            StringColumn(*rs, "method"), StringColumn(*rs, "request_id"),
                            StringColumn(*rs, "target"), StringColumn(*rs, "result")});
          }
          return read;
        });
    EXPECT_OK(rows.status());
    return rows.value_or(std::vector<AuditRow>{});
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(AuditRowsTest, Audit_OneRowPerCommittedChangeInItsTransaction) {
  AuditSubjectScope scope;
  SetCurrentAuditSubject(Subject("alice"));
  const absl::Time before = Micros(absl::Now());
  ASSERT_OK(RunInTransaction(*pool_, [](Transaction& tx) -> absl::Status {
    InsertThing(tx, 1);
    tx.NoteChange("thing 1");
    InsertThing(tx, 2);
    tx.NoteChange("thing 2");
    return absl::OkStatus();
  }));
  const absl::Time after = Micros(absl::Now());

  EXPECT_THAT(CountThings(), IsOkAndHolds(2));
  const std::vector<AuditRow> rows = AuditRows();
  ASSERT_THAT(rows, SizeIs(1));
  const AuditRow& row = rows[0];
  EXPECT_EQ(row.principal, "alice");
  EXPECT_EQ(row.role, "UNIT_STAFF");
  EXPECT_EQ(row.unit_id, "broadband");
  EXPECT_EQ(row.method, "ForwardTicket");
  EXPECT_EQ(row.request_id, "req-42");
  EXPECT_EQ(row.target, "thing 1, thing 2");
  EXPECT_EQ(row.result, "OK");
  EXPECT_GE(row.recorded_at, before);
  EXPECT_LE(row.recorded_at, after);
}

TEST_F(AuditRowsTest, Audit_RolledBackChangeLeavesNoRow) {
  AuditSubjectScope scope;
  SetCurrentAuditSubject(Subject("alice"));
  EXPECT_THAT(RunInTransaction(*pool_,
                               [](Transaction& tx) -> absl::Status {
                                 InsertThing(tx, 1);
                                 tx.NoteChange("thing 1");
                                 return absl::FailedPreconditionError("refused after writing");
                               }),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(CountThings(), IsOkAndHolds(0));
  EXPECT_THAT(AuditRows(), IsEmpty());
}

TEST_F(AuditRowsTest, Audit_NoSubjectNoRow) {
  // A background worker: no scope at all, then a scope whose subject was never recorded.
  ASSERT_OK(RunInTransaction(*pool_, [](Transaction& tx) -> absl::Status {
    InsertThing(tx, 1);
    tx.NoteChange("thing 1");
    return absl::OkStatus();
  }));
  {
    AuditSubjectScope scope;
    ASSERT_OK(RunInTransaction(*pool_, [](Transaction& tx) -> absl::Status {
      InsertThing(tx, 2);
      tx.NoteChange("thing 2");
      return absl::OkStatus();
    }));
  }
  EXPECT_THAT(CountThings(), IsOkAndHolds(2));
  EXPECT_THAT(AuditRows(), IsEmpty());
}

TEST_F(AuditRowsTest, Audit_NothingNotedNoRow) {
  AuditSubjectScope scope;
  SetCurrentAuditSubject(Subject("alice"));
  // A read of an admitted call, and a write that names nothing (e.g. an idempotent replay).
  ASSERT_THAT(CountThings(), IsOkAndHolds(0));
  ASSERT_OK(RunInTransaction(*pool_, [](Transaction& tx) -> absl::Status {
    InsertThing(tx, 1);
    return absl::OkStatus();
  }));
  EXPECT_THAT(AuditRows(), IsEmpty());
}

TEST_F(AuditRowsTest, Audit_SingleStatementWithSubjectRunsATransaction) {
  AuditSubjectScope scope;
  SetCurrentAuditSubject(Subject("alice"));
  TransactionOptions options;
  options.single_statement = true;
  int in_transaction = -1;
  ASSERT_OK(RunInTransaction(
      *pool_,
      [&](Transaction& tx) -> absl::Status {
        InsertThing(tx, 1);
        auto probe = tx.Prepare("SELECT @@in_transaction AS open");
        std::unique_ptr<sql::ResultSet> rs(probe->executeQuery());
        rs->next();
        in_transaction = rs->getInt("open");
        tx.NoteChange("thing 1");
        return absl::OkStatus();
      },
      options));
  // Autocommitted, the INSERT would have committed alone, before the audit row.
  EXPECT_EQ(in_transaction, 1);
  EXPECT_THAT(CountThings(), IsOkAndHolds(1));
  const std::vector<AuditRow> rows = AuditRows();
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].principal, "alice");
  EXPECT_EQ(rows[0].target, "thing 1");
}

TEST_F(AuditRowsTest, Audit_AppendAuditNamesItsOwnSubject) {
  ASSERT_EQ(CurrentAuditSubject(), nullptr);
  ASSERT_OK(RunInTransaction(*pool_, [](Transaction& tx) -> absl::Status {
    InsertThing(tx, 1);
    tx.AppendAudit(Subject("bob"), "thing 1");
    return absl::OkStatus();
  }));
  EXPECT_THAT(CountThings(), IsOkAndHolds(1));
  const std::vector<AuditRow> rows = AuditRows();
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].principal, "bob");
  EXPECT_EQ(rows[0].method, "ForwardTicket");
  EXPECT_EQ(rows[0].request_id, "req-42");
  EXPECT_EQ(rows[0].target, "thing 1");
  EXPECT_EQ(rows[0].result, "OK");
}

TEST_F(AuditRowsTest, Audit_RetriedTransactionWritesOneRow) {
  AuditSubjectScope scope;
  SetCurrentAuditSubject(Subject("alice"));
  std::vector<int> attempts;
  TransactionOptions options;
  options.retry_backoff = absl::ZeroDuration();
  ASSERT_OK(RunInTransaction(
      *pool_,
      [&](Transaction& tx) -> absl::Status {
        attempts.push_back(tx.attempt());
        InsertThing(tx, 1);
        tx.NoteChange("thing 1");
        if (tx.attempt() == 1) return absl::AbortedError("as if deadlocked");
        return absl::OkStatus();
      },
      options));
  EXPECT_THAT(attempts, ElementsAre(1, 2));
  EXPECT_THAT(CountThings(), IsOkAndHolds(1));
  const std::vector<AuditRow> rows = AuditRows();
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].target, "thing 1");
}

}  // namespace
}  // namespace cs::common::db

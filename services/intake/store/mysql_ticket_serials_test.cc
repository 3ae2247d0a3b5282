// SPEC I3 under audit (issue 16): a create batch that carries audit rows commits after its INSERT,
// so the INSERT can succeed and the transaction still fail. The serial book must then not move on
// — the next ticket takes the serial the failed batch did not keep, and serials stay gap-free.
// Real MariaDB (tests/run.sh), the MySQL store only: the in-memory store has no transactions.
#include <memory>
#include <string>

#include "common/auth/audit_subject.h"
#include "common/db/common_schema.h"
#include "common/db/migration_runner.h"
#include "common/db/transaction.h"
#include "common/hash/sha256.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/time/clock.h"
#include "gtest/gtest.h"
#include "services/intake/domain/ticket_test_support.h"
#include "services/intake/migrations.h"
#include "services/intake/store/mysql_ticket_store.h"

namespace cs::intake {
namespace {

using ::cs::common::testing::IsOk;

const absl::Time kT0 = absl::FromUnixSeconds(1795000000);  // 2026-11-18

Ticket Draft() {
  Ticket draft;
  draft.input = testing::CompleteInput();
  draft.input.unit_id = "broadband";
  draft.received_at = kT0;
  draft.confirm_clock_start = kT0;
  draft.serial_month = "2026-11";
  draft.confirm_deadline = {kT0 + absl::Hours(1), "cn-2026.1"};
  draft.updated_at = kT0;
  draft.version = 1;
  draft.history.push_back({1, kT0, "clerk", "CREATED", ""});
  return draft;
}

absl::StatusOr<Ticket> CreateAs(MySqlTicketStore& store, const std::string& request_id) {
  const common::AuditSubjectScope scope;
  common::SetCurrentAuditSubject({"clerk", "UNIT_STAFF", "broadband", "CreateTicket", request_id});
  absl::StatusOr<CreateResult> created =
      store.Create(Draft(), {request_id, common::Sha256Hex(request_id)});
  if (!created.ok()) return created.status();
  return created->ticket;
}

absl::Status Execute(common::db::ConnectionPool& pool, const std::string& sql) {
  return common::db::RunInTransaction(pool, [&](common::db::Transaction& tx) {
    tx.Execute(sql);
    return absl::OkStatus();
  });
}

TEST(MySqlTicketSerialsTest, I3_ABatchWhoseTransactionFailsAfterItsInsertLeavesNoGap) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<common::testing::TestDatabase> database,
                       common::testing::TestDatabase::Create());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<common::db::ConnectionPool> pool, database->CreatePool(4));
  ASSERT_OK(common::db::ApplyMigrations(
      *pool, {&common::db::common_schema::Migrations(), &schema::Migrations()}));
  common::ManualClock clock(kT0);
  MySqlTicketStore store(*pool, clock);

  ASSERT_OK_AND_ASSIGN(const Ticket first, CreateAs(store, "first"));
  EXPECT_EQ(first.overall_serial, 1);

  // The audit row cannot be written: the batch's INSERT runs, its transaction rolls back.
  ASSERT_OK(Execute(*pool, "RENAME TABLE audit_log TO audit_log_away"));
  EXPECT_FALSE(CreateAs(store, "lost").ok());
  ASSERT_OK(Execute(*pool, "RENAME TABLE audit_log_away TO audit_log"));

  ASSERT_OK_AND_ASSIGN(const Ticket next, CreateAs(store, "next"));
  EXPECT_EQ(next.overall_serial, 2) << "the failed batch's serial must be handed out again";
  EXPECT_EQ(next.month_serial, 2);
}

}  // namespace
}  // namespace cs::intake

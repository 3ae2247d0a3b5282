// V3 (A1 7.3.3): the access log is append-only for the archive's own database account — proven by
// the database itself. The test applies deploy/sql/archive_grants.sql (as built into the binary)
// for a fresh account on a fresh schema, connects as that account, and shows INSERT and SELECT on
// access_log work while UPDATE, DELETE and TRUNCATE are refused by MariaDB with error 1142; and
// that the rest of the store works with exactly those grants.
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/db/common_schema.h"
#include "common/db/migration_runner.h"
#include "common/db/uuid.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/archive/migrations.h"
#include "services/archive/store/access_grants.h"
#include "services/archive/store/archive_store_test_support.h"
#include "services/archive/store/mysql_archive_stores.h"

namespace cs::archive {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::testing::HasSubstr;

constexpr int kTableAccessDenied = 1142;

// Runs `statement` on its own connection of `pool`; the MySQL error number, 0 when it ran.
int ErrorOf(common::db::ConnectionPool& pool, const std::string& statement) {
  absl::StatusOr<common::db::PooledConnection> lease = pool.Acquire();
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

int64_t CountRows(common::db::ConnectionPool& pool, const std::string& table) {
  absl::StatusOr<common::db::PooledConnection> lease = pool.Acquire();
  if (!lease.ok()) return -1;
  std::unique_ptr<sql::Statement> run((*lease)->createStatement());
  std::unique_ptr<sql::ResultSet> rs(run->executeQuery("SELECT COUNT(*) FROM " + table));
  rs->next();
  return rs->getInt64(1);
}

class ArchiveGrantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, common::testing::TestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(admin_, database_->CreatePool(2));
    ASSERT_THAT(common::db::ApplyMigrations(
                    *admin_, {&common::db::common_schema::Migrations(), &schema::Migrations()}),
                IsOk());
    user_ = absl::StrCat("arch_", absl::StrReplaceAll(common::db::NewUuidV4(), {{"-", ""}}))
                .substr(0, 20);
    ASSERT_EQ(ErrorOf(*admin_, absl::StrCat("CREATE USER '", user_, "'@'%' IDENTIFIED BY '",
                                            kPassword, "'")),
              0);
    ASSERT_THAT(ApplyArchiveGrants(*admin_, database_->name(), user_), IsOk());
    common::db::MySqlOptions options = database_->options();
    options.user = user_;
    options.password = std::string(kPassword);
    options.pool_size = 2;
    ASSERT_OK_AND_ASSIGN(service_, common::db::ConnectionPool::Create(options));
  }
  void TearDown() override {
    service_.reset();
    if (admin_ != nullptr && !user_.empty()) {
      EXPECT_EQ(ErrorOf(*admin_, absl::StrCat("DROP USER IF EXISTS '", user_, "'@'%'")), 0);
    }
  }

  static constexpr absl::string_view kPassword = "archive-test-pw";
  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<common::db::ConnectionPool> admin_;
  std::unique_ptr<common::db::ConnectionPool> service_;
  std::string user_;
};

TEST_F(ArchiveGrantsTest, V3_TheDatabaseRefusesUpdateAndDeleteOnTheAccessLog) {
  ASSERT_EQ(
      ErrorOf(*service_,
              "INSERT INTO access_log (at, actor, actor_role, caller_unit_id, action, target, "
              "record_unit_id, reason, outcome, result_count, detail) VALUES "
              "('2026-04-01 00:00:00', 'alice', 1, '', 'GET_RECORD', 'AR-1', 'broadband', "
              "'audit', 'GRANTED', 1, '')"),
      0);
  EXPECT_EQ(CountRows(*service_, "access_log"), 1);
  EXPECT_EQ(ErrorOf(*service_, "UPDATE access_log SET reason = 'nothing to see'"),
            kTableAccessDenied);
  EXPECT_EQ(ErrorOf(*service_, "UPDATE access_log SET actor = 'bob' WHERE id = 1"),
            kTableAccessDenied);
  EXPECT_EQ(ErrorOf(*service_, "DELETE FROM access_log"), kTableAccessDenied);
  EXPECT_EQ(ErrorOf(*service_, "DELETE FROM access_log WHERE id = 1"), kTableAccessDenied);
  EXPECT_EQ(ErrorOf(*service_, "TRUNCATE TABLE access_log"), kTableAccessDenied);
  EXPECT_EQ(ErrorOf(*service_, "DROP TABLE access_log"), kTableAccessDenied);
  // The row is still there, unchanged, as the admin sees it.
  EXPECT_EQ(CountRows(*admin_, "access_log WHERE actor = 'alice' AND reason = 'audit'"), 1);
  // Neither can the account give itself more.
  EXPECT_NE(ErrorOf(*service_, absl::StrCat("GRANT UPDATE ON `", database_->name(),
                                            "`.`access_log` TO '", user_, "'@'%'")),
            0);
  // Records are never deleted either.
  EXPECT_EQ(ErrorOf(*service_, "DELETE FROM records"), kTableAccessDenied);
}

TEST_F(ArchiveGrantsTest, V3_TheStartupProbeTellsTheRestrictedAccountFromAnAdmin) {
  EXPECT_THAT(AccessLogIsAppendOnly(*service_), IsOkAndHolds(true));
  EXPECT_THAT(AccessLogIsAppendOnly(*admin_), IsOkAndHolds(false));
  // The probe changes nothing.
  EXPECT_EQ(CountRows(*admin_, "access_log"), 0);
}

TEST_F(ArchiveGrantsTest, V3_TheStoreWorksWithExactlyTheseGrants) {
  MySqlArchiveStores stores(*service_);
  RecordStore& store = stores.records();
  using testing::Draft;
  using testing::Entry;
  const VersionDraft draft = Draft(1, "doc-1");
  ASSERT_OK_AND_ASSIGN(
      ArchiveOutcome archived,
      store.Archive("m-1", "intake", draft, testing::TwoYears(draft.summary.closed_at),
                    testing::At(2026, 3, 4)));
  ASSERT_THAT(store.AppendVersion(archived.record_id, {"c1", "f"}, Draft(1, "doc-2"),
                                  testing::Allow, testing::At(2026, 3, 5)),
              IsOk());
  ASSERT_THAT(store.ReadRecord(archived.record_id, 0, testing::Allow,
                               Entry(AccessAction::kGetRecord, "AR-1")),
              IsOk());
  ASSERT_THAT(store.Search({}, 0, 10, Entry(AccessAction::kSearchRecords, "all")), IsOk());
  ASSERT_THAT(
      store.SetLegalHold(archived.record_id, true, "case", "center", testing::At(2026, 4, 1)),
      IsOk());
  ASSERT_THAT(
      store.SetLegalHold(archived.record_id, false, "done", "center", testing::At(2026, 4, 2)),
      IsOk());
  RetentionPolicy policy;
  policy.unit_id = "broadband";
  policy.months = 36;
  policy.set_at = testing::At(2026, 4, 1);
  ASSERT_THAT(stores.retention().SetRetentionOverride(policy), IsOk());
  ASSERT_THAT(stores.monthly_reports().RebuildMonthlyStatistics(), IsOk());
  MonthlyReport report;
  report.unit_id = "broadband";
  report.month = "2026-03";
  report.due = {testing::At(2026, 4, 8), "v"};
  report.submitted_at = testing::At(2026, 4, 7);
  report.analysis = "ok";
  ASSERT_THAT(stores.monthly_reports().SubmitMonthlyReport(report, {"r1", "f"}), IsOk());
  ASSERT_THAT(stores.monthly_reports().ClaimMissedMonthlyReports("2026-03", {"portal"}, report.due),
              IsOk());
  ASSERT_THAT(store.Destroy(archived.record_id, {"d1", "f"},
                            [](const ArchivedRecord& r) -> absl::StatusOr<DestructionCertificate> {
                              DestructionCertificate c;
                              c.record_id = r.record_id;
                              c.unit_id = r.summary.unit_id;
                              c.content_sha256 = r.versions.back().content_sha256;
                              return c;
                            }),
              IsOk());
  ASSERT_THAT(
      stores.access_log().ListAccessLog({}, 0, 10, Entry(AccessAction::kListAccessLog, "all")),
      IsOk());
  EXPECT_EQ(CountRows(*admin_, "access_log"), 3);
}

TEST(ArchiveGrantsFileTest, TheBinaryCarriesTheFileAsItIsInTheRepository) {
  std::ifstream in(CS_SOURCE_DIR "/deploy/sql/archive_grants.sql");
  ASSERT_TRUE(in) << "cannot read deploy/sql/archive_grants.sql";
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), EmbeddedArchiveGrants());
}

}  // namespace
}  // namespace cs::archive

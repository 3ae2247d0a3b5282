// Speed of the archive's monthly statistics (SPEC V5, issue 5: "with 1,000,000 records, the month
// report answers well under a second"). The archive keeps per-month, per-classification counts in
// monthly_stats in the transaction that archives each record, so a month report reads a few hundred
// summary rows instead of scanning a month of records; this benchmark proves it on a real MariaDB
// holding 1,000,000 records, and shows what the summary saves against a GROUP BY over the records.
//
// Needs a MariaDB: CS_TEST_MYSQL_HOST/PORT/USER/PASSWORD (an account that may create schemas), as
// tests/run.sh exports them, e.g.
//   port=$(deploy/private-mariadb.sh start /tmp/mdb-bench)
//   export CS_TEST_MYSQL_HOST=127.0.0.1 CS_TEST_MYSQL_PORT=$port
//   export CS_TEST_MYSQL_USER=cs_admin CS_TEST_MYSQL_PASSWORD=cs_admin
//   build-*/tests/bench/archive_report_bench
// CS_ARCHIVE_BENCH_RECORDS overrides the number of records (default 1000000). Loading them takes a
// minute or two (server-side INSERT … SELECT from MariaDB's sequence engine); the schema is dropped
// at exit.
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "benchmark/benchmark.h"
#include "common/db/common_schema.h"
#include "common/db/connection_pool.h"
#include "common/db/migration_runner.h"
#include "common/status/status_macros.h"
#include "common/testing/test_database.h"
#include "common/time/calendar_holder.h"
#include "common/time/calendar_testing.h"
#include "services/archive/core/archive_core.h"
#include "services/archive/domain/record_test_support.h"
#include "services/archive/migrations.h"
#include "services/archive/store/mysql_archive_stores.h"

namespace cs::archive {
namespace {

// Decodes nothing: the statistics never read documents.
class NoCodec final : public RecordCodec {
 public:
  absl::StatusOr<RecordContent> Decode(absl::string_view) const override {
    return absl::UnimplementedError("not used by the statistics");
  }
};

class NoObserver final : public ArchiveObserver {
 public:
  void RecordArchived(absl::string_view) override {}
  void RecordVersioned(absl::string_view) override {}
  void RecordRead(common::Role, AccessAction, AccessOutcome) override {}
  void DueForDestruction(const std::vector<UnitCount>&) override {}
  void RecordDestroyed(absl::string_view) override {}
  void MonthlyReportDeadline(absl::string_view, bool) override {}
};

// One archive of `records` records spread evenly over the 24 months 2025-01 … 2026-12, the five
// test units, three kinds, six channels, eight business lines and five routing paths, 90% on time.
class Archive {
 public:
  static absl::StatusOr<std::unique_ptr<Archive>> Create(int64_t records) {
    auto archive = std::unique_ptr<Archive>(new Archive());
    const char* host = std::getenv("CS_TEST_MYSQL_HOST");
    const char* port = std::getenv("CS_TEST_MYSQL_PORT");
    const char* user = std::getenv("CS_TEST_MYSQL_USER");
    const char* password = std::getenv("CS_TEST_MYSQL_PASSWORD");
    common::db::MySqlOptions server;
    if (host == nullptr || port == nullptr || user == nullptr || password == nullptr ||
        !absl::SimpleAtoi(port, &server.port)) {
      return absl::FailedPreconditionError(
          "set CS_TEST_MYSQL_HOST, CS_TEST_MYSQL_PORT, CS_TEST_MYSQL_USER and "
          "CS_TEST_MYSQL_PASSWORD (see the top of archive_report_bench.cc)");
    }
    server.host = host;
    server.user = user;
    server.password = password;
    ASSIGN_OR_RETURN(archive->database_, common::testing::TestDatabase::CreateOn(server));
    common::db::MySqlOptions options = archive->database_->options();
    options.read_timeout = absl::Minutes(30);
    options.write_timeout = absl::Minutes(30);
    options.pool_size = 2;
    ASSIGN_OR_RETURN(archive->pool_, common::db::ConnectionPool::Create(options));
    RETURN_IF_ERROR(common::db::ApplyMigrations(
        *archive->pool_, {&common::db::common_schema::Migrations(), &schema::Migrations()}));
    RETURN_IF_ERROR(archive->Load(records));
    archive->stores_ = std::make_unique<MySqlArchiveStores>(*archive->pool_);
    const absl::Time started = absl::Now();
    RETURN_IF_ERROR(archive->stores_->monthly_reports().RebuildMonthlyStatistics());
    std::cerr << "monthly_stats rebuilt in " << absl::Now() - started << "\n";
    ASSIGN_OR_RETURN(
        common::CalendarSet calendars,
        common::CalendarSet::Create({common::testing::Cn2026CalendarData()}, "cn-2026.1"));
    archive->calendars_ = std::make_unique<common::CalendarHolder>(std::move(calendars));
    archive->core_ = std::make_unique<ArchiveCore>(
        archive->stores_->stores(), archive->units_, *archive->calendars_, ArchiveSettings{},
        archive->clock_, archive->codec_, archive->observer_);
    return archive;
  }

  ArchiveCore& core() { return *core_; }
  common::db::ConnectionPool& pool() { return *pool_; }

 private:
  Archive()
      : units_(testing::TestUnits()), clock_(common::testing::ShanghaiTime(2027, 1, 5, 9, 0)) {}

  absl::Status Load(int64_t records) {
    const absl::Time started = absl::Now();
    ASSIGN_OR_RETURN(common::db::PooledConnection lease, pool_->Acquire());
    std::unique_ptr<sql::Statement> run(lease->createStatement());
    // Month m of 24, one record in 24 per month; every column of a real record, no document (the
    // statistics never read it).
    const std::string insert = absl::StrCat(
        "INSERT INTO records (ticket_id, unit_id, unit_name, time_zone, kind, channel, "
        "business_line, routing_path, overall_serial, serial_month, month_serial, received_at, "
        "closed_at, closed_month, on_time, current_version, archived_at, retention_months, "
        "retain_until, retention_basis) "
        "SELECT s.seq, ELT(1 + s.seq MOD 5, 'broadband', 'idc', 'portal', 'service-desk', "
        "'cs-center'), 'unit', 'Asia/Shanghai', 1 + s.seq MOD 3, 1 + s.seq MOD 6, "
        "ELT(1 + s.seq MOD 8, 'broadband', 'idc', 'portal', 'webmail', 'domain', 'hosting', "
        "'general', ''), s.seq MOD 5, s.seq, DATE_FORMAT(s.day, '%Y-%m'), s.seq, s.day, "
        "s.day + INTERVAL 1 DAY, DATE_FORMAT(s.day + INTERVAL 1 DAY, '%Y-%m'), "
        "s.seq MOD 10 <> 0, 1, s.day + INTERVAL 1 DAY, 24, s.day + INTERVAL 2 YEAR, 'bench' "
        "FROM (SELECT seq, TIMESTAMP('2025-01-01 02:00:00') + INTERVAL (seq MOD 24) MONTH + "
        "INTERVAL (seq MOD 27) DAY AS day FROM seq_1_to_",
        records, ") s");
    try {
      run->execute(insert);
    } catch (const sql::SQLException& e) {
      return absl::InternalError(absl::StrCat("loading records: ", e.what()));
    }
    std::cerr << records << " records loaded in " << absl::Now() - started << "\n";
    return absl::OkStatus();
  }

  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<common::db::ConnectionPool> pool_;
  std::unique_ptr<MySqlArchiveStores> stores_;
  common::UnitDirectory units_;
  std::unique_ptr<common::CalendarHolder> calendars_;
  common::ManualClock clock_;
  NoCodec codec_;
  NoObserver observer_;
  std::unique_ptr<ArchiveCore> core_;
};

Archive* g_archive = nullptr;

const common::Principal kCenter{"center", common::Role::kCsCenter, ""};

// The month report of every unit, as GetMonthlyStatistics computes it (two summary reads and the
// report's due date).
void BM_MonthlyStatisticsAllUnits(benchmark::State& state) {
  for (auto _ : state) {
    absl::StatusOr<MonthlyStatistics> stats =
        g_archive->core().GetMonthlyStatistics(kCenter, "2026-03", "");
    if (!stats.ok()) {
      state.SkipWithError(std::string(stats.status().message()).c_str());
      return;
    }
    benchmark::DoNotOptimize(stats->totals.total);
    state.counters["records_in_month"] = static_cast<double>(stats->totals.total);
  }
}
BENCHMARK(BM_MonthlyStatisticsAllUnits)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MonthlyStatisticsOneUnit(benchmark::State& state) {
  for (auto _ : state) {
    absl::StatusOr<MonthlyStatistics> stats =
        g_archive->core().GetMonthlyStatistics(kCenter, "2026-03", "broadband");
    if (!stats.ok()) {
      state.SkipWithError(std::string(stats.status().message()).c_str());
      return;
    }
    benchmark::DoNotOptimize(stats->totals.total);
    state.counters["records_in_month"] = static_cast<double>(stats->totals.total);
  }
}
BENCHMARK(BM_MonthlyStatisticsOneUnit)->Unit(benchmark::kMillisecond)->UseRealTime();

// For comparison: the same counts by scanning the month's records (index on closed_month) — what
// the summary table saves.
void BM_SameCountsWithoutSummaryTable(benchmark::State& state) {
  for (auto _ : state) {
    absl::StatusOr<common::db::PooledConnection> lease = g_archive->pool().Acquire();
    if (!lease.ok()) {
      state.SkipWithError("no connection");
      return;
    }
    std::unique_ptr<sql::Statement> run((*lease)->createStatement());
    int64_t rows = 0;
    for (const char* month : {"2026-03", "2026-02"}) {
      std::unique_ptr<sql::ResultSet> rs(run->executeQuery(absl::StrCat(
          "SELECT unit_id, kind, channel, business_line, routing_path, COUNT(*), SUM(on_time) "
          "FROM records WHERE closed_month = '",
          month, "' GROUP BY unit_id, kind, channel, business_line, routing_path")));
      while (rs->next()) ++rows;
    }
    benchmark::DoNotOptimize(rows);
  }
}
BENCHMARK(BM_SameCountsWithoutSummaryTable)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace cs::archive

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  int64_t records = 1000000;
  if (const char* n = std::getenv("CS_ARCHIVE_BENCH_RECORDS")) {
    if (!absl::SimpleAtoi(n, &records) || records < 1) {
      std::cerr << "CS_ARCHIVE_BENCH_RECORDS must be a positive number\n";
      return 2;
    }
  }
  absl::StatusOr<std::unique_ptr<cs::archive::Archive>> archive =
      cs::archive::Archive::Create(records);
  if (!archive.ok()) {
    std::cerr << "archive_report_bench: " << archive.status() << "\n";
    return 1;
  }
  cs::archive::g_archive = archive->get();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

// MonthlyReportStore on MySQL/MariaDB (tables monthly_stats and monthly_reports of schema
// cs_archive; records for the rebuild and the completeness counts, A1 7.4.2). Each call is one
// transaction (RunInTransaction retries deadlocks). Thread-safe.
#ifndef CS_SERVICES_ARCHIVE_STORE_MYSQL_MONTHLY_REPORT_STORE_H_
#define CS_SERVICES_ARCHIVE_STORE_MYSQL_MONTHLY_REPORT_STORE_H_

#include "common/db/connection_pool.h"
#include "common/db/transaction.h"
#include "common/time/clock.h"
#include "services/archive/domain/archived_record.h"
#include "services/archive/store/monthly_report_store.h"

namespace cs::archive {

// Adds `delta` records of `summary`'s classification to its month's counts in monthly_stats, inside
// `tx`. How the summary follows the records: MySqlRecordStore calls it in the transaction that
// archives or versions a record (V5), so the counts always equal a rebuild's. Throws
// sql::SQLException, which the enclosing RunInTransaction turns into a Status.
void CountInMonthlyStatistics(common::db::Transaction& tx, const RecordSummary& summary, int delta);

class MySqlMonthlyReportStore final : public MonthlyReportStore {
 public:
  // `pool` and `infrastructure_clock` must outlive the store. The clock stamps idempotency rows
  // (their expiry is bookkeeping, not business time).
  explicit MySqlMonthlyReportStore(
      common::db::ConnectionPool& pool,
      const common::Clock& infrastructure_clock = common::Clock::Real())
      : pool_(pool), infrastructure_clock_(infrastructure_clock) {}

  absl::StatusOr<std::vector<StatisticsRow>> MonthlyCounts(const std::string& month,
                                                           const std::string& unit_id) override;
  absl::StatusOr<CompletenessCounts> CountCompleteness(const std::string& unit_id,
                                                       absl::Time closed_from,
                                                       absl::Time closed_until,
                                                       int max_listed) override;
  absl::Status RebuildMonthlyStatistics() override;
  absl::StatusOr<SubmitOutcome> SubmitMonthlyReport(const MonthlyReport& report,
                                                    const RequestKey& key) override;
  absl::StatusOr<std::vector<MonthlyReport>> ListMonthlyReports(const std::string& month) override;
  absl::StatusOr<std::vector<std::string>> ClaimMissedMonthlyReports(
      const std::string& month, const std::vector<std::string>& unit_ids,
      const common::Deadline& due) override;

 private:
  common::db::ConnectionPool& pool_;
  const common::Clock& infrastructure_clock_;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_MYSQL_MONTHLY_REPORT_STORE_H_

// The archive's monthly statistics and the units' monthly reports on them (SPEC V5, A1 7.4.1). One
// of the archive's four store interfaces (see record_store.h). The statistics are a summary of the
// records that RecordStore keeps current in its own transactions (record_store.h, V5); this
// interface reads them, rebuilds them from the records, and keeps the reports. Implementations:
// MySqlMonthlyReportStore and InMemoryArchiveStore, held to the same behaviour by
// monthly_report_store_contract.h. Thread-safe.
#ifndef CS_SERVICES_ARCHIVE_STORE_MONTHLY_REPORT_STORE_H_
#define CS_SERVICES_ARCHIVE_STORE_MONTHLY_REPORT_STORE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/time/deadline.h"
#include "services/archive/domain/archive_completeness.h"
#include "services/archive/domain/monthly_report.h"
#include "services/archive/domain/monthly_statistics.h"
#include "services/archive/store/request_key.h"

namespace cs::archive {

struct SubmitOutcome {
  MonthlyReport report;
  // The request_id had been answered before: this is that report, nothing changed.
  bool replayed = false;
};

class MonthlyReportStore {
 public:
  virtual ~MonthlyReportStore() = default;

  // The summary rows of `month` ("YYYY-MM") for `unit_id` (empty: every unit); rows that count no
  // record are left out.
  virtual absl::StatusOr<std::vector<StatisticsRow>> MonthlyCounts(const std::string& month,
                                                                   const std::string& unit_id) = 0;

  // A1 7.4.2, read from the records in one consistent snapshot: the records of `unit_id` whose
  // closed_at is in [closed_from, closed_until) (one per ticket, destroyed ones included), their
  // archive lag (archived_at of the record - closed_at), and for each serial month among them the
  // gaps in the unit's month serials over every record of that serial month, listing at most
  // `max_listed` missing serials per serial month.
  virtual absl::StatusOr<CompletenessCounts> CountCompleteness(const std::string& unit_id,
                                                               absl::Time closed_from,
                                                               absl::Time closed_until,
                                                               int max_listed) = 0;

  // Recomputes the summary from the records, in one transaction (maintenance; RecordStore keeps it
  // current).
  virtual absl::Status RebuildMonthlyStatistics() = 0;

  // Records `report` as submitted. FAILED_PRECONDITION when the unit's report for the month was
  // submitted before (under another request_id); a repeated request_id with the same fingerprint
  // returns the first report (replayed = true), with another INVALID_ARGUMENT naming request_id.
  // The returned report carries miss_counted as it was before this submission.
  virtual absl::StatusOr<SubmitOutcome> SubmitMonthlyReport(const MonthlyReport& report,
                                                            const RequestKey& key) = 0;

  // The stored reports of `month` (submitted, or counted as missed), by unit id.
  virtual absl::StatusOr<std::vector<MonthlyReport>> ListMonthlyReports(
      const std::string& month) = 0;

  // For each of `unit_ids` that has neither submitted nor been counted as missed for `month`,
  // records the miss (due `due`) and returns the unit — each exactly once across replicas.
  virtual absl::StatusOr<std::vector<std::string>> ClaimMissedMonthlyReports(
      const std::string& month, const std::vector<std::string>& unit_ids,
      const common::Deadline& due) = 0;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_MONTHLY_REPORT_STORE_H_

// ReportStore on MySQL/MariaDB (schema cs_hotline_registry: operating_reports, phrase_scores,
// phrase_score_situations): the store every deployed hotline-registry process uses. Every call is
// one transaction; the late sweep claims with SKIP LOCKED. Thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_REPORT_STORE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_REPORT_STORE_H_

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/hotline-registry/store/report_store.h"

namespace cs::hotline {

class MySqlReportStore final : public ReportStore {
 public:
  // `pool` and `clock` must outlive the store; the clock stamps idempotency keys (expiry).
  explicit MySqlReportStore(common::db::ConnectionPool& pool,
                            const common::Clock& clock = common::Clock::Real())
      : pool_(pool), clock_(clock) {}

  absl::Status ExpectReports(const std::string& month, const std::vector<int64_t>& hotline_ids,
                             const common::Deadline& due) override;
  absl::StatusOr<SubmitReportResult> Submit(const ReportSubmission& submission,
                                            const common::Deadline& due,
                                            const RequestKey& key) override;
  absl::StatusOr<ReportRecord> GetReport(int64_t hotline_id, const std::string& month) override;
  absl::StatusOr<std::vector<ReportRecord>> ListReports(const std::string& month) override;
  absl::StatusOr<std::vector<MissedReport>> ClaimMissedReports(absl::Time now, int limit) override;
  absl::StatusOr<PhraseScore> SaveScore(const PhraseScore& score) override;
  absl::StatusOr<PhraseScore> GetScore(int64_t hotline_id, const std::string& call_id) override;
  absl::StatusOr<PhraseScore> SetMandarinReview(int64_t hotline_id, const std::string& call_id,
                                                const MandarinReview& review) override;
  absl::StatusOr<PhraseUse> MonthPhraseUse(int64_t hotline_id, const std::string& month,
                                           const absl::TimeZone& zone) override;

 private:
  common::db::ConnectionPool& pool_;
  const common::Clock& clock_;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_REPORT_STORE_H_

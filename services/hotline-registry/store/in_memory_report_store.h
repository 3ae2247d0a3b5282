// ReportStore kept in process memory, for the fast unit tests of the hotline registry's core only
// (never in a deployed process). Thread-safe: one mutex guards everything.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_REPORT_STORE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_REPORT_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "services/hotline-registry/store/report_store.h"

namespace cs::hotline {

class InMemoryReportStore final : public ReportStore {
 public:
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
  using ReportKey = std::pair<std::string, int64_t>;  // month, hotline: ListReports reads a month
  struct StoredKey {
    std::string fingerprint;
    std::pair<int64_t, std::string> report;  // hotline, month
  };

  mutable absl::Mutex mutex_;
  std::map<ReportKey, ReportRecord> reports_ ABSL_GUARDED_BY(mutex_);
  std::map<std::pair<int64_t, std::string>, PhraseScore> scores_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::string, StoredKey> keys_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_REPORT_STORE_H_

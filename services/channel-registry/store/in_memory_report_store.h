// ReportStore kept in process memory, for the fast unit tests of the channel registry's core only
// (never in a deployed process). One mutex guards everything. Thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_REPORT_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_REPORT_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "services/channel-registry/store/report_store.h"

namespace cs::channel {

class InMemoryReportStore final : public ReportStore {
 public:
  absl::StatusOr<SubmitReportResult> Submit(const std::string& unit_id,
                                            const ReportSubmission& submission,
                                            const RequestKey& key) override;
  absl::StatusOr<absl::optional<ReportSubmission>> Get(int64_t channel_id,
                                                       const std::string& month) override;
  absl::StatusOr<std::vector<ReportSubmission>> ListForUnitMonth(const std::string& unit_id,
                                                                 const std::string& month) override;
  absl::StatusOr<bool> RecordMissed(const MissedReport& missed) override;
  absl::StatusOr<std::vector<MissedReport>> ListMissed(const std::string& unit_id,
                                                       const std::string& month) override;

 private:
  using ReportKey = std::pair<int64_t, std::string>;  // channel, month
  struct Submitted {
    std::string unit_id;
    ReportSubmission submission;
  };
  struct StoredKey {
    std::string fingerprint;
    std::string response;  // ReportResponse
  };

  mutable absl::Mutex mutex_;
  std::map<ReportKey, Submitted> submissions_ ABSL_GUARDED_BY(mutex_);
  std::map<ReportKey, MissedReport> missed_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::string, StoredKey> keys_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_REPORT_STORE_H_

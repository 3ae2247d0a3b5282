// CapacityStore kept in process memory, for the fast unit tests of the channel registry's core only
// (never in a deployed process). One mutex guards everything. Thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_CAPACITY_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_CAPACITY_STORE_H_

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "services/channel-registry/store/capacity_store.h"

namespace cs::channel {

class InMemoryCapacityStore final : public CapacityStore {
 public:
  absl::StatusOr<RecordSampleResult> RecordSample(const UsageSample& sample,
                                                  const RequestKey& key) override;
  absl::StatusOr<absl::optional<UsageSample>> LatestSample(int64_t channel_id) override;
  absl::StatusOr<std::vector<UsageSample>> SampleWindow(int64_t channel_id, absl::Time from,
                                                        absl::Time to) override;
  absl::StatusOr<bool> RecordWarning(int64_t channel_id, absl::Time at) override;
  absl::StatusOr<int64_t> CountWarnings(int64_t channel_id, absl::Time from,
                                        absl::Time to) override;
  absl::StatusOr<RecordAssistanceResult> RecordAssistance(const AssistanceRequest& request,
                                                          const RequestKey& key) override;
  absl::StatusOr<std::vector<AssistanceRequest>> ListAssistance(int64_t channel_id) override;

 private:
  struct StoredKey {
    std::string fingerprint;
    size_t index = 0;  // into samples_ or assistance_, by scope
  };

  // The stored index of a replayed key, nullopt for a new one, or INVALID_ARGUMENT for a reused id
  // with another body.
  absl::StatusOr<absl::optional<size_t>> FindKey(const std::string& scope,
                                                 const RequestKey& key) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // The samples of `channel_id` by sampled_at, then in the order recorded.
  std::vector<UsageSample> Sorted(int64_t channel_id) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  mutable absl::Mutex mutex_;
  // In the order recorded.
  std::vector<UsageSample> samples_ ABSL_GUARDED_BY(mutex_);
  std::vector<AssistanceRequest> assistance_ ABSL_GUARDED_BY(mutex_);
  std::set<std::pair<int64_t, absl::Time>> warnings_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::pair<std::string, std::string>, StoredKey> keys_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_CAPACITY_STORE_H_

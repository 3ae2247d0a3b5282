// CheckStore kept in process memory, for the fast unit tests of the channel registry's core only
// (never in a deployed process). One mutex guards everything. Thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_CHECK_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_CHECK_STORE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "services/channel-registry/store/check_store.h"

namespace cs::channel {

class InMemoryCheckStore final : public CheckStore {
 public:
  absl::StatusOr<RecordCheckResult> Record(const Check& check, const RequestKey& key) override;
  absl::StatusOr<std::vector<Check>> ListChecks(int64_t channel_id, absl::Time from,
                                                absl::Time to) override;
  absl::StatusOr<absl::optional<Check>> LastCheck(int64_t channel_id) override;

 private:
  struct StoredKey {
    std::string fingerprint;
    size_t index = 0;  // into checks_
  };

  // The checks of `channel_id` by checked_at, then in the order recorded.
  std::vector<Check> Sorted(int64_t channel_id) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  mutable absl::Mutex mutex_;
  // Every check, in the order recorded.
  std::vector<Check> checks_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::string, StoredKey> keys_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_CHECK_STORE_H_

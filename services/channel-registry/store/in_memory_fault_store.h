// FaultStore kept in process memory, for the fast unit tests of the channel registry's core only
// (never in a deployed process). One mutex guards everything; mutations run under it and must not
// call the store. Thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_FAULT_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_FAULT_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "services/channel-registry/store/fault_store.h"

namespace cs::channel {

class InMemoryFaultStore final : public FaultStore {
 public:
  absl::StatusOr<OpenFaultResult> Open(Fault fault, const RequestKey& key) override;
  absl::StatusOr<Fault> Get(int64_t id) override;
  absl::StatusOr<FaultMutationResult> Mutate(int64_t id, const FaultMutationOptions& options,
                                             const FaultMutation& mutation) override;
  absl::StatusOr<FaultPage> List(const FaultFilter& filter, int64_t after_id,
                                 int page_size) override;
  absl::StatusOr<std::vector<Fault>> ListOpen(absl::Time now) override;
  absl::StatusOr<std::vector<Fault>> ListForMonth(int64_t channel_id, absl::Time start,
                                                  absl::Time end) override;

 private:
  struct StoredKey {
    std::string fingerprint;
    int64_t fault_id = 0;
  };

  mutable absl::Mutex mutex_;
  std::map<int64_t, Fault> faults_ ABSL_GUARDED_BY(mutex_);
  int64_t next_id_ ABSL_GUARDED_BY(mutex_) = 1;
  absl::flat_hash_map<std::pair<std::string, std::string>, StoredKey> keys_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_FAULT_STORE_H_

#include "services/archive/store/in_memory_retention_store.h"

namespace cs::archive {

absl::StatusOr<std::vector<RetentionPolicy>> InMemoryRetentionStore::ListRetentionOverrides() {
  absl::MutexLock lock(&mutex_);
  std::vector<RetentionPolicy> policies;
  for (const auto& [unit, policy] : overrides_) policies.push_back(policy);
  return policies;
}

absl::Status InMemoryRetentionStore::SetRetentionOverride(const RetentionPolicy& policy) {
  absl::MutexLock lock(&mutex_);
  overrides_[policy.unit_id] = policy;
  return absl::OkStatus();
}

}  // namespace cs::archive

// RetentionStore kept in process memory, for the fast unit tests of the archive core only (never in
// a deployed process: nothing survives a restart). Keeps the overrides in force, not their history.
// Thread-safe: one mutex guards the overrides.
#ifndef CS_SERVICES_ARCHIVE_STORE_IN_MEMORY_RETENTION_STORE_H_
#define CS_SERVICES_ARCHIVE_STORE_IN_MEMORY_RETENTION_STORE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/archive/store/retention_store.h"

namespace cs::archive {

class InMemoryRetentionStore final : public RetentionStore {
 public:
  absl::StatusOr<std::vector<RetentionPolicy>> ListRetentionOverrides() override;
  absl::Status SetRetentionOverride(const RetentionPolicy& policy) override;

 private:
  absl::Mutex mutex_;
  // By unit id.
  std::map<std::string, RetentionPolicy> overrides_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_IN_MEMORY_RETENTION_STORE_H_

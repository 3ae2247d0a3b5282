// PartnerStore kept in process memory, for the fast unit tests of the assessment core only (never
// in a deployed process). One mutex guards everything. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_IN_MEMORY_H_
#define CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_IN_MEMORY_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/assessment/store/partner_store.h"

namespace cs::assessment {

class InMemoryPartnerStore final : public PartnerStore {
 public:
  absl::StatusOr<PartnerResult> Register(Partner partner, const RequestKey& key) override;
  absl::StatusOr<Partner> Get(int64_t id) override;
  absl::StatusOr<std::vector<Partner>> List(const std::string& unit_id) override;
  absl::StatusOr<PartnerResult> Mutate(int64_t id, const RecordMutationOptions& options,
                                       const PartnerMutation& mutation) override;

 private:
  struct StoredKey {
    std::string fingerprint;
    int64_t id = 0;
  };
  // The id stored under (scope, request_id); nullopt when new; INVALID_ARGUMENT on a fingerprint
  // mismatch.
  absl::StatusOr<absl::optional<int64_t>> FindKey(const std::string& scope, const RequestKey& key)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  absl::Mutex mutex_;
  std::map<int64_t, Partner> partners_ ABSL_GUARDED_BY(mutex_);
  std::map<std::pair<std::string, std::string>, StoredKey> keys_ ABSL_GUARDED_BY(mutex_);
  int64_t next_id_ ABSL_GUARDED_BY(mutex_) = 1;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_IN_MEMORY_H_

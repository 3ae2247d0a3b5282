// StaffStore kept in process memory, for the fast unit tests of the hotline registry's core only
// (never in a deployed process). Thread-safe: one mutex guards everything.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_STAFF_STORE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_STAFF_STORE_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "services/hotline-registry/store/staff_store.h"

namespace cs::hotline {

class InMemoryStaffStore final : public StaffStore {
 public:
  absl::StatusOr<StaffResult> Register(StaffMember staff, const RequestKey& key) override;
  absl::StatusOr<StaffResult> AddTraining(const std::string& unit_id,
                                          const std::string& staff_number, const Training& training,
                                          const RequestKey& key) override;
  absl::StatusOr<StaffMember> Get(const std::string& unit_id,
                                  const std::string& staff_number) override;
  absl::StatusOr<StaffPage> List(const std::string& unit_id, const std::string& after_staff_number,
                                 int page_size) override;
  absl::StatusOr<DutyRoster> SetRoster(const DutyRoster& roster) override;
  absl::StatusOr<DutyRoster> GetRoster(int64_t hotline_id, const std::string& day) override;
  absl::StatusOr<bool> RecordRefusedRoster(const std::string& unit_id, const std::string& month,
                                           const std::string& refusal_id, absl::Time at) override;
  absl::StatusOr<int64_t> CountRefusedRosters(const std::string& unit_id,
                                              const std::string& month) override;

 private:
  using StaffKey = std::pair<std::string, std::string>;  // unit, staff number
  struct StoredKey {
    std::string fingerprint;
    StaffKey staff;
  };

  // The staff member a replayed key names, nullopt for a new key, or INVALID_ARGUMENT for a reused
  // id with another body.
  absl::StatusOr<absl::optional<StaffKey>> FindKey(const std::string& scope,
                                                   const RequestKey& key) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  mutable absl::Mutex mutex_;
  std::map<StaffKey, StaffMember> staff_ ABSL_GUARDED_BY(mutex_);
  std::map<std::pair<int64_t, std::string>, DutyRoster> rosters_ ABSL_GUARDED_BY(mutex_);
  std::set<std::tuple<std::string, std::string, std::string>> refusals_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::pair<std::string, std::string>, StoredKey> keys_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_STAFF_STORE_H_

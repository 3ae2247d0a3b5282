// CallRecordStore kept in process memory, for the fast unit tests of the hotline registry's core
// only (never in a deployed process). Thread-safe: one mutex guards everything, so a batch is
// stored all or nothing.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_CALL_RECORD_STORE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_CALL_RECORD_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/hotline-registry/store/call_record_store.h"

namespace cs::hotline {

class InMemoryCallRecordStore final : public CallRecordStore {
 public:
  absl::StatusOr<std::vector<InsertOutcome>> InsertBatch(
      const std::vector<IncomingCall>& calls) override;
  absl::StatusOr<StoredCall> Get(int64_t hotline_id, const std::string& call_id) override;
  absl::StatusOr<CallCounts> MonthCounts(int64_t hotline_id, const std::string& month,
                                         const absl::TimeZone& zone) override;
  absl::StatusOr<std::vector<int64_t>> HotlinesWithCallsWhileNotActive(
      const std::string& month, const absl::TimeZone& zone) override;

 private:
  mutable absl::Mutex mutex_;
  std::map<std::pair<int64_t, std::string>, StoredCall> calls_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_CALL_RECORD_STORE_H_

// TaskStore kept in process memory, for the fast unit tests of the assessment core only (never in a
// deployed process). One mutex guards everything. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_IN_MEMORY_H_
#define CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_IN_MEMORY_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/assessment/store/task_store.h"

namespace cs::assessment {

class InMemoryTaskStore final : public TaskStore {
 public:
  absl::StatusOr<TaskResult> Assign(SpecialTask task, const RequestKey& key) override;
  absl::StatusOr<SpecialTask> Get(int64_t id) override;
  absl::StatusOr<std::vector<SpecialTask>> List(const std::string& unit_id) override;
  absl::StatusOr<TaskResult> Mutate(int64_t id, const RecordMutationOptions& options,
                                    const TaskMutation& mutation) override;
  absl::StatusOr<SessionResult> CreateSession(TrainingSession session,
                                              const RequestKey& key) override;
  absl::StatusOr<TrainingSession> GetSession(int64_t id) override;
  absl::StatusOr<TrainingSession> RecordAttendance(int64_t session_id, const std::string& unit_id,
                                                   bool attended, const std::string& note) override;
  absl::StatusOr<std::vector<UnitAttendance>> ListAttendance(const std::string& unit_id,
                                                             absl::Time from,
                                                             absl::Time until) override;

 private:
  struct StoredKey {
    std::string fingerprint;
    int64_t id = 0;
  };
  absl::StatusOr<absl::optional<int64_t>> FindKey(const std::string& scope, const RequestKey& key)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  absl::Mutex mutex_;
  std::map<int64_t, SpecialTask> tasks_ ABSL_GUARDED_BY(mutex_);
  std::map<int64_t, TrainingSession> sessions_ ABSL_GUARDED_BY(mutex_);
  std::map<std::pair<std::string, std::string>, StoredKey> keys_ ABSL_GUARDED_BY(mutex_);
  int64_t next_task_id_ ABSL_GUARDED_BY(mutex_) = 1;
  int64_t next_session_id_ ABSL_GUARDED_BY(mutex_) = 1;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_IN_MEMORY_H_

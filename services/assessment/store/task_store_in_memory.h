// TaskStore kept in process memory, for the fast unit tests of the assessment core only (never in a
// deployed process). Tasks and sessions are two tables, each under its own mutex; mutations run
// under it and must not call the store. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_IN_MEMORY_H_
#define CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_IN_MEMORY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "services/assessment/store/assessment_in_memory_table.h"
#include "services/assessment/store/task_store.h"

namespace cs::assessment {

class InMemoryTaskStore final : public TaskStore {
 public:
  InMemoryTaskStore();

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
  in_memory_internal::InMemoryTable<SpecialTask> tasks_;
  in_memory_internal::InMemoryTable<TrainingSession> sessions_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_IN_MEMORY_H_

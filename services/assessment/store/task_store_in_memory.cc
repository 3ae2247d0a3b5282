#include "services/assessment/store/task_store_in_memory.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "common/db/printable_id.h"
#include "common/status/status_macros.h"

namespace cs::assessment {

InMemoryTaskStore::InMemoryTaskStore() : tasks_(TaskRules()), sessions_(SessionRules()) {}

absl::StatusOr<TaskResult> InMemoryTaskStore::Assign(SpecialTask task, const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckUnitId(task.unit_id));
  ASSIGN_OR_RETURN(auto assigned, tasks_.Create(std::move(task), key, kAssignTaskScope));
  return TaskResult{std::move(assigned.first), assigned.second};
}

absl::StatusOr<SpecialTask> InMemoryTaskStore::Get(int64_t id) { return tasks_.Get(id); }

absl::StatusOr<std::vector<SpecialTask>> InMemoryTaskStore::List(const std::string& unit_id) {
  return tasks_.Select([&](const SpecialTask& t) { return t.unit_id == unit_id; });
}

absl::StatusOr<TaskResult> InMemoryTaskStore::Mutate(int64_t id,
                                                     const RecordMutationOptions& options,
                                                     const TaskMutation& mutation) {
  RETURN_IF_ERROR(CheckTaskOptions(options));
  ASSIGN_OR_RETURN(auto mutated, tasks_.Mutate(id, options, kTaskMutationScopePrefix, mutation));
  return TaskResult{std::move(mutated.first), mutated.second};
}

absl::StatusOr<SessionResult> InMemoryTaskStore::CreateSession(TrainingSession session,
                                                               const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckAttendanceUnits(session));
  ASSIGN_OR_RETURN(auto created, sessions_.Create(std::move(session), key, kCreateSessionScope));
  return SessionResult{std::move(created.first), created.second};
}

absl::StatusOr<TrainingSession> InMemoryTaskStore::GetSession(int64_t id) {
  return sessions_.Get(id);
}

absl::StatusOr<TrainingSession> InMemoryTaskStore::RecordAttendance(int64_t session_id,
                                                                    const std::string& unit_id,
                                                                    bool attended,
                                                                    const std::string& note) {
  RETURN_IF_ERROR(CheckUnitId(unit_id));
  // An unkeyed change: updates the unit's entry or adds one at the end.
  ASSIGN_OR_RETURN(auto recorded,
                   sessions_.Mutate(session_id, MutationOptions{}, "",
                                    [&](TrainingSession& session) -> absl::Status {
                                      for (Attendance& entry : session.attendance) {
                                        if (entry.unit_id == unit_id) {
                                          entry.attended = attended;
                                          entry.note = note;
                                          return absl::OkStatus();
                                        }
                                      }
                                      session.attendance.push_back({unit_id, attended, note});
                                      return absl::OkStatus();
                                    }));
  return std::move(recorded.first);
}

absl::StatusOr<std::vector<UnitAttendance>> InMemoryTaskStore::ListAttendance(
    const std::string& unit_id, absl::Time from, absl::Time until) {
  std::vector<UnitAttendance> listed;
  for (const TrainingSession& session : sessions_.Select(
           [&](const TrainingSession& s) { return s.held_at >= from && s.held_at < until; })) {
    for (const Attendance& entry : session.attendance) {
      if (entry.unit_id == unit_id) {
        listed.push_back({session.id, session.kind, session.title, session.held_at, entry});
      }
    }
  }
  std::stable_sort(listed.begin(), listed.end(),
                   [](const UnitAttendance& a, const UnitAttendance& b) {
                     return std::tie(a.held_at, a.session_id) < std::tie(b.held_at, b.session_id);
                   });
  return listed;
}

}  // namespace cs::assessment

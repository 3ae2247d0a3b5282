#include "services/assessment/store/task_store_in_memory.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/assessment/domain/records.h"

namespace cs::assessment {
namespace {

absl::Status NoTask(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no special task ", FormatTaskId(id)));
}
absl::Status NoSession(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no session ", FormatSessionId(id)));
}

}  // namespace

absl::StatusOr<absl::optional<int64_t>> InMemoryTaskStore::FindKey(const std::string& scope,
                                                                   const RequestKey& key) {
  auto it = keys_.find({scope, key.request_id});
  if (it == keys_.end()) return absl::optional<int64_t>();
  if (it->second.fingerprint != key.fingerprint) {
    return common::RequestIdReused(
        "was already used for a different request; use a new request_id");
  }
  return absl::optional<int64_t>(it->second.id);
}

absl::StatusOr<TaskResult> InMemoryTaskStore::Assign(SpecialTask task, const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckUnitId(task.unit_id));
  const std::string scope(kAssignTaskScope);
  absl::MutexLock lock(&mutex_);
  ASSIGN_OR_RETURN(absl::optional<int64_t> replay, FindKey(scope, key));
  if (replay.has_value()) return TaskResult{tasks_.at(*replay), true};
  task.id = next_task_id_++;
  tasks_[task.id] = task;
  keys_[{scope, key.request_id}] = {key.fingerprint, task.id};
  return TaskResult{std::move(task), false};
}

absl::StatusOr<SpecialTask> InMemoryTaskStore::Get(int64_t id) {
  absl::MutexLock lock(&mutex_);
  auto it = tasks_.find(id);
  if (it == tasks_.end()) return NoTask(id);
  return it->second;
}

absl::StatusOr<std::vector<SpecialTask>> InMemoryTaskStore::List(const std::string& unit_id) {
  absl::MutexLock lock(&mutex_);
  std::vector<SpecialTask> listed;
  for (const auto& [id, task] : tasks_) {
    if (task.unit_id == unit_id) listed.push_back(task);
  }
  return listed;
}

absl::StatusOr<TaskResult> InMemoryTaskStore::Mutate(int64_t id,
                                                     const RecordMutationOptions& options,
                                                     const TaskMutation& mutation) {
  RETURN_IF_ERROR(CheckTaskOptions(options));
  std::string scope;
  RETURN_IF_ERROR(CheckMutationKey(options, kTaskMutationScopePrefix, &scope));
  absl::MutexLock lock(&mutex_);
  if (options.request_key.has_value()) {
    ASSIGN_OR_RETURN(absl::optional<int64_t> replay, FindKey(scope, *options.request_key));
    if (replay.has_value()) {
      if (*replay != id) return RequestIdForAnother("task");
      auto it = tasks_.find(id);
      if (it == tasks_.end()) return NoTask(id);
      return TaskResult{it->second, true};
    }
  }
  auto it = tasks_.find(id);
  if (it == tasks_.end()) return NoTask(id);
  SpecialTask changed = it->second;
  RETURN_IF_ERROR(mutation(changed));
  it->second = TaskToSave(it->second, std::move(changed));
  if (options.request_key.has_value()) {
    keys_[{scope, options.request_key->request_id}] = {options.request_key->fingerprint, id};
  }
  return TaskResult{it->second, false};
}

absl::StatusOr<SessionResult> InMemoryTaskStore::CreateSession(TrainingSession session,
                                                               const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckAttendanceUnits(session));
  const std::string scope(kCreateSessionScope);
  absl::MutexLock lock(&mutex_);
  ASSIGN_OR_RETURN(absl::optional<int64_t> replay, FindKey(scope, key));
  if (replay.has_value()) return SessionResult{sessions_.at(*replay), true};
  session.id = next_session_id_++;
  sessions_[session.id] = session;
  keys_[{scope, key.request_id}] = {key.fingerprint, session.id};
  return SessionResult{std::move(session), false};
}

absl::StatusOr<TrainingSession> InMemoryTaskStore::GetSession(int64_t id) {
  absl::MutexLock lock(&mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return NoSession(id);
  return it->second;
}

absl::StatusOr<TrainingSession> InMemoryTaskStore::RecordAttendance(int64_t session_id,
                                                                    const std::string& unit_id,
                                                                    bool attended,
                                                                    const std::string& note) {
  RETURN_IF_ERROR(CheckUnitId(unit_id));
  absl::MutexLock lock(&mutex_);
  auto it = sessions_.find(session_id);
  if (it == sessions_.end()) return NoSession(session_id);
  for (Attendance& entry : it->second.attendance) {
    if (entry.unit_id == unit_id) {
      entry.attended = attended;
      entry.note = note;
      return it->second;
    }
  }
  it->second.attendance.push_back({unit_id, attended, note});
  return it->second;
}

absl::StatusOr<std::vector<UnitAttendance>> InMemoryTaskStore::ListAttendance(
    const std::string& unit_id, absl::Time from, absl::Time until) {
  absl::MutexLock lock(&mutex_);
  std::vector<UnitAttendance> listed;
  for (const auto& [id, session] : sessions_) {
    if (session.held_at < from || session.held_at >= until) continue;
    for (const Attendance& entry : session.attendance) {
      if (entry.unit_id == unit_id) {
        listed.push_back({id, session.kind, session.title, session.held_at, entry});
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

// Where the assessment service keeps special tasks (M 7.15) and the case studies and trainings
// with their attendance (M 7.16): one of its record store interfaces (assessment_record_stores.h
// bundles them). The store keeps what the domain decided (special_task.h) and owns the ids
// ("ST-<n>" for tasks, "TS-<n>" for sessions). Two implementations: MySqlTaskStore (schema
// cs_assessment) and InMemoryTaskStore (unit tests of the core only); task_store_contract.h holds
// both to the same behaviour. Implementations are thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_H_
#define CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/assessment/domain/special_task.h"
#include "services/assessment/store/assessment_record_store_support.h"

namespace cs::assessment {

// Changes one loaded task in place (RecordTaskCompletion). As PartnerMutation.
using TaskMutation = std::function<absl::Status(SpecialTask& task)>;

struct TaskResult {
  SpecialTask task;
  // True when the request_id had been answered before: this is that task as it is now.
  bool replayed = false;
};

struct SessionResult {
  TrainingSession session;
  // True when the request_id had been answered before: this is that session as it is now.
  bool replayed = false;
};

// One unit's attendance at one session.
struct UnitAttendance {
  int64_t session_id = 0;
  SessionKind kind = SessionKind::kUnspecified;
  std::string title;
  absl::Time held_at;
  Attendance attendance;

  friend bool operator==(const UnitAttendance&, const UnitAttendance&) = default;
};

class TaskStore {
 public:
  virtual ~TaskStore() = default;

  // --- special tasks (M 7.15) -------------------------------------------------------------------
  // Stores a new task as assigned, assigning its id (task.id ignored). INVALID_ARGUMENT naming
  // unit_id unless 1..64 characters of UTF-8. Idempotent by request_id: the same fingerprint
  // returns the first task as it is now (replayed); another is INVALID_ARGUMENT naming request_id.
  virtual absl::StatusOr<TaskResult> Assign(SpecialTask task, const RequestKey& key) = 0;

  // The task; NOT_FOUND naming "ST-<id>".
  virtual absl::StatusOr<SpecialTask> Get(int64_t id) = 0;

  // The tasks of `unit_id`, in id order.
  virtual absl::StatusOr<std::vector<SpecialTask>> List(const std::string& unit_id) = 0;

  // Loads the task under its lock, checks `options` (expected_version is refused:
  // INVALID_ARGUMENT naming expected_version), applies `mutation` and saves the completion in one
  // transaction with the request key; only the completion can change. NOT_FOUND naming the task;
  // the mutation's error unchanged (nothing saved).
  virtual absl::StatusOr<TaskResult> Mutate(int64_t id, const RecordMutationOptions& options,
                                            const TaskMutation& mutation) = 0;

  // --- case studies and trainings (M 7.16) ------------------------------------------------------
  // Stores a new session with its expected attendance, assigning its id (session.id ignored).
  // INVALID_ARGUMENT naming "attendance[i].unit_id" for a bad unit id. Idempotent as Assign.
  virtual absl::StatusOr<SessionResult> CreateSession(TrainingSession session,
                                                      const RequestKey& key) = 0;

  // The session with its attendance in the order added; NOT_FOUND naming "TS-<id>".
  virtual absl::StatusOr<TrainingSession> GetSession(int64_t id) = 0;

  // Records (or corrects) whether `unit_id` attended session `session_id`: updates its entry or
  // adds one at the end; repeating it changes nothing. The session as it is now. NOT_FOUND naming
  // the session; INVALID_ARGUMENT naming unit_id.
  virtual absl::StatusOr<TrainingSession> RecordAttendance(int64_t session_id,
                                                           const std::string& unit_id,
                                                           bool attended,
                                                           const std::string& note) = 0;

  // `unit_id`'s entries at the sessions held in [from, until), by held_at, then session id.
  virtual absl::StatusOr<std::vector<UnitAttendance>> ListAttendance(const std::string& unit_id,
                                                                     absl::Time from,
                                                                     absl::Time until) = 0;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_H_

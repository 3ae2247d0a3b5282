// Special tasks, case studies and trainings (M 7.15, 7.16): the CS center assigns a unit a special
// task with a due date and records its completion — done on time (done_at <= due_at) and with
// quality (按时按质), or not; it also records which units attended each case study or training it
// held. Pure functions over plain values; ids "ST-<n>" (task) and "TS-<n>" (session) are the
// store's; the caller checks who may act (CS_CENTER) and that the units are known.
// Thread-compatible.
#ifndef CS_SERVICES_ASSESSMENT_DOMAIN_SPECIAL_TASK_H_
#define CS_SERVICES_ASSESSMENT_DOMAIN_SPECIAL_TASK_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/status/field_violations.h"

namespace cs::assessment {

struct TaskCompletion {
  absl::Time done_at;
  bool quality_ok = false;  // the CS center's judgement of the result
  std::string note;
  std::string recorded_by;
  absl::Time recorded_at;

  friend bool operator==(const TaskCompletion&, const TaskCompletion&) = default;
};

struct SpecialTask {
  int64_t id = 0;  // shown as "ST-<id>"
  std::string unit_id;
  std::string title;
  std::string description;
  std::string assigned_by;
  absl::Time assigned_at;
  absl::Time due_at;
  absl::optional<TaskCompletion> completion;

  friend bool operator==(const SpecialTask&, const SpecialTask&) = default;
};

enum class TaskOutcome {
  kOpen = 0,     // not done, not yet due
  kOverdue = 1,  // not done and past due
  kDoneOnTimeWithQuality = 2,
  kDoneLate = 3,            // done after due (whatever the quality)
  kDoneWithoutQuality = 4,  // done on time, quality not acceptable
};

enum class SessionKind {
  kUnspecified = 0,
  kCaseStudy = 1,  // 案例学习
  kTraining = 2,   // 培训
};

struct Attendance {
  std::string unit_id;
  bool attended = false;
  std::string note;

  friend bool operator==(const Attendance&, const Attendance&) = default;
};

// A case study or training the CS center held, and the units expected at it.
struct TrainingSession {
  int64_t id = 0;  // shown as "TS-<id>"
  SessionKind kind = SessionKind::kUnspecified;
  std::string title;
  absl::Time held_at;
  std::string organised_by;
  std::vector<Attendance> attendance;  // one per unit expected, at most once each

  friend bool operator==(const TrainingSession&, const TrainingSession&) = default;
};

absl::string_view TaskOutcomeName(TaskOutcome outcome);
absl::string_view SessionKindName(SessionKind kind);

// The task assigned: unit_id, title required; description well-formed; due_at set and after
// `now`. INVALID_ARGUMENT naming every bad field.
absl::StatusOr<SpecialTask> AssignTask(std::string unit_id, std::string title,
                                       std::string description, absl::Time due_at,
                                       absl::string_view actor, absl::Time now);

// The completion recorded: done_at set, not after `now`; note well-formed. FAILED_PRECONDITION
// (STATE_FORBIDS_CHANGE) when already recorded.
absl::Status RecordTaskCompletion(SpecialTask& task, absl::Time done_at, bool quality_ok,
                                  absl::string_view note, absl::string_view actor, absl::Time now);

// The task's outcome at `as_of`.
TaskOutcome OutcomeOf(const SpecialTask& task, absl::Time as_of);

// A new session: kind known, title required, held_at set; attendance unit ids required and not
// repeated. INVALID_ARGUMENT naming every bad field ("session.attendance[2].unit_id").
absl::StatusOr<TrainingSession> NewSession(TrainingSession session, absl::string_view actor);

// Records (or corrects) whether `unit_id` attended: updates its entry, or adds one.
absl::Status RecordAttendance(TrainingSession& session, absl::string_view unit_id, bool attended,
                              absl::string_view note);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_DOMAIN_SPECIAL_TASK_H_

#include "services/assessment/domain/special_task.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/status/quoted_value.h"
#include "common/status/text_checks.h"
#include "services/assessment/domain/records.h"

namespace cs::assessment {
namespace {

using common::FieldViolations;
using common::TextShape;
using internal::Instant;
using internal::RequiredText;

bool IsSet(absl::Time t) {
  return t != absl::InfinitePast() && t != absl::InfiniteFuture() && t != absl::UnixEpoch();
}

}  // namespace

absl::string_view TaskOutcomeName(TaskOutcome outcome) {
  switch (outcome) {
    case TaskOutcome::kOpen:
      return "OPEN";
    case TaskOutcome::kOverdue:
      return "OVERDUE";
    case TaskOutcome::kDoneOnTimeWithQuality:
      return "DONE_ON_TIME_WITH_QUALITY";
    case TaskOutcome::kDoneLate:
      return "DONE_LATE";
    case TaskOutcome::kDoneWithoutQuality:
      return "DONE_WITHOUT_QUALITY";
  }
  return "UNSPECIFIED";
}

absl::string_view SessionKindName(SessionKind kind) {
  switch (kind) {
    case SessionKind::kCaseStudy:
      return "CASE_STUDY";
    case SessionKind::kTraining:
      return "TRAINING";
    case SessionKind::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::StatusOr<SpecialTask> AssignTask(std::string unit_id, std::string title,
                                       std::string description, absl::Time due_at,
                                       absl::string_view actor, absl::Time now) {
  FieldViolations violations;
  RequiredText(unit_id, "task.unit_id", FieldLimits::kName, TextShape::kOneLine, violations);
  RequiredText(title, "task.title", FieldLimits::kShort, TextShape::kOneLine, violations);
  common::CheckText(description, "task.description", FieldLimits::kText, TextShape::kMultiLine,
                    violations);
  if (!IsSet(due_at)) {
    violations.Add("task.due_at", "is required: when the task is due");
  } else if (due_at <= now) {
    violations.Add("task.due_at",
                   absl::StrCat("must be after now (", Instant(now), "), not ", Instant(due_at)));
  }
  if (!violations.empty()) return violations.ToStatus("invalid special task");
  SpecialTask task;
  task.unit_id = std::move(unit_id);
  task.title = std::move(title);
  task.description = std::move(description);
  task.assigned_by = std::string(actor);
  task.assigned_at = now;
  task.due_at = due_at;
  return task;
}

absl::Status RecordTaskCompletion(SpecialTask& task, absl::Time done_at, bool quality_ok,
                                  absl::string_view note, absl::string_view actor, absl::Time now) {
  FieldViolations violations;
  if (!IsSet(done_at)) {
    violations.Add("done_at", "is required: when the task was done");
  } else if (done_at > now) {
    violations.Add("done_at", absl::StrCat("must not be in the future (", Instant(done_at), ")"));
  }
  common::CheckText(note, "note", FieldLimits::kText, TextShape::kMultiLine, violations);
  if (!violations.empty()) return violations.ToStatus("invalid task completion");
  if (task.completion.has_value()) {
    return internal::StateForbids(absl::StrCat("special task ", FormatTaskId(task.id),
                                               " was already completed at ",
                                               Instant(task.completion->done_at)));
  }
  TaskCompletion completion;
  completion.done_at = done_at;
  completion.quality_ok = quality_ok;
  completion.note = std::string(note);
  completion.recorded_by = std::string(actor);
  completion.recorded_at = now;
  task.completion = std::move(completion);
  return absl::OkStatus();
}

TaskOutcome OutcomeOf(const SpecialTask& task, absl::Time as_of) {
  if (!task.completion.has_value()) {
    return as_of > task.due_at ? TaskOutcome::kOverdue : TaskOutcome::kOpen;
  }
  if (task.completion->done_at > task.due_at) return TaskOutcome::kDoneLate;
  return task.completion->quality_ok ? TaskOutcome::kDoneOnTimeWithQuality
                                     : TaskOutcome::kDoneWithoutQuality;
}

absl::StatusOr<TrainingSession> NewSession(TrainingSession session, absl::string_view actor) {
  FieldViolations violations;
  if (session.kind != SessionKind::kCaseStudy && session.kind != SessionKind::kTraining) {
    violations.Add("session.kind", "is required: CASE_STUDY (案例学习) or TRAINING (培训)");
  }
  RequiredText(session.title, "session.title", FieldLimits::kShort, TextShape::kOneLine,
               violations);
  if (!IsSet(session.held_at)) violations.Add("session.held_at", "is required");
  absl::flat_hash_set<std::string> units;
  for (size_t i = 0; i < session.attendance.size(); ++i) {
    const std::string path = absl::StrCat("session.attendance[", i, "].unit_id");
    const Attendance& entry = session.attendance[i];
    const size_t before = violations.violations().size();
    RequiredText(entry.unit_id, path, FieldLimits::kName, TextShape::kOneLine, violations);
    if (violations.violations().size() == before && !units.insert(entry.unit_id).second) {
      violations.Add(path, absl::StrCat("repeats ", common::QuotedValue(entry.unit_id)));
    }
    common::CheckText(entry.note, absl::StrCat("session.attendance[", i, "].note"),
                      FieldLimits::kText, TextShape::kMultiLine, violations);
  }
  if (!violations.empty()) return violations.ToStatus("invalid session");
  session.id = 0;
  session.organised_by = std::string(actor);
  return session;
}

absl::Status RecordAttendance(TrainingSession& session, absl::string_view unit_id, bool attended,
                              absl::string_view note) {
  FieldViolations violations;
  RequiredText(unit_id, "unit_id", FieldLimits::kName, TextShape::kOneLine, violations);
  common::CheckText(note, "note", FieldLimits::kText, TextShape::kMultiLine, violations);
  if (!violations.empty()) return violations.ToStatus("invalid attendance");
  for (Attendance& entry : session.attendance) {
    if (entry.unit_id == unit_id) {
      entry.attended = attended;
      entry.note = std::string(note);
      return absl::OkStatus();
    }
  }
  session.attendance.push_back(Attendance{std::string(unit_id), attended, std::string(note)});
  return absl::OkStatus();
}

}  // namespace cs::assessment

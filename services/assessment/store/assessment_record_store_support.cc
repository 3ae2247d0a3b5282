#include "services/assessment/store/assessment_record_store_support.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "services/assessment/domain/records.h"

namespace cs::assessment {

absl::Status CheckSetName(absl::string_view set_name) {
  // The same shape as a unit id: 1..64 characters of UTF-8.
  absl::Status status = common::db::CheckUnitId(set_name);
  if (status.ok()) return status;
  return common::InvalidField("set_name", "must be 1..64 characters of valid UTF-8");
}

std::string MonthText(absl::CivilMonth month) { return absl::FormatCivilTime(month); }

std::string ScorecardResponse(absl::string_view unit_id, absl::CivilMonth month,
                              absl::string_view set_name) {
  return absl::StrCat(unit_id, "|", MonthText(month), "|", set_name);
}

Partner PartnerToSave(const Partner& loaded, Partner changed) {
  changed.id = loaded.id;
  changed.unit_id = loaded.unit_id;
  changed.version = loaded.version + 1;
  changed.history = AppendOnly(loaded.history, changed.history);
  return changed;
}

const RecordRules<SurveySummary>& SurveyRules() {
  static const RecordRules<SurveySummary> kRules{{"survey", "survey", &FormatSurveyId},
                                                 [](const SurveySummary& s) { return s.id; },
                                                 [](SurveySummary& s, int64_t id) { s.id = id; },
                                                 nullptr,
                                                 nullptr,
                                                 nullptr};
  return kRules;
}

const RecordRules<Partner>& PartnerRules() {
  static const RecordRules<Partner> kRules{
      {"partner or agent", "partner", &FormatPartnerId}, [](const Partner& p) { return p.id; },
      [](Partner& p, int64_t id) { p.id = id; },         [](Partner& p) { p.version = 1; },
      [](const Partner& p) { return p.version; },        &PartnerToSave};
  return kRules;
}

const RecordRules<SpecialTask>& TaskRules() {
  static const RecordRules<SpecialTask> kRules{{"special task", "task", &FormatTaskId},
                                               [](const SpecialTask& t) { return t.id; },
                                               [](SpecialTask& t, int64_t id) { t.id = id; },
                                               nullptr,
                                               nullptr,
                                               &TaskToSave};
  return kRules;
}

const RecordRules<TrainingSession>& SessionRules() {
  // A session changes only by RecordAttendance, which saves what it made.
  static const RecordRules<TrainingSession> kRules{
      {"session", "session", &FormatSessionId},
      [](const TrainingSession& s) { return s.id; },
      [](TrainingSession& s, int64_t id) { s.id = id; },
      nullptr,
      nullptr,
      [](const TrainingSession&, TrainingSession changed) { return changed; }};
  return kRules;
}

absl::Status CheckTaskOptions(const RecordMutationOptions& options) {
  if (options.expected_version.has_value()) {
    return common::InvalidField("expected_version", "a special task has no version");
  }
  return absl::OkStatus();
}

SpecialTask TaskToSave(const SpecialTask& loaded, SpecialTask changed) {
  SpecialTask saved = loaded;
  saved.completion = changed.completion;
  return saved;
}

absl::Status CheckAttendanceUnits(const TrainingSession& session) {
  common::FieldViolations violations;
  for (size_t i = 0; i < session.attendance.size(); ++i) {
    const std::string& unit = session.attendance[i].unit_id;
    if (!common::db::CheckUnitId(unit).ok()) {
      violations.Add(absl::StrCat("attendance[", i, "].unit_id"),
                     "must be 1..64 characters of valid UTF-8");
      continue;
    }
    for (size_t j = 0; j < i; ++j) {
      if (session.attendance[j].unit_id == unit) {
        violations.Add(absl::StrCat("attendance[", i, "].unit_id"),
                       absl::StrCat("repeats attendance[", j, "].unit_id"));
        break;
      }
    }
  }
  if (violations.empty()) return absl::OkStatus();
  return violations.ToStatus("invalid session");
}

absl::Status CheckScorecardKey(const RequestKey& key, absl::string_view unit_id,
                               absl::string_view set_name) {
  if (absl::Status id = common::db::ValidateRequestId(key.request_id); !id.ok()) return id;
  if (absl::Status unit = common::db::CheckUnitId(unit_id); !unit.ok()) return unit;
  return CheckSetName(set_name);
}

absl::Status ScorecardStoredAlready(const Scorecard& scorecard) {
  return absl::FailedPreconditionError(absl::StrCat(
      "the scorecard of ", scorecard.unit_id, " for ", MonthText(scorecard.month), " on set ",
      scorecard.set_name, " is stored already; a recomputation replaces it (Replace)"));
}

absl::Status NoScorecard(absl::string_view unit_id, absl::CivilMonth month,
                         absl::string_view set_name) {
  return absl::NotFoundError(
      absl::StrCat("no scorecard of ", unit_id, " for ", MonthText(month), " on set ", set_name));
}

}  // namespace cs::assessment

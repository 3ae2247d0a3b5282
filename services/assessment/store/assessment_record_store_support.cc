#include "services/assessment/store/assessment_record_store_support.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"

namespace cs::assessment {

absl::Status CheckMutationKey(const RecordMutationOptions& options, absl::string_view prefix,
                              std::string* full_scope) {
  full_scope->clear();
  if (!options.request_key.has_value()) return absl::OkStatus();
  if (absl::Status id = common::db::ValidateRequestId(options.request_key->request_id); !id.ok()) {
    return id;
  }
  if (options.scope.empty()) return common::InvalidField("scope", "a request key needs a scope");
  *full_scope = absl::StrCat(prefix, options.scope);
  return absl::OkStatus();
}

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
  std::vector<HistoryEntry> history = loaded.history;
  for (size_t i = loaded.history.size(); i < changed.history.size(); ++i) {
    history.push_back(changed.history[i]);
  }
  changed.history = std::move(history);
  return changed;
}

absl::Status CheckTaskOptions(const RecordMutationOptions& options) {
  if (options.expected_version.has_value()) {
    return common::InvalidField("expected_version", "a special task has no version");
  }
  return absl::OkStatus();
}

SpecialTask TaskToSave(const SpecialTask& loaded, const SpecialTask& changed) {
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

absl::Status RequestIdForAnother(absl::string_view what) {
  return common::RequestIdReused(
      absl::StrCat("was already used for another ", what, "; use a new request_id"));
}

}  // namespace cs::assessment

// The rules of the assessment service's records (surveys, partners, special tasks and trainings,
// scorecards) that both implementations of their stores follow (assessment_store_support.h holds
// what every store shares): the idempotency scopes, the record rules of each kind, the checks of
// values kept in key columns and the responses recorded for keyed writes. Pure functions (library
// assessment_record_store, no Connector/C++); thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORE_SUPPORT_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORE_SUPPORT_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/assessment/domain/partner.h"
#include "services/assessment/domain/scorecard.h"
#include "services/assessment/domain/special_task.h"
#include "services/assessment/domain/survey.h"
#include "services/assessment/store/assessment_store_support.h"

namespace cs::assessment {

// The idempotency scopes of the record stores' keyed writes (common/db/idempotency.h). A keyed
// Mutate's scope is the prefix + RecordMutationOptions::scope, so a partner and a task with the
// same number never answer each other's request ids.
inline constexpr absl::string_view kRecordSurveyScope = "assessment.RecordSurvey";
inline constexpr absl::string_view kRegisterPartnerScope = "assessment.RegisterPartner";
inline constexpr absl::string_view kPartnerMutationScopePrefix = "assessment.partner.";
inline constexpr absl::string_view kAssignTaskScope = "assessment.AssignTask";
inline constexpr absl::string_view kTaskMutationScopePrefix = "assessment.task.";
inline constexpr absl::string_view kCreateSessionScope = "assessment.CreateSession";
inline constexpr absl::string_view kSaveScorecardScope = "assessment.SaveScorecard";
inline constexpr absl::string_view kReplaceScorecardScope = "assessment.ReplaceScorecard";
inline constexpr absl::string_view kScorecardFeedbackScope = "assessment.RecordScorecardFeedback";

// How a keyed change of a stored record (a partner, a task) is guarded (MutationOptions; tasks
// carry no version and refuse expected_version).
using RecordMutationOptions = MutationOptions;

// OK, or INVALID_ARGUMENT naming set_name unless it is 1..64 characters of valid UTF-8.
absl::Status CheckSetName(absl::string_view set_name);

// "2026-03" for March 2026, as the month column holds it.
std::string MonthText(absl::CivilMonth month);

// The response recorded for a keyed write of the scorecard of (unit, month, set):
// "<unit>|<YYYY-MM>|<set>".
std::string ScorecardResponse(absl::string_view unit_id, absl::CivilMonth month,
                              absl::string_view set_name);

// The record rules of each kind with an id (id, version 1 on create where there is one, the saves
// below, the names in errors).
const RecordRules<SurveySummary>& SurveyRules();
const RecordRules<Partner>& PartnerRules();
const RecordRules<SpecialTask>& TaskRules();
const RecordRules<TrainingSession>& SessionRules();

// What PartnerStore::Mutate saves: `changed` (the mutation's result on a copy of `loaded`) with the
// id, unit and version the store owns (loaded.version + 1) and the history already stored kept as
// it was (what the mutation appended after it is kept).
Partner PartnerToSave(const Partner& loaded, Partner changed);

// OK, or INVALID_ARGUMENT naming expected_version: tasks carry no version.
absl::Status CheckTaskOptions(const RecordMutationOptions& options);

// What TaskStore::Mutate saves: `loaded` with the completion `changed` has.
SpecialTask TaskToSave(const SpecialTask& loaded, SpecialTask changed);

// OK, or INVALID_ARGUMENT naming "attendance[i].unit_id" for each bad or repeated unit id of
// `session`.
absl::Status CheckAttendanceUnits(const TrainingSession& session);

// The checks of a scorecard write before anything runs: request_id, unit_id and set_name shapes.
absl::Status CheckScorecardKey(const RequestKey& key, absl::string_view unit_id,
                               absl::string_view set_name);

// FAILED_PRECONDITION naming the unit, month and set: a scorecard of theirs is stored already.
absl::Status ScorecardStoredAlready(const Scorecard& scorecard);

// NOT_FOUND naming the unit, month and set.
absl::Status NoScorecard(absl::string_view unit_id, absl::CivilMonth month,
                         absl::string_view set_name);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORE_SUPPORT_H_

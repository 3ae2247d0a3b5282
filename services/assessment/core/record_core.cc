#include "services/assessment/core/record_core.h"

#include <initializer_list>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/hash/sha256.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"
#include "common/status/status_macros.h"
#include "services/assessment/core/assessed_units.h"
#include "services/assessment/domain/records.h"

namespace cs::assessment {
namespace {

using common::Principal;
using common::Role;

// Who reads surveys and partners: the department-wide roles every unit's, a unit's own roles
// their unit's (the header says why surveys are no exception).
constexpr std::initializer_list<Role> kReaders = {Role::kCsCenter, Role::kOffice, Role::kService,
                                                  Role::kUnitStaff, Role::kUnitManager};
// Who keeps a unit's surveys and partners (SPEC "Actors": UNIT_MANAGER may all UNIT_STAFF may).
constexpr std::initializer_list<Role> kUnitRoles = {Role::kUnitStaff, Role::kUnitManager};

// The idempotency scope of CompleteTask's keyed mutation (the store prefixes it).
constexpr absl::string_view kCompleteTaskScope = "CompleteTask";

// The request key that creates a session once and finds it afterwards: one per kind, held_at and
// title, so every unit's attendance at one session lands on it whoever records it and whatever
// request_id the call carries. The id stays within the 64 printable characters a request_id may
// have; the fingerprint is the whole digest.
RequestKey SessionKey(const TrainingSession& session) {
  const std::string digest =
      common::Sha256Hex(absl::StrCat(SessionKindName(session.kind), "\n",
                                     absl::ToUnixMicros(session.held_at), "\n", session.title));
  return RequestKey{absl::StrCat("session-", digest.substr(0, common::db::kMaxRequestIdLength - 8)),
                    digest};
}

}  // namespace

RecordCore::RecordCore(AssessmentRecordStores stores, const common::UnitDirectory& units,
                       absl::TimeZone zone, common::Clock& clock)
    : surveys_(stores.surveys),
      partners_(stores.partners),
      tasks_(stores.tasks),
      units_(units),
      zone_(zone),
      clock_(clock) {}

absl::Time RecordCore::Now() const { return common::TruncateToMicroseconds(clock_.Now()); }

absl::Status RecordCore::CheckRecordUnit(absl::string_view unit_id, absl::string_view field) const {
  const common::UnitInfo* unit = units_.Find(unit_id);
  if (unit == nullptr) {
    return common::InvalidField(
        std::string(field), absl::StrCat("names no known unit: ", common::QuotedValue(unit_id)));
  }
  if (!IsAssessedUnit(*unit)) {
    return common::InvalidField(
        std::string(field),
        absl::StrCat(common::QuotedValue(unit_id),
                     " is the CS center, which assesses the units and keeps no surveys, "
                     "partners, tasks or attendance of its own here: name a unit"));
  }
  return absl::OkStatus();
}

absl::Status RecordCore::ScopeRecordUnit(const Principal& caller, std::string& unit_id,
                                         absl::string_view field) const {
  if (unit_id.empty()) unit_id = caller.unit_id;
  RETURN_IF_ERROR(common::RequireUnit(caller, unit_id));
  return CheckRecordUnit(unit_id, field);
}

absl::Status RecordCore::ScopeRead(const Principal& caller, std::string& unit_id) const {
  RETURN_IF_ERROR(common::RequireRole(caller, kReaders));
  if (unit_id.empty() && !common::IsUnitScoped(caller.role)) {
    return common::InvalidField("unit_id", "is required: the unit whose records to list");
  }
  return ScopeRecordUnit(caller, unit_id, "unit_id");
}

// --- S4 ----------------------------------------------------------------------------------------

absl::StatusOr<SurveySummary> RecordCore::RecordSurvey(const Principal& caller,
                                                       SurveySummary survey,
                                                       const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kUnitRoles));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(ScopeRecordUnit(caller, survey.unit_id, "survey.unit_id"));
  ASSIGN_OR_RETURN(SurveySummary recorded,
                   cs::assessment::RecordSurvey(std::move(survey), caller.user, Now(), zone_));
  ASSIGN_OR_RETURN(RecordSurveyResult stored, surveys_.Record(std::move(recorded), key));
  return std::move(stored.survey);
}

absl::StatusOr<SurveyPage> RecordCore::ListSurveys(const Principal& caller, std::string unit_id,
                                                   int64_t after_id, int page_size) {
  RETURN_IF_ERROR(ScopeRead(caller, unit_id));
  return surveys_.List(unit_id, after_id, page_size);
}

// --- S7 ----------------------------------------------------------------------------------------

absl::StatusOr<Partner> RecordCore::RegisterPartner(const Principal& caller, PartnerForm form,
                                                    const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kUnitRoles));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(ScopeRecordUnit(caller, form.unit_id, "partner.unit_id"));
  common::FieldViolations violations = ValidatePartnerForm(form);
  if (!form.meets_company_standard) {
    // The contract requires the unit's statement (M 7.12 不得低于电信的服务标准); without it the
    // request is incomplete, whatever the standard's text says.
    violations.Add("partner.meets_company_standard",
                   "must be true: the unit states its partner's or agent's service_standard is "
                   "no lower than the company's (M 7.12)");
  }
  if (!violations.empty()) return violations.ToStatus("invalid partner or agent");
  ASSIGN_OR_RETURN(Partner partner,
                   cs::assessment::RegisterPartner(std::move(form), caller.user, Now()));
  ASSIGN_OR_RETURN(PartnerResult stored, partners_.Register(std::move(partner), key));
  return std::move(stored.partner);
}

absl::StatusOr<PartnerPage> RecordCore::ListPartners(const Principal& caller, std::string unit_id,
                                                     int64_t after_id, int page_size) {
  RETURN_IF_ERROR(ScopeRead(caller, unit_id));
  RETURN_IF_ERROR(CheckPageSize(page_size));
  ASSIGN_OR_RETURN(std::vector<Partner> all, partners_.List(unit_id));
  PartnerPage page;
  for (Partner& partner : all) {
    if (partner.id <= after_id) continue;
    if (static_cast<int>(page.partners.size()) == page_size) {
      page.next_after_id = page.partners.back().id;
      break;
    }
    page.partners.push_back(std::move(partner));
  }
  return page;
}

// --- M 7.15 ------------------------------------------------------------------------------------

absl::StatusOr<SpecialTask> RecordCore::AssignTask(const Principal& caller, SpecialTask task,
                                                   const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  // An empty unit is the domain's to name, with whatever else is missing.
  if (!task.unit_id.empty()) RETURN_IF_ERROR(CheckRecordUnit(task.unit_id, "task.unit_id"));
  ASSIGN_OR_RETURN(
      SpecialTask assigned,
      cs::assessment::AssignTask(std::move(task.unit_id), std::move(task.title),
                                 std::move(task.description), task.due_at, caller.user, Now()));
  ASSIGN_OR_RETURN(TaskResult stored, tasks_.Assign(std::move(assigned), key));
  return std::move(stored.task);
}

absl::StatusOr<SpecialTask> RecordCore::CompleteTask(const Principal& caller, int64_t task_id,
                                                     bool quality_ok, const std::string& note,
                                                     const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  RecordMutationOptions options;
  if (!key.request_id.empty()) {
    options.request_key = key;
    options.scope = std::string(kCompleteTaskScope);
  }
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(TaskResult result,
                   tasks_.Mutate(task_id, options, [&](SpecialTask& task) -> absl::Status {
                     // Recorded as done when CS_CENTER records it: the contract carries no
                     // earlier instant, and OutcomeOf judges lateness against due_at.
                     return RecordTaskCompletion(task, now, quality_ok, note, caller.user, now);
                   }));
  return std::move(result.task);
}

// --- M 7.16 ------------------------------------------------------------------------------------

absl::StatusOr<TrainingSession> RecordCore::SessionOf(const Principal& caller,
                                                      const AttendanceInput& input) {
  if (input.session_id > 0) {
    ASSIGN_OR_RETURN(TrainingSession session, tasks_.GetSession(input.session_id));
    if (input.held_at != absl::InfinitePast() && input.held_at != session.held_at) {
      return common::InvalidField(
          "attendance.held_at",
          absl::StrCat("disagrees with ", FormatSessionId(session.id), ", held at ",
                       internal::Instant(session.held_at), ": leave it unset or give that"));
    }
    return session;
  }
  TrainingSession draft;
  draft.kind = input.kind;
  draft.title = input.title;
  // NewSession reads the epoch as unset, as the wire leaves it.
  draft.held_at = input.held_at == absl::InfinitePast() ? absl::UnixEpoch() : input.held_at;
  ASSIGN_OR_RETURN(TrainingSession session, NewSession(std::move(draft), caller.user));
  const RequestKey key = SessionKey(session);
  ASSIGN_OR_RETURN(SessionResult stored, tasks_.CreateSession(std::move(session), key));
  return std::move(stored.session);
}

absl::StatusOr<UnitAttendance> RecordCore::RecordAttendance(const Principal& caller,
                                                            AttendanceInput input,
                                                            const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  if (!input.unit_id.empty()) {
    RETURN_IF_ERROR(CheckRecordUnit(input.unit_id, "attendance.unit_id"));
  }
  ASSIGN_OR_RETURN(TrainingSession session, SessionOf(caller, input));
  // The domain's checks of the entry (unit_id, note) on a copy; the store applies it for real.
  TrainingSession checked = session;
  RETURN_IF_ERROR(
      cs::assessment::RecordAttendance(checked, input.unit_id, input.attended, input.note));
  ASSIGN_OR_RETURN(TrainingSession stored,
                   tasks_.RecordAttendance(session.id, input.unit_id, input.attended, input.note));
  UnitAttendance answer;
  answer.session_id = stored.id;
  answer.kind = stored.kind;
  answer.title = stored.title;
  answer.held_at = stored.held_at;
  for (const Attendance& entry : stored.attendance) {
    if (entry.unit_id == input.unit_id) answer.attendance = entry;
  }
  return answer;
}

}  // namespace cs::assessment

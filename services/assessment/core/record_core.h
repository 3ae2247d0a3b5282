// The use cases of the assessment service's own records (SPEC S4, S7; M 7.12, 7.14, 7.15, 7.16):
// satisfaction survey summaries, each unit's partners and agents, the CS center's special tasks,
// and attendance at its case studies and trainings. Knows no gRPC and no SQL: it checks who may
// act, applies the domain's rules (survey.h, partner.h, special_task.h) and keeps the result
// through the record stores (store/assessment_record_stores.h). One method per RPC of
// cs.assessment.v1.AssessmentService it serves.
//
// Roles (SPEC "Actors"):
//   - a unit's UNIT_STAFF and UNIT_MANAGER record its surveys and register its partners and
//     agents, for their own unit only (another unit: PERMISSION_DENIED);
//   - CS_CENTER assigns special tasks, judges their completion (quality_ok) and records
//     attendance;
//   - readers: CS_CENTER, OFFICE and SERVICE every unit, a unit's UNIT_STAFF and UNIT_MANAGER
//     their own.
// Surveys and who reads them (S4; M 7.14 测量记录由经营单位自行保管, "the measurement records
// are kept by the operating unit itself"): the raw records never come here — the service holds
// only the summary the unit chose to enter for the satisfaction indicator. "The records stay the
// unit's" is kept as: only the unit's own roles record them (CS_CENTER may not record or change a
// unit's survey, and nothing edits or deletes one), and no other unit reads them. The
// department-wide roles read them as they read every other record: the CS center supervises and
// assesses the units' daily service (M 7.17.1), the office receives that assessment, and the
// scorecard they both read already shows, indicator by indicator, the survey it used (S5) —
// hiding the summary from them would hide nothing, only make the score unexplainable.
//
// Units: every unit named must be a unit of the directory (INVALID_ARGUMENT naming the unit_id
// field otherwise) and a unit the service assesses (assessed_units.h: not the CS center, which
// assesses the others) — INVALID_ARGUMENT naming the unit_id field too. A unit-scoped caller naming
// no unit gets its own.
//
// Idempotency (AIP-155): RecordSurvey, RegisterPartner, AssignTask and RecordAttendance require a
// request_id; CompleteTask uses it when one is given. A repeat with the same fingerprint answers
// with the first record; another fingerprint under a used request_id is INVALID_ARGUMENT naming
// request_id (the stores keep the keys). RecordAttendance is the exception: the stores keep no key
// for it, so its request_id is only checked for shape; a repeat answers the same because the
// call sets (never appends) the unit's entry on the session found by kind, title and held_at.
//
// Time: "now" is the injected clock's, truncated to the microseconds the database keeps (Now()).
//
// Errors: INVALID_ARGUMENT naming every bad field; FAILED_PRECONDITION naming the state that
// forbids a step (a task completed already); PERMISSION_DENIED for a role or unit that may not
// act; NOT_FOUND for an unknown task or session; the stores' UNAVAILABLE when the database is away.
// Thread-safe: it holds no mutable state.
#ifndef CS_SERVICES_ASSESSMENT_CORE_RECORD_CORE_H_
#define CS_SERVICES_ASSESSMENT_CORE_RECORD_CORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"
#include "common/time/clock.h"
#include "common/units/unit_directory.h"
#include "services/assessment/domain/partner.h"
#include "services/assessment/domain/special_task.h"
#include "services/assessment/domain/survey.h"
#include "services/assessment/store/assessment_record_stores.h"

namespace cs::assessment {

// ListPartners' answer: the store lists a unit's partners whole, the core pages them by id.
struct PartnerPage {
  // In id order.
  std::vector<Partner> partners;
  // 0 when there is no further page; otherwise pass as `after_id`.
  int64_t next_after_id = 0;
};

// What RecordAttendance records: whether `unit_id` attended a case study or training.
struct AttendanceInput {
  // A session recorded before ("TS-<n>"): kind and title are ignored, held_at must be unset
  // (InfinitePast) or equal to the session's. 0: the session of `kind` and `title` held at
  // `held_at`, recorded with its first attendance and found by them afterwards.
  int64_t session_id = 0;
  SessionKind kind = SessionKind::kUnspecified;
  std::string title;
  absl::Time held_at = absl::InfinitePast();
  std::string unit_id;
  bool attended = false;
  std::string note;
};

class RecordCore {
 public:
  // Every reference (the stores' included) must outlive the core. `zone` is the company's time
  // zone (the calendar's): the local day a survey period ends must not be after today's.
  RecordCore(AssessmentRecordStores stores, const common::UnitDirectory& units, absl::TimeZone zone,
             common::Clock& clock);

  // --- S4 surveys ---
  // UNIT_STAFF or UNIT_MANAGER of survey.unit_id (empty: the caller's unit). The domain's checks
  // (ValidateSurvey: paths "survey.method", "survey.period_end", "survey.sample_size", …);
  // recorded_by is the caller's user, recorded_at now; survey.id is ignored.
  absl::StatusOr<SurveySummary> RecordSurvey(const common::Principal& caller, SurveySummary survey,
                                             const RequestKey& key);
  // Readers. `unit_id` empty: the caller's unit for a unit's roles; required (INVALID_ARGUMENT
  // naming unit_id) for the department-wide roles. The surveys with id > after_id (0: from the
  // first), at most page_size (>= 1, else INVALID_ARGUMENT naming page_size), in id order.
  absl::StatusOr<SurveyPage> ListSurveys(const common::Principal& caller, std::string unit_id,
                                         int64_t after_id, int page_size);

  // --- S7 partners and agents ---
  // UNIT_STAFF or UNIT_MANAGER of form.unit_id (empty: the caller's unit). INVALID_ARGUMENT naming
  // every bad field (ValidatePartnerForm: "partner.name", "partner.kind", …) and
  // "partner.meets_company_standard" unless the unit states the standard is no lower than the
  // company's (M 7.12) — a form the contract requires true, so a malformed request.
  absl::StatusOr<Partner> RegisterPartner(const common::Principal& caller, PartnerForm form,
                                          const RequestKey& key);
  // Readers; unit_id, after_id and page_size as ListSurveys'. Active and inactive partners.
  absl::StatusOr<PartnerPage> ListPartners(const common::Principal& caller, std::string unit_id,
                                           int64_t after_id, int page_size);

  // --- M 7.15 special tasks ---
  // CS_CENTER only. The unit_id, title, description and due_at of `task` (the rest is the
  // service's): AssignTask's checks ("task.unit_id", "task.title", "task.due_at" after now).
  absl::StatusOr<SpecialTask> AssignTask(const common::Principal& caller, SpecialTask task,
                                         const RequestKey& key);
  // CS_CENTER only: the task is done now, with quality or not (CS_CENTER's judgement). Done after
  // due_at it is recorded late (OutcomeOf: kDoneLate). NOT_FOUND naming "ST-<id>";
  // FAILED_PRECONDITION (STATE_FORBIDS_CHANGE) when its completion was recorded already, unless
  // this is a repeat of that request_id (then the task as it is).
  absl::StatusOr<SpecialTask> CompleteTask(const common::Principal& caller, int64_t task_id,
                                           bool quality_ok, const std::string& note,
                                           const RequestKey& key);

  // --- M 7.16 case studies and trainings ---
  // CS_CENTER only. Records (or corrects) whether input.unit_id attended the session; a new
  // session is checked by NewSession ("session.kind", "session.title", "session.held_at").
  // NOT_FOUND naming "TS-<id>" for an unknown session_id; INVALID_ARGUMENT naming
  // "attendance.held_at" when it disagrees with that session's.
  absl::StatusOr<UnitAttendance> RecordAttendance(const common::Principal& caller,
                                                  AttendanceInput input, const RequestKey& key);

  // The clock's time, truncated to the microseconds the database stores.
  absl::Time Now() const;
  // The zone survey periods are counted in (the api maps them with it).
  absl::TimeZone zone() const { return zone_; }

 private:
  // OK when `unit_id` names a unit of the directory that keeps records here (not the CS
  // center); INVALID_ARGUMENT naming `field` otherwise.
  absl::Status CheckRecordUnit(absl::string_view unit_id, absl::string_view field) const;
  // Fills in the caller's unit when empty, then RequireUnit and CheckRecordUnit.
  absl::Status ScopeRecordUnit(const common::Principal& caller, std::string& unit_id,
                               absl::string_view field) const;
  // The readers' scope: RequireRole(readers), ScopeRecordUnit, and a unit required.
  absl::Status ScopeRead(const common::Principal& caller, std::string& unit_id) const;
  // The session `input` names: loaded, or created (keyed by its kind, title and held_at).
  absl::StatusOr<TrainingSession> SessionOf(const common::Principal& caller,
                                            const AttendanceInput& input);

  SurveyStore& surveys_;
  PartnerStore& partners_;
  TaskStore& tasks_;
  const common::UnitDirectory& units_;
  const absl::TimeZone zone_;
  common::Clock& clock_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_CORE_RECORD_CORE_H_

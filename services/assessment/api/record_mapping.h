// Conversions between the wire types of cs.assessment.v1 and the domain values of the service's
// own records: surveys (S4), partners and agents (S7), special tasks (M 7.15) and attendance at
// case studies and trainings (M 7.16), with their requests. Reading a request collects every value
// the wire cannot carry into the domain as INVALID_ARGUMENT naming each field by its request path
// ("survey.period.start", "task.due_at", "task_id", "page.page_token"); what the values mean is
// the core's and the domain's to judge (an unknown method or kind, an empty title, a due date in
// the past are passed on for them to name). Output fields that belong to the service (ids,
// recorded_by, recorded_at, assigned_by, a task's completion) are ignored on input. Pure
// functions; thread-safe.
//
// Where the wire and the domain differ:
//   - Survey.period is a half-open TimeRange [start, end) of instants; the domain counts whole
//     local days (period_start .. period_end inclusive). Both bounds are required and must be the
//     start of a day in the company's zone, so a month in UTC is never silently read as a month
//     and a day in Shanghai (which would move the survey into the next month's scorecard).
//   - A survey's note and a task's description have no wire field: they stay empty.
//   - SpecialTask.task_id is "ST-<n>" (FormatTaskId).
//   - Attendance.session names the session: "TS-<n>" for a session recorded before, otherwise its
//     title. A new session without a kind is a TRAINING (kWireSessionKind) — the scorecard counts
//     both kinds alike (unit_month.h). The answer's session is always "TS-<n>".
#ifndef CS_SERVICES_ASSESSMENT_API_RECORD_MAPPING_H_
#define CS_SERVICES_ASSESSMENT_API_RECORD_MAPPING_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cs/assessment/v1/assessment.pb.h"
#include "google/protobuf/message.h"
#include "services/assessment/core/record_core.h"
#include "services/assessment/domain/partner.h"
#include "services/assessment/domain/special_task.h"
#include "services/assessment/domain/survey.h"
#include "services/assessment/store/survey_store.h"
#include "services/assessment/store/task_store.h"

namespace cs::assessment {

// Page sizes of ListSurveys and ListPartners (page.page_size 0: the default).
inline constexpr int kDefaultRecordPageSize = 50;
inline constexpr int kMaxRecordPageSize = 500;

// The kind of a session first recorded through the wire, which cannot say (see above).
inline constexpr SessionKind kWireSessionKind = SessionKind::kTraining;

// --- wire -> domain -----------------------------------------------------------------------------

// The survey under "survey" (RecordSurveyRequest.survey): unit_id, method, period (days in
// `zone`), sample_size, score, scale.
absl::StatusOr<SurveySummary> SurveyFromProto(const v1::Survey& survey, absl::TimeZone zone);

// The form under "partner" (RegisterPartnerRequest.partner): unit_id, name, kind,
// service_standard, meets_company_standard. Nothing the wire carries is unreadable here.
PartnerForm PartnerFormFromProto(const v1::Partner& partner);

// The task under "task" (AssignTaskRequest.task): unit_id, title, due_at (unset: the epoch, which
// the domain names as missing).
absl::StatusOr<SpecialTask> TaskFromProto(const v1::SpecialTask& task);

// CompleteTaskRequest without its request_id.
struct TaskCompletionRequest {
  int64_t task_id = 0;
  bool quality_ok = false;
  std::string note;
};
// task_id "ST-<n>" (INVALID_ARGUMENT naming task_id otherwise).
absl::StatusOr<TaskCompletionRequest> FromProto(const v1::CompleteTaskRequest& request);

// The attendance under "attendance" (RecordAttendanceRequest.attendance): session required
// ("TS-<n>" or a title); held_at required with a title, optional with "TS-<n>".
absl::StatusOr<AttendanceInput> AttendanceFromProto(const v1::Attendance& attendance);

// ListSurveysRequest / ListPartnersRequest: the unit as given, the page read with the defaults
// above; `filter` is the fingerprint page tokens carry, for the answer's next token.
struct RecordListRequest {
  std::string unit_id;
  int64_t after_id = 0;
  int page_size = 0;
  std::string filter;
};
absl::StatusOr<RecordListRequest> FromProto(const v1::ListSurveysRequest& request);
absl::StatusOr<RecordListRequest> FromProto(const v1::ListPartnersRequest& request);

// --- domain -> wire -----------------------------------------------------------------------------

// period as [start of period_start, start of the day after period_end) in `zone`.
v1::Survey ToProto(const SurveySummary& survey, absl::TimeZone zone);
v1::Partner ToProto(const Partner& partner);
// done_at, quality_ok and note from the completion (unset while open).
v1::SpecialTask ToProto(const SpecialTask& task);
v1::Attendance ToProto(const UnitAttendance& attendance);

// The page, with the next page's token for `request`'s filter (empty on the last page).
v1::ListSurveysResponse ToProto(const SurveyPage& page, const RecordListRequest& request,
                                absl::TimeZone zone);
v1::ListPartnersResponse ToProto(const PartnerPage& page, const RecordListRequest& request);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_API_RECORD_MAPPING_H_

#include "services/assessment/api/record_mapping.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/api/paging.h"
#include "common/api/proto_time.h"
#include "common/api/request_fingerprint.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/assessment/domain/records.h"

namespace cs::assessment {
namespace {

using common::FieldViolations;
using google::protobuf::Timestamp;

// The wire's enums mirror the domain's numbers, so a conversion is a cast.
static_assert(static_cast<int>(SurveyMethod::kPhone) == v1::SURVEY_METHOD_PHONE);
static_assert(static_cast<int>(SurveyMethod::kEmail) == v1::SURVEY_METHOD_EMAIL);
static_assert(static_cast<int>(SurveyMethod::kWeb) == v1::SURVEY_METHOD_WEB);
static_assert(static_cast<int>(PartnerKind::kPartner) == v1::PARTNER_KIND_PARTNER);
static_assert(static_cast<int>(PartnerKind::kAgent) == v1::PARTNER_KIND_AGENT);

// Adds the violations `status` names, or one naming `field` with its message.
void Absorb(const absl::Status& status, const std::string& field, FieldViolations& violations) {
  const std::vector<common::FieldViolation> named = common::ViolationsOf(status);
  for (const common::FieldViolation& v : named) violations.Add(v.field, v.description);
  if (named.empty()) violations.Add(field, std::string(status.message()));
}

// The local day starting at the instant of a required bound of a survey period; nullopt (with a
// violation) when unset, unreadable or not the start of a day in `zone`.
absl::optional<absl::CivilDay> DayStartingAt(bool present, const Timestamp& timestamp,
                                             const std::string& field, absl::TimeZone zone,
                                             FieldViolations& violations) {
  if (!present) {
    violations.Add(field, "is required: the start of a day in the company's time zone");
    return absl::nullopt;
  }
  absl::optional<absl::Time> at =
      common::ReadOptionalTimestamp(present, timestamp, field, violations);
  if (!at.has_value()) return absl::nullopt;
  const absl::CivilDay day = absl::ToCivilDay(*at, zone);
  if (absl::FromCivil(day, zone) != *at) {
    violations.Add(field,
                   absl::StrCat("must be the start of a day in ", zone.name(),
                                " (a survey covers whole days), not ", internal::Instant(*at)));
    return absl::nullopt;
  }
  return day;
}

absl::StatusOr<RecordListRequest> ListRequestOf(const google::protobuf::Message& request,
                                                const std::string& unit_id,
                                                const cs::common::v1::PageRequest& page) {
  RecordListRequest list;
  list.unit_id = unit_id;
  list.filter = common::FilterFingerprint(request);
  ASSIGN_OR_RETURN(list.page_size,
                   common::PageSizeOf(page, kDefaultRecordPageSize, kMaxRecordPageSize));
  ASSIGN_OR_RETURN(list.after_id, common::DecodePageToken(page.page_token(), list.filter));
  return list;
}

std::string NextToken(int64_t next_after_id, const RecordListRequest& request) {
  return next_after_id > 0 ? common::EncodePageToken(next_after_id, request.filter) : "";
}

}  // namespace

// --- wire -> domain -----------------------------------------------------------------------------

absl::StatusOr<SurveySummary> SurveyFromProto(const v1::Survey& proto, absl::TimeZone zone) {
  FieldViolations violations;
  SurveySummary survey;
  survey.unit_id = proto.unit_id();
  survey.method = static_cast<SurveyMethod>(proto.method());
  if (!proto.has_period()) {
    violations.Add("survey.period", "is required: the days surveyed, [start, end)");
  } else {
    const absl::optional<absl::CivilDay> start =
        DayStartingAt(proto.period().has_start(), proto.period().start(), "survey.period.start",
                      zone, violations);
    const absl::optional<absl::CivilDay> end = DayStartingAt(
        proto.period().has_end(), proto.period().end(), "survey.period.end", zone, violations);
    if (start.has_value() && end.has_value()) {
      if (*end <= *start) {
        violations.Add("survey.period.end",
                       "must be after survey.period.start: the period is [start, end)");
      } else {
        survey.period_start = *start;
        survey.period_end = *end - 1;
      }
    }
  }
  survey.sample_size = proto.sample_size();
  survey.score = proto.score();
  survey.scale = proto.scale();
  if (!violations.empty()) return violations.ToStatus("invalid survey");
  return survey;
}

PartnerForm PartnerFormFromProto(const v1::Partner& proto) {
  PartnerForm form;
  form.unit_id = proto.unit_id();
  form.name = proto.name();
  form.kind = static_cast<PartnerKind>(proto.kind());
  form.service_standard = proto.service_standard();
  form.meets_company_standard = proto.meets_company_standard();
  return form;
}

absl::StatusOr<SpecialTask> TaskFromProto(const v1::SpecialTask& proto) {
  FieldViolations violations;
  SpecialTask task;
  task.unit_id = proto.unit_id();
  task.title = proto.title();
  task.due_at =
      common::ReadOptionalTimestamp(proto.has_due_at(), proto.due_at(), "task.due_at", violations)
          .value_or(absl::UnixEpoch());
  if (!violations.empty()) return violations.ToStatus("invalid special task");
  return task;
}

absl::StatusOr<TaskCompletionRequest> FromProto(const v1::CompleteTaskRequest& request) {
  TaskCompletionRequest completion;
  ASSIGN_OR_RETURN(completion.task_id, ParseTaskId(request.task_id(), "task_id"));
  completion.quality_ok = request.quality_ok();
  completion.note = request.note();
  return completion;
}

absl::StatusOr<AttendanceInput> AttendanceFromProto(const v1::Attendance& proto) {
  FieldViolations violations;
  AttendanceInput input;
  input.unit_id = proto.unit_id();
  input.attended = proto.attended();
  input.note = proto.note();
  const absl::optional<absl::Time> held_at = common::ReadOptionalTimestamp(
      proto.has_held_at(), proto.held_at(), "attendance.held_at", violations);
  if (held_at.has_value()) input.held_at = *held_at;
  const std::string& session = proto.session();
  if (session.empty()) {
    violations.Add("attendance.session",
                   "is required: \"TS-<n>\" of a session recorded before, or the title of the "
                   "case study or training");
  } else if (absl::StatusOr<int64_t> id = ParseSessionId(session, "attendance.session"); id.ok()) {
    input.session_id = *id;
  } else if (absl::StartsWith(session, "TS-")) {
    // Looks like an id but is none: a title would hide the typo.
    Absorb(id.status(), "attendance.session", violations);
  } else {
    switch (proto.kind()) {
      case v1::SESSION_KIND_UNSPECIFIED:
        input.kind = kWireSessionKind;
        break;
      case v1::SESSION_KIND_CASE_STUDY:
        input.kind = SessionKind::kCaseStudy;
        break;
      case v1::SESSION_KIND_TRAINING:
        input.kind = SessionKind::kTraining;
        break;
      default:
        violations.Add("attendance.kind", "is not a SessionKind: CASE_STUDY or TRAINING");
    }
    input.title = session;
    if (!proto.has_held_at()) {
      violations.Add("attendance.held_at", "is required: when the case study or training was held");
    }
  }
  if (!violations.empty()) return violations.ToStatus("invalid attendance");
  return input;
}

absl::StatusOr<RecordListRequest> FromProto(const v1::ListSurveysRequest& request) {
  return ListRequestOf(request, request.unit_id(), request.page());
}

absl::StatusOr<RecordListRequest> FromProto(const v1::ListPartnersRequest& request) {
  return ListRequestOf(request, request.unit_id(), request.page());
}

// --- domain -> wire -----------------------------------------------------------------------------

v1::Survey ToProto(const SurveySummary& survey, absl::TimeZone zone) {
  v1::Survey proto;
  proto.set_survey_id(FormatSurveyId(survey.id));
  proto.set_unit_id(survey.unit_id);
  proto.set_method(static_cast<v1::SurveyMethod>(survey.method));
  *proto.mutable_period()->mutable_start() =
      common::ToProtoTimestamp(absl::FromCivil(survey.period_start, zone));
  *proto.mutable_period()->mutable_end() =
      common::ToProtoTimestamp(absl::FromCivil(survey.period_end + 1, zone));
  proto.set_sample_size(survey.sample_size);
  proto.set_score(survey.score);
  proto.set_scale(survey.scale);
  proto.set_recorded_by(survey.recorded_by);
  *proto.mutable_recorded_at() = common::ToProtoTimestamp(survey.recorded_at);
  return proto;
}

v1::Partner ToProto(const Partner& partner) {
  v1::Partner proto;
  proto.set_partner_id(FormatPartnerId(partner.id));
  proto.set_unit_id(partner.unit_id);
  proto.set_name(partner.name);
  proto.set_kind(static_cast<v1::PartnerKind>(partner.kind));
  proto.set_service_standard(partner.service_standard);
  proto.set_meets_company_standard(partner.meets_company_standard);
  proto.set_active(partner.active);
  return proto;
}

v1::SpecialTask ToProto(const SpecialTask& task) {
  v1::SpecialTask proto;
  proto.set_task_id(FormatTaskId(task.id));
  proto.set_unit_id(task.unit_id);
  proto.set_title(task.title);
  *proto.mutable_due_at() = common::ToProtoTimestamp(task.due_at);
  proto.set_assigned_by(task.assigned_by);
  if (task.completion.has_value()) {
    *proto.mutable_done_at() = common::ToProtoTimestamp(task.completion->done_at);
    proto.set_quality_ok(task.completion->quality_ok);
    proto.set_note(task.completion->note);
  }
  return proto;
}

v1::Attendance ToProto(const UnitAttendance& attendance) {
  v1::Attendance proto;
  proto.set_session(FormatSessionId(attendance.session_id));
  proto.set_unit_id(attendance.attendance.unit_id);
  *proto.mutable_held_at() = common::ToProtoTimestamp(attendance.held_at);
  proto.set_attended(attendance.attendance.attended);
  proto.set_kind(attendance.kind == SessionKind::kCaseStudy ? v1::SESSION_KIND_CASE_STUDY
                                                            : v1::SESSION_KIND_TRAINING);
  proto.set_note(attendance.attendance.note);
  return proto;
}

v1::ListSurveysResponse ToProto(const SurveyPage& page, const RecordListRequest& request,
                                absl::TimeZone zone) {
  v1::ListSurveysResponse proto;
  for (const SurveySummary& survey : page.surveys) *proto.add_surveys() = ToProto(survey, zone);
  proto.mutable_page()->set_next_page_token(NextToken(page.next_after_id, request));
  return proto;
}

v1::ListPartnersResponse ToProto(const PartnerPage& page, const RecordListRequest& request) {
  v1::ListPartnersResponse proto;
  for (const Partner& partner : page.partners) *proto.add_partners() = ToProto(partner);
  proto.mutable_page()->set_next_page_token(NextToken(page.next_after_id, request));
  return proto;
}

}  // namespace cs::assessment

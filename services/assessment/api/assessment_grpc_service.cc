#include "services/assessment/api/assessment_grpc_service.h"

#include <string>
#include <utility>

#include "common/api/paging.h"
#include "common/api/proto_time.h"
#include "common/api/request_fingerprint.h"
#include "common/grpc/server_call_scope.h"
#include "common/grpc/status_mapping.h"
#include "services/assessment/api/notice_mapping.h"
#include "services/assessment/api/record_mapping.h"
#include "services/assessment/api/scorecard_mapping.h"
#include "services/assessment/domain/records.h"

namespace cs::assessment {
namespace {

// The page a List request asks for: its size (the defaults of record_mapping.h) and the id after
// which it starts, from a token bound to the request's filter.
struct PageRequest {
  int size = 0;
  int64_t after_id = 0;
  std::string filter;
};

absl::StatusOr<PageRequest> PageOf(const google::protobuf::Message& request,
                                   const cs::common::v1::PageRequest& page) {
  PageRequest out;
  ASSIGN_OR_RETURN(out.size, common::PageSizeOf(page, kDefaultRecordPageSize, kMaxRecordPageSize));
  out.filter = common::FilterFingerprint(request);
  ASSIGN_OR_RETURN(out.after_id, common::DecodePageToken(page.page_token(), out.filter));
  return out;
}

void SetNextPage(int64_t next_after_id, const PageRequest& page,
                 cs::common::v1::PageResponse& response) {
  if (next_after_id > 0) {
    response.set_next_page_token(common::EncodePageToken(next_after_id, page.filter));
  }
}

absl::StatusOr<absl::optional<absl::Time>> OptionalTime(bool present,
                                                        const google::protobuf::Timestamp& time,
                                                        const std::string& field) {
  common::FieldViolations violations;
  absl::optional<absl::Time> read = common::ReadOptionalTimestamp(present, time, field, violations);
  if (!violations.empty()) return violations.ToStatus("invalid request");
  return read;
}

}  // namespace

AssessmentGrpcService::AssessmentGrpcService(NoticeCore& notices, RecordCore& records,
                                             ScorecardCore& scorecards,
                                             const common::Authenticator& authenticator)
    : notices_(notices),
      records_(records),
      scorecards_(scorecards),
      guard_(authenticator, AssessmentAccessTable()) {}

// --- S1 rectification notices
// ---------------------------------------------------------------------

grpc::Status AssessmentGrpcService::IssueRectificationNotice(
    grpc::ServerContext* context, const v1::IssueRectificationNoticeRequest* request,
    v1::RectificationNotice* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(NoticeDraft draft, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(
      RectificationNotice notice,
      notices_.IssueRectificationNotice(caller, std::move(draft),
                                        common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(notice);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::AcknowledgeNotice(grpc::ServerContext* context,
                                                      const v1::AcknowledgeNoticeRequest* request,
                                                      v1::RectificationNotice* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseNoticeId(request->notice_id(), "notice_id"));
  ASSIGN_OR_RETURN_GRPC(RectificationNotice notice,
                        notices_.AcknowledgeNotice(
                            caller, id, common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(notice);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::ReplyToNotice(grpc::ServerContext* context,
                                                  const v1::ReplyToNoticeRequest* request,
                                                  v1::RectificationNotice* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseNoticeId(request->notice_id(), "notice_id"));
  ASSIGN_OR_RETURN_GRPC(
      RectificationNotice notice,
      notices_.ReplyToNotice(caller, id, request->measures(),
                             common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(notice);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::VerifyRectification(
    grpc::ServerContext* context, const v1::VerifyRectificationRequest* request,
    v1::RectificationNotice* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseNoticeId(request->notice_id(), "notice_id"));
  ASSIGN_OR_RETURN_GRPC(
      RectificationNotice notice,
      notices_.VerifyRectification(caller, id, request->passed(), request->note(),
                                   common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(notice);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::GetRectificationNotice(
    grpc::ServerContext* context, const v1::GetRectificationNoticeRequest* request,
    v1::RectificationNotice* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseNoticeId(request->notice_id(), "notice_id"));
  ASSIGN_OR_RETURN_GRPC(RectificationNotice notice, notices_.GetRectificationNotice(caller, id));
  *response = ToProto(notice);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::ListRectificationNotices(
    grpc::ServerContext* context, const v1::ListRectificationNoticesRequest* request,
    v1::ListRectificationNoticesResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(NoticeQuery query, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(PageRequest page, PageOf(*request, request->page()));
  ASSIGN_OR_RETURN_GRPC(
      NoticePage notices,
      notices_.ListRectificationNotices(caller, std::move(query), page.after_id, page.size));
  for (const RectificationNotice& notice : notices.notices) {
    *response->add_notices() = ToProto(notice);
  }
  SetNextPage(notices.next_after_id, page, *response->mutable_page());
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::RenderRectificationNotice(
    grpc::ServerContext* context, const v1::RenderRectificationNoticeRequest* request,
    v1::RenderedForm* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseNoticeId(request->notice_id(), "notice_id"));
  ASSIGN_OR_RETURN_GRPC(std::string text, notices_.RenderRectificationNotice(caller, id));
  response->set_text(std::move(text));
  return grpc::Status::OK;
}

// --- S2 maintenance notices
// -----------------------------------------------------------------------

grpc::Status AssessmentGrpcService::FileMaintenanceNotice(
    grpc::ServerContext* context, const v1::FileMaintenanceNoticeRequest* request,
    v1::MaintenanceNotice* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(MaintenanceForm form, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(
      MaintenanceRecord record,
      notices_.FileMaintenanceNotice(caller, std::move(form),
                                     common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(record);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::RecordSuperiorApproval(
    grpc::ServerContext* context, const v1::RecordSuperiorApprovalRequest* request,
    v1::MaintenanceNotice* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseMaintenanceId(request->notice_id(), "notice_id"));
  ASSIGN_OR_RETURN_GRPC(SuperiorApprovalInput approval, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(
      MaintenanceRecord record,
      notices_.RecordSuperiorApproval(caller, id, std::move(approval),
                                      common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(record);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::RaiseNoticeFromFinding(
    grpc::ServerContext* context, const v1::RaiseNoticeFromFindingRequest* request,
    v1::RectificationNotice* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(
      RectificationNotice notice,
      notices_.RaiseNoticeFromFinding(caller, request->source_id(),
                                      common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(notice);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::ListMaintenanceNotices(
    grpc::ServerContext* context, const v1::ListMaintenanceNoticesRequest* request,
    v1::ListMaintenanceNoticesResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(PageRequest page, PageOf(*request, request->page()));
  ASSIGN_OR_RETURN_GRPC(
      MaintenancePage records,
      notices_.ListMaintenanceNotices(caller, FromProto(*request), page.after_id, page.size));
  for (const MaintenanceRecord& record : records.records) {
    *response->add_notices() = ToProto(record);
  }
  SetNextPage(records.next_after_id, page, *response->mutable_page());
  return grpc::Status::OK;
}

// --- S3 launch reviews
// ----------------------------------------------------------------------------

grpc::Status AssessmentGrpcService::SubmitLaunchReview(grpc::ServerContext* context,
                                                       const v1::SubmitLaunchReviewRequest* request,
                                                       v1::LaunchReview* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(LaunchReviewForm form, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(
      LaunchReview review,
      notices_.SubmitLaunchReview(caller, std::move(form),
                                  common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(review);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::AcceptLaunchReview(grpc::ServerContext* context,
                                                       const v1::AcceptLaunchReviewRequest* request,
                                                       v1::LaunchReview* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseLaunchReviewId(request->review_id(), "review_id"));
  ASSIGN_OR_RETURN_GRPC(
      LaunchReview review,
      notices_.AcceptLaunchReview(caller, id, request->window_training_needed(), request->note(),
                                  common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(review);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::RecordWindowTraining(
    grpc::ServerContext* context, const v1::RecordWindowTrainingRequest* request,
    v1::LaunchReview* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseLaunchReviewId(request->review_id(), "review_id"));
  ASSIGN_OR_RETURN_GRPC(absl::optional<absl::Time> done_at,
                        OptionalTime(request->has_done_at(), request->done_at(), "done_at"));
  ASSIGN_OR_RETURN_GRPC(
      LaunchReview review,
      notices_.RecordWindowTraining(caller, id, done_at,
                                    common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(review);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::RecordLaunch(grpc::ServerContext* context,
                                                 const v1::RecordLaunchRequest* request,
                                                 v1::LaunchReview* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseLaunchReviewId(request->review_id(), "review_id"));
  ASSIGN_OR_RETURN_GRPC(absl::optional<absl::Time> launched_at, LaunchedAtFromProto(*request));
  ASSIGN_OR_RETURN_GRPC(
      LaunchReview review,
      notices_.RecordLaunch(caller, id, launched_at,
                            common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(review);
  return grpc::Status::OK;
}

// --- S4 surveys, S7 partners, M 7.15/7.16 tasks
// ---------------------------------------------------

grpc::Status AssessmentGrpcService::RecordSurvey(grpc::ServerContext* context,
                                                 const v1::RecordSurveyRequest* request,
                                                 v1::Survey* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(SurveySummary survey, SurveyFromProto(request->survey(), records_.zone()));
  ASSIGN_OR_RETURN_GRPC(
      SurveySummary recorded,
      records_.RecordSurvey(caller, std::move(survey),
                            common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(recorded, records_.zone());
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::ListSurveys(grpc::ServerContext* context,
                                                const v1::ListSurveysRequest* request,
                                                v1::ListSurveysResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(RecordListRequest list, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(SurveyPage page,
                        records_.ListSurveys(caller, list.unit_id, list.after_id, list.page_size));
  *response = ToProto(page, list, records_.zone());
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::RegisterPartner(grpc::ServerContext* context,
                                                    const v1::RegisterPartnerRequest* request,
                                                    v1::Partner* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(
      Partner partner,
      records_.RegisterPartner(caller, PartnerFormFromProto(request->partner()),
                               common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(partner);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::ListPartners(grpc::ServerContext* context,
                                                 const v1::ListPartnersRequest* request,
                                                 v1::ListPartnersResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(RecordListRequest list, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(PartnerPage page,
                        records_.ListPartners(caller, list.unit_id, list.after_id, list.page_size));
  *response = ToProto(page, list);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::AssignTask(grpc::ServerContext* context,
                                               const v1::AssignTaskRequest* request,
                                               v1::SpecialTask* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(SpecialTask task, TaskFromProto(request->task()));
  ASSIGN_OR_RETURN_GRPC(SpecialTask assigned,
                        records_.AssignTask(caller, std::move(task),
                                            common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(assigned);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::CompleteTask(grpc::ServerContext* context,
                                                 const v1::CompleteTaskRequest* request,
                                                 v1::SpecialTask* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(TaskCompletionRequest completion, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(
      SpecialTask task,
      records_.CompleteTask(caller, completion.task_id, completion.quality_ok, completion.note,
                            common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(task);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::RecordAttendance(grpc::ServerContext* context,
                                                     const v1::RecordAttendanceRequest* request,
                                                     v1::Attendance* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(AttendanceInput input, AttendanceFromProto(request->attendance()));
  ASSIGN_OR_RETURN_GRPC(
      UnitAttendance recorded,
      records_.RecordAttendance(caller, std::move(input),
                                common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(recorded);
  return grpc::Status::OK;
}

// --- S5, S6 scorecards
// ----------------------------------------------------------------------------

grpc::Status AssessmentGrpcService::ComputeScorecard(grpc::ServerContext* context,
                                                     const v1::ComputeScorecardRequest* request,
                                                     v1::Scorecard* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(ScorecardRequest which, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(StoredScorecard stored,
                        scorecards_.ComputeScorecard(
                            caller, std::move(which.unit_id), which.month, std::move(which.set),
                            common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(stored);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::GetScorecard(grpc::ServerContext* context,
                                                 const v1::GetScorecardRequest* request,
                                                 v1::Scorecard* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(ScorecardRequest which, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(StoredScorecard stored,
                        scorecards_.GetScorecard(caller, std::move(which.unit_id), which.month,
                                                 std::move(which.set)));
  *response = ToProto(stored);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::GetScorecardSummary(
    grpc::ServerContext* context, const v1::GetScorecardSummaryRequest* request,
    v1::ScorecardSummary* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(ScorecardRequest which, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(ScorecardSummaryResult summary,
                        scorecards_.GetScorecardSummary(caller, which.month, std::move(which.set)));
  *response = ToProto(summary);
  return grpc::Status::OK;
}

grpc::Status AssessmentGrpcService::RecordFeedback(grpc::ServerContext* context,
                                                   const v1::RecordFeedbackRequest* request,
                                                   v1::Scorecard* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(FeedbackRequest feedback, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(StoredScorecard stored,
                        scorecards_.RecordFeedback(
                            caller, std::move(feedback.scorecard.unit_id), feedback.scorecard.month,
                            std::move(feedback.scorecard.set), feedback.feedback,
                            common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(stored);
  return grpc::Status::OK;
}

}  // namespace cs::assessment

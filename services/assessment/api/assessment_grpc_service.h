// The cs.assessment.v1.AssessmentService gRPC handlers: authenticate the caller, translate the
// request into the domain (api/notice_mapping.h, record_mapping.h, scorecard_mapping.h), call the
// core that owns the RPC (NoticeCore, RecordCore, ScorecardCore), translate back (ARCHITECTURE:
// thin api layer, no business rule here). The creating and changing calls carry a request
// fingerprint with their request_id (AIP-155: a retry with another body is refused); List calls
// page with tokens bound to their filter (common/api/paging.h). Thread-safe: handlers run
// concurrently on gRPC's threads and share only the thread-safe cores.
#ifndef CS_SERVICES_ASSESSMENT_API_ASSESSMENT_GRPC_SERVICE_H_
#define CS_SERVICES_ASSESSMENT_API_ASSESSMENT_GRPC_SERVICE_H_

#include "common/grpc/access_guard.h"
#include "common/grpc/authenticator.h"
#include "cs/assessment/v1/assessment.grpc.pb.h"
#include "services/assessment/api/assessment_access.h"
#include "services/assessment/core/notice_core.h"
#include "services/assessment/core/record_core.h"
#include "services/assessment/core/scorecard_core.h"

namespace cs::assessment {

class AssessmentGrpcService final : public v1::AssessmentService::Service {
 public:
  // Every reference must outlive the service.
  AssessmentGrpcService(NoticeCore& notices, RecordCore& records, ScorecardCore& scorecards,
                        const common::Authenticator& authenticator);

  grpc::Status IssueRectificationNotice(grpc::ServerContext* context,
                                        const v1::IssueRectificationNoticeRequest* request,
                                        v1::RectificationNotice* response) override;
  grpc::Status AcknowledgeNotice(grpc::ServerContext* context,
                                 const v1::AcknowledgeNoticeRequest* request,
                                 v1::RectificationNotice* response) override;
  grpc::Status ReplyToNotice(grpc::ServerContext* context, const v1::ReplyToNoticeRequest* request,
                             v1::RectificationNotice* response) override;
  grpc::Status VerifyRectification(grpc::ServerContext* context,
                                   const v1::VerifyRectificationRequest* request,
                                   v1::RectificationNotice* response) override;
  grpc::Status GetRectificationNotice(grpc::ServerContext* context,
                                      const v1::GetRectificationNoticeRequest* request,
                                      v1::RectificationNotice* response) override;
  grpc::Status ListRectificationNotices(grpc::ServerContext* context,
                                        const v1::ListRectificationNoticesRequest* request,
                                        v1::ListRectificationNoticesResponse* response) override;
  grpc::Status RenderRectificationNotice(grpc::ServerContext* context,
                                         const v1::RenderRectificationNoticeRequest* request,
                                         v1::RenderedForm* response) override;
  grpc::Status FileMaintenanceNotice(grpc::ServerContext* context,
                                     const v1::FileMaintenanceNoticeRequest* request,
                                     v1::MaintenanceNotice* response) override;
  grpc::Status RecordSuperiorApproval(grpc::ServerContext* context,
                                      const v1::RecordSuperiorApprovalRequest* request,
                                      v1::MaintenanceNotice* response) override;
  grpc::Status RaiseNoticeFromFinding(grpc::ServerContext* context,
                                      const v1::RaiseNoticeFromFindingRequest* request,
                                      v1::RectificationNotice* response) override;
  grpc::Status ListMaintenanceNotices(grpc::ServerContext* context,
                                      const v1::ListMaintenanceNoticesRequest* request,
                                      v1::ListMaintenanceNoticesResponse* response) override;
  grpc::Status SubmitLaunchReview(grpc::ServerContext* context,
                                  const v1::SubmitLaunchReviewRequest* request,
                                  v1::LaunchReview* response) override;
  grpc::Status AcceptLaunchReview(grpc::ServerContext* context,
                                  const v1::AcceptLaunchReviewRequest* request,
                                  v1::LaunchReview* response) override;
  grpc::Status RecordWindowTraining(grpc::ServerContext* context,
                                    const v1::RecordWindowTrainingRequest* request,
                                    v1::LaunchReview* response) override;
  grpc::Status RecordLaunch(grpc::ServerContext* context, const v1::RecordLaunchRequest* request,
                            v1::LaunchReview* response) override;
  grpc::Status RecordSurvey(grpc::ServerContext* context, const v1::RecordSurveyRequest* request,
                            v1::Survey* response) override;
  grpc::Status ListSurveys(grpc::ServerContext* context, const v1::ListSurveysRequest* request,
                           v1::ListSurveysResponse* response) override;
  grpc::Status RegisterPartner(grpc::ServerContext* context,
                               const v1::RegisterPartnerRequest* request,
                               v1::Partner* response) override;
  grpc::Status ListPartners(grpc::ServerContext* context, const v1::ListPartnersRequest* request,
                            v1::ListPartnersResponse* response) override;
  grpc::Status AssignTask(grpc::ServerContext* context, const v1::AssignTaskRequest* request,
                          v1::SpecialTask* response) override;
  grpc::Status CompleteTask(grpc::ServerContext* context, const v1::CompleteTaskRequest* request,
                            v1::SpecialTask* response) override;
  grpc::Status RecordAttendance(grpc::ServerContext* context,
                                const v1::RecordAttendanceRequest* request,
                                v1::Attendance* response) override;
  grpc::Status ComputeScorecard(grpc::ServerContext* context,
                                const v1::ComputeScorecardRequest* request,
                                v1::Scorecard* response) override;
  grpc::Status GetScorecard(grpc::ServerContext* context, const v1::GetScorecardRequest* request,
                            v1::Scorecard* response) override;
  grpc::Status GetScorecardSummary(grpc::ServerContext* context,
                                   const v1::GetScorecardSummaryRequest* request,
                                   v1::ScorecardSummary* response) override;
  grpc::Status RecordFeedback(grpc::ServerContext* context,
                              const v1::RecordFeedbackRequest* request,
                              v1::Scorecard* response) override;

 private:
  NoticeCore& notices_;
  RecordCore& records_;
  ScorecardCore& scorecards_;
  const common::AccessGuard guard_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_API_ASSESSMENT_GRPC_SERVICE_H_

// The cs.hotline.v1.HotlineRegistryService gRPC handlers: authenticate the caller, translate the
// request into the domain, call the core, translate back (ARCHITECTURE: thin api layer, no business
// rule here). IngestCallRecords reads its stream one message at a time and hands each record to the
// core's CallIngest, which commits a batch every settings.ingest_batch_size records — so a huge
// stream never sits in memory and every batch is durable before the final answer. Its messages are
// read as raw bytes and parsed here: gRPC's typed reader takes a message that does not parse for
// the end of the stream, which would answer OK over a truncated stream; parsed here, such a message
// fails the call with INVALID_ARGUMENT naming the request type, as every other RPC of the suite
// answers it. Thread-safe: handlers run concurrently on gRPC's threads and share only the
// thread-safe core.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_API_HOTLINE_GRPC_SERVICE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_API_HOTLINE_GRPC_SERVICE_H_

#include "common/grpc/access_guard.h"
#include "common/grpc/authenticator.h"
#include "cs/hotline/v1/hotline.grpc.pb.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/sync_stream.h"
#include "services/hotline-registry/api/hotline_access.h"
#include "services/hotline-registry/core/hotline_core.h"

namespace cs::hotline {

// Page sizes when a request gives none, and the most one page may hold.
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

class HotlineGrpcService final : public v1::HotlineRegistryService::Service {
 public:
  // Both must outlive the service.
  HotlineGrpcService(HotlineCore& core, const common::Authenticator& authenticator);

  grpc::Status RegisterHotline(grpc::ServerContext* context,
                               const v1::RegisterHotlineRequest* request,
                               v1::Hotline* response) override;
  grpc::Status SignForm(grpc::ServerContext* context, const v1::SignFormRequest* request,
                        v1::Hotline* response) override;
  grpc::Status DecideRegistration(grpc::ServerContext* context,
                                  const v1::DecideRegistrationRequest* request,
                                  v1::Hotline* response) override;
  grpc::Status GetHotline(grpc::ServerContext* context, const v1::GetHotlineRequest* request,
                          v1::Hotline* response) override;
  grpc::Status ListHotlines(grpc::ServerContext* context, const v1::ListHotlinesRequest* request,
                            v1::ListHotlinesResponse* response) override;
  grpc::Status FileChange(grpc::ServerContext* context, const v1::FileChangeRequest* request,
                          v1::Hotline* response) override;
  grpc::Status DecideChange(grpc::ServerContext* context, const v1::DecideChangeRequest* request,
                            v1::Hotline* response) override;
  grpc::Status ListNumberTransitions(grpc::ServerContext* context,
                                     const v1::ListNumberTransitionsRequest* request,
                                     v1::ListNumberTransitionsResponse* response) override;
  grpc::Status IssueNotice(grpc::ServerContext* context, const v1::IssueNoticeRequest* request,
                           v1::Notice* response) override;
  grpc::Status GetOperatingReport(grpc::ServerContext* context,
                                  const v1::GetOperatingReportRequest* request,
                                  v1::OperatingReport* response) override;
  grpc::Status SubmitOperatingReport(grpc::ServerContext* context,
                                     const v1::SubmitOperatingReportRequest* request,
                                     v1::OperatingReport* response) override;
  grpc::Status RegisterStaff(grpc::ServerContext* context, const v1::RegisterStaffRequest* request,
                             v1::StaffMember* response) override;
  grpc::Status RecordTraining(grpc::ServerContext* context,
                              const v1::RecordTrainingRequest* request,
                              v1::StaffMember* response) override;
  grpc::Status ListStaff(grpc::ServerContext* context, const v1::ListStaffRequest* request,
                         v1::ListStaffResponse* response) override;
  grpc::Status SetDutyRoster(grpc::ServerContext* context, const v1::SetDutyRosterRequest* request,
                             v1::DutyRoster* response) override;
  grpc::Status ScoreCall(grpc::ServerContext* context, const v1::ScoreCallRequest* request,
                         v1::PhraseScore* response) override;
  grpc::Status RecordMandarinReview(grpc::ServerContext* context,
                                    const v1::RecordMandarinReviewRequest* request,
                                    v1::PhraseScore* response) override;
  grpc::Status RenderRegistrationForm(grpc::ServerContext* context,
                                      const v1::RenderFormRequest* request,
                                      v1::RenderFormResponse* response) override;
  grpc::Status RenderChangeForm(grpc::ServerContext* context,
                                const v1::RenderChangeFormRequest* request,
                                v1::RenderFormResponse* response) override;
  grpc::Status GetMonthlyStatistics(grpc::ServerContext* context,
                                    const v1::GetMonthlyStatisticsRequest* request,
                                    v1::MonthlyStatistics* response) override;

 private:
  // IngestCallRecords, on raw messages (see the top of this file): one response, then the status.
  grpc::Status IngestCallRecordsStream(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::IngestCallRecordsResponse, grpc::ByteBuffer>* stream);

  HotlineCore& core_;
  const common::AccessGuard guard_;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_API_HOTLINE_GRPC_SERVICE_H_

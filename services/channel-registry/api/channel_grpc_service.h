// The cs.channel.v1.ChannelRegistryService gRPC handlers: authenticate the caller, translate the
// request into the domain, call the core, translate back (ARCHITECTURE: thin api layer, no business
// rule here). The creating and changing calls carry a request fingerprint with their request_id
// (AIP-155: a retry with another body is refused); List calls page with tokens bound to their
// filter (common/api/paging.h). Thread-safe: handlers run concurrently on gRPC's threads and share
// only the thread-safe core.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_API_CHANNEL_GRPC_SERVICE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_API_CHANNEL_GRPC_SERVICE_H_

#include "common/grpc/access_guard.h"
#include "common/grpc/authenticator.h"
#include "cs/channel/v1/channel.grpc.pb.h"
#include "services/channel-registry/api/channel_access.h"
#include "services/channel-registry/core/channel_core.h"

namespace cs::channel {

// Page sizes when a request gives none, and the most one page may hold.
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

class ChannelGrpcService final : public v1::ChannelRegistryService::Service {
 public:
  // Both must outlive the service.
  ChannelGrpcService(ChannelCore& core, const common::Authenticator& authenticator);

  grpc::Status FileChannel(grpc::ServerContext* context, const v1::FileChannelRequest* request,
                           v1::OnlineChannel* response) override;
  grpc::Status AcknowledgeFiling(grpc::ServerContext* context,
                                 const v1::AcknowledgeFilingRequest* request,
                                 v1::OnlineChannel* response) override;
  grpc::Status MarkFilingInaccurate(grpc::ServerContext* context,
                                    const v1::MarkFilingInaccurateRequest* request,
                                    v1::OnlineChannel* response) override;
  grpc::Status CorrectFiling(grpc::ServerContext* context, const v1::CorrectFilingRequest* request,
                             v1::OnlineChannel* response) override;
  grpc::Status RetireChannel(grpc::ServerContext* context, const v1::RetireChannelRequest* request,
                             v1::OnlineChannel* response) override;
  grpc::Status ReportUnfiledChannel(grpc::ServerContext* context,
                                    const v1::ReportUnfiledChannelRequest* request,
                                    v1::UnfiledChannel* response) override;
  grpc::Status ListUnfiledChannels(grpc::ServerContext* context,
                                   const v1::ListUnfiledChannelsRequest* request,
                                   v1::ListUnfiledChannelsResponse* response) override;
  grpc::Status GetChannel(grpc::ServerContext* context, const v1::GetChannelRequest* request,
                          v1::OnlineChannel* response) override;
  grpc::Status ListChannels(grpc::ServerContext* context, const v1::ListChannelsRequest* request,
                            v1::ListChannelsResponse* response) override;
  grpc::Status OpenFault(grpc::ServerContext* context, const v1::OpenFaultRequest* request,
                         v1::Fault* response) override;
  grpc::Status CloseFault(grpc::ServerContext* context, const v1::CloseFaultRequest* request,
                          v1::Fault* response) override;
  grpc::Status ListFaults(grpc::ServerContext* context, const v1::ListFaultsRequest* request,
                          v1::ListFaultsResponse* response) override;
  grpc::Status RecordPublication(grpc::ServerContext* context,
                                 const v1::RecordPublicationRequest* request,
                                 v1::OnlineChannel* response) override;
  grpc::Status GetPublicationChecklist(grpc::ServerContext* context,
                                       const v1::GetPublicationChecklistRequest* request,
                                       v1::PublicationChecklist* response) override;
  grpc::Status RecordCheck(grpc::ServerContext* context, const v1::RecordCheckRequest* request,
                           v1::Check* response) override;
  grpc::Status GetCheckSchedule(grpc::ServerContext* context,
                                const v1::GetCheckScheduleRequest* request,
                                v1::CheckSchedule* response) override;
  grpc::Status RecordUsageSample(grpc::ServerContext* context,
                                 const v1::RecordUsageSampleRequest* request,
                                 v1::CapacityForecast* response) override;
  grpc::Status GetCapacityForecast(grpc::ServerContext* context,
                                   const v1::GetCapacityForecastRequest* request,
                                   v1::CapacityForecast* response) override;
  grpc::Status RequestCapacityAssistance(grpc::ServerContext* context,
                                         const v1::RequestCapacityAssistanceRequest* request,
                                         v1::AssistanceRequest* response) override;
  grpc::Status GetMonthlyReport(grpc::ServerContext* context,
                                const v1::GetMonthlyReportRequest* request,
                                v1::ChannelMonthlyReport* response) override;
  grpc::Status SubmitMonthlyReport(grpc::ServerContext* context,
                                   const v1::SubmitMonthlyReportRequest* request,
                                   v1::ChannelMonthlyReport* response) override;
  grpc::Status RenderFilingForm(grpc::ServerContext* context,
                                const v1::RenderFilingFormRequest* request,
                                v1::RenderFilingFormResponse* response) override;
  grpc::Status GetMonthlyStatistics(grpc::ServerContext* context,
                                    const v1::GetMonthlyStatisticsRequest* request,
                                    v1::MonthlyStatistics* response) override;

 private:
  ChannelCore& core_;
  const common::AccessGuard guard_;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_API_CHANNEL_GRPC_SERVICE_H_

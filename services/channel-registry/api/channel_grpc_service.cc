#include "services/channel-registry/api/channel_grpc_service.h"

#include <string>
#include <utility>
#include <vector>

#include "common/api/paging.h"
#include "common/api/request_fingerprint.h"
#include "common/grpc/server_call_scope.h"
#include "common/grpc/status_mapping.h"
#include "services/channel-registry/api/proto_mapping.h"

namespace cs::channel {
ChannelGrpcService::ChannelGrpcService(ChannelCore& core,
                                       const common::Authenticator& authenticator)
    : core_(core), guard_(authenticator, ChannelAccessTable()) {}

// --- C1 filing ----------------------------------------------------------------------------------

grpc::Status ChannelGrpcService::FileChannel(grpc::ServerContext* context,
                                             const v1::FileChannelRequest* request,
                                             v1::OnlineChannel* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(OnlineChannel channel,
                        core_.FileChannel(caller, FromProto(request->form()),
                                          common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(channel, core_.Now());
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::AcknowledgeFiling(grpc::ServerContext* context,
                                                   const v1::AcknowledgeFilingRequest* request,
                                                   v1::OnlineChannel* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(
      OnlineChannel channel,
      core_.AcknowledgeFiling(caller, id, common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(channel, core_.Now());
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::MarkFilingInaccurate(
    grpc::ServerContext* context, const v1::MarkFilingInaccurateRequest* request,
    v1::OnlineChannel* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(
      OnlineChannel channel,
      core_.MarkFilingInaccurate(caller, id, request->finding(),
                                 common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(channel, core_.Now());
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::CorrectFiling(grpc::ServerContext* context,
                                               const v1::CorrectFilingRequest* request,
                                               v1::OnlineChannel* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(OnlineChannel channel,
                        core_.CorrectFiling(caller, id, FromProto(request->form()),
                                            common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(channel, core_.Now());
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::RetireChannel(grpc::ServerContext* context,
                                               const v1::RetireChannelRequest* request,
                                               v1::OnlineChannel* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(OnlineChannel channel,
                        core_.RetireChannel(caller, id, request->reason(),
                                            common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(channel, core_.Now());
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::ReportUnfiledChannel(
    grpc::ServerContext* context, const v1::ReportUnfiledChannelRequest* request,
    v1::UnfiledChannel* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(
      UnfiledChannel report,
      core_.ReportUnfiledChannel(caller, FromProto(*request),
                                 common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(report);
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::ListUnfiledChannels(grpc::ServerContext* context,
                                                     const v1::ListUnfiledChannelsRequest* request,
                                                     v1::ListUnfiledChannelsResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int page_size,
                        common::PageSizeOf(request->page(), kDefaultPageSize, kMaxPageSize));
  const std::string fingerprint = common::FilterFingerprint(*request);
  ASSIGN_OR_RETURN_GRPC(int64_t after,
                        common::DecodePageToken(request->page().page_token(), fingerprint));
  ASSIGN_OR_RETURN_GRPC(UnfiledPage page,
                        core_.ListUnfiledChannels(caller, request->unit_id(), request->open_only(),
                                                  after, page_size));
  for (const UnfiledChannel& report : page.reports) *response->add_reports() = ToProto(report);
  if (page.next_after_id > 0) {
    response->mutable_page()->set_next_page_token(
        common::EncodePageToken(page.next_after_id, fingerprint));
  }
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::GetChannel(grpc::ServerContext* context,
                                            const v1::GetChannelRequest* request,
                                            v1::OnlineChannel* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(OnlineChannel channel, core_.GetChannel(caller, id));
  *response = ToProto(channel, core_.Now());
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::ListChannels(grpc::ServerContext* context,
                                              const v1::ListChannelsRequest* request,
                                              v1::ListChannelsResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(ChannelFilter filter, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(int page_size,
                        common::PageSizeOf(request->page(), kDefaultPageSize, kMaxPageSize));
  const std::string fingerprint = common::FilterFingerprint(*request);
  ASSIGN_OR_RETURN_GRPC(int64_t after,
                        common::DecodePageToken(request->page().page_token(), fingerprint));
  ASSIGN_OR_RETURN_GRPC(ChannelPage page,
                        core_.ListChannels(caller, std::move(filter), after, page_size));
  const absl::Time now = core_.Now();
  for (const OnlineChannel& channel : page.channels) {
    *response->add_channels() = ToProto(channel, now);
  }
  if (page.next_after_id > 0) {
    response->mutable_page()->set_next_page_token(
        common::EncodePageToken(page.next_after_id, fingerprint));
  }
  return grpc::Status::OK;
}

// --- C2 faults ----------------------------------------------------------------------------------

grpc::Status ChannelGrpcService::OpenFault(grpc::ServerContext* context,
                                           const v1::OpenFaultRequest* request,
                                           v1::Fault* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(FaultInput input, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(Fault fault,
                        core_.OpenFault(caller, id, std::move(input),
                                        common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(fault, core_.Now());
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::CloseFault(grpc::ServerContext* context,
                                            const v1::CloseFaultRequest* request,
                                            v1::Fault* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseFaultId(request->fault_id(), "fault_id"));
  ASSIGN_OR_RETURN_GRPC(
      absl::optional<absl::Time> repaired_at,
      OptionalTimeFromProto(request->has_repaired_at(), request->repaired_at(), "repaired_at"));
  ASSIGN_OR_RETURN_GRPC(Fault fault,
                        core_.CloseFault(caller, id, repaired_at, request->repair_note(),
                                         common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(fault, core_.Now());
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::ListFaults(grpc::ServerContext* context,
                                            const v1::ListFaultsRequest* request,
                                            v1::ListFaultsResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(FaultFilter filter, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(int page_size,
                        common::PageSizeOf(request->page(), kDefaultPageSize, kMaxPageSize));
  const std::string fingerprint = common::FilterFingerprint(*request);
  ASSIGN_OR_RETURN_GRPC(int64_t after,
                        common::DecodePageToken(request->page().page_token(), fingerprint));
  ASSIGN_OR_RETURN_GRPC(FaultPage page,
                        core_.ListFaults(caller, std::move(filter), after, page_size));
  const absl::Time now = core_.Now();
  for (const Fault& fault : page.faults) *response->add_faults() = ToProto(fault, now);
  if (page.next_after_id > 0) {
    response->mutable_page()->set_next_page_token(
        common::EncodePageToken(page.next_after_id, fingerprint));
  }
  return grpc::Status::OK;
}

// --- C3, C4 publication -------------------------------------------------------------------------

grpc::Status ChannelGrpcService::RecordPublication(grpc::ServerContext* context,
                                                   const v1::RecordPublicationRequest* request,
                                                   v1::OnlineChannel* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  const std::vector<std::string> languages(request->languages().begin(),
                                           request->languages().end());
  ASSIGN_OR_RETURN_GRPC(
      OnlineChannel channel,
      core_.RecordPublication(caller, id, ItemsFromProto(*request),
                              request->service_standards_published(), languages,
                              common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(channel, core_.Now());
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::GetPublicationChecklist(
    grpc::ServerContext* context, const v1::GetPublicationChecklistRequest* request,
    v1::PublicationChecklist* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(PublicationChecklist checklist, core_.GetPublicationChecklist(caller, id));
  *response = ToProto(checklist, id);
  return grpc::Status::OK;
}

// --- C5 checks ----------------------------------------------------------------------------------

grpc::Status ChannelGrpcService::RecordCheck(grpc::ServerContext* context,
                                             const v1::RecordCheckRequest* request,
                                             v1::Check* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(CheckInput input, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(Check check,
                        core_.RecordCheck(caller, id, std::move(input),
                                          common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(check);
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::GetCheckSchedule(grpc::ServerContext* context,
                                                  const v1::GetCheckScheduleRequest* request,
                                                  v1::CheckSchedule* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(absl::optional<absl::Time> from,
                        OptionalTimeFromProto(request->has_from(), request->from(), "from"));
  ASSIGN_OR_RETURN_GRPC(CheckSchedule schedule,
                        core_.GetCheckSchedule(caller, id, from, request->count()));
  *response = ToProto(schedule);
  return grpc::Status::OK;
}

// --- C6 mailbox capacity ------------------------------------------------------------------------

grpc::Status ChannelGrpcService::RecordUsageSample(grpc::ServerContext* context,
                                                   const v1::RecordUsageSampleRequest* request,
                                                   v1::CapacityForecast* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(UsageSample sample, FromProto(request->sample(), id));
  ASSIGN_OR_RETURN_GRPC(
      ForecastResult result,
      core_.RecordUsageSample(caller, id, std::move(sample),
                              common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(result);
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::GetCapacityForecast(grpc::ServerContext* context,
                                                     const v1::GetCapacityForecastRequest* request,
                                                     v1::CapacityForecast* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(ForecastResult result, core_.GetCapacityForecast(caller, id));
  *response = ToProto(result);
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::RequestCapacityAssistance(
    grpc::ServerContext* context, const v1::RequestCapacityAssistanceRequest* request,
    v1::AssistanceRequest* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(
      AssistanceRequest assistance,
      core_.RequestCapacityAssistance(caller, id, request->text(),
                                      common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(assistance);
  return grpc::Status::OK;
}

// --- C7 monthly report --------------------------------------------------------------------------

grpc::Status ChannelGrpcService::GetMonthlyReport(grpc::ServerContext* context,
                                                  const v1::GetMonthlyReportRequest* request,
                                                  v1::ChannelMonthlyReport* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(ChannelMonthlyReport report,
                        core_.GetMonthlyReport(caller, id, request->month()));
  *response = ToProto(report);
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::SubmitMonthlyReport(grpc::ServerContext* context,
                                                     const v1::SubmitMonthlyReportRequest* request,
                                                     v1::ChannelMonthlyReport* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(
      ChannelMonthlyReport report,
      core_.SubmitMonthlyReport(caller, id, request->month(),
                                common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(report);
  return grpc::Status::OK;
}

// --- Form F3, assessment ------------------------------------------------------------------------

grpc::Status ChannelGrpcService::RenderFilingForm(grpc::ServerContext* context,
                                                  const v1::RenderFilingFormRequest* request,
                                                  v1::RenderFilingFormResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseChannelId(request->channel_id(), "channel_id"));
  ASSIGN_OR_RETURN_GRPC(std::string text,
                        core_.RenderFilingForm(caller, id, request->form_version()));
  response->set_text(std::move(text));
  return grpc::Status::OK;
}

grpc::Status ChannelGrpcService::GetMonthlyStatistics(
    grpc::ServerContext* context, const v1::GetMonthlyStatisticsRequest* request,
    v1::MonthlyStatistics* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(MonthlyStatistics stats,
                        core_.GetMonthlyStatistics(caller, request->unit_id(), request->month()));
  *response = ToProto(stats);
  return grpc::Status::OK;
}

}  // namespace cs::channel

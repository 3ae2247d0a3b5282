#include "services/hotline-registry/api/hotline_grpc_service.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/api/paging.h"
#include "common/api/proto_time.h"
#include "common/api/request_fingerprint.h"
#include "common/grpc/server_call_scope.h"
#include "common/grpc/status_mapping.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/impl/codegen/proto_utils.h"
#include "grpcpp/support/method_handler.h"
#include "services/hotline-registry/api/proto_mapping.h"

namespace cs::hotline {
HotlineGrpcService::HotlineGrpcService(HotlineCore& core,
                                       const common::Authenticator& authenticator)
    : core_(core), guard_(authenticator, HotlineAccessTable()) {
  // IngestCallRecords on raw messages: the same wire as the client stream the proto declares (many
  // messages in, one out), handled as a stream of bytes (see the header).
  const google::protobuf::MethodDescriptor* ingest =
      v1::IngestCallRecordsRequest::descriptor()
          ->file()
          ->FindServiceByName("HotlineRegistryService")
          ->FindMethodByName("IngestCallRecords");
  MarkMethodStreamed(
      ingest->index(),
      new grpc::internal::BidiStreamingHandler<HotlineGrpcService, grpc::ByteBuffer,
                                               v1::IngestCallRecordsResponse>(
          [](HotlineGrpcService* service, grpc::ServerContext* context,
             grpc::ServerReaderWriter<v1::IngestCallRecordsResponse, grpc::ByteBuffer>* stream) {
            return service->IngestCallRecordsStream(context, stream);
          },
          this));
}

grpc::Status HotlineGrpcService::RegisterHotline(grpc::ServerContext* context,
                                                 const v1::RegisterHotlineRequest* request,
                                                 v1::Hotline* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(RegistrationForm form, FromProto(request->form(), "form"));
  ASSIGN_OR_RETURN_GRPC(
      Hotline hotline,
      core_.RegisterHotline(caller, std::move(form),
                            common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(hotline);
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::SignForm(grpc::ServerContext* context,
                                          const v1::SignFormRequest* request,
                                          v1::Hotline* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseHotlineId(request->hotline_id(), "hotline_id"));
  FormKind form;
  switch (request->form()) {
    case v1::FORM_KIND_REGISTRATION:
      form = FormKind::kRegistration;
      break;
    case v1::FORM_KIND_CHANGE:
      form = FormKind::kChange;
      break;
    default:
      return common::ToGrpcStatus(common::InvalidField(
          "form", "is required: FORM_KIND_REGISTRATION (F1) or FORM_KIND_CHANGE (F2)"));
  }
  ASSIGN_OR_RETURN_GRPC(Hotline hotline, core_.SignForm(caller, id, form, request->change_id()));
  *response = ToProto(hotline);
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::DecideRegistration(grpc::ServerContext* context,
                                                    const v1::DecideRegistrationRequest* request,
                                                    v1::Hotline* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseHotlineId(request->hotline_id(), "hotline_id"));
  ASSIGN_OR_RETURN_GRPC(
      Hotline hotline, core_.DecideRegistration(caller, id, request->approve(), request->reason()));
  *response = ToProto(hotline);
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::GetHotline(grpc::ServerContext* context,
                                            const v1::GetHotlineRequest* request,
                                            v1::Hotline* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseHotlineId(request->hotline_id(), "hotline_id"));
  ASSIGN_OR_RETURN_GRPC(Hotline hotline, core_.GetHotline(caller, id));
  *response = ToProto(hotline);
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::ListHotlines(grpc::ServerContext* context,
                                              const v1::ListHotlinesRequest* request,
                                              v1::ListHotlinesResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(HotlineFilter filter, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(int page_size,
                        common::PageSizeOf(request->page(), kDefaultPageSize, kMaxPageSize));
  const std::string fingerprint = common::FilterFingerprint(*request);
  ASSIGN_OR_RETURN_GRPC(int64_t after,
                        common::DecodePageToken(request->page().page_token(), fingerprint));
  ASSIGN_OR_RETURN_GRPC(HotlinePage page,
                        core_.ListHotlines(caller, std::move(filter), after, page_size));
  for (const Hotline& hotline : page.hotlines) *response->add_hotlines() = ToProto(hotline);
  if (page.next_after_id > 0) {
    response->mutable_page()->set_next_page_token(
        common::EncodePageToken(page.next_after_id, fingerprint));
  }
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::FileChange(grpc::ServerContext* context,
                                            const v1::FileChangeRequest* request,
                                            v1::Hotline* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseHotlineId(request->hotline_id(), "hotline_id"));
  ASSIGN_OR_RETURN_GRPC(ChangeForm form, FromProto(request->form()));
  ASSIGN_OR_RETURN_GRPC(Hotline hotline,
                        core_.FileChange(caller, id, std::move(form),
                                         common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(hotline);
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::DecideChange(grpc::ServerContext* context,
                                              const v1::DecideChangeRequest* request,
                                              v1::Hotline* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseHotlineId(request->hotline_id(), "hotline_id"));
  ASSIGN_OR_RETURN_GRPC(Hotline hotline, core_.DecideChange(caller, id, request->change_id(),
                                                            request->approve(), request->reason()));
  *response = ToProto(hotline);
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::ListNumberTransitions(
    grpc::ServerContext* context, const v1::ListNumberTransitionsRequest* request,
    v1::ListNumberTransitionsResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  absl::optional<absl::Time> active_at;
  if (request->has_active_at()) {
    ASSIGN_OR_RETURN_GRPC(active_at, common::FromProtoTimestamp(request->active_at(), "active_at"));
  }
  ASSIGN_OR_RETURN_GRPC(std::vector<ListedTransition> transitions,
                        core_.ListNumberTransitions(caller, request->unit_id(), active_at));
  for (const ListedTransition& transition : transitions) {
    *response->add_transitions() = ToProto(transition);
  }
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::IssueNotice(grpc::ServerContext* context,
                                             const v1::IssueNoticeRequest* request,
                                             v1::Notice* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(Notice notice, FromProto(request->notice()));
  ASSIGN_OR_RETURN_GRPC(NoticeResult issued,
                        core_.IssueNotice(caller, std::move(notice),
                                          common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(issued.notice);
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::IngestCallRecordsStream(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::IngestCallRecordsResponse, grpc::ByteBuffer>* stream) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Authenticate(*context));
  // Who may ingest is checked with the first message, so that a body that does not parse is
  // INVALID_ARGUMENT whoever sent it, as for every unary RPC (the interceptor answers those).
  const auto start = [&]() -> absl::StatusOr<std::unique_ptr<CallIngest>> {
    RETURN_IF_ERROR(guard_.AdmitAuthenticated(caller, "IngestCallRecords"));
    return core_.StartIngest(caller);
  };
  std::unique_ptr<CallIngest> ingest;
  grpc::ByteBuffer bytes;
  v1::IngestCallRecordsRequest message;
  while (stream->Read(&bytes)) {
    message.Clear();
    if (!grpc::SerializationTraits<v1::IngestCallRecordsRequest>::Deserialize(&bytes, &message)
             .ok()) {
      // What came before is stored (idempotent per call id: a corrected stream may be resent).
      if (ingest != nullptr) RETURN_IF_ERROR_GRPC(ingest->Finish().status());
      return common::ToGrpcStatus(
          common::UndecodableRequestError(v1::IngestCallRecordsRequest::descriptor()->full_name()));
    }
    if (ingest == nullptr) {
      ASSIGN_OR_RETURN_GRPC(ingest, start());
    }
    for (const v1::CallRecord& record : message.records()) {
      RETURN_IF_ERROR_GRPC(ingest->Add(FromProto(record)));
    }
  }
  if (context->IsCancelled()) return grpc::Status::CANCELLED;
  if (ingest == nullptr) {
    ASSIGN_OR_RETURN_GRPC(ingest, start());
  }
  ASSIGN_OR_RETURN_GRPC(IngestSummary summary, ingest->Finish());
  stream->Write(ToProto(summary));
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::GetOperatingReport(grpc::ServerContext* context,
                                                    const v1::GetOperatingReportRequest* request,
                                                    v1::OperatingReport* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseHotlineId(request->hotline_id(), "hotline_id"));
  ASSIGN_OR_RETURN_GRPC(OperatingReport report,
                        core_.GetOperatingReport(caller, id, request->month()));
  *response = ToProto(report);
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::SubmitOperatingReport(
    grpc::ServerContext* context, const v1::SubmitOperatingReportRequest* request,
    v1::OperatingReport* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseHotlineId(request->hotline_id(), "hotline_id"));
  ASSIGN_OR_RETURN_GRPC(
      OperatingReport report,
      core_.SubmitOperatingReport(caller, id, request->month(), request->remarks(),
                                  common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(report);
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::RegisterStaff(grpc::ServerContext* context,
                                               const v1::RegisterStaffRequest* request,
                                               v1::StaffMember* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(StaffMember staff, FromProto(request->staff()));
  ASSIGN_OR_RETURN_GRPC(StaffMember registered,
                        core_.RegisterStaff(caller, std::move(staff),
                                            common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(registered);
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::RecordTraining(grpc::ServerContext* context,
                                                const v1::RecordTrainingRequest* request,
                                                v1::StaffMember* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(Training training, FromProto(request->training(), "training"));
  ASSIGN_OR_RETURN_GRPC(
      StaffMember staff,
      core_.RecordTraining(caller, request->unit_id(), request->staff_number(), training,
                           common::RequestKeyOf(request->request_id(), *request)));
  *response = ToProto(staff);
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::ListStaff(grpc::ServerContext* context,
                                           const v1::ListStaffRequest* request,
                                           v1::ListStaffResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int page_size,
                        common::PageSizeOf(request->page(), kDefaultPageSize, kMaxPageSize));
  const std::string fingerprint = common::FilterFingerprint(*request);
  ASSIGN_OR_RETURN_GRPC(std::string after,
                        common::DecodeKeyPageToken(request->page().page_token(), fingerprint));
  ASSIGN_OR_RETURN_GRPC(StaffPage page,
                        core_.ListStaff(caller, request->unit_id(), after, page_size));
  for (const StaffMember& staff : page.staff) *response->add_staff() = ToProto(staff);
  if (!page.next_after_staff_number.empty()) {
    response->mutable_page()->set_next_page_token(
        common::EncodeKeyPageToken(page.next_after_staff_number, fingerprint));
  }
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::SetDutyRoster(grpc::ServerContext* context,
                                               const v1::SetDutyRosterRequest* request,
                                               v1::DutyRoster* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(DutyRoster roster, FromProto(request->roster()));
  ASSIGN_OR_RETURN_GRPC(DutyRoster set,
                        core_.SetDutyRoster(caller, std::move(roster), request->request_id()));
  *response = ToProto(set);
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::ScoreCall(grpc::ServerContext* context,
                                           const v1::ScoreCallRequest* request,
                                           v1::PhraseScore* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseHotlineId(request->hotline_id(), "hotline_id"));
  ASSIGN_OR_RETURN_GRPC(Transcript transcript, TranscriptFromProto(*request));
  ASSIGN_OR_RETURN_GRPC(PhraseScore score, core_.ScoreCall(caller, id, request->call_id(),
                                                           request->agent_staff_number(),
                                                           transcript.turns, transcript.events));
  *response = ToProto(score);
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::RecordMandarinReview(
    grpc::ServerContext* context, const v1::RecordMandarinReviewRequest* request,
    v1::PhraseScore* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseHotlineId(request->hotline_id(), "hotline_id"));
  ASSIGN_OR_RETURN_GRPC(PhraseScore score,
                        core_.RecordMandarinReview(caller, id, request->call_id(),
                                                   request->standard(), request->note()));
  *response = ToProto(score);
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::RenderRegistrationForm(grpc::ServerContext* context,
                                                        const v1::RenderFormRequest* request,
                                                        v1::RenderFormResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseHotlineId(request->hotline_id(), "hotline_id"));
  ASSIGN_OR_RETURN_GRPC(std::string text, core_.RenderRegistrationForm(caller, id));
  response->set_text(std::move(text));
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::RenderChangeForm(grpc::ServerContext* context,
                                                  const v1::RenderChangeFormRequest* request,
                                                  v1::RenderFormResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t id, ParseHotlineId(request->hotline_id(), "hotline_id"));
  ASSIGN_OR_RETURN_GRPC(std::string text, core_.RenderChangeForm(caller, id, request->change_id()));
  response->set_text(std::move(text));
  return grpc::Status::OK;
}

grpc::Status HotlineGrpcService::GetMonthlyStatistics(
    grpc::ServerContext* context, const v1::GetMonthlyStatisticsRequest* request,
    v1::MonthlyStatistics* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(MonthlyStatistics stats,
                        core_.GetMonthlyStatistics(caller, request->unit_id(), request->month()));
  *response = ToProto(stats);
  return grpc::Status::OK;
}

}  // namespace cs::hotline

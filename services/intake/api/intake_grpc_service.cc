#include "services/intake/api/intake_grpc_service.h"

#include "absl/strings/str_cat.h"
#include "common/api/paging.h"
#include "common/api/proto_time.h"
#include "common/api/request_fingerprint.h"
#include "common/grpc/server_call_scope.h"
#include "common/grpc/status_mapping.h"
#include "common/status/field_violations.h"
#include "services/intake/api/proto_mapping.h"

namespace cs::intake {
namespace {

absl::Status CheckTicketId(int64_t ticket_id) {
  if (ticket_id <= 0) return common::InvalidField("ticket_id", "must be a positive ticket id");
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* IntakeGrpcService::CreateTicket(grpc::CallbackServerContext* context,
                                                          const v1::CreateTicketRequest* request,
                                                          v1::Ticket* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  // The commit queue takes the caller's deadline from this scope and drops a create whose caller
  // has given up before its batch is written.
  const common::ServerCallScope call_scope(*context);
  absl::StatusOr<common::Principal> caller = guard_.Admit(*context, __func__, *request);
  if (!caller.ok()) {
    reactor->Finish(common::ToGrpcStatus(caller.status()));
    return reactor;
  }
  absl::StatusOr<TicketInput> input = FromProto(request->ticket(), "ticket");
  if (!input.ok()) {
    reactor->Finish(common::ToGrpcStatus(input.status()));
    return reactor;
  }
  // request and response stay valid until Finish; the reactor outlives this call.
  core_.CreateTicketAsync(*caller, *std::move(input),
                          {request->request_id(), common::RequestFingerprint(*request)},
                          [reactor, response](absl::StatusOr<CreateResult> created) {
                            if (!created.ok()) {
                              reactor->Finish(common::ToGrpcStatus(created.status()));
                              return;
                            }
                            *response = ToProto(created->ticket);
                            reactor->Finish(grpc::Status::OK);
                          });
  return reactor;
}

grpc::Status IntakeGrpcService::GetTicket(grpc::ServerContext* context,
                                          const v1::GetTicketRequest* request,
                                          v1::Ticket* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(CheckTicketId(request->ticket_id()));
  ASSIGN_OR_RETURN_GRPC(Ticket ticket, core_.GetTicket(caller, request->ticket_id()));
  *response = ToProto(ticket);
  return grpc::Status::OK;
}

grpc::Status IntakeGrpcService::ListTickets(grpc::ServerContext* context,
                                            const v1::ListTicketsRequest* request,
                                            v1::ListTicketsResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(TicketFilter filter, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(const int page_size,
                        common::PageSizeOf(request->page(), kDefaultPageSize, kMaxPageSize));
  const std::string filter_fingerprint = common::FilterFingerprint(*request);
  ASSIGN_OR_RETURN_GRPC(int64_t after_id,
                        common::DecodePageToken(request->page().page_token(), filter_fingerprint));
  ASSIGN_OR_RETURN_GRPC(TicketPage page,
                        core_.ListTickets(caller, std::move(filter), request->confirm_overdue(),
                                          after_id, page_size));
  for (const Ticket& ticket : page.tickets) {
    *response->add_tickets() = ToProto(ticket, /*with_children=*/false);
  }
  if (page.next_after_id > 0) {
    response->mutable_page()->set_next_page_token(
        common::EncodePageToken(page.next_after_id, filter_fingerprint));
  }
  return grpc::Status::OK;
}

grpc::Status IntakeGrpcService::UpdateTicket(grpc::ServerContext* context,
                                             const v1::UpdateTicketRequest* request,
                                             v1::Ticket* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(CheckTicketId(request->ticket_id()));
  // The mask applies onto the stored input, so read it first; the core re-checks everything under
  // the row lock (status and expected_version).
  ASSIGN_OR_RETURN_GRPC(Ticket current, core_.GetTicket(caller, request->ticket_id()));
  v1::TicketInput merged = ToProto(current.input);
  ASSIGN_OR_RETURN_GRPC(std::vector<std::string> changed,
                        ApplyFieldMask(request->ticket(), request->update_mask(), merged));
  ASSIGN_OR_RETURN_GRPC(TicketInput updated, FromProto(merged, "ticket"));
  const int64_t expected_version =
      request->expected_version() != 0 ? request->expected_version() : current.version;
  ASSIGN_OR_RETURN_GRPC(Ticket ticket, core_.UpdateTicket(caller, request->ticket_id(), updated,
                                                          changed, expected_version));
  *response = ToProto(ticket);
  return grpc::Status::OK;
}

grpc::Status IntakeGrpcService::ForwardTicket(grpc::ServerContext* context,
                                              const v1::ForwardTicketRequest* request,
                                              v1::Ticket* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(CheckTicketId(request->ticket_id()));
  ASSIGN_OR_RETURN_GRPC(Ticket ticket, core_.ForwardTicket(caller, request->ticket_id(),
                                                           {request->request_id(),
                                                            common::RequestFingerprint(*request)}));
  *response = ToProto(ticket);
  return grpc::Status::OK;
}

grpc::Status IntakeGrpcService::CloseTicket(grpc::ServerContext* context,
                                            const v1::CloseTicketRequest* request,
                                            v1::Ticket* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(CheckTicketId(request->ticket_id()));
  Closing closing;
  closing.reply_text = request->reply_text();
  closing.reply_channel = static_cast<ReplyChannel>(request->reply_channel());
  if (request->reply_channel() < 0 ||
      request->reply_channel() > cs::common::v1::REPLY_CHANNEL_POST) {
    return common::ToGrpcStatus(
        common::InvalidField("reply_channel", "is not a known reply channel"));
  }
  if (request->has_callback_at()) {
    ASSIGN_OR_RETURN_GRPC(closing.callback_at,
                          common::FromProtoTimestamp(request->callback_at(), "callback_at"));
  }
  ASSIGN_OR_RETURN_GRPC(Ticket ticket, core_.CloseTicket(caller, request->ticket_id(), closing,
                                                         {request->request_id(),
                                                          common::RequestFingerprint(*request)}));
  *response = ToProto(ticket);
  return grpc::Status::OK;
}

grpc::Status IntakeGrpcService::RenderTicketForm(grpc::ServerContext* context,
                                                 const v1::RenderTicketFormRequest* request,
                                                 v1::RenderTicketFormResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(CheckTicketId(request->ticket_id()));
  ASSIGN_OR_RETURN_GRPC(std::string text, core_.RenderForm(caller, request->ticket_id()));
  response->set_text(std::move(text));
  return grpc::Status::OK;
}

grpc::Status IntakeGrpcService::ReportTicketOutcome(grpc::ServerContext* context,
                                                    const v1::ReportTicketOutcomeRequest* request,
                                                    v1::ReportTicketOutcomeResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(CheckTicketId(request->ticket_id()));
  ASSIGN_OR_RETURN_GRPC(Outcome outcome, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(bool applied, core_.ReportOutcome(caller, request->ticket_id(), outcome));
  response->set_applied(applied);
  return grpc::Status::OK;
}

grpc::Status IntakeGrpcService::GetMonthlyForwardingStatistics(
    grpc::ServerContext* context, const v1::GetMonthlyForwardingStatisticsRequest* request,
    v1::MonthlyForwardingStatistics* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(
      MonthlyForwardingStatistics stats,
      core_.GetMonthlyForwardingStatistics(caller, request->unit_id(), request->month()));
  *response = ToProto(stats);
  return grpc::Status::OK;
}

}  // namespace cs::intake

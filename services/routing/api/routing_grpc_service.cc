#include "services/routing/api/routing_grpc_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/api/paging.h"
#include "common/api/proto_time.h"
#include "common/api/request_fingerprint.h"
#include "common/grpc/server_call_scope.h"
#include "common/grpc/status_mapping.h"
#include "common/status/field_violations.h"
#include "services/routing/api/proto_mapping.h"

namespace cs::routing {
namespace {

// The page size of a request: the default for 0, capped at the maximum.
absl::StatusOr<int> PageSize(const cs::common::v1::PageRequest& page) {
  return common::PageSizeOf(page, kDefaultPageSize, kMaxPageSize);
}

absl::Status CheckId(absl::string_view field, int64_t id) {
  if (id <= 0) return common::InvalidField(std::string(field), "must be a positive id");
  return absl::OkStatus();
}

}  // namespace

grpc::Status RoutingGrpcService::ReceiveForwardedTicket(
    grpc::ServerContext* context, const v1::ReceiveForwardedTicketRequest* request,
    v1::Receipt* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(ForwardedTicket ticket, FromProto(request->ticket()));
  ASSIGN_OR_RETURN_GRPC(
      ReceiveResult result,
      core_.ReceiveForwardedTicket(caller, request->forward_id(), std::move(ticket)));
  *response = ToReceipt(result);
  return grpc::Status::OK;
}

grpc::Status RoutingGrpcService::GetRoutedTicket(grpc::ServerContext* context,
                                                 const v1::GetRoutedTicketRequest* request,
                                                 v1::RoutedTicket* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(CheckId("routed_ticket_id", request->routed_ticket_id()));
  ASSIGN_OR_RETURN_GRPC(RoutedTicket routed,
                        core_.GetRoutedTicket(caller, request->routed_ticket_id()));
  *response = ToProto(routed, /*with_children=*/true, clock_.Now(), units_);
  return grpc::Status::OK;
}

grpc::Status RoutingGrpcService::ListRoutedTickets(grpc::ServerContext* context,
                                                   const v1::ListRoutedTicketsRequest* request,
                                                   v1::ListRoutedTicketsResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(RoutedTicketFilter filter, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(int page_size, PageSize(request->page()));
  const std::string fingerprint = common::FilterFingerprint(*request);
  ASSIGN_OR_RETURN_GRPC(int64_t after_id,
                        common::DecodePageToken(request->page().page_token(), fingerprint));
  ASSIGN_OR_RETURN_GRPC(RoutedTicketPage page,
                        core_.ListRoutedTickets(caller, filter, after_id, page_size));
  const absl::Time now = clock_.Now();
  for (const RoutedTicket& routed : page.routed_tickets) {
    *response->add_routed_tickets() = ToProto(routed, /*with_children=*/false, now, units_);
  }
  if (page.next_after_id > 0) {
    response->mutable_page()->set_next_page_token(
        common::EncodePageToken(page.next_after_id, fingerprint));
  }
  return grpc::Status::OK;
}

grpc::Status RoutingGrpcService::DecideTicket(grpc::ServerContext* context,
                                              const v1::DecideTicketRequest* request,
                                              v1::RoutedTicket* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(CheckId("routed_ticket_id", request->routed_ticket_id()));
  ASSIGN_OR_RETURN_GRPC(DecisionInput input, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(
      RoutedTicket routed,
      core_.DecideTicket(caller, request->routed_ticket_id(), input,
                         {request->request_id(), common::RequestFingerprint(*request)}));
  *response = ToProto(routed, /*with_children=*/true, clock_.Now(), units_);
  return grpc::Status::OK;
}

grpc::Status RoutingGrpcService::GetDispatchOrder(grpc::ServerContext* context,
                                                  const v1::GetDispatchOrderRequest* request,
                                                  v1::DispatchOrder* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(CheckId("order_id", request->order_id()));
  ASSIGN_OR_RETURN_GRPC(OrderView view, core_.GetDispatchOrder(caller, request->order_id()));
  *response = ToProto(view, clock_.Now(), units_);
  return grpc::Status::OK;
}

grpc::Status RoutingGrpcService::ListDispatchOrders(grpc::ServerContext* context,
                                                    const v1::ListDispatchOrdersRequest* request,
                                                    v1::ListDispatchOrdersResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(OrderFilter filter, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(int page_size, PageSize(request->page()));
  const std::string fingerprint = common::FilterFingerprint(*request);
  ASSIGN_OR_RETURN_GRPC(int64_t after_id,
                        common::DecodePageToken(request->page().page_token(), fingerprint));
  ASSIGN_OR_RETURN_GRPC(OrderPage page,
                        core_.ListDispatchOrders(caller, std::move(filter), request->overdue_only(),
                                                 after_id, page_size));
  const absl::Time now = clock_.Now();
  for (const OrderView& view : page.orders) *response->add_orders() = ToProto(view, now, units_);
  if (page.next_after_id > 0) {
    response->mutable_page()->set_next_page_token(
        common::EncodePageToken(page.next_after_id, fingerprint));
  }
  return grpc::Status::OK;
}

grpc::Status RoutingGrpcService::AcceptDispatchOrder(grpc::ServerContext* context,
                                                     const v1::AcceptDispatchOrderRequest* request,
                                                     v1::DispatchOrder* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(CheckId("order_id", request->order_id()));
  ASSIGN_OR_RETURN_GRPC(OrderView view, core_.AcceptDispatchOrder(caller, request->order_id()));
  *response = ToProto(view, clock_.Now(), units_);
  return grpc::Status::OK;
}

grpc::Status RoutingGrpcService::ReplyToDispatchOrder(
    grpc::ServerContext* context, const v1::ReplyToDispatchOrderRequest* request,
    v1::DispatchOrder* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(CheckId("order_id", request->order_id()));
  ASSIGN_OR_RETURN_GRPC(
      OrderView view,
      core_.ReplyToDispatchOrder(caller, request->order_id(), request->handling_result(),
                                 {request->request_id(), common::RequestFingerprint(*request)}));
  *response = ToProto(view, clock_.Now(), units_);
  return grpc::Status::OK;
}

grpc::Status RoutingGrpcService::AcknowledgeEscalation(
    grpc::ServerContext* context, const v1::AcknowledgeEscalationRequest* request,
    v1::DispatchOrder* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(CheckId("order_id", request->order_id()));
  absl::optional<absl::Time> acknowledged_at;
  if (request->has_acknowledged_at()) {
    ASSIGN_OR_RETURN_GRPC(
        acknowledged_at, common::FromProtoTimestamp(request->acknowledged_at(), "acknowledged_at"));
  }
  ASSIGN_OR_RETURN_GRPC(OrderView view,
                        core_.AcknowledgeEscalation(caller, request->order_id(), acknowledged_at,
                                                    request->telecom_reference()));
  *response = ToProto(view, clock_.Now(), units_);
  return grpc::Status::OK;
}

grpc::Status RoutingGrpcService::PullDeliveries(grpc::ServerContext* context,
                                                const v1::PullDeliveriesRequest* request,
                                                v1::PullDeliveriesResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(PullRequest pull, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(std::vector<DeliveryView> leased, core_.PullDeliveries(caller, pull));
  const absl::Time now = clock_.Now();
  for (const DeliveryView& view : leased) {
    *response->add_deliveries() = ToProto(view, now, /*with_lease_token=*/true);
  }
  return grpc::Status::OK;
}

grpc::Status RoutingGrpcService::AckDelivery(grpc::ServerContext* context,
                                             const v1::AckDeliveryRequest* request,
                                             v1::Delivery* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(DeliveryAck ack, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(DeliveryView view, core_.AckDelivery(caller, ack));
  *response = ToProto(view, clock_.Now(), /*with_lease_token=*/false);
  return grpc::Status::OK;
}

grpc::Status RoutingGrpcService::GetDelivery(grpc::ServerContext* context,
                                             const v1::GetDeliveryRequest* request,
                                             v1::Delivery* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(CheckId("delivery_id", request->delivery_id()));
  ASSIGN_OR_RETURN_GRPC(DeliveryView view, core_.GetDelivery(caller, request->delivery_id()));
  *response = ToProto(view, clock_.Now(), /*with_lease_token=*/false);
  return grpc::Status::OK;
}

grpc::Status RoutingGrpcService::ListDeliveries(grpc::ServerContext* context,
                                                const v1::ListDeliveriesRequest* request,
                                                v1::ListDeliveriesResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(DeliveryFilter filter, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(int page_size, PageSize(request->page()));
  const std::string fingerprint = common::FilterFingerprint(*request);
  ASSIGN_OR_RETURN_GRPC(int64_t after_id,
                        common::DecodePageToken(request->page().page_token(), fingerprint));
  ASSIGN_OR_RETURN_GRPC(DeliveryPage page,
                        core_.ListDeliveries(caller, std::move(filter), after_id, page_size));
  const absl::Time now = clock_.Now();
  for (const DeliveryView& view : page.deliveries) {
    *response->add_deliveries() = ToProto(view, now, /*with_lease_token=*/false);
  }
  if (page.next_after_id > 0) {
    response->mutable_page()->set_next_page_token(
        common::EncodePageToken(page.next_after_id, fingerprint));
  }
  return grpc::Status::OK;
}

grpc::Status RoutingGrpcService::GetMonthlyStatistics(
    grpc::ServerContext* context, const v1::GetMonthlyStatisticsRequest* request,
    v1::MonthlyStatistics* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(MonthlyStatistics statistics,
                        core_.GetMonthlyStatistics(caller, request->month(), request->unit_id()));
  *response = ToProto(statistics);
  return grpc::Status::OK;
}

grpc::Status RoutingGrpcService::PreviewReply(grpc::ServerContext* context,
                                              const v1::PreviewReplyRequest* request,
                                              v1::PreviewReplyResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(PreviewRequest preview, FromProto(*request));
  ASSIGN_OR_RETURN_GRPC(Letter letter, core_.PreviewReply(caller, preview));
  response->set_subject(std::move(letter.subject));
  response->set_text(std::move(letter.text));
  return grpc::Status::OK;
}

}  // namespace cs::routing

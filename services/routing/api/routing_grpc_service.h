// The cs.routing.v1.RoutingService gRPC handlers: authenticate the caller, translate the request
// into the domain, call the core, translate back (ARCHITECTURE: thin api layer, no business rule
// here). Thread-safe: handlers run concurrently on gRPC's threads and share only the thread-safe
// core.
#ifndef CS_SERVICES_ROUTING_API_ROUTING_GRPC_SERVICE_H_
#define CS_SERVICES_ROUTING_API_ROUTING_GRPC_SERVICE_H_

#include "common/grpc/access_guard.h"
#include "common/grpc/authenticator.h"
#include "common/time/clock.h"
#include "common/units/unit_directory.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "services/routing/api/routing_access.h"
#include "services/routing/core/routing_core.h"

namespace cs::routing {

// Page size when a List request gives none, and the most one page may hold.
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

class RoutingGrpcService final : public v1::RoutingService::Service {
 public:
  // Every reference must outlive the service. `clock` judges leases in responses.
  RoutingGrpcService(RoutingCore& core, const common::Authenticator& authenticator,
                     const common::UnitDirectory& units, common::Clock& clock)
      : core_(core), guard_(authenticator, RoutingAccessTable()), units_(units), clock_(clock) {}

  grpc::Status ReceiveForwardedTicket(grpc::ServerContext* context,
                                      const v1::ReceiveForwardedTicketRequest* request,
                                      v1::Receipt* response) override;
  grpc::Status GetRoutedTicket(grpc::ServerContext* context,
                               const v1::GetRoutedTicketRequest* request,
                               v1::RoutedTicket* response) override;
  grpc::Status ListRoutedTickets(grpc::ServerContext* context,
                                 const v1::ListRoutedTicketsRequest* request,
                                 v1::ListRoutedTicketsResponse* response) override;
  grpc::Status DecideTicket(grpc::ServerContext* context, const v1::DecideTicketRequest* request,
                            v1::RoutedTicket* response) override;
  grpc::Status GetDispatchOrder(grpc::ServerContext* context,
                                const v1::GetDispatchOrderRequest* request,
                                v1::DispatchOrder* response) override;
  grpc::Status ListDispatchOrders(grpc::ServerContext* context,
                                  const v1::ListDispatchOrdersRequest* request,
                                  v1::ListDispatchOrdersResponse* response) override;
  grpc::Status AcceptDispatchOrder(grpc::ServerContext* context,
                                   const v1::AcceptDispatchOrderRequest* request,
                                   v1::DispatchOrder* response) override;
  grpc::Status ReplyToDispatchOrder(grpc::ServerContext* context,
                                    const v1::ReplyToDispatchOrderRequest* request,
                                    v1::DispatchOrder* response) override;
  grpc::Status AcknowledgeEscalation(grpc::ServerContext* context,
                                     const v1::AcknowledgeEscalationRequest* request,
                                     v1::DispatchOrder* response) override;
  grpc::Status PullDeliveries(grpc::ServerContext* context,
                              const v1::PullDeliveriesRequest* request,
                              v1::PullDeliveriesResponse* response) override;
  grpc::Status AckDelivery(grpc::ServerContext* context, const v1::AckDeliveryRequest* request,
                           v1::Delivery* response) override;
  grpc::Status GetDelivery(grpc::ServerContext* context, const v1::GetDeliveryRequest* request,
                           v1::Delivery* response) override;
  grpc::Status ListDeliveries(grpc::ServerContext* context,
                              const v1::ListDeliveriesRequest* request,
                              v1::ListDeliveriesResponse* response) override;
  grpc::Status GetMonthlyStatistics(grpc::ServerContext* context,
                                    const v1::GetMonthlyStatisticsRequest* request,
                                    v1::MonthlyStatistics* response) override;
  grpc::Status PreviewReply(grpc::ServerContext* context, const v1::PreviewReplyRequest* request,
                            v1::PreviewReplyResponse* response) override;

 private:
  RoutingCore& core_;
  const common::AccessGuard guard_;
  const common::UnitDirectory& units_;
  common::Clock& clock_;
};

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_API_ROUTING_GRPC_SERVICE_H_

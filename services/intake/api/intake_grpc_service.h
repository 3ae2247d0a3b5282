// The cs.intake.v1.IntakeService gRPC handlers: authenticate the caller, translate the request into
// the domain, call the core, translate back (ARCHITECTURE: thin api layer, no business rule here).
// Thread-safe: handlers run concurrently on gRPC's threads and share only the thread-safe core.
// CreateTicket uses gRPC's callback API: the answer is sent from the commit queue's answering
// thread once the ticket's batch has committed, so no gRPC thread is parked per create while
// batches form (the profile of the sync handler showed the server spawning and parking a thread per
// waiting create).
#ifndef CS_SERVICES_INTAKE_API_INTAKE_GRPC_SERVICE_H_
#define CS_SERVICES_INTAKE_API_INTAKE_GRPC_SERVICE_H_

#include "common/grpc/access_guard.h"
#include "common/grpc/authenticator.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "services/intake/api/intake_access.h"
#include "services/intake/core/intake_core.h"

namespace cs::intake {

// Page size when a List request gives none, and the most one page may hold.
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

class IntakeGrpcService final
    : public v1::IntakeService::WithCallbackMethod_CreateTicket<v1::IntakeService::Service> {
 public:
  // Both must outlive the service.
  IntakeGrpcService(IntakeCore& core, const common::Authenticator& authenticator)
      : core_(core), guard_(authenticator, IntakeAccessTable()) {}

  grpc::ServerUnaryReactor* CreateTicket(grpc::CallbackServerContext* context,
                                         const v1::CreateTicketRequest* request,
                                         v1::Ticket* response) override;
  grpc::Status GetTicket(grpc::ServerContext* context, const v1::GetTicketRequest* request,
                         v1::Ticket* response) override;
  grpc::Status ListTickets(grpc::ServerContext* context, const v1::ListTicketsRequest* request,
                           v1::ListTicketsResponse* response) override;
  grpc::Status UpdateTicket(grpc::ServerContext* context, const v1::UpdateTicketRequest* request,
                            v1::Ticket* response) override;
  grpc::Status ForwardTicket(grpc::ServerContext* context, const v1::ForwardTicketRequest* request,
                             v1::Ticket* response) override;
  grpc::Status CloseTicket(grpc::ServerContext* context, const v1::CloseTicketRequest* request,
                           v1::Ticket* response) override;
  grpc::Status RenderTicketForm(grpc::ServerContext* context,
                                const v1::RenderTicketFormRequest* request,
                                v1::RenderTicketFormResponse* response) override;
  grpc::Status ReportTicketOutcome(grpc::ServerContext* context,
                                   const v1::ReportTicketOutcomeRequest* request,
                                   v1::ReportTicketOutcomeResponse* response) override;
  grpc::Status GetMonthlyForwardingStatistics(
      grpc::ServerContext* context, const v1::GetMonthlyForwardingStatisticsRequest* request,
      v1::MonthlyForwardingStatistics* response) override;

 private:
  IntakeCore& core_;
  const common::AccessGuard guard_;
};

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_API_INTAKE_GRPC_SERVICE_H_

#include "services/routing/api/outbox_senders.h"

#include "common/grpc/outbox_rpc_sender.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "services/routing/core/routing_core.h"

namespace cs::routing {

common::db::OutboxRelay::Senders RoutingOutboxSenders(std::shared_ptr<grpc::Channel> intake,
                                                      const std::string& service_token) {
  using cs::intake::v1::IntakeService;
  common::db::OutboxRelay::Senders senders;
  senders[std::string(kIntakeDestination)] = std::make_unique<
      common::OutboxRpcSender<IntakeService, cs::intake::v1::ReportTicketOutcomeRequest,
                              cs::intake::v1::ReportTicketOutcomeResponse>>(
      "intake", std::move(intake), &IntakeService::Stub::ReportTicketOutcome, service_token,
      [](const common::db::OutboxRecord& record,
         cs::intake::v1::ReportTicketOutcomeRequest& request) {
        request.set_message_id(record.message_id);
      });
  return senders;
}

}  // namespace cs::routing

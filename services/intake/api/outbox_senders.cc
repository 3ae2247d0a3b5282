#include "services/intake/api/outbox_senders.h"

#include "common/grpc/outbox_rpc_sender.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"

namespace cs::intake {

common::db::OutboxRelay::Senders IntakeOutboxSenders(std::shared_ptr<grpc::Channel> routing,
                                                     std::shared_ptr<grpc::Channel> archive,
                                                     const std::string& service_token,
                                                     IntakeCore& core) {
  using cs::archive::v1::ArchiveService;
  using cs::routing::v1::RoutingService;
  common::db::OutboxRelay::Senders senders;
  senders[std::string(kRoutingDestination)] = std::make_unique<common::OutboxRpcSender<
      RoutingService, cs::routing::v1::ReceiveForwardedTicketRequest, cs::routing::v1::Receipt>>(
      "routing", std::move(routing), &RoutingService::Stub::ReceiveForwardedTicket, service_token,
      /*prepare=*/nullptr,
      [&core](const cs::routing::v1::ReceiveForwardedTicketRequest& request,
              const cs::routing::v1::Receipt& receipt) {
        // If recording fails the relay sends again, routing answers the same receipt (it dedupes
        // by forward_id), and the ticket records it then.
        return core.RecordReceipt(request.ticket().ticket_id(), request.forward_id(),
                                  receipt.receipt_id());
      });
  senders[std::string(kArchiveDestination)] = std::make_unique<
      common::OutboxRpcSender<ArchiveService, cs::archive::v1::ArchiveRecordRequest,
                              cs::archive::v1::ArchiveRecordResponse>>(
      "archive", std::move(archive), &ArchiveService::Stub::ArchiveRecord, service_token,
      [](const common::db::OutboxRecord& record, cs::archive::v1::ArchiveRecordRequest& request) {
        request.set_message_id(record.message_id);
      });
  return senders;
}

}  // namespace cs::intake

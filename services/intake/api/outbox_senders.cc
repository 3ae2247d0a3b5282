#include "services/intake/api/outbox_senders.h"

#include "absl/strings/str_cat.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "grpcpp/client_context.h"

namespace cs::intake {
namespace {

// The stored last_error must not carry personal data: keep the code and the receiver's message,
// which names fields, never their values.
absl::Status DeliveryError(absl::string_view receiver, const grpc::Status& status) {
  absl::Status mapped = common::FromGrpcStatus(status);
  return absl::Status(mapped.code(), absl::StrCat(receiver, ": ", mapped.message()));
}

}  // namespace

absl::Status RoutingForwardSender::Send(const common::db::OutboxRecord& record,
                                        absl::Time deadline) {
  cs::routing::v1::ReceiveForwardedTicketRequest request;
  if (!request.ParseFromString(record.payload)) {
    return absl::DataLossError(absl::StrCat("outbox message ", record.message_id,
                                            " is not a ReceiveForwardedTicketRequest"));
  }
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline));
  common::AttachBearerToken(context, service_token_);
  cs::routing::v1::Receipt receipt;
  grpc::Status status = stub_->ReceiveForwardedTicket(&context, request, &receipt);
  if (!status.ok()) return DeliveryError("routing", status);
  // Receipt confirmed: record it now. If this fails the relay retries, routing answers the same
  // receipt again (it dedupes by forward_id), and the ticket records it then.
  return core_.RecordReceipt(request.ticket().ticket_id(), request.forward_id(),
                             receipt.receipt_id());
}

absl::Status ArchiveRecordSender::Send(const common::db::OutboxRecord& record,
                                       absl::Time deadline) {
  cs::archive::v1::ArchiveRecordRequest request;
  if (!request.ParseFromString(record.payload)) {
    return absl::DataLossError(
        absl::StrCat("outbox message ", record.message_id, " is not an ArchiveRecordRequest"));
  }
  request.set_message_id(record.message_id);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline));
  common::AttachBearerToken(context, service_token_);
  cs::archive::v1::ArchiveRecordResponse response;
  grpc::Status status = stub_->ArchiveRecord(&context, request, &response);
  if (!status.ok()) return DeliveryError("archive", status);
  return absl::OkStatus();
}

}  // namespace cs::intake

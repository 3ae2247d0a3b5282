#include "services/routing/api/intake_outcome_sender.h"

#include "absl/strings/str_cat.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "grpcpp/client_context.h"

namespace cs::routing {

absl::Status IntakeOutcomeSender::Send(const common::db::OutboxRecord& record,
                                       absl::Time deadline) {
  cs::intake::v1::ReportTicketOutcomeRequest request;
  if (!request.ParseFromString(record.payload)) {
    return absl::DataLossError(
        absl::StrCat("outbox message ", record.message_id, " is not a ReportTicketOutcomeRequest"));
  }
  request.set_message_id(record.message_id);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline));
  common::AttachBearerToken(context, service_token_);
  cs::intake::v1::ReportTicketOutcomeResponse response;
  grpc::Status status = stub_->ReportTicketOutcome(&context, request, &response);
  if (!status.ok()) {
    // The stored last_error must not carry personal data: the code and intake's message, which
    // names fields, never their values.
    absl::Status mapped = common::FromGrpcStatus(status);
    return absl::Status(mapped.code(), absl::StrCat("intake: ", mapped.message()));
  }
  return absl::OkStatus();
}

}  // namespace cs::routing

// The delivery of routing's outbox to intake (ARCHITECTURE "Between services"): every outcome of a
// routed ticket (SPEC R1–R4, and replies reaching users) goes to
// cs.intake.v1.IntakeService/ReportTicketOutcome with the suite's SERVICE token and the relay's
// deadline. The outbox message id becomes the report's message_id, by which intake dedupes.
// Thread-safe (gRPC stubs are).
#ifndef CS_SERVICES_ROUTING_API_INTAKE_OUTCOME_SENDER_H_
#define CS_SERVICES_ROUTING_API_INTAKE_OUTCOME_SENDER_H_

#include <memory>
#include <string>

#include "common/db/outbox_relay.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "grpcpp/channel.h"

namespace cs::routing {

class IntakeOutcomeSender final : public common::db::OutboxSender {
 public:
  IntakeOutcomeSender(std::shared_ptr<grpc::Channel> channel, std::string service_token)
      : stub_(cs::intake::v1::IntakeService::NewStub(std::move(channel))),
        service_token_(std::move(service_token)) {}

  // OK when intake acknowledged the report (applied, or already applied before); the mapped gRPC
  // error otherwise, so the relay retries.
  absl::Status Send(const common::db::OutboxRecord& record, absl::Time deadline) override;

 private:
  std::unique_ptr<cs::intake::v1::IntakeService::Stub> stub_;
  const std::string service_token_;
};

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_API_INTAKE_OUTCOME_SENDER_H_

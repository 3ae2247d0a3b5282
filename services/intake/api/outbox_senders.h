// The deliveries of intake's outbox (ARCHITECTURE "Between services"):
//  - "routing": the forward of a ticket to the designated unit. routing's answer IS the
//  confirmation of
//    receipt (SPEC I4), so on success the sender records it on the ticket; until then the relay
//    retries.
//  - "archive": the complete record of a closed ticket (SPEC V1).
// Both call with the suite's SERVICE token and the relay's deadline. Thread-safe (gRPC stubs are).
#ifndef CS_SERVICES_INTAKE_API_OUTBOX_SENDERS_H_
#define CS_SERVICES_INTAKE_API_OUTBOX_SENDERS_H_

#include <memory>
#include <string>

#include "common/db/outbox_relay.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "grpcpp/channel.h"
#include "services/intake/core/intake_core.h"

namespace cs::intake {

class RoutingForwardSender final : public common::db::OutboxSender {
 public:
  // `core` must outlive the sender.
  RoutingForwardSender(std::shared_ptr<grpc::Channel> channel, std::string service_token,
                       IntakeCore& core)
      : stub_(cs::routing::v1::RoutingService::NewStub(std::move(channel))),
        service_token_(std::move(service_token)),
        core_(core) {}

  absl::Status Send(const common::db::OutboxRecord& record, absl::Time deadline) override;

 private:
  std::unique_ptr<cs::routing::v1::RoutingService::Stub> stub_;
  const std::string service_token_;
  IntakeCore& core_;
};

class ArchiveRecordSender final : public common::db::OutboxSender {
 public:
  ArchiveRecordSender(std::shared_ptr<grpc::Channel> channel, std::string service_token)
      : stub_(cs::archive::v1::ArchiveService::NewStub(std::move(channel))),
        service_token_(std::move(service_token)) {}

  absl::Status Send(const common::db::OutboxRecord& record, absl::Time deadline) override;

 private:
  std::unique_ptr<cs::archive::v1::ArchiveService::Stub> stub_;
  const std::string service_token_;
};

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_API_OUTBOX_SENDERS_H_

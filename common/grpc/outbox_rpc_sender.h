// The one way a service delivers its outbox to another service of the suite (ARCHITECTURE "Between
// services"): each message is the serialized request of one unary RPC of the receiver; the call
// carries the sender's SERVICE token and the relay's deadline; the receiver dedupes by the outbox
// message id, which the sender can stamp into the request; and a gRPC error becomes a status the
// relay retries, naming the receiver and its code and message (the receiver's messages name
// fields, never their values, so last_error holds no personal data).
//
//   senders["archive"] = std::make_unique<OutboxRpcSender<v1::ArchiveService,
//       v1::ArchiveRecordRequest, v1::ArchiveRecordResponse>>(
//       "archive", channel, &v1::ArchiveService::Stub::ArchiveRecord, token,
//       [](const db::OutboxRecord& record, v1::ArchiveRecordRequest& request) {
//         request.set_message_id(record.message_id);
//       });
//
// Header-only (a template over the generated types). Thread-safe: gRPC stubs are, and the hooks
// must be.
#ifndef CS_COMMON_GRPC_OUTBOX_RPC_SENDER_H_
#define CS_COMMON_GRPC_OUTBOX_RPC_SENDER_H_

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/db/outbox_relay.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace cs::common {

template <typename Service, typename Request, typename Response>
class OutboxRpcSender final : public db::OutboxSender {
 public:
  using Stub = typename Service::Stub;
  using Method = grpc::Status (Stub::*)(grpc::ClientContext*, const Request&, Response*);
  // Fills in what the stored payload leaves to the sender (e.g. the message id), before the call.
  using Prepare = std::function<void(const db::OutboxRecord&, Request&)>;
  // Runs after the receiver answered OK; its error makes the relay send again (so it must be
  // idempotent, as the receiver is).
  using OnAcknowledged = std::function<absl::Status(const Request&, const Response&)>;

  // `receiver` names the destination in errors ("routing").
  OutboxRpcSender(std::string receiver, std::shared_ptr<grpc::Channel> channel, Method method,
                  std::string service_token, Prepare prepare = nullptr,
                  OnAcknowledged on_acknowledged = nullptr)
      : receiver_(std::move(receiver)),
        stub_(Service::NewStub(std::move(channel))),
        method_(method),
        service_token_(std::move(service_token)),
        prepare_(std::move(prepare)),
        on_acknowledged_(std::move(on_acknowledged)) {}

  // OK once the receiver acknowledged the message (and the hook succeeded); DATA_LOSS for a payload
  // that is not a Request (retrying cannot help, the relay keeps it visible); the receiver's mapped
  // error otherwise.
  absl::Status Send(const db::OutboxRecord& record, absl::Time deadline) override {
    Request request;
    if (!request.ParseFromString(record.payload)) {
      return absl::DataLossError(absl::StrCat("outbox message ", record.message_id, " is not a ",
                                              Request::descriptor()->full_name()));
    }
    if (prepare_) prepare_(record, request);
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(deadline));
    AttachBearerToken(context, service_token_);
    Response response;
    const grpc::Status status = ((*stub_).*method_)(&context, request, &response);
    if (!status.ok()) {
      const absl::Status mapped = FromGrpcStatus(status);
      return absl::Status(mapped.code(), absl::StrCat(receiver_, ": ", mapped.message()));
    }
    return on_acknowledged_ ? on_acknowledged_(request, response) : absl::OkStatus();
  }

 private:
  const std::string receiver_;
  const std::unique_ptr<Stub> stub_;
  const Method method_;
  const std::string service_token_;
  const Prepare prepare_;
  const OnAcknowledged on_acknowledged_;
};

}  // namespace cs::common

#endif  // CS_COMMON_GRPC_OUTBOX_RPC_SENDER_H_

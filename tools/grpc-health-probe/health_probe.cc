#include "tools/grpc-health-probe/health_probe.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/support/channel_arguments.h"

namespace cs::tools {
namespace {

using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;

std::string StatusText(const grpc::Status& status) {
  return absl::StrCat("code ", static_cast<int>(status.error_code()), ": ", status.error_message());
}

}  // namespace

ProbeResult ProbeHealth(const ProbeOptions& options) {
  // gRPC's default connection timeout (20 s), not the peers' short one (common::CreatePeerChannel
  // gives up on a handshake after 100 ms): the call's deadline bounds the connection, so a server
  // that accepts but is too slow to answer is a timeout, and a refused connection still fails at
  // once.
  grpc::ChannelArguments arguments;
  if (options.channel.tls.has_value() && !options.channel.tls_server_name.empty()) {
    arguments.SetSslTargetNameOverride(options.channel.tls_server_name);
  }
  std::shared_ptr<grpc::Channel> channel = grpc::CreateCustomChannel(
      options.address, common::PeerChannelCredentials(options.channel), arguments);
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + options.timeout));
  // Not wait_for_ready: a refused connection fails the call at once (UNAVAILABLE) instead of
  // waiting out the timeout, so "stopped" and "too slow" stay apart.
  HealthCheckRequest request;
  request.set_service(options.service);
  HealthCheckResponse response;
  const grpc::Status status = stub->Check(&context, request, &response);
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      break;
    case grpc::StatusCode::UNAVAILABLE:
      return {kProbeUnreachable, absl::StrCat("unreachable (", StatusText(status), ")")};
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return {kProbeTimeout,
              absl::StrCat("no answer within ", absl::FormatDuration(options.timeout), " (",
                           StatusText(status), ")")};
    case grpc::StatusCode::NOT_FOUND:
      return {kProbeNotServing, absl::StrCat("the server does not know service \"", options.service,
                                             "\" (", StatusText(status), ")")};
    default:
      return {kProbeRpcFailed, absl::StrCat("health check failed (", StatusText(status), ")")};
  }
  if (response.status() == HealthCheckResponse::SERVING) return {kProbeServing, "SERVING"};
  return {kProbeNotServing, HealthCheckResponse::ServingStatus_Name(response.status())};
}

}  // namespace cs::tools

#include "common/grpc/peer_channel.h"

#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace cs::common {

std::shared_ptr<grpc::ChannelCredentials> PeerChannelCredentials(
    const PeerChannelOptions& options) {
  if (!options.tls.has_value()) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = options.tls->root_certificates_pem;
  ssl.pem_cert_chain = options.tls->client_certificate_chain_pem;
  ssl.pem_private_key = options.tls->client_private_key_pem;
  return grpc::SslCredentials(ssl);
}

std::shared_ptr<grpc::Channel> CreatePeerChannel(const std::string& address,
                                                 const PeerChannelOptions& options) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  // gRPC also takes this as the least time a connection attempt may take: 100 ms cut TLS handshakes
  // with a busy peer short (seen: an attempt given up 120 ms after the server accepted). Attempts
  // still start every 100 ms to 1 s; each may take up to this long.
  arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, kPeerConnectTimeoutMs);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, kPeerMaxReconnectBackoffMs);
  if (options.tls.has_value() && !options.tls_server_name.empty()) {
    arguments.SetSslTargetNameOverride(options.tls_server_name);
  }
  return grpc::CreateCustomChannel(address, PeerChannelCredentials(options), arguments);
}

}  // namespace cs::common

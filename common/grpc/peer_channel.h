// The one way a service opens a channel to another service of the suite (intake → routing, intake →
// archive, routing → intake, and every later pair), so that every such channel is set up alike:
// the same reconnect backoff and the same transport security, built once from flags
// (common/server/server_flags.h: PeerChannelOptionsFromFlags) and handed to every wiring in
// ServerOptions::peer_channels. Thread-safe: channels are; the options are plain values.
#ifndef CS_COMMON_GRPC_PEER_CHANNEL_H_
#define CS_COMMON_GRPC_PEER_CHANNEL_H_

#include <memory>
#include <string>

#include "absl/types/optional.h"
#include "grpcpp/channel.h"
#include "grpcpp/security/credentials.h"

namespace cs::common {

// The longest a channel to a peer waits between attempts to reconnect. gRPC's default grows to 120
// s, so a peer that was down for a few minutes would be reached up to 2 minutes after it came back,
// whatever the outbox relay's own backoff.
inline constexpr int kPeerMaxReconnectBackoffMs = 1000;
// The longest one attempt to connect (TCP and TLS handshakes) may take.
inline constexpr int kPeerConnectTimeoutMs = 10000;

// TLS towards the peers: the PEM texts themselves (read and checked once at start), not file
// names, so opening a channel never touches the file system.
struct PeerTls {
  // The certificate authorities a peer's server certificate must chain to (--tls_ca_file).
  std::string root_certificates_pem;
  // The certificate (chain) and private key this process presents when a peer requires client
  // certificates (--tls_client_cert_file / --tls_client_key_file); both empty when it has none.
  std::string client_certificate_chain_pem;
  std::string client_private_key_pem;
};

struct PeerChannelOptions {
  // Unset: plaintext (development; the server logs a warning at start).
  absl::optional<PeerTls> tls;
  // With TLS: the name the peer's certificate must carry, when it is not the host of the address
  // (a health probe inside a container calls 127.0.0.1, whose certificate names the service).
  // Empty: the host of the address.
  std::string tls_server_name;
};

// A channel to `address` ("host:port"). With TLS, the peer's certificate must name the host of
// `address` (a DNS or IP subjectAltName), or options.tls_server_name when given.
std::shared_ptr<grpc::Channel> CreatePeerChannel(const std::string& address,
                                                 const PeerChannelOptions& options);

// The credentials of such a channel (plaintext, TLS or mutual TLS), for a caller that needs channel
// arguments of its own: grpc_health_probe keeps gRPC's default connection timeout instead of the
// peers' short reconnect backoff, so that a server too slow to answer times out rather than
// failing at once. The caller then applies options.tls_server_name itself
// (grpc::ChannelArguments::SetSslTargetNameOverride).
std::shared_ptr<grpc::ChannelCredentials> PeerChannelCredentials(const PeerChannelOptions& options);

}  // namespace cs::common

#endif  // CS_COMMON_GRPC_PEER_CHANNEL_H_

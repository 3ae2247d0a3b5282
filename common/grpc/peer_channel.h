// The one way a service opens a channel to another service of the suite (intake → routing, intake →
// archive, routing → intake, and every later pair), so that every such channel is set up alike.
// Thread-safe: channels are.
#ifndef CS_COMMON_GRPC_PEER_CHANNEL_H_
#define CS_COMMON_GRPC_PEER_CHANNEL_H_

#include <memory>
#include <string>

#include "grpcpp/channel.h"

namespace cs::common {

// The longest a channel to a peer waits between attempts to reconnect. gRPC's default grows to 120
// s, so a peer that was down for a few minutes would be reached up to 2 minutes after it came back,
// whatever the outbox relay's own backoff.
inline constexpr int kPeerMaxReconnectBackoffMs = 1000;

// A channel to `address` ("host:port").
std::shared_ptr<grpc::Channel> CreatePeerChannel(const std::string& address);

}  // namespace cs::common

#endif  // CS_COMMON_GRPC_PEER_CHANNEL_H_

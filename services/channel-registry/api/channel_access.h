// Who may call each RPC of cs.channel.v1.ChannelRegistryService (issue 16, "Access"): the declared
// rules the API admits a call by before it reads the request (common/grpc/access_guard.h). Kept
// beside the API so a new RPC and its rule change together; each row lists exactly the roles the
// core (core/channel_core.cc) lets through, and the e2e access walk and the README's access matrix
// hold to it.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_API_CHANNEL_ACCESS_H_
#define CS_SERVICES_CHANNEL_REGISTRY_API_CHANNEL_ACCESS_H_

#include "common/auth/access_table.h"

namespace cs::channel {

// One rule per RPC, in the proto's order; built once, immutable, thread-safe.
const common::AccessTable& ChannelAccessTable();

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_API_CHANNEL_ACCESS_H_

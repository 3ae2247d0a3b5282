// Client side of ARCHITECTURE "Auth": attaches the caller's bearer token to an outgoing call.
// Stateless.
#ifndef CS_COMMON_GRPC_CLIENT_AUTH_H_
#define CS_COMMON_GRPC_CLIENT_AUTH_H_

#include "absl/strings/string_view.h"
#include "grpcpp/client_context.h"

namespace cs::common {

// Adds "authorization: Bearer <token>" to the call's metadata. Call once per ClientContext, before
// the call starts (gRPC refuses metadata added later).
void AttachBearerToken(grpc::ClientContext& context, absl::string_view token);

}  // namespace cs::common

#endif  // CS_COMMON_GRPC_CLIENT_AUTH_H_

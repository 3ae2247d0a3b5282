// The canonical name of a gRPC status code ("OK", "UNAVAILABLE", …), as loadgen reports it.
// Stateless.
#ifndef CS_TOOLS_LOADGEN_GRPC_STATUS_NAME_H_
#define CS_TOOLS_LOADGEN_GRPC_STATUS_NAME_H_

#include <string>

#include "grpcpp/support/status.h"

namespace cs::tools::loadgen {

// The upper-case name of `code`; "CODE_<n>" for a number outside the 17 defined codes.
std::string GrpcStatusName(grpc::StatusCode code);

}  // namespace cs::tools::loadgen

#endif  // CS_TOOLS_LOADGEN_GRPC_STATUS_NAME_H_

// A synchronous handler's CallDeadlineScope (common/time/call_deadline.h) from its ServerContext:
// the caller's deadline, and the call's cancellation as gRPC sees it. Put first in the handler, on
// its thread:
//
//   const common::ServerCallDeadlineScope call_scope(*context);
//
// so that RunInTransaction does not start or commit work whose caller has gone, and calls to other
// services made on this thread carry no more than the caller's remaining time.
#ifndef CS_COMMON_GRPC_SERVER_CALL_DEADLINE_H_
#define CS_COMMON_GRPC_SERVER_CALL_DEADLINE_H_

#include <chrono>

#include "absl/time/time.h"
#include "common/time/call_deadline.h"
#include "grpcpp/server_context.h"

namespace cs::common {

// The deadline of a gRPC call as an absl::Time; InfiniteFuture() for a call without one (gRPC
// says time_point::max()).
absl::Time DeadlineOf(std::chrono::system_clock::time_point grpc_deadline);

// `context` must outlive the scope (it does for a handler's local).
class ServerCallDeadlineScope final {
 public:
  explicit ServerCallDeadlineScope(const grpc::ServerContextBase& context);

  ServerCallDeadlineScope(const ServerCallDeadlineScope&) = delete;
  ServerCallDeadlineScope& operator=(const ServerCallDeadlineScope&) = delete;

 private:
  CallDeadlineScope scope_;
};

}  // namespace cs::common

#endif  // CS_COMMON_GRPC_SERVER_CALL_DEADLINE_H_

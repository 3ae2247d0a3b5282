#include "common/grpc/server_call_scope.h"

#include <chrono>

namespace cs::common {

absl::Time DeadlineOf(std::chrono::system_clock::time_point grpc_deadline) {
  if (grpc_deadline == std::chrono::system_clock::time_point::max()) {
    return absl::InfiniteFuture();
  }
  return absl::FromChrono(grpc_deadline);
}

ServerCallScope::ServerCallScope(const grpc::ServerContextBase& context)
    : deadline_(DeadlineOf(context.deadline()), [&context] { return context.IsCancelled(); }) {}

}  // namespace cs::common

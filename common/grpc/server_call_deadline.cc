#include "common/grpc/server_call_deadline.h"

#include <chrono>

namespace cs::common {

absl::Time DeadlineOf(std::chrono::system_clock::time_point grpc_deadline) {
  if (grpc_deadline == std::chrono::system_clock::time_point::max()) {
    return absl::InfiniteFuture();
  }
  return absl::FromChrono(grpc_deadline);
}

ServerCallDeadlineScope::ServerCallDeadlineScope(const grpc::ServerContextBase& context)
    : scope_(DeadlineOf(context.deadline()), [&context] { return context.IsCancelled(); }) {}

}  // namespace cs::common

// The call a handler serves, for the layers below it on the same thread: the caller's deadline and
// the call's cancellation as gRPC sees them (CallDeadlineScope, common/time/call_deadline.h), and
// room for the caller the audit row names (AuditSubjectScope, common/auth/audit_subject.h; filled
// by AccessGuard::Admit). Put first in the handler, on its thread:
//
//   const common::ServerCallScope call_scope(*context);
//
// so that RunInTransaction does not start or commit work whose caller has gone and writes the
// audit row of a change with it, and calls to other services made on this thread carry no more
// than the caller's remaining time.
#ifndef CS_COMMON_GRPC_SERVER_CALL_SCOPE_H_
#define CS_COMMON_GRPC_SERVER_CALL_SCOPE_H_

#include <chrono>

#include "absl/time/time.h"
#include "common/auth/audit_subject.h"
#include "common/time/call_deadline.h"
#include "grpcpp/server_context.h"

namespace cs::common {

// The deadline of a gRPC call as an absl::Time; InfiniteFuture() for a call without one (gRPC
// says time_point::max()).
absl::Time DeadlineOf(std::chrono::system_clock::time_point grpc_deadline);

// `context` must outlive the scope (it does for a handler's local).
class ServerCallScope final {
 public:
  explicit ServerCallScope(const grpc::ServerContextBase& context);

  ServerCallScope(const ServerCallScope&) = delete;
  ServerCallScope& operator=(const ServerCallScope&) = delete;

 private:
  CallDeadlineScope deadline_;
  AuditSubjectScope audit_;
};

}  // namespace cs::common

#endif  // CS_COMMON_GRPC_SERVER_CALL_SCOPE_H_

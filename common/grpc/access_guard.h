// Admits an incoming call: authenticates its bearer token (Authenticator), then checks the
// caller's role against the service's declared AccessTable — before the handler reads the request,
// so a role that may not call a method learns nothing about its fields. The target's unit is the
// core's to check (UnitScope::kOwnUnit). Holds pointers to immutable objects: thread-safe.
//
//   const common::ServerCallScope call_scope(*context);
//   ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
//
// Handlers pass __func__: the handler is named after its RPC, so no method name is typed twice.
// An admitted caller becomes the call's audit subject (common/auth/audit_subject.h) with the
// request's `request_id`, so every change the call commits carries an audit row naming them.
#ifndef CS_COMMON_GRPC_ACCESS_GUARD_H_
#define CS_COMMON_GRPC_ACCESS_GUARD_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/auth/access_table.h"
#include "common/auth/principal.h"
#include "common/grpc/authenticator.h"
#include "google/protobuf/message.h"
#include "grpcpp/server_context.h"

namespace cs::common {

class AccessGuard final {
 public:
  // Both must outlive the guard.
  AccessGuard(const Authenticator& authenticator, const AccessTable& table)
      : authenticator_(&authenticator), table_(&table) {}

  // The caller's principal; UNAUTHENTICATED as Authenticator says, PERMISSION_DENIED when its
  // role may not call `method` (short name) or the method has no rule.
  absl::StatusOr<Principal> Admit(const grpc::ServerContextBase& context, absl::string_view method,
                                  const google::protobuf::Message& request) const;
  // For a call whose request is not read yet (a client stream): no request_id in the audit row.
  absl::StatusOr<Principal> Admit(const grpc::ServerContextBase& context,
                                  absl::string_view method) const;

  // The rule check and the audit subject for a caller authenticated before (a client stream that
  // reads its first message before deciding, so that an undecodable body is INVALID_ARGUMENT for
  // everyone).
  absl::Status AdmitAuthenticated(const Principal& caller, absl::string_view method,
                                  std::string request_id = "") const;

  // Authentication alone, for a handler that must record who was refused (the archive's
  // access log).
  absl::StatusOr<Principal> Authenticate(const grpc::ServerContextBase& context) const {
    return authenticator_->Authenticate(context);
  }

  const AccessTable& table() const { return *table_; }

 private:
  const Authenticator* authenticator_;
  const AccessTable* table_;
};

}  // namespace cs::common

#endif  // CS_COMMON_GRPC_ACCESS_GUARD_H_

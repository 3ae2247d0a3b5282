#include "common/grpc/access_guard.h"

#include <utility>

namespace cs::common {

absl::StatusOr<Principal> AccessGuard::Admit(const grpc::ServerContextBase& context,
                                             absl::string_view method) const {
  absl::StatusOr<Principal> caller = authenticator_->Authenticate(context);
  if (!caller.ok()) return caller.status();
  if (absl::Status admitted = table_->Admit(*caller, method); !admitted.ok()) return admitted;
  return caller;
}

}  // namespace cs::common

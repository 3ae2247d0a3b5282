#include "common/grpc/access_guard.h"

#include <string>
#include <utility>

#include "common/auth/audit_subject.h"
#include "google/protobuf/descriptor.h"

namespace cs::common {
namespace {

// The request's top-level string field `request_id`; empty when it has none.
std::string RequestIdOf(const google::protobuf::Message& request) {
  const google::protobuf::FieldDescriptor* field =
      request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr || field->is_repeated() ||
      field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
    return "";
  }
  return request.GetReflection()->GetString(request, field);
}

}  // namespace

absl::Status AccessGuard::AdmitAuthenticated(const Principal& caller, absl::string_view method,
                                             std::string request_id) const {
  if (absl::Status admitted = table_->Admit(caller, method); !admitted.ok()) return admitted;
  SetCurrentAuditSubject({caller.user, RoleName(caller.role), caller.unit_id, std::string(method),
                          std::move(request_id)});
  return absl::OkStatus();
}

absl::StatusOr<Principal> AccessGuard::Admit(const grpc::ServerContextBase& context,
                                             absl::string_view method) const {
  absl::StatusOr<Principal> caller = authenticator_->Authenticate(context);
  if (!caller.ok()) return caller.status();
  if (absl::Status admitted = AdmitAuthenticated(*caller, method); !admitted.ok()) return admitted;
  return caller;
}

absl::StatusOr<Principal> AccessGuard::Admit(const grpc::ServerContextBase& context,
                                             absl::string_view method,
                                             const google::protobuf::Message& request) const {
  absl::StatusOr<Principal> caller = authenticator_->Authenticate(context);
  if (!caller.ok()) return caller.status();
  if (absl::Status admitted = AdmitAuthenticated(*caller, method, RequestIdOf(request));
      !admitted.ok()) {
    return admitted;
  }
  return caller;
}

}  // namespace cs::common

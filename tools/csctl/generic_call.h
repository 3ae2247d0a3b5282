// The one call path of every csctl command: a method found by name in the compiled-in
// descriptors, its request a dynamic message built by reflection, sent through grpc::GenericStub
// as bytes with the person's bearer token, and the answer parsed back into the method's response
// type. Serves unary and client-streaming methods alike (a client stream carries the one request).
// Stateless; thread-safe.
#ifndef CS_TOOLS_CSCTL_GENERIC_CALL_H_
#define CS_TOOLS_CSCTL_GENERIC_CALL_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/status.h"

namespace cs::tools::csctl {

// The method "package.Service/Method" in the descriptors linked into this binary; NOT_FOUND when
// it is not there.
absl::StatusOr<const google::protobuf::MethodDescriptor*> FindMethod(absl::string_view name);

// An empty message of `type` (the generated class, so well-known types print as such).
std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor& type);

struct CallOutcome {
  grpc::Status status;
  // The answer when status is OK; null otherwise.
  std::unique_ptr<google::protobuf::Message> response;
};

// Calls `method` on `channel` with `request` and "authorization: Bearer <token>" (none when the
// token is empty), waiting at most `timeout`. An OK answer that does not parse as the response
// type is DATA_LOSS.
CallOutcome CallMethod(const std::shared_ptr<grpc::Channel>& channel,
                       const google::protobuf::MethodDescriptor& method,
                       const google::protobuf::Message& request, absl::string_view token,
                       absl::Duration timeout);

}  // namespace cs::tools::csctl

#endif  // CS_TOOLS_CSCTL_GENERIC_CALL_H_

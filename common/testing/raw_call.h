// Calls a gRPC method with an arbitrary request body, as a client built from other protos (or a
// broken one) could: for tests of what a server answers to bytes that are not its request message.
#ifndef CS_COMMON_TESTING_RAW_CALL_H_
#define CS_COMMON_TESTING_RAW_CALL_H_

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/status.h"

namespace cs::common::testing {

// Sends `body` as the one request message of the unary or server-streaming method `path`
// ("/package.Service/Method") with `bearer_token` (none when empty), and returns the call's status.
grpc::Status CallWithRawBody(const std::shared_ptr<grpc::Channel>& channel, absl::string_view path,
                             absl::string_view body, absl::string_view bearer_token,
                             absl::Duration timeout = absl::Seconds(30));

// Bytes no protobuf message parses: a length-delimited field that claims more bytes than follow.
std::string UndecodableBody();

}  // namespace cs::common::testing

#endif  // CS_COMMON_TESTING_RAW_CALL_H_

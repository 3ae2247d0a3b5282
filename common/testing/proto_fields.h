// Finds the fields of a protobuf message left unset, so that a test which fills a domain value in
// every field can prove that a mapping to the wire carries all of it: a field the mapping forgets
// reads as 0 on the client and no other test notices (issue 10, where it was
// Forward.working_seconds_to_confirm). Test-only; pure functions, thread-safe.
#ifndef CS_COMMON_TESTING_PROTO_FIELDS_H_
#define CS_COMMON_TESTING_PROTO_FIELDS_H_

#include <string>
#include <vector>

#include "google/protobuf/message.h"

namespace cs::common::testing {

// The path of every field of `message` left unset, depth first in declaration order:
//   - a field without presence (a proto3 scalar) at its default: 0, "", false, the enum's 0;
//   - a message, `optional` or oneof field that is not present;
//   - a repeated or map field that is empty.
// The fields of a present sub-message are searched too ("forward.confirmed_at"), and so are those
// of the first element of a non-empty repeated message field ("history[0].at"). Messages of
// package google.protobuf (Timestamp, Duration…) count as set when present and are not searched:
// a whole-second Timestamp rightly has nanos 0. Map entries are not searched.
// A path in `allowed` is left out of the answer with everything beneath it: fields that cannot all
// be set at once, such as the other members of a oneof.
std::vector<std::string> UnsetFieldPaths(const google::protobuf::Message& message,
                                         const std::vector<std::string>& allowed = {});

}  // namespace cs::common::testing

#endif  // CS_COMMON_TESTING_PROTO_FIELDS_H_

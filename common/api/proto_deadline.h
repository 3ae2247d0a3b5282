// A deadline on the wire: cs.common.v1.Deadline from a common::Deadline, for the api/ layer of
// every service, so the instant, its calendar version and whether it is provisional (counted past
// the calendar's horizon) always travel together. Pure function: thread-safe.
#ifndef CS_COMMON_API_PROTO_DEADLINE_H_
#define CS_COMMON_API_PROTO_DEADLINE_H_

#include "common/time/deadline.h"
#include "cs/common/v1/common.pb.h"

namespace cs::common {

cs::common::v1::Deadline ToProtoDeadline(const Deadline& deadline);

}  // namespace cs::common

#endif  // CS_COMMON_API_PROTO_DEADLINE_H_

#include "common/api/proto_deadline.h"

#include "common/api/proto_time.h"

namespace cs::common {

cs::common::v1::Deadline ToProtoDeadline(const Deadline& deadline) {
  cs::common::v1::Deadline proto;
  *proto.mutable_at() = ToProtoTimestamp(deadline.at);
  proto.set_calendar_version(deadline.calendar_version);
  proto.set_provisional(deadline.provisional);
  return proto;
}

}  // namespace cs::common

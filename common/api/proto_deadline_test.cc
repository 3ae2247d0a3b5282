#include "common/api/proto_deadline.h"

#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

TEST(ProtoDeadlineTest, CarriesInstantVersionAndProvisional) {
  const absl::Time at = absl::FromUnixSeconds(1798761600) + absl::Microseconds(5);
  for (bool provisional : {false, true}) {
    const cs::common::v1::Deadline proto = ToProtoDeadline({at, "cn-2026.1", provisional});
    EXPECT_EQ(proto.at().seconds(), 1798761600);
    EXPECT_EQ(proto.at().nanos(), 5000);
    EXPECT_EQ(proto.calendar_version(), "cn-2026.1");
    EXPECT_EQ(proto.provisional(), provisional);
  }
}

}  // namespace
}  // namespace cs::common

#include "common/api/proto_time.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ProtoTimeTest, TimestampRoundTripsIncludingBeforeTheEpoch) {
  for (absl::Time t : {absl::UnixEpoch(), absl::FromUnixNanos(1772413323456789123),
                       absl::FromUnixNanos(-1), absl::FromUnixSeconds(-62135596800)}) {
    const google::protobuf::Timestamp proto = ToProtoTimestamp(t);
    EXPECT_GE(proto.nanos(), 0);
    EXPECT_LT(proto.nanos(), 1000000000);
    EXPECT_THAT(FromProtoTimestamp(proto, "t"), IsOkAndHolds(t));
  }
  const google::protobuf::Timestamp minus_one = ToProtoTimestamp(absl::FromUnixNanos(-1));
  EXPECT_EQ(minus_one.seconds(), -1);
  EXPECT_EQ(minus_one.nanos(), 999999999);
}

TEST(ProtoTimeTest, InvalidTimestampNamesTheField) {
  google::protobuf::Timestamp bad;
  bad.set_nanos(-1);
  EXPECT_THAT(FromProtoTimestamp(bad, "time"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("time")));
  bad.set_nanos(0);
  bad.set_seconds(253402300800);  // 10000-01-01
  EXPECT_THAT(FromProtoTimestamp(bad, "time"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ProtoTimeTest, DurationRoundTrips) {
  for (absl::Duration d : {absl::ZeroDuration(), absl::Hours(37) + absl::Minutes(30),
                           -absl::Nanoseconds(1500000001), absl::Nanoseconds(1)}) {
    const google::protobuf::Duration proto = ToProtoDuration(d);
    EXPECT_FALSE(proto.seconds() > 0 && proto.nanos() < 0);
    EXPECT_FALSE(proto.seconds() < 0 && proto.nanos() > 0);
    EXPECT_THAT(FromProtoDuration(proto, "by"), IsOkAndHolds(d));
  }
}

TEST(ProtoTimeTest, InvalidDurationNamesTheField) {
  google::protobuf::Duration bad;
  bad.set_seconds(1);
  bad.set_nanos(-1);
  EXPECT_THAT(FromProtoDuration(bad, "by"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("by")));
}

}  // namespace
}  // namespace cs::common

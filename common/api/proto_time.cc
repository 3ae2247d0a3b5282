#include "common/api/proto_time.h"

#include <cstdint>

#include "common/status/field_violations.h"

namespace cs::common {
namespace {

// The bounds google/protobuf/timestamp.proto states.
constexpr int64_t kMinTimestampSeconds = -62135596800;  // 0001-01-01T00:00:00Z
constexpr int64_t kMaxTimestampSeconds = 253402300799;  // 9999-12-31T23:59:59Z
constexpr int64_t kMaxDurationSeconds = 315576000000;   // 10000 years
constexpr int32_t kNanosPerSecond = 1000000000;

}  // namespace

google::protobuf::Timestamp ToProtoTimestamp(absl::Time time) {
  const int64_t seconds = absl::ToUnixSeconds(time);  // Rounds toward the infinite past.
  google::protobuf::Timestamp out;
  out.set_seconds(seconds);
  out.set_nanos(
      static_cast<int32_t>(absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(seconds))));
  return out;
}

absl::StatusOr<absl::Time> FromProtoTimestamp(const google::protobuf::Timestamp& timestamp,
                                              absl::string_view field) {
  if (timestamp.seconds() < kMinTimestampSeconds || timestamp.seconds() > kMaxTimestampSeconds ||
      timestamp.nanos() < 0 || timestamp.nanos() >= kNanosPerSecond) {
    return InvalidField(std::string(field),
                        "must be a valid timestamp between 0001-01-01 and 9999-12-31");
  }
  return absl::FromUnixSeconds(timestamp.seconds()) + absl::Nanoseconds(timestamp.nanos());
}

google::protobuf::Duration ToProtoDuration(absl::Duration duration) {
  const int64_t seconds = absl::IDivDuration(duration, absl::Seconds(1), &duration);
  google::protobuf::Duration out;
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(duration)));
  return out;
}

absl::StatusOr<absl::Duration> FromProtoDuration(const google::protobuf::Duration& duration,
                                                 absl::string_view field) {
  const int64_t seconds = duration.seconds();
  const int32_t nanos = duration.nanos();
  if (seconds < -kMaxDurationSeconds || seconds > kMaxDurationSeconds ||
      nanos <= -kNanosPerSecond || nanos >= kNanosPerSecond || (seconds > 0 && nanos < 0) ||
      (seconds < 0 && nanos > 0)) {
    return InvalidField(std::string(field), "must be a valid duration");
  }
  return absl::Seconds(seconds) + absl::Nanoseconds(nanos);
}

absl::optional<absl::Time> ReadOptionalTimestamp(bool present,
                                                 const google::protobuf::Timestamp& timestamp,
                                                 absl::string_view field,
                                                 FieldViolations& violations) {
  if (!present) return absl::nullopt;
  absl::StatusOr<absl::Time> time = FromProtoTimestamp(timestamp, field);
  if (!time.ok()) {
    violations.Add(std::string(field), "is not a valid timestamp");
    return absl::nullopt;
  }
  return *time;
}

}  // namespace cs::common

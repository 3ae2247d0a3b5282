// Conversions between absl time types and google.protobuf.Timestamp / Duration, for the api/ layer
// of every service. Pure functions: thread-safe.
#ifndef CS_COMMON_API_PROTO_TIME_H_
#define CS_COMMON_API_PROTO_TIME_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/status/field_violations.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/timestamp.pb.h"

namespace cs::common {

// The Timestamp of `time`, truncated to nanoseconds toward the past.
google::protobuf::Timestamp ToProtoTimestamp(absl::Time time);

// The instant of `timestamp`. INVALID_ARGUMENT naming `field` when it is outside the range the
// Timestamp type allows (0001-01-01 to 9999-12-31) or its nanos are not in [0, 1e9).
absl::StatusOr<absl::Time> FromProtoTimestamp(const google::protobuf::Timestamp& timestamp,
                                              absl::string_view field);

// The instant an optional Timestamp field carries: nullopt when it is absent (`present` false);
// when present but not a valid instant (FromProtoTimestamp), nullopt and "is not a valid timestamp"
// added to `violations` naming `field` — so a mapping reports every bad field at once.
absl::optional<absl::Time> ReadOptionalTimestamp(bool present,
                                                 const google::protobuf::Timestamp& timestamp,
                                                 absl::string_view field,
                                                 FieldViolations& violations);

// Sets an optional Timestamp field through `mutable_field` (a callable returning the message's
// mutable_…()) only when `time` has a value: calling mutable_…() alone makes the field present,
// and a reader would see 1970-01-01 where nothing happened.
template <typename MutableField>
void SetOptionalTimestamp(const absl::optional<absl::Time>& time, MutableField mutable_field) {
  if (time.has_value()) *mutable_field() = ToProtoTimestamp(*time);
}

// The Duration of `duration`, truncated to nanoseconds toward zero.
google::protobuf::Duration ToProtoDuration(absl::Duration duration);

// INVALID_ARGUMENT naming `field` when seconds and nanos disagree in sign, nanos are out of range,
// or seconds exceed ±10000 years.
absl::StatusOr<absl::Duration> FromProtoDuration(const google::protobuf::Duration& duration,
                                                 absl::string_view field);

}  // namespace cs::common

#endif  // CS_COMMON_API_PROTO_TIME_H_

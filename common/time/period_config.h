// The configured form of a Period (cs.config.v1.Period in sla_targets.proto: a oneof of working
// minutes, working hours, working days, months, years, wall minutes, wall hours) turned into
// cs::common::Period. Pure functions; thread-safe.
#ifndef CS_COMMON_TIME_PERIOD_CONFIG_H_
#define CS_COMMON_TIME_PERIOD_CONFIG_H_

#include "absl/status/statusor.h"
#include "common/status/field_violations.h"
#include "common/time/deadline.h"
#include "cs/config/v1/sla_targets.pb.h"

namespace cs::common {

// Violations of one configured period, with fields relative to the Period message ("working_hours",
// or "length" when no unit is set), ready for FieldViolations::Merge(…, "forward_confirmation").
FieldViolations ValidatePeriodProto(const cs::config::v1::Period& period);

// The period; INVALID_ARGUMENT when no unit is set or the amount is out of range (see
// ValidatePeriod).
absl::StatusOr<Period> PeriodFromProto(const cs::config::v1::Period& period);

}  // namespace cs::common

#endif  // CS_COMMON_TIME_PERIOD_CONFIG_H_

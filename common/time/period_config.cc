#include "common/time/period_config.h"

#include <string>

#include "absl/status/status.h"
#include "absl/types/optional.h"

namespace cs::common {
namespace {

struct ConfiguredPeriod {
  Period period;
  const char* field;
};

absl::optional<ConfiguredPeriod> Unpack(const cs::config::v1::Period& proto) {
  using Proto = cs::config::v1::Period;
  switch (proto.length_case()) {
    case Proto::kWorkingMinutes:
      return ConfiguredPeriod{{PeriodUnit::kWorkingMinutes, proto.working_minutes()},
                              "working_minutes"};
    case Proto::kWorkingHours:
      return ConfiguredPeriod{{PeriodUnit::kWorkingHours, proto.working_hours()}, "working_hours"};
    case Proto::kWorkingDays:
      return ConfiguredPeriod{{PeriodUnit::kWorkingDays, proto.working_days()}, "working_days"};
    case Proto::kMonths:
      return ConfiguredPeriod{{PeriodUnit::kMonths, proto.months()}, "months"};
    case Proto::kYears:
      return ConfiguredPeriod{{PeriodUnit::kYears, proto.years()}, "years"};
    case Proto::kWallMinutes:
      return ConfiguredPeriod{{PeriodUnit::kWallMinutes, proto.wall_minutes()}, "wall_minutes"};
    case Proto::kWallHours:
      return ConfiguredPeriod{{PeriodUnit::kWallHours, proto.wall_hours()}, "wall_hours"};
    case Proto::LENGTH_NOT_SET:
      break;
  }
  return absl::nullopt;
}

}  // namespace

FieldViolations ValidatePeriodProto(const cs::config::v1::Period& period) {
  FieldViolations violations;
  const absl::optional<ConfiguredPeriod> unpacked = Unpack(period);
  if (!unpacked.has_value()) {
    violations.Add("length",
                   "set one of working_minutes, working_hours, working_days, months, years, "
                   "wall_minutes, wall_hours");
    return violations;
  }
  if (absl::Status status = ValidatePeriod(unpacked->period); !status.ok()) {
    violations.Add(unpacked->field, std::string(status.message()));
  }
  return violations;
}

absl::StatusOr<Period> PeriodFromProto(const cs::config::v1::Period& period) {
  const FieldViolations violations = ValidatePeriodProto(period);
  if (!violations.empty()) return violations.ToStatus("invalid period");
  return Unpack(period)->period;
}

}  // namespace cs::common

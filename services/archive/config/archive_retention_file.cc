#include "services/archive/config/archive_retention_file.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/config/config_file.h"
#include "common/status/status_macros.h"
#include "common/time/period_config.h"

namespace cs::archive {
namespace {

// The months of a configured retention, or the violations naming `field`.
absl::StatusOr<int> CheckedMonths(const cs::config::v1::Period& period, const std::string& field,
                                  int minimum_months) {
  absl::StatusOr<common::Period> parsed = common::PeriodFromProto(period);
  if (!parsed.ok()) {
    return common::InvalidField(field, "must be a period in months or years");
  }
  ASSIGN_OR_RETURN(int months, RetentionMonths(*parsed, field));
  RETURN_IF_ERROR(CheckRetentionMonths(months, minimum_months, field));
  return months;
}

void AddViolations(const absl::Status& status, common::FieldViolations& violations) {
  for (const common::FieldViolation& v : common::ViolationsOf(status)) {
    violations.Add(v.field, v.description);
  }
}

}  // namespace

absl::StatusOr<int> MinimumRetentionMonths(const cs::config::v1::SlaTargets& sla) {
  ASSIGN_OR_RETURN(common::Period period, common::PeriodFromProto(sla.archive_retention()));
  ASSIGN_OR_RETURN(int months, RetentionMonths(period, "archive_retention"));
  return std::max(months, kLegalMinimumRetentionMonths);
}

common::FieldViolations ValidateArchiveRetention(const cs::config::v1::ArchiveRetention& file,
                                                 const common::UnitDirectory& units,
                                                 int minimum_months) {
  common::FieldViolations violations;
  if (file.has_default_retention()) {
    AddViolations(
        CheckedMonths(file.default_retention(), "default_retention", minimum_months).status(),
        violations);
  }
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < file.units_size(); ++i) {
    const cs::config::v1::UnitRetention& unit = file.units(i);
    const std::string field = absl::StrCat("units[", i, "]");
    if (!units.Contains(unit.unit_id())) {
      violations.Add(absl::StrCat(field, ".unit_id"),
                     absl::StrCat("names no unit of units.textproto: '", unit.unit_id(), "'"));
    } else if (!seen.insert(unit.unit_id()).second) {
      violations.Add(absl::StrCat(field, ".unit_id"),
                     absl::StrCat("lists unit ", unit.unit_id(), " twice"));
    }
    if (!unit.has_retention()) {
      violations.Add(absl::StrCat(field, ".retention"), "is required");
    } else {
      AddViolations(
          CheckedMonths(unit.retention(), absl::StrCat(field, ".retention"), minimum_months)
              .status(),
          violations);
    }
  }
  return violations;
}

absl::StatusOr<RetentionConfig> LoadArchiveRetention(const std::string& path,
                                                     const common::UnitDirectory& units,
                                                     const cs::config::v1::SlaTargets& sla) {
  RetentionConfig config;
  ASSIGN_OR_RETURN(config.minimum_months, MinimumRetentionMonths(sla));
  ASSIGN_OR_RETURN(cs::config::v1::ArchiveRetention file,
                   common::config::LoadConfigFile<cs::config::v1::ArchiveRetention>(
                       path, [&](const cs::config::v1::ArchiveRetention& f) {
                         return ValidateArchiveRetention(f, units, config.minimum_months);
                       }));
  config.default_policy.months = config.minimum_months;
  config.default_policy.source = RetentionSource::kSlaTargets;
  if (file.has_default_retention()) {
    ASSIGN_OR_RETURN(
        config.default_policy.months,
        CheckedMonths(file.default_retention(), "default_retention", config.minimum_months));
    config.default_policy.source = RetentionSource::kFileDefault;
  }
  for (const cs::config::v1::UnitRetention& unit : file.units()) {
    RetentionPolicy policy;
    policy.unit_id = unit.unit_id();
    ASSIGN_OR_RETURN(policy.months,
                     CheckedMonths(unit.retention(), "retention", config.minimum_months));
    policy.source = RetentionSource::kFileUnit;
    policy.note = unit.note();
    config.unit_policies[unit.unit_id()] = std::move(policy);
  }
  return config;
}

}  // namespace cs::archive

// Loads the archive retention data file (cs.config.v1.ArchiveRetention, text format,
// deploy/config/archive_retention.textproto): how long each unit's records are kept (SPEC V2). A
// period shorter than 2 years (A1 7.3.1), or than the SLA file's archive_retention when that is
// longer, or not counted in months/years, or for an unknown or repeated unit, stops the start with
// file, line and field. Thread-compatible; loaded once at start.
#ifndef CS_SERVICES_ARCHIVE_CONFIG_ARCHIVE_RETENTION_FILE_H_
#define CS_SERVICES_ARCHIVE_CONFIG_ARCHIVE_RETENTION_FILE_H_

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "common/status/field_violations.h"
#include "common/units/unit_directory.h"
#include "cs/config/v1/archive_retention.pb.h"
#include "cs/config/v1/sla_targets.pb.h"
#include "services/archive/domain/retention.h"

namespace cs::archive {

struct RetentionConfig {
  // The shortest retention anyone may set: the larger of 2 years and the SLA file's figure.
  int minimum_months = kLegalMinimumRetentionMonths;
  // For units the file does not list: the file's default_retention, else the SLA file's figure.
  RetentionPolicy default_policy;
  std::map<std::string, RetentionPolicy> unit_policies;
};

// The minimum retention in months that `sla` (defaults applied) imposes, never under 2 years.
// INVALID_ARGUMENT when its archive_retention is not in months or years.
absl::StatusOr<int> MinimumRetentionMonths(const cs::config::v1::SlaTargets& sla);

// Every problem of `file`, with field paths such as "units[2].retention".
common::FieldViolations ValidateArchiveRetention(const cs::config::v1::ArchiveRetention& file,
                                                 const common::UnitDirectory& units,
                                                 int minimum_months);

// Reads and validates `path`. NOT_FOUND / INVALID_ARGUMENT naming file, line and field.
absl::StatusOr<RetentionConfig> LoadArchiveRetention(const std::string& path,
                                                     const common::UnitDirectory& units,
                                                     const cs::config::v1::SlaTargets& sla);

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_CONFIG_ARCHIVE_RETENTION_FILE_H_

// Loads the units data file (cs.config.v1.UnitsFile, text format) into a UnitDirectory. Errors name
// the file, line and field.
#ifndef CS_COMMON_CONFIG_UNITS_FILE_H_
#define CS_COMMON_CONFIG_UNITS_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/status/field_violations.h"
#include "common/units/unit_directory.h"
#include "cs/config/v1/units.pb.h"

namespace cs::common::config {

// The meaning checks of a units file: ids present, unique and made of [a-z0-9-]; names present;
// kind set; exactly one designated unit; at most one CS center; the telecom company has a name and
// an address.
FieldViolations ValidateUnitsFile(const cs::config::v1::UnitsFile& file);

// Converts a file that passed ValidateUnitsFile.
absl::StatusOr<UnitDirectory> ToUnitDirectory(const cs::config::v1::UnitsFile& file);

// Reads, validates and converts `path`. NOT_FOUND / INVALID_ARGUMENT as LoadConfigFile.
absl::StatusOr<UnitDirectory> LoadUnitDirectory(const std::string& path);

}  // namespace cs::common::config

#endif  // CS_COMMON_CONFIG_UNITS_FILE_H_

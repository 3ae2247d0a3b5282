// Loads the business catalog data file (cs.config.v1.BusinessCatalogFile, text format,
// deploy/config/business_catalog.textproto) into a BusinessCatalog (SPEC R5). Errors name the file,
// the line and the field. Loaded once at start; thread-compatible.
#ifndef CS_SERVICES_ROUTING_CONFIG_BUSINESS_CATALOG_FILE_H_
#define CS_SERVICES_ROUTING_CONFIG_BUSINESS_CATALOG_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/status/field_violations.h"
#include "common/units/unit_directory.h"
#include "cs/config/v1/business_catalog.pb.h"
#include "services/routing/domain/business_catalog.h"

namespace cs::routing {

// Every problem of a catalog file, with paths such as "lines[2].unit_id": an id that is empty, not
// made of [a-z0-9_-] or repeated; a missing name or owner; a blank or repeated keyword; a
// DEPARTMENT_UNIT line whose unit is not in `units`; unit_id or designated_unit_may_answer on
// another owner.
common::FieldViolations ValidateBusinessCatalogFile(const cs::config::v1::BusinessCatalogFile& file,
                                                    const common::UnitDirectory& units);

// Converts a file that passed ValidateBusinessCatalogFile.
absl::StatusOr<BusinessCatalog> ToBusinessCatalog(const cs::config::v1::BusinessCatalogFile& file,
                                                  const common::UnitDirectory& units);

// Reads, validates and converts `path`. NOT_FOUND when it cannot be read; INVALID_ARGUMENT naming
// "<file>:<line>: <field>: <problem>" otherwise.
absl::StatusOr<BusinessCatalog> LoadBusinessCatalog(const std::string& path,
                                                    const common::UnitDirectory& units);

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_CONFIG_BUSINESS_CATALOG_FILE_H_

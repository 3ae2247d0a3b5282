// The unit a read about "a unit's things" (lists, reports, monthly figures) is scoped to, for the
// caller asking: the rule every service applies the same way.
#ifndef CS_COMMON_UNITS_UNIT_SCOPE_H_
#define CS_COMMON_UNITS_UNIT_SCOPE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/auth/principal.h"
#include "common/units/unit_directory.h"

namespace cs::common {

// Fills in and checks `unit_id` for `caller`: a unit-scoped role that names no unit gets its own;
// naming another unit is PERMISSION_DENIED (RequireUnit); a unit the directory does not list is
// INVALID_ARGUMENT naming `field`. An empty unit_id stays empty (every unit) for the roles that
// read every unit.
absl::Status ScopeToUnit(const Principal& caller, const UnitDirectory& units, std::string& unit_id,
                         absl::string_view field);

}  // namespace cs::common

#endif  // CS_COMMON_UNITS_UNIT_SCOPE_H_

#include "common/units/unit_scope.h"

#include "absl/strings/str_cat.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"

namespace cs::common {

absl::Status ScopeToUnit(const Principal& caller, const UnitDirectory& units, std::string& unit_id,
                         absl::string_view field) {
  if (IsUnitScoped(caller.role) && unit_id.empty()) unit_id = caller.unit_id;
  if (absl::Status allowed = RequireUnit(caller, unit_id); !allowed.ok()) return allowed;
  if (!unit_id.empty() && !units.Contains(unit_id)) {
    return InvalidField(std::string(field),
                        absl::StrCat("names no known unit: ", QuotedValue(unit_id)));
  }
  return absl::OkStatus();
}

}  // namespace cs::common

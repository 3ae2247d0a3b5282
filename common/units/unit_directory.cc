#include "common/units/unit_directory.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status/field_violations.h"

namespace cs::common {

absl::StatusOr<UnitDirectory> UnitDirectory::Create(std::vector<UnitInfo> units,
                                                    TelecomCompanyInfo telecom_company) {
  UnitDirectory directory;
  FieldViolations violations;
  int designated = 0;
  int cs_centers = 0;
  for (size_t i = 0; i < units.size(); ++i) {
    const std::string field = absl::StrCat("units[", i, "]");
    if (units[i].id.empty()) {
      violations.Add(absl::StrCat(field, ".id"), "must not be empty");
    } else if (!directory.index_by_id_.emplace(units[i].id, i).second) {
      violations.Add(absl::StrCat(field, ".id"), absl::StrCat("repeats unit id ", units[i].id));
    }
    if (units[i].designated) {
      ++designated;
      directory.designated_index_ = i;
    }
    if (units[i].cs_center) {
      ++cs_centers;
      directory.cs_center_index_ = static_cast<int>(i);
    }
  }
  if (designated != 1) {
    violations.Add(
        "units",
        absl::StrCat("exactly one unit must be designated to receive tickets, found ", designated));
  }
  if (cs_centers > 1) violations.Add("units", "more than one unit is marked as the CS center");
  if (!violations.empty()) return violations.ToStatus("invalid units");
  directory.units_ = std::move(units);
  directory.telecom_company_ = std::move(telecom_company);
  return directory;
}

const UnitInfo* UnitDirectory::Find(absl::string_view id) const {
  auto it = index_by_id_.find(id);
  return it == index_by_id_.end() ? nullptr : &units_[it->second];
}

const UnitInfo* UnitDirectory::cs_center() const {
  return cs_center_index_ < 0 ? nullptr : &units_[cs_center_index_];
}

}  // namespace cs::common

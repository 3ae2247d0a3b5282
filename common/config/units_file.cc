#include "common/config/units_file.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/config/config_file.h"
#include "common/status/status_macros.h"

namespace cs::common::config {
namespace {

bool IsUnitId(absl::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace

FieldViolations ValidateUnitsFile(const cs::config::v1::UnitsFile& file) {
  FieldViolations violations;
  absl::flat_hash_set<std::string> ids;
  int designated = 0;
  int cs_centers = 0;
  for (int i = 0; i < file.units_size(); ++i) {
    const auto& unit = file.units(i);
    const std::string field = absl::StrCat("units[", i, "]");
    if (!IsUnitId(unit.id())) {
      violations.Add(absl::StrCat(field, ".id"), "must be 1-32 characters of a-z, 0-9 and '-'");
    } else if (!ids.insert(unit.id()).second) {
      violations.Add(absl::StrCat(field, ".id"), absl::StrCat("repeats unit id ", unit.id()));
    }
    if (unit.name().empty()) violations.Add(absl::StrCat(field, ".name"), "must not be empty");
    if (unit.kind() == cs::config::v1::UNIT_KIND_UNSPECIFIED) {
      violations.Add(absl::StrCat(field, ".kind"), "must be CENTER or SUBSIDIARY");
    }
    designated += unit.designated() ? 1 : 0;
    cs_centers += unit.cs_center() ? 1 : 0;
  }
  if (designated != 1) {
    violations.Add("units",
                   absl::StrCat("exactly one unit must have designated: true, found ", designated));
  }
  if (cs_centers > 1) violations.Add("units", "more than one unit has cs_center: true");
  if (file.telecom_company().name().empty()) {
    violations.Add("telecom_company.name", "must not be empty");
  }
  if (file.telecom_company().dispatch_address().empty()) {
    violations.Add("telecom_company.dispatch_address", "must not be empty");
  }
  return violations;
}

absl::StatusOr<UnitDirectory> ToUnitDirectory(const cs::config::v1::UnitsFile& file) {
  std::vector<UnitInfo> units;
  for (const auto& unit : file.units()) {
    UnitInfo info;
    info.id = unit.id();
    info.name = unit.name();
    info.name_en = unit.name_en();
    info.kind = unit.kind() == cs::config::v1::SUBSIDIARY ? UnitInfo::Kind::kSubsidiary
                                                          : UnitInfo::Kind::kCenter;
    info.business_lines.assign(unit.business_lines().begin(), unit.business_lines().end());
    for (const auto& contact : unit.contacts()) {
      info.contacts.push_back({contact.name(), contact.phone(), contact.email()});
    }
    info.designated = unit.designated();
    info.cs_center = unit.cs_center();
    units.push_back(std::move(info));
  }
  const auto& telecom = file.telecom_company();
  return UnitDirectory::Create(
      std::move(units),
      {telecom.name(), telecom.name_en(), telecom.dispatch_address(), telecom.contact_phone()});
}

absl::StatusOr<UnitDirectory> LoadUnitDirectory(const std::string& path) {
  ASSIGN_OR_RETURN(cs::config::v1::UnitsFile file,
                   LoadConfigFile<cs::config::v1::UnitsFile>(path, ValidateUnitsFile));
  return ToUnitDirectory(file);
}

}  // namespace cs::common::config

#include "services/hotline-registry/api/hotline_access.h"

#include <vector>

namespace cs::hotline {

const common::AccessTable& HotlineAccessTable() {
  using common::Role;
  using common::UnitScope;
  static const auto* const kTable = [] {
    // The core's readers: the department-wide roles every unit's hotlines, a unit's own roles
    // (the designated unit's too) their unit's. Its filers: the unit's staff and its manager.
    const std::vector<Role> readers = {Role::kCsCenter,    Role::kDesignatedUnit, Role::kUnitStaff,
                                       Role::kUnitManager, Role::kOffice,         Role::kService};
    const std::vector<Role> filers = {Role::kUnitStaff, Role::kUnitManager};
    return new common::AccessTable(
        "cs.hotline.v1.HotlineRegistryService",
        {
            {"RegisterHotline", filers, UnitScope::kOwnUnit, ""},
            {"SignForm", {Role::kUnitManager}, UnitScope::kOwnUnit, ""},
            {"DecideRegistration", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"GetHotline", readers, UnitScope::kOwnUnit, ""},
            {"ListHotlines", readers, UnitScope::kOwnUnit, ""},
            {"FileChange", filers, UnitScope::kOwnUnit, ""},
            {"DecideChange", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"ListNumberTransitions", readers, UnitScope::kOwnUnit, ""},
            {"IssueNotice", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"IngestCallRecords",
             {Role::kUnitStaff, Role::kUnitManager, Role::kService},
             UnitScope::kOwnUnit,
             "a record of another unit's hotline is rejected in the answer, by its index; the call "
             "succeeds"},
            {"GetOperatingReport", readers, UnitScope::kOwnUnit, ""},
            {"SubmitOperatingReport", filers, UnitScope::kOwnUnit, ""},
            {"RegisterStaff", filers, UnitScope::kOwnUnit, ""},
            {"RecordTraining", filers, UnitScope::kOwnUnit, ""},
            {"ListStaff", readers, UnitScope::kOwnUnit, ""},
            {"SetDutyRoster", filers, UnitScope::kOwnUnit, ""},
            {"ScoreCall",
             {Role::kCsCenter, Role::kUnitStaff, Role::kUnitManager, Role::kService},
             UnitScope::kOwnUnit,
             ""},
            {"RecordMandarinReview",
             {Role::kCsCenter, Role::kUnitManager},
             UnitScope::kOwnUnit,
             ""},
            {"RenderRegistrationForm", readers, UnitScope::kOwnUnit, ""},
            {"RenderChangeForm", readers, UnitScope::kOwnUnit, ""},
            {"GetMonthlyStatistics", readers, UnitScope::kOwnUnit, ""},
        });
  }();
  return *kTable;
}

}  // namespace cs::hotline

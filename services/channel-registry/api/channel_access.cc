#include "services/channel-registry/api/channel_access.h"

#include <vector>

namespace cs::channel {

const common::AccessTable& ChannelAccessTable() {
  using common::Role;
  using common::UnitScope;
  static const auto* const kTable = [] {
    // The core's readers: the department-wide roles every unit's channels, a unit's own roles
    // (the designated unit's too) their unit's. Its filers: the unit's staff and its manager.
    const std::vector<Role> readers = {Role::kCsCenter,    Role::kDesignatedUnit, Role::kUnitStaff,
                                       Role::kUnitManager, Role::kOffice,         Role::kService};
    const std::vector<Role> filers = {Role::kUnitStaff, Role::kUnitManager};
    return new common::AccessTable(
        "cs.channel.v1.ChannelRegistryService",
        {
            {"FileChannel", filers, UnitScope::kOwnUnit, ""},
            {"AcknowledgeFiling", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"MarkFilingInaccurate", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"CorrectFiling", filers, UnitScope::kOwnUnit, ""},
            {"RetireChannel", filers, UnitScope::kOwnUnit, ""},
            {"ReportUnfiledChannel", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"ListUnfiledChannels", readers, UnitScope::kOwnUnit, ""},
            {"GetChannel", readers, UnitScope::kOwnUnit, ""},
            {"ListChannels", readers, UnitScope::kOwnUnit, ""},
            {"OpenFault", filers, UnitScope::kOwnUnit, ""},
            {"CloseFault", filers, UnitScope::kOwnUnit, ""},
            {"ListFaults", readers, UnitScope::kOwnUnit, ""},
            {"RecordPublication", filers, UnitScope::kOwnUnit, ""},
            {"GetPublicationChecklist", readers, UnitScope::kOwnUnit, ""},
            {"RecordCheck", filers, UnitScope::kOwnUnit, ""},
            {"GetCheckSchedule", readers, UnitScope::kOwnUnit, ""},
            {"RecordUsageSample",
             {Role::kUnitStaff, Role::kUnitManager, Role::kService},
             UnitScope::kOwnUnit,
             ""},
            {"GetCapacityForecast", readers, UnitScope::kOwnUnit, ""},
            {"RequestCapacityAssistance", filers, UnitScope::kOwnUnit, ""},
            {"GetMonthlyReport", readers, UnitScope::kOwnUnit, ""},
            {"SubmitMonthlyReport", filers, UnitScope::kOwnUnit, ""},
            {"RenderFilingForm", readers, UnitScope::kOwnUnit, ""},
            {"GetMonthlyStatistics", readers, UnitScope::kOwnUnit, ""},
        });
  }();
  return *kTable;
}

}  // namespace cs::channel

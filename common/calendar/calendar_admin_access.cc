#include "common/calendar/calendar_admin_access.h"

namespace cs::common {

const AccessTable& CalendarAdminAccessTable() {
  static const auto* const kTable =
      new AccessTable("cs.common.v1.CalendarAdmin",
                      {
                          {"GetCalendar",
                           {Role::kCsCenter, Role::kDesignatedUnit, Role::kUnitStaff,
                            Role::kUnitManager, Role::kArchivist, Role::kOffice, Role::kService},
                           UnitScope::kRoleOnly,
                           "the working calendar is public within the department"},
                          {"ReloadCalendar", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
                      });
  return *kTable;
}

}  // namespace cs::common

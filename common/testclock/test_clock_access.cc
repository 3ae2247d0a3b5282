#include "common/testclock/test_clock_access.h"

namespace cs::common {

const AccessTable& TestClockAccessTable() {
  static const auto* const kTable =
      new AccessTable("cs.common.v1.TestClock",
                      {
                          {"GetTime",
                           {Role::kCsCenter, Role::kDesignatedUnit, Role::kUnitStaff,
                            Role::kUnitManager, Role::kArchivist, Role::kOffice, Role::kService},
                           UnitScope::kRoleOnly,
                           "served only with --test_clock (tests, the demo)"},
                          {"SetTime",
                           {Role::kCsCenter, Role::kDesignatedUnit, Role::kUnitStaff,
                            Role::kUnitManager, Role::kArchivist, Role::kOffice, Role::kService},
                           UnitScope::kRoleOnly,
                           "served only with --test_clock (tests, the demo)"},
                          {"AdvanceTime",
                           {Role::kCsCenter, Role::kDesignatedUnit, Role::kUnitStaff,
                            Role::kUnitManager, Role::kArchivist, Role::kOffice, Role::kService},
                           UnitScope::kRoleOnly,
                           "served only with --test_clock (tests, the demo)"},
                      });
  return *kTable;
}

}  // namespace cs::common

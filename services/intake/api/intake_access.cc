#include "services/intake/api/intake_access.h"

namespace cs::intake {

const common::AccessTable& IntakeAccessTable() {
  using common::Role;
  using common::UnitScope;
  static const auto* const kTable = new common::AccessTable(
      "cs.intake.v1.IntakeService",
      {
          {"CreateTicket",
           {Role::kUnitStaff, Role::kUnitManager},
           UnitScope::kOwnUnit,
           "records for its own unit only"},
          {"GetTicket",
           {Role::kUnitStaff, Role::kUnitManager, Role::kCsCenter, Role::kService},
           UnitScope::kOwnUnit,
           ""},
          {"ListTickets",
           {Role::kUnitStaff, Role::kUnitManager, Role::kCsCenter},
           UnitScope::kOwnUnit,
           "a unit-scoped caller lists its own unit when no unit is given"},
          {"UpdateTicket", {Role::kUnitStaff, Role::kUnitManager}, UnitScope::kOwnUnit, ""},
          {"ForwardTicket", {Role::kUnitStaff, Role::kUnitManager}, UnitScope::kOwnUnit, ""},
          {"CloseTicket", {Role::kUnitStaff, Role::kUnitManager}, UnitScope::kOwnUnit, ""},
          {"RenderTicketForm",
           {Role::kUnitStaff, Role::kUnitManager, Role::kCsCenter, Role::kService},
           UnitScope::kOwnUnit,
           ""},
          {"ReportTicketOutcome",
           {Role::kService},
           UnitScope::kRoleOnly,
           "routing reports the outcomes of the tickets forwarded to it"},
          {"GetMonthlyForwardingStatistics",
           {Role::kService, Role::kCsCenter, Role::kOffice, Role::kUnitStaff, Role::kUnitManager,
            Role::kDesignatedUnit},
           UnitScope::kOwnUnit,
           ""},
      });
  return *kTable;
}

}  // namespace cs::intake

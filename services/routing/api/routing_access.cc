#include "services/routing/api/routing_access.h"

namespace cs::routing {

const common::AccessTable& RoutingAccessTable() {
  using common::Role;
  using common::UnitScope;
  static const auto* const kTable = new common::AccessTable(
      "cs.routing.v1.RoutingService",
      {
          {"ReceiveForwardedTicket",
           {Role::kService},
           UnitScope::kRoleOnly,
           "intake forwards; exactly once per forward_id"},
          {"GetRoutedTicket",
           {Role::kDesignatedUnit, Role::kCsCenter, Role::kService},
           UnitScope::kOwnUnit,
           "own unit of a DESIGNATED_UNIT: the department's designated unit"},
          {"ListRoutedTickets",
           {Role::kDesignatedUnit, Role::kCsCenter, Role::kService},
           UnitScope::kOwnUnit,
           "own unit of a DESIGNATED_UNIT: the department's designated unit"},
          {"DecideTicket",
           {Role::kDesignatedUnit},
           UnitScope::kOwnUnit,
           "own unit: the department's designated unit"},
          {"GetDispatchOrder",
           {Role::kDesignatedUnit, Role::kCsCenter, Role::kService, Role::kUnitStaff,
            Role::kUnitManager},
           UnitScope::kOwnUnit,
           "UNIT_STAFF/UNIT_MANAGER: orders to their unit; DESIGNATED_UNIT: every order"},
          {"ListDispatchOrders",
           {Role::kDesignatedUnit, Role::kCsCenter, Role::kService, Role::kUnitStaff,
            Role::kUnitManager},
           UnitScope::kOwnUnit,
           "UNIT_STAFF/UNIT_MANAGER: orders to their unit; DESIGNATED_UNIT: every order"},
          {"AcceptDispatchOrder",
           {Role::kUnitStaff, Role::kUnitManager},
           UnitScope::kOwnUnit,
           "the responsible unit of the order"},
          {"ReplyToDispatchOrder",
           {Role::kUnitStaff, Role::kUnitManager},
           UnitScope::kOwnUnit,
           "the responsible unit of the order"},
          {"AcknowledgeEscalation",
           {Role::kDesignatedUnit},
           UnitScope::kOwnUnit,
           "own unit: the department's designated unit"},
          {"PullDeliveries", {Role::kService}, UnitScope::kRoleOnly, "the reply gateways"},
          {"AckDelivery", {Role::kService}, UnitScope::kRoleOnly, "the reply gateways"},
          {"GetDelivery",
           {Role::kDesignatedUnit, Role::kCsCenter, Role::kService},
           UnitScope::kOwnUnit,
           "own unit of a DESIGNATED_UNIT: the department's designated unit"},
          {"ListDeliveries",
           {Role::kDesignatedUnit, Role::kCsCenter, Role::kService},
           UnitScope::kOwnUnit,
           "own unit of a DESIGNATED_UNIT: the department's designated unit"},
          {"GetMonthlyStatistics",
           {Role::kDesignatedUnit, Role::kCsCenter, Role::kService, Role::kUnitStaff,
            Role::kUnitManager},
           UnitScope::kOwnUnit,
           "UNIT_STAFF/UNIT_MANAGER: their unit; DESIGNATED_UNIT: every unit"},
          {"PreviewReply",
           {Role::kDesignatedUnit, Role::kUnitStaff, Role::kUnitManager, Role::kCsCenter},
           UnitScope::kRoleOnly,
           "renders a text; stores and reads nothing"},
      });
  return *kTable;
}

}  // namespace cs::routing

#include "common/server/outbox_admin_access.h"

namespace cs::common {

const AccessTable& OutboxAdminAccessTable() {
  static const auto* const kTable =
      new AccessTable("cs.common.v1.OutboxAdmin", {
                                                      {"ListDeadLetters",
                                                       {Role::kCsCenter, Role::kService},
                                                       UnitScope::kRoleOnly,
                                                       "operators and their tools"},
                                                      {"RetryDeadLetter",
                                                       {Role::kCsCenter, Role::kService},
                                                       UnitScope::kRoleOnly,
                                                       "operators and their tools"},
                                                  });
  return *kTable;
}

}  // namespace cs::common

// The declared access rules of cs.common.v1.OutboxAdmin (issue 16, "Access"), the administrative
// service every binary that relays an outbox serves. The service admits calls by them
// (common/grpc/access_guard.h); the e2e access walk and the README's access matrix hold to the same
// table.
#ifndef CS_COMMON_SERVER_OUTBOX_ADMIN_ACCESS_H_
#define CS_COMMON_SERVER_OUTBOX_ADMIN_ACCESS_H_

#include "common/auth/access_table.h"

namespace cs::common {

const AccessTable& OutboxAdminAccessTable();

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_OUTBOX_ADMIN_ACCESS_H_

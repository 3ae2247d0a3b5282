// The declared access rules of cs.archive.v1.ArchiveService (issue 16, "Access"): who may call each
// RPC. The API admits every call by them before reading the request (common/grpc/access_guard.h);
// the core checks the target's unit where a rule says OWN_UNIT. The e2e access walk and the
// README's access matrix are held to this table, so it is the one place to read or change who may
// do what.
#ifndef CS_SERVICES_ARCHIVE_API_ARCHIVE_ACCESS_H_
#define CS_SERVICES_ARCHIVE_API_ARCHIVE_ACCESS_H_

#include "common/auth/access_table.h"

namespace cs::archive {

const common::AccessTable& ArchiveAccessTable();

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_API_ARCHIVE_ACCESS_H_

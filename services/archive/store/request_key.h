// The key of this service's idempotent writes is the suite's one RequestKey
// (common/db/request_key.h), named here in the service's namespace.
#ifndef CS_SERVICES_ARCHIVE_STORE_REQUEST_KEY_H_
#define CS_SERVICES_ARCHIVE_STORE_REQUEST_KEY_H_

#include "common/db/request_key.h"

namespace cs::archive {

using RequestKey = common::db::RequestKey;

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_REQUEST_KEY_H_

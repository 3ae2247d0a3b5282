// The key of this service's idempotent writes is the suite's one RequestKey
// (common/db/request_key.h), named here in the service's namespace.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_REQUEST_KEY_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_REQUEST_KEY_H_

#include "common/db/request_key.h"

namespace cs::hotline {

using RequestKey = common::db::RequestKey;

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_REQUEST_KEY_H_

// The key of the channel registry's idempotent writes is the suite's one RequestKey
// (common/db/request_key.h), named here in the service's namespace.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_REQUEST_KEY_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_REQUEST_KEY_H_

#include "common/db/request_key.h"

namespace cs::channel {

using RequestKey = common::db::RequestKey;

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_REQUEST_KEY_H_

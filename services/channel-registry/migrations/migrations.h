// The channel registry schema's migrations (services/channel-registry/migrations/NNNN_name.sql),
// embedded into the binary by cs_migrations_library (target channel_migrations).
#ifndef CS_SERVICES_CHANNEL_REGISTRY_MIGRATIONS_MIGRATIONS_H_
#define CS_SERVICES_CHANNEL_REGISTRY_MIGRATIONS_MIGRATIONS_H_

#include <vector>

#include "common/db/migration.h"

namespace cs::channel::schema {

const std::vector<cs::common::db::Migration>& Migrations();

}  // namespace cs::channel::schema

#endif  // CS_SERVICES_CHANNEL_REGISTRY_MIGRATIONS_MIGRATIONS_H_

// The routing schema's migrations (services/routing/migrations/NNNN_name.sql), embedded into the
// binary by cs_migrations_library.
#ifndef CS_SERVICES_ROUTING_MIGRATIONS_H_
#define CS_SERVICES_ROUTING_MIGRATIONS_H_

#include <vector>

#include "common/db/migration.h"

namespace cs::routing::schema {

const std::vector<cs::common::db::Migration>& Migrations();

}  // namespace cs::routing::schema

#endif  // CS_SERVICES_ROUTING_MIGRATIONS_H_

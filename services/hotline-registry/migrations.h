// The hotline registry schema's migrations (services/hotline-registry/migrations/NNNN_name.sql),
// embedded into the binary by cs_migrations_library.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_MIGRATIONS_H_
#define CS_SERVICES_HOTLINE_REGISTRY_MIGRATIONS_H_

#include <vector>

#include "common/db/migration.h"

namespace cs::hotline::schema {

const std::vector<cs::common::db::Migration>& Migrations();

}  // namespace cs::hotline::schema

#endif  // CS_SERVICES_HOTLINE_REGISTRY_MIGRATIONS_H_

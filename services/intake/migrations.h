// The intake schema's migrations (services/intake/migrations/NNNN_name.sql), embedded into the
// binary by cs_migrations_library.
#ifndef CS_SERVICES_INTAKE_MIGRATIONS_H_
#define CS_SERVICES_INTAKE_MIGRATIONS_H_

#include <vector>

#include "common/db/migration.h"

namespace cs::intake::schema {

const std::vector<cs::common::db::Migration>& Migrations();

}  // namespace cs::intake::schema

#endif  // CS_SERVICES_INTAKE_MIGRATIONS_H_

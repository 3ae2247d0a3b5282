// The archive schema's migrations (services/archive/migrations/NNNN_name.sql), embedded into the
// binary by cs_migrations_library.
#ifndef CS_SERVICES_ARCHIVE_MIGRATIONS_H_
#define CS_SERVICES_ARCHIVE_MIGRATIONS_H_

#include <vector>

#include "common/db/migration.h"

namespace cs::archive::schema {

const std::vector<cs::common::db::Migration>& Migrations();

}  // namespace cs::archive::schema

#endif  // CS_SERVICES_ARCHIVE_MIGRATIONS_H_

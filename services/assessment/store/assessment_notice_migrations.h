// The assessment schema's migrations (services/assessment/migrations/NNNN_name.sql — the notices'
// 0001 and the records' that follow), embedded into the binary by cs_migrations_library (target
// assessment_migrations, namespace cs::assessment::schema).
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_MIGRATIONS_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_MIGRATIONS_H_

#include <vector>

#include "common/db/migration.h"

namespace cs::assessment::schema {

const std::vector<cs::common::db::Migration>& Migrations();

}  // namespace cs::assessment::schema

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_MIGRATIONS_H_

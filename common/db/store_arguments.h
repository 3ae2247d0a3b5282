// The argument checks every service's store makes before touching its data, the same for the
// in-memory and the MySQL implementation: page sizes, batch limits and unit ids (the unit id
// columns hold 1..64 characters). Pure — no Connector/C++.
#ifndef CS_COMMON_DB_STORE_ARGUMENTS_H_
#define CS_COMMON_DB_STORE_ARGUMENTS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace cs::common::db {

// OK, or INVALID_ARGUMENT naming page_size when it is below 1.
absl::Status CheckPageSize(int page_size);

// OK, or INVALID_ARGUMENT naming limit when it is below 1.
absl::Status CheckLimit(int limit);

// OK, or INVALID_ARGUMENT naming unit_id unless it is 1..64 characters of valid UTF-8.
absl::Status CheckUnitId(absl::string_view unit_id);

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_STORE_ARGUMENTS_H_

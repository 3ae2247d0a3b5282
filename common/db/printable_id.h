// The shape rule for client- or peer-supplied ids stored in ASCII key columns (request_id, message
// ids): 1..max_length printable ASCII characters (0x20..0x7E). Pure (library cs_common_db_ids, no
// Connector/C++), so in-memory stores and cores check ids exactly as the MySQL stores do.
// Stateless; thread-safe.
#ifndef CS_COMMON_DB_PRINTABLE_ID_H_
#define CS_COMMON_DB_PRINTABLE_ID_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace cs::common::db {

// OK, or INVALID_ARGUMENT naming `field` (as a field violation) saying what is wrong. The value
// itself is never echoed: it may be anything a client sent.
absl::Status CheckPrintableId(absl::string_view field, absl::string_view value, size_t max_length);

// The longest request_id (AIP-155) a service accepts: the idempotency_keys column's width.
inline constexpr size_t kMaxRequestIdLength = 64;

// OK, or INVALID_ARGUMENT naming the field "request_id" when it is empty, longer than 64 characters
// or not printable ASCII.
absl::Status ValidateRequestId(absl::string_view request_id);

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_PRINTABLE_ID_H_

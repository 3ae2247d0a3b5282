// Random (version 4) UUIDs for message ids, e.g. "3f2b8c1e-5d4a-4f6b-9a7c-0e1d2c3b4a59".
// Thread-safe.
#ifndef CS_COMMON_DB_UUID_H_
#define CS_COMMON_DB_UUID_H_

#include <string>

#include "absl/strings/string_view.h"

namespace cs::common::db {

// 36 lower-case characters, 122 random bits from OpenSSL's CSPRNG (RAND_bytes), so ids made by two
// replicas never collide in practice and cannot be guessed. Aborts the process if the CSPRNG fails,
// which only happens when the system has no entropy source at all.
std::string NewUuidV4();

// True if `text` has the canonical 8-4-4-4-12 lower- or upper-case hex shape (any version).
bool IsUuid(absl::string_view text);

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_UUID_H_

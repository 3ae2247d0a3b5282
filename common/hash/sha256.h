// SHA-256 digests, used for token hashes, migration checksums, request fingerprints and archived
// content hashes. Stateless and thread-safe.
#ifndef CS_COMMON_HASH_SHA256_H_
#define CS_COMMON_HASH_SHA256_H_

#include <string>

#include "absl/strings/string_view.h"

namespace cs::common {

// Lower-case hex of the SHA-256 of `data` (64 characters).
std::string Sha256Hex(absl::string_view data);

}  // namespace cs::common

#endif  // CS_COMMON_HASH_SHA256_H_

// A request_id (AIP-155) and the fingerprint of the request body it came with: the key of every
// service's idempotent writes. A retry with the same key answers as the first time; the same
// request_id with another fingerprint is another request under a used id (INVALID_ARGUMENT). A
// plain value.
#ifndef CS_COMMON_DB_REQUEST_KEY_H_
#define CS_COMMON_DB_REQUEST_KEY_H_

#include <string>

namespace cs::common::db {

struct RequestKey {
  // 1..64 printable ASCII characters (printable_id.h); compared byte for byte, so ids differing by
  // a trailing space are two requests.
  std::string request_id;
  // SHA-256 hex of the canonical request body (common/api/request_fingerprint.h).
  std::string fingerprint;
};

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_REQUEST_KEY_H_

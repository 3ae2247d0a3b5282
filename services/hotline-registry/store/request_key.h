// A request_id (AIP-155) and the fingerprint of the request body it came with: the key of the
// hotline registry's idempotent writes (registrations, changes, notices, staff, trainings, report
// submissions). A plain value.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_REQUEST_KEY_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_REQUEST_KEY_H_

#include <string>

namespace cs::hotline {

struct RequestKey {
  // 1..64 printable ASCII characters (common/db/printable_id.h); compared byte for byte, so ids
  // differing by a trailing space are two requests.
  std::string request_id;
  // SHA-256 hex of the canonical request body (common/api/request_fingerprint.h).
  std::string fingerprint;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_REQUEST_KEY_H_

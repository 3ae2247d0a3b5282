// A request_id (AIP-155) and the fingerprint of the request body it came with: the key of the
// archive's idempotent writes (corrections, destructions, monthly reports). A plain value.
#ifndef CS_SERVICES_ARCHIVE_STORE_REQUEST_KEY_H_
#define CS_SERVICES_ARCHIVE_STORE_REQUEST_KEY_H_

#include <string>

namespace cs::archive {

struct RequestKey {
  std::string request_id;
  std::string fingerprint;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_REQUEST_KEY_H_

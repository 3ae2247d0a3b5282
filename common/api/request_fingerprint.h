// Fingerprints of API requests, the same in every service: stored with a request_id so a retry with
// another body is recognised (AIP-155), and put into page tokens so a token is only valid for the
// listing it came from (common/api/paging.h). Pure functions; thread-safe.
#ifndef CS_COMMON_API_REQUEST_FINGERPRINT_H_
#define CS_COMMON_API_REQUEST_FINGERPRINT_H_

#include <initializer_list>
#include <string>

#include "absl/strings/string_view.h"
#include "common/db/request_key.h"
#include "google/protobuf/message.h"

namespace cs::common {

// Lower-case hex SHA-256 of the deterministic serialization of `message`.
std::string RequestFingerprint(const google::protobuf::Message& message);

// RequestFingerprint of `request` without its field named "page" (page size and token) and the
// fields named in `also_ignore` (e.g. an audit "reason" that may differ from page to page), so
// every page of one listing shares it.
std::string FilterFingerprint(const google::protobuf::Message& request,
                              std::initializer_list<absl::string_view> also_ignore = {});

// The key of an idempotent call: its request_id and the RequestFingerprint of the whole request
// (request_id included, so the same body under another id is another request).
db::RequestKey RequestKeyOf(const std::string& request_id,
                            const google::protobuf::Message& request);

}  // namespace cs::common

#endif  // CS_COMMON_API_REQUEST_FINGERPRINT_H_

// What the assessment service's store tests (and the cores' tests over the in-memory stores) share,
// notices and records alike: request keys, the options of a keyed or versioned change, times in
// Shanghai, and the ids of what a list returned. The values of each family are in
// assessment_notice_store_test_support.h and assessment_record_store_test_support.h. Header-only;
// tests only.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_STORE_TEST_SUPPORT_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_STORE_TEST_SUPPORT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/types/optional.h"
#include "common/hash/sha256.h"
#include "common/time/calendar_testing.h"
#include "services/assessment/store/assessment_store_support.h"

namespace cs::assessment::testing {

using common::testing::ShanghaiTime;

// A request key whose fingerprint is the SHA-256 of `body`.
inline RequestKey Key(std::string request_id, const std::string& body = "body") {
  return {std::move(request_id), common::Sha256Hex(body)};
}

// A change keyed by `request_id` within `scope`.
inline MutationOptions Keyed(const std::string& request_id, const std::string& scope,
                             const std::string& body = "body") {
  return {Key(request_id, body), scope, absl::nullopt};
}

// An unkeyed change of the record at `version` only.
inline MutationOptions AtVersion(int64_t version) { return {absl::nullopt, "", version}; }

// The ids of `values`, in order.
template <typename T, typename IdOf>
std::vector<int64_t> IdsOf(const std::vector<T>& values, IdOf id_of) {
  std::vector<int64_t> ids;
  for (const T& v : values) ids.push_back(id_of(v));
  return ids;
}

}  // namespace cs::assessment::testing

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_STORE_TEST_SUPPORT_H_

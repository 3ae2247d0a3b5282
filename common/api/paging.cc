#include "common/api/paging.h"

#include <algorithm>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/field_violations.h"

namespace cs::common {
namespace {

// Enough of the filter fingerprint to tell listings apart; the token stays short.
constexpr size_t kTokenFingerprintLength = 16;

}  // namespace

absl::StatusOr<int> PageSizeOf(const cs::common::v1::PageRequest& page, int default_size,
                               int max_size) {
  if (page.page_size() < 0) return InvalidField("page.page_size", "must not be negative");
  return page.page_size() == 0 ? default_size : std::min(page.page_size(), max_size);
}

std::string EncodePageToken(int64_t after_id, absl::string_view filter_fingerprint) {
  return absl::WebSafeBase64Escape(
      absl::StrCat(after_id, ":", filter_fingerprint.substr(0, kTokenFingerprintLength)));
}

absl::StatusOr<int64_t> DecodePageToken(absl::string_view token,
                                        absl::string_view filter_fingerprint) {
  if (token.empty()) return 0;
  std::string decoded;
  int64_t after_id = 0;
  std::vector<std::string> parts;
  if (absl::WebSafeBase64Unescape(token, &decoded)) parts = absl::StrSplit(decoded, ':');
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &after_id) || after_id <= 0) {
    return InvalidField("page.page_token", "is not a token this service issued");
  }
  if (parts[1] != filter_fingerprint.substr(0, kTokenFingerprintLength)) {
    return InvalidField("page.page_token", "belongs to a listing with other filters");
  }
  return after_id;
}

std::string EncodeKeyPageToken(absl::string_view after_key, absl::string_view filter_fingerprint) {
  return absl::WebSafeBase64Escape(
      absl::StrCat("key:", absl::WebSafeBase64Escape(after_key), ":",
                   filter_fingerprint.substr(0, kTokenFingerprintLength)));
}

absl::StatusOr<std::string> DecodeKeyPageToken(absl::string_view token,
                                               absl::string_view filter_fingerprint) {
  if (token.empty()) return std::string();
  std::string decoded;
  std::string after_key;
  std::vector<std::string> parts;
  if (absl::WebSafeBase64Unescape(token, &decoded)) parts = absl::StrSplit(decoded, ':');
  if (parts.size() != 3 || parts[0] != "key" ||
      !absl::WebSafeBase64Unescape(parts[1], &after_key) || after_key.empty()) {
    return InvalidField("page.page_token", "is not a token this service issued");
  }
  if (parts[2] != filter_fingerprint.substr(0, kTokenFingerprintLength)) {
    return InvalidField("page.page_token", "belongs to a listing with other filters");
  }
  return after_key;
}

}  // namespace cs::common

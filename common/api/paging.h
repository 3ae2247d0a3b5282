// Paging of List calls (AIP-158), the same in every service: page sizes with a default and a cap,
// and opaque page tokens that carry where the next page starts (the id of the last item listed;
// most lists run newest first by id, intake's tickets by received time then id) and a fingerprint
// of the filter they belong to, so a token reused with other filters is
// refused instead of silently mixing pages. Pure functions; thread-safe.
#ifndef CS_COMMON_API_PAGING_H_
#define CS_COMMON_API_PAGING_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cs/common/v1/common.pb.h"

namespace cs::common {

// `default_size` for 0, at most `max_size`; INVALID_ARGUMENT naming page.page_size when negative.
absl::StatusOr<int> PageSizeOf(const cs::common::v1::PageRequest& page, int default_size,
                               int max_size);

// A token for the page after the item with id `after_id` of the listing whose filter has
// `filter_fingerprint` (FilterFingerprint in request_fingerprint.h).
std::string EncodePageToken(int64_t after_id, absl::string_view filter_fingerprint);

// 0 for an empty token (the first page); otherwise the after_id of a token EncodePageToken made for
// the same filter. INVALID_ARGUMENT naming page.page_token for a foreign or malformed token, or one
// of a listing with other filters.
absl::StatusOr<int64_t> DecodePageToken(absl::string_view token,
                                        absl::string_view filter_fingerprint);

// The same for listings ordered by a text key instead of an id (e.g. staff by staff number): a
// token for the page after the item whose key is `after_key` (not empty).
std::string EncodeKeyPageToken(absl::string_view after_key, absl::string_view filter_fingerprint);

// "" for an empty token (the first page); otherwise the after_key of a token EncodeKeyPageToken
// made for the same filter. INVALID_ARGUMENT naming page.page_token as DecodePageToken.
absl::StatusOr<std::string> DecodeKeyPageToken(absl::string_view token,
                                               absl::string_view filter_fingerprint);

}  // namespace cs::common

#endif  // CS_COMMON_API_PAGING_H_

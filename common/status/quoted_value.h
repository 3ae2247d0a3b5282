// How an error message shows a value the caller sent: quoted, control characters escaped, and cut
// to a short prefix with the full length named — so a 100 KB value never comes back whole (gRPC
// clients refuse trailers over their metadata limit, and would see RESOURCE_EXHAUSTED instead of
// the error). Pure; thread-safe.
#ifndef CS_COMMON_STATUS_QUOTED_VALUE_H_
#define CS_COMMON_STATUS_QUOTED_VALUE_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace cs::common {

// The most bytes of a value an error message quotes.
inline constexpr size_t kMaxQuotedValueBytes = 48;

// "value", or "first 48 bytes…" (100000 bytes) when longer; never splits a UTF-8 code point.
std::string QuotedValue(absl::string_view value);

}  // namespace cs::common

#endif  // CS_COMMON_STATUS_QUOTED_VALUE_H_

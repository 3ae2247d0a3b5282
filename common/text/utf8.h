// UTF-8 as the suite counts and cuts it: validity by Unicode's table 3-7 (no overlong forms, no
// surrogates, nothing above U+10FFFF), length in code points, and truncation that never splits a
// code point. Pure functions; thread-safe.
#ifndef CS_COMMON_TEXT_UTF8_H_
#define CS_COMMON_TEXT_UTF8_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace cs::common {

// Length in bytes of the well-formed sequence that starts at text[i], or 0 when the bytes there
// are not one (i must be < text.size()).
size_t Utf8SequenceLength(absl::string_view text, size_t i);

bool IsValidUtf8(absl::string_view text);

// Number of code points of valid UTF-8 `text`; -1 when it is not valid UTF-8.
int64_t Utf8Length(absl::string_view text);

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a code point.
// On invalid UTF-8 the cut falls on a byte that does not continue a sequence.
absl::string_view TruncateUtf8(absl::string_view text, size_t max_bytes);

}  // namespace cs::common

#endif  // CS_COMMON_TEXT_UTF8_H_

#include "common/status/text_checks.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/text/utf8.h"

namespace cs::common {
namespace {

bool HasControlCharacter(absl::string_view text, bool allow_newlines) {
  for (unsigned char c : text) {
    if (c == 0x7f) return true;
    if (c < 0x20) {
      if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) continue;
      return true;
    }
  }
  return false;
}

}  // namespace

bool IsBlankText(absl::string_view value) { return absl::StripAsciiWhitespace(value).empty(); }

void CheckText(absl::string_view value, std::string field, int max_chars, TextShape shape,
               FieldViolations& violations) {
  if (value.empty()) return;
  const int64_t length = Utf8Length(value);
  if (length < 0) {
    violations.Add(std::move(field), "is not valid UTF-8");
  } else if (length > max_chars) {
    violations.Add(std::move(field), absl::StrCat("is ", length, " characters long; at most ",
                                                  max_chars, " allowed"));
  } else if (IsBlankText(value)) {
    violations.Add(std::move(field), "must not be blank");
  } else if (HasControlCharacter(value, shape == TextShape::kMultiLine)) {
    violations.Add(std::move(field), "must not contain control characters");
  }
}

}  // namespace cs::common

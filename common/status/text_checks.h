// How the suite checks a free-text field a caller sent (names, descriptions, remarks): valid UTF-8,
// a length counted in characters (code points, so "张" counts once), not only spaces, and — for
// one-line fields — no control characters. Every problem lands in a FieldViolations under the
// field's path. Pure functions; thread-safe.
#ifndef CS_COMMON_STATUS_TEXT_CHECKS_H_
#define CS_COMMON_STATUS_TEXT_CHECKS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "common/status/field_violations.h"

namespace cs::common {

enum class TextShape {
  kOneLine,    // no control characters at all
  kMultiLine,  // newlines and tabs allowed
};

// Adds one violation under `field` when a non-empty `value` is not valid UTF-8, is longer than
// `max_chars` characters, is only spaces, or holds a control character its shape forbids (the
// first of these found). An empty `value` adds nothing: whether a field is required is the
// caller's rule.
void CheckText(absl::string_view value, std::string field, int max_chars, TextShape shape,
               FieldViolations& violations);

// True when `value` is empty or only ASCII whitespace: a required field left blank.
bool IsBlankText(absl::string_view value);

}  // namespace cs::common

#endif  // CS_COMMON_STATUS_TEXT_CHECKS_H_

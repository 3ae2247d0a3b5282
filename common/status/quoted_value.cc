#include "common/status/quoted_value.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/text/utf8.h"

namespace cs::common {

std::string QuotedValue(absl::string_view value) {
  const absl::string_view prefix = TruncateUtf8(value, kMaxQuotedValueBytes);
  std::string shown;
  if (!IsValidUtf8(prefix)) {
    shown = absl::CHexEscape(prefix);
  } else {
    for (char c : prefix) {
      const auto byte = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        shown.push_back('\\');
        shown.push_back(c);
      } else if (byte < 0x20 || byte == 0x7F) {
        absl::StrAppendFormat(&shown, "\\x%02x", byte);
      } else {
        shown.push_back(c);
      }
    }
  }
  if (prefix.size() == value.size()) return absl::StrCat("\"", shown, "\"");
  return absl::StrCat("\"", shown, "…\" (", value.size(), " bytes)");
}

}  // namespace cs::common

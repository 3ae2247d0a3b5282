#include "common/forms/form_text.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace cs::common::forms {

void AppendTitle(std::string& out, absl::string_view title) {
  absl::StrAppend(&out, title, "\n", "========================================\n");
}

void AppendLine(std::string& out, absl::string_view label, absl::string_view value) {
  absl::StrAppend(&out, label, ": ", value, "\n");
}

void AppendBlock(std::string& out, absl::string_view label, absl::string_view text) {
  absl::StrAppend(&out, label, ":\n");
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    absl::StrAppend(&out, "    ", line, "\n");
  }
}

std::string FormatFormTime(const absl::optional<absl::Time>& time, absl::TimeZone zone) {
  return time.has_value() ? absl::FormatTime("%Y-%m-%d %H:%M", *time, zone) : "";
}

std::string FormatFormDate(const absl::optional<absl::Time>& time, absl::TimeZone zone) {
  return time.has_value() ? absl::FormatTime("%Y-%m-%d", *time, zone) : "";
}

}  // namespace cs::common::forms

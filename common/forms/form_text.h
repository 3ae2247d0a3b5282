// The conventions every form of the regulation is printed with as plain text (F1–F4): a title line
// "<Chinese title> <English gloss>" over a rule of '=', then one "<label>: <value>" line per field
// in the form's order (labels Chinese with their English gloss), absent values blank, times as
// "YYYY-MM-DD HH:MM" in the company's zone, and long text as a block indented by four spaces under
// its label. Pure functions; thread-safe.
#ifndef CS_COMMON_FORMS_FORM_TEXT_H_
#define CS_COMMON_FORMS_FORM_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"

namespace cs::common::forms {

// Appends the title line and the rule under it.
void AppendTitle(std::string& out, absl::string_view title);

// Appends "<label>: <value>\n".
void AppendLine(std::string& out, absl::string_view label, absl::string_view value);

// Appends "<label>:\n" and every line of `text` indented by four spaces.
void AppendBlock(std::string& out, absl::string_view label, absl::string_view text);

// "YYYY-MM-DD HH:MM" in `zone`; "" when absent.
std::string FormatFormTime(const absl::optional<absl::Time>& time, absl::TimeZone zone);

// "YYYY-MM-DD" in `zone`; "" when absent.
std::string FormatFormDate(const absl::optional<absl::Time>& time, absl::TimeZone zone);

}  // namespace cs::common::forms

#endif  // CS_COMMON_FORMS_FORM_TEXT_H_

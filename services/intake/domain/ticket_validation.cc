#include "services/intake/domain/ticket_validation.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/quoted_value.h"
#include "common/status/text_checks.h"
#include "common/text/phone_number.h"

namespace cs::intake {
namespace {

std::string Path(absl::string_view prefix, absl::string_view field) {
  return prefix.empty() ? std::string(field) : absl::StrCat(prefix, ".", field);
}

// Checks one text field (common/status/text_checks.h) under its path.
void CheckText(absl::string_view value, absl::string_view field, int max_chars, bool multi_line,
               absl::string_view prefix, common::FieldViolations& violations) {
  common::CheckText(value, Path(prefix, field), max_chars,
                    multi_line ? common::TextShape::kMultiLine : common::TextShape::kOneLine,
                    violations);
}

// RFC 5321's limit on a forward path, in bytes.
constexpr int kMaxEmailBytes = 254;

bool IsEmailLike(absl::string_view text) {
  const size_t at = text.find('@');
  if (at == absl::string_view::npos || at == 0 || at + 1 >= text.size()) return false;
  if (text.find('@', at + 1) != absl::string_view::npos) return false;
  const absl::string_view domain = text.substr(at + 1);
  const size_t dot = domain.find('.');
  if (dot == absl::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

common::FieldViolations ValidateTicketInput(const TicketInput& input,
                                            const common::UnitDirectory& units, absl::Time now,
                                            absl::string_view prefix) {
  common::FieldViolations violations;
  if (input.unit_id.empty()) {
    violations.Add(Path(prefix, "unit_id"), "is required");
  } else if (!units.Contains(input.unit_id)) {
    violations.Add(Path(prefix, "unit_id"),
                   absl::StrCat("names no known unit: ", common::QuotedValue(input.unit_id)));
  }
  if (!common::IsKnownTicketKind(input.kind)) {
    violations.Add(Path(prefix, "kind"),
                   input.kind == TicketKind::kUnspecified
                       ? "is required (CONSULTATION, COMPLAINT or FAULT_REPORT)"
                       : "is not a known ticket kind");
  }
  if (!common::IsKnownChannel(input.channel)) {
    violations.Add(Path(prefix, "channel"), input.channel == Channel::kUnspecified
                                                ? "is required"
                                                : "is not a known channel");
  }
  if (!common::IsKnownReplyChannel(input.reply_channel)) {
    violations.Add(Path(prefix, "reply_channel"), "is not a known reply channel");
  }

  CheckText(input.problem, "problem", TextLimits::kProblem, true, prefix, violations);
  CheckText(input.special_request_note, "special_request_note", TextLimits::kNote, true, prefix,
            violations);
  CheckText(input.contact_person, "contact_person", TextLimits::kName, false, prefix, violations);
  CheckText(input.user_number, "user_number", TextLimits::kNumber, false, prefix, violations);
  CheckText(input.user_name, "user_name", TextLimits::kName, false, prefix, violations);
  CheckText(input.company, "company", TextLimits::kName, false, prefix, violations);
  CheckText(input.address, "address", TextLimits::kAddress, false, prefix, violations);
  CheckText(input.handler, "handler", TextLimits::kName, false, prefix, violations);
  CheckText(input.processor, "processor", TextLimits::kName, false, prefix, violations);
  CheckText(input.reviewer, "reviewer", TextLimits::kName, false, prefix, violations);
  CheckText(input.business_line, "business_line", TextLimits::kNumber, false, prefix, violations);

  struct NumberField {
    absl::string_view name;
    const std::string& value;
  };
  for (const NumberField& field : {NumberField{"device_number", input.device_number},
                                   NumberField{"contact_phone", input.contact_phone}}) {
    if (field.value.empty()) continue;
    if (field.value.size() > static_cast<size_t>(TextLimits::kNumber)) {
      violations.Add(Path(prefix, field.name),
                     absl::StrCat("is longer than ", TextLimits::kNumber, " characters"));
    } else if (!common::IsPhoneLike(field.value)) {
      violations.Add(Path(prefix, field.name), common::DescribePhoneNumberRule());
    }
  }
  if (!input.postal_code.empty() &&
      (input.postal_code.size() != 6 ||
       !std::all_of(input.postal_code.begin(), input.postal_code.end(),
                    [](char c) { return c >= '0' && c <= '9'; }))) {
    violations.Add(Path(prefix, "postal_code"), "must be 6 digits");
  }
  // The text check first: an address of invalid UTF-8 or with a control character in it would
  // otherwise pass the shape test below and reach form F4 and the archive.
  const size_t violations_before_email = violations.violations().size();
  CheckText(input.email, "email", kMaxEmailBytes, false, prefix, violations);
  if (!input.email.empty() && violations.violations().size() == violations_before_email &&
      (input.email.size() > static_cast<size_t>(kMaxEmailBytes) || !IsEmailLike(input.email))) {
    violations.Add(Path(prefix, "email"), "is not an email address");
  }
  // A few minutes of grace: the recording desk's clock and ours need not agree to the second.
  if (input.complained_at.has_value() && *input.complained_at > now + absl::Minutes(5)) {
    violations.Add(Path(prefix, "complained_at"), "is in the future");
  }
  return violations;
}

absl::Status CheckForwardable(const TicketInput& input) {
  common::FieldViolations missing;
  auto require = [&missing](const std::string& value, absl::string_view field) {
    if (absl::StripAsciiWhitespace(value).empty()) {
      missing.Add(std::string(field), "is required before the ticket can be forwarded (A5 6.1)");
    }
  };
  require(input.problem, "problem");
  require(input.device_number, "device_number");
  require(input.contact_phone, "contact_phone");
  require(input.contact_person, "contact_person");
  return missing.ToStatus("the ticket lacks required elements");
}

}  // namespace cs::intake

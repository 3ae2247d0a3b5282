#include "common/text/phone_number.h"

#include "absl/strings/str_cat.h"

namespace cs::common {

bool IsPhoneLike(absl::string_view text, const PhoneNumberRule& rule) {
  int digits = 0;
  bool in_extension = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '+') {
      if (i != 0) return false;
    } else if (c == '#' || c == ',') {
      if (!rule.allow_extension || in_extension || digits == 0) return false;
      in_extension = true;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= rule.min_digits && digits <= rule.max_digits;
}

std::string DescribePhoneNumberRule(const PhoneNumberRule& rule) {
  return absl::StrCat("must be ", rule.min_digits, "-", rule.max_digits,
                      " digits, with only spaces, '-', '(', ')', a leading '+'",
                      rule.allow_extension ? " and an extension after '#' or ','" : "");
}

std::string PhoneDigits(absl::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits;
}

}  // namespace cs::common

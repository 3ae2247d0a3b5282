// Phone numbers as people write them — digits with the usual separators ("021-5888 1234",
// "+86 (21) 5888-1234", "4008-888-888", "10000", "021-58881234#801") — the one shape rule every
// service checks contact phones, device numbers and hotline numbers with. A rule says how many
// digits and whether an extension may follow. Pure functions; thread-safe.
#ifndef CS_COMMON_TEXT_PHONE_NUMBER_H_
#define CS_COMMON_TEXT_PHONE_NUMBER_H_

#include <string>

#include "absl/strings/string_view.h"

namespace cs::common {

struct PhoneNumberRule {
  int min_digits = 3;
  int max_digits = 20;
  // An extension after '#' or ',' ("021-58881234#801"); its digits count toward max_digits.
  bool allow_extension = true;
};

// A contact phone or device number: 3 to 20 digits, an extension allowed.
inline constexpr PhoneNumberRule kContactPhoneRule{};

// True for digits, spaces, '-', '(', ')' and a leading '+' — plus, when the rule allows, one
// extension after '#' or ',' — with rule.min_digits to rule.max_digits digits in all. Letters and
// any other character make it false.
bool IsPhoneLike(absl::string_view text, const PhoneNumberRule& rule = kContactPhoneRule);

// What IsPhoneLike wants, for an error message: "must be 3-20 digits, with only spaces, '-', '(',
// ')', a leading '+' and an extension after '#' or ','".
std::string DescribePhoneNumberRule(const PhoneNumberRule& rule = kContactPhoneRule);

// The digits of `text` in order, separators dropped ("021-5888 1234" -> "02158881234"): two
// spellings of one number compare equal by it.
std::string PhoneDigits(absl::string_view text);

}  // namespace cs::common

#endif  // CS_COMMON_TEXT_PHONE_NUMBER_H_

#include "common/text/phone_number.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

TEST(PhoneNumberTest, I2_PhoneNumbersAllowTheUsualSeparators) {
  for (const char* ok :
       {"10000", "021-5888 1234", "+86 (21) 5888-1234", "021-58881234#801", "13800138000"}) {
    EXPECT_TRUE(IsPhoneLike(ok)) << ok;
  }
  for (const char* bad :
       {"", "12", "abc", "021_5888", "86+123456", "#123", "1234567890123456789012", "123#45#6"}) {
    EXPECT_FALSE(IsPhoneLike(bad)) << bad;
  }
}

TEST(PhoneNumberTest, H1_ARuleSetsTheDigitsAndWhetherAnExtensionMayFollow) {
  const PhoneNumberRule hotline{5, 20, false};
  for (const char* ok : {"021-5888 1234", "4008-888-888", "10000", "800 820 8820"}) {
    EXPECT_TRUE(IsPhoneLike(ok, hotline)) << ok;
  }
  for (const char* bad : {"1000", "4008-888-88A", "4OO8-888-888", "021-58881234#801",
                          "１００００",  // full-width digits are not ASCII digits
                          "hotline", "123456789012345678901"}) {
    EXPECT_FALSE(IsPhoneLike(bad, hotline)) << bad;
  }
  EXPECT_EQ(DescribePhoneNumberRule(hotline),
            "must be 5-20 digits, with only spaces, '-', '(', ')', a leading '+'");
  EXPECT_EQ(DescribePhoneNumberRule(),
            "must be 3-20 digits, with only spaces, '-', '(', ')', a leading '+' and an extension "
            "after '#' or ','");
}

TEST(PhoneNumberTest, DigitsCompareTwoSpellingsOfOneNumber) {
  EXPECT_EQ(PhoneDigits("021-5888 1234"), "02158881234");
  EXPECT_EQ(PhoneDigits("(021) 58881234"), PhoneDigits("021-5888-1234"));
  EXPECT_EQ(PhoneDigits("+86 10000"), "8610000");
}

}  // namespace
}  // namespace cs::common

#include "common/text/utf8.h"

#include "gtest/gtest.h"

namespace cs::common {
namespace {

TEST(Utf8Test, CountsCodePointsOfValidText) {
  EXPECT_EQ(Utf8Length(""), 0);
  EXPECT_EQ(Utf8Length("abc"), 3);
  EXPECT_EQ(Utf8Length("客服中心"), 4);
  EXPECT_EQ(Utf8Length("\xF0\x9F\x98\x80"), 1);  // U+1F600, four bytes.
  EXPECT_TRUE(IsValidUtf8("谢谢您的建议"));
}

TEST(Utf8Test, RefusesWhatTable3_7Forbids) {
  EXPECT_EQ(Utf8Length("\xC0\xAF"), -1);          // overlong '/'
  EXPECT_EQ(Utf8Length("\xED\xA0\x80"), -1);      // a surrogate
  EXPECT_EQ(Utf8Length("\xF4\x90\x80\x80"), -1);  // above U+10FFFF
  EXPECT_EQ(Utf8Length("\xE5\xAE"), -1);          // cut short
  EXPECT_EQ(Utf8Length("\xff"), -1);
  EXPECT_FALSE(IsValidUtf8("ok\x80"));
}

TEST(Utf8Test, TruncatesOnlyBetweenCodePoints) {
  const std::string text = "客服中心";  // 3 bytes each
  EXPECT_EQ(TruncateUtf8(text, 12), text);
  EXPECT_EQ(TruncateUtf8(text, 7), "客服");
  EXPECT_EQ(TruncateUtf8(text, 6), "客服");
  EXPECT_EQ(TruncateUtf8(text, 2), "");
  EXPECT_EQ(TruncateUtf8("abcdef", 4), "abcd");
  EXPECT_TRUE(IsValidUtf8(TruncateUtf8("a客服中心", 5)));
}

}  // namespace
}  // namespace cs::common

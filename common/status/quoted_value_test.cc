#include "common/status/quoted_value.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

TEST(QuotedValueTest, ShortValuesAreQuotedWhole) {
  EXPECT_EQ(QuotedValue("broadband"), "\"broadband\"");
  EXPECT_EQ(QuotedValue("宽带"), "\"宽带\"");
  EXPECT_EQ(QuotedValue("a \"b\"\n"), "\"a \\\"b\\\"\\x0a\"");
}

// Issue 10: a 100 KB unit id came back whole in the message and the details.
TEST(QuotedValueTest, LongValuesAreCutToAPrefixNamingTheirLength) {
  const std::string huge(100000, 'x');
  const std::string quoted = QuotedValue(huge);
  EXPECT_THAT(quoted, HasSubstr("(100000 bytes)"));
  EXPECT_LT(quoted.size(), 80u);
  // Never inside a code point: 客 is three bytes, 48 is a multiple of three only by chance here.
  const std::string chinese = std::string("a") + std::string(30, 'b') + "客服中心客服中心";
  EXPECT_THAT(QuotedValue(chinese), HasSubstr("…"));
}

TEST(QuotedValueTest, InvalidUtf8IsHexEscaped) {
  EXPECT_EQ(QuotedValue("\xff\xfe"), "\"\\xff\\xfe\"");
}

}  // namespace
}  // namespace cs::common

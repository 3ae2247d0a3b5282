#include "common/status/text_checks.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<FieldViolation> Check(absl::string_view value, int max_chars, TextShape shape) {
  FieldViolations violations;
  CheckText(value, "form.name", max_chars, shape, violations);
  return violations.violations();
}

TEST(TextChecksTest, LengthsCountCharactersNotBytes) {
  EXPECT_THAT(Check("张三", 2, TextShape::kOneLine), IsEmpty());
  EXPECT_THAT(Check("张三丰", 2, TextShape::kOneLine),
              ElementsAre(FieldViolation{"form.name", "is 3 characters long; at most 2 allowed"}));
}

TEST(TextChecksTest, EmptyIsTheCallersRuleBlankAndControlCharactersAreNot) {
  EXPECT_THAT(Check("", 10, TextShape::kOneLine), IsEmpty());
  EXPECT_THAT(Check("   ", 10, TextShape::kOneLine),
              ElementsAre(FieldViolation{"form.name", "must not be blank"}));
  EXPECT_THAT(Check("a\nb", 10, TextShape::kOneLine),
              ElementsAre(FieldViolation{"form.name", "must not contain control characters"}));
  EXPECT_THAT(Check("a\nb\tc", 10, TextShape::kMultiLine), IsEmpty());
  EXPECT_THAT(Check("a\x01", 10, TextShape::kMultiLine),
              ElementsAre(FieldViolation{"form.name", "must not contain control characters"}));
  EXPECT_THAT(Check("\xff", 10, TextShape::kOneLine),
              ElementsAre(FieldViolation{"form.name", "is not valid UTF-8"}));
  EXPECT_TRUE(IsBlankText(" \t"));
  EXPECT_FALSE(IsBlankText(" 张 "));
}

}  // namespace
}  // namespace cs::common

// H8: the phrase-scoring data file — the shipped one loads; a bad entry is refused with its line.
#include "services/hotline-registry/config/hotline_phrases_file.h"

#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::hotline {
namespace {

using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string Write(const std::string& text) {
  const std::string path =
      absl::StrCat(::testing::TempDir(), "/hotline_phrases_",
                   ::testing::UnitTest::GetInstance()->current_test_info()->name(), ".textproto");
  std::ofstream(path) << text;
  return path;
}

TEST(HotlinePhrasesFileTest, H8_TheShippedFileLoads) {
  ASSERT_OK_AND_ASSIGN(
      PhraseConfig config,
      LoadHotlinePhrases(CS_SOURCE_DIR "/deploy/config/hotline_phrases.textproto"));
  EXPECT_THAT(config.suggestion_keywords,
              ::testing::IsSupersetOf({"建议", "意见", "批评", "投诉"}));
  EXPECT_THAT(config.department_names, IsEmpty());
  EXPECT_EQ(config.department_max_chars, 20);
}

TEST(HotlinePhrasesFileTest, H8_ABadEntryIsRefusedWithItsLine) {
  const std::string path = Write(
      "suggestion_keywords: \"建议\"\n"
      "suggestion_keywords: \"，。\"\n"
      "suggestion_keywords: \"建议！\"\n"
      "greeting_department { max_chars: 80 }\n");
  EXPECT_THAT(LoadHotlinePhrases(path),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr(":2: suggestion_keywords[1]"),
                             HasSubstr(":3: suggestion_keywords[2]"), HasSubstr("repeats"),
                             HasSubstr(":4: greeting_department.max_chars"))));
  EXPECT_THAT(LoadHotlinePhrases(Write("greeting_department { names: \"宽带\" }\n")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("suggestion_keywords")));
  EXPECT_THAT(LoadHotlinePhrases(Write("suggestion_keyword: \"建议\"\n")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(":1:")));
  EXPECT_THAT(LoadHotlinePhrases("/nonexistent/hotline_phrases.textproto"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(HotlinePhrasesFileTest, H8_ListedDepartmentsAreAcceptedWhateverTheirLength) {
  ASSERT_OK_AND_ASSIGN(PhraseConfig config,
                       LoadHotlinePhrases(Write("suggestion_keywords: \"建议\"\n"
                                                "greeting_department {\n"
                                                "  names: \"互联网部市场拓展处客户服务中心\"\n"
                                                "  max_chars: 5\n"
                                                "}\n")));
  EXPECT_THAT(config.department_names, ElementsAre("互联网部市场拓展处客户服务中心"));
  EXPECT_EQ(config.department_max_chars, 17);  // 15 characters and 部门
}

}  // namespace
}  // namespace cs::hotline

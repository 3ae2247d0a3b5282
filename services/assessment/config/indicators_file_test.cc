// S5, S6: the assessment indicator data file — the shipped one loads; a bad indicator or set is
// refused with file, line and field.
#include "services/assessment/config/indicators_file.h"

#include <fstream>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::StatusIs;
using ::cs::config::v1::AssessmentIndicators;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsNull;
using ::testing::Not;
using ::testing::NotNull;

constexpr char kShippedFile[] = CS_SOURCE_DIR "/deploy/config/assessment_indicators.textproto";

std::string Write(const std::string& text) {
  const std::string path =
      absl::StrCat(::testing::TempDir(), "/assessment_indicators_",
                   ::testing::UnitTest::GetInstance()->current_test_info()->name(), ".textproto");
  std::ofstream(path) << text;
  return path;
}

// Two valid indicators, one of each rule, for the tests to build on.
constexpr char kTwoIndicators[] =
    "indicators {\n"                                        // 1
    "  id: \"hotline_connection_rate\"\n"                   // 2
    "  name: \"服务热线接通率\"\n"                          // 3
    "  name_en: \"Hotline connection rate\"\n"              // 4
    "  clause: \"A2 7.5\"\n"                                // 5
    "  source: INDICATOR_SOURCE_HOTLINE_CONNECTION_RATE\n"  // 6
    "  rule: SCORING_RULE_PERCENT_OF_TARGET\n"              // 7
    "  target_percent: 80\n"                                // 8
    "}\n"                                                   // 9
    "indicators {\n"                                        // 10
    "  id: \"rectification_on_time\"\n"                     // 11
    "  name: \"整改措施按时回复\"\n"                        // 12
    "  name_en: \"Rectification on time\"\n"                // 13
    "  clause: \"M 7.13\"\n"                                // 14
    "  source: INDICATOR_SOURCE_RECTIFICATION_ON_TIME\n"    // 15
    "  rule: SCORING_RULE_DEDUCTION_PER_FINDING\n"          // 16
    "  deduction_percent_per_finding: 25\n"                 // 17
    "  department_choice: true\n"                           // 18
    "}\n";                                                  // 19

std::string Set(const std::string& name, int connection_weight, int rectification_weight) {
  return absl::StrCat(
      "sets {\n  name: \"", name, "\"\n  title: \"考核\"\n",
      "  indicators { indicator: \"hotline_connection_rate\" weight: ", connection_weight, " }\n",
      "  indicators { indicator: \"rectification_on_time\" weight: ", rectification_weight,
      " }\n}\n");
}

TEST(AssessmentIndicatorsFileTest, S5_TheShippedFileLoads) {
  ASSERT_OK_AND_ASSIGN(AssessmentIndicators file, LoadAssessmentIndicators(kShippedFile));

  // Every source has an indicator.
  std::set<int> sources;
  for (const auto& indicator : file.indicators()) sources.insert(indicator.source());
  for (int source = 1; cs::config::v1::IndicatorSource_IsValid(source); ++source) {
    EXPECT_TRUE(sources.contains(source)) << cs::config::v1::IndicatorSource_Name(
        static_cast<cs::config::v1::IndicatorSource>(source));
  }

  // The regulation's figures.
  const auto* connection = FindIndicator(file, "hotline_connection_rate");
  ASSERT_THAT(connection, NotNull());
  EXPECT_EQ(connection->clause(), "A2 7.5");
  EXPECT_EQ(connection->target_percent(), 80);
  EXPECT_FALSE(connection->department_choice());
  const auto* forwarding = FindIndicator(file, "forwarding_on_time");
  ASSERT_THAT(forwarding, NotNull());
  EXPECT_EQ(forwarding->clause(), "A5 6.3");
  EXPECT_EQ(forwarding->target_percent(), 100);
  EXPECT_FALSE(forwarding->department_choice());
  const auto* satisfaction = FindIndicator(file, "satisfaction");
  ASSERT_THAT(satisfaction, NotNull());
  EXPECT_TRUE(satisfaction->department_choice());
  EXPECT_THAT(FindIndicator(file, "no_such_indicator"), IsNull());

  // The monthly scorecard holds every indicator; the S6 example set is there too.
  const auto* monthly = FindIndicatorSet(file, kMonthlySetName);
  ASSERT_THAT(monthly, NotNull());
  EXPECT_EQ(monthly->indicators_size(), file.indicators_size());
  int total = 0;
  for (const auto& entry : monthly->indicators()) total += entry.weight();
  EXPECT_EQ(total, 100);
  EXPECT_THAT(FindIndicatorSet(file, "blue_book_service_quality"), NotNull());
  EXPECT_THAT(FindIndicatorSet(file, "no_such_set"), IsNull());
}

TEST(AssessmentIndicatorsFileTest, S5_AValidFileLoads) {
  ASSERT_OK_AND_ASSIGN(AssessmentIndicators file,
                       LoadAssessmentIndicators(Write(absl::StrCat(
                           kTwoIndicators, Set("monthly", 60, 40), Set("blue_book_x", 99, 1)))));
  EXPECT_EQ(file.indicators_size(), 2);
  EXPECT_EQ(file.sets_size(), 2);
}

TEST(AssessmentIndicatorsFileTest, S5_IdsMissingRepeatedOrNotLowerSnakeAreRefusedWithTheirLine) {
  const std::string path =
      Write(absl::StrCat("indicators {\n"                                        // 1
                         "  name: \"a\" name_en: \"a\" clause: \"M 7.13\"\n"     // 2
                         "  source: INDICATOR_SOURCE_RECTIFICATION_ON_TIME\n"    // 3
                         "  rule: SCORING_RULE_DEDUCTION_PER_FINDING\n"          // 4
                         "  deduction_percent_per_finding: 10\n"                 // 5
                         "}\n",                                                  // 6
                         kTwoIndicators,                                         // 7-25
                         "indicators {\n"                                        // 26
                         "  id: \"hotline_connection_rate\"\n"                   // 27
                         "  name: \"a\" name_en: \"a\" clause: \"A2 7.5\"\n"     // 28
                         "  source: INDICATOR_SOURCE_HOTLINE_CONNECTION_RATE\n"  // 29
                         "  rule: SCORING_RULE_PERCENT_OF_TARGET\n"              // 30
                         "  target_percent: 90\n"                                // 31
                         "}\n"                                                   // 32
                         "indicators {\n"                                        // 33
                         "  id: \"Hotline-Rate\"\n"                              // 34
                         "  name: \"a\" name_en: \"a\" clause: \"A2 7.5\"\n"     // 35
                         "  source: INDICATOR_SOURCE_HOTLINE_CONNECTION_RATE\n"  // 36
                         "  rule: SCORING_RULE_PERCENT_OF_TARGET\n"              // 37
                         "  target_percent: 90\n"                                // 38
                         "}\n",                                                  // 39
                         Set("monthly", 50, 50)));
  EXPECT_THAT(LoadAssessmentIndicators(path),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr(absl::StrCat(path, ":1: indicators[0].id: is required")),
                             HasSubstr(":27: indicators[3].id: \"hotline_connection_rate\" is "
                                       "already the id of indicators[1]"),
                             HasSubstr(":34: indicators[4].id: \"Hotline-Rate\" is not "
                                       "lower_snake_case"))));
  for (const char* id : {"_a", "a_", "a__b", "1a", "a b", "aB"}) {
    EXPECT_THAT(LoadAssessmentIndicators(
                    Write(absl::StrCat("indicators { id: \"", id,
                                       "\" name: \"a\" name_en: \"a\" clause: \"M 7.13\" "
                                       "source: INDICATOR_SOURCE_RECTIFICATION_ON_TIME rule: "
                                       "SCORING_RULE_DEDUCTION_PER_FINDING "
                                       "deduction_percent_per_finding: 10 }\n",
                                       kTwoIndicators, Set("monthly", 50, 50)))),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(":1: indicators[0].id: \"")))
        << id;
  }
}

TEST(AssessmentIndicatorsFileTest, S5_AnUnknownOrUnspecifiedSourceIsRefused) {
  const std::string indicators = std::string(kTwoIndicators) +
                                 "indicators {\n"                                     // 20
                                 "  id: \"no_source\"\n"                              // 21
                                 "  name: \"a\" name_en: \"a\" clause: \"M 7.13\"\n"  // 22
                                 "  rule: SCORING_RULE_PERCENT_OF_TARGET\n"           // 23
                                 "  target_percent: 90\n"                             // 24
                                 "}\n"                                                // 25
                                 "indicators {\n"                                     // 26
                                 "  id: \"unknown_source\"\n"                         // 27
                                 "  name: \"a\" name_en: \"a\" clause: \"M 7.13\"\n"  // 28
                                 "  source: 999\n"                                    // 29
                                 "  rule: SCORING_RULE_PERCENT_OF_TARGET\n"           // 30
                                 "  target_percent: 90\n"                             // 31
                                 "}\n";                                               // 32
  EXPECT_THAT(
      LoadAssessmentIndicators(Write(indicators + Set("monthly", 50, 50))),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr(":20: indicators[2].source: is required"),
                     HasSubstr(":29: indicators[3].source: 999 is not a known IndicatorSource"))));
  // A name the proto does not know is refused by the parser, with its line and column.
  EXPECT_THAT(LoadAssessmentIndicators(
                  Write(absl::StrCat("indicators {\n  id: \"x\"\n  source: HOTLINE_ANSWER_RATE "
                                     "rule: SCORING_RULE_PERCENT_OF_TARGET\n}\n"))),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr(":3:"), HasSubstr("Unknown enumeration value of "
                                                         "\"HOTLINE_ANSWER_RATE\" for field "
                                                         "\"source\""))));
}

TEST(AssessmentIndicatorsFileTest, S5_ARuleThatDoesNotFitItsSourceOrATargetOutOfRangeIsRefused) {
  const std::string path =
      Write(absl::StrCat("indicators {\n"                                                // 1
                         "  id: \"count_as_percent\"\n"                                  // 2
                         "  name: \"a\" name_en: \"a\" clause: \"M 7.12\"\n"             // 3
                         "  source: INDICATOR_SOURCE_PARTNER_FINDINGS\n"                 // 4
                         "  rule: SCORING_RULE_PERCENT_OF_TARGET\n"                      // 5
                         "  target_percent: 90\n"                                        // 6
                         "}\n"                                                           // 7
                         "indicators {\n"                                                // 8
                         "  id: \"over_100\"\n"                                          // 9
                         "  name: \"a\" name_en: \"a\" clause: \"M 7.14\"\n"             // 10
                         "  source: INDICATOR_SOURCE_SATISFACTION\n"                     // 11
                         "  rule: SCORING_RULE_PERCENT_OF_TARGET\n"                      // 12
                         "  target_percent: 101\n"                                       // 13
                         "}\n"                                                           // 14
                         "indicators {\n"                                                // 15
                         "  id: \"loosened\"\n"                                          // 16
                         "  name: \"a\" name_en: \"a\" clause: \"A2 7.5\"\n"             // 17
                         "  source: INDICATOR_SOURCE_HOTLINE_CONNECTION_RATE\n"          // 18
                         "  rule: SCORING_RULE_PERCENT_OF_TARGET\n"                      // 19
                         "  target_percent: 79.5\n"                                      // 20
                         "}\n"                                                           // 21
                         "indicators {\n"                                                // 22
                         "  id: \"zero_deduction\"\n"                                    // 23
                         "  name: \"a\" name_en: \"a\" clause: \"M 7.6\"\n"              // 24
                         "  source: INDICATOR_SOURCE_MAINTENANCE_NOTICE_ON_TIME\n"       // 25
                         "  rule: SCORING_RULE_DEDUCTION_PER_FINDING\n"                  // 26
                         "  deduction_percent_per_finding: 0\n"                          // 27
                         "}\n"                                                           // 28
                         "indicators {\n"                                                // 29
                         "  id: \"wrong_target_field\"\n"                                // 30
                         "  name: \"a\" name_en: \"a\" clause: \"M 7.7\"\n"              // 31
                         "  source: INDICATOR_SOURCE_LAUNCH_REVIEWED\n"                  // 32
                         "  rule: SCORING_RULE_DEDUCTION_PER_FINDING\n"                  // 33
                         "  target_percent: 50\n"                                        // 34
                         "}\n"                                                           // 35
                         "indicators {\n"                                                // 36
                         "  id: \"no_target_no_rule\"\n"                                 // 37
                         "  name: \"a\" name_en: \"a\" clause: \"A3 7.1\"\n"             // 38
                         "  source: INDICATOR_SOURCE_CHANNEL_FAULTS_REPAIRED_IN_TIME\n"  // 39
                         "}\n"                                                           // 40
                         "indicators {\n"                                                // 41
                         "  id: \"no_target\"\n"                                         // 42
                         "  name: \"a\" name_en: \"a\" clause: \"A1 7.4.1\"\n"           // 43
                         "  source: INDICATOR_SOURCE_ARCHIVE_MONTHLY_REPORT_ON_TIME\n"   // 44
                         "  rule: SCORING_RULE_PERCENT_OF_TARGET\n"                      // 45
                         "}\n"                                                           // 46
                         "indicators {\n"                                                // 47
                         "  id: \"unnamed\"\n"                                           // 48
                         "  clause: \"A4 7.10\"\n"                                       // 49
                         "  source: INDICATOR_SOURCE_HOTLINE_PHRASE_USE\n"               // 50
                         "  rule: SCORING_RULE_PERCENT_OF_TARGET\n"                      // 51
                         "  target_percent: 90\n"                                        // 52
                         "}\n"                                                           // 53
                         "indicators {\n"                                                // 54
                         "  id: \"bad_clause\"\n"                                        // 55
                         "  name: \"a\" name_en: \"a\" clause: \"附件二 7.5\"\n"         // 56
                         "  source: INDICATOR_SOURCE_HOTLINE_CONNECTION_RATE\n"          // 57
                         "  rule: SCORING_RULE_PERCENT_OF_TARGET\n"                      // 58
                         "  target_percent: 80\n"                                        // 59
                         "}\n",                                                          // 60
                         kTwoIndicators, Set("monthly", 50, 50)));
  EXPECT_THAT(
      LoadAssessmentIndicators(path),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          AllOf(HasSubstr(":5: indicators[0].rule: SCORING_RULE_PERCENT_OF_TARGET does not fit "
                          "source INDICATOR_SOURCE_PARTNER_FINDINGS, whose figure is a count of "
                          "findings: use "
                          "SCORING_RULE_DEDUCTION_PER_FINDING"),
                HasSubstr(":13: indicators[1].target_percent: must be above 0 and at most 100"),
                HasSubstr(":20: indicators[2].target_percent: may not be below 80 (A2 7.5"),
                HasSubstr(":27: indicators[3].deduction_percent_per_finding: must be above 0"),
                HasSubstr(":34: indicators[4].target_percent: is for "
                          "SCORING_RULE_PERCENT_OF_TARGET"),
                HasSubstr(":36: indicators[5].rule: is required"),
                HasSubstr(":41: indicators[6].target_percent: is required for "
                          "SCORING_RULE_PERCENT_OF_TARGET"),
                HasSubstr(":47: indicators[7].name: is required"),
                HasSubstr(":47: indicators[7].name_en: is required"),
                HasSubstr(":56: indicators[8].clause: \"附件二 7.5\" is not a clause"))));
  // Clauses as the regulation writes them are accepted.
  for (const char* clause : {"M 7.17.2", "A3 7.5.3", "M 7.15, 7.16"}) {
    EXPECT_OK(LoadAssessmentIndicators(
        Write(absl::StrCat("indicators { id: \"a\" name: \"a\" name_en: \"a\" clause: \"", clause,
                           "\" source: INDICATOR_SOURCE_SATISFACTION rule: "
                           "SCORING_RULE_PERCENT_OF_TARGET target_percent: 85 }\n",
                           kTwoIndicators, Set("monthly", 50, 50)))))
        << clause;
  }
  for (const char* clause : {"M7.13", "M 7.", "M 7..1", "B 7.1", "M 7.15,7.16", "A2 "}) {
    EXPECT_THAT(LoadAssessmentIndicators(Write(absl::StrCat(
                    "indicators { id: \"a\" name: \"a\" name_en: \"a\" clause: \"", clause,
                    "\" source: INDICATOR_SOURCE_SATISFACTION rule: SCORING_RULE_PERCENT_OF_TARGET "
                    "target_percent: 85 }\n",
                    kTwoIndicators, Set("monthly", 50, 50)))),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is not a clause")))
        << clause;
  }
}

TEST(AssessmentIndicatorsFileTest, S5_ASetWhoseWeightsDoNotAddUpTo100IsRefusedNamingTheSetAndSum) {
  const std::string path = Write(absl::StrCat(kTwoIndicators, Set("monthly", 50, 50),  // 20-25
                                              Set("blue_book_quality", 60, 30)));      // 26-31
  EXPECT_THAT(LoadAssessmentIndicators(path),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(absl::StrCat(path,
                                              ":26: sets[1]: the weights of set "
                                              "\"blue_book_quality\" add up to 90; they must add "
                                              "up to 100"))));
  EXPECT_THAT(LoadAssessmentIndicators(Write(absl::StrCat(kTwoIndicators, Set("monthly", 100, 1)))),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("sets[0]: the weights of set \"monthly\" add up to 101")));
}

TEST(AssessmentIndicatorsFileTest, S5_AWeightOfZeroOrLessIsRefused) {
  const std::string path =
      Write(absl::StrCat(kTwoIndicators, Set("monthly", 100, 0), Set("blue_book_x", 110, -10)));
  EXPECT_THAT(LoadAssessmentIndicators(path),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr(":24: sets[0].indicators[1].weight: must be above 0"),
                             HasSubstr(":30: sets[1].indicators[1].weight: must be above 0"),
                             // The total of a set with a bad weight says nothing more.
                             Not(HasSubstr("add up to")))));
}

TEST(AssessmentIndicatorsFileTest, S5_ASetNamingAnUnknownIndicatorOrOneTwiceIsRefused) {
  const std::string path = Write(
      absl::StrCat(kTwoIndicators,
                   "sets {\n"                                                              // 20
                   "  name: \"monthly\"\n"                                                 // 21
                   "  title: \"月度考核\"\n"                                               // 22
                   "  indicators { indicator: \"hotline_connection_rate\" weight: 40 }\n"  // 23
                   "  indicators { indicator: \"satisfaction\" weight: 20 }\n"             // 24
                   "  indicators { indicator: \"hotline_connection_rate\" weight: 20 }\n"  // 25
                   "  indicators { weight: 20 }\n"                                         // 26
                   "}\n"));
  EXPECT_THAT(
      LoadAssessmentIndicators(path),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr(":24: sets[0].indicators[1].indicator: \"satisfaction\" is no "
                               "indicator of this file"),
                     HasSubstr(":25: sets[0].indicators[2].indicator: \"hotline_connection_rate\" "
                               "is already in set \"monthly\" (sets[0].indicators[0])"),
                     HasSubstr(":26: sets[0].indicators[3].indicator: is required"))));
}

TEST(AssessmentIndicatorsFileTest, S5_AFileWithoutTheMonthlySetIsRefused) {
  EXPECT_THAT(
      LoadAssessmentIndicators(Write(absl::StrCat(kTwoIndicators, Set("blue_book_x", 50, 50)))),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr(":20: sets: is required: a set named \"monthly\"")));
  EXPECT_THAT(LoadAssessmentIndicators(Write(kTwoIndicators)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(":0: sets: is required: a set named \"monthly\"")));
  EXPECT_THAT(
      LoadAssessmentIndicators(Write("")),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("indicators: is required"), HasSubstr("sets: is required"))));
}

TEST(AssessmentIndicatorsFileTest, S6_BlueBookSetsAreFurtherNamedSetsEachNamedOnce) {
  ASSERT_OK_AND_ASSIGN(
      AssessmentIndicators file,
      LoadAssessmentIndicators(Write(
          absl::StrCat(kTwoIndicators, Set("monthly", 50, 50), Set("blue_book_quality", 90, 10)))));
  const auto* blue_book = FindIndicatorSet(file, "blue_book_quality");
  ASSERT_THAT(blue_book, NotNull());
  EXPECT_EQ(blue_book->indicators(0).weight(), 90);

  const std::string path = Write(absl::StrCat(kTwoIndicators, Set("monthly", 50, 50),  // 20-25
                                              Set("monthly", 50, 50),                  // 26-31
                                              Set("Blue Book", 50, 50),                // 32-37
                                              "sets { title: \"x\" }\n"));             // 38
  EXPECT_THAT(
      LoadAssessmentIndicators(path),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr(":27: sets[1].name: \"monthly\" is already the name of sets[0]"),
                     HasSubstr(":33: sets[2].name: \"Blue Book\" is not lower_snake_case"),
                     HasSubstr(":38: sets[3].name: is required"),
                     HasSubstr(":38: sets[3].indicators: is required"))));
}

TEST(AssessmentIndicatorsFileTest, S5_ASyntaxErrorOrAMissingFileIsRefused) {
  EXPECT_THAT(LoadAssessmentIndicators(Write("indicators {\n  idd: \"x\"\n}\n")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(":2:")));
  EXPECT_THAT(LoadAssessmentIndicators("/nonexistent/assessment_indicators.textproto"),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace cs::assessment

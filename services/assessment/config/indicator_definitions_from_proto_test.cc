// S5, S6: the indicator file becomes the scorecard domain's plain definitions, and the shipped
// file's monthly and blue-book sets score a unit's month with their own weights.
#include "services/assessment/config/indicator_definitions_from_proto.h"

#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/config/indicators_file.h"
#include "services/assessment/domain/scorecard.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::StatusIs;
using ::cs::config::v1::AssessmentIndicators;
using ::testing::HasSubstr;
using ::testing::NotNull;
using ::testing::Optional;

constexpr char kShippedFile[] = CS_SOURCE_DIR "/deploy/config/assessment_indicators.textproto";

TEST(IndicatorDefinitionsFromProtoTest, S5_TheShippedFileConvertsToPlainDefinitions) {
  ASSERT_OK_AND_ASSIGN(AssessmentIndicators file, LoadAssessmentIndicators(kShippedFile));
  ASSERT_OK_AND_ASSIGN(IndicatorDefinitions definitions, IndicatorDefinitionsFromProto(file));
  ASSERT_EQ(definitions.indicators.size(), static_cast<size_t>(file.indicators_size()));
  ASSERT_EQ(definitions.sets.size(), static_cast<size_t>(file.sets_size()));

  const IndicatorDefinition* connection =
      FindIndicatorDefinition(definitions.indicators, "hotline_connection_rate");
  ASSERT_THAT(connection, NotNull());
  EXPECT_EQ(connection->name, "服务热线接通率");
  EXPECT_EQ(connection->name_en, "Hotline connection rate");
  EXPECT_EQ(connection->clause, "A2 7.5");
  EXPECT_EQ(connection->source, IndicatorSource::kHotlineConnectionRate);
  EXPECT_EQ(SourceService(connection->source), "hotline-registry");
  EXPECT_EQ(connection->rule, ScoringRule::kPercentOfTarget);
  EXPECT_EQ(connection->target_percent, 80);
  EXPECT_EQ(connection->deduction_percent_per_finding, 0);
  EXPECT_FALSE(connection->department_choice);

  const IndicatorDefinition* rectification =
      FindIndicatorDefinition(definitions.indicators, "rectification_on_time");
  ASSERT_THAT(rectification, NotNull());
  EXPECT_EQ(rectification->rule, ScoringRule::kDeductionPerFinding);
  EXPECT_EQ(rectification->deduction_percent_per_finding, 25);
  EXPECT_EQ(rectification->target_percent, 0);
  EXPECT_EQ(SourceService(rectification->source), "assessment");
  EXPECT_TRUE(rectification->department_choice);

  const IndicatorSetDefinition* monthly =
      FindIndicatorSetDefinition(definitions.sets, kMonthlySetName);
  ASSERT_THAT(monthly, NotNull());
  EXPECT_EQ(monthly->title, "月度客户服务考核");
  ASSERT_EQ(monthly->indicators.size(), 17u);
  EXPECT_EQ(monthly->indicators[0], (WeightedIndicator{"forwarding_on_time", 10}));
}

TEST(IndicatorDefinitionsFromProtoTest, S5_EverySourceHasItsService) {
  for (int value = 1; cs::config::v1::IndicatorSource_IsValid(value); ++value) {
    const auto source = static_cast<cs::config::v1::IndicatorSource>(value);
    ASSERT_OK_AND_ASSIGN(IndicatorSource converted, IndicatorSourceFromProto(source));
    const std::string name = cs::config::v1::IndicatorSource_Name(source);
    const absl::string_view service = SourceService(converted);
    // The proto's names start with the owning service for every figure not the assessment's own.
    if (name.rfind("INDICATOR_SOURCE_INTAKE_", 0) == 0) {
      EXPECT_EQ(service, "intake") << name;
    } else if (name.rfind("INDICATOR_SOURCE_ROUTING_", 0) == 0) {
      EXPECT_EQ(service, "routing") << name;
    } else if (name.rfind("INDICATOR_SOURCE_ARCHIVE_", 0) == 0) {
      EXPECT_EQ(service, "archive") << name;
    } else if (name.rfind("INDICATOR_SOURCE_HOTLINE_", 0) == 0) {
      EXPECT_EQ(service, "hotline-registry") << name;
    } else if (name.rfind("INDICATOR_SOURCE_CHANNEL_", 0) == 0) {
      EXPECT_EQ(service, "channel-registry") << name;
    } else {
      EXPECT_EQ(service, "assessment") << name;
    }
  }
  EXPECT_THAT(IndicatorSourceFromProto(cs::config::v1::INDICATOR_SOURCE_UNSPECIFIED),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("source")));
  EXPECT_THAT(IndicatorSourceFromProto(static_cast<cs::config::v1::IndicatorSource>(999)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("999")));

  cs::config::v1::Indicator no_rule;
  no_rule.set_source(cs::config::v1::INDICATOR_SOURCE_SATISFACTION);
  EXPECT_THAT(IndicatorDefinitionFromProto(no_rule),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("rule")));
}

TEST(IndicatorDefinitionsFromProtoTest, S5_AnInvalidFileIsRefusedNamingItsFields) {
  ASSERT_OK_AND_ASSIGN(AssessmentIndicators file, LoadAssessmentIndicators(kShippedFile));
  file.mutable_sets(0)->mutable_indicators(0)->set_weight(11);
  file.mutable_indicators(2)->set_rule(cs::config::v1::SCORING_RULE_UNSPECIFIED);
  EXPECT_THAT(IndicatorDefinitionsFromProto(file),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       testing::AllOf(HasSubstr("sets[0]"), HasSubstr("add up to 101"),
                                      HasSubstr("indicators[2].rule"))));
}

// A unit's month, one figure per indicator of the shipped file (the same month as
// services/assessment/domain/scorecard_test.cc's S5_AScorecardComputedByHand).
ScorecardInputs AMonth(const IndicatorDefinitions& definitions) {
  struct Figure {
    const char* id;
    double numerator;
    double denominator;
    int64_t findings;
  };
  const std::vector<Figure> figures = {
      {"forwarding_on_time", 45, 50, 0},
      {"dispatch_on_time", 20, 20, 0},
      {"archive_report_on_time", 1, 1, 0},
      {"archive_completeness", 38, 40, 0},
      {"hotline_connection_rate", 760, 1000, 0},
      {"hotline_phrase_use", 92, 100, 0},
      {"hotline_report_on_time", 1, 2, 0},
      {"channel_filings_accurate", 3, 4, 0},
      {"channel_checks_on_schedule", 0, 0, 0},
      {"channel_faults_repaired_in_time", 2, 3, 0},
      {"channel_report_on_time", 4, 4, 0},
      {"rectification_on_time", 0, 0, 1},
      {"maintenance_notice_on_time", 0, 0, 0},
      {"launch_reviewed", 0, 0, 3},
      {"satisfaction", 4.5, 5, 0},
      {"special_tasks_on_time", 3, 4, 0},
      {"partner_findings", 0, 0, 2},
  };
  ScorecardInputs gathered;
  for (const Figure& figure : figures) {
    const IndicatorDefinition* definition =
        FindIndicatorDefinition(definitions.indicators, figure.id);
    EXPECT_THAT(definition, NotNull()) << figure.id;
    if (definition == nullptr) continue;
    IndicatorInput input;
    input.indicator_id = figure.id;
    input.numerator = figure.numerator;
    input.denominator = figure.denominator;
    input.findings = figure.findings;
    input.source = std::string(SourceService(definition->source));
    input.rpc = "GetMonthlyStatistics";
    input.read_at = absl::FromUnixSeconds(1791000000);
    gathered.inputs.push_back(input);
  }
  return gathered;
}

TEST(IndicatorDefinitionsFromProtoTest, S6_ABlueBookSetScoresWithItsOwnWeights) {
  ASSERT_OK_AND_ASSIGN(AssessmentIndicators file, LoadAssessmentIndicators(kShippedFile));
  ASSERT_OK_AND_ASSIGN(IndicatorDefinitions definitions, IndicatorDefinitionsFromProto(file));
  const ScorecardInputs gathered = AMonth(definitions);

  const IndicatorSetDefinition* blue_book =
      FindIndicatorSetDefinition(definitions.sets, "blue_book_service_quality");
  ASSERT_THAT(blue_book, NotNull());
  // By hand, with the blue book's weights (25, 20, 25, 15, 15):
  //   hotline_connection_rate          76 % of 80  → 25 × 0.95 = 23.75
  //   hotline_phrase_use               92 % ≥ 90   → full        20.00
  //   satisfaction                     90 % ≥ 90   → full        25.00
  //   channel_faults_repaired_in_time  2/3 of 100  → 15 × 2/3  = 10.00
  //   maintenance_notice_on_time       0 findings  → full        15.00
  // Total 93.75.
  ASSERT_OK_AND_ASSIGN(Scorecard blue,
                       ComputeScorecard("unit-a", absl::CivilMonth(2026, 9), *blue_book,
                                        definitions.indicators, gathered));
  EXPECT_TRUE(blue.complete);
  EXPECT_EQ(blue.set_title, "蓝皮书指标专项考核：服务质量");
  EXPECT_THAT(blue.total_hundredths, Optional(9375));

  // The same month on the monthly set: 85.17 (the domain test's sum by hand).
  const IndicatorSetDefinition* monthly =
      FindIndicatorSetDefinition(definitions.sets, kMonthlySetName);
  ASSERT_THAT(monthly, NotNull());
  ASSERT_OK_AND_ASSIGN(Scorecard card,
                       ComputeScorecard("unit-a", absl::CivilMonth(2026, 9), *monthly,
                                        definitions.indicators, gathered));
  EXPECT_THAT(card.total_hundredths, Optional(8517));
}

}  // namespace
}  // namespace cs::assessment

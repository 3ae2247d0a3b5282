// The scorecard messages of cs.assessment.v1 (S5, S6; M 7.17): a scorecard filled in every field
// reaches the wire in every field (common/testing/proto_fields.h); hundredths become points; an
// incomplete scorecard shows no total and names what is missing; a fraction of a figure keeps its
// ratio in the proto's integers; and a bad request is named field by field.
#include "services/assessment/api/scorecard_mapping.h"

#include <string>
#include <vector>

#include "common/api/proto_time.h"
#include "common/status/field_violations.h"
#include "common/testing/proto_fields.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::FieldsOf;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::UnsetFieldPaths;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const absl::Time kRead = ShanghaiTime(2026, 4, 10, 9, 0);

IndicatorDefinitions Definitions() {
  IndicatorDefinition connection;
  connection.id = "hotline_connection_rate";
  connection.name = "服务热线接通率";
  connection.name_en = "Hotline connection rate";
  connection.clause = "A2 7.5";
  connection.source = IndicatorSource::kHotlineConnectionRate;
  connection.rule = ScoringRule::kPercentOfTarget;
  connection.target_percent = 80;
  IndicatorDefinition satisfaction;
  satisfaction.id = "satisfaction";
  satisfaction.name = "顾客满意度";
  satisfaction.name_en = "Customer satisfaction";
  satisfaction.clause = "M 7.14";
  satisfaction.source = IndicatorSource::kSatisfaction;
  satisfaction.rule = ScoringRule::kPercentOfTarget;
  satisfaction.target_percent = 90;
  IndicatorDefinition rectification;
  rectification.id = "rectification_on_time";
  rectification.name = "整改措施按时回复并通过验证";
  rectification.name_en = "Rectification notices answered in time and verified";
  rectification.clause = "M 7.13";
  rectification.source = IndicatorSource::kRectificationOnTime;
  rectification.rule = ScoringRule::kDeductionPerFinding;
  rectification.deduction_percent_per_finding = 25;
  IndicatorSetDefinition set;
  set.name = "monthly";
  set.title = "月度客户服务考核";
  set.indicators = {
      {"hotline_connection_rate", 40}, {"satisfaction", 30}, {"rectification_on_time", 30}};
  return {{connection, satisfaction, rectification}, {set}};
}

IndicatorInput Input(const std::string& id, const std::string& source, double numerator,
                     double denominator, int64_t findings) {
  IndicatorInput input;
  input.indicator_id = id;
  input.numerator = numerator;
  input.denominator = denominator;
  input.findings = findings;
  input.source = source;
  input.rpc = source == "assessment" ? "" : "/cs.hotline.v1.HotlineRegistry/GetMonthlyStatistics";
  input.read_at = kRead;
  input.note = "counted";
  return input;
}

Scorecard Card(bool hotline_answers) {
  const IndicatorDefinitions definitions = Definitions();
  ScorecardInputs gathered;
  if (hotline_answers) {
    gathered.inputs.push_back(Input("hotline_connection_rate", "hotline-registry", 760, 1000, 0));
  } else {
    gathered.missing.push_back({"hotline_connection_rate", "hotline-registry",
                                "/cs.hotline.v1.HotlineRegistry/GetMonthlyStatistics",
                                kRead + absl::Seconds(2), "UNAVAILABLE: connection refused"});
  }
  gathered.inputs.push_back(Input("satisfaction", "assessment", 4.3, 5, 0));
  gathered.inputs.push_back(Input("rectification_on_time", "assessment", 0, 0, 1));
  absl::StatusOr<Scorecard> card =
      ComputeScorecard("broadband", absl::CivilMonth(2026, 3), definitions.sets[0],
                       definitions.indicators, gathered);
  EXPECT_TRUE(card.ok()) << card.status();
  return card.ok() ? *std::move(card) : Scorecard{};
}

TEST(ScorecardMappingTest, S5_ACompleteScorecardReachesTheWireInEveryField) {
  StoredScorecard stored{Card(true), 2,
                         ScorecardFeedback{"请保持", "office-1", kRead + absl::Hours(30)}};
  ASSERT_TRUE(stored.scorecard.complete);
  const v1::Scorecard wire = ToProto(stored);
  // The first indicator has its input: nothing is missing, so `missing` stays empty.
  // A percent figure has no findings.
  EXPECT_THAT(UnsetFieldPaths(wire, {"indicators[0].missing", "indicators[0].input.findings",
                                     "missing_indicators"}),
              IsEmpty());
  EXPECT_EQ(wire.unit_id(), "broadband");
  EXPECT_EQ(wire.month(), "2026-03");
  EXPECT_EQ(wire.set(), "monthly");
  EXPECT_EQ(wire.title(), "月度客户服务考核");
  ASSERT_EQ(wire.indicators_size(), 3);
  // 76 % of 80 %: 40 × 76 / 80 = 38; 86 % of 90 %: 30 × 86 / 90 = 28.67; one finding: 22.5.
  EXPECT_DOUBLE_EQ(wire.indicators(0).points(), 38.0);
  EXPECT_DOUBLE_EQ(wire.indicators(1).points(), 28.67);
  EXPECT_DOUBLE_EQ(wire.indicators(2).points(), 22.5);
  EXPECT_DOUBLE_EQ(wire.total(), 89.17);
  EXPECT_EQ(wire.indicators(0).indicator(), "hotline_connection_rate");
  EXPECT_EQ(wire.indicators(0).name(), "服务热线接通率");
  EXPECT_EQ(wire.indicators(0).clause(), "A2 7.5");
  EXPECT_EQ(wire.indicators(0).weight(), 40);
  EXPECT_THAT(wire.indicators(0).explanation(),
              HasSubstr("服务热线接通率 76.0%（760/1000，目标 80%）：得 38.0/40 分 / "
                        "Hotline connection rate 76.0% (760 of 1000, target 80%): 38.0 of 40"));
  const v1::IndicatorInput& input = wire.indicators(0).input();
  EXPECT_EQ(input.indicator(), "hotline_connection_rate");
  EXPECT_EQ(input.source(), "hotline-registry");
  EXPECT_EQ(input.method(), "/cs.hotline.v1.HotlineRegistry/GetMonthlyStatistics");
  EXPECT_EQ(input.read_at().seconds(), absl::ToUnixSeconds(kRead));
  EXPECT_EQ(input.numerator(), 760);
  EXPECT_EQ(input.denominator(), 1000);
  EXPECT_EQ(input.note(), "counted");
  EXPECT_EQ(wire.indicators(2).input().findings(), 1);
  EXPECT_EQ(wire.computed_at().seconds(), absl::ToUnixSeconds(kRead));
  EXPECT_EQ(wire.feedback(), "请保持");
  EXPECT_EQ(wire.feedback_by(), "office-1");
  EXPECT_EQ(wire.feedback_at().seconds(), absl::ToUnixSeconds(kRead + absl::Hours(30)));
}

TEST(ScorecardMappingTest, S5_AnIncompleteScorecardHasNoTotalAndNamesWhatIsMissing) {
  const v1::Scorecard wire = ToProto(StoredScorecard{Card(false), 1, absl::nullopt});
  EXPECT_FALSE(wire.complete());
  EXPECT_EQ(wire.total(), 0);
  EXPECT_THAT(wire.missing_indicators(), ElementsAre("hotline_connection_rate"));
  const v1::IndicatorScore& missing = wire.indicators(0);
  EXPECT_FALSE(missing.has_input());
  EXPECT_EQ(missing.points(), 0);
  EXPECT_EQ(missing.missing(), "hotline-registry: UNAVAILABLE: connection refused");
  EXPECT_THAT(missing.explanation(), HasSubstr("not scored, no total"));
  // The other indicators keep their points.
  EXPECT_DOUBLE_EQ(wire.indicators(2).points(), 22.5);
  EXPECT_TRUE(wire.indicators(2).missing().empty());
  // Gathered when the last source was tried.
  EXPECT_EQ(wire.computed_at().seconds(), absl::ToUnixSeconds(kRead + absl::Seconds(2)));
  EXPECT_TRUE(wire.feedback().empty());
  EXPECT_FALSE(wire.has_feedback_at());
}

TEST(ScorecardMappingTest, S5_AFractionReachesTheWireAsItIsAndTheRevisionWithIt) {
  const v1::Scorecard wire = ToProto(StoredScorecard{Card(true), 3, absl::nullopt});
  EXPECT_DOUBLE_EQ(wire.indicators(1).input().numerator(), 4.3);
  EXPECT_DOUBLE_EQ(wire.indicators(1).input().denominator(), 5);
  EXPECT_EQ(wire.revision(), 3);
  EXPECT_DOUBLE_EQ(PointsFromHundredths(765), 7.65);
}

TEST(ScorecardMappingTest, M7_17_TheSummaryListsTheScorecardsInItsOrder) {
  ScorecardSummaryResult result;
  result.summary.month = absl::CivilMonth(2026, 3);
  result.summary.set_name = "monthly";
  Scorecard portal = Card(true);
  portal.unit_id = "portal";
  result.scorecards = {StoredScorecard{portal, 1, absl::nullopt},
                       StoredScorecard{Card(false), 1, absl::nullopt}};
  const v1::ScorecardSummary wire = ToProto(result);
  EXPECT_EQ(wire.month(), "2026-03");
  EXPECT_EQ(wire.set(), "monthly");
  ASSERT_EQ(wire.scorecards_size(), 2);
  EXPECT_EQ(wire.scorecards(0).unit_id(), "portal");
  EXPECT_TRUE(wire.scorecards(0).complete());
  EXPECT_FALSE(wire.scorecards(1).complete());
}

TEST(ScorecardMappingTest, S5_ARequestIsReadAndItsBadFieldsNamed) {
  v1::ComputeScorecardRequest compute;
  compute.set_request_id("r-1");
  compute.set_unit_id("broadband");
  compute.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(ScorecardRequest read, FromProto(compute));
  EXPECT_EQ(read.unit_id, "broadband");
  EXPECT_EQ(read.month, "2026-03");
  EXPECT_EQ(read.set, "");

  compute.set_month("2026-3");
  compute.set_set(std::string(65, 's'));
  compute.set_unit_id("bad\nunit");
  EXPECT_THAT(FieldsOf(FromProto(compute).status()), ElementsAre("unit_id", "month", "set"));
  EXPECT_THAT(FromProto(compute), StatusIs(absl::StatusCode::kInvalidArgument));

  v1::GetScorecardRequest get;
  get.set_unit_id("portal");
  get.set_month("2026-03");
  get.set_set("blue_book_service_quality");
  ASSERT_OK_AND_ASSIGN(ScorecardRequest got, FromProto(get));
  EXPECT_EQ(got.set, "blue_book_service_quality");
  get.clear_month();
  EXPECT_THAT(FieldsOf(FromProto(get).status()), ElementsAre("month"));

  v1::GetScorecardSummaryRequest summary;
  summary.set_month("2026-13");
  EXPECT_THAT(FieldsOf(FromProto(summary).status()), ElementsAre("month"));
  summary.set_month("2026-12");
  ASSERT_OK_AND_ASSIGN(ScorecardRequest all, FromProto(summary));
  EXPECT_EQ(all.unit_id, "");

  v1::RecordFeedbackRequest feedback;
  feedback.set_request_id("f-1");
  feedback.set_unit_id("broadband");
  feedback.set_month("2026-03");
  feedback.set_feedback("请保持\n下月继续");
  ASSERT_OK_AND_ASSIGN(FeedbackRequest fed, FromProto(feedback));
  EXPECT_EQ(fed.scorecard.unit_id, "broadband");
  EXPECT_EQ(fed.feedback, "请保持\n下月继续");
  feedback.set_feedback("  ");
  feedback.set_month("March");
  EXPECT_THAT(FieldsOf(FromProto(feedback).status()), ElementsAre("month", "feedback"));
  feedback.set_feedback(std::string(ScorecardCore::kMaxFeedbackChars + 1, 'x'));
  feedback.set_month("2026-03");
  EXPECT_THAT(FieldsOf(FromProto(feedback).status()), ElementsAre("feedback"));
}

}  // namespace
}  // namespace cs::assessment

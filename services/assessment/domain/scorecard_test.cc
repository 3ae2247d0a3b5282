// S5, S6: the monthly scorecard of a unit and the blue-book sets — computed by hand, incomplete
// when a source does not answer (never a silent zero), recomputed identically from its stored
// inputs, only once the month's last report is due, and summarised for the office.
#include "services/assessment/domain/scorecard.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "common/status/error_reason.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Optional;

const absl::CivilMonth kMonth(2026, 9);
const absl::Time kReadAt = absl::FromUnixSeconds(1791000000);

IndicatorDefinition Percent(std::string id, std::string name, std::string name_en,
                            IndicatorSource source, double target) {
  IndicatorDefinition d;
  d.id = std::move(id);
  d.name = std::move(name);
  d.name_en = std::move(name_en);
  d.clause = "M 7.17";
  d.source = source;
  d.rule = ScoringRule::kPercentOfTarget;
  d.target_percent = target;
  return d;
}

IndicatorDefinition Deduction(std::string id, std::string name, std::string name_en,
                              IndicatorSource source, double per_finding) {
  IndicatorDefinition d;
  d.id = std::move(id);
  d.name = std::move(name);
  d.name_en = std::move(name_en);
  d.clause = "M 7.13";
  d.source = source;
  d.rule = ScoringRule::kDeductionPerFinding;
  d.deduction_percent_per_finding = per_finding;
  d.department_choice = true;
  return d;
}

// The shipped file's indicators (deploy/config/assessment_indicators.textproto), by hand.
std::vector<IndicatorDefinition> Definitions() {
  using S = IndicatorSource;
  return {
      Percent("forwarding_on_time", "首问责任制工单按时派发确认", "Forwarding on time",
              S::kIntakeForwardingOnTime, 100),
      Percent("dispatch_on_time", "派发工单按时处理", "Dispatch on time", S::kRoutingDispatchOnTime,
              100),
      Percent("archive_report_on_time", "每月报表上报情况", "Monthly report on time",
              S::kArchiveMonthlyReportOnTime, 100),
      Percent("archive_completeness", "申诉资料保存情况", "Archive completeness",
              S::kArchiveCompleteness, 100),
      Percent("hotline_connection_rate", "服务热线接通率", "Hotline connection rate",
              S::kHotlineConnectionRate, 80),
      Percent("hotline_phrase_use", "规范用语使用情况", "Phrase use", S::kHotlinePhraseUse, 90),
      Percent("hotline_report_on_time", "热线运营情况按月上报", "Hotline report on time",
              S::kHotlineReportOnTime, 100),
      Percent("channel_filings_accurate", "网上申诉受理渠道上报情况", "Channel filings",
              S::kChannelFilingsAccurate, 100),
      Percent("channel_checks_on_schedule", "网上申诉定时查看处理", "Channel checks",
              S::kChannelChecksOnSchedule, 100),
      Percent("channel_faults_repaired_in_time", "网上服务渠道故障按时修复", "Channel faults",
              S::kChannelFaultsRepairedInTime, 100),
      Percent("channel_report_on_time", "网上服务渠道情况按月上报", "Channel report on time",
              S::kChannelReportOnTime, 100),
      Deduction("rectification_on_time", "整改措施按时回复并通过验证", "Rectification on time",
                S::kRectificationOnTime, 25),
      Deduction("maintenance_notice_on_time", "可预见检修提前72小时告知", "Maintenance notice",
                S::kMaintenanceNoticeOnTime, 25),
      Deduction("launch_reviewed", "用户界面内容变动上线前报审", "Launch reviewed",
                S::kLaunchReviewed, 50),
      Percent("satisfaction", "顾客满意度", "Customer satisfaction", S::kSatisfaction, 90),
      Percent("special_tasks_on_time", "专项任务及案例学习培训完成情况", "Special tasks",
              S::kSpecialTasksOnTime, 100),
      Deduction("partner_findings", "合作商代理商服务质量问题", "Partner findings",
                S::kPartnerFindings, 20),
  };
}

IndicatorSetDefinition MonthlySet() {
  return {"monthly",
          "月度客户服务考核",
          {{"forwarding_on_time", 10},
           {"dispatch_on_time", 10},
           {"archive_report_on_time", 6},
           {"archive_completeness", 8},
           {"hotline_connection_rate", 8},
           {"hotline_phrase_use", 6},
           {"hotline_report_on_time", 4},
           {"channel_filings_accurate", 6},
           {"channel_checks_on_schedule", 4},
           {"channel_faults_repaired_in_time", 4},
           {"channel_report_on_time", 4},
           {"rectification_on_time", 8},
           {"maintenance_notice_on_time", 5},
           {"launch_reviewed", 4},
           {"satisfaction", 6},
           {"special_tasks_on_time", 4},
           {"partner_findings", 3}}};
}

IndicatorSetDefinition BlueBookSet() {
  return {"blue_book_service_quality",
          "蓝皮书指标专项考核：服务质量",
          {{"hotline_connection_rate", 25},
           {"hotline_phrase_use", 20},
           {"satisfaction", 25},
           {"channel_faults_repaired_in_time", 15},
           {"maintenance_notice_on_time", 15}}};
}

std::string SourceOf(const std::string& id) {
  const std::vector<IndicatorDefinition> definitions = Definitions();
  const IndicatorDefinition* definition = FindIndicatorDefinition(definitions, id);
  return definition == nullptr ? "" : std::string(SourceService(definition->source));
}

IndicatorInput Ratio(const std::string& id, double numerator, double denominator) {
  IndicatorInput input;
  input.indicator_id = id;
  input.numerator = numerator;
  input.denominator = denominator;
  input.source = SourceOf(id);
  input.rpc = "GetMonthlyStatistics";
  input.read_at = kReadAt;
  input.note = "test";
  return input;
}

IndicatorInput Findings(const std::string& id, int64_t findings) {
  IndicatorInput input = Ratio(id, 0, 0);
  input.findings = findings;
  return input;
}

// The chosen month of one unit: every indicator of the shipped file.
ScorecardInputs HandInputs() {
  ScorecardInputs gathered;
  gathered.inputs = {
      Ratio("forwarding_on_time", 45, 50),
      Ratio("dispatch_on_time", 20, 20),
      Ratio("archive_report_on_time", 1, 1),
      Ratio("archive_completeness", 38, 40),
      Ratio("hotline_connection_rate", 760, 1000),
      Ratio("hotline_phrase_use", 92, 100),
      Ratio("hotline_report_on_time", 1, 2),
      Ratio("channel_filings_accurate", 3, 4),
      Ratio("channel_checks_on_schedule", 0, 0),
      Ratio("channel_faults_repaired_in_time", 2, 3),
      Ratio("channel_report_on_time", 4, 4),
      Findings("rectification_on_time", 1),
      Findings("maintenance_notice_on_time", 0),
      Findings("launch_reviewed", 3),
      Ratio("satisfaction", 4.5, 5),
      Ratio("special_tasks_on_time", 3, 4),
      Findings("partner_findings", 2),
  };
  return gathered;
}

// Every indicator at or above its target, no findings: full marks.
ScorecardInputs PerfectInputs() {
  ScorecardInputs gathered = HandInputs();
  for (IndicatorInput& input : gathered.inputs) {
    if (input.denominator > 0) input.numerator = input.denominator;
    input.findings = 0;
  }
  return gathered;
}

const ScoredIndicator& Indicator(const Scorecard& card, const std::string& id) {
  for (const ScoredIndicator& scored : card.indicators) {
    if (scored.indicator_id == id) return scored;
  }
  ADD_FAILURE() << "no indicator " << id;
  static const ScoredIndicator kNone;
  return kNone;
}

TEST(ScorecardTest, S5_AScorecardComputedByHand) {
  // By hand, weight × share (hundredths rounded half away from zero):
  //   forwarding_on_time        45/50 = 90 % of target 100 → 10 × 0.90        =  9.00
  //   dispatch_on_time          20/20 = 100 %              → full 10           = 10.00
  //   archive_report_on_time    1/1                        → full 6            =  6.00
  //   archive_completeness      38/40 = 95 % of 100        → 8 × 0.95          =  7.60
  //   hotline_connection_rate   760/1000 = 76 % of 80      → 8 × 76/80         =  7.60
  //   hotline_phrase_use        92/100 = 92 % ≥ 90         → full 6            =  6.00
  //   hotline_report_on_time    1/2 = 50 % of 100          → 4 × 0.5           =  2.00
  //   channel_filings_accurate  3/4 = 75 % of 100          → 6 × 0.75          =  4.50
  //   channel_checks_on_schedule 0/0 nothing to count      → full 4            =  4.00
  //   channel_faults_repaired   2/3 = 66.67 % of 100       → 4 × 2/3 = 2.6667  =  2.67
  //   channel_report_on_time    4/4                        → full 4            =  4.00
  //   rectification_on_time     1 finding × 25 %           → 8 × 0.75          =  6.00
  //   maintenance_notice        0 findings                 → full 5            =  5.00
  //   launch_reviewed           3 findings × 50 % = 150 %  → floored at 0      =  0.00
  //   satisfaction              4.5/5 = 90 % ≥ 90          → full 6            =  6.00
  //   special_tasks_on_time     3/4 = 75 % of 100          → 4 × 0.75          =  3.00
  //   partner_findings          2 findings × 20 %          → 3 × 0.6           =  1.80
  // Total: 9 + 10 + 6 + 7.6 + 7.6 + 6 + 2 + 4.5 + 4 + 2.67 + 4 + 6 + 5 + 0 + 6 + 3 + 1.8 = 85.17.
  ASSERT_OK_AND_ASSIGN(Scorecard card, ComputeScorecard("unit-a", kMonth, MonthlySet(),
                                                        Definitions(), HandInputs()));

  EXPECT_TRUE(card.complete);
  EXPECT_THAT(card.total_hundredths, Optional(8517));
  EXPECT_TRUE(card.missing.empty());
  EXPECT_EQ(card.set_title, "月度客户服务考核");
  EXPECT_EQ(card.summary, "月度客户服务考核 2026-09 unit-a：总分 85.17/100");
  EXPECT_EQ(card.summary_en, "monthly 2026-09 unit-a: total 85.17 of 100");

  std::vector<int64_t> points;
  for (const ScoredIndicator& scored : card.indicators) points.push_back(*scored.points_hundredths);
  EXPECT_THAT(points, ElementsAre(900, 1000, 600, 760, 760, 600, 200, 450, 400, 267, 400, 600, 500,
                                  0, 600, 300, 180));

  const ScoredIndicator& connection = Indicator(card, "hotline_connection_rate");
  EXPECT_EQ(connection.weight, 8);
  EXPECT_EQ(connection.rule, ScoringRule::kPercentOfTarget);
  EXPECT_EQ(connection.target_percent, 80);
  EXPECT_EQ(connection.source, "hotline-registry");
  EXPECT_THAT(connection.figure_percent, Optional(76.0));
  EXPECT_THAT(connection.input, Optional(Field(&IndicatorInput::read_at, kReadAt)));
  EXPECT_EQ(connection.explanation, "服务热线接通率 76.0%（760/1000，目标 80%）：得 7.6/8 分");
  EXPECT_EQ(connection.explanation_en,
            "Hotline connection rate 76.0% (760 of 1000, target 80%): 7.6 of 8 points");

  const ScoredIndicator& rectification = Indicator(card, "rectification_on_time");
  EXPECT_EQ(rectification.explanation,
            "整改措施按时回复并通过验证：1 项问题，每项扣权重的 25%：得 6.0/8 分");
  EXPECT_EQ(rectification.explanation_en,
            "Rectification on time: 1 finding, 25% of the weight each: 6.0 of 8 points");
  EXPECT_EQ(Indicator(card, "channel_faults_repaired_in_time").explanation,
            "网上服务渠道故障按时修复 66.7%（2/3，目标 100%）：得 2.67/4 分");
  EXPECT_EQ(Indicator(card, "satisfaction").explanation,
            "顾客满意度 90.0%（4.5/5，目标 90%）：得 6.0/6 分");
}

TEST(ScorecardTest, S5_AMissingSourceLeavesTheScorecardIncompleteNamingItsIndicators) {
  // The hotline registry does not answer: its three indicators are missing.
  ScorecardInputs gathered = HandInputs();
  std::vector<IndicatorInput> kept;
  for (IndicatorInput& input : gathered.inputs) {
    if (input.source == "hotline-registry") {
      gathered.missing.push_back(MissingInput{input.indicator_id, "hotline-registry",
                                              "cs.hotline.v1.HotlineRegistry/GetMonthlyStatistics",
                                              kReadAt, "UNAVAILABLE: connection refused"});
    } else {
      kept.push_back(input);
    }
  }
  gathered.inputs = kept;

  ASSERT_OK_AND_ASSIGN(Scorecard card,
                       ComputeScorecard("unit-a", kMonth, MonthlySet(), Definitions(), gathered));
  EXPECT_FALSE(card.complete);
  EXPECT_EQ(card.total_hundredths, absl::nullopt);  // no total, never a silent zero
  EXPECT_THAT(card.missing,
              ElementsAre(AllOf(Field(&MissingIndicator::indicator_id, "hotline_connection_rate"),
                                Field(&MissingIndicator::source, "hotline-registry"),
                                Field(&MissingIndicator::error, "UNAVAILABLE: connection refused")),
                          AllOf(Field(&MissingIndicator::indicator_id, "hotline_phrase_use"),
                                Field(&MissingIndicator::source, "hotline-registry")),
                          AllOf(Field(&MissingIndicator::indicator_id, "hotline_report_on_time"),
                                Field(&MissingIndicator::source, "hotline-registry"))));
  EXPECT_THAT(card.summary,
              AllOf(HasSubstr("不完整"), HasSubstr("缺少 3 项指标"),
                    HasSubstr("服务热线接通率（hotline-registry）"), HasSubstr("无总分")));
  EXPECT_THAT(card.summary_en, HasSubstr("incomplete, 3 indicators missing"));

  // The missing ones have no points; the others still show theirs.
  const ScoredIndicator& connection = Indicator(card, "hotline_connection_rate");
  EXPECT_EQ(connection.points_hundredths, absl::nullopt);
  EXPECT_EQ(connection.input, absl::nullopt);
  EXPECT_THAT(connection.explanation, AllOf(HasSubstr("缺少数据"), HasSubstr("hotline-registry")));
  EXPECT_THAT(Indicator(card, "forwarding_on_time").points_hundredths, Optional(900));
  EXPECT_THAT(Indicator(card, "launch_reviewed").points_hundredths, Optional(0));

  // An indicator nobody gathered is missing too, with its source.
  gathered = HandInputs();
  gathered.inputs.erase(gathered.inputs.begin());  // forwarding_on_time
  ASSERT_OK_AND_ASSIGN(card,
                       ComputeScorecard("unit-a", kMonth, MonthlySet(), Definitions(), gathered));
  EXPECT_EQ(card.total_hundredths, absl::nullopt);
  EXPECT_THAT(card.missing,
              ElementsAre(AllOf(Field(&MissingIndicator::indicator_id, "forwarding_on_time"),
                                Field(&MissingIndicator::source, "intake"),
                                Field(&MissingIndicator::error, "no input was gathered"))));
}

TEST(ScorecardTest, S5_NothingToCountIsFullMarks) {
  ScorecardInputs gathered = HandInputs();
  gathered.inputs[1] = Ratio("dispatch_on_time", 0, 0);
  ASSERT_OK_AND_ASSIGN(Scorecard card,
                       ComputeScorecard("unit-a", kMonth, MonthlySet(), Definitions(), gathered));
  const ScoredIndicator& dispatch = Indicator(card, "dispatch_on_time");
  EXPECT_TRUE(dispatch.nothing_to_count);
  EXPECT_EQ(dispatch.figure_percent, absl::nullopt);
  EXPECT_THAT(dispatch.points_hundredths, Optional(1000));
  EXPECT_EQ(dispatch.explanation,
            "派发工单按时处理：本月无可计项（0/0），无一未达标：得 10.0/10 分");
  EXPECT_THAT(dispatch.explanation_en, HasSubstr("nothing to count this month (0 of 0)"));
  EXPECT_FALSE(Indicator(card, "forwarding_on_time").nothing_to_count);
}

TEST(ScorecardTest, S5_DeductionPerFindingFloorsAtZero) {
  // rectification_on_time: weight 8, 25 % of it per finding.
  const std::vector<std::pair<int64_t, int64_t>> expected = {
      {0, 800}, {1, 600}, {2, 400}, {3, 200}, {4, 0}, {5, 0}, {1000000, 0}};
  for (const auto& [findings, points] : expected) {
    ScorecardInputs gathered = HandInputs();
    gathered.inputs[11] = Findings("rectification_on_time", findings);
    ASSERT_OK_AND_ASSIGN(Scorecard card,
                         ComputeScorecard("unit-a", kMonth, MonthlySet(), Definitions(), gathered));
    EXPECT_THAT(Indicator(card, "rectification_on_time").points_hundredths, Optional(points))
        << findings << " findings";
  }
}

TEST(ScorecardTest, S5_AFigureOutOfRangeIsRefusedNamingTheIndicator) {
  ScorecardInputs gathered = HandInputs();
  gathered.inputs[4] = Ratio("hotline_connection_rate", 1001, 1000);
  EXPECT_THAT(
      ComputeScorecard("unit-a", kMonth, MonthlySet(), Definitions(), gathered),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("inputs[4].numerator"), HasSubstr("\"hotline_connection_rate\""))));

  gathered = HandInputs();
  gathered.inputs[0] = Ratio("forwarding_on_time", -1, 50);
  EXPECT_THAT(ComputeScorecard("unit-a", kMonth, MonthlySet(), Definitions(), gathered),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("inputs[0].numerator"), HasSubstr("\"forwarding_on_time\""),
                             HasSubstr("-1"))));

  gathered = HandInputs();
  gathered.inputs[16] = Findings("partner_findings", -2);
  EXPECT_THAT(ComputeScorecard("unit-a", kMonth, MonthlySet(), Definitions(), gathered),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("inputs[16].findings"), HasSubstr("\"partner_findings\""))));

  // A figure of the other rule, the wrong source, an indicator given twice.
  gathered = HandInputs();
  gathered.inputs[12].numerator = 1;
  gathered.inputs[3].source = "routing";
  gathered.inputs.push_back(Ratio("dispatch_on_time", 1, 1));
  EXPECT_THAT(ComputeScorecard("unit-a", kMonth, MonthlySet(), Definitions(), gathered),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("inputs[12].numerator"), HasSubstr("inputs[3].source"),
                             HasSubstr("inputs[17].indicator_id"))));

  // A set whose weights do not add up, or naming an unknown indicator; no unit.
  IndicatorSetDefinition set = MonthlySet();
  set.indicators[0].weight = 11;
  set.indicators[1].indicator_id = "no_such";
  EXPECT_THAT(ComputeScorecard("", kMonth, set, Definitions(), HandInputs()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("unit_id"), HasSubstr("set.indicators[1].indicator_id"),
                             HasSubstr("add up to 101"))));
}

TEST(ScorecardTest, S5_TheMonthMustBeDueBeforeScoring) {
  const common::WorkingCalendar calendar = common::testing::Cn2026Calendar();
  // September's reports are due at close of business of the 5th working day of October, after the
  // National Day holiday: 13 October 2026, 17:30 (common/time/report_month_test.cc).
  ASSERT_OK_AND_ASSIGN(common::Deadline due, LastReportDue(calendar, kMonth, {5}));
  EXPECT_EQ(due.at, common::testing::ShanghaiTime(2026, 10, 13, 17, 30));
  // The latest of several reports' due days.
  ASSERT_OK_AND_ASSIGN(common::Deadline latest, LastReportDue(calendar, kMonth, {1, 5, 3}));
  EXPECT_EQ(latest, due);
  EXPECT_THAT(
      LastReportDue(calendar, kMonth, {}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("monthly_report_due_working_day")));
  EXPECT_THAT(
      LastReportDue(calendar, kMonth, {5, 0}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("monthly_report_due_working_day")));

  const absl::Status early = MayComputeScorecard(kMonth, due.at - absl::Minutes(1), due.at);
  EXPECT_THAT(early, StatusIs(absl::StatusCode::kFailedPrecondition,
                              AllOf(HasSubstr("month"), HasSubstr("2026-09"),
                                    HasSubstr("2026-10-13T09:30:00Z"))));
  EXPECT_EQ(common::ReasonOf(early), common::reason::kStateForbidsChange);
  EXPECT_OK(MayComputeScorecard(kMonth, due.at, due.at));
  EXPECT_OK(MayComputeScorecard(kMonth, due.at + absl::Hours(24), due.at));
}

TEST(ScorecardTest, S6_ABlueBookSetScoresWithItsOwnWeights) {
  // The same gathered month on the blue-book set, by hand:
  //   hotline_connection_rate  76 % of 80  → 25 × 0.95  = 23.75
  //   hotline_phrase_use       92 % ≥ 90   → full 20    = 20.00
  //   satisfaction             90 % ≥ 90   → full 25    = 25.00
  //   channel_faults_repaired  2/3 of 100  → 15 × 2/3   = 10.00
  //   maintenance_notice       0 findings  → full 15    = 15.00
  // Total 93.75 (the monthly set gives the same month 85.17).
  ASSERT_OK_AND_ASSIGN(Scorecard card, ComputeScorecard("unit-a", kMonth, BlueBookSet(),
                                                        Definitions(), HandInputs()));
  EXPECT_TRUE(card.complete);
  EXPECT_THAT(card.total_hundredths, Optional(9375));
  EXPECT_EQ(card.set_name, "blue_book_service_quality");
  EXPECT_EQ(card.set_title, "蓝皮书指标专项考核：服务质量");
  ASSERT_EQ(card.indicators.size(), 5u);
  EXPECT_EQ(card.indicators[0].weight, 25);
  EXPECT_EQ(card.indicators[0].explanation,
            "服务热线接通率 76.0%（760/1000，目标 80%）：得 23.75/25 分");
  // Only the set's inputs are kept.
  EXPECT_EQ(InputsOf(card).inputs.size(), 5u);
}

TEST(ScorecardTest, S5_RecomputedFromStoredInputsIsTheSame) {
  // A complete scorecard, from inputs gathered in another order and with extra indicators.
  ScorecardInputs gathered = HandInputs();
  std::reverse(gathered.inputs.begin(), gathered.inputs.end());
  IndicatorSetDefinition small = BlueBookSet();
  ASSERT_OK_AND_ASSIGN(Scorecard card,
                       ComputeScorecard("unit-a", kMonth, MonthlySet(), Definitions(), gathered));
  ASSERT_OK_AND_ASSIGN(Scorecard again, ComputeScorecard(card.unit_id, card.month, MonthlySet(),
                                                         Definitions(), InputsOf(card)));
  EXPECT_EQ(again, card);
  ASSERT_OK_AND_ASSIGN(Scorecard blue,
                       ComputeScorecard("unit-a", kMonth, small, Definitions(), gathered));
  ASSERT_OK_AND_ASSIGN(Scorecard blue_again,
                       ComputeScorecard("unit-a", kMonth, small, Definitions(), InputsOf(blue)));
  EXPECT_EQ(blue_again, blue);

  // An incomplete one, with a missing source and an indicator never gathered.
  gathered = HandInputs();
  gathered.inputs.erase(gathered.inputs.begin() + 4);  // hotline_connection_rate
  gathered.missing.push_back(MissingInput{"dispatch_on_time", "routing",
                                          "cs.routing.v1.Routing/GetMonthlyStatistics", kReadAt,
                                          "DEADLINE_EXCEEDED: deadline exceeded"});
  gathered.inputs.erase(gathered.inputs.begin() + 1);  // dispatch_on_time
  ASSERT_OK_AND_ASSIGN(card,
                       ComputeScorecard("unit-a", kMonth, MonthlySet(), Definitions(), gathered));
  ASSERT_FALSE(card.complete);
  ASSERT_EQ(card.missing.size(), 2u);
  ASSERT_OK_AND_ASSIGN(again, ComputeScorecard(card.unit_id, card.month, MonthlySet(),
                                               Definitions(), InputsOf(card)));
  EXPECT_EQ(again, card);
}

TEST(ScorecardTest, S5_TheSummaryRanksUnitsAndKeepsIncompleteOnesApart) {
  ScorecardInputs down = HandInputs();
  down.inputs.erase(down.inputs.begin() + 1);
  down.missing.push_back(
      MissingInput{"dispatch_on_time", "routing", "GetMonthlyStatistics", kReadAt, "UNAVAILABLE"});
  std::vector<Scorecard> cards;
  for (const auto& [unit, gathered] :
       std::vector<std::pair<std::string, ScorecardInputs>>{{"unit-c", HandInputs()},
                                                            {"unit-d", down},
                                                            {"unit-a", HandInputs()},
                                                            {"unit-b", PerfectInputs()}}) {
    ASSERT_OK_AND_ASSIGN(Scorecard card,
                         ComputeScorecard(unit, kMonth, MonthlySet(), Definitions(), gathered));
    cards.push_back(std::move(card));
  }

  ASSERT_OK_AND_ASSIGN(ScorecardSummary summary, SummarizeScorecards(kMonth, MonthlySet(), cards));
  EXPECT_EQ(summary.month, kMonth);
  EXPECT_EQ(summary.set_title, "月度客户服务考核");
  EXPECT_THAT(summary.ranked,
              ElementsAre(AllOf(Field(&UnitResult::unit_id, "unit-b"), Field(&UnitResult::rank, 1),
                                Field(&UnitResult::total_hundredths, Optional(10000))),
                          AllOf(Field(&UnitResult::unit_id, "unit-a"), Field(&UnitResult::rank, 2),
                                Field(&UnitResult::total_hundredths, Optional(8517))),
                          AllOf(Field(&UnitResult::unit_id, "unit-c"), Field(&UnitResult::rank, 2),
                                Field(&UnitResult::total_hundredths, Optional(8517)))));
  EXPECT_THAT(
      summary.incomplete,
      ElementsAre(AllOf(
          Field(&UnitResult::unit_id, "unit-d"), Field(&UnitResult::rank, 0),
          Field(&UnitResult::complete, false), Field(&UnitResult::total_hundredths, absl::nullopt),
          Field(&UnitResult::missing,
                ElementsAre(Field(&MissingIndicator::indicator_id, "dispatch_on_time"))))));

  // A scorecard of another month or set, or a unit twice, is refused.
  std::vector<Scorecard> wrong = cards;
  wrong[0].month = absl::CivilMonth(2026, 8);
  wrong[1].set_name = "blue_book_service_quality";
  wrong[3].unit_id = "unit-a";
  EXPECT_THAT(SummarizeScorecards(kMonth, MonthlySet(), wrong),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("scorecards[0].month"), HasSubstr("scorecards[1].set_name"),
                             HasSubstr("scorecards[3].unit_id"))));
}

TEST(ScorecardTest, FormatPointsShowsOneOrTwoDecimals) {
  EXPECT_EQ(FormatPoints(1900), "19.0");
  EXPECT_EQ(FormatPoints(760), "7.6");
  EXPECT_EQ(FormatPoints(765), "7.65");
  EXPECT_EQ(FormatPoints(7), "0.07");
  EXPECT_EQ(FormatPoints(0), "0.0");
  EXPECT_EQ(FormatPoints(-150), "-1.5");
}

}  // namespace
}  // namespace cs::assessment

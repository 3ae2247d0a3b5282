// Values for the assessment service's record store tests: survey summaries, partners, tasks,
// sessions and a scorecard with every field the store keeps set (request keys and times:
// assessment_store_test_support.h). Header-only; tests only.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORE_TEST_SUPPORT_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORE_TEST_SUPPORT_H_

#include <cstdint>
#include <string>
#include <utility>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/assessment/store/assessment_record_stores.h"
#include "services/assessment/store/assessment_store_test_support.h"

namespace cs::assessment::testing {

// A web survey of `unit` over [start, end], as RecordSurvey leaves it (id 0).
inline SurveySummary Survey(const std::string& unit, absl::CivilDay start, absl::CivilDay end,
                            double score = 4.3) {
  SurveySummary s;
  s.unit_id = unit;
  s.method = SurveyMethod::kWeb;
  s.period_start = start;
  s.period_end = end;
  s.sample_size = 1200;
  s.score = score;
  s.scale = 5;
  s.note = "网上调查 with ASCII";
  s.recorded_by = "clerk-1";
  s.recorded_at = ShanghaiTime(2026, 4, 2, 9, 30);
  return s;
}

// A registered, active agent of `unit` with one REGISTERED history entry, version 1 (id 0).
inline Partner PartnerOf(const std::string& unit, const std::string& name = "华信代理") {
  Partner p;
  p.unit_id = unit;
  p.name = name;
  p.kind = PartnerKind::kAgent;
  p.service_standard = "服务标准不低于电信标准\n第二行";
  p.meets_company_standard = true;
  p.active = true;
  p.registered_by = "manager-1";
  p.registered_at = ShanghaiTime(2026, 3, 2, 10, 0);
  p.history.push_back({1, p.registered_at, "manager-1", "REGISTERED", ""});
  p.updated_at = p.registered_at;
  p.version = 1;
  return p;
}

// A special task of `unit` due a week after assignment (id 0).
inline SpecialTask TaskOf(const std::string& unit,
                          absl::Time assigned = ShanghaiTime(2026, 3, 2, 9, 0)) {
  SpecialTask t;
  t.unit_id = unit;
  t.title = "节前服务质量专项检查";
  t.description = "检查各营业厅";
  t.assigned_by = "cs-center-1";
  t.assigned_at = assigned;
  t.due_at = assigned + absl::Hours(24 * 7);
  return t;
}

// A training held at `held` expecting `units` (none attended yet), id 0.
inline TrainingSession SessionAt(absl::Time held, std::vector<std::string> units) {
  TrainingSession s;
  s.kind = SessionKind::kTraining;
  s.title = "投诉处理培训";
  s.held_at = held;
  s.organised_by = "cs-center-1";
  for (std::string& unit : units) s.attendance.push_back({std::move(unit), false, ""});
  return s;
}

// A scorecard of `unit` for March 2026 on `set` with every field the store keeps set: an indicator
// with a percent input, one with a count input, one missing; a missing list; no total.
inline Scorecard ScorecardOf(const std::string& unit, const std::string& set = "monthly",
                             absl::CivilMonth month = absl::CivilMonth(2026, 3)) {
  Scorecard card;
  card.unit_id = unit;
  card.month = month;
  card.set_name = set;
  card.set_title = "月度客户服务考核";
  ScoredIndicator rate;
  rate.indicator_id = "hotline_connection_rate";
  rate.name = "服务热线接通率";
  rate.name_en = "Hotline connection rate";
  rate.clause = "A2 7.10";
  rate.source = "hotline-registry";
  rate.rule = ScoringRule::kPercentOfTarget;
  rate.weight = 8;
  rate.target_percent = 80;
  IndicatorInput in;
  in.indicator_id = rate.indicator_id;
  in.numerator = 760;
  in.denominator = 1000;
  in.source = "hotline-registry";
  in.rpc = "cs.hotline.v1.HotlineRegistry/GetMonthlyStatistics";
  in.read_at = ShanghaiTime(2026, 4, 10, 2, 0) + absl::Microseconds(123456);
  in.note = "snapshot";
  rate.input = in;
  rate.figure_percent = 76.0;
  rate.points_hundredths = 760;
  rate.explanation = "服务热线接通率 76.0%（760/1000，目标 80%）：得 7.6/8 分";
  rate.explanation_en = "Hotline connection rate 76.0% (760 of 1000, target 80%): 7.6 of 8 points";
  ScoredIndicator findings;
  findings.indicator_id = "rectification_findings";
  findings.name = "整改";
  findings.name_en = "Rectifications";
  findings.clause = "M 7.13";
  findings.source = "assessment";
  findings.rule = ScoringRule::kDeductionPerFinding;
  findings.weight = 12;
  findings.deduction_percent_per_finding = 12.5;
  IndicatorInput count;
  count.indicator_id = findings.indicator_id;
  count.findings = 3;
  count.source = "assessment";
  count.rpc = "";
  count.read_at = ShanghaiTime(2026, 4, 10, 2, 1);
  findings.input = count;
  findings.nothing_to_count = true;
  findings.points_hundredths = 750;
  findings.explanation = "整改 3 次";
  findings.explanation_en = "3 findings";
  ScoredIndicator missing;
  missing.indicator_id = "archive_completeness";
  missing.name = "归档完整率";
  missing.name_en = "Archive completeness";
  missing.clause = "A1 7.4.2";
  missing.source = "archive";
  missing.weight = 80;
  missing.target_percent = 99.5;
  missing.missing = MissingInput{
      missing.indicator_id, "archive", "cs.archive.v1.Archive/GetMonthlyStatistics",
      ShanghaiTime(2026, 4, 10, 2, 2), "UNAVAILABLE: failed to connect to all addresses"};
  missing.explanation = "缺少";
  missing.explanation_en = "missing";
  card.indicators = {rate, findings, missing};
  card.complete = false;
  card.missing = {{missing.indicator_id, missing.name, missing.name_en, "archive",
                   "UNAVAILABLE: failed to connect to all addresses"}};
  card.summary = "月度客户服务考核 2026-03 " + unit + "：缺少 归档完整率，无总分";
  card.summary_en = "incomplete";
  return card;
}

// The same scorecard recomputed complete, with a total.
inline Scorecard Recomputed(const std::string& unit, const std::string& set = "monthly") {
  Scorecard card = ScorecardOf(unit, set);
  ScoredIndicator& last = card.indicators.back();
  last.missing.reset();
  last.input = IndicatorInput{last.indicator_id,
                              995,
                              1000,
                              0,
                              "archive",
                              "cs.archive.v1.Archive/GetMonthlyStatistics",
                              ShanghaiTime(2026, 4, 11, 2, 0),
                              ""};
  last.figure_percent = 99.5;
  last.points_hundredths = 8000;
  card.missing.clear();
  card.complete = true;
  card.total_hundredths = 760 + 750 + 8000;
  card.summary = "总分 95.1/100";
  return card;
}

// Field by field, so a failure names the field (Scorecard also has operator==).
inline void ExpectSameScorecard(const Scorecard& actual, const Scorecard& expected) {
  EXPECT_EQ(actual.unit_id, expected.unit_id);
  EXPECT_EQ(actual.month, expected.month);
  EXPECT_EQ(actual.set_name, expected.set_name);
  EXPECT_EQ(actual.set_title, expected.set_title);
  ASSERT_EQ(actual.indicators.size(), expected.indicators.size());
  for (size_t i = 0; i < expected.indicators.size(); ++i) {
    SCOPED_TRACE(expected.indicators[i].indicator_id);
    const ScoredIndicator& a = actual.indicators[i];
    const ScoredIndicator& e = expected.indicators[i];
    EXPECT_EQ(a.indicator_id, e.indicator_id);
    EXPECT_EQ(a.name, e.name);
    EXPECT_EQ(a.name_en, e.name_en);
    EXPECT_EQ(a.clause, e.clause);
    EXPECT_EQ(a.source, e.source);
    EXPECT_EQ(a.rule, e.rule);
    EXPECT_EQ(a.weight, e.weight);
    EXPECT_EQ(a.target_percent, e.target_percent);
    EXPECT_EQ(a.deduction_percent_per_finding, e.deduction_percent_per_finding);
    EXPECT_EQ(a.input, e.input);
    EXPECT_EQ(a.missing, e.missing);
    EXPECT_EQ(a.figure_percent, e.figure_percent);
    EXPECT_EQ(a.nothing_to_count, e.nothing_to_count);
    EXPECT_EQ(a.points_hundredths, e.points_hundredths);
    EXPECT_EQ(a.explanation, e.explanation);
    EXPECT_EQ(a.explanation_en, e.explanation_en);
  }
  EXPECT_EQ(actual.complete, expected.complete);
  EXPECT_EQ(actual.total_hundredths, expected.total_hundredths);
  EXPECT_EQ(actual.missing, expected.missing);
  EXPECT_EQ(actual.summary, expected.summary);
  EXPECT_EQ(actual.summary_en, expected.summary_en);
  EXPECT_TRUE(actual == expected);
}

}  // namespace cs::assessment::testing

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORE_TEST_SUPPORT_H_

// The assessment indicators as the scorecard domain sees them (SPEC S5, S6; M 7.17): plain values
// converted once from the indicator data file (cs.config.v1.AssessmentIndicators, see
// services/assessment/config/indicator_definitions_from_proto.h), so the domain links no protobuf.
// An indicator is one figure of one owning service, a rule that turns the figure into a share of
// the indicator's weight, and the rule's target; a set gives each of its indicators a weight, the
// weights adding up to 100. "monthly" is the monthly scorecard of every unit; any other set is a
// special "blue book" assessment (M 7.17.2). Plain values and constexpr functions; thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_DOMAIN_INDICATOR_DEFINITIONS_H_
#define CS_SERVICES_ASSESSMENT_DOMAIN_INDICATOR_DEFINITIONS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace cs::assessment {

// The services an indicator's figure comes from, by the name the scorecard shows.
inline constexpr absl::string_view kSourceIntake = "intake";
inline constexpr absl::string_view kSourceRouting = "routing";
inline constexpr absl::string_view kSourceArchive = "archive";
inline constexpr absl::string_view kSourceHotlineRegistry = "hotline-registry";
inline constexpr absl::string_view kSourceChannelRegistry = "channel-registry";
inline constexpr absl::string_view kSourceAssessment = "assessment";

// The figure an indicator is scored on (cs.config.v1.IndicatorSource without UNSPECIFIED; the
// proto says what each one counts).
enum class IndicatorSource {
  kIntakeForwardingOnTime,       // intake, percent (A5 6.3)
  kRoutingDispatchOnTime,        // routing, percent (A5 6.4)
  kArchiveMonthlyReportOnTime,   // archive, percent (A1 7.4.1)
  kArchiveCompleteness,          // archive, percent (A1 7.4.2)
  kHotlineConnectionRate,        // hotline-registry, percent (A2 7.5)
  kHotlinePhraseUse,             // hotline-registry, percent (A2 7.10.1)
  kHotlineReportOnTime,          // hotline-registry, percent (A2 7.7)
  kChannelFilingsAccurate,       // channel-registry, percent (A3 7.7.1)
  kChannelChecksOnSchedule,      // channel-registry, percent (A3 7.5.3)
  kChannelFaultsRepairedInTime,  // channel-registry, percent (A3 7.1)
  kChannelReportOnTime,          // channel-registry, percent (A3 7.5.2)
  kRectificationOnTime,          // assessment, count of findings (M 7.13)
  kMaintenanceNoticeOnTime,      // assessment, count of findings (M 7.6)
  kLaunchReviewed,               // assessment, count of findings (M 7.7)
  kSatisfaction,                 // assessment, percent of the survey's scale (M 7.14)
  kSpecialTasksOnTime,           // assessment, percent (M 7.15, 7.16)
  kPartnerFindings,              // assessment, count of findings (M 7.12)
};

// The service that owns `source`'s figure: one of the kSource… names above.
constexpr absl::string_view SourceService(IndicatorSource source) {
  switch (source) {
    case IndicatorSource::kIntakeForwardingOnTime:
      return kSourceIntake;
    case IndicatorSource::kRoutingDispatchOnTime:
      return kSourceRouting;
    case IndicatorSource::kArchiveMonthlyReportOnTime:
    case IndicatorSource::kArchiveCompleteness:
      return kSourceArchive;
    case IndicatorSource::kHotlineConnectionRate:
    case IndicatorSource::kHotlinePhraseUse:
    case IndicatorSource::kHotlineReportOnTime:
      return kSourceHotlineRegistry;
    case IndicatorSource::kChannelFilingsAccurate:
    case IndicatorSource::kChannelChecksOnSchedule:
    case IndicatorSource::kChannelFaultsRepairedInTime:
    case IndicatorSource::kChannelReportOnTime:
      return kSourceChannelRegistry;
    case IndicatorSource::kRectificationOnTime:
    case IndicatorSource::kMaintenanceNoticeOnTime:
    case IndicatorSource::kLaunchReviewed:
    case IndicatorSource::kSatisfaction:
    case IndicatorSource::kSpecialTasksOnTime:
    case IndicatorSource::kPartnerFindings:
      return kSourceAssessment;
  }
  return kSourceAssessment;  // not reached: every enumerator is handled above
}

// How a figure becomes points; `weight` is the indicator's weight in the set being scored.
enum class ScoringRule {
  // A percent figure (numerator of denominator): full weight at or above target_percent, below it
  // weight × figure / target_percent; nothing to count (0 of 0) is full weight.
  kPercentOfTarget,
  // A count of findings: weight × max(0, 1 − findings × deduction_percent_per_finding / 100).
  kDeductionPerFinding,
};

// "PERCENT_OF_TARGET" or "DEDUCTION_PER_FINDING".
constexpr absl::string_view ScoringRuleName(ScoringRule rule) {
  return rule == ScoringRule::kPercentOfTarget ? "PERCENT_OF_TARGET" : "DEDUCTION_PER_FINDING";
}

struct IndicatorDefinition {
  std::string id;       // lower_snake_case, e.g. "hotline_connection_rate"
  std::string name;     // in Chinese, e.g. "服务热线接通率"
  std::string name_en;  // e.g. "Hotline connection rate"
  std::string clause;   // e.g. "A2 7.5"
  IndicatorSource source = IndicatorSource::kIntakeForwardingOnTime;
  ScoringRule rule = ScoringRule::kPercentOfTarget;
  // kPercentOfTarget: the percent (above 0, at most 100) at or above which the full weight is
  // earned. 0 for kDeductionPerFinding.
  double target_percent = 0;
  // kDeductionPerFinding: the percent of the weight (above 0, at most 100) each finding takes off.
  // 0 for kPercentOfTarget.
  double deduction_percent_per_finding = 0;
  // The target is the department's choice, not the regulation's own figure.
  bool department_choice = false;
  std::string note;

  friend bool operator==(const IndicatorDefinition&, const IndicatorDefinition&) = default;
};

// One indicator of a set and its points there.
struct WeightedIndicator {
  std::string indicator_id;
  int weight = 0;  // above 0; a set's weights add up to kSetWeightTotalPoints

  friend bool operator==(const WeightedIndicator&, const WeightedIndicator&) = default;
};

struct IndicatorSetDefinition {
  std::string name;   // "monthly" or a blue-book set's name
  std::string title;  // on the scorecard, e.g. "月度客户服务考核"
  std::vector<WeightedIndicator> indicators;

  friend bool operator==(const IndicatorSetDefinition&, const IndicatorSetDefinition&) = default;
};

// What every set's weights add up to: a scorecard's full marks.
inline constexpr int kSetWeightTotalPoints = 100;

// The set every unit is scored on each month (S5, M 7.17.1): every indicator file has it, a request
// naming no set means it, and the sweep computes it.
inline constexpr absl::string_view kMonthlySetName = "monthly";

// Every indicator and set of one indicator file.
struct IndicatorDefinitions {
  std::vector<IndicatorDefinition> indicators;
  std::vector<IndicatorSetDefinition> sets;

  friend bool operator==(const IndicatorDefinitions&, const IndicatorDefinitions&) = default;
};

// The indicator with `id`, or nullptr.
inline const IndicatorDefinition* FindIndicatorDefinition(
    absl::Span<const IndicatorDefinition> indicators, absl::string_view id) {
  for (const IndicatorDefinition& indicator : indicators) {
    if (indicator.id == id) return &indicator;
  }
  return nullptr;
}

// The set named `name`, or nullptr.
inline const IndicatorSetDefinition* FindIndicatorSetDefinition(
    absl::Span<const IndicatorSetDefinition> sets, absl::string_view name) {
  for (const IndicatorSetDefinition& set : sets) {
    if (set.name == name) return &set;
  }
  return nullptr;
}

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_DOMAIN_INDICATOR_DEFINITIONS_H_

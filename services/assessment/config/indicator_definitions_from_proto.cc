#include "services/assessment/config/indicator_definitions_from_proto.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/assessment/config/indicators_file.h"

namespace cs::assessment {

namespace pb = ::cs::config::v1;

absl::StatusOr<IndicatorSource> IndicatorSourceFromProto(pb::IndicatorSource source) {
  switch (source) {
    case pb::INDICATOR_SOURCE_INTAKE_FORWARDING_ON_TIME:
      return IndicatorSource::kIntakeForwardingOnTime;
    case pb::INDICATOR_SOURCE_ROUTING_DISPATCH_ON_TIME:
      return IndicatorSource::kRoutingDispatchOnTime;
    case pb::INDICATOR_SOURCE_ARCHIVE_MONTHLY_REPORT_ON_TIME:
      return IndicatorSource::kArchiveMonthlyReportOnTime;
    case pb::INDICATOR_SOURCE_ARCHIVE_COMPLETENESS:
      return IndicatorSource::kArchiveCompleteness;
    case pb::INDICATOR_SOURCE_HOTLINE_CONNECTION_RATE:
      return IndicatorSource::kHotlineConnectionRate;
    case pb::INDICATOR_SOURCE_HOTLINE_PHRASE_USE:
      return IndicatorSource::kHotlinePhraseUse;
    case pb::INDICATOR_SOURCE_HOTLINE_REPORT_ON_TIME:
      return IndicatorSource::kHotlineReportOnTime;
    case pb::INDICATOR_SOURCE_CHANNEL_FILINGS_ACCURATE:
      return IndicatorSource::kChannelFilingsAccurate;
    case pb::INDICATOR_SOURCE_CHANNEL_CHECKS_ON_SCHEDULE:
      return IndicatorSource::kChannelChecksOnSchedule;
    case pb::INDICATOR_SOURCE_CHANNEL_FAULTS_REPAIRED_IN_TIME:
      return IndicatorSource::kChannelFaultsRepairedInTime;
    case pb::INDICATOR_SOURCE_CHANNEL_REPORT_ON_TIME:
      return IndicatorSource::kChannelReportOnTime;
    case pb::INDICATOR_SOURCE_RECTIFICATION_ON_TIME:
      return IndicatorSource::kRectificationOnTime;
    case pb::INDICATOR_SOURCE_MAINTENANCE_NOTICE_ON_TIME:
      return IndicatorSource::kMaintenanceNoticeOnTime;
    case pb::INDICATOR_SOURCE_LAUNCH_REVIEWED:
      return IndicatorSource::kLaunchReviewed;
    case pb::INDICATOR_SOURCE_SATISFACTION:
      return IndicatorSource::kSatisfaction;
    case pb::INDICATOR_SOURCE_SPECIAL_TASKS_ON_TIME:
      return IndicatorSource::kSpecialTasksOnTime;
    case pb::INDICATOR_SOURCE_PARTNER_FINDINGS:
      return IndicatorSource::kPartnerFindings;
    default:
      break;
  }
  return common::InvalidField(
      "source",
      absl::StrCat(static_cast<int>(source), source == pb::INDICATOR_SOURCE_UNSPECIFIED
                                                 ? " (INDICATOR_SOURCE_UNSPECIFIED) is no source"
                                                 : " is not a known IndicatorSource"));
}

absl::StatusOr<IndicatorDefinition> IndicatorDefinitionFromProto(const pb::Indicator& indicator) {
  IndicatorDefinition definition;
  definition.id = indicator.id();
  definition.name = indicator.name();
  definition.name_en = indicator.name_en();
  definition.clause = indicator.clause();
  ASSIGN_OR_RETURN(definition.source, IndicatorSourceFromProto(indicator.source()));
  switch (indicator.rule()) {
    case pb::SCORING_RULE_PERCENT_OF_TARGET:
      definition.rule = ScoringRule::kPercentOfTarget;
      definition.target_percent = indicator.target_percent();
      break;
    case pb::SCORING_RULE_DEDUCTION_PER_FINDING:
      definition.rule = ScoringRule::kDeductionPerFinding;
      definition.deduction_percent_per_finding = indicator.deduction_percent_per_finding();
      break;
    default:
      return common::InvalidField("rule", absl::StrCat(static_cast<int>(indicator.rule()),
                                                       " is not SCORING_RULE_PERCENT_OF_TARGET or "
                                                       "SCORING_RULE_DEDUCTION_PER_FINDING"));
  }
  definition.department_choice = indicator.department_choice();
  definition.note = indicator.note();
  return definition;
}

IndicatorSetDefinition IndicatorSetDefinitionFromProto(const pb::IndicatorSet& set) {
  IndicatorSetDefinition definition;
  definition.name = set.name();
  definition.title = set.title();
  definition.indicators.reserve(set.indicators_size());
  for (const pb::WeightedIndicator& entry : set.indicators()) {
    definition.indicators.push_back(WeightedIndicator{entry.indicator(), entry.weight()});
  }
  return definition;
}

absl::StatusOr<IndicatorDefinitions> IndicatorDefinitionsFromProto(
    const pb::AssessmentIndicators& file) {
  const common::FieldViolations violations = ValidateAssessmentIndicators(file);
  if (!violations.empty()) {
    return violations.ToStatus("the assessment indicators are invalid");
  }
  IndicatorDefinitions definitions;
  definitions.indicators.reserve(file.indicators_size());
  for (const pb::Indicator& indicator : file.indicators()) {
    ASSIGN_OR_RETURN(IndicatorDefinition definition, IndicatorDefinitionFromProto(indicator));
    definitions.indicators.push_back(std::move(definition));
  }
  definitions.sets.reserve(file.sets_size());
  for (const pb::IndicatorSet& set : file.sets()) {
    definitions.sets.push_back(IndicatorSetDefinitionFromProto(set));
  }
  return definitions;
}

}  // namespace cs::assessment

// Turns the indicator data file (cs.config.v1.AssessmentIndicators, see indicators_file.h) into the
// plain definitions the scorecard domain works on (services/assessment/domain/
// indicator_definitions.h), so the domain links no protobuf. Pure functions; thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_CONFIG_INDICATOR_DEFINITIONS_FROM_PROTO_H_
#define CS_SERVICES_ASSESSMENT_CONFIG_INDICATOR_DEFINITIONS_FROM_PROTO_H_

#include "absl/status/statusor.h"
#include "cs/config/v1/assessment_indicators.pb.h"
#include "services/assessment/domain/indicator_definitions.h"

namespace cs::assessment {

// The domain's IndicatorSource of `source`; INVALID_ARGUMENT naming "source" for UNSPECIFIED or a
// value the build does not know.
absl::StatusOr<IndicatorSource> IndicatorSourceFromProto(cs::config::v1::IndicatorSource source);

// One indicator. INVALID_ARGUMENT naming "source" or "rule" for UNSPECIFIED or unknown values (a
// file loaded with LoadAssessmentIndicators never has them). The target of the other rule is 0.
absl::StatusOr<IndicatorDefinition> IndicatorDefinitionFromProto(
    const cs::config::v1::Indicator& indicator);

// One set, as it stands (the file's validation checks its weights).
IndicatorSetDefinition IndicatorSetDefinitionFromProto(const cs::config::v1::IndicatorSet& set);

// Every indicator and set of `file`, in the file's order. `file` is validated first
// (ValidateAssessmentIndicators): INVALID_ARGUMENT naming every bad field ("indicators[3].rule")
// when it is not valid.
absl::StatusOr<IndicatorDefinitions> IndicatorDefinitionsFromProto(
    const cs::config::v1::AssessmentIndicators& file);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_CONFIG_INDICATOR_DEFINITIONS_FROM_PROTO_H_

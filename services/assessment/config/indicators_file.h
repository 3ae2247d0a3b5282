// Loads the assessment indicator data file (cs.config.v1.AssessmentIndicators, text format,
// deploy/config/assessment_indicators.textproto; SPEC S5, S6, M 7.17): the indicators of the
// monthly scorecard and of the special "blue book" sets, each with its source, scoring rule, target
// and clause, and each set's weights. A file with a missing, repeated or malformed id, an unknown
// source, a rule that does not fit its source, a target out of range, a set naming an unknown
// indicator or one twice, a weight of 0 or less, weights that do not add up to 100, or no "monthly"
// set stops the start with file, line and field. Thread-compatible; loaded once at start.
#ifndef CS_SERVICES_ASSESSMENT_CONFIG_INDICATORS_FILE_H_
#define CS_SERVICES_ASSESSMENT_CONFIG_INDICATORS_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/status/field_violations.h"
#include "cs/config/v1/assessment_indicators.pb.h"
#include "services/assessment/domain/indicator_definitions.h"

namespace cs::assessment {

// The least target an indicator of INDICATOR_SOURCE_HOTLINE_CONNECTION_RATE may set (A2 7.5:
// 接通率应达到80%).
inline constexpr double kLeastConnectionRateTargetPercent = 80;

// Whether `source`'s figure is a count of findings (scored by SCORING_RULE_DEDUCTION_PER_FINDING)
// rather than a percent (SCORING_RULE_PERCENT_OF_TARGET). False for UNSPECIFIED and unknown values.
bool IsFindingCount(cs::config::v1::IndicatorSource source);

// Every problem of `file`, with field paths such as "indicators[3].target_percent" or
// "sets[1].indicators[0].weight" (ParseConfigText turns them into lines). See the file comment for
// the rules; a set's weight total is checked only when each of its weights is itself valid.
common::FieldViolations ValidateAssessmentIndicators(
    const cs::config::v1::AssessmentIndicators& file);

// Reads and validates `path`. NOT_FOUND when it cannot be read; INVALID_ARGUMENT naming file, line
// and field of every problem.
absl::StatusOr<cs::config::v1::AssessmentIndicators> LoadAssessmentIndicators(
    const std::string& path);

// The set named `name` of a valid file, or nullptr.
const cs::config::v1::IndicatorSet* FindIndicatorSet(
    const cs::config::v1::AssessmentIndicators& file, absl::string_view name);

// The indicator with `id` of a valid file, or nullptr.
const cs::config::v1::Indicator* FindIndicator(const cs::config::v1::AssessmentIndicators& file,
                                               absl::string_view id);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_CONFIG_INDICATORS_FILE_H_

// Reading one indicator of an assessment scorecard (cs.assessment.v1.Scorecard) in end-to-end
// tests.
#ifndef CS_TESTS_E2E_SCORECARD_INDICATOR_H_
#define CS_TESTS_E2E_SCORECARD_INDICATOR_H_

#include "absl/strings/string_view.h"
#include "cs/assessment/v1/assessment.pb.h"

namespace cs::e2e {

// The indicator `id` of `scorecard` (e.g. "dispatch_on_time"); null when the scorecard has none.
inline const cs::assessment::v1::IndicatorScore* FindIndicator(
    const cs::assessment::v1::Scorecard& scorecard, absl::string_view id) {
  for (const cs::assessment::v1::IndicatorScore& indicator : scorecard.indicators()) {
    if (indicator.indicator() == id) return &indicator;
  }
  return nullptr;
}

}  // namespace cs::e2e

#endif  // CS_TESTS_E2E_SCORECARD_INDICATOR_H_

// Fuzzes the assessment indicator file (deploy/config/assessment_indicators.textproto) as
// LoadAssessmentIndicators reads it: any text must load or be refused with INVALID_ARGUMENT. A file
// that loads keeps the promises the scorecard builds on: a "monthly" set, and every indicator a set
// names found by FindIndicator.
#include <cstdint>

#include "services/assessment/config/indicators_file.h"
#include "tests/fuzz/config_text.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using cs::config::v1::AssessmentIndicators;
  absl::StatusOr<AssessmentIndicators> file = cs::fuzz::ParseConfigFile<AssessmentIndicators>(
      "assessment_indicators.textproto", cs::fuzz::AsText(data, size),
      [](const AssessmentIndicators& f) {
        return cs::assessment::ValidateAssessmentIndicators(f);
      });
  cs::fuzz::RequireOkOrInvalidArgument(file.status(), "indicators file");
  if (!file.ok()) return 0;
  cs::fuzz::Require(cs::assessment::FindIndicatorSet(*file, "monthly") != nullptr,
                    "a valid file has a monthly set");
  for (const auto& set : file->sets()) {
    for (const auto& weighted : set.indicators()) {
      cs::fuzz::Require(cs::assessment::FindIndicator(*file, weighted.indicator()) != nullptr,
                        "a set names only indicators of the file");
    }
  }
  return 0;
}

// Reads samples out of a Prometheus text exposition (what /metrics returns), so tests assert on
// exported numbers rather than on log text. Test-only; pure functions, thread-safe.
#ifndef CS_COMMON_TESTING_METRICS_TEXT_H_
#define CS_COMMON_TESTING_METRICS_TEXT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cs::common::testing {

struct MetricSample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// Every sample of the exposition (comments skipped, label values unescaped). INVALID_ARGUMENT
// naming the line when a sample line is malformed.
absl::StatusOr<std::vector<MetricSample>> ParseMetricsText(absl::string_view text);

// The sum of the samples named `name` whose labels include every pair of `labels` (other labels may
// be present), and 0 when there is none — a counter that was never incremented is simply absent.
// INVALID_ARGUMENT when the text is malformed.
absl::StatusOr<double> SumSamples(absl::string_view text, absl::string_view name,
                                  const std::map<std::string, std::string>& labels = {});

}  // namespace cs::common::testing

#endif  // CS_COMMON_TESTING_METRICS_TEXT_H_

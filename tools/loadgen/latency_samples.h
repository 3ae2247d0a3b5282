// LatencySamples: every latency observed during a measurement, kept whole so percentiles are exact
// (no bucketing error) — a run of a minute at tens of thousands of calls per second is a few
// megabytes. Not thread-safe: each worker thread fills its own and the runner merges them at the
// end.
#ifndef CS_TOOLS_LOADGEN_LATENCY_SAMPLES_H_
#define CS_TOOLS_LOADGEN_LATENCY_SAMPLES_H_

#include <cstdint>
#include <vector>

#include "absl/time/time.h"

namespace cs::tools::loadgen {

// Percentiles of a set of latencies. All zero when the set was empty (count == 0).
struct LatencySummary {
  int64_t count = 0;
  absl::Duration min;
  absl::Duration p50;
  absl::Duration p90;
  absl::Duration p99;
  absl::Duration max;
  absl::Duration mean;
};

class LatencySamples final {
 public:
  LatencySamples() = default;

  // Latencies below zero (a clock step) are recorded as zero.
  void Add(absl::Duration latency);
  // Moves every sample of `other` into this set; `other` is left empty.
  void Merge(LatencySamples&& other);

  int64_t count() const { return static_cast<int64_t>(nanos_.size()); }

  // Sorts the samples (once; later calls reuse the order) and returns the summary. Percentiles use
  // the nearest-rank definition: the q-th percentile is the smallest sample with at least q% of the
  // samples at or below it, so it is always a latency that was actually observed.
  LatencySummary Summarize();

 private:
  std::vector<int64_t> nanos_;
  bool sorted_ = true;
};

// The nearest-rank `percentile` (0 < percentile <= 100) of `sorted_nanos`, which must be sorted
// ascending and not empty.
int64_t NearestRankPercentile(const std::vector<int64_t>& sorted_nanos, double percentile);

}  // namespace cs::tools::loadgen

#endif  // CS_TOOLS_LOADGEN_LATENCY_SAMPLES_H_

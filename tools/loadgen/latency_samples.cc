#include "tools/loadgen/latency_samples.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace cs::tools::loadgen {

void LatencySamples::Add(absl::Duration latency) {
  const int64_t nanos = std::max<int64_t>(0, absl::ToInt64Nanoseconds(latency));
  if (sorted_ && !nanos_.empty() && nanos < nanos_.back()) sorted_ = false;
  nanos_.push_back(nanos);
}

void LatencySamples::Merge(LatencySamples&& other) {
  if (other.nanos_.empty()) return;
  if (nanos_.empty()) {
    nanos_ = std::move(other.nanos_);
    sorted_ = other.sorted_;
  } else {
    nanos_.insert(nanos_.end(), other.nanos_.begin(), other.nanos_.end());
    sorted_ = false;
  }
  other.nanos_.clear();
  other.sorted_ = true;
}

int64_t NearestRankPercentile(const std::vector<int64_t>& sorted_nanos, double percentile) {
  const auto n = static_cast<double>(sorted_nanos.size());
  // Rank in 1..n; the small epsilon keeps e.g. 0.99 * 100 = 99.00000000000001 from rounding up a
  // rank.
  auto rank = static_cast<size_t>(std::ceil(percentile / 100.0 * n - 1e-9));
  rank = std::clamp<size_t>(rank, 1, sorted_nanos.size());
  return sorted_nanos[rank - 1];
}

LatencySummary LatencySamples::Summarize() {
  LatencySummary summary;
  summary.count = count();
  if (nanos_.empty()) return summary;
  if (!sorted_) {
    std::sort(nanos_.begin(), nanos_.end());
    sorted_ = true;
  }
  // Summing in long double: a minute of calls at microsecond latencies would not overflow int64,
  // but a long run of slow calls could.
  const long double total = std::accumulate(nanos_.begin(), nanos_.end(), 0.0L);
  summary.min = absl::Nanoseconds(nanos_.front());
  summary.max = absl::Nanoseconds(nanos_.back());
  summary.p50 = absl::Nanoseconds(NearestRankPercentile(nanos_, 50));
  summary.p90 = absl::Nanoseconds(NearestRankPercentile(nanos_, 90));
  summary.p99 = absl::Nanoseconds(NearestRankPercentile(nanos_, 99));
  summary.mean = absl::Nanoseconds(static_cast<int64_t>(total / nanos_.size()));
  return summary;
}

}  // namespace cs::tools::loadgen

#include "common/db/backoff.h"

#include <algorithm>
#include <cmath>

namespace cs::common::db {

absl::Duration BackoffDelay(const BackoffOptions& options, int failures, double random01) {
  const double multiplier = std::max(1.0, options.multiplier);
  const double jitter = std::clamp(options.jitter, 0.0, 1.0);
  const double random = std::clamp(random01, 0.0, 1.0);
  const int exponent = std::max(0, failures - 1);
  // Computed in seconds as a double so that large exponents saturate at max instead of overflowing.
  const double max_seconds = absl::ToDoubleSeconds(options.max);
  const double seconds = std::min(
      max_seconds, absl::ToDoubleSeconds(options.initial) * std::pow(multiplier, exponent));
  return absl::Seconds(std::max(0.0, seconds * (1.0 - jitter * random)));
}

}  // namespace cs::common::db

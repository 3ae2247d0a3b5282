// Capped exponential backoff with jitter, for redelivery of outbox messages. A plain value and a
// pure function; thread-safe.
#ifndef CS_COMMON_DB_BACKOFF_H_
#define CS_COMMON_DB_BACKOFF_H_

#include "absl/time/time.h"

namespace cs::common::db {

struct BackoffOptions {
  // Delay after the first failure.
  absl::Duration initial = absl::Seconds(1);
  // Each further failure multiplies the delay by this (>= 1).
  double multiplier = 2.0;
  // The delay never exceeds this.
  absl::Duration max = absl::Minutes(5);
  // Fraction in [0, 1] by which a delay is randomly shortened, so that messages which failed
  // together (a receiver was down) are not all retried in the same instant. 0: exact delays.
  double jitter = 0.2;
};

// The delay before the next attempt after `failures` consecutive failures (1 = the first one):
// min(max, initial * multiplier^(failures-1)) * (1 - jitter * random01), with random01 in [0, 1).
// Out-of-range inputs are clamped (failures < 1 counts as 1).
absl::Duration BackoffDelay(const BackoffOptions& options, int failures, double random01);

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_BACKOFF_H_

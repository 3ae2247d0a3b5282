#include "common/db/backoff.h"

#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

BackoffOptions Exact() {
  BackoffOptions options;
  options.initial = absl::Seconds(1);
  options.multiplier = 2.0;
  options.max = absl::Seconds(30);
  options.jitter = 0.0;
  return options;
}

TEST(BackoffTest, GrowsExponentiallyFromInitial) {
  EXPECT_EQ(BackoffDelay(Exact(), 1, 0.5), absl::Seconds(1));
  EXPECT_EQ(BackoffDelay(Exact(), 2, 0.5), absl::Seconds(2));
  EXPECT_EQ(BackoffDelay(Exact(), 3, 0.5), absl::Seconds(4));
  EXPECT_EQ(BackoffDelay(Exact(), 5, 0.5), absl::Seconds(16));
}

TEST(BackoffTest, IsCappedAtMaxEvenForHugeFailureCounts) {
  EXPECT_EQ(BackoffDelay(Exact(), 6, 0.0), absl::Seconds(30));
  EXPECT_EQ(BackoffDelay(Exact(), 100000, 0.0), absl::Seconds(30));
}

TEST(BackoffTest, JitterOnlyShortensWithinItsFraction) {
  BackoffOptions options = Exact();
  options.jitter = 0.2;
  EXPECT_EQ(BackoffDelay(options, 3, 0.0), absl::Seconds(4));
  EXPECT_EQ(BackoffDelay(options, 3, 0.5), absl::Seconds(4) * 0.9);
  EXPECT_GT(BackoffDelay(options, 3, 0.999), absl::Seconds(4) * 0.8);
  // With jitter < 1 - 1/multiplier, each delay stays longer than the previous one.
  for (int failures = 1; failures < 5; ++failures) {
    EXPECT_LT(BackoffDelay(options, failures, 0.0), BackoffDelay(options, failures + 1, 0.999));
  }
}

TEST(BackoffTest, ClampsBadInputs) {
  BackoffOptions options = Exact();
  EXPECT_EQ(BackoffDelay(options, 0, 0.0), absl::Seconds(1));
  EXPECT_EQ(BackoffDelay(options, -3, 0.0), absl::Seconds(1));
  options.multiplier = 0.5;  // treated as 1: constant delay
  EXPECT_EQ(BackoffDelay(options, 4, 0.0), absl::Seconds(1));
  options.jitter = 7;  // treated as 1
  EXPECT_EQ(BackoffDelay(options, 1, 0.5), absl::Seconds(0.5));
}

}  // namespace
}  // namespace cs::common::db

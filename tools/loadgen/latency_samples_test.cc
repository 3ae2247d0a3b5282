#include "tools/loadgen/latency_samples.h"

#include <algorithm>
#include <random>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::tools::loadgen {
namespace {

TEST(LatencySamplesTest, EmptySetSummarizesToZeros) {
  LatencySamples samples;
  const LatencySummary summary = samples.Summarize();
  EXPECT_EQ(summary.count, 0);
  EXPECT_EQ(summary.p50, absl::ZeroDuration());
  EXPECT_EQ(summary.p99, absl::ZeroDuration());
  EXPECT_EQ(summary.max, absl::ZeroDuration());
}

TEST(LatencySamplesTest, OneSampleIsEveryPercentile) {
  LatencySamples samples;
  samples.Add(absl::Microseconds(42));
  const LatencySummary summary = samples.Summarize();
  EXPECT_EQ(summary.count, 1);
  EXPECT_EQ(summary.min, absl::Microseconds(42));
  EXPECT_EQ(summary.p50, absl::Microseconds(42));
  EXPECT_EQ(summary.p90, absl::Microseconds(42));
  EXPECT_EQ(summary.p99, absl::Microseconds(42));
  EXPECT_EQ(summary.max, absl::Microseconds(42));
  EXPECT_EQ(summary.mean, absl::Microseconds(42));
}

TEST(LatencySamplesTest, NearestRankPercentilesOfOneToHundredInShuffledOrder) {
  std::vector<int> values(100);
  for (int i = 0; i < 100; ++i) values[i] = i + 1;
  std::shuffle(values.begin(), values.end(), std::mt19937(7));
  LatencySamples samples;
  for (const int value : values) samples.Add(absl::Microseconds(value));

  const LatencySummary summary = samples.Summarize();
  EXPECT_EQ(summary.count, 100);
  EXPECT_EQ(summary.min, absl::Microseconds(1));
  EXPECT_EQ(summary.p50, absl::Microseconds(50));
  EXPECT_EQ(summary.p90, absl::Microseconds(90));
  EXPECT_EQ(summary.p99, absl::Microseconds(99));
  EXPECT_EQ(summary.max, absl::Microseconds(100));
  EXPECT_EQ(summary.mean, absl::Nanoseconds(50500));
}

TEST(LatencySamplesTest, HighPercentileOfFewSamplesIsTheLargest) {
  // Nearest rank of p99 in 10 samples is rank ceil(9.9) = 10: never an interpolated value nobody
  // saw.
  LatencySamples samples;
  for (int i = 1; i <= 10; ++i) samples.Add(absl::Milliseconds(i));
  const LatencySummary summary = samples.Summarize();
  EXPECT_EQ(summary.p99, absl::Milliseconds(10));
  EXPECT_EQ(summary.p90, absl::Milliseconds(9));
  EXPECT_EQ(summary.p50, absl::Milliseconds(5));
}

TEST(LatencySamplesTest, ExactPercentilesOfALargeSkewedSet) {
  // 9,900 fast calls and 100 slow ones: p99 is the last fast call, max the slowest.
  LatencySamples samples;
  for (int i = 0; i < 100; ++i) samples.Add(absl::Milliseconds(500 + i));
  for (int i = 0; i < 9900; ++i) samples.Add(absl::Microseconds(100 + i % 7));
  const LatencySummary summary = samples.Summarize();
  EXPECT_EQ(summary.count, 10000);
  EXPECT_EQ(summary.p99, absl::Microseconds(106));
  EXPECT_EQ(summary.max, absl::Milliseconds(599));
}

TEST(LatencySamplesTest, MergeKeepsEverySampleOfBothSets) {
  LatencySamples first;
  LatencySamples second;
  for (int i = 1; i <= 50; ++i) first.Add(absl::Microseconds(2 * i));
  for (int i = 1; i <= 50; ++i) second.Add(absl::Microseconds(2 * i - 1));
  first.Merge(std::move(second));
  EXPECT_EQ(second.count(),
            0);  // NOLINT(bugprone-use-after-move): Merge documents the empty state.

  const LatencySummary summary = first.Summarize();
  EXPECT_EQ(summary.count, 100);
  EXPECT_EQ(summary.min, absl::Microseconds(1));
  EXPECT_EQ(summary.p50, absl::Microseconds(50));
  EXPECT_EQ(summary.max, absl::Microseconds(100));
}

TEST(LatencySamplesTest, MergeIntoEmptySetAndAddAfterSummarizing) {
  LatencySamples merged;
  LatencySamples other;
  other.Add(absl::Microseconds(30));
  other.Add(absl::Microseconds(10));
  merged.Merge(std::move(other));
  EXPECT_EQ(merged.Summarize().max, absl::Microseconds(30));
  merged.Add(absl::Microseconds(20));  // after sorting: must not be treated as still sorted
  const LatencySummary summary = merged.Summarize();
  EXPECT_EQ(summary.p50, absl::Microseconds(20));
  EXPECT_EQ(summary.max, absl::Microseconds(30));
}

TEST(LatencySamplesTest, NegativeLatencyCountsAsZero) {
  LatencySamples samples;
  samples.Add(absl::Microseconds(-5));
  EXPECT_EQ(samples.Summarize().max, absl::ZeroDuration());
}

}  // namespace
}  // namespace cs::tools::loadgen

// C6 (A3 7.5.4): the mailbox's growth, when it will be full, and the warning with its advice.
#include "services/channel-registry/domain/capacity_forecast.h"

#include <cmath>
#include <random>
#include <vector>

#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::channel {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

const absl::Time kDay0 =
    absl::FromCivil(absl::CivilSecond(2026, 3, 1, 0, 0, 0), absl::UTCTimeZone());

absl::Time Day(double d) { return kDay0 + absl::Seconds(std::llround(d * 86400)); }

UsageSample Sample(double day, int64_t used, int64_t capacity) {
  return UsageSample{7, Day(day), used, capacity};
}

// used = start + per_day * d for d = first..last, daily.
std::vector<UsageSample> Line(int first, int last, int64_t start, int64_t per_day,
                              int64_t capacity) {
  std::vector<UsageSample> samples;
  for (int d = first; d <= last; ++d) samples.push_back(Sample(d, start + per_day * d, capacity));
  return samples;
}

TEST(CapacityForecastTest, C6_SteadyGrowthForecastsFullExactlyToTheSecond) {
  // 1000 + 100 a day in a box of 5000: full on day 40.
  const CapacityForecast forecast = ForecastCapacity(Line(0, 14, 1000, 100, 5000), Day(14));
  EXPECT_NEAR(forecast.growth_per_day, 100, 1e-9);
  ASSERT_TRUE(forecast.full_at.has_value());
  EXPECT_EQ(*forecast.full_at, Day(40));
  EXPECT_EQ(forecast.samples_used, 15);
  EXPECT_DOUBLE_EQ(forecast.usage_ratio, 2400.0 / 5000);
  EXPECT_FALSE(forecast.warning);
  EXPECT_TRUE(forecast.advice.empty());
  // Samples out of order are sorted first.
  std::vector<UsageSample> shuffled = Line(0, 14, 1000, 100, 5000);
  std::swap(shuffled.front(), shuffled.back());
  EXPECT_EQ(ForecastCapacity(shuffled, Day(14)).full_at, Day(40));
}

TEST(CapacityForecastTest, C6_TheSlidingWindowSeesTheRecentFasterGrowth) {
  // 10 a day for two weeks, then 100 a day for two weeks, in a box of 10000.
  std::vector<UsageSample> samples = Line(0, 14, 0, 10, 10000);
  for (int d = 15; d <= 28; ++d) samples.push_back(Sample(d, 140 + 100 * (d - 14), 10000));
  const CapacityForecast windowed = ForecastCapacity(samples, Day(28));
  ForecastOptions whole_life;
  whole_life.window = absl::Hours(24 * 365);
  const CapacityForecast all = ForecastCapacity(samples, Day(28), whole_life);
  EXPECT_EQ(windowed.samples_used, 15);  // days 14..28
  EXPECT_EQ(all.samples_used, 29);
  EXPECT_NEAR(windowed.growth_per_day, 100, 1e-6);
  EXPECT_LT(all.growth_per_day, 70);
  ASSERT_TRUE(windowed.full_at.has_value() && all.full_at.has_value());
  EXPECT_LT(*windowed.full_at, *all.full_at);
  // The window's line is 140 + 100 (d - 14): full on day 14 + 9860 / 100 = 112.6.
  EXPECT_EQ(*windowed.full_at, Day(112.6));
}

TEST(CapacityForecastTest, C6_AFlatSeriesNeverForecastsFull) {
  ForecastOptions far;
  far.horizon = absl::Hours(24 * 365 * 50);
  const CapacityForecast forecast = ForecastCapacity(Line(0, 14, 500, 0, 1000), Day(14), far);
  EXPECT_EQ(forecast.growth_per_day, 0);
  EXPECT_FALSE(forecast.full_at.has_value());
  EXPECT_FALSE(forecast.warning);
}

TEST(CapacityForecastTest, C6_AShrinkingSeriesNeverForecastsFull) {
  const CapacityForecast forecast = ForecastCapacity(Line(0, 14, 700, -20, 1000), Day(14));
  EXPECT_NEAR(forecast.growth_per_day, -20, 1e-9);
  EXPECT_FALSE(forecast.full_at.has_value());
  EXPECT_FALSE(forecast.warning);
}

TEST(CapacityForecastTest, C6_NoisyGrowthIsForecastWithinADay) {
  // 1000 + 200 a day with uniform noise of ±40, fixed seed; the true line is full on day 45.
  std::mt19937 random(20260301);
  std::vector<UsageSample> samples;
  for (int d = 0; d <= 14; ++d) {
    const int64_t noise = static_cast<int64_t>(random() % 81) - 40;
    samples.push_back(Sample(d, 1000 + 200 * d + noise, 10000));
  }
  const CapacityForecast forecast = ForecastCapacity(samples, Day(14));
  EXPECT_NEAR(forecast.growth_per_day, 200, 10);
  ASSERT_TRUE(forecast.full_at.has_value());
  EXPECT_LT(absl::AbsDuration(*forecast.full_at - Day(45)), absl::Hours(24));
}

TEST(CapacityForecastTest, C6_UsageAtTheThresholdWarnsWithTheAdvice) {
  const CapacityForecast at = ForecastCapacity({Sample(0, 800, 1000)}, Day(0));
  EXPECT_TRUE(at.warning);
  EXPECT_THAT(at.advice, HasSubstr("加快收信频率或对信箱容量进行扩充"));
  EXPECT_THAT(at.advice, HasSubstr("enlarge"));
  EXPECT_FALSE(ForecastCapacity({Sample(0, 799, 1000)}, Day(0)).warning);
  ForecastOptions strict;
  strict.usage_threshold = 0.7;
  EXPECT_TRUE(ForecastCapacity({Sample(0, 700, 1000)}, Day(0), strict).warning);
}

TEST(CapacityForecastTest, C6_FullWithinTheHorizonWarns) {
  // 1000 + 100 a day in a box of 3100: full on day 21, seven days after day 14; 2400 is 77 %.
  const std::vector<UsageSample> samples = Line(0, 14, 1000, 100, 3100);
  const CapacityForecast seven = ForecastCapacity(samples, Day(14));
  EXPECT_EQ(seven.full_at, Day(21));
  EXPECT_LT(seven.usage_ratio, 0.8);
  EXPECT_TRUE(seven.warning);
  EXPECT_EQ(seven.advice, kCapacityAdvice);
  ForecastOptions six_days;
  six_days.horizon = absl::Hours(24 * 6);
  EXPECT_FALSE(ForecastCapacity(samples, Day(14), six_days).warning);
  // The horizon counts from now, not from the latest sample.
  EXPECT_FALSE(ForecastCapacity(samples, Day(13), six_days).warning);
  EXPECT_TRUE(ForecastCapacity(samples, Day(15), six_days).warning);
}

TEST(CapacityForecastTest, C6_TooFewSamplesInTheWindowGiveNoLine) {
  const CapacityForecast none = ForecastCapacity({}, Day(0));
  EXPECT_FALSE(none.latest.has_value());
  EXPECT_EQ(none.samples_used, 0);
  const CapacityForecast one = ForecastCapacity({Sample(0, 100, 1000)}, Day(0));
  EXPECT_EQ(one.samples_used, 1);
  EXPECT_EQ(one.growth_per_day, 0);
  EXPECT_FALSE(one.full_at.has_value());
  // The older sample lies outside the 14-day window of the latest.
  const CapacityForecast stale =
      ForecastCapacity({Sample(0, 100, 1000), Sample(20, 600, 1000)}, Day(20));
  EXPECT_EQ(stale.samples_used, 1);
  EXPECT_FALSE(stale.full_at.has_value());
  const CapacityForecast two =
      ForecastCapacity({Sample(7, 100, 1000), Sample(20, 600, 1000)}, Day(20));
  EXPECT_EQ(two.samples_used, 2);
  EXPECT_TRUE(two.full_at.has_value());
}

TEST(CapacityForecastTest, C6_AFullBoxIsFull) {
  EXPECT_TRUE(IsFull(Sample(0, 1000, 1000)));
  EXPECT_FALSE(IsFull(Sample(0, 999, 1000)));
  const CapacityForecast full = ForecastCapacity({Sample(0, 1000, 1000)}, Day(0));
  EXPECT_TRUE(full.full);
  EXPECT_TRUE(full.warning);
}

TEST(ValidateSampleTest, C6_EverySampleIsCheckedAgainstTheLatest) {
  const UsageSample previous = Sample(1, 100, 1000);
  EXPECT_THAT(ValidateSample(absl::nullopt, Sample(0, 0, 1)), IsOk());
  EXPECT_THAT(ValidateSample(previous, Sample(1.5, 1000, 1000)), IsOk());
  const auto fields = [](const absl::Status& status) {
    std::vector<std::string> names;
    for (const common::FieldViolation& v : common::ViolationsOf(status)) names.push_back(v.field);
    return names;
  };
  EXPECT_THAT(fields(ValidateSample(previous, Sample(1, 100, 1000))),
              ElementsAre("sample.sampled_at"));
  EXPECT_THAT(fields(ValidateSample(previous, Sample(0.5, 100, 1000))),
              ElementsAre("sample.sampled_at"));
  EXPECT_THAT(fields(ValidateSample(previous, Sample(2, -1, 1000))), ElementsAre("sample.used"));
  EXPECT_THAT(fields(ValidateSample(previous, Sample(2, 1001, 1000))), ElementsAre("sample.used"));
  EXPECT_THAT(fields(ValidateSample(previous, Sample(2, 0, 0))), ElementsAre("sample.capacity"));
  EXPECT_THAT(fields(ValidateSample(previous, Sample(0, -5, -1))),
              ElementsAre("sample.sampled_at", "sample.capacity", "sample.used"));
  EXPECT_THAT(ValidateSample(previous, Sample(2, 1001, 1000)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("more than the capacity")));
}

TEST(ValidateSampleTest, C6_ForecastOptionsAreChecked) {
  EXPECT_THAT(ValidateForecastOptions({}), IsOk());
  ForecastOptions bad;
  bad.window = absl::ZeroDuration();
  bad.horizon = -absl::Hours(1);
  bad.usage_threshold = 1.5;
  EXPECT_EQ(common::ViolationsOf(ValidateForecastOptions(bad)).size(), 3u);
}

}  // namespace
}  // namespace cs::channel

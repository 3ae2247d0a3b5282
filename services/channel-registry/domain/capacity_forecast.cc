#include "services/channel-registry/domain/capacity_forecast.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "common/status/field_violations.h"

namespace cs::channel {
namespace {

constexpr double kSecondsPerDay = 86400;
constexpr double kCenturySeconds = 100 * 365.25 * kSecondsPerDay;

std::string Instant(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

}  // namespace

bool IsFull(const UsageSample& sample) { return sample.used >= sample.capacity; }

absl::Status ValidateSample(const absl::optional<UsageSample>& previous,
                            const UsageSample& sample) {
  common::FieldViolations violations;
  if (sample.sampled_at == absl::UnixEpoch() || sample.sampled_at == absl::InfinitePast() ||
      sample.sampled_at == absl::InfiniteFuture()) {
    violations.Add("sample.sampled_at", "is required");
  } else if (previous.has_value() && sample.sampled_at <= previous->sampled_at) {
    violations.Add("sample.sampled_at", absl::StrCat("must be after the latest sample, taken ",
                                                     Instant(previous->sampled_at), ", not ",
                                                     Instant(sample.sampled_at)));
  }
  if (sample.capacity <= 0) {
    violations.Add("sample.capacity", absl::StrCat("must be positive, not ", sample.capacity));
  }
  if (sample.used < 0) {
    violations.Add("sample.used", absl::StrCat("must not be negative, not ", sample.used));
  } else if (sample.capacity > 0 && sample.used > sample.capacity) {
    violations.Add("sample.used",
                   absl::StrCat("is ", sample.used, ", more than the capacity ", sample.capacity));
  }
  return violations.ToStatus("invalid usage sample");
}

absl::Status ValidateForecastOptions(const ForecastOptions& options) {
  common::FieldViolations violations;
  if (options.window <= absl::ZeroDuration()) violations.Add("window", "must be positive");
  if (options.horizon <= absl::ZeroDuration()) violations.Add("horizon", "must be positive");
  if (!(options.usage_threshold > 0 && options.usage_threshold <= 1)) {
    violations.Add("usage_threshold", "must be above 0 and at most 1");
  }
  return violations.ToStatus("invalid capacity forecast options");
}

CapacityForecast ForecastCapacity(std::vector<UsageSample> samples, absl::Time now,
                                  const ForecastOptions& options) {
  CapacityForecast forecast;
  if (samples.empty()) return forecast;
  std::sort(samples.begin(), samples.end(),
            [](const UsageSample& a, const UsageSample& b) { return a.sampled_at < b.sampled_at; });
  const UsageSample& latest = samples.back();
  forecast.latest = latest;
  forecast.usage_ratio =
      latest.capacity > 0 ? static_cast<double>(latest.used) / latest.capacity : 1.0;
  forecast.full = IsFull(latest);

  const absl::Time window_start = latest.sampled_at - options.window;
  auto first = std::lower_bound(
      samples.begin(), samples.end(), window_start,
      [](const UsageSample& sample, absl::Time t) { return sample.sampled_at < t; });
  const std::vector<UsageSample> window(first, samples.end());
  forecast.samples_used = static_cast<int>(window.size());

  if (window.size() >= 2) {
    // x in seconds after the window's first sample, centred on the means for stability.
    const absl::Time origin = window.front().sampled_at;
    double mean_x = 0;
    double mean_y = 0;
    for (const UsageSample& sample : window) {
      mean_x += absl::ToDoubleSeconds(sample.sampled_at - origin);
      mean_y += static_cast<double>(sample.used);
    }
    mean_x /= window.size();
    mean_y /= window.size();
    double sxx = 0;
    double sxy = 0;
    for (const UsageSample& sample : window) {
      const double dx = absl::ToDoubleSeconds(sample.sampled_at - origin) - mean_x;
      sxx += dx * dx;
      sxy += dx * (static_cast<double>(sample.used) - mean_y);
    }
    const double slope = sxx > 0 ? sxy / sxx : 0;  // per second
    const double per_day = slope * kSecondsPerDay;
    if (std::abs(per_day) > kFlatGrowthPerDay) forecast.growth_per_day = per_day;
    if (forecast.growth_per_day > 0) {
      // used(x) = mean_y + slope (x - mean_x) reaches capacity at x_full.
      const double x_full = mean_x + (static_cast<double>(latest.capacity) - mean_y) / slope;
      // A line so flat it would take more than a century is not a forecast (and would overflow).
      if (x_full < kCenturySeconds) {
        forecast.full_at = origin + absl::Seconds(std::llround(x_full));
      }
    }
  }
  forecast.warning = forecast.usage_ratio >= options.usage_threshold ||
                     (forecast.full_at.has_value() && *forecast.full_at <= now + options.horizon);
  if (forecast.warning) forecast.advice = std::string(kCapacityAdvice);
  return forecast;
}

}  // namespace cs::channel

// C6 (A3 7.5.4): a mailbox's usage watched so complaint mail never bounces — a least-squares line
// through its recent usage samples, the growth per day, when the line reaches the box's capacity,
// and the warning (with the regulation's advice: fetch mail more often or enlarge the box) when
// that is near or the box is already nearly full. Plain values and pure functions; thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_CAPACITY_FORECAST_H_
#define CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_CAPACITY_FORECAST_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/channel-registry/domain/channel.h"

namespace cs::channel {

struct ForecastOptions {
  // The line is fitted to the samples taken within `window` before the latest one (inclusive), so
  // recent growth counts, not the box's whole life.
  absl::Duration window = absl::Hours(14 * 24);
  // Warn when the line reaches capacity within `horizon` of now…
  absl::Duration horizon = absl::Hours(7 * 24);
  // …or when the latest sample's used / capacity is at least this.
  double usage_threshold = 0.8;
};

// |growth per day| at or below this is flat: a flat series never forecasts full.
inline constexpr double kFlatGrowthPerDay = 1e-6;

// The advice A3 7.5.4 gives when the box is filling up, in Chinese and English.
inline constexpr absl::string_view kCapacityAdvice =
    "信箱容量即将不足：请加快收信频率或对信箱容量进行扩充，确保用户申诉信件能够正常到达。"
    " The mailbox is filling up: fetch its mail more often or enlarge it, so that every complaint "
    "mail still arrives.";

struct CapacityForecast {
  absl::optional<UsageSample> latest;  // none without samples
  double usage_ratio = 0;              // latest used / capacity
  // Slope of the least-squares line of used against time over the window, per day (negative:
  // shrinking); 0 with fewer than 2 samples in the window or within kFlatGrowthPerDay of 0.
  double growth_per_day = 0;
  // Only when the line grows: the instant it reaches the latest sample's capacity, to the second
  // (may be before now when the line has already passed it); none when that is more than a
  // century after the window's first sample.
  absl::optional<absl::Time> full_at;
  int samples_used = 0;  // samples in the window
  bool full = false;     // IsFull(latest)
  bool warning = false;  // full_at <= now + horizon, or usage_ratio >= usage_threshold
  std::string advice;    // kCapacityAdvice when warned, else empty
};

// Used at or above capacity: the box is full (a MAILBOX_FULL fault, C6 -> C2).
bool IsFull(const UsageSample& sample);

// A new sample against the latest one recorded (none for the first): INVALID_ARGUMENT naming every
// bad field — "sample.sampled_at" when it is not after the previous sample's (or unset),
// "sample.capacity" when capacity <= 0, "sample.used" when used < 0 or used > capacity.
absl::Status ValidateSample(const absl::optional<UsageSample>& previous, const UsageSample& sample);

// OK, or INVALID_ARGUMENT naming "window", "horizon" or "usage_threshold" (positive durations, a
// threshold in (0, 1]).
absl::Status ValidateForecastOptions(const ForecastOptions& options);

// The forecast from `samples` (any order; sorted by sampled_at here) at `now`.
CapacityForecast ForecastCapacity(std::vector<UsageSample> samples, absl::Time now,
                                  const ForecastOptions& options = {});

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_CAPACITY_FORECAST_H_

// Watches the working-time calendar's horizon (SPEC: warn when the current calendar version covers
// less than 60 more days, so next year's holidays get loaded in time): the gauge
// cs_calendar_horizon_days {version}, computed afresh at every scrape so it never goes stale in a
// long-running process, and a WARNING log line at start. Thread-safe.
#ifndef CS_COMMON_GRPC_CALENDAR_HORIZON_H_
#define CS_COMMON_GRPC_CALENDAR_HORIZON_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/grpc/metrics_server.h"
#include "common/log/logger.h"
#include "common/time/calendar_set.h"
#include "common/time/clock.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace cs::common {

inline constexpr int kCalendarHorizonWarningDays = 60;

// Exposes cs_calendar_horizon_days{version=<version>} with the value of `days_to_horizon()` at
// scrape time. The callback must be thread-safe (e.g. `calendar_set.days_to_horizon(clock.Now())`).
class CalendarHorizonCollector final : public prometheus::Collectable {
 public:
  CalendarHorizonCollector(std::string version, std::function<int64_t()> days_to_horizon)
      : version_(std::move(version)), days_to_horizon_(std::move(days_to_horizon)) {}

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  const std::string version_;
  const std::function<int64_t()> days_to_horizon_;
};

// Logs a WARNING "calendar_horizon_near" when `days_to_horizon` < kCalendarHorizonWarningDays.
// Returns whether it warned.
bool WarnIfCalendarHorizonNear(Logger& logger, absl::string_view version, int64_t days_to_horizon);

// Both of the above: registers the collector with `metrics` and checks the horizon now.
void ExportCalendarHorizon(MetricsServer& metrics, Logger& logger, std::string version,
                           std::function<int64_t()> days_to_horizon);

// The same for the current version of `calendars`, measured on `clock`; both must outlive
// `metrics`.
void ExportCalendarHorizon(MetricsServer& metrics, Logger& logger, const CalendarSet& calendars,
                           const Clock& clock);

}  // namespace cs::common

#endif  // CS_COMMON_GRPC_CALENDAR_HORIZON_H_

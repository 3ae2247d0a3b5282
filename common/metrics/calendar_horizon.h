// Watches the working-time calendar's horizon (SPEC: warn when the current calendar version covers
// less than 60 more days, so next year's holidays get loaded in time): the gauge
// cs_calendar_horizon_seconds{version}, the time left until the end of the last day the current
// version covers, computed afresh at every scrape from the set in force (so it follows a reloaded
// calendar and never goes stale in a long-running process; Prometheus wants base units: seconds,
// not days); and a WARNING log line at start and after each reload. Thread-safe.
#ifndef CS_COMMON_METRICS_CALENDAR_HORIZON_H_
#define CS_COMMON_METRICS_CALENDAR_HORIZON_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/log/logger.h"
#include "common/metrics/metrics_server.h"
#include "common/time/calendar_holder.h"
#include "common/time/clock.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace cs::common {

inline constexpr int kCalendarHorizonWarningDays = 60;

// What the gauge shows at one scrape.
struct CalendarHorizonReading {
  std::string version;
  // Until the end of the horizon day; negative once past it.
  absl::Duration remaining;
};

// Exposes cs_calendar_horizon_seconds{version=<version>} as `read()` gives it at scrape time. The
// callback must be thread-safe.
class CalendarHorizonCollector final : public prometheus::Collectable {
 public:
  explicit CalendarHorizonCollector(std::function<CalendarHorizonReading()> read)
      : read_(std::move(read)) {}

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  const std::function<CalendarHorizonReading()> read_;
};

// Logs a WARNING "calendar_horizon_near" when `days_to_horizon` < kCalendarHorizonWarningDays.
// Returns whether it warned.
bool WarnIfCalendarHorizonNear(Logger& logger, absl::string_view version, int64_t days_to_horizon);

// Registers the collector for the current version of the set `calendars` holds at each scrape,
// measured on `clock`, with `metrics`, and checks the horizon now. The collector shares ownership
// of `calendars`, since a scrape may come while the process shuts down; `clock` must outlive
// `metrics`.
void ExportCalendarHorizon(MetricsServer& metrics, Logger& logger,
                           std::shared_ptr<const CalendarHolder> calendars, const Clock& clock);

}  // namespace cs::common

#endif  // CS_COMMON_METRICS_CALENDAR_HORIZON_H_

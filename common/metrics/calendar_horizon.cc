#include "common/metrics/calendar_horizon.h"

#include <memory>

#include "prometheus/metric_type.h"

namespace cs::common {

std::vector<prometheus::MetricFamily> CalendarHorizonCollector::Collect() const {
  const CalendarHorizonReading reading = read_();
  prometheus::MetricFamily family;
  family.name = "cs_calendar_horizon_seconds";
  family.help =
      "Time from now to the end of the last day the current working-time calendar version covers.";
  family.type = prometheus::MetricType::Gauge;
  prometheus::ClientMetric metric;
  metric.label.push_back({"version", reading.version});
  metric.gauge.value = absl::ToDoubleSeconds(reading.remaining);
  family.metric.push_back(std::move(metric));
  return {std::move(family)};
}

bool WarnIfCalendarHorizonNear(Logger& logger, absl::string_view version, int64_t days_to_horizon) {
  if (days_to_horizon >= kCalendarHorizonWarningDays) return false;
  logger.Warning("calendar_horizon_near", {{"version", version},
                                           {"days_to_horizon", days_to_horizon},
                                           {"threshold_days", kCalendarHorizonWarningDays}});
  return true;
}

void ExportCalendarHorizon(MetricsServer& metrics, Logger& logger,
                           std::shared_ptr<const CalendarHolder> calendars, const Clock& clock) {
  const CalendarSet& now_in_force = calendars->Get();
  WarnIfCalendarHorizonNear(logger, now_in_force.current().version(),
                            now_in_force.days_to_horizon(clock.Now()));
  metrics.AddCollectable(
      std::make_shared<CalendarHorizonCollector>([calendars = std::move(calendars), &clock] {
        const WorkingCalendar& current = calendars->Get().current();
        return CalendarHorizonReading{current.version(), current.TimeToHorizonEnd(clock.Now())};
      }));
}

}  // namespace cs::common

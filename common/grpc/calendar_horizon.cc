#include "common/grpc/calendar_horizon.h"

#include <memory>

#include "prometheus/metric_type.h"

namespace cs::common {

std::vector<prometheus::MetricFamily> CalendarHorizonCollector::Collect() const {
  prometheus::MetricFamily family;
  family.name = "cs_calendar_horizon_days";
  family.help = "Days from now to the last day the current working-time calendar version covers.";
  family.type = prometheus::MetricType::Gauge;
  prometheus::ClientMetric metric;
  metric.label.push_back({"version", version_});
  metric.gauge.value = static_cast<double>(days_to_horizon_());
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

void ExportCalendarHorizon(MetricsServer& metrics, Logger& logger, std::string version,
                           std::function<int64_t()> days_to_horizon) {
  WarnIfCalendarHorizonNear(logger, version, days_to_horizon());
  metrics.AddCollectable(
      std::make_shared<CalendarHorizonCollector>(std::move(version), std::move(days_to_horizon)));
}

void ExportCalendarHorizon(MetricsServer& metrics, Logger& logger, const CalendarSet& calendars,
                           const Clock& clock) {
  ExportCalendarHorizon(metrics, logger, calendars.current().version(),
                        [&calendars, &clock] { return calendars.days_to_horizon(clock.Now()); });
}

}  // namespace cs::common

#include "common/metrics/worker_rounds.h"

#include "prometheus/metric_type.h"

namespace cs::common {

void WorkerRoundsCollector::Add(std::string worker, std::function<int64_t()> rounds) {
  absl::MutexLock lock(&mutex_);
  workers_.emplace_back(std::move(worker), std::move(rounds));
}

void WorkerRoundsCollector::Clear() {
  absl::MutexLock lock(&mutex_);
  workers_.clear();
}

std::vector<prometheus::MetricFamily> WorkerRoundsCollector::Collect() const {
  prometheus::MetricFamily family;
  family.name = "cs_worker_rounds_total";
  family.help = "Rounds of work each background worker has completed since the process started.";
  family.type = prometheus::MetricType::Counter;
  absl::MutexLock lock(&mutex_);
  for (const auto& [worker, rounds] : workers_) {
    prometheus::ClientMetric metric;
    metric.label.push_back({"worker", worker});
    metric.counter.value = static_cast<double>(rounds());
    family.metric.push_back(std::move(metric));
  }
  return {std::move(family)};
}

}  // namespace cs::common

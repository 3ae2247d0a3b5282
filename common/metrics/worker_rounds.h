// cs_worker_rounds_total{worker}: the rounds each background worker of the process has completed
// (a periodic sweep, an outbox relay), read from the workers at every scrape. Operators see a
// worker that stopped making progress; tests wait for a worker to complete more rounds instead of
// sleeping when they must show it did not do something. Thread-safe.
#ifndef CS_COMMON_METRICS_WORKER_ROUNDS_H_
#define CS_COMMON_METRICS_WORKER_ROUNDS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace cs::common {

class WorkerRoundsCollector final : public prometheus::Collectable {
 public:
  // Exports `rounds()` as the series of `worker`. `rounds` must be thread-safe and stay callable as
  // long as the collector is scraped.
  void Add(std::string worker, std::function<int64_t()> rounds);
  // Forgets every worker (before they are destroyed; scrapes may go on).
  void Clear();

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  mutable absl::Mutex mutex_;
  std::vector<std::pair<std::string, std::function<int64_t()>>> workers_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::common

#endif  // CS_COMMON_METRICS_WORKER_ROUNDS_H_

// Prometheus metrics of a service's transactional outbox (ARCHITECTURE "Between services"), so ops
// see a receiver that stops acknowledging before any SLA is missed:
//   cs_<service>_outbox_delivered_total{destination}
//   cs_<service>_outbox_delivery_failures_total{destination}
//   cs_<service>_outbox_delivery_age_seconds{destination}  histogram: enqueue to acknowledgement
//   cs_<service>_outbox_pending{destination}               gauge, refreshed by RefreshBacklog
//   cs_<service>_outbox_oldest_pending_seconds             gauge, refreshed by RefreshBacklog
//   cs_<service>_outbox_dead_lettered_total{destination}   messages that became dead letters
//   cs_<service>_outbox_dead_letters{destination}          gauge, refreshed by RefreshBacklog:
//                                                          dead letters waiting for an operator
// Dead letters are not in the pending gauge (outbox.h OutboxBacklogStats); messages blocked
// behind one (same ordering_key) are.
// Thread-safe.
#ifndef CS_COMMON_METRICS_OUTBOX_METRICS_H_
#define CS_COMMON_METRICS_OUTBOX_METRICS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/connection_pool.h"
#include "common/db/outbox_relay.h"
#include "common/metrics/sla_metrics.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace cs::common {

class OutboxMetrics final : public db::OutboxRelayObserver {
 public:
  // `service` names the metrics ("intake" -> cs_intake_outbox_…); the pending and dead-letter
  // gauges always have a series for each of `destinations` (0 when nothing waits), so an alert on
  // them has data to read.
  static absl::StatusOr<std::unique_ptr<OutboxMetrics>> Create(
      prometheus::Registry& registry, const std::string& service,
      std::vector<std::string> destinations);

  void OnDelivered(const db::OutboxRecord& record, absl::Duration age) override;
  void OnDeliveryFailed(const db::OutboxRecord& record, const absl::Status& error,
                        absl::Time next_attempt_at) override;
  // Counts the refusal as a failed attempt too.
  void OnDeadLettered(const db::OutboxRecord& record, const absl::Status& error) override;

  // Reads the backlog from the database and sets the gauges. The mapped database error on failure.
  absl::Status RefreshBacklog(db::ConnectionPool& pool, absl::Time now);

 private:
  OutboxMetrics() = default;

  prometheus::Family<prometheus::Counter>* delivered_ = nullptr;
  prometheus::Family<prometheus::Counter>* failures_ = nullptr;
  prometheus::Family<prometheus::Histogram>* age_ = nullptr;
  prometheus::Family<prometheus::Counter>* dead_lettered_ = nullptr;
  std::vector<std::string> destinations_;
  std::unique_ptr<GaugeSeries> pending_;
  std::unique_ptr<GaugeSeries> dead_letters_;
  prometheus::Gauge* oldest_ = nullptr;
};

}  // namespace cs::common

#endif  // CS_COMMON_METRICS_OUTBOX_METRICS_H_

// The channel registry's metrics (SPEC C1–C7), exported through the process's Prometheus registry.
// The alert rules (deploy/prometheus/rules/channel_registry.yml) and the dashboard are written
// against these names: keep them.
// Gauges, set by every sweep (--sweep_interval); a snapshot replaces them whole:
//   cs_channel_registry_channels{unit,state="filed|acknowledged|inaccurate|retired"}
//   cs_channel_registry_unfiled_channels{unit}        found in use but not filed, still open (C1)
//   cs_channel_registry_checks_overdue{unit}          channels whose scheduled check is overdue
//   (C5) cs_channel_registry_oldest_overdue_check_seconds  how long the most overdue check is
//   overdue cs_channel_registry_open_faults{unit}             faults not repaired (C2)
//   cs_channel_registry_faults_overdue{unit}          open faults past their repair due time
//   cs_channel_registry_oldest_open_fault_seconds     age of the oldest open fault
//   cs_channel_registry_mailbox_usage_ratio{channel,unit}   the latest usage sample (C6)
//   cs_channel_registry_mailbox_days_to_full{channel,unit}  only for mailboxes forecast to fill
//   cs_channel_registry_capacity_warnings{unit}       mailboxes whose forecast warns
// Counters:
//   cs_channel_registry_faults_repaired_total{unit,outcome="in_time|late"}
//   cs_channel_registry_checks_total{unit}
//   cs_channel_registry_monthly_reports_late_total{unit}   submitted after the due working day or
//       not by it, once per channel and month: counted with the missed deadline (ReportDeadline),
//       which the core reports once whether the report came late or never
//   cs_channel_registry_report_deadlines_total{unit,outcome="met|missed"}
// Every series with a unit label (but the per-mailbox ones) starts at 0 for every unit of the units
// file, every state and outcome, so alerts on increase() see the first event after a start.
// Thread-safe (prometheus-cpp metrics and common::GaugeSeries are).
#ifndef CS_SERVICES_CHANNEL_REGISTRY_API_CHANNEL_METRICS_H_
#define CS_SERVICES_CHANNEL_REGISTRY_API_CHANNEL_METRICS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/metrics/sla_metrics.h"
#include "common/units/unit_directory.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "services/channel-registry/core/channel_ports.h"

namespace cs::channel {

class ChannelMetrics final : public ChannelObserver {
 public:
  // INTERNAL or INVALID_ARGUMENT if the metric families cannot be registered (a name clash in the
  // registry).
  static absl::StatusOr<std::unique_ptr<ChannelMetrics>> Create(prometheus::Registry& registry,
                                                                const common::UnitDirectory& units);

  void FaultRepaired(absl::string_view unit_id, bool in_time) override;
  void CheckRecorded(absl::string_view unit_id) override;
  void ReportDeadline(absl::string_view unit_id, bool met) override;
  void Snapshot(const ChannelSnapshot& snapshot) override;

 private:
  ChannelMetrics() = default;

  std::vector<std::string> unit_ids_;
  prometheus::Family<prometheus::Counter>* repaired_ = nullptr;
  prometheus::Family<prometheus::Counter>* checks_ = nullptr;
  prometheus::Family<prometheus::Counter>* late_ = nullptr;
  prometheus::Gauge* oldest_overdue_check_ = nullptr;
  prometheus::Gauge* oldest_open_fault_ = nullptr;
  std::unique_ptr<common::DeadlineCounter> deadlines_;
  std::unique_ptr<common::GaugeSeries> channels_;
  std::unique_ptr<common::GaugeSeries> unfiled_;
  std::unique_ptr<common::GaugeSeries> checks_overdue_;
  std::unique_ptr<common::GaugeSeries> open_faults_;
  std::unique_ptr<common::GaugeSeries> faults_overdue_;
  std::unique_ptr<common::GaugeSeries> usage_ratio_;
  std::unique_ptr<common::GaugeSeries> days_to_full_;
  std::unique_ptr<common::GaugeSeries> capacity_warnings_;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_API_CHANNEL_METRICS_H_

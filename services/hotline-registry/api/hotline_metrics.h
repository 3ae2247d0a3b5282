// The hotline registry's metrics (SPEC H1–H8), exported through the process's Prometheus registry.
// The alert rules and the dashboard are written against these names: keep them.
// Gauges, set by every sweep (--sweep_interval):
//   cs_hotline_registry_connection_rate_percent{hotline,unit,month="current|previous"}
//       answered / offered × 100 of the calls offered within the published hours, per hotline
//       ACTIVE at some time of the month (100 without calls; calls outside the hours not counted)
//   cs_hotline_registry_hotlines_below_target{unit}
//       hotlines whose current month's rate so far is under hotline_connection_rate_percent (80)
//   cs_hotline_registry_approvals_pending{kind="registration|change"}
//       signed forms waiting for the CS center's decision
//   cs_hotline_registry_oldest_pending_approval_seconds
//       how long the oldest of them has waited since its signature (0 when none)
//   cs_hotline_registry_number_transitions_active
//       old numbers on a voice prompt or transfer now (H3)
//   cs_hotline_registry_transition_remaining_seconds{hotline}
//       time left until the soonest end of the hotline's running transitions
// Counters:
//   cs_hotline_registry_monthly_reports_late_total{unit}        reports submitted after their due
//                                                               working day, or never by it
//   cs_hotline_registry_report_deadlines_total{unit,outcome}    met / missed, once per hotline and
//                                                               month (A2 7.7)
//   cs_hotline_registry_call_records_total{result="stored|duplicate|rejected"}   ingested (H6)
//   cs_hotline_registry_rosters_refused_total{unit}             duty rosters refused for naming
//                                                               untrained staff (H7)
// Every series with a unit label starts at 0 for every unit of the units file, the call-record
// counter for each result, the approvals gauge for both kinds, so alerts on increase() see the
// first event after a start. Thread-safe (prometheus-cpp metrics are).
#ifndef CS_SERVICES_HOTLINE_REGISTRY_API_HOTLINE_METRICS_H_
#define CS_SERVICES_HOTLINE_REGISTRY_API_HOTLINE_METRICS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "common/metrics/sla_metrics.h"
#include "common/units/unit_directory.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "services/hotline-registry/core/hotline_ports.h"

namespace cs::hotline {

class HotlineMetrics final : public HotlineObserver {
 public:
  // INTERNAL or INVALID_ARGUMENT if the metric families cannot be registered (a name clash in the
  // registry).
  static absl::StatusOr<std::unique_ptr<HotlineMetrics>> Create(prometheus::Registry& registry,
                                                                const common::UnitDirectory& units);

  void CallRecordsIngested(int64_t stored, int64_t duplicates, int64_t rejected) override;
  void RosterRefused(absl::string_view unit_id) override;
  void ReportDeadline(absl::string_view unit_id, bool met) override;
  void Snapshot(const RegistrySnapshot& snapshot) override;

 private:
  HotlineMetrics() = default;

  prometheus::Family<prometheus::Counter>* late_ = nullptr;
  prometheus::Family<prometheus::Counter>* calls_ = nullptr;
  prometheus::Family<prometheus::Counter>* refused_ = nullptr;
  prometheus::Gauge* oldest_pending_ = nullptr;
  prometheus::Gauge* transitions_active_ = nullptr;
  std::unique_ptr<common::DeadlineCounter> deadlines_;
  std::unique_ptr<common::GaugeSeries> rates_;
  std::unique_ptr<common::GaugeSeries> below_target_;
  std::unique_ptr<common::GaugeSeries> pending_;
  std::unique_ptr<common::GaugeSeries> remaining_;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_API_HOTLINE_METRICS_H_

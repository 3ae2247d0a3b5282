// The archive's metrics (SPEC §6), exported through the process's Prometheus registry:
//   cs_archive_records_archived_total{unit}                 records archived (V1), duplicates not
//   counted cs_archive_record_versions_total{unit}                  new versions (corrections,
//   re-sent content) cs_archive_reads_total{role,action,outcome}             reads, searches and
//   exports by role (V3) cs_archive_records_due_for_destruction{unit}            gauge: expired,
//   unheld, not destroyed (V4) cs_archive_records_destroyed_total{unit}                destructions
//   (V4) cs_archive_monthly_report_deadlines_total{unit,outcome} monthly reports met / missed
//   (A1 7.4.1) cs_archive_monthly_reports_late_total{unit}             the missed ones (late or
//   never submitted) cs_archive_access_log_append_only                       1 when the service's
//   database account
//                                                           cannot UPDATE or DELETE the access log
// Thread-safe (prometheus-cpp metrics are).
#ifndef CS_SERVICES_ARCHIVE_API_ARCHIVE_METRICS_H_
#define CS_SERVICES_ARCHIVE_API_ARCHIVE_METRICS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "common/metrics/sla_metrics.h"
#include "common/units/unit_directory.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "services/archive/core/archive_ports.h"

namespace cs::archive {

class ArchiveMetrics final : public ArchiveObserver {
 public:
  // The monthly report counters start with a series at 0 for every unit of `units` (and both
  // outcomes), so an alert on increase() sees a unit's first late report after a start. INTERNAL if
  // the metric families cannot be registered (a name clash in the registry).
  static absl::StatusOr<std::unique_ptr<ArchiveMetrics>> Create(prometheus::Registry& registry,
                                                                const common::UnitDirectory& units);

  void RecordArchived(absl::string_view unit_id) override;
  void RecordVersioned(absl::string_view unit_id) override;
  void RecordRead(common::Role role, AccessAction action, AccessOutcome outcome) override;
  void DueForDestruction(const std::vector<UnitCount>& counts) override;
  void RecordDestroyed(absl::string_view unit_id) override;
  void MonthlyReportDeadline(absl::string_view unit_id, bool met) override;

  // Sets cs_archive_access_log_append_only.
  void SetAccessLogAppendOnly(bool append_only);

 private:
  ArchiveMetrics() = default;

  prometheus::Family<prometheus::Counter>* archived_ = nullptr;
  prometheus::Family<prometheus::Counter>* versions_ = nullptr;
  prometheus::Family<prometheus::Counter>* reads_ = nullptr;
  prometheus::Family<prometheus::Counter>* destroyed_ = nullptr;
  prometheus::Family<prometheus::Counter>* late_ = nullptr;
  prometheus::Gauge* append_only_ = nullptr;
  std::unique_ptr<common::GaugeSeries> due_;
  std::unique_ptr<common::DeadlineCounter> report_deadlines_;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_API_ARCHIVE_METRICS_H_

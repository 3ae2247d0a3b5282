// The assessment service's metrics (SPEC S1–S7; M 7.6, 7.7, 7.13, 7.17), exported through the
// process's Prometheus registry. The alert rules (deploy/prometheus/rules/assessment.yml) and the
// dashboard (deploy/grafana/dashboards/assessment.json) are written against these names: keep them.
// Counters, once per event (core/notice_ports.h and core/scorecard_ports.h say when):
//   cs_assessment_notices_issued_total{unit}
//   cs_assessment_notices_deemed_received_total{unit}
//   cs_assessment_notice_replies_total{unit,outcome="on_time|late"}
//   cs_assessment_verifications_total{unit,outcome="passed|failed"}
//   cs_assessment_maintenance_filings_total{unit,outcome="on_time|late|emergency"}
//   cs_assessment_launch_findings_total{unit}
//   cs_assessment_scorecards_computed_total{set,outcome="complete|incomplete"}
//   cs_assessment_source_reads_total{source,outcome="ok|failed"}
// Histogram: cs_assessment_notice_reply_working_seconds{outcome="on_time|late"}, working time on
//   the calendar from receipt (or reopening) to the signed reply, buckets 1 h to 20 working days.
// Gauges:
//   cs_assessment_source_up{source}   1 after a read of the peer that answered, 0 after one that
//       did not; absent for a peer this process has not asked yet (a value before the first read
//       would be a guess: 1 hides a dead peer, 0 pages for a healthy one)
//   set by every notice sweep, a snapshot replacing them whole:
//   cs_assessment_open_notices{unit,overdue="true|false"}
//   cs_assessment_oldest_overdue_notice_seconds   0 when none is overdue
//   cs_assessment_notices_awaiting_receipt
//   cs_assessment_maintenance_awaiting_approval
//   set by every scorecard sweep:
//   cs_assessment_scorecards{set,state="complete|incomplete"}   of the latest month whose reports
//       are due
//   cs_assessment_scorecard_month   that month as the number YYYYMM (202610); 0 before the first
//       scorecard sweep
// Every series with a unit label starts at 0 for every unit of the units file and every outcome,
// the set series at 0 for every set of the indicator file, the source reads at 0 for each of the
// five peers, so alerts on increase() see the first event after a start.
// Thread-safe (prometheus-cpp metrics and common::GaugeSeries are).
#ifndef CS_SERVICES_ASSESSMENT_API_ASSESSMENT_METRICS_H_
#define CS_SERVICES_ASSESSMENT_API_ASSESSMENT_METRICS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/metrics/sla_metrics.h"
#include "common/units/unit_directory.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "services/assessment/core/notice_ports.h"
#include "services/assessment/core/scorecard_ports.h"
#include "services/assessment/domain/indicator_definitions.h"

namespace cs::assessment {

// The peers a scorecard reads figures from (indicator_definitions.h's kSource… names but the
// assessment's own), in the order the series are created.
std::vector<std::string> PeerSources();

// The bucket bounds of cs_assessment_notice_reply_working_seconds, in working seconds on the
// calendar: 1, 2, 4 h, then 1, 2, 3, 4, 5 (the reply limit), 7, 10, 15, 20 working days.
prometheus::Histogram::BucketBoundaries NoticeReplyBuckets();

class AssessmentMetrics final : public NoticeObserver, public ScorecardObserver {
 public:
  // `definitions` gives the set names. INTERNAL or INVALID_ARGUMENT if the metric families cannot
  // be registered (a name clash in the registry).
  static absl::StatusOr<std::unique_ptr<AssessmentMetrics>> Create(
      prometheus::Registry& registry, const common::UnitDirectory& units,
      const IndicatorDefinitions& definitions);

  // NoticeObserver.
  void NoticeIssued(absl::string_view unit_id) override;
  void NoticeDeemedReceived(absl::string_view unit_id) override;
  void NoticeReplied(absl::string_view unit_id, bool late, absl::Duration working_time) override;
  void NoticeVerified(absl::string_view unit_id, bool passed) override;
  void MaintenanceFiled(absl::string_view unit_id, MaintenanceFilingOutcome outcome) override;
  void LaunchFinding(absl::string_view unit_id) override;
  void Snapshot(const NoticeSnapshot& snapshot) override;

  // ScorecardObserver.
  void ScorecardComputed(absl::string_view set_name, bool complete) override;
  void SourceRead(absl::string_view source, bool answered) override;
  void Snapshot(const ScorecardSnapshot& snapshot) override;

 private:
  AssessmentMetrics() = default;

  std::vector<std::string> unit_ids_;
  std::vector<std::string> set_names_;
  prometheus::Family<prometheus::Counter>* issued_ = nullptr;
  prometheus::Family<prometheus::Counter>* deemed_received_ = nullptr;
  prometheus::Family<prometheus::Counter>* replies_ = nullptr;
  prometheus::Family<prometheus::Histogram>* reply_working_seconds_ = nullptr;
  prometheus::Family<prometheus::Counter>* verifications_ = nullptr;
  prometheus::Family<prometheus::Counter>* maintenance_filings_ = nullptr;
  prometheus::Family<prometheus::Counter>* launch_findings_ = nullptr;
  prometheus::Family<prometheus::Counter>* scorecards_computed_ = nullptr;
  prometheus::Family<prometheus::Counter>* source_reads_ = nullptr;
  prometheus::Family<prometheus::Gauge>* source_up_ = nullptr;
  prometheus::Gauge* oldest_overdue_notice_ = nullptr;
  prometheus::Gauge* awaiting_receipt_ = nullptr;
  prometheus::Gauge* maintenance_awaiting_approval_ = nullptr;
  prometheus::Gauge* scorecard_month_ = nullptr;
  std::unique_ptr<common::GaugeSeries> open_notices_;
  std::unique_ptr<common::GaugeSeries> scorecards_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_API_ASSESSMENT_METRICS_H_

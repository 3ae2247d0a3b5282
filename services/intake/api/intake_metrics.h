// The intake SLA metrics (SPEC I5), exported through the process's Prometheus registry:
//   cs_intake_receipt_confirmation_working_seconds{unit,special_request}  histogram: working time
//   from
//       intake (or return) to confirmed receipt
//   cs_intake_receipt_deadlines_total{unit,special_request,outcome="met"|"missed"}  one per
//   deadline
//   cs_intake_tickets_awaiting_confirmation{unit,stage="with_unit"|"forwarding",deadline_passed}
//   gauge
// Thread-safe (prometheus-cpp metrics are).
#ifndef CS_SERVICES_INTAKE_API_INTAKE_METRICS_H_
#define CS_SERVICES_INTAKE_API_INTAKE_METRICS_H_

#include <memory>

#include "common/metrics/sla_metrics.h"
#include "common/units/unit_directory.h"
#include "prometheus/registry.h"
#include "services/intake/core/intake_ports.h"

namespace cs::intake {

class IntakeSlaMetrics final : public SlaObserver {
 public:
  // The deadline counter starts with a series at 0 for every unit of `units`, special request or
  // not, and both outcomes, so an alert on increase() sees a unit's first miss after a start.
  // INTERNAL if the metric families cannot be registered (a name clash in the registry).
  static absl::StatusOr<std::unique_ptr<IntakeSlaMetrics>> Create(
      prometheus::Registry& registry, const common::UnitDirectory& units);

  void ReceiptConfirmed(absl::string_view unit_id, bool special_request,
                        absl::Duration working_time, bool deadline_met,
                        bool count_deadline) override;
  void ConfirmationMissed(absl::string_view unit_id, bool special_request) override;
  void AwaitingConfirmation(const std::vector<AwaitingConfirmationCount>& counts) override;

 private:
  IntakeSlaMetrics(common::WorkingSecondsHistogram confirmation_time,
                   common::DeadlineCounter deadlines, std::unique_ptr<common::GaugeSeries> awaiting)
      : confirmation_time_(std::move(confirmation_time)),
        deadlines_(std::move(deadlines)),
        awaiting_(std::move(awaiting)) {}

  common::WorkingSecondsHistogram confirmation_time_;
  common::DeadlineCounter deadlines_;
  std::unique_ptr<common::GaugeSeries> awaiting_;
};

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_API_INTAKE_METRICS_H_

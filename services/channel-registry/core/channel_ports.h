// What the channel registry's core needs from the outside world besides its stores, as one small
// interface: reporting what happened for the metrics (SPEC C1–C7; api/channel_metrics.h exports it
// with the prefix cs_channel_registry_). Implementations must be thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_CORE_CHANNEL_PORTS_H_
#define CS_SERVICES_CHANNEL_REGISTRY_CORE_CHANNEL_PORTS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/channel-registry/domain/channel.h"

namespace cs::channel {

// A count per unit: (unit_id, count).
using UnitCount = std::pair<std::string, int64_t>;

// channels{unit,state}: the channels of one unit in one state.
struct ChannelStateCount {
  std::string unit_id;
  ChannelState state = ChannelState::kUnspecified;  // FILED, ACKNOWLEDGED, INACCURATE or RETIRED
  int64_t count = 0;
};

// mailbox_usage_ratio{channel,unit} and mailbox_days_to_full{channel,unit} (C6): one mailbox.
struct MailboxGauge {
  std::string channel_id;  // "CN-<n>"
  std::string unit_id;
  // The latest sample's used / capacity.
  double usage_ratio = 0;
  // Days from the sweep until the forecast line reaches capacity (0 when already past it); unset
  // when the forecast names no full time (flat, shrinking, too few samples).
  absl::optional<double> days_to_full;
  // The forecast at the sweep warns (full within the horizon or usage at the threshold).
  bool warning = false;
};

// What the periodic sweep saw, as the gauges show it. Each list is the whole picture: a series
// absent from it is gone. Every list "by unit" holds every unit of the directory, 0 when none, in
// the directory's order.
struct ChannelSnapshot {
  // channels{unit,state}: every unit × FILED, ACKNOWLEDGED, INACCURATE, RETIRED.
  std::vector<ChannelStateCount> channels;
  // unfiled_channels{unit}: reports of channels in use but not filed, still open (C1).
  std::vector<UnitCount> unfiled_by_unit;
  // checks_overdue{unit}: channels not retired whose next check is overdue (C5).
  std::vector<UnitCount> checks_overdue_by_unit;
  // oldest_overdue_check_seconds: how long past its due time the most overdue check is; zero when
  // none is overdue.
  absl::Duration oldest_overdue_check;
  // open_faults{unit}: faults not repaired (C2).
  std::vector<UnitCount> open_faults_by_unit;
  // faults_overdue{unit}: open faults past their repair due time.
  std::vector<UnitCount> faults_overdue_by_unit;
  // oldest_open_fault_seconds: age of the oldest open fault; zero when none is open.
  absl::Duration oldest_open_fault;
  // Every EMAIL channel not retired with at least one usage sample, by channel id.
  std::vector<MailboxGauge> mailboxes;
  // capacity_warnings{unit}: the unit's mailboxes whose forecast at the sweep warns (C6).
  std::vector<UnitCount> capacity_warnings_by_unit;
};

class ChannelObserver {
 public:
  virtual ~ChannelObserver() = default;
  // faults_repaired_total{unit,outcome}: a fault of `unit_id` closed (C2), once per fault, in time
  // (repaired at or before its repair due time) or late.
  virtual void FaultRepaired(absl::string_view unit_id, bool in_time) = 0;
  // checks_total{unit}: one check recorded on a channel of `unit_id` (C5), once per check (a
  // replayed request is not counted again).
  virtual void CheckRecorded(absl::string_view unit_id) = 0;
  // report_deadlines_total{unit,outcome} (and monthly_reports_late_total{unit} when missed): a
  // channel's monthly report met or missed its due working day (C7), once per channel and month:
  // met at an on-time submission; missed at a late submission, or when the sweep finds the due
  // time passed without one (whichever comes first).
  virtual void ReportDeadline(absl::string_view unit_id, bool met) = 0;
  // The picture of the latest sweep.
  virtual void Snapshot(const ChannelSnapshot& snapshot) = 0;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_CORE_CHANNEL_PORTS_H_

// What the hotline registry's core needs from the outside world besides its stores, as one small
// interface: reporting what happened for the metrics (SPEC H1–H8; api/hotline_metrics.h exports
// it). Implementations must be thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_CORE_HOTLINE_PORTS_H_
#define CS_SERVICES_HOTLINE_REGISTRY_CORE_HOTLINE_PORTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cs::hotline {

// The connection rate of one hotline in one month so far (H6): answered / offered × 100 over the
// calls offered within the published hours, 100 without any.
struct HotlineRate {
  std::string hotline_id;  // "HL-<n>"
  std::string unit_id;
  // True: the current month (so far); false: the previous month.
  bool current_month = true;
  double rate_percent = 100;
};

// A running number transition's time left (H3), per hotline: until the soonest end among the
// hotline's running transitions.
struct TransitionLeft {
  std::string hotline_id;  // "HL-<n>"
  absl::Duration remaining;
};

// What the periodic sweep saw, as the gauges show it. Each list is the whole picture: a series
// absent from it is gone.
struct RegistrySnapshot {
  // Every hotline ACTIVE at some time in the month, for the current and the previous month.
  std::vector<HotlineRate> rates;
  // Per unit of the directory (0 when none): hotlines whose rate in the current month so far is
  // under the target (hotline_connection_rate_percent), among those with calls offered.
  std::vector<std::pair<std::string, int64_t>> below_target_by_unit;
  // Waiting for the CS center: registrations and changes PENDING_APPROVAL (signed).
  int64_t registrations_pending = 0;
  int64_t changes_pending = 0;
  // How long the oldest of them has waited since its signature; zero when none waits.
  absl::Duration oldest_pending_approval;
  // H3: transitions running now, and the time left per hotline.
  int64_t transitions_active = 0;
  std::vector<TransitionLeft> transitions;
};

class HotlineObserver {
 public:
  virtual ~HotlineObserver() = default;
  // One batch of ingested call records (H6): stored now, already stored before, refused.
  virtual void CallRecordsIngested(int64_t stored, int64_t duplicates, int64_t rejected) = 0;
  // A duty roster of `unit_id` refused because it named untrained staff (H7), once per request.
  virtual void RosterRefused(absl::string_view unit_id) = 0;
  // A monthly operating report of a hotline of `unit_id` met or missed its due working day
  // (A2 7.7), once per hotline and month: met at an on-time submission; missed at a late one, or
  // when the sweep finds the due time passed without one (whichever comes first).
  virtual void ReportDeadline(absl::string_view unit_id, bool met) = 0;
  // The picture of the latest sweep.
  virtual void Snapshot(const RegistrySnapshot& snapshot) = 0;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_CORE_HOTLINE_PORTS_H_

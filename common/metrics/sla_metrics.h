// Helpers for the per-SLA metrics of ARCHITECTURE "Metrics": deadline met / missed counters,
// time-to-meet histograms in working seconds, and gauges such as open and overdue items by unit.
// Names follow Prometheus conventions and the suite's prefix, `cs_<service>_…` (`_total` for
// counters, `_seconds` for histograms); Create refuses anything else. Every type here is
// thread-safe.
//
// Label names are fixed when the metric is created; each Record/Observe/Set must give exactly those
// labels (prometheus keeps one series per distinct set of label values).
#ifndef CS_COMMON_METRICS_SLA_METRICS_H_
#define CS_COMMON_METRICS_SLA_METRICS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/labels.h"
#include "prometheus/registry.h"

namespace cs::common {

// Every combination of one value from each list, in the order of the lists: {{"a", "b"}, {"x"}}
// gives {"a", "x"} and {"b", "x"}. An empty list gives no combination; no lists give one empty
// combination.
std::vector<std::vector<std::string>> LabelCombinations(
    const std::vector<std::vector<std::string>>& values_per_label);

// Creates at 0 every series of `family` labelled `label_names` with each combination of
// `values_per_label` (one list per label name, in the same order), so the first event of each is an
// increase that increase() and rate() can see: a series born at 1 looks to Prometheus as if it had
// always been 1 (its instrumentation guidance, "avoid missing metrics"). Series that already exist
// keep their value. INVALID_ARGUMENT when the number of lists is not the number of label names or a
// label name is invalid.
absl::Status InitializeCounters(prometheus::Family<prometheus::Counter>& family,
                                const std::vector<std::string>& label_names,
                                const std::vector<std::vector<std::string>>& values_per_label);

// The working day the histogram buckets assume: 7.5 working hours, the default calendar's
// 09:00–12:00 + 13:00–17:30 (deploy/config/calendar.textproto).
inline constexpr absl::Duration kBucketWorkingDay = absl::Minutes(7 * 60 + 30);

// Buckets in working seconds from 60 s to 5 working days: 1, 5, 15, 30 min, 1, 2, 4 h, then 1–5
// working days.
prometheus::Histogram::BucketBoundaries WorkingSecondsBuckets();

// cs_<service>_<what>_total{outcome="met"|"missed", <labels>}: one counter per SLA, e.g.
// cs_intake_receipt_deadlines_total{outcome="missed", unit="broadband"}.
class DeadlineCounter final {
 public:
  // INVALID_ARGUMENT when `name` is not "cs_…_total" or a label name is invalid or "outcome".
  static absl::StatusOr<DeadlineCounter> Create(prometheus::Registry& registry,
                                                const std::string& name, const std::string& help,
                                                std::vector<std::string> label_names);

  // Counts one deadline, met or missed. `label_values` are in the order of the label names given to
  // Create; a wrong count is dropped (a programming error must not crash a server).
  void Record(bool met, const std::vector<std::string>& label_values);
  void Met(const std::vector<std::string>& label_values) { Record(true, label_values); }
  void Missed(const std::vector<std::string>& label_values) { Record(false, label_values); }

  // Creates, at 0 and for both outcomes, the series of every combination of `values_per_label` (one
  // list per label name given to Create, in that order; see InitializeCounters). Call it at start
  // with every known value, e.g. every unit of the units file, so that an alert on increase() sees
  // the first miss. INVALID_ARGUMENT when the number of lists is wrong.
  absl::Status InitializeSeries(const std::vector<std::vector<std::string>>& values_per_label);

 private:
  DeadlineCounter(prometheus::Family<prometheus::Counter>* family,
                  std::vector<std::string> label_names)
      : family_(family), label_names_(std::move(label_names)) {}

  prometheus::Family<prometheus::Counter>* family_;
  std::vector<std::string> label_names_;
};

// cs_<service>_<what>_working_seconds: how long something took, counted in working time on the
// calendar (e.g. from intake to confirmed receipt), with WorkingSecondsBuckets().
class WorkingSecondsHistogram final {
 public:
  // INVALID_ARGUMENT when `name` is not "cs_…_seconds" or a label name is invalid.
  static absl::StatusOr<WorkingSecondsHistogram> Create(prometheus::Registry& registry,
                                                        const std::string& name,
                                                        const std::string& help,
                                                        std::vector<std::string> label_names);

  // Observes `working_time` (negative counts as 0); label values as in DeadlineCounter::Record.
  void Observe(absl::Duration working_time, const std::vector<std::string>& label_values);

 private:
  WorkingSecondsHistogram(prometheus::Family<prometheus::Histogram>* family,
                          std::vector<std::string> label_names)
      : family_(family), label_names_(std::move(label_names)) {}

  prometheus::Family<prometheus::Histogram>* family_;
  std::vector<std::string> label_names_;
};

// A gauge family such as cs_routing_open_tickets{unit} or cs_routing_overdue_tickets{unit}, set
// from a periodic scan. SetAll replaces the whole picture: series absent from the new snapshot are
// removed, so a unit that no longer exists does not linger with a stale value (give 0 explicitly to
// keep a series).
class GaugeSeries final {
 public:
  // INVALID_ARGUMENT when `name` does not start with "cs_" or a name is invalid.
  static absl::StatusOr<std::unique_ptr<GaugeSeries>> Create(prometheus::Registry& registry,
                                                             const std::string& name,
                                                             const std::string& help,
                                                             std::vector<std::string> label_names);

  // Sets one series; label values as in DeadlineCounter::Record.
  void Set(const std::vector<std::string>& label_values, double value);

  // Sets every series of `snapshot` and removes every series this object set before that is not in
  // it.
  void SetAll(const std::vector<std::pair<std::vector<std::string>, double>>& snapshot);

 private:
  GaugeSeries(prometheus::Family<prometheus::Gauge>* family, std::vector<std::string> label_names)
      : family_(family), label_names_(std::move(label_names)) {}

  // The gauge for `label_values`, or null when their number is wrong.
  prometheus::Gauge* GaugeForLocked(const std::vector<std::string>& label_values)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  prometheus::Family<prometheus::Gauge>* const family_;
  const std::vector<std::string> label_names_;
  absl::Mutex mutex_;
  absl::flat_hash_map<std::vector<std::string>, prometheus::Gauge*> series_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::common

#endif  // CS_COMMON_METRICS_SLA_METRICS_H_

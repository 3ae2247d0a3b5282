// A1 7.4.2 ("kept completely and in order, within the set time"): how completely a unit's tickets
// closed in a month are archived, as the archive alone can tell — the records it holds, the gaps in
// intake's gap-free monthly serials (SPEC I3) among them, and how long records took to arrive. The
// assessment compares the count with intake's own count of tickets closed in the month. Plain
// values and pure functions; thread-safe.
#ifndef CS_SERVICES_ARCHIVE_DOMAIN_ARCHIVE_COMPLETENESS_H_
#define CS_SERVICES_ARCHIVE_DOMAIN_ARCHIVE_COMPLETENESS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace cs::archive {

// At most this many missing serials are listed per serial month (the count has them all).
inline constexpr int kMaxListedMissingSerials = 100;

// One serial month of intake's numbering as the archive holds it for a unit: every archived record
// of the unit with that serial_month, whenever it closed, destroyed ones included.
struct SerialMonthGaps {
  std::string serial_month;
  // Distinct month serials held, and the highest of them.
  int64_t archived_serials = 0;
  int64_t highest_archived_serial = 0;
  // Serials in [1, highest_archived_serial] not held: not archived (yet) — still open at intake, on
  // their way, or lost.
  int64_t missing_count = 0;
  // The first of them, ascending, at most kMaxListedMissingSerials.
  std::vector<int64_t> missing_serials;

  bool missing_truncated() const {
    return static_cast<int64_t>(missing_serials.size()) < missing_count;
  }
  friend bool operator==(const SerialMonthGaps&, const SerialMonthGaps&) = default;
};

// What the store counts for one unit and a span of closing times.
struct CompletenessCounts {
  // Records of the unit whose closed_at is in the span (one per ticket).
  int64_t archived = 0;
  // For every serial month among those records, in month order.
  std::vector<SerialMonthGaps> serial_months;
  // archived_at (first version) - closed_at over those records; zero when there is none. The median
  // of an even count is the mean of the middle two.
  absl::Duration max_lag;
  absl::Duration median_lag;

  friend bool operator==(const CompletenessCounts&, const CompletenessCounts&) = default;
};

// The answer of GetArchiveCompleteness.
struct ArchiveCompleteness {
  std::string unit_id;
  std::string month;
  // The calendar's zone and the month's bounds in it, [closed_from, closed_until).
  std::string time_zone;
  absl::Time closed_from;
  absl::Time closed_until;
  CompletenessCounts counts;
  absl::Time as_of;

  int64_t missing_serials_total() const;
};

// The gaps of `serial_month` given every month serial held for it (any order, repeats allowed):
// what an implementation without SQL computes; MySQL gets the same from aggregate queries.
SerialMonthGaps GapsOf(std::string serial_month, std::vector<int64_t> serials,
                       int max_listed = kMaxListedMissingSerials);

// The median of `values` (the mean of the middle two for an even count); zero for none.
absl::Duration MedianOf(std::vector<absl::Duration> values);

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_DOMAIN_ARCHIVE_COMPLETENESS_H_

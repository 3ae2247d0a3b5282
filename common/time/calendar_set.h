// CalendarSet: every version of the working-time calendar, and which one new deadlines use.
// Versions are never edited once used: a late change (a holiday announced later) is a new version,
// and a deadline keeps naming the version it was computed with, so Recompute reproduces it exactly
// and a newer version never moves a deadline made with an older one.
//
// Immutable after Create(); every method is const, so one set may be shared by all threads.
// References and pointers it hands out stay valid as long as the set (moving the set keeps them
// valid too).
#ifndef CS_COMMON_TIME_CALENDAR_SET_H_
#define CS_COMMON_TIME_CALENDAR_SET_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/time/deadline.h"
#include "common/time/working_calendar.h"
#include "common/time/working_calendar_data.h"

namespace cs::common {

class CalendarSet final {
 public:
  // Builds every version. INVALID_ARGUMENT when there is none, a version is invalid (its violations
  // are named), two share a name, or `current_version` is not among them.
  static absl::StatusOr<CalendarSet> Create(std::vector<WorkingCalendarData> versions,
                                            absl::string_view current_version);

  CalendarSet(CalendarSet&&) = default;
  CalendarSet& operator=(CalendarSet&&) = default;

  // The version new deadlines use.
  const WorkingCalendar& current() const { return *calendars_[current_index_]; }

  // The version named `version`; NOT_FOUND naming it when the set does not hold it (never null when
  // OK).
  absl::StatusOr<const WorkingCalendar*> Find(absl::string_view version) const;

  // A new deadline, computed with current(). Errors as ComputeDeadline.
  absl::StatusOr<Deadline> Compute(absl::Time start, const Period& period) const;

  // Reproduces a deadline that was recorded with `recorded_version`: the same instant and version
  // as when it was first computed. NOT_FOUND when the version is unknown; otherwise errors as
  // ComputeDeadline.
  absl::StatusOr<Deadline> Recompute(absl::Time start, const Period& period,
                                     absl::string_view recorded_version) const;

  // Days from the local day of `now` to the current version's horizon (negative once past it).
  // SPEC: services warn when it is below 60. (The name is the one the server bootstrap was
  // promised.)
  int64_t days_to_horizon(absl::Time now) const { return current().DaysToHorizon(now); }

  // Every version's name, in the order given to Create.
  std::vector<std::string> versions() const;

 private:
  CalendarSet() = default;

  // unique_ptr keeps each calendar at one address, so handed-out pointers survive moves of the set.
  std::vector<std::unique_ptr<const WorkingCalendar>> calendars_;
  absl::flat_hash_map<std::string, size_t> index_by_version_;
  size_t current_index_ = 0;
};

}  // namespace cs::common

#endif  // CS_COMMON_TIME_CALENDAR_SET_H_

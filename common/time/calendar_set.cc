#include "common/time/calendar_set.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"

namespace cs::common {

absl::StatusOr<CalendarSet> CalendarSet::Create(std::vector<WorkingCalendarData> versions,
                                                absl::string_view current_version) {
  if (versions.empty())
    return absl::InvalidArgumentError("a calendar set needs at least one version");
  CalendarSet set;
  for (WorkingCalendarData& data : versions) {
    const std::string name = data.version;
    if (set.index_by_version_.contains(name)) {
      return absl::InvalidArgumentError(
          absl::StrCat("calendar version \"", name, "\" is given twice"));
    }
    ASSIGN_OR_RETURN(WorkingCalendar calendar, WorkingCalendar::Create(std::move(data)));
    set.index_by_version_.emplace(name, set.calendars_.size());
    set.calendars_.push_back(std::make_unique<const WorkingCalendar>(std::move(calendar)));
  }
  auto current = set.index_by_version_.find(current_version);
  if (current == set.index_by_version_.end()) {
    return absl::InvalidArgumentError(absl::StrCat("current calendar version \"", current_version,
                                                   "\" is not among the versions"));
  }
  set.current_index_ = current->second;
  return set;
}

absl::StatusOr<const WorkingCalendar*> CalendarSet::Find(absl::string_view version) const {
  auto found = index_by_version_.find(version);
  if (found == index_by_version_.end()) {
    return absl::NotFoundError(absl::StrCat("calendar version \"", version, "\" is not known"));
  }
  return calendars_[found->second].get();
}

absl::StatusOr<Deadline> CalendarSet::Compute(absl::Time start, const Period& period) const {
  return ComputeDeadline(current(), start, period);
}

absl::StatusOr<Deadline> CalendarSet::Recompute(absl::Time start, const Period& period,
                                                absl::string_view recorded_version) const {
  ASSIGN_OR_RETURN(const WorkingCalendar* calendar, Find(recorded_version));
  return ComputeDeadline(*calendar, start, period);
}

std::vector<std::string> CalendarSet::versions() const {
  std::vector<std::string> names;
  names.reserve(calendars_.size());
  for (const auto& calendar : calendars_) names.push_back(calendar->version());
  return names;
}

}  // namespace cs::common

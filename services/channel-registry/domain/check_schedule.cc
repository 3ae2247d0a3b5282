#include "services/channel-registry/domain/check_schedule.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/status/field_violations.h"

namespace cs::channel {

namespace {

// The due time reached from `due` by as many whole intervals as fit before `target` — at most
// `target` itself — in one step rather than one interval at a time. Exact: AddWorkingTime returns
// the earliest instant, so k chained intervals end where one span of k intervals does.
absl::StatusOr<absl::Time> SkipWholeIntervals(absl::Time due, absl::Time target,
                                              const ServiceTime& service_time,
                                              const common::WorkingCalendar& calendar) {
  if (due >= target) return due;
  const absl::Duration interval = CheckInterval(service_time, calendar);
  const absl::Duration behind =
      service_time.around_the_clock ? target - due : calendar.WorkingTimeBetween(due, target);
  absl::Duration remainder;
  const int64_t whole = absl::IDivDuration(behind, interval, &remainder);
  if (whole <= 0) return due;
  if (service_time.around_the_clock) return due + interval * whole;
  return calendar.AddWorkingTime(due, interval * whole);
}

}  // namespace

absl::Duration CheckInterval(const ServiceTime& service_time,
                             const common::WorkingCalendar& calendar) {
  if (service_time.checks_per_day < 1) return absl::ZeroDuration();
  const absl::Duration day =
      service_time.around_the_clock ? absl::Hours(24) : calendar.NominalWorkingDay();
  return day / service_time.checks_per_day;
}

absl::StatusOr<absl::Time> NextCheckDue(absl::Time last, const ServiceTime& service_time,
                                        const common::WorkingCalendar& calendar) {
  if (service_time.checks_per_day < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a service time needs at least one check a day, not ", service_time.checks_per_day));
  }
  if (last == absl::InfinitePast() || last == absl::InfiniteFuture()) {
    return absl::InvalidArgumentError("the last check time must be finite");
  }
  const absl::Duration interval = CheckInterval(service_time, calendar);
  if (service_time.around_the_clock) return last + interval;
  return calendar.AddWorkingTime(last, interval);
}

bool CheckOverdue(const absl::optional<absl::Time>& next_due, absl::Time now) {
  return next_due.has_value() && now > *next_due;
}

absl::StatusOr<std::vector<absl::Time>> UpcomingDueTimes(absl::Time next_due, absl::Time from,
                                                         int count, const ServiceTime& service_time,
                                                         const common::WorkingCalendar& calendar) {
  if (count < 0 || count > kMaxUpcomingCount) {
    return common::InvalidField("count", absl::StrCat("must be 0 (", kDefaultUpcomingCount, ") to ",
                                                      kMaxUpcomingCount, ", not ", count));
  }
  if (count == 0) count = kDefaultUpcomingCount;
  // Validates the service time and next_due once, before any skipping.
  absl::StatusOr<absl::Time> probe = NextCheckDue(next_due, service_time, calendar);
  if (!probe.ok()) return probe.status();
  absl::Time due = next_due;
  if (due < from) {
    absl::StatusOr<absl::Time> jumped = SkipWholeIntervals(due, from, service_time, calendar);
    if (!jumped.ok()) return jumped.status();
    due = *jumped;
    while (due < from) {
      absl::StatusOr<absl::Time> next = NextCheckDue(due, service_time, calendar);
      if (!next.ok()) return next.status();
      due = *next;
    }
  }
  std::vector<absl::Time> upcoming;
  upcoming.reserve(count);
  while (static_cast<int>(upcoming.size()) < count) {
    upcoming.push_back(due);
    absl::StatusOr<absl::Time> next = NextCheckDue(due, service_time, calendar);
    if (!next.ok()) return next.status();
    due = *next;
  }
  return upcoming;
}

absl::StatusOr<int64_t> CountMissedChecks(std::vector<absl::Time> checks, absl::Time period_start,
                                          absl::Time period_end, absl::Time schedule_start,
                                          const ServiceTime& service_time,
                                          const common::WorkingCalendar& calendar) {
  std::sort(checks.begin(), checks.end());
  absl::StatusOr<absl::Time> due = NextCheckDue(schedule_start, service_time, calendar);
  if (!due.ok()) return due.status();
  int64_t missed = 0;
  // Every due time before `until` that passes unchecked is a miss; the chain moves on from it.
  const auto miss_until = [&](absl::Time until) -> absl::Status {
    // Misses before the period count nowhere: jump over them.
    if (*due < period_start) {
      due = SkipWholeIntervals(*due, std::min(until, period_start), service_time, calendar);
      if (!due.ok()) return due.status();
    }
    while (*due < until && *due < period_end) {
      if (*due >= period_start) ++missed;
      due = NextCheckDue(*due, service_time, calendar);
      if (!due.ok()) return due.status();
    }
    return absl::OkStatus();
  };
  for (const absl::Time check : checks) {
    if (check < schedule_start) continue;
    if (check >= period_end) break;
    if (absl::Status status = miss_until(check); !status.ok()) return status;
    due = NextCheckDue(check, service_time, calendar);
    if (!due.ok()) return due.status();
  }
  if (absl::Status status = miss_until(period_end); !status.ok()) return status;
  return missed;
}

}  // namespace cs::channel

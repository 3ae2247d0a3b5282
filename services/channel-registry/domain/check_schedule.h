// C5 (A3 7.5.3: 安排专人定时对用户申诉进行查询和处理, 严禁发生由于未及时查看而导致的处理超时): when
// a channel's complaints must next be looked at, given its registered service time. Pure functions
// over plain values; thread-safe.
//
// The interval — the longest a channel may go unchecked — is the service hours of one day divided
// by the checks a day the form names. Around the clock (7×24小时每天2次): 24 h ÷ N of wall time, so
// every 12 h, nights and holidays too. Working hours (工作时间每天2次): D ÷ N of working time,
// where D is the calendar's NominalWorkingDay() (7 h 30 min for 09:00–12:00 and 13:00–17:30),
// counted on the calendar: holidays and weekends do not run the clock, a make-up working day does.
// The next check is due one interval after the last check (or after the schedule began, for a
// channel never checked): last + interval, or calendar.AddWorkingTime(last, interval).
#ifndef CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_CHECK_SCHEDULE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_CHECK_SCHEDULE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/time/working_calendar.h"
#include "services/channel-registry/domain/channel.h"

namespace cs::channel {

// GetCheckSchedule's list of upcoming due times: its length when the caller gives 0, and the most.
inline constexpr int kDefaultUpcomingCount = 4;
inline constexpr int kMaxUpcomingCount = 100;

// The longest the channel may go unchecked (header comment); wall time when around the clock,
// working time otherwise. Zero when checks_per_day < 1 (an unparsed service time).
absl::Duration CheckInterval(const ServiceTime& service_time,
                             const common::WorkingCalendar& calendar);

// When the check after one made at `last` (or the schedule's start) is due. INVALID_ARGUMENT when
// checks_per_day < 1 or `last` is infinite.
absl::StatusOr<absl::Time> NextCheckDue(absl::Time last, const ServiceTime& service_time,
                                        const common::WorkingCalendar& calendar);

// Overdue: `now` is past the due time (a check exactly at the due time is on time). False when
// nothing is due (a retired channel).
bool CheckOverdue(const absl::optional<absl::Time>& next_due, absl::Time now);

// The due times that follow if each check is made when due: the chain next_due,
// NextCheckDue(next_due), …, keeping the first `count` at or after `from` (a chain that starts
// before `from` — an overdue channel — is walked forward to it). `count` 0 means
// kDefaultUpcomingCount. INVALID_ARGUMENT naming "count" outside 0..kMaxUpcomingCount, or as
// NextCheckDue.
absl::StatusOr<std::vector<absl::Time>> UpcomingDueTimes(absl::Time next_due, absl::Time from,
                                                         int count, const ServiceTime& service_time,
                                                         const common::WorkingCalendar& calendar);

// How many checks were missed in [period_start, period_end) — a month, cut short by the caller at
// `now` or the channel's retirement. The walk starts at `schedule_start` (when the channel was
// filed): the first due time is NextCheckDue(schedule_start). Walking the checks in time order
// (`checks` need not be sorted; those before schedule_start or at/after period_end are ignored):
// each time a due time passes with no check made by then (a check at the due time itself is in
// time), that due time is one missed check, and the next due time counts from it
// (NextCheckDue(missed due)); a check makes the next due time NextCheckDue(check). Only missed due
// times inside [period_start, period_end) count, but checks and misses before period_start set
// where the chain stands. A due time at period_end or later is not yet missed. Errors as
// NextCheckDue.
absl::StatusOr<int64_t> CountMissedChecks(std::vector<absl::Time> checks, absl::Time period_start,
                                          absl::Time period_end, absl::Time schedule_start,
                                          const ServiceTime& service_time,
                                          const common::WorkingCalendar& calendar);

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_CHECK_SCHEDULE_H_

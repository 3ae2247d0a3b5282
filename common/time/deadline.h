// Period and Deadline, and the one function every service uses to turn "this much time from then"
// into an instant (SPEC "Working time": one rule per kind of period, so every service agrees). A
// Deadline names the calendar version it was computed with, so it can be reproduced exactly later
// (CalendarSet::Recompute) even after a newer version announces a late holiday. Plain values and
// pure functions; thread-safe.
#ifndef CS_COMMON_TIME_DEADLINE_H_
#define CS_COMMON_TIME_DEADLINE_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/time/working_calendar.h"

namespace cs::common {

enum class PeriodUnit {
  kWorkingMinutes,  // working time: the clock runs inside working periods only
  kWorkingHours,
  kWorkingDays,  // close of business of the nth working day after the event's day
  kMonths,       // end of the corresponding day (Civil Code art. 202), see month_arithmetic.h
  kYears,
  kWallMinutes,  // plain elapsed time
  kWallHours,
};

// A length of time in one unit, e.g. {kWorkingHours, 1} or {kMonths, 3}.
struct Period {
  PeriodUnit unit = PeriodUnit::kWorkingHours;
  int64_t amount = 0;

  friend bool operator==(const Period&, const Period&) = default;
};

// Largest amount accepted per unit: about 100 years of wall time in each.
int64_t MaxPeriodAmount(PeriodUnit unit);

// OK when `period.amount` is within 1..MaxPeriodAmount(unit); INVALID_ARGUMENT otherwise. A period
// of zero or less is a configuration mistake, not "immediately".
absl::Status ValidatePeriod(const Period& period);

// "1 working hour", "5 working days", "3 months", "72 wall-clock hours".
std::string PeriodToString(const Period& period);

// When a period ends, and under which calendar version it was computed.
struct Deadline {
  absl::Time at;
  std::string calendar_version;
  // The working time was counted on days past the version's horizon, where the calendar knows the
  // weekly pattern only (no holidays, no make-up days): the instant may move once next year's
  // schedule is published. It stays computed with `calendar_version` even then (SPEC "Working
  // time": deadlines keep their recorded version); the flag tells people not to rely on it.
  bool provisional = false;

  friend bool operator==(const Deadline&, const Deadline&) = default;
};

// The end of `period` started at `start`, computed with `calendar` (whose version the result
// records, for every unit, so a stored deadline always says how it was made):
//   working minutes/hours  WorkingCalendar::AddWorkingTime (earliest instant the working time has
//   elapsed) working days           WorkingCalendar::WorkingDaysDeadline (close of business of the
//   nth working day) months/years           AddMonths/AddYears in the calendar's time zone (24:00
//   of the corresponding day) wall minutes/hours     start + the duration
// Working minutes, hours and days counted past the calendar's horizon are marked provisional
// (WorkingCalendar::EndsPastHorizon); months, years and wall-clock time do not depend on holidays
// and never are.
// INVALID_ARGUMENT when the period is invalid (ValidatePeriod) or `start` is infinite.
absl::StatusOr<Deadline> ComputeDeadline(const WorkingCalendar& calendar, absl::Time start,
                                         const Period& period);

}  // namespace cs::common

#endif  // CS_COMMON_TIME_DEADLINE_H_

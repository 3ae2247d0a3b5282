// Periods of months and years (PRC Civil Code arts. 201–203, SPEC "Working time"): a period of
// months ends on the corresponding day of the final month, or on that month's last day when it has
// no such day (30 Nov + 3 months = 28 Feb, or 29 Feb in a leap year), and a period ends at 24:00 of
// its last day.
//
// One rule everywhere: the result instant is the END of that local day, i.e. 00:00 of the following
// local day in the given time zone, whatever the hour of the start — the day of the start is not
// counted (art. 201) and the last day runs to 24:00 (art. 203). Pure functions; thread-safe.
#ifndef CS_COMMON_TIME_MONTH_ARITHMETIC_H_
#define CS_COMMON_TIME_MONTH_ARITHMETIC_H_

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace cs::common {

// The day `months` months after (or, when negative, before) `day`: the same day of the month, or
// the last day of the target month when it is shorter. CorrespondingDay(2026-01-31, 1) ==
// 2026-02-28.
absl::CivilDay CorrespondingDay(absl::CivilDay day, int months);

// The end (00:00 of the next local day) of the corresponding day `months` months after the local
// day of `start`. An infinite `start` is returned unchanged.
absl::Time AddMonths(absl::Time start, int months, absl::TimeZone time_zone);

// AddMonths(start, 12 * years, time_zone): 29 Feb + 1 year ends with 28 Feb.
absl::Time AddYears(absl::Time start, int years, absl::TimeZone time_zone);

}  // namespace cs::common

#endif  // CS_COMMON_TIME_MONTH_ARITHMETIC_H_

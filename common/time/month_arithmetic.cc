#include "common/time/month_arithmetic.h"

#include <algorithm>
#include <cstdint>

namespace cs::common {

absl::CivilDay CorrespondingDay(absl::CivilDay day, int months) {
  const absl::CivilMonth month = absl::CivilMonth(day) + months;
  // absl normalizes 31 Feb to 3 Mar; the Civil Code wants the month's last day instead.
  const absl::CivilDay last_of_month = absl::CivilDay(month + 1) - 1;
  return std::min(absl::CivilDay(month.year(), month.month(), day.day()), last_of_month);
}

absl::Time AddMonths(absl::Time start, int months, absl::TimeZone time_zone) {
  if (start == absl::InfinitePast() || start == absl::InfiniteFuture()) return start;
  const absl::CivilDay last_day = CorrespondingDay(absl::ToCivilDay(start, time_zone), months);
  return absl::FromCivil(absl::CivilSecond(last_day + 1), time_zone);
}

absl::Time AddYears(absl::Time start, int years, absl::TimeZone time_zone) {
  return AddMonths(start, static_cast<int>(int64_t{12} * years), time_zone);
}

}  // namespace cs::common

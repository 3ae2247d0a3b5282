#include "common/time/deadline.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status/status_macros.h"
#include "common/time/month_arithmetic.h"

namespace cs::common {
namespace {

struct UnitName {
  absl::string_view singular;
  absl::string_view plural;
};

UnitName NameOf(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::kWorkingMinutes:
      return {"working minute", "working minutes"};
    case PeriodUnit::kWorkingHours:
      return {"working hour", "working hours"};
    case PeriodUnit::kWorkingDays:
      return {"working day", "working days"};
    case PeriodUnit::kMonths:
      return {"month", "months"};
    case PeriodUnit::kYears:
      return {"year", "years"};
    case PeriodUnit::kWallMinutes:
      return {"wall-clock minute", "wall-clock minutes"};
    case PeriodUnit::kWallHours:
      return {"wall-clock hour", "wall-clock hours"};
  }
  return {"unit?", "units?"};
}

}  // namespace

int64_t MaxPeriodAmount(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::kWorkingMinutes:
    case PeriodUnit::kWallMinutes:
      return 876000 * 60;
    case PeriodUnit::kWorkingHours:
    case PeriodUnit::kWallHours:
      return 876000;
    case PeriodUnit::kWorkingDays:
      return WorkingCalendar::kMaxWorkingDays;
    case PeriodUnit::kMonths:
      return 1200;
    case PeriodUnit::kYears:
      return 100;
  }
  return 0;
}

absl::Status ValidatePeriod(const Period& period) {
  const int64_t max = MaxPeriodAmount(period.unit);
  if (max == 0) return absl::InvalidArgumentError("unknown period unit");
  if (period.amount < 1 || period.amount > max) {
    return absl::InvalidArgumentError(absl::StrCat("a period of ", NameOf(period.unit).plural,
                                                   " must be within 1..", max, " (got ",
                                                   period.amount, ")"));
  }
  return absl::OkStatus();
}

std::string PeriodToString(const Period& period) {
  const UnitName name = NameOf(period.unit);
  return absl::StrCat(period.amount, " ", period.amount == 1 ? name.singular : name.plural);
}

absl::StatusOr<Deadline> ComputeDeadline(const WorkingCalendar& calendar, absl::Time start,
                                         const Period& period) {
  RETURN_IF_ERROR(ValidatePeriod(period));
  if (start == absl::InfinitePast() || start == absl::InfiniteFuture()) {
    return absl::InvalidArgumentError("a deadline needs a finite start time");
  }
  Deadline deadline{absl::Time(), calendar.version()};
  // Amounts are validated above, so the narrowing casts below cannot overflow.
  switch (period.unit) {
    case PeriodUnit::kWorkingMinutes: {
      ASSIGN_OR_RETURN(deadline.at, calendar.AddWorkingTime(start, absl::Minutes(period.amount)));
      break;
    }
    case PeriodUnit::kWorkingHours: {
      ASSIGN_OR_RETURN(deadline.at, calendar.AddWorkingTime(start, absl::Hours(period.amount)));
      break;
    }
    case PeriodUnit::kWorkingDays: {
      ASSIGN_OR_RETURN(deadline.at,
                       calendar.WorkingDaysDeadline(start, static_cast<int>(period.amount)));
      break;
    }
    case PeriodUnit::kMonths:
      deadline.at = AddMonths(start, static_cast<int>(period.amount), calendar.time_zone());
      break;
    case PeriodUnit::kYears:
      deadline.at = AddYears(start, static_cast<int>(period.amount), calendar.time_zone());
      break;
    case PeriodUnit::kWallMinutes:
      deadline.at = start + absl::Minutes(period.amount);
      break;
    case PeriodUnit::kWallHours:
      deadline.at = start + absl::Hours(period.amount);
      break;
  }
  switch (period.unit) {
    case PeriodUnit::kWorkingMinutes:
    case PeriodUnit::kWorkingHours:
    case PeriodUnit::kWorkingDays:
      deadline.provisional = calendar.EndsPastHorizon(deadline.at);
      break;
    default:
      break;
  }
  return deadline;
}

}  // namespace cs::common

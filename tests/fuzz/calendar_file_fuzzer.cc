// Fuzzes the working-time calendar file (deploy/config/calendar.textproto), which operators edit
// and the services reload while running (common/calendar): any text must load as a CalendarSet or
// be refused with INVALID_ARGUMENT, and a set that loads must compute deadlines — the calendar's
// one job — across and beyond its coverage without crashing or ending before they start.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "common/time/calendar_config.h"
#include "common/time/calendar_set.h"
#include "common/time/deadline.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using cs::common::CalendarSet;
using cs::common::Period;
using cs::common::PeriodUnit;

// Deadlines of every unit from `start`: the smallest amount, an everyday one and the largest the
// unit allows (the slow walk across the whole coverage and past the horizon).
void ComputeEveryUnit(const CalendarSet& set, absl::Time start) {
  for (PeriodUnit unit : {PeriodUnit::kWorkingMinutes, PeriodUnit::kWorkingHours,
                          PeriodUnit::kWorkingDays, PeriodUnit::kMonths, PeriodUnit::kYears,
                          PeriodUnit::kWallMinutes, PeriodUnit::kWallHours}) {
    for (int64_t amount : {int64_t{1}, int64_t{5}, cs::common::MaxPeriodAmount(unit)}) {
      const absl::StatusOr<cs::common::Deadline> deadline =
          set.Compute(start, Period{unit, amount});
      cs::fuzz::RequireOkOrInvalidArgument(deadline.status(), "CalendarSet::Compute");
      if (deadline.ok()) {
        cs::fuzz::Require(deadline->at >= start, "a deadline ends before its start");
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text = cs::fuzz::AsText(data, size);
  absl::StatusOr<CalendarSet> set = cs::common::ParseCalendarSet("calendar.textproto", text);
  cs::fuzz::RequireOkOrInvalidArgument(set.status(), "ParseCalendarSet");
  if (!set.ok()) return 0;
  // The whole input is the file, so the instants asked about come from the calendar itself: its
  // first and last covered days, a day before and after, and one between picked by the text's hash.
  const cs::common::WorkingCalendar& calendar = set->current();
  const absl::TimeZone zone = calendar.time_zone();
  const absl::CivilDay first = calendar.coverage_start();
  const absl::CivilDay last = calendar.horizon();
  const int64_t span = last - first + 1;
  const absl::CivilDay between =
      first + static_cast<int64_t>(
                  std::hash<std::string_view>{}(std::string_view(text.data(), text.size())) %
                  static_cast<uint64_t>(span));
  for (absl::CivilDay day : {first - 1, first, between, last, last + 1}) {
    ComputeEveryUnit(*set, absl::FromCivil(absl::CivilMinute(day) + 9 * 60 + 30, zone));
  }
  (void)set->days_to_horizon(absl::FromCivil(between, zone));
  return 0;
}

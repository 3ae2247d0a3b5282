#include "services/hotline-registry/domain/service_hours.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "common/status/field_violations.h"
#include "common/time/working_calendar_data.h"

namespace cs::hotline {
namespace {

constexpr int kMinutesPerDay = 24 * 60;

constexpr std::array<absl::string_view, 8> kWeekdayNames = {"",     "周一", "周二", "周三",
                                                            "周四", "周五", "周六", "周日"};

bool KnownWeekday(int weekday) { return weekday >= 1 && weekday <= 7; }

bool KnownHolidayBehaviour(HolidayBehaviour behaviour) {
  return behaviour == HolidayBehaviour::kAsWeekday || behaviour == HolidayBehaviour::kClosed;
}

// ISO 8601 weekday (1 = Monday … 7 = Sunday) of a local day.
int IsoWeekday(absl::CivilDay day) {
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday:
      return 1;
    case absl::Weekday::tuesday:
      return 2;
    case absl::Weekday::wednesday:
      return 3;
    case absl::Weekday::thursday:
      return 4;
    case absl::Weekday::friday:
      return 5;
    case absl::Weekday::saturday:
      return 6;
    case absl::Weekday::sunday:
      return 7;
  }
  return 0;
}

std::string PeriodText(const WeeklyPeriod& period) {
  return absl::StrCat(common::FormatMinuteOfDay(period.start_minute), "–",
                      common::FormatMinuteOfDay(period.end_minute));
}

// The periods of each weekday (index 1..7), sorted by start.
std::array<std::vector<WeeklyPeriod>, 8> ByWeekday(const std::vector<WeeklyPeriod>& periods) {
  std::array<std::vector<WeeklyPeriod>, 8> days;
  for (const WeeklyPeriod& period : periods) {
    if (KnownWeekday(period.weekday)) days[period.weekday].push_back(period);
  }
  for (std::vector<WeeklyPeriod>& day : days) {
    std::sort(day.begin(), day.end(), [](const WeeklyPeriod& a, const WeeklyPeriod& b) {
      return a.start_minute < b.start_minute;
    });
  }
  return days;
}

}  // namespace

absl::Status ValidateServiceHours(const ServiceHours& hours, absl::string_view field) {
  common::FieldViolations violations;
  const std::string path(field);
  if (hours.around_the_clock) {
    if (!hours.periods.empty()) {
      violations.Add(absl::StrCat(path, ".periods"),
                     "must be empty when around_the_clock is set (7×24 is every instant)");
    }
    // 7×24 that closes on holidays is not 7×24: such hours are periods of 00:00–24:00.
    if (hours.on_public_holidays == HolidayBehaviour::kClosed) {
      violations.Add(absl::StrCat(path, ".on_public_holidays"),
                     "cannot be CLOSED when around_the_clock is set; list the periods instead");
    }
    return violations.ToStatus("invalid service hours");
  }
  if (hours.periods.empty()) {
    violations.Add(path,
                   "is required: around the clock (7×24) or at least one weekly period (A2 7.4)");
    return violations.ToStatus("invalid service hours");
  }
  if (hours.on_public_holidays == HolidayBehaviour::kUnspecified) {
    violations.Add(absl::StrCat(path, ".on_public_holidays"),
                   "is required for weekly periods (AS_WEEKDAY or CLOSED)");
  } else if (!KnownHolidayBehaviour(hours.on_public_holidays)) {
    violations.Add(absl::StrCat(path, ".on_public_holidays"), "is not a known holiday behaviour");
  }
  // Well-formed periods, remembered by index so an overlap names both.
  std::vector<std::pair<size_t, WeeklyPeriod>> valid;
  for (size_t i = 0; i < hours.periods.size(); ++i) {
    const WeeklyPeriod& period = hours.periods[i];
    const std::string item = absl::StrCat(path, ".periods[", i, "]");
    bool ok = true;
    if (!KnownWeekday(period.weekday)) {
      violations.Add(absl::StrCat(item, ".weekday"),
                     absl::StrCat("must be 1 (Monday) to 7 (Sunday), not ", period.weekday));
      ok = false;
    }
    if (period.start_minute < 0 || period.start_minute >= kMinutesPerDay) {
      violations.Add(absl::StrCat(item, ".start"), "must be a time of day from 00:00 to 23:59");
      ok = false;
    } else if (period.end_minute > kMinutesPerDay) {
      violations.Add(absl::StrCat(item, ".end"), "must be 24:00 at the latest (same day)");
      ok = false;
    } else if (period.end_minute <= period.start_minute) {
      violations.Add(
          absl::StrCat(item, ".end"),
          absl::StrCat("must be after the start ", common::FormatMinuteOfDay(period.start_minute),
                       ": an empty or reversed period"));
      ok = false;
    }
    if (ok) valid.emplace_back(i, period);
  }
  std::sort(valid.begin(), valid.end(), [](const auto& a, const auto& b) {
    if (a.second.weekday != b.second.weekday) return a.second.weekday < b.second.weekday;
    if (a.second.start_minute != b.second.start_minute) {
      return a.second.start_minute < b.second.start_minute;
    }
    return a.first < b.first;
  });
  // Sorted by weekday and start: a period overlaps an earlier one of its day exactly when it
  // starts before the latest end seen so far that day. Touching periods (12:00 end, 12:00 start)
  // do not overlap: a period is [start, end).
  for (size_t k = 0; k < valid.size();) {
    size_t latest = k;
    for (size_t j = k + 1; j < valid.size() && valid[j].second.weekday == valid[k].second.weekday;
         ++j) {
      const WeeklyPeriod& period = valid[j].second;
      const WeeklyPeriod& before = valid[latest].second;
      if (period.start_minute < before.end_minute) {
        violations.Add(absl::StrCat(path, ".periods[", valid[j].first, "]"),
                       absl::StrCat("overlaps periods[", valid[latest].first, "] (",
                                    kWeekdayNames[period.weekday], " ", PeriodText(before), ")"));
      }
      if (period.end_minute > before.end_minute) latest = j;
    }
    const int weekday = valid[k].second.weekday;
    while (k < valid.size() && valid[k].second.weekday == weekday) ++k;
  }
  return violations.ToStatus("invalid service hours");
}

bool WithinServiceHours(const ServiceHours& hours, absl::Time at,
                        const common::WorkingCalendar& calendar) {
  if (at == absl::InfinitePast() || at == absl::InfiniteFuture()) return false;
  if (hours.around_the_clock) return true;
  const absl::CivilSecond local = absl::ToCivilSecond(at, calendar.time_zone());
  const absl::CivilDay day(local);
  // Only a listed public holiday closes the hotline: a make-up working day is an ordinary day of
  // its own weekday for the hotline, as is any weekend the company does not work.
  if (hours.on_public_holidays == HolidayBehaviour::kClosed && calendar.IsPublicHoliday(day)) {
    return false;
  }
  const int weekday = IsoWeekday(day);
  // Seconds, not minutes: a call offered at 17:29:59 is inside 09:00–17:30, one at 17:30:00 is not.
  const int64_t second_of_day = local - absl::CivilSecond(day);
  for (const WeeklyPeriod& period : hours.periods) {
    if (period.weekday != weekday) continue;
    if (second_of_day >= int64_t{period.start_minute} * 60 &&
        second_of_day < int64_t{period.end_minute} * 60) {
      return true;
    }
  }
  return false;
}

std::string DescribeServiceHours(const ServiceHours& hours) {
  if (hours.around_the_clock) return "7×24";
  const std::array<std::vector<WeeklyPeriod>, 8> days = ByWeekday(hours.periods);
  std::vector<std::string> parts;
  // Consecutive weekdays with the same periods print once: "周一至周五 09:00–17:30".
  for (int first = 1; first <= 7;) {
    if (days[first].empty()) {
      ++first;
      continue;
    }
    auto same = [&](int weekday) {
      if (days[weekday].size() != days[first].size()) return false;
      for (size_t i = 0; i < days[first].size(); ++i) {
        if (days[weekday][i].start_minute != days[first][i].start_minute ||
            days[weekday][i].end_minute != days[first][i].end_minute) {
          return false;
        }
      }
      return true;
    };
    int last = first;
    while (last + 1 <= 7 && same(last + 1)) ++last;
    std::vector<std::string> spans;
    for (const WeeklyPeriod& period : days[first]) spans.push_back(PeriodText(period));
    const std::string weekdays =
        first == last ? std::string(kWeekdayNames[first])
                      : absl::StrCat(kWeekdayNames[first], "至", kWeekdayNames[last]);
    parts.push_back(absl::StrCat(weekdays, " ", absl::StrJoin(spans, ", ")));
    first = last + 1;
  }
  switch (hours.on_public_holidays) {
    case HolidayBehaviour::kClosed:
      parts.push_back("节假日休息");
      break;
    case HolidayBehaviour::kAsWeekday:
      parts.push_back("节假日照常");
      break;
    case HolidayBehaviour::kUnspecified:
      break;
  }
  return absl::StrJoin(parts, "; ");
}

}  // namespace cs::hotline

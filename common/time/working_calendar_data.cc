#include "common/time/working_calendar_data.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace cs::common {
namespace {

constexpr int kMinutesPerDay = 24 * 60;

std::string DayText(absl::CivilDay day) { return absl::FormatCivilTime(day); }

// Checks one day's periods; `path` names the repeated field ("weekly_hours[0].periods").
void CheckPeriods(const std::vector<DailyPeriod>& periods, const std::string& path,
                  FieldViolations* violations) {
  std::vector<size_t> order;
  for (size_t i = 0; i < periods.size(); ++i) {
    const DailyPeriod& period = periods[i];
    const std::string item = absl::StrCat(path, "[", i, "]");
    bool usable = true;
    if (period.start_minute < 0 || period.start_minute >= kMinutesPerDay) {
      violations->Add(absl::StrCat(item, ".start"), "must be within 00:00-23:59");
      usable = false;
    }
    if (period.end_minute <= 0 || period.end_minute > kMinutesPerDay) {
      violations->Add(absl::StrCat(item, ".end"), "must be within 00:01-24:00");
      usable = false;
    }
    if (usable && period.start_minute >= period.end_minute) {
      violations->Add(
          absl::StrCat(item, ".end"),
          absl::StrCat("must be after the start ", FormatMinuteOfDay(period.start_minute), " (got ",
                       FormatMinuteOfDay(period.end_minute), ")"));
      usable = false;
    }
    if (usable) order.push_back(i);
  }
  // Overlap is judged on the periods in time order, whatever order the file lists them in.
  std::sort(order.begin(), order.end(), [&periods](size_t a, size_t b) {
    return periods[a].start_minute < periods[b].start_minute;
  });
  for (size_t k = 1; k < order.size(); ++k) {
    const DailyPeriod& previous = periods[order[k - 1]];
    const DailyPeriod& current = periods[order[k]];
    if (current.start_minute < previous.end_minute) {
      violations->Add(absl::StrCat(path, "[", order[k], "].start"),
                      absl::StrCat("overlaps the period ", FormatMinuteOfDay(previous.start_minute),
                                   "-", FormatMinuteOfDay(previous.end_minute)));
    }
  }
}

}  // namespace

std::string FormatMinuteOfDay(int minute_of_day) {
  return absl::StrFormat("%02d:%02d", minute_of_day / 60, minute_of_day % 60);
}

absl::optional<int> ParseMinuteOfDay(absl::string_view text) {
  if (text.size() != 5 || text[2] != ':') return absl::nullopt;
  int value[2] = {0, 0};
  for (size_t part = 0; part < 2; ++part) {
    for (size_t i = part * 3u; i < part * 3u + 2; ++i) {
      if (text[i] < '0' || text[i] > '9') return absl::nullopt;
      value[part] = value[part] * 10 + (text[i] - '0');
    }
  }
  const int hour = value[0];
  const int minute = value[1];
  if (minute > 59 || hour > 24 || (hour == 24 && minute != 0)) return absl::nullopt;
  return hour * 60 + minute;
}

absl::string_view WeekdayName(absl::Weekday weekday) {
  static constexpr std::array<absl::string_view, 7> kNames = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return kNames[static_cast<int>(weekday)];
}

FieldViolations ValidateWorkingCalendarData(const WorkingCalendarData& data) {
  FieldViolations violations;
  if (data.version.empty()) violations.Add("version", "must not be empty");

  // Which weekdays the weekly pattern works; a make-up day must fall on one that does not.
  std::array<bool, 7> weekday_works{};
  std::array<int, 7> weekday_entry;
  weekday_entry.fill(-1);
  for (size_t i = 0; i < data.weekly_hours.size(); ++i) {
    const WeekdayHours& hours = data.weekly_hours[i];
    const int weekday = static_cast<int>(hours.weekday);
    const std::string path = absl::StrCat("weekly_hours[", i, "]");
    if (weekday < 0 || weekday > 6) {
      violations.Add(absl::StrCat(path, ".weekday"), "must be a weekday");
      continue;
    }
    if (weekday_entry[weekday] >= 0) {
      violations.Add(absl::StrCat(path, ".weekday"),
                     absl::StrCat(WeekdayName(hours.weekday), " is already listed in weekly_hours[",
                                  weekday_entry[weekday], "]"));
      continue;
    }
    weekday_entry[weekday] = static_cast<int>(i);
    CheckPeriods(hours.periods, absl::StrCat(path, ".periods"), &violations);
    weekday_works[weekday] = !hours.periods.empty();
  }
  if (std::none_of(weekday_works.begin(), weekday_works.end(), [](bool works) { return works; })) {
    violations.Add("weekly_hours", "no weekday has working periods, so working time never elapses");
  }

  bool coverage_ok = true;
  if (data.horizon < data.coverage_start) {
    violations.Add("horizon", absl::StrCat(DayText(data.horizon), " is before coverage_start ",
                                           DayText(data.coverage_start)));
    coverage_ok = false;
  } else if (data.horizon - data.coverage_start >= kMaxCoverageDays) {
    violations.Add("horizon",
                   absl::StrCat("coverage may span at most ", kMaxCoverageDays, " days"));
    coverage_ok = false;
  }
  auto check_covered = [&](absl::CivilDay day, const std::string& field) {
    if (coverage_ok && (day < data.coverage_start || day > data.horizon)) {
      violations.Add(field,
                     absl::StrCat(DayText(day), " is outside the coverage ",
                                  DayText(data.coverage_start), "..", DayText(data.horizon)));
    }
  };

  absl::flat_hash_map<absl::CivilDay, size_t> holiday_index;
  for (size_t i = 0; i < data.holidays.size(); ++i) {
    const std::string field = absl::StrCat("holidays[", i, "].date");
    const absl::CivilDay day = data.holidays[i].date;
    check_covered(day, field);
    auto [it, inserted] = holiday_index.emplace(day, i);
    if (!inserted) {
      violations.Add(
          field, absl::StrCat(DayText(day), " is already listed in holidays[", it->second, "]"));
    }
  }

  absl::flat_hash_map<absl::CivilDay, size_t> makeup_index;
  for (size_t i = 0; i < data.makeup_working_days.size(); ++i) {
    const MakeupWorkingDay& makeup = data.makeup_working_days[i];
    const std::string path = absl::StrCat("makeup_working_days[", i, "]");
    const std::string field = absl::StrCat(path, ".date");
    check_covered(makeup.date, field);
    auto [it, inserted] = makeup_index.emplace(makeup.date, i);
    if (!inserted) {
      violations.Add(
          field, absl::StrCat(DayText(makeup.date), " is already listed in makeup_working_days[",
                              it->second, "]"));
    }
    const absl::Weekday weekday = absl::GetWeekday(makeup.date);
    if (weekday_works[static_cast<int>(weekday)]) {
      violations.Add(field, absl::StrCat(DayText(makeup.date), " is a ", WeekdayName(weekday),
                                         ", already a working day; a make-up working day must fall "
                                         "on a weekend"));
    }
    if (auto holiday = holiday_index.find(makeup.date); holiday != holiday_index.end()) {
      violations.Add(field, absl::StrCat(DayText(makeup.date), " is also a holiday (holidays[",
                                         holiday->second, "])"));
    }
    if (makeup.periods.empty()) {
      const int like = static_cast<int>(makeup.hours_like);
      if (like < 0 || like > 6) {
        violations.Add(absl::StrCat(path, ".hours_like"), "must be a weekday");
      } else if (!weekday_works[like]) {
        violations.Add(absl::StrCat(path, ".hours_like"),
                       absl::StrCat(WeekdayName(makeup.hours_like),
                                    " has no working periods; give periods or another weekday"));
      }
    } else {
      CheckPeriods(makeup.periods, absl::StrCat(path, ".periods"), &violations);
    }
  }
  return violations;
}

}  // namespace cs::common

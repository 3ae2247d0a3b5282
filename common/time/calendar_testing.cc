#include "common/time/calendar_testing.h"

#include <cstdlib>
#include <iostream>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace cs::common::testing {
namespace {

struct DayOffRange {
  absl::CivilDay first;
  absl::CivilDay last;
  const char* name;
};

}  // namespace

absl::TimeZone ShanghaiTimeZone() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Asia/Shanghai", &zone)) {
    std::cerr << "time zone Asia/Shanghai is not installed\n";
    std::abort();
  }
  return zone;
}

absl::Time ShanghaiTime(int year, int month, int day, int hour, int minute, int second) {
  return absl::FromCivil(absl::CivilSecond(year, month, day, hour, minute, second),
                         ShanghaiTimeZone());
}

WorkingCalendarData Cn2026CalendarData() {
  WorkingCalendarData data;
  data.version = "cn-2026.1";
  data.time_zone = ShanghaiTimeZone();
  data.source = "State Council General Office notice on the 2026 holiday arrangements, 2025-11-04";
  for (absl::Weekday weekday :
       {absl::Weekday::monday, absl::Weekday::tuesday, absl::Weekday::wednesday,
        absl::Weekday::thursday, absl::Weekday::friday}) {
    data.weekly_hours.push_back({weekday, {{9 * 60, 12 * 60}, {13 * 60, 17 * 60 + 30}}});
  }
  const std::vector<DayOffRange> days_off = {
      {absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 1, 3), "New Year"},
      {absl::CivilDay(2026, 2, 15), absl::CivilDay(2026, 2, 23), "Spring Festival"},
      {absl::CivilDay(2026, 4, 4), absl::CivilDay(2026, 4, 6), "Qingming"},
      {absl::CivilDay(2026, 5, 1), absl::CivilDay(2026, 5, 5), "Labour Day"},
      {absl::CivilDay(2026, 6, 19), absl::CivilDay(2026, 6, 21), "Dragon Boat"},
      {absl::CivilDay(2026, 9, 25), absl::CivilDay(2026, 9, 27), "Mid-Autumn"},
      {absl::CivilDay(2026, 10, 1), absl::CivilDay(2026, 10, 7), "National Day"},
  };
  for (const DayOffRange& range : days_off) {
    for (absl::CivilDay day = range.first; day <= range.last; ++day) {
      data.holidays.push_back({day, range.name});
    }
  }
  data.makeup_working_days = {
      {absl::CivilDay(2026, 1, 4), "New Year", absl::Weekday::monday, {}},
      {absl::CivilDay(2026, 2, 14), "Spring Festival", absl::Weekday::monday, {}},
      {absl::CivilDay(2026, 2, 28), "Spring Festival", absl::Weekday::monday, {}},
      {absl::CivilDay(2026, 5, 9), "Labour Day", absl::Weekday::monday, {}},
      {absl::CivilDay(2026, 9, 20), "National Day", absl::Weekday::monday, {}},
      {absl::CivilDay(2026, 10, 10), "National Day", absl::Weekday::monday, {}},
  };
  data.coverage_start = absl::CivilDay(2026, 1, 1);
  data.horizon = absl::CivilDay(2026, 12, 31);
  return data;
}

WorkingCalendar Cn2026Calendar() {
  absl::StatusOr<WorkingCalendar> calendar = WorkingCalendar::Create(Cn2026CalendarData());
  if (!calendar.ok()) {
    std::cerr << "the built-in 2026 calendar is invalid: " << calendar.status() << "\n";
    std::abort();
  }
  return *std::move(calendar);
}

std::string WithNextYearVersion(const std::string& calendar_file_text) {
  const std::string current = absl::StrReplaceAll(
      calendar_file_text, {{R"(current_version: "cn-2026.1")", R"(current_version: "cn-2027.1")"}});
  const size_t first = calendar_file_text.find("versions {");
  const size_t end = calendar_file_text.find("\n}", first);
  std::string next = calendar_file_text.substr(first, end - first + 1);
  next = absl::StrReplaceAll(next, {{R"(version: "cn-2026.1")", R"(version: "cn-2027.1")"},
                                    {R"(horizon: "2026-12-31")", R"(horizon: "2027-12-31")"}});
  return absl::StrCat(current, "\n", next,
                      "  holidays { date: \"2027-01-01\" name: \"New Year\" }\n}\n");
}

}  // namespace cs::common::testing

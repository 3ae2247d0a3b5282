// Property tests: the fast paths of WorkingCalendar (prefix sums, binary search, whole-week
// skipping) against a slow reference that walks minute by minute and judges each minute on its own,
// over thousands of random cases before, inside and after the precomputed table, and in a zone with
// daylight saving.
#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "common/time/working_calendar.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using Interval = std::pair<absl::Time, absl::Time>;

// The calendar rules restated as plainly as possible: each day's periods from the raw data, each
// minute checked on its own. Slow by design.
class ReferenceCalendar {
 public:
  explicit ReferenceCalendar(WorkingCalendarData data) : data_(std::move(data)) {
    for (const WeekdayHours& hours : data_.weekly_hours) {
      weekly_[static_cast<int>(hours.weekday)] = hours.periods;
    }
    for (const Holiday& holiday : data_.holidays) holidays_.insert(holiday.date);
    for (const MakeupWorkingDay& makeup : data_.makeup_working_days) {
      makeups_[makeup.date] =
          makeup.periods.empty() ? weekly_[static_cast<int>(makeup.hours_like)] : makeup.periods;
    }
  }

  std::vector<DailyPeriod> PeriodsOf(absl::CivilDay day) const {
    if (day >= data_.coverage_start && day <= data_.horizon) {
      if (holidays_.contains(day)) return {};
      if (auto makeup = makeups_.find(day); makeup != makeups_.end()) return makeup->second;
    }
    return weekly_[static_cast<int>(absl::GetWeekday(day))];
  }

  bool IsWorkingDay(absl::CivilDay day) const { return !PeriodsOf(day).empty(); }

  // A period [s, e) of day D covers the instants from D+s to D+e (each the first time the local
  // clock shows it); near a clock change such an instant can carry the neighbouring day's date.
  bool IsWorking(absl::Time t) const {
    const absl::CivilDay day = absl::ToCivilDay(t, data_.time_zone);
    for (absl::CivilDay d = day - 1; d <= day + 1; ++d) {
      for (const Interval& interval : IntervalsOf(d)) {
        if (interval.first <= t && t < interval.second) return true;
      }
    }
    return false;
  }

  absl::Time Next(absl::Time t) const {
    while (!IsWorking(t)) t = NextMinute(t);
    return t;
  }

  absl::Time Add(absl::Time start, absl::Duration duration) const {
    if (duration == absl::ZeroDuration()) return Next(start);
    absl::Time t = start;
    absl::Duration remaining = duration;
    while (true) {
      const absl::Time next = NextMinute(t);
      if (IsWorking(t)) {
        if (next - t >= remaining) return t + remaining;
        remaining -= next - t;
      }
      t = next;
    }
  }

  absl::Duration Between(absl::Time from, absl::Time to) const {
    absl::Duration total = absl::ZeroDuration();
    for (absl::Time t = from; t < to;) {
      const absl::Time next = std::min(NextMinute(t), to);
      if (IsWorking(t)) total += next - t;
      t = next;
    }
    return total;
  }

  absl::CivilDay NthWorkingDayAfter(absl::CivilDay day, int n) const {
    while (n > 0) {
      ++day;
      if (IsWorkingDay(day)) --n;
    }
    return day;
  }

  int64_t WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to) const {
    int64_t count = 0;
    for (absl::CivilDay day = from + 1; day <= to; ++day) count += IsWorkingDay(day) ? 1 : 0;
    return count;
  }

 private:
  // Every boundary is a whole local minute, and these zones' offsets are whole minutes, so working
  // or not never changes inside a UTC minute.
  static absl::Time NextMinute(absl::Time t) {
    const int64_t seconds = absl::ToUnixSeconds(t);  // rounds toward the past
    return absl::FromUnixSeconds(seconds - seconds % 60 + 60);
  }

  const std::vector<Interval>& IntervalsOf(absl::CivilDay day) const {
    auto cached = intervals_.find(day);
    if (cached != intervals_.end()) return cached->second;
    std::vector<Interval> intervals;
    for (const DailyPeriod& period : PeriodsOf(day)) {
      intervals.emplace_back(
          absl::FromCivil(absl::CivilSecond(day) + period.start_minute * 60, data_.time_zone),
          absl::FromCivil(absl::CivilSecond(day) + period.end_minute * 60, data_.time_zone));
    }
    return intervals_.emplace(day, std::move(intervals)).first->second;
  }

  WorkingCalendarData data_;
  std::vector<DailyPeriod> weekly_[7];
  absl::flat_hash_set<absl::CivilDay> holidays_;
  absl::flat_hash_map<absl::CivilDay, std::vector<DailyPeriod>> makeups_;
  mutable std::map<absl::CivilDay, std::vector<Interval>> intervals_;
};

class RandomInstants {
 public:
  RandomInstants(uint64_t seed, absl::TimeZone zone, absl::CivilDay first, absl::CivilDay last,
                 std::vector<int> boundary_minutes)
      : rng_(seed),
        zone_(zone),
        first_(first),
        days_(last - first),
        boundary_minutes_(std::move(boundary_minutes)) {}

  // Any instant in the range to the nanosecond; a third of them on a period boundary, or one
  // nanosecond either side of it.
  absl::Time Instant() {
    const absl::CivilDay day = first_ + Uniform(0, days_ - 1);
    if (Uniform(0, 2) == 0) {
      const int minute = boundary_minutes_[Uniform(0, boundary_minutes_.size() - 1)];
      const absl::Time boundary = absl::FromCivil(absl::CivilSecond(day) + minute * 60, zone_);
      return boundary + absl::Nanoseconds(Uniform(0, 2) - 1);
    }
    return absl::FromCivil(absl::CivilSecond(day), zone_) + absl::Seconds(Uniform(0, 86399)) +
           absl::Nanoseconds(Uniform(0, 999999999));
  }

  // 0 up to `max_minutes`, sometimes whole half hours (which end exactly on boundaries) or whole
  // multiples of the weekly working time `week_minutes` (which end exactly at a week's close).
  absl::Duration Duration(int64_t max_minutes, int64_t week_minutes) {
    switch (Uniform(0, 4)) {
      case 0:
        return absl::Minutes(30 * Uniform(0, max_minutes / 30));
      case 4:
        if (max_minutes >= week_minutes) {
          return absl::Minutes(week_minutes * Uniform(1, max_minutes / week_minutes));
        }
        return absl::Minutes(Uniform(0, max_minutes));
      case 1:
        return absl::Minutes(Uniform(0, max_minutes));
      default:
        return absl::Seconds(Uniform(0, max_minutes * 60)) +
               absl::Nanoseconds(Uniform(0, 999999999));
    }
  }

  int64_t Uniform(int64_t low, int64_t high) {
    return std::uniform_int_distribution<int64_t>(low, high)(rng_);
  }

 private:
  std::mt19937_64 rng_;
  absl::TimeZone zone_;
  absl::CivilDay first_;
  int64_t days_;
  std::vector<int> boundary_minutes_;
};

// Runs `cases` random AddWorkingTime / WorkingTimeBetween / NextWorkingInstant checks.
void CheckAgainstReference(const WorkingCalendarData& data, RandomInstants& random, int cases,
                           int64_t max_minutes) {
  int64_t week_minutes = 0;
  for (const WeekdayHours& hours : data.weekly_hours) {
    for (const DailyPeriod& period : hours.periods) {
      week_minutes += period.end_minute - period.start_minute;
    }
  }
  absl::StatusOr<WorkingCalendar> created = WorkingCalendar::Create(data);
  ASSERT_TRUE(created.ok()) << created.status();
  const WorkingCalendar& calendar = *created;
  const ReferenceCalendar reference(data);
  for (int i = 0; i < cases; ++i) {
    const absl::Time start = random.Instant();
    const absl::Duration duration = random.Duration(max_minutes, week_minutes);
    SCOPED_TRACE(::testing::Message()
                 << "case " << i << ": start " << absl::FormatTime(start, data.time_zone) << " + "
                 << absl::FormatDuration(duration));
    absl::StatusOr<absl::Time> end = calendar.AddWorkingTime(start, duration);
    ASSERT_TRUE(end.ok()) << end.status();
    ASSERT_EQ(*end, reference.Add(start, duration));
    ASSERT_EQ(calendar.WorkingTimeBetween(start, *end), duration);
    ASSERT_EQ(calendar.IsWorkingTime(start), reference.IsWorking(start));
    ASSERT_EQ(calendar.NextWorkingInstant(start), reference.Next(start));

    const absl::Time other = start + absl::Seconds(random.Uniform(-4 * 86400, 4 * 86400)) +
                             absl::Nanoseconds(random.Uniform(0, 999999999));
    ASSERT_EQ(calendar.WorkingTimeBetween(start, other), reference.Between(start, other))
        << "to " << absl::FormatTime(other, data.time_zone);
  }
}

// Boundaries of the 2026 calendar, in minutes of the day.
const std::vector<int> kShanghaiBoundaries = {0, 9 * 60, 12 * 60, 13 * 60, 17 * 60 + 30};

TEST(WorkingCalendarPropertyTest, FastPathMatchesMinuteWalkAcrossAllRegions) {
  // 2024-06..2029-06 covers the weekly pattern before the table, the table, and after it.
  RandomInstants random(20260101, testing::ShanghaiTimeZone(), absl::CivilDay(2024, 6, 1),
                        absl::CivilDay(2029, 6, 1), kShanghaiBoundaries);
  CheckAgainstReference(testing::Cn2026CalendarData(), random, 3000, 16 * 60);
}

TEST(WorkingCalendarPropertyTest, FastPathMatchesMinuteWalkAroundTheHolidays) {
  // Concentrated on 2026, with durations up to 40 working hours (five days and more).
  RandomInstants random(4242, testing::ShanghaiTimeZone(), absl::CivilDay(2026, 1, 1),
                        absl::CivilDay(2027, 1, 10), kShanghaiBoundaries);
  CheckAgainstReference(testing::Cn2026CalendarData(), random, 600, 40 * 60);
}

TEST(WorkingCalendarPropertyTest, FastPathMatchesMinuteWalkOverManyWeeks) {
  // Up to 300 working hours (eight weeks): exercises the whole-week skipping outside the table.
  RandomInstants random(99, testing::ShanghaiTimeZone(), absl::CivilDay(2023, 1, 1),
                        absl::CivilDay(2031, 1, 1), kShanghaiBoundaries);
  CheckAgainstReference(testing::Cn2026CalendarData(), random, 150, 300 * 60);
}

// Clock changes (02:00 local) fall inside the early period on Sundays.
WorkingCalendarData NewYorkSplitData() {
  absl::TimeZone new_york;
  EXPECT_TRUE(absl::LoadTimeZone("America/New_York", &new_york));
  WorkingCalendarData data;
  data.version = "ny-split";
  data.time_zone = new_york;
  data.weekly_hours = {
      {absl::Weekday::monday, {{9 * 60, 17 * 60}}},
      {absl::Weekday::wednesday, {{8 * 60, 12 * 60}, {12 * 60, 12 * 60 + 30}}},
      {absl::Weekday::friday, {{9 * 60, 17 * 60}}},
      {absl::Weekday::sunday, {{60, 3 * 60 + 30}, {22 * 60, 24 * 60}}},
  };
  data.holidays = {{absl::CivilDay(2026, 3, 9), "test"}, {absl::CivilDay(2026, 11, 2), "test"}};
  data.makeup_working_days = {{absl::CivilDay(2026, 3, 7), "test", absl::Weekday::monday, {}}};
  data.coverage_start = absl::CivilDay(2026, 1, 1);
  data.horizon = absl::CivilDay(2026, 12, 31);
  return data;
}

const std::vector<int> kNewYorkBoundaries = {0,      60,     120,     180,     210,
                                             8 * 60, 9 * 60, 12 * 60, 17 * 60, 22 * 60};

TEST(WorkingCalendarPropertyTest, FastPathMatchesMinuteWalkWithDaylightSavingInsidePeriods) {
  // 2029..2033 lies past the table; each March and November has a change.
  const WorkingCalendarData data = NewYorkSplitData();
  RandomInstants random(777, data.time_zone, absl::CivilDay(2024, 3, 1), absl::CivilDay(2033, 1, 1),
                        kNewYorkBoundaries);
  CheckAgainstReference(data, random, 1500, 12 * 60);
}

TEST(WorkingCalendarPropertyTest, FastPathMatchesMinuteWalkOverManyWeeksWithDaylightSaving) {
  const WorkingCalendarData data = NewYorkSplitData();
  RandomInstants random(778, data.time_zone, absl::CivilDay(2022, 1, 1), absl::CivilDay(2034, 1, 1),
                        kNewYorkBoundaries);
  CheckAgainstReference(data, random, 150, 200 * 60);
}

TEST(WorkingCalendarPropertyTest, WorkingDaysMatchDayByDayCount) {
  const WorkingCalendarData data = testing::Cn2026CalendarData();
  const WorkingCalendar calendar = testing::Cn2026Calendar();
  const ReferenceCalendar reference(data);
  std::mt19937_64 rng(31);
  std::uniform_int_distribution<int> day_offset(0, 5 * 366);
  std::uniform_int_distribution<int> count(0, 40);
  for (int i = 0; i < 3000; ++i) {
    const absl::CivilDay day = absl::CivilDay(2024, 6, 1) + day_offset(rng);
    const int n = count(rng);
    SCOPED_TRACE(::testing::Message() << day << " + " << n);
    const absl::CivilDay expected = reference.NthWorkingDayAfter(day, n);
    ASSERT_THAT(calendar.AddWorkingDays(day, n), testing::IsOkAndHolds(expected));
    ASSERT_EQ(calendar.IsWorkingDay(day), reference.IsWorkingDay(day));
    const absl::CivilDay other = day + (day_offset(rng) % 120);
    ASSERT_EQ(calendar.WorkingDaysBetween(day, other), reference.WorkingDaysBetween(day, other));
  }
}

}  // namespace
}  // namespace cs::common

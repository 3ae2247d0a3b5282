#include "common/time/working_calendar.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace cs::common {
namespace {

// The table reaches this far beyond the coverage: far enough before it that recomputing recent
// history stays on the fast path, and after the horizon far enough that a calendar still in use
// after its horizon (the services warn about it) keeps its speed.
constexpr int kTableDaysBeforeCoverage = 366;
constexpr int kTableDaysAfterHorizon = 731;

// Index of the empty period set in period_sets_ (a holiday).
constexpr uint16_t kNoPeriods = 7;
constexpr uint16_t kFirstMakeupSet = 8;

int WeekdayIndex(absl::CivilDay day) { return static_cast<int>(absl::GetWeekday(day)); }

std::vector<DailyPeriod> SortedPeriods(std::vector<DailyPeriod> periods) {
  std::sort(periods.begin(), periods.end(), [](const DailyPeriod& a, const DailyPeriod& b) {
    return a.start_minute < b.start_minute;
  });
  return periods;
}

}  // namespace

absl::StatusOr<WorkingCalendar> WorkingCalendar::Create(WorkingCalendarData data) {
  const FieldViolations violations = ValidateWorkingCalendarData(data);
  if (!violations.empty()) {
    return violations.ToStatus(absl::StrCat("working calendar \"", data.version, "\" is invalid"));
  }

  WorkingCalendar calendar;
  calendar.version_ = std::move(data.version);
  calendar.source_ = std::move(data.source);
  calendar.time_zone_ = data.time_zone;
  calendar.coverage_start_ = data.coverage_start;
  calendar.horizon_ = data.horizon;

  calendar.period_sets_.resize(kFirstMakeupSet);
  for (WeekdayHours& hours : data.weekly_hours) {
    calendar.period_sets_[static_cast<int>(hours.weekday)] =
        SortedPeriods(std::move(hours.periods));
  }
  int64_t weekly_minutes = 0;
  for (int weekday = 0; weekday < 7; ++weekday) {
    if (calendar.period_sets_[weekday].empty()) continue;
    ++calendar.weekly_working_days_;
    for (const DailyPeriod& period : calendar.period_sets_[weekday]) {
      weekly_minutes += period.end_minute - period.start_minute;
    }
  }
  calendar.weekly_working_time_ = absl::Minutes(weekly_minutes);

  calendar.table_first_day_ = data.coverage_start - kTableDaysBeforeCoverage;
  calendar.table_last_day_ = data.horizon + kTableDaysAfterHorizon;
  const int64_t table_days = calendar.table_last_day_ - calendar.table_first_day_ + 1;
  calendar.day_period_set_.resize(table_days);
  for (int64_t i = 0; i < table_days; ++i) {
    calendar.day_period_set_[i] =
        static_cast<uint16_t>(WeekdayIndex(calendar.table_first_day_ + i));
  }
  for (const Holiday& holiday : data.holidays) {
    calendar.day_period_set_[holiday.date - calendar.table_first_day_] = kNoPeriods;
    calendar.holidays_.push_back(holiday.date);
  }
  std::sort(calendar.holidays_.begin(), calendar.holidays_.end());
  for (MakeupWorkingDay& makeup : data.makeup_working_days) {
    uint16_t set = static_cast<uint16_t>(makeup.hours_like);
    if (!makeup.periods.empty()) {
      set = static_cast<uint16_t>(calendar.period_sets_.size());
      calendar.period_sets_.push_back(SortedPeriods(std::move(makeup.periods)));
    }
    calendar.day_period_set_[makeup.date - calendar.table_first_day_] = set;
  }

  calendar.working_days_through_.resize(table_days);
  int32_t working_days = 0;
  absl::Duration cumulative = absl::ZeroDuration();
  for (int64_t i = 0; i < table_days; ++i) {
    const absl::CivilDay day = calendar.table_first_day_ + i;
    const std::vector<DailyPeriod>& periods = calendar.period_sets_[calendar.day_period_set_[i]];
    if (!periods.empty()) {
      ++working_days;
      calendar.working_day_offsets_.push_back(static_cast<int32_t>(i));
    }
    calendar.working_days_through_[i] = working_days;
    for (const DailyPeriod& period : periods) {
      const absl::Time start = calendar.LocalInstant(day, period.start_minute);
      const absl::Time end = calendar.LocalInstant(day, period.end_minute);
      // A period entirely inside an hour the clocks skip has no real time at all.
      if (start >= end) continue;
      calendar.interval_start_.push_back(start);
      calendar.interval_end_.push_back(end);
      calendar.cumulative_before_.push_back(cumulative);
      cumulative += end - start;
    }
  }
  calendar.table_total_ = cumulative;
  calendar.table_begin_ = calendar.DayStart(calendar.table_first_day_);
  calendar.table_end_ = calendar.DayStart(calendar.table_last_day_ + 1);
  return calendar;
}

absl::Time WorkingCalendar::LocalInstant(absl::CivilDay day, int minute_of_day) const {
  // absl::FromCivil maps a repeated local time to its first occurrence and a skipped one to the
  // instant of the jump, which keeps later local times at later (or equal) instants.
  return absl::FromCivil(absl::CivilSecond(day) + int64_t{minute_of_day} * 60, time_zone_);
}

const std::vector<DailyPeriod>& WorkingCalendar::PatternPeriodsOf(absl::CivilDay day) const {
  return period_sets_[WeekdayIndex(day)];
}

const std::vector<DailyPeriod>& WorkingCalendar::PeriodsOf(absl::CivilDay day) const {
  if (InTable(day)) return period_sets_[day_period_set_[day - table_first_day_]];
  return PatternPeriodsOf(day);
}

// ---- Working hours ------------------------------------------------------------------------------

absl::StatusOr<absl::Time> WorkingCalendar::AddWorkingTime(absl::Time start,
                                                           absl::Duration duration) const {
  if (start == absl::InfinitePast() || start == absl::InfiniteFuture()) {
    return absl::InvalidArgumentError("working time cannot be added to an infinite instant");
  }
  if (duration < absl::ZeroDuration() || duration > kMaxWorkingDuration) {
    return absl::InvalidArgumentError(absl::StrCat("working time to add must be within 0..",
                                                   absl::FormatDuration(kMaxWorkingDuration),
                                                   " (got ", absl::FormatDuration(duration), ")"));
  }
  if (duration == absl::ZeroDuration()) return NextWorkingInstant(start);

  absl::Time from = start;
  absl::Duration remaining = duration;
  if (from < table_begin_) {
    const Advance advance = PatternAdvance(from, remaining, table_begin_);
    if (advance.done) return advance.at;
    remaining = advance.remaining;
    from = table_begin_;
  }
  if (from < table_end_) {
    const absl::Duration target = TableCumulative(from) + remaining;
    if (target <= table_total_) return TableInstantAt(target);
    remaining = target - table_total_;
    from = table_end_;
  }
  return PatternAdvance(from, remaining, absl::InfiniteFuture()).at;
}

absl::Duration WorkingCalendar::WorkingTimeBetween(absl::Time from, absl::Time to) const {
  if (to <= from) return absl::ZeroDuration();
  if (from == absl::InfinitePast() || to == absl::InfiniteFuture()) return absl::InfiniteDuration();
  absl::Duration total = absl::ZeroDuration();
  if (from < table_begin_) total += PatternBetween(from, std::min(to, table_begin_));
  const absl::Time low = std::max(from, table_begin_);
  const absl::Time high = std::min(to, table_end_);
  if (low < high) total += TableCumulative(high) - TableCumulative(low);
  if (to > table_end_) total += PatternBetween(std::max(from, table_end_), to);
  return total;
}

absl::Time WorkingCalendar::NextWorkingInstant(absl::Time t) const {
  if (t == absl::InfinitePast() || t == absl::InfiniteFuture()) return t;
  if (t < table_begin_) {
    if (absl::optional<absl::Time> next = PatternNext(t, table_begin_)) return *next;
    t = table_begin_;
  }
  if (t < table_end_) {
    const size_t after =
        static_cast<size_t>(std::upper_bound(interval_start_.begin(), interval_start_.end(), t) -
                            interval_start_.begin());
    if (after > 0 && t < interval_end_[after - 1]) return t;
    if (after < interval_start_.size()) return interval_start_[after];
    t = table_end_;
  }
  return *PatternNext(t, absl::InfiniteFuture());
}

bool WorkingCalendar::IsWorkingTime(absl::Time t) const {
  if (t == absl::InfinitePast() || t == absl::InfiniteFuture()) return false;
  return NextWorkingInstant(t) == t;
}

absl::Duration WorkingCalendar::TableCumulative(absl::Time t) const {
  const auto after = std::upper_bound(interval_start_.begin(), interval_start_.end(), t);
  if (after == interval_start_.begin()) return absl::ZeroDuration();
  const size_t k = static_cast<size_t>(after - interval_start_.begin()) - 1;
  return cumulative_before_[k] + (std::min(t, interval_end_[k]) - interval_start_[k]);
}

absl::Time WorkingCalendar::TableInstantAt(absl::Duration target) const {
  // The last interval that begins before the target is reached; as intervals are never empty, the
  // target lies inside it or at its end — and at its end is the earliest such instant.
  const size_t k = static_cast<size_t>(std::lower_bound(cumulative_before_.begin(),
                                                        cumulative_before_.end(), target) -
                                       cumulative_before_.begin()) -
                   1;
  return interval_start_[k] + (target - cumulative_before_[k]);
}

WorkingCalendar::Advance WorkingCalendar::PatternAdvance(absl::Time from, absl::Duration remaining,
                                                         absl::Time stop) const {
  absl::CivilDay day = absl::ToCivilDay(from, time_zone_);
  bool first_day = true;
  while (true) {
    if (DayStart(day) >= stop) return {false, absl::Time(), remaining};
    if (!first_day && remaining > weekly_working_time_) {
      // Skip whole weeks but leave some working time to walk, so the walk finds the earliest
      // instant.
      absl::Duration left_over;
      int64_t weeks = absl::IDivDuration(remaining, weekly_working_time_, &left_over);
      if (left_over == absl::ZeroDuration()) --weeks;
      if (stop != absl::InfiniteFuture()) {
        weeks = std::min(weeks, (absl::ToCivilDay(stop, time_zone_) - day) / 7);
      }
      weeks = WeeksWithoutOffsetChange(day, weeks);
      if (weeks > 0) {
        day += 7 * weeks;
        remaining -= weekly_working_time_ * weeks;
        continue;
      }
    }
    first_day = false;
    for (const DailyPeriod& period : PatternPeriodsOf(day)) {
      const absl::Time end = LocalInstant(day, period.end_minute);
      const absl::Time start = std::max(LocalInstant(day, period.start_minute), from);
      if (start >= end) continue;
      if (end - start >= remaining) return {true, start + remaining, absl::ZeroDuration()};
      remaining -= end - start;
    }
    ++day;
  }
}

absl::Duration WorkingCalendar::PatternBetween(absl::Time from, absl::Time to) const {
  absl::Duration total = absl::ZeroDuration();
  absl::CivilDay day = absl::ToCivilDay(from, time_zone_);
  const absl::CivilDay last = absl::ToCivilDay(to, time_zone_);
  bool first_day = true;
  while (day <= last) {
    if (!first_day) {
      // Days after the first and before the last lie wholly inside [from, to).
      const int64_t weeks = WeeksWithoutOffsetChange(day, (last - day) / 7);
      if (weeks > 0) {
        total += weekly_working_time_ * weeks;
        day += 7 * weeks;
        continue;
      }
    }
    first_day = false;
    for (const DailyPeriod& period : PatternPeriodsOf(day)) {
      const absl::Time start = std::max(LocalInstant(day, period.start_minute), from);
      const absl::Time end = std::min(LocalInstant(day, period.end_minute), to);
      if (start < end) total += end - start;
    }
    ++day;
  }
  return total;
}

absl::optional<absl::Time> WorkingCalendar::PatternNext(absl::Time t, absl::Time stop) const {
  // The pattern works on some weekday, so this ends within about a week.
  for (absl::CivilDay day = absl::ToCivilDay(t, time_zone_);; ++day) {
    if (DayStart(day) >= stop) return absl::nullopt;
    for (const DailyPeriod& period : PatternPeriodsOf(day)) {
      const absl::Time end = LocalInstant(day, period.end_minute);
      if (end <= t) continue;
      const absl::Time start = LocalInstant(day, period.start_minute);
      if (start >= end) continue;
      return std::max(start, t);
    }
  }
}

int64_t WorkingCalendar::WeeksWithoutOffsetChange(absl::CivilDay day, int64_t wanted) const {
  if (wanted <= 0) return 0;
  absl::TimeZone::CivilTransition change;
  // Look from two days back so a change just before `day` is seen too; being cautious only costs a
  // short walk.
  if (!time_zone_.NextTransition(DayStart(day) - absl::Hours(48), &change)) return wanted;
  const absl::CivilDay change_day =
      std::min(absl::CivilDay(change.from), absl::CivilDay(change.to));
  const int64_t clear_days = change_day - day - 1;
  if (clear_days < 7) return 0;
  return std::min(wanted, clear_days / 7);
}

// ---- Working days -------------------------------------------------------------------------------

bool WorkingCalendar::IsWorkingDay(absl::CivilDay day) const { return !PeriodsOf(day).empty(); }

absl::StatusOr<absl::CivilDay> WorkingCalendar::AddWorkingDays(absl::CivilDay day, int n) const {
  if (n < 0 || n > kMaxWorkingDays) {
    return absl::InvalidArgumentError(
        absl::StrCat("working days to add must be within 0..", kMaxWorkingDays, " (got ", n, ")"));
  }
  if (n == 0) return day;
  int64_t remaining = n;
  const absl::CivilDay before_table = table_first_day_ - 1;
  if (day < before_table) {
    const int64_t available = PatternWorkingDaysBetween(day, before_table);
    if (available >= remaining) return PatternNthWorkingDayAfter(day, remaining);
    remaining -= available;
    day = before_table;
  }
  if (day <= table_last_day_) {
    const int64_t through =
        day < table_first_day_ ? 0 : working_days_through_[day - table_first_day_];
    const int64_t index = through + remaining - 1;
    if (index < static_cast<int64_t>(working_day_offsets_.size())) {
      return table_first_day_ + working_day_offsets_[index];
    }
    remaining -= static_cast<int64_t>(working_day_offsets_.size()) - through;
    day = table_last_day_;
  }
  return PatternNthWorkingDayAfter(day, remaining);
}

absl::StatusOr<absl::Time> WorkingCalendar::WorkingDaysDeadline(absl::Time event, int n) const {
  if (event == absl::InfinitePast() || event == absl::InfiniteFuture()) {
    return absl::InvalidArgumentError("a working-days deadline needs a finite event time");
  }
  if (n < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("a working-days deadline needs at least 1 working day (got ", n, ")"));
  }
  absl::StatusOr<absl::CivilDay> last_day = AddWorkingDays(absl::ToCivilDay(event, time_zone_), n);
  if (!last_day.ok()) return last_day.status();
  // AddWorkingDays only lands on working days, which always have a close of business.
  return *CloseOfBusiness(*last_day);
}

int64_t WorkingCalendar::WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to) const {
  if (to <= from) return 0;
  auto through = [this](absl::CivilDay day) -> int64_t {
    return day < table_first_day_ ? 0 : working_days_through_[day - table_first_day_];
  };
  int64_t count = 0;
  const absl::CivilDay before_table = table_first_day_ - 1;
  if (from < before_table) count += PatternWorkingDaysBetween(from, std::min(to, before_table));
  const absl::CivilDay low = std::max(from, before_table);
  const absl::CivilDay high = std::min(to, table_last_day_);
  if (low < high) count += through(high) - through(low);
  if (to > table_last_day_) count += PatternWorkingDaysBetween(std::max(from, table_last_day_), to);
  return count;
}

bool WorkingCalendar::IsPublicHoliday(absl::CivilDay day) const {
  return std::binary_search(holidays_.begin(), holidays_.end(), day);
}

absl::optional<absl::Time> WorkingCalendar::CloseOfBusiness(absl::CivilDay day) const {
  const std::vector<DailyPeriod>& periods = PeriodsOf(day);
  if (periods.empty()) return absl::nullopt;
  return LocalInstant(day, periods.back().end_minute);
}

int64_t WorkingCalendar::PatternWorkingDaysBetween(absl::CivilDay from, absl::CivilDay to) const {
  if (to <= from) return 0;
  const int64_t weeks = (to - from) / 7;
  int64_t count = weeks * weekly_working_days_;
  for (absl::CivilDay day = from + 7 * weeks + 1; day <= to; ++day) {
    if (!PatternPeriodsOf(day).empty()) ++count;
  }
  return count;
}

absl::CivilDay WorkingCalendar::PatternNthWorkingDayAfter(absl::CivilDay day, int64_t n) const {
  const int64_t weeks = (n - 1) / weekly_working_days_;
  day += 7 * weeks;
  n -= weeks * weekly_working_days_;
  while (true) {
    ++day;
    if (!PatternPeriodsOf(day).empty() && --n == 0) return day;
  }
}

int64_t WorkingCalendar::DaysToHorizon(absl::Time now) const {
  return horizon_ - absl::ToCivilDay(now, time_zone_);
}

absl::Duration WorkingCalendar::TimeToHorizonEnd(absl::Time now) const {
  return absl::FromCivil(absl::CivilSecond(horizon_ + 1), time_zone_) - now;
}

bool WorkingCalendar::EndsPastHorizon(absl::Time end) const {
  if (end == absl::InfinitePast() || end == absl::InfiniteFuture()) return false;
  // The last instant counted lies just before `end`: a span that ends at 24:00 of the horizon day
  // ends on the horizon day, not on the day after.
  return absl::ToCivilDay(end - absl::Nanoseconds(1), time_zone_) > horizon_;
}

}  // namespace cs::common

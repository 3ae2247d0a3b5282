// WorkingCalendar: working-time arithmetic of one calendar version (SPEC "Working time") — when a
// period of working hours or working days that starts at an instant ends, and how much working time
// lies between two instants. Everything is exact to the tick of absl::Duration (sub-second starts
// stay sub-second).
//
// Immutable after Create(); every method is const, so one instance may be shared by any number of
// threads without locking.
//
// Rules (one each, so every service agrees):
// - Working time runs only inside working periods, which are local wall-clock spans of a day in the
//   calendar's time zone. A period [start, end) covers the instants from the first time the local
//   clock reads `start` up to the first time it reads `end` (a time the clock skips, in a zone that
//   shifts its clocks, maps to the instant of the jump) — so a period spanning a clock change lasts
//   the real elapsed time, not its nominal length.
// - A day is: a holiday (no working time), a make-up working day (its own periods, or those of a
// normal
//   weekday), or else the weekly pattern of its weekday.
// - Days outside [coverage_start, horizon] follow the weekly pattern only: the calendar knows no
// holidays
//   there. Deadlines past the horizon may therefore be wrong, which is why services warn when the
//   horizon comes near (DaysToHorizon).
//
// Cost does not grow with the span: Create() precomputes every working interval from one year
// before coverage_start to two years after the horizon with prefix sums of working time and of
// working days, so arithmetic there is a binary search (O(log n)) or a direct index. Outside that
// table the weekly pattern is periodic, so whole weeks are skipped arithmetically; a zone's
// UTC-offset change (daylight saving) is walked day by day, which bounds the work by the number of
// such changes, not by the span.
#ifndef CS_COMMON_TIME_WORKING_CALENDAR_H_
#define CS_COMMON_TIME_WORKING_CALENDAR_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/time/working_calendar_data.h"

namespace cs::common {

class WorkingCalendar final {
 public:
  // Largest duration AddWorkingTime accepts (100 years of wall-clock hours); keeps every result
  // finite.
  static constexpr absl::Duration kMaxWorkingDuration = absl::Hours(876000);
  // Largest n AddWorkingDays and WorkingDaysDeadline accept.
  static constexpr int kMaxWorkingDays = 100000;

  // Validates `data` (see ValidateWorkingCalendarData) and precomputes the tables. INVALID_ARGUMENT
  // naming every bad field (the violations travel as the status payload) when the data is invalid.
  static absl::StatusOr<WorkingCalendar> Create(WorkingCalendarData data);

  WorkingCalendar(const WorkingCalendar&) = default;
  WorkingCalendar& operator=(const WorkingCalendar&) = default;
  WorkingCalendar(WorkingCalendar&&) = default;
  WorkingCalendar& operator=(WorkingCalendar&&) = default;

  // --- Working hours and minutes
  // -------------------------------------------------------------------

  // The earliest instant at which `duration` of working time has elapsed since `start`. The clock
  // runs only inside working periods, so the result may be the end of a period (11:00 + 1 h with
  // 09:00–12:00 and 13:00–17:30 gives 12:00, not 13:00); a start outside working time starts the
  // clock at the next period start. A zero duration yields NextWorkingInstant(start): the clock
  // would start there and stop at once. INVALID_ARGUMENT when `duration` is negative or above
  // kMaxWorkingDuration, or `start` is infinite — a negative period is a caller's mistake, never
  // clamped silently.
  absl::StatusOr<absl::Time> AddWorkingTime(absl::Time start, absl::Duration duration) const;

  // Working time inside [from, to); zero when to <= from. Infinite when `from` is InfinitePast() or
  // `to` is InfiniteFuture() (and from < to), since every week holds working time.
  absl::Duration WorkingTimeBetween(absl::Time from, absl::Time to) const;

  // `t` when it is working time, else the start of the next working period. Infinite `t` is
  // returned as is.
  absl::Time NextWorkingInstant(absl::Time t) const;

  // Whether `t` lies inside a working period (a period's end is not inside it). False for infinite
  // `t`.
  bool IsWorkingTime(absl::Time t) const;

  // --- Working days (PRC Civil Code arts. 201, 203)
  // -------------------------------------------------

  // Whether the local day has working periods.
  bool IsWorkingDay(absl::CivilDay day) const;

  // The working time of an ordinary working day of the weekly pattern: its nominal weekly working
  // time divided by its working weekdays (7 h 30 min for Mon–Fri 09:00–12:00 and 13:00–17:30; the
  // mean when weekdays differ). For rules stated per day of service ("N times a working day").
  absl::Duration NominalWorkingDay() const { return weekly_working_time_ / weekly_working_days_; }

  // The nth working day after `day`; `day` itself never counts. n == 0 returns `day` unchanged.
  // INVALID_ARGUMENT when n is negative or above kMaxWorkingDays.
  absl::StatusOr<absl::CivilDay> AddWorkingDays(absl::CivilDay day, int n) const;

  // Close of business (end of the last working period) of the nth working day after the local day
  // of `event` — the day of the event does not count, whatever its hour. INVALID_ARGUMENT when n <
  // 1 or n > kMaxWorkingDays, or `event` is infinite.
  absl::StatusOr<absl::Time> WorkingDaysDeadline(absl::Time event, int n) const;

  // Number of working days d with from < d <= to (so AddWorkingDays(from, result) <= to); 0 when
  // to <= from.
  int64_t WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to) const;

  // End of the last working period of `day`; nullopt when it is not a working day.
  absl::optional<absl::Time> CloseOfBusiness(absl::CivilDay day) const;

  // Whether `day` is a public holiday the calendar lists. Days outside [coverage_start, horizon]
  // never are (the calendar knows no holidays there), nor is a make-up working day or an ordinary
  // weekend — callers with their own opening hours (a hotline closed on public holidays, SPEC H5)
  // need the holiday itself, not whether the office works. O(log holidays).
  bool IsPublicHoliday(absl::CivilDay day) const;

  // --- Identity and horizon
  // -------------------------------------------------------------------------

  // Whole local days from the local day of `now` to the horizon: 0 on the horizon itself, negative
  // once past it. Services warn when it is below 60 (SPEC "Working time").
  int64_t DaysToHorizon(absl::Time now) const;
  // Time from `now` to the end of the horizon day (local midnight after it); negative once past.
  absl::Duration TimeToHorizonEnd(absl::Time now) const;
  // Whether a span of working time that ends at `end` was counted on a day after the horizon, where
  // only the weekly pattern is known (so the result may be wrong): true when the local day of the
  // last instant before `end` lies past the horizon. A span ending at the close of the horizon day
  // (a period up to 24:00 included) is still covered. False for infinite `end`.
  bool EndsPastHorizon(absl::Time end) const;

  const std::string& version() const { return version_; }
  const std::string& source() const { return source_; }
  absl::TimeZone time_zone() const { return time_zone_; }
  absl::CivilDay coverage_start() const { return coverage_start_; }
  absl::CivilDay horizon() const { return horizon_; }

 private:
  // The outcome of consuming working time from the weekly pattern up to a stop instant.
  struct Advance {
    bool done = false;
    absl::Time at;             // when done: the instant the duration ran out
    absl::Duration remaining;  // when not done: what is left at the stop
  };

  WorkingCalendar() = default;

  absl::Time LocalInstant(absl::CivilDay day, int minute_of_day) const;
  absl::Time DayStart(absl::CivilDay day) const { return LocalInstant(day, 0); }
  bool InTable(absl::CivilDay day) const {
    return day >= table_first_day_ && day <= table_last_day_;
  }
  const std::vector<DailyPeriod>& PeriodsOf(absl::CivilDay day) const;
  const std::vector<DailyPeriod>& PatternPeriodsOf(absl::CivilDay day) const;

  // Table arithmetic: working time in [table_begin_, t) for t in [table_begin_, table_end_], and
  // the earliest instant at which that cumulative working time reaches `target` (0 < target <=
  // total).
  absl::Duration TableCumulative(absl::Time t) const;
  absl::Time TableInstantAt(absl::Duration target) const;

  // Weekly-pattern arithmetic for the days outside the table. `stop` bounds the days looked at
  // (days that start at or after it are not); InfiniteFuture() for none.
  Advance PatternAdvance(absl::Time from, absl::Duration remaining, absl::Time stop) const;
  absl::Duration PatternBetween(absl::Time from, absl::Time to) const;
  absl::optional<absl::Time> PatternNext(absl::Time t, absl::Time stop) const;
  int64_t PatternWorkingDaysBetween(absl::CivilDay from, absl::CivilDay to) const;
  absl::CivilDay PatternNthWorkingDayAfter(absl::CivilDay day, int64_t n) const;
  // How many whole weeks from `day` on are free of UTC-offset changes, so the pattern's nominal
  // weekly working time is their real one (capped at `wanted`).
  int64_t WeeksWithoutOffsetChange(absl::CivilDay day, int64_t wanted) const;

  std::string version_;
  std::string source_;
  absl::TimeZone time_zone_;
  absl::CivilDay coverage_start_;
  absl::CivilDay horizon_;

  // Period sets, each sorted by start: [0..6] the weekly pattern by absl::Weekday, [7] none (a
  // holiday), [8..] the own periods of make-up days.
  std::vector<std::vector<DailyPeriod>> period_sets_;
  std::vector<absl::CivilDay> holidays_;  // sorted, each listed once (validated)
  absl::Duration weekly_working_time_;    // nominal, of one week of the pattern
  int weekly_working_days_ = 0;

  // The table: days [table_first_day_, table_last_day_], instants [table_begin_, table_end_).
  absl::CivilDay table_first_day_;
  absl::CivilDay table_last_day_;
  absl::Time table_begin_;
  absl::Time table_end_;
  std::vector<uint16_t> day_period_set_;  // per table day: index into period_sets_
  std::vector<int32_t>
      working_days_through_;  // per table day: working days from table_first_day_ to it
  std::vector<int32_t>
      working_day_offsets_;  // table days that work, as offsets from table_first_day_
  std::vector<absl::Time> interval_start_;  // every non-empty working interval, in time order
  std::vector<absl::Time> interval_end_;
  std::vector<absl::Duration> cumulative_before_;  // working time in the table before each interval
  absl::Duration table_total_;
};

}  // namespace cs::common

#endif  // CS_COMMON_TIME_WORKING_CALENDAR_H_

// Speed of the working-time calendar (SPEC "Working time": it runs on every ticket and every metric
// scrape). The cost must not grow with the span: adding 37.5 working hours across the nine-day
// Spring Festival should cost about what adding one hour costs. Run in a Release/RelWithDebInfo
// build:
//   build-*/tests/bench/calendar_bench
#include <cstdint>
#include <random>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "benchmark/benchmark.h"
#include "common/time/calendar_testing.h"
#include "common/time/deadline.h"
#include "common/time/working_calendar.h"

namespace cs::common {
namespace {

// 4096 random instants inside 2026 working time (and a few outside), fixed seed.
std::vector<absl::Time> RandomStarts(const WorkingCalendar& calendar, bool working_only) {
  std::mt19937_64 rng(2026);
  std::uniform_int_distribution<int64_t> second(0, 364 * 86400LL);
  std::vector<absl::Time> starts;
  const absl::Time year_start = testing::ShanghaiTime(2026, 1, 1, 0, 0);
  while (starts.size() < 4096) {
    const absl::Time t = year_start + absl::Seconds(second(rng));
    if (!working_only || calendar.IsWorkingTime(t)) starts.push_back(t);
  }
  return starts;
}

void BM_AddOneWorkingHour(benchmark::State& state) {
  const WorkingCalendar calendar = testing::Cn2026Calendar();
  const std::vector<absl::Time> starts = RandomStarts(calendar, /*working_only=*/true);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.AddWorkingTime(starts[i++ & 4095], absl::Hours(1)));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddOneWorkingHour);

void BM_AddFiveWorkingDaysOfHoursAcrossSpringFestival(benchmark::State& state) {
  const WorkingCalendar calendar = testing::Cn2026Calendar();
  // Starts spread over Friday 2026-02-13, just before the nine days off.
  std::vector<absl::Time> starts;
  for (int minute = 0; minute < 450; ++minute) {
    starts.push_back(testing::ShanghaiTime(2026, 2, 13, 9, 0) + absl::Minutes(minute));
  }
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        calendar.AddWorkingTime(starts[i++ % starts.size()], absl::Minutes(5 * 450)));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddFiveWorkingDaysOfHoursAcrossSpringFestival);

void BM_AddTenYearsOfWorkingHoursPastTheHorizon(benchmark::State& state) {
  // Outside the precomputed table: whole-week arithmetic.
  const WorkingCalendar calendar = testing::Cn2026Calendar();
  const absl::Time start = testing::ShanghaiTime(2030, 3, 4, 10, 0);
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.AddWorkingTime(start, absl::Hours(10 * 52 * 37)));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddTenYearsOfWorkingHoursPastTheHorizon);

void BM_WorkingTimeBetweenAcrossAMonth(benchmark::State& state) {
  const WorkingCalendar calendar = testing::Cn2026Calendar();
  const std::vector<absl::Time> starts = RandomStarts(calendar, /*working_only=*/false);
  size_t i = 0;
  for (auto _ : state) {
    const absl::Time from = starts[i++ & 4095];
    benchmark::DoNotOptimize(calendar.WorkingTimeBetween(from, from + absl::Hours(24 * 30)));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WorkingTimeBetweenAcrossAMonth);

void BM_ComputeDeadlineFiveWorkingDays(benchmark::State& state) {
  const WorkingCalendar calendar = testing::Cn2026Calendar();
  const std::vector<absl::Time> starts = RandomStarts(calendar, /*working_only=*/false);
  const Period period{PeriodUnit::kWorkingDays, 5};
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ComputeDeadline(calendar, starts[i++ & 4095], period));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ComputeDeadlineFiveWorkingDays);

void BM_ComputeDeadlineOneWorkingHour(benchmark::State& state) {
  const WorkingCalendar calendar = testing::Cn2026Calendar();
  const std::vector<absl::Time> starts = RandomStarts(calendar, /*working_only=*/false);
  const Period period{PeriodUnit::kWorkingHours, 1};
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ComputeDeadline(calendar, starts[i++ & 4095], period));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ComputeDeadlineOneWorkingHour);

}  // namespace
}  // namespace cs::common

BENCHMARK_MAIN();

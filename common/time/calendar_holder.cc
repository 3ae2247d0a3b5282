#include "common/time/calendar_holder.h"

#include <utility>

namespace cs::common {

CalendarHolder::CalendarHolder(CalendarSet initial) {
  sets_.push_back(std::make_unique<const CalendarSet>(std::move(initial)));
  current_.store(sets_.back().get(), std::memory_order_release);
}

void CalendarHolder::Replace(CalendarSet next) {
  absl::MutexLock lock(&mutex_);
  sets_.push_back(std::make_unique<const CalendarSet>(std::move(next)));
  // Release: a reader that sees the new pointer sees the set fully built.
  current_.store(sets_.back().get(), std::memory_order_release);
}

}  // namespace cs::common

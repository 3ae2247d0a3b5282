// CalendarHolder: the CalendarSet a process computes with right now, replaceable while it runs so a
// new calendar version (next year's schedule, a late holiday) takes effect without a restart.
//
// Readers call Get() on every request and on every metric scrape, so it must never wait: it is one
// atomic acquire load of a pointer — no mutex, no reference count. (libstdc++'s
// std::atomic<std::shared_ptr> guards every load with a spin bit that all readers share, which is
// the contended lock this avoids.) The price is that a replaced set is not freed: it stays alive
// until the holder goes, so a reference from Get() stays valid for the holder's whole life and a
// request that started on the old set finishes on it. Replacements are rare (a few a year, each a
// few hundred KiB), so that memory is bounded by the operators' edits.
//
// Use one snapshot per operation (`const CalendarSet& calendars = holder.Get();`) when it computes
// more than once, so one request never mixes two sets.
//
// Thread-safe: Get() from any thread at any time; Replace() from any thread (replacements are
// serialized).
#ifndef CS_COMMON_TIME_CALENDAR_HOLDER_H_
#define CS_COMMON_TIME_CALENDAR_HOLDER_H_

#include <atomic>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "common/time/calendar_set.h"

namespace cs::common {

class CalendarHolder final {
 public:
  explicit CalendarHolder(CalendarSet initial);

  CalendarHolder(const CalendarHolder&) = delete;
  CalendarHolder& operator=(const CalendarHolder&) = delete;

  // The set in force now; valid as long as the holder.
  const CalendarSet& Get() const { return *current_.load(std::memory_order_acquire); }

  // Makes `next` the set in force; calls to Get() that start afterwards see it. Whether `next` may
  // replace the current set (it must keep every published version) is the caller's to check:
  // see CheckPublishedVersionsKept in calendar_config.h.
  void Replace(CalendarSet next);

 private:
  absl::Mutex mutex_;
  // Every set ever in force, the current one last; never shrinks (see the top of this file).
  std::vector<std::unique_ptr<const CalendarSet>> sets_ ABSL_GUARDED_BY(mutex_);
  std::atomic<const CalendarSet*> current_;
};

}  // namespace cs::common

#endif  // CS_COMMON_TIME_CALENDAR_HOLDER_H_

// Where "now" comes from. Nothing in the suite reads the wall clock directly: every component that
// needs the time takes a Clock&, so tests (and the --test_clock mode of a server) can set and
// advance it.
#ifndef CS_COMMON_TIME_CLOCK_H_
#define CS_COMMON_TIME_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace cs::common {

// Thread-safe: Now() may be called from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;

  // The process-wide real clock (absl::Now()). Never destroyed.
  static Clock& Real();
};

// A clock that only moves when told to. Thread-safe. Starts at the time given.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(absl::Time start) : now_(start) {}

  absl::Time Now() const override {
    absl::MutexLock lock(&mutex_);
    return now_;
  }
  void SetTime(absl::Time time) {
    absl::MutexLock lock(&mutex_);
    now_ = time;
  }
  void Advance(absl::Duration by) {
    absl::MutexLock lock(&mutex_);
    now_ += by;
  }

 private:
  mutable absl::Mutex mutex_;
  absl::Time now_ ABSL_GUARDED_BY(mutex_);
};

// `time` cut to whole microseconds (toward the past): what a DATETIME(6) column keeps. A core reads
// its clock through this so that what a call returns equals what a later read of it returns.
absl::Time TruncateToMicroseconds(absl::Time time);

}  // namespace cs::common

#endif  // CS_COMMON_TIME_CLOCK_H_

// The control of the TSan build: a field guarded by an absl::Mutex in one thread and written
// without it in another. TSan must report it — proof that absl_mutex_annotations.cc makes the mutex
// visible without hiding real races. Exits 0 when TSan does not report (which the test treats as
// failure).
#include <thread>

#include "absl/synchronization/mutex.h"

int main() {
  absl::Mutex mutex;
  int guarded = 0;
  std::thread locked([&] {
    absl::MutexLock lock(&mutex);
    ++guarded;
  });
  std::thread unlocked([&] { ++guarded; });  // the bug TSan must see
  locked.join();
  unlocked.join();
  return 0;
}

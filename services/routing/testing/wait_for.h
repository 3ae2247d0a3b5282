// Polls a condition until it holds or a real-time limit passes, for tests that wait on background
// work (an outbox relay, a supervision worker, another process). Header-only; tests only.
#ifndef CS_SERVICES_ROUTING_TESTING_WAIT_FOR_H_
#define CS_SERVICES_ROUTING_TESTING_WAIT_FOR_H_

#include <functional>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace cs::routing::testing {

// True as soon as `condition` returns true; false when `limit` of real time passes first.
inline bool WaitFor(const std::function<bool()>& condition,
                    absl::Duration limit = absl::Seconds(30)) {
  const absl::Time give_up = absl::Now() + limit;
  while (absl::Now() < give_up) {
    if (condition()) return true;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return condition();
}

}  // namespace cs::routing::testing

#endif  // CS_SERVICES_ROUTING_TESTING_WAIT_FOR_H_

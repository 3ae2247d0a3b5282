// The business time of a whole RunningSuite started with SuiteOptions::test_clock: every process's
// test clock (cs.common.v1.TestClock) set to one instant, so that the six services agree on "now"
// as a scenario moves through days and months. Not thread-safe: the test thread that drives the
// suite calls it.
#ifndef CS_TESTS_E2E_SUITE_CLOCK_H_
#define CS_TESTS_E2E_SUITE_CLOCK_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {

// Sets the clock of every service of `suite` to `at`, forwards or backwards, as the CS center.
// The first error, naming the service whose clock refused; the clocks set before it stay set.
absl::Status SetEveryClock(RunningSuite& suite, absl::Time at);

}  // namespace cs::e2e

#endif  // CS_TESTS_E2E_SUITE_CLOCK_H_

// Waiting in tests for something another thread or process does: poll a condition with a deadline
// and a message, never an unbounded loop, never a fixed sleep. And to show that a background worker
// did NOT do something, wait until it has completed more rounds (BackgroundWorker::rounds(), or
// cs_worker_rounds_total scraped from a process) — a test that only slept could pass without the
// worker ever having looked.
//
//   ASSERT_OK(WaitFor("the forward to be confirmed", [&] { return Status(id) == RECEIVED; }));
//   ASSERT_OK(WaitForRounds("intake_sweep", ScrapedWorkerRounds(metrics_port, "intake_sweep")));
//   EXPECT_EQ(Missed(), 0);  // two full sweeps have run since the clock moved
#ifndef CS_COMMON_TESTING_WAIT_FOR_H_
#define CS_COMMON_TESTING_WAIT_FOR_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cs::common::testing {

// OK as soon as `condition` holds (polled every 10 ms); DEADLINE_EXCEEDED "waited <timeout> for
// <what>" when `timeout` of real time passes first.
absl::Status WaitFor(absl::string_view what, const std::function<bool()>& condition,
                     absl::Duration timeout = absl::Seconds(30));

// OK once `rounds()` is at least `more` above its value at the call; DEADLINE_EXCEEDED naming
// `worker` otherwise. `more` = 2 guarantees one whole round started after the call.
absl::Status WaitForRounds(absl::string_view worker, const std::function<int64_t()>& rounds,
                           int64_t more = 2, absl::Duration timeout = absl::Seconds(30));

// Reads cs_worker_rounds_total{worker="<worker>"} from http://127.0.0.1:<metrics_port>/metrics;
// -1 when the scrape fails, 0 while the series is absent. In cs_testing_http.
std::function<int64_t()> ScrapedWorkerRounds(int metrics_port, std::string worker);

}  // namespace cs::common::testing

#endif  // CS_COMMON_TESTING_WAIT_FOR_H_

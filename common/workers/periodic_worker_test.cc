// PeriodicWorker: runs at start and then every interval, at once after Wake, counts its rounds,
// keeps going after a failing run, and Stop waits for the run in progress (also when called from
// two threads at once).
#include "common/workers/periodic_worker.h"

#include <atomic>
#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/notification.h"
#include "common/testing/status_matchers.h"
#include "common/testing/wait_for.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::WaitFor;

TEST(PeriodicWorkerTest, RunsAtStartAndCountsRoundsEvenWhenTheTaskFails) {
  std::atomic<int> runs{0};
  PeriodicWorker worker("test_sweep", absl::Milliseconds(1), [&] {
    ++runs;
    return runs % 2 == 0 ? absl::UnavailableError("database away") : absl::OkStatus();
  });
  EXPECT_EQ(worker.name(), "test_sweep");
  EXPECT_EQ(worker.rounds(), 0);
  worker.Start();
  ASSERT_OK(WaitFor("five rounds", [&] { return worker.rounds() >= 5; }));
  worker.Stop();
  // Every run was counted, failed ones included.
  EXPECT_EQ(runs.load(), worker.rounds());
}

TEST(PeriodicWorkerTest, WakeRunsARoundWithoutWaitingForTheInterval) {
  std::atomic<int> runs{0};
  PeriodicWorker worker("test_sweep", absl::Hours(1), [&] {
    ++runs;
    return absl::OkStatus();
  });
  worker.Start();
  ASSERT_OK(WaitFor("the first round", [&] { return worker.rounds() >= 1; }));
  worker.Wake();
  ASSERT_OK(WaitFor("the woken round", [&] { return worker.rounds() >= 2; }));
  EXPECT_EQ(runs.load(), 2);
  worker.Stop();
}

TEST(PeriodicWorkerTest, StopWaitsForTheRunInProgressAndIsSafeFromTwoThreads) {
  absl::Notification entered;
  absl::Notification release;
  std::atomic<bool> finished{false};
  PeriodicWorker worker("test_sweep", absl::Hours(1), [&] {
    if (!entered.HasBeenNotified()) entered.Notify();
    release.WaitForNotification();
    finished = true;
    return absl::OkStatus();
  });
  worker.Start();
  entered.WaitForNotification();
  std::thread first([&] { worker.Stop(); });
  std::thread second([&] { worker.Stop(); });
  release.Notify();
  first.join();
  second.join();
  EXPECT_TRUE(finished.load());
  EXPECT_EQ(worker.rounds(), 1);
  worker.Stop();  // idempotent
}

TEST(PeriodicWorkerTest, StopBeforeStartIsHarmless) {
  PeriodicWorker worker("test_sweep", absl::Seconds(1), [] { return absl::OkStatus(); });
  worker.Stop();
  worker.Start();  // stopped: does not start again
  EXPECT_EQ(worker.rounds(), 0);
}

}  // namespace
}  // namespace cs::common

#include "common/server/shutdown_signals.h"

#include <signal.h>
#include <unistd.h>

#include <thread>

#include "common/testing/status_matchers.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

// The signal is sent to the whole process from another thread, as `kill` would: with the signals
// blocked everywhere it must not kill the test, and the waiting thread must receive it.
TEST(ShutdownSignalsTest, BlockedSignalIsDeliveredToTheWaiter) {
  ASSERT_OK(BlockShutdownSignals());
  for (int expected : {SIGTERM, SIGINT}) {
    std::thread sender([expected] { ::kill(::getpid(), expected); });
    EXPECT_EQ(WaitForShutdownSignal(), expected);
    sender.join();
  }
}

// SIGHUP asks for a reload: it runs the callback on the waiting thread, does not end the wait and
// does not end the process (its default action), however often it comes.
TEST(ShutdownSignalsTest, SighupRunsTheReloadAndTheWaitGoesOn) {
  ASSERT_OK(BlockShutdownSignals());
  int reloads = 0;
  std::thread sender([] {
    ::kill(::getpid(), SIGHUP);
    ::kill(::getpid(), SIGTERM);
  });
  // Linux hands out pending standard signals lowest number first (SIGHUP 1, SIGTERM 15), so the
  // reload runs before the wait ends however the two threads interleave.
  EXPECT_EQ(WaitForShutdownSignal([&reloads] { ++reloads; }), SIGTERM);
  sender.join();
  EXPECT_EQ(reloads, 1);
}

}  // namespace
}  // namespace cs::common

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

}  // namespace
}  // namespace cs::common

// SIGTERM/SIGINT handling for graceful shutdown without async-signal-safety traps: the signals are
// blocked in every thread (threads inherit the mask, so block BEFORE gRPC, prometheus or a worker
// starts a thread) and one thread collects them synchronously with sigwait. Process-wide state;
// call from the main thread.
#ifndef CS_COMMON_SERVER_SHUTDOWN_SIGNALS_H_
#define CS_COMMON_SERVER_SHUTDOWN_SIGNALS_H_

#include "absl/status/status.h"

namespace cs::common {

// Blocks SIGTERM and SIGINT in the calling thread and so in every thread it creates afterwards.
// INTERNAL if the mask cannot be changed.
absl::Status BlockShutdownSignals();

// Waits until SIGTERM or SIGINT is pending and returns its number (it is consumed). The signals
// must be blocked (BlockShutdownSignals) in all threads.
int WaitForShutdownSignal();

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_SHUTDOWN_SIGNALS_H_

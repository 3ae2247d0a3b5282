// SIGTERM/SIGINT handling for graceful shutdown, and SIGHUP for "read the calendar file again"
// (README "Calendar"), without async-signal-safety traps: the signals are blocked in every thread
// (threads inherit the mask, so block BEFORE gRPC, prometheus or a worker starts a thread) and one
// thread collects them synchronously with sigwait. Blocking SIGHUP also keeps its default action —
// ending the process — from ever happening. Process-wide state; call from the main thread.
#ifndef CS_COMMON_SERVER_SHUTDOWN_SIGNALS_H_
#define CS_COMMON_SERVER_SHUTDOWN_SIGNALS_H_

#include <functional>

#include "absl/status/status.h"

namespace cs::common {

// Blocks SIGTERM, SIGINT and SIGHUP in the calling thread and so in every thread it creates
// afterwards. INTERNAL if the mask cannot be changed.
absl::Status BlockShutdownSignals();

// Waits until SIGTERM or SIGINT is pending and returns its number (it is consumed). Each SIGHUP
// that arrives meanwhile runs `on_reload` on the calling thread (nothing when it is empty) and the
// wait goes on. The signals must be blocked (BlockShutdownSignals) in all threads.
int WaitForShutdownSignal(const std::function<void()>& on_reload = {});

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_SHUTDOWN_SIGNALS_H_

#include "common/server/shutdown_signals.h"

#include <pthread.h>
#include <signal.h>

#include <cstring>

#include "absl/strings/str_cat.h"

namespace cs::common {
namespace {

sigset_t ShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

}  // namespace

absl::Status BlockShutdownSignals() {
  const sigset_t set = ShutdownSignals();
  if (const int error = pthread_sigmask(SIG_BLOCK, &set, nullptr); error != 0) {
    return absl::InternalError(
        absl::StrCat("cannot block SIGTERM/SIGINT/SIGHUP: ", std::strerror(error)));
  }
  return absl::OkStatus();
}

int WaitForShutdownSignal(const std::function<void()>& on_reload) {
  const sigset_t set = ShutdownSignals();
  while (true) {
    int signal_number = 0;
    // sigwait only fails for an invalid set, which this is not; loop rather than return garbage.
    if (sigwait(&set, &signal_number) != 0) continue;
    if (signal_number != SIGHUP) return signal_number;
    if (on_reload) on_reload();
  }
}

}  // namespace cs::common

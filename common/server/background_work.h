// What every service runs beside its gRPC server, started in one call from its wiring so that the
// services do not each assemble it: the outbox relay delivering to the service's senders (when it
// has an outbox), the relay's metrics, the cs.common.v1.OutboxAdmin service over its dead letters
// (outbox_admin_service.h), and one periodic worker that does the service's own sweep
// (SLA sweeps, supervision, retention), refreshes the outbox backlog gauges and trims the shared
// tables (common/db/housekeeping.h). All of it stops at shutdown after the server stopped taking
// calls, in reverse order.
//
// The relay's clock is the real one even on a test clock: retries must go on while a test holds
// business time still, and outbox, inbox and idempotency rows carry real-clock times.
#ifndef CS_COMMON_SERVER_BACKGROUND_WORK_H_
#define CS_COMMON_SERVER_BACKGROUND_WORK_H_

#include <atomic>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/db/connection_pool.h"
#include "common/db/outbox_relay.h"
#include "common/server/service_server.h"

namespace cs::common {

// Wakes the outbox relay when a transaction has written outbox messages. The core that commits
// them is built before the relay (whose senders may call back into the core), so the core gets
// this object's Callback() first and StartBackgroundWork binds the relay later; until then a wake
// does nothing (the relay also polls). Thread-safe.
class RelayWakeup final {
 public:
  std::function<void()> Callback() {
    return [this] {
      if (db::OutboxRelay* relay = relay_.load(std::memory_order_acquire)) relay->Wake();
    };
  }
  void Bind(db::OutboxRelay* relay) { relay_.store(relay, std::memory_order_release); }

 private:
  std::atomic<db::OutboxRelay*> relay_{nullptr};
};

struct BackgroundWork {
  // "intake": names the outbox metrics (cs_intake_outbox_…) and the periodic worker.
  std::string service;
  // The service's own periodic work; may be empty. Runs first in each round.
  std::function<absl::Status()> sweep;
  absl::Duration sweep_interval = absl::Seconds(30);
  // The outbox: one sender per destination. None: the service has no outbox, no relay is started.
  db::OutboxRelay::Senders senders;
  db::OutboxRelayOptions relay;
  // Bound to the relay once it exists; may be null.
  RelayWakeup* wakeup = nullptr;
};

// Starts `work` for the service of `env`, whose tables live in `pool` (both must outlive the
// server, as everything env keeps does). INTERNAL when the metrics cannot be registered.
absl::Status StartBackgroundWork(ServiceEnvironment& env, db::ConnectionPool& pool,
                                 BackgroundWork work);

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_BACKGROUND_WORK_H_

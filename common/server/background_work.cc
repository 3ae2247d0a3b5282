#include "common/server/background_work.h"

#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/housekeeping.h"
#include "common/metrics/outbox_metrics.h"
#include "common/server/outbox_admin_service.h"
#include "common/status/status_macros.h"
#include "common/time/clock.h"
#include "common/workers/outbox_relay_worker.h"
#include "common/workers/periodic_worker.h"

namespace cs::common {

absl::Status StartBackgroundWork(ServiceEnvironment& env, db::ConnectionPool& pool,
                                 BackgroundWork work) {
  OutboxMetrics* outbox_metrics = nullptr;
  db::OutboxRelay* relay = nullptr;
  if (!work.senders.empty()) {
    std::vector<std::string> destinations;
    for (const auto& [destination, sender] : work.senders) destinations.push_back(destination);
    ASSIGN_OR_RETURN(std::unique_ptr<OutboxMetrics> metrics,
                     OutboxMetrics::Create(env.metrics(), work.service, std::move(destinations)));
    outbox_metrics = env.Keep(std::move(metrics));
    db::OutboxRelayOptions relay_options = work.relay;
    relay_options.observer = outbox_metrics;
    relay = env.Keep(std::make_unique<db::OutboxRelay>(pool, Clock::Real(), std::move(work.senders),
                                                       relay_options));
    if (work.wakeup != nullptr) work.wakeup->Bind(relay);
    // The operator's view of the outbox's dead letters; a retry wakes the relay.
    env.AddService(std::make_unique<OutboxAdminService>(&pool, &env.authenticator(), &Clock::Real(),
                                                        [relay] { relay->Wake(); }));
  }
  auto* sweeper = env.AddWorker(std::make_unique<PeriodicWorker>(
      absl::StrCat(work.service, "_sweep"), work.sweep_interval,
      [sweep = std::move(work.sweep), outbox_metrics, &pool]() -> absl::Status {
        if (sweep) RETURN_IF_ERROR(sweep());
        const absl::Time now = Clock::Real().Now();
        if (outbox_metrics != nullptr) RETURN_IF_ERROR(outbox_metrics->RefreshBacklog(pool, now));
        return db::Housekeep(pool, now);
      }));
  if (relay != nullptr) {
    env.AddWorker(
        std::make_unique<OutboxRelayWorker>(*relay, absl::StrCat(work.service, "_outbox_relay")));
    relay->Start();
  }
  sweeper->Start();
  return absl::OkStatus();
}

}  // namespace cs::common

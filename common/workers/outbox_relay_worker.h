// What a service with an outbox (intake, routing) needs beyond common/db/outbox_relay.h to run its
// relay: the relay settings a service starts with, and the worker that stops the relay with the
// other background workers at shutdown.
#ifndef CS_COMMON_WORKERS_OUTBOX_RELAY_WORKER_H_
#define CS_COMMON_WORKERS_OUTBOX_RELAY_WORKER_H_

#include <string>
#include <utility>

#include "absl/time/time.h"
#include "common/db/outbox_relay.h"
#include "common/workers/background_worker.h"

namespace cs::common {

// A service's relay unless its flags say otherwise: look for due messages every second, give each
// delivery 5 s, retry a failed one after 500 ms, doubling up to a minute; a message refused three
// times (a permanent error) becomes a dead letter.
inline db::OutboxRelayOptions DefaultServiceRelayOptions() {
  db::OutboxRelayOptions options;
  options.poll_interval = absl::Seconds(1);
  options.send_timeout = absl::Seconds(5);
  options.backoff.initial = absl::Milliseconds(500);
  options.backoff.max = absl::Seconds(60);
  options.max_permanent_failures = 3;
  return options;
}

// Registered with ServiceEnvironment::AddWorker, so the relay stops after the server stopped
// taking calls.
class OutboxRelayWorker final : public BackgroundWorker {
 public:
  // `name` as in BackgroundWorker::name(), e.g. "intake_outbox_relay".
  OutboxRelayWorker(db::OutboxRelay& relay, std::string name = "")
      : relay_(relay), name_(std::move(name)) {}
  void Stop() override { relay_.Stop(); }
  std::string name() const override { return name_; }
  int64_t rounds() const override { return relay_.rounds(); }

 private:
  db::OutboxRelay& relay_;
  const std::string name_;
};

}  // namespace cs::common

#endif  // CS_COMMON_WORKERS_OUTBOX_RELAY_WORKER_H_

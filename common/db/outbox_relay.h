// Delivers outbox rows (outbox.h) to other services, at least once, in order per ordering_key.
//
// One round (RunOnce) is one transaction on a pooled connection:
//   1. claim up to batch_size rows with SELECT ... FOR UPDATE SKIP LOCKED: undelivered, due
//      (next_attempt_at <= clock.Now()), for a registered destination, and with no earlier
//      undelivered row of the same ordering_key;
//   2. hand each to its destination's OutboxSender with a deadline of send_timeout;
//   3. record the outcome: delivered_at, or attempts+1, last_error and
//      next_attempt_at = now + backoff — and for a permanent error (IsPermanentDeliveryError)
//      permanent_failures+1, and once that reaches max_permanent_failures, dead_lettered_at;
//   4. commit.
// A dead letter (outbox.h DeadLetter) is never claimed again until an operator retries it
// (RetryDeadLetter). It stays undelivered, so later messages of its ordering_key keep waiting
// behind it: they are never delivered out of order, and the backlog shows them as pending.
// The claimed rows stay locked until their outcomes are committed, and other relays (other
// replicas, or other threads) skip locked rows, so two relays on one database never send the same
// row at the same time. If the process dies or the commit fails after a send, the row is sent again
// later: delivery is at least once, and receivers dedupe by message_id (inbox.h). A round holds one
// pooled connection while it sends, so size the pool for the RPC handlers plus one per relay.
//
// Thread-safety: all methods may be called from any thread. Start() runs rounds on a background
// thread, every poll_interval and at once after Wake(); RunOnce() may also be called directly
// (tests, tools), even while the thread runs. Senders are called from the relay's rounds, one
// message at a time per round; a sender shared by concurrent rounds must itself be thread-safe.
#ifndef CS_COMMON_DB_OUTBOX_RELAY_H_
#define CS_COMMON_DB_OUTBOX_RELAY_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/db/backoff.h"
#include "common/db/connection_pool.h"
#include "common/db/outbox.h"
#include "common/time/clock.h"

namespace cs::common::db {

// Delivers messages of one destination (e.g. a gRPC client of the routing service). Implemented by
// the service that registers it.
class OutboxSender {
 public:
  virtual ~OutboxSender() = default;
  // Delivers `record` or fails, by `deadline` (real time: it bounds a network call, so it is taken
  // from the wall clock even when the service runs on a test clock). OK means the receiver
  // acknowledged it; any error means "try again later" (the status message is stored as last_error,
  // so it must not contain personal data) — and a permanent one (IsPermanentDeliveryError) counts
  // towards dead-lettering the message.
  virtual absl::Status Send(const OutboxRecord& record, absl::Time deadline) = 0;
};

// Whether a sender's error says the receiver refuses this message itself, so that sending it again
// cannot help (it counts towards OutboxRelayOptions::max_permanent_failures):
//   INVALID_ARGUMENT, OUT_OF_RANGE   the message fails the receiver's validation;
//   FAILED_PRECONDITION              the receiver's state rules it out (receivers answer OK for a
//                                    duplicate or stale message, so this is no race);
//   NOT_FOUND                        it refers to something the receiver does not have;
//   ALREADY_EXISTS                   it conflicts with what the receiver holds (a redelivery of the
//                                    same message is answered OK, not this);
//   DATA_LOSS                        the stored payload cannot be decoded (OutboxRpcSender).
// Every other code is transient and retried for ever with backoff, notably:
//   UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, RESOURCE_EXHAUSTED, ABORTED   the receiver or the
//       network is down, slow or busy: it will come back;
//   INTERNAL, UNKNOWN                a receiver's fault (a crash, a bug fixed by the next deploy),
//                                    not a verdict on the message;
//   UNAUTHENTICATED, PERMISSION_DENIED, UNIMPLEMENTED   the receiver refuses the *sender* (token,
//       role, or an older receiver without the RPC): a configuration or rollout error an operator
//       fixes once, after which every waiting message flows on its own. Dead-lettering would move
//       the whole stream into the dead-letter list, one operator retry per message; instead the
//       stuck-outbox alert and the failure counter show it.
bool IsPermanentDeliveryError(const absl::Status& error);

// Hooks for the metrics layer, so this library does not depend on prometheus. Called on the relay's
// round thread after the round committed; implementations must be quick and thread-safe. Default:
// no-ops.
class OutboxRelayObserver {
 public:
  virtual ~OutboxRelayObserver() = default;
  // `record` was delivered; `age` = delivery time - created_at (service clock).
  virtual void OnDelivered(const OutboxRecord& record, absl::Duration age) {
    (void)record;
    (void)age;
  }
  // A delivery attempt failed; the record will be retried at `next_attempt_at`.
  virtual void OnDeliveryFailed(const OutboxRecord& record, const absl::Status& error,
                                absl::Time next_attempt_at) {
    (void)record;
    (void)error;
    (void)next_attempt_at;
  }
  // The receiver refused `record` for the max_permanent_failures-th time with `error` (a permanent
  // error): it is now a dead letter, not retried until an operator says so. Called instead of
  // OnDeliveryFailed for that attempt.
  virtual void OnDeadLettered(const OutboxRecord& record, const absl::Status& error) {
    (void)record;
    (void)error;
  }
  // A round failed as a whole (database unreachable, commit failed): its sends will be repeated.
  virtual void OnRoundFailed(const absl::Status& error) { (void)error; }
};

struct OutboxRelayOptions {
  // How often the background thread looks for due rows when nobody calls Wake().
  absl::Duration poll_interval = absl::Seconds(1);
  // Rows claimed per round (and so per transaction).
  int batch_size = 32;
  // The deadline given to OutboxSender::Send, from the start of each send.
  absl::Duration send_timeout = absl::Seconds(5);
  // Redelivery delays after failures.
  BackoffOptions backoff = BackoffOptions();
  // A message the receiver refuses this many times with a permanent error
  // (IsPermanentDeliveryError) becomes a dead letter; transient errors never count. Values below 1
  // count as 1.
  int max_permanent_failures = 3;
  // Not owned; may be null. Must outlive the relay.
  OutboxRelayObserver* observer = nullptr;
};

class OutboxRelay final {
 public:
  using Senders = absl::flat_hash_map<std::string, std::unique_ptr<OutboxSender>>;

  // `pool` and `clock` must outlive the relay. Only rows whose destination has a sender in
  // `senders` are claimed (others wait for a relay that has one). The clock gives
  // created/delivered/next-attempt times.
  OutboxRelay(ConnectionPool& pool, Clock& clock, Senders senders, OutboxRelayOptions options = {});
  OutboxRelay(const OutboxRelay&) = delete;
  OutboxRelay& operator=(const OutboxRelay&) = delete;
  // Stops the background thread if it runs.
  ~OutboxRelay();

  // Starts the background thread. Calling it again, or after Stop(), does nothing.
  void Start();
  // Asks the background thread to run a round now (call it after committing an enqueue). Cheap;
  // never blocks on the database.
  void Wake();
  // Lets the current round finish (its outcomes are committed), then joins the thread. Idempotent.
  void Stop();

  // Runs one round on the calling thread. Returns the number of rows claimed (delivered + failed,
  // dead-lettered ones included),
  // or the mapped database error of the round (then no outcome of the round was recorded).
  absl::StatusOr<int> RunOnce();

  // Rounds the background thread has completed (RunOnce calls made directly do not count).
  int64_t rounds() const { return rounds_.load(std::memory_order_acquire); }

 private:
  void Loop();
  bool ShouldRunNow() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  ConnectionPool& pool_;
  Clock& clock_;
  const Senders senders_;
  const OutboxRelayOptions options_;
  const std::vector<std::string> destinations_;  // sorted keys of senders_
  // The claim statement for those destinations, built once.
  const std::string claim_sql_;

  mutable absl::Mutex mutex_;
  bool started_ ABSL_GUARDED_BY(mutex_) = false;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  bool wake_requested_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread thread_ ABSL_GUARDED_BY(mutex_);
  std::atomic<int64_t> rounds_{0};
};

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_OUTBOX_RELAY_H_

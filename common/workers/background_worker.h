// A long-running part of a service that works outside any RPC (an outbox relay, a deadline
// scanner). The server bootstrap stops every registered worker after the gRPC server has stopped
// taking calls and finished the in-flight ones, in the reverse order of registration, before the
// process exits.
//
// A worker that works in rounds (a periodic sweep, a relay's claim-and-send) names itself and
// counts its completed rounds: the server exports them as cs_worker_rounds_total{worker}, and a
// test that must show a worker did NOT do something waits until it has completed more rounds rather
// than sleeping, so it cannot pass without the worker having looked.
#ifndef CS_COMMON_WORKERS_BACKGROUND_WORKER_H_
#define CS_COMMON_WORKERS_BACKGROUND_WORKER_H_

#include <cstdint>
#include <string>

namespace cs::common {

class BackgroundWorker {
 public:
  virtual ~BackgroundWorker() = default;
  // Finishes or abandons the current unit of work and returns once the worker's threads have ended.
  // Called once, from the shutdown thread; must be safe to call when the worker never started.
  virtual void Stop() = 0;

  // "intake_sweep"; empty for a worker without rounds.
  virtual std::string name() const { return ""; }
  // Rounds completed since start (failed ones included); thread-safe. 0 for a worker without
  // rounds.
  virtual int64_t rounds() const { return 0; }
};

}  // namespace cs::common

#endif  // CS_COMMON_WORKERS_BACKGROUND_WORKER_H_

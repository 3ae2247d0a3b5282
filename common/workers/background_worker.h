// A long-running part of a service that works outside any RPC (an outbox relay, a deadline
// scanner). The server bootstrap stops every registered worker after the gRPC server has stopped
// taking calls and finished the in-flight ones, in the reverse order of registration, before the
// process exits.
#ifndef CS_COMMON_WORKERS_BACKGROUND_WORKER_H_
#define CS_COMMON_WORKERS_BACKGROUND_WORKER_H_

namespace cs::common {

class BackgroundWorker {
 public:
  virtual ~BackgroundWorker() = default;
  // Finishes or abandons the current unit of work and returns once the worker's threads have ended.
  // Called once, from the shutdown thread; must be safe to call when the worker never started.
  virtual void Stop() = 0;
};

}  // namespace cs::common

#endif  // CS_COMMON_WORKERS_BACKGROUND_WORKER_H_

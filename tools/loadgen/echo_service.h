// EchoService: the cs.bench.v1.Echo service — answers every call with the request's own request_id
// and payload and does nothing else, so a server hosting it measures the RPC stack alone (the RPC
// ceiling of tests/bench). Used by tests/bench/echo_server and, in process, by loadgen's
// integration test. Thread-safety: Echo() runs on any number of server threads at once; the
// counters may be read meanwhile.
#ifndef CS_TOOLS_LOADGEN_ECHO_SERVICE_H_
#define CS_TOOLS_LOADGEN_ECHO_SERVICE_H_

#include <atomic>
#include <cstdint>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "cs/bench/v1/echo.grpc.pb.h"

namespace cs::tools::loadgen {

struct EchoServiceOptions {
  // Each call sleeps this long before answering (tests use it to provoke DEADLINE_EXCEEDED).
  absl::Duration delay = absl::ZeroDuration();
  // Keep every request_id seen, so a test can count distinct ids. Off for benchmarks: it takes a
  // lock.
  bool remember_request_ids = false;
};

class EchoService final : public cs::bench::v1::Echo::Service {
 public:
  explicit EchoService(EchoServiceOptions options = {});

  // Always OK.
  grpc::Status Echo(grpc::ServerContext* context, const cs::bench::v1::EchoRequest* request,
                    cs::bench::v1::EchoReply* reply) override;

  // Calls answered so far.
  int64_t calls() const { return calls_.load(); }
  // Distinct request_ids seen so far; 0 unless remember_request_ids.
  int64_t distinct_request_ids() const;

 private:
  const EchoServiceOptions options_;
  std::atomic<int64_t> calls_{0};
  mutable absl::Mutex mutex_;
  absl::flat_hash_set<std::string> request_ids_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::tools::loadgen

#endif  // CS_TOOLS_LOADGEN_ECHO_SERVICE_H_

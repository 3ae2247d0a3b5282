// RunLoad: drives one unary gRPC method with serialized requests from a RequestTemplate and
// measures it.
//   Closed loop (rate == 0): `concurrency` callers; each sends its next call as soon as the
//   previous one
//     returned. Measures the throughput a fixed number of clients gets.
//   Open loop (rate > 0): calls are due on a fixed schedule (call k at start + k / rate) whatever
//   the
//     server does; latency is measured from the due time, so a slow server cannot slow the clock
//     down and hide its queue (no coordinated omission). Calls that could not be sent on time are
//     counted.
// Calls are asynchronous (a completion queue per thread), so many calls in flight need few threads.
// Thread-safety: RunLoad may be called from any thread; it owns every thread it starts and joins
// them before returning.
#ifndef CS_TOOLS_LOADGEN_LOAD_RUNNER_H_
#define CS_TOOLS_LOADGEN_LOAD_RUNNER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "tools/loadgen/load_report.h"
#include "tools/loadgen/request_template.h"

namespace cs::tools::loadgen {

struct LoadOptions {
  // Where the channels go; only written into the report.
  std::string target;
  // The full method name, "/package.Service/Method".
  std::string method;
  // Sent as "authorization: Bearer <token>" when not empty. Never written anywhere.
  std::string token;
  // Per call, from the moment it is sent.
  absl::Duration deadline = absl::Seconds(5);
  // Closed loop: the number of callers.
  int concurrency = 1;
  // Open loop when > 0: calls per second.
  double rate = 0;
  // Calls before the measurement window are sent but not recorded (connections, caches, JIT-free
  // but allocator and thread pools still warm up).
  absl::Duration warmup = absl::Seconds(1);
  absl::Duration duration = absl::Seconds(10);
  // Threads polling completion queues (each has its own queue).
  int threads = 1;
  // Open loop: most calls outstanding at once; a call due while this many are in flight waits (and
  // counts as late, its latency still measured from when it was due).
  int max_in_flight = 10000;
  // Open loop: a call sent later than this after its due time is counted as late.
  absl::Duration late_threshold = absl::Milliseconds(1);
};

// OK, or INVALID_ARGUMENT naming every option out of range.
absl::Status ValidateLoadOptions(const LoadOptions& options);

// Runs the load and returns what was measured. INVALID_ARGUMENT for bad options or no channel.
// Failed calls are not an error of RunLoad: they are counted in the report by status code.
absl::StatusOr<LoadReport> RunLoad(const LoadOptions& options, const RequestTemplate& requests,
                                   const std::vector<std::shared_ptr<grpc::Channel>>& channels);

// `count` insecure channels to `target`, each with its own connection (calls are spread over them),
// each connected before return. UNAVAILABLE when one does not connect within `connect_timeout`.
absl::StatusOr<std::vector<std::shared_ptr<grpc::Channel>>> ConnectChannels(
    const std::string& target, int count, absl::Duration connect_timeout);

}  // namespace cs::tools::loadgen

#endif  // CS_TOOLS_LOADGEN_LOAD_RUNNER_H_

// The one server interceptor of ARCHITECTURE "Metrics" / "Every server". For every RPC it
//   - counts cs_grpc_server_handled_total{service, grpc_method, grpc_code}, where grpc_code is the
//     canonical upper-case name ("OK", "INVALID_ARGUMENT", ...);
//   - observes cs_grpc_server_handling_seconds{service, grpc_method}: monotonic time from the start
//     of the call to the moment its status is sent, buckets from 100 us to 10 s;
//   - writes ONE structured log line, event "rpc": method, code, latency_ms, user, request_id (when
//     the request has a string field `request_id`), peer.
// The user is resolved from the bearer token through the TokenStore ("anonymous" when there is none
// or it is unknown); the token itself and its hash are never logged. gRPC's own services
// (grpc.health.*, grpc.reflection.*) are logged at DEBUG so probes do not flood the log; server
// faults (INTERNAL, UNKNOWN, DATA_LOSS) at ERROR; everything else at INFO.
//
// The google.rpc.ErrorInfo a handler's status carries (status_mapping.h) leaves here with the
// domain of the service that answered ("cs.intake" for cs.intake.v1.IntakeService), so no handler
// has to know it.
//
// Labels are bounded: a method the process does not know (not in the generated descriptor pool and
// not one of gRPC's own services) is counted as service="unknown", grpc_method="unknown" — gRPC
// runs interceptors for unimplemented methods too, and a client must not be able to mint new
// series. The log line still names the path the client sent.
//
// request_id is read by protobuf reflection only for methods of the suite's own packages ("cs.*"),
// whose handlers are all generated synchronous protobuf services; gRPC's built-in services deliver
// raw byte buffers, which must not be read as messages.
//
// Thread-safe: gRPC creates one interceptor per call from any thread.
#ifndef CS_COMMON_GRPC_RPC_INTERCEPTOR_H_
#define CS_COMMON_GRPC_RPC_INTERCEPTOR_H_

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/auth/token_store.h"
#include "common/log/logger.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_interceptor.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace cs::common {

// The histogram buckets of cs_grpc_server_handling_seconds, in seconds.
prometheus::Histogram::BucketBoundaries RpcLatencyBuckets();

class RpcInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // Registers the two metric families in `registry`. `registry`, `tokens` and `logger` must outlive
  // the factory. INTERNAL if the registry already holds one of the names with another type.
  static absl::StatusOr<std::unique_ptr<RpcInterceptorFactory>> Create(
      prometheus::Registry& registry, const TokenStore* tokens, Logger* logger);

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

  // Creates at 0 the cs_grpc_server_handled_total series of every gRPC code for every method of the
  // services named (full names, e.g. "cs.intake.v1.IntakeService"), and their latency histograms,
  // so that rate() sees a method's first error after a start (an alert takes rate() of them). Names
  // of gRPC's own services and of services absent from the generated descriptor pool are skipped.
  void InitializeServices(const std::vector<std::string>& service_names);

  // gRPC status codes are 0 (OK) to 16 (UNAUTHENTICATED).
  static constexpr int kGrpcCodes = 17;

  // Called, on the call's own thread, for a request of one of the suite's methods whose body did
  // not parse as the request message, before its INVALID_ARGUMENT is sent: the archive logs such
  // reads like any refused read (V3). `method` is the full name,
  // "cs.archive.v1.ArchiveService.GetRecord".
  using UndecodableRequestHandler =
      std::function<void(const grpc::ServerContextBase& context, absl::string_view method)>;
  // Registers `handler` for the methods of `service` (full name). Only before the server starts.
  void OnUndecodableRequest(std::string service, UndecodableRequestHandler handler);

  // What the interceptor needs to know about one method; computed once per known method and cached.
  struct MethodInfo {
    std::string service;  // "cs.intake.v1.Intake", or "unknown"
    std::string method;   // "CreateTicket", or "unknown"
    // The request's string field `request_id`, when the method is one of ours and has one.
    const google::protobuf::FieldDescriptor* request_id_field = nullptr;
    bool infrastructure = false;  // grpc.* services: logged at DEBUG.
    // The suite's unary or server-streaming methods: a request that does not parse is answered
    // INVALID_ARGUMENT naming this type, instead of gRPC's bare INTERNAL (or UNIMPLEMENTED from a
    // callback handler).
    const google::protobuf::Descriptor* request_type = nullptr;
    std::string full_name;  // "cs.intake.v1.IntakeService.GetTicket"
    // ErrorInfo.domain of the method's errors, "cs.intake"; empty outside the suite's packages.
    std::string error_domain;
    const UndecodableRequestHandler* on_undecodable = nullptr;
    prometheus::Histogram* handling_seconds = nullptr;
    // cs_grpc_server_handled_total of this method by gRPC code, filled on first use: looking a
    // series up by its labels on every call built a label map and took the family's lock.
    mutable std::array<std::atomic<prometheus::Counter*>, kGrpcCodes> handled_by_code{};
  };

  // Called by the interceptor when a call ends.
  // `path` is the method path the client sent.
  void Record(const MethodInfo& method, absl::string_view path, int grpc_code, double seconds,
              absl::string_view user, absl::string_view request_id, absl::string_view peer);

  const TokenStore& tokens() const { return *tokens_; }

  // Calls in flight: from the moment gRPC hands a call to the interceptors until the call object is
  // destroyed, its status sent.
  void CallStarted();
  void CallEnded();
  // Blocks until no call is in flight or `deadline` passes; true when none is.
  bool WaitUntilNoCallsInFlight(absl::Time deadline);

 private:
  RpcInterceptorFactory(prometheus::Family<prometheus::Counter>& handled,
                        prometheus::Family<prometheus::Histogram>& handling,
                        const TokenStore* tokens, Logger* logger);

  const MethodInfo& InfoFor(absl::string_view path);
  prometheus::Counter& HandledCounter(const MethodInfo& method, int grpc_code,
                                      const std::string& code_name);

  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Histogram>& handling_;
  const TokenStore* const tokens_;
  Logger* const logger_;

  // Shared by every method the process does not know.
  const MethodInfo unknown_method_;

  // Written before the server starts, read-only afterwards.
  absl::flat_hash_map<std::string, UndecodableRequestHandler> undecodable_handlers_;

  absl::Mutex in_flight_mutex_;
  int calls_in_flight_ ABSL_GUARDED_BY(in_flight_mutex_) = 0;

  absl::Mutex mutex_;
  // Known methods only, so its size is bounded. Node-stable: interceptors keep references to the
  // values.
  absl::flat_hash_map<std::string, std::unique_ptr<MethodInfo>> methods_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::common

#endif  // CS_COMMON_GRPC_RPC_INTERCEPTOR_H_

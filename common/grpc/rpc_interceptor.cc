#include "common/grpc/rpc_interceptor.h"

#include <chrono>
#include <exception>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/grpc/authenticator.h"
#include "common/grpc/status_mapping.h"
#include "google/protobuf/message.h"
#include "grpcpp/server_context.h"

namespace cs::common {
namespace {

using grpc::experimental::InterceptionHookPoints;

constexpr absl::string_view kAnonymous = "anonymous";

std::string CodeName(int grpc_code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(grpc_code));
}

class RpcInterceptor final : public grpc::experimental::Interceptor {
 public:
  RpcInterceptor(RpcInterceptorFactory* factory, const RpcInterceptorFactory::MethodInfo* method,
                 grpc::experimental::ServerRpcInfo* info)
      : factory_(factory),
        method_(method),
        info_(info),
        path_(info->method()),
        start_(std::chrono::steady_clock::now()) {
    factory_->CallStarted();
  }

  ~RpcInterceptor() override {
    {
      // A call torn down without a status (e.g. the client went away first) still counts once.
      absl::MutexLock lock(&mutex_);
      if (!finished_) FinishLocked(static_cast<int>(grpc::StatusCode::CANCELLED));
    }
    factory_->CallEnded();
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      OnInitialMetadata(methods);
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      OnMessage(methods->GetRecvMessage());
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      if (undecodable_) AnswerUndecodable(methods);
      SetErrorDomain(methods);
      const int code = static_cast<int>(methods->GetSendStatus().error_code());
      absl::MutexLock lock(&mutex_);
      if (!finished_) FinishLocked(code);
    }
    methods->Proceed();
  }

 private:
  void OnInitialMetadata(grpc::experimental::InterceptorBatchMethods* methods) {
    std::string user(kAnonymous);
    if (const auto* metadata = methods->GetRecvInitialMetadata(); metadata != nullptr) {
      if (absl::optional<absl::string_view> token = BearerTokenOf(*metadata); token.has_value()) {
        if (absl::optional<Principal> principal = factory_->tokens().Find(*token)) {
          user = principal->user;
        }
      }
    }
    // The context is alive here, but maybe not when the destructor runs: take the peer now.
    std::string peer = info_->server_context()->peer();
    absl::MutexLock lock(&mutex_);
    user_ = std::move(user);
    peer_ = std::move(peer);
  }

  void OnMessage(void* message) {
    // gRPC hands the interceptors a null message when the body did not parse.
    if (message == nullptr && method_->request_type != nullptr) undecodable_ = true;
    const google::protobuf::FieldDescriptor* field = method_->request_id_field;
    if (field == nullptr || message == nullptr) return;
    // Only methods of the suite's generated protobuf services get here (see the header).
    const auto* request = static_cast<const google::protobuf::Message*>(message);
    if (request->GetDescriptor() != field->containing_type()) return;
    std::string request_id = request->GetReflection()->GetString(*request, field);
    absl::MutexLock lock(&mutex_);
    if (request_id_.empty()) request_id_ = std::move(request_id);
  }

  void AnswerUndecodable(grpc::experimental::InterceptorBatchMethods* methods) {
    if (method_->on_undecodable != nullptr) {
      (*method_->on_undecodable)(*info_->server_context(), method_->full_name);
    }
    methods->ModifySendStatus(
        ToGrpcStatus(UndecodableRequestError(method_->request_type->full_name())));
  }

  void SetErrorDomain(grpc::experimental::InterceptorBatchMethods* methods) {
    if (method_->error_domain.empty()) return;
    const grpc::Status status = methods->GetSendStatus();
    // Most statuses are OK or carry no details: nothing to parse.
    if (status.ok() || status.error_details().empty()) return;
    methods->ModifySendStatus(WithErrorDomain(status, method_->error_domain));
  }

  void FinishLocked(int code) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    finished_ = true;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    factory_->Record(*method_, path_, code, seconds, user_, request_id_, peer_);
  }

  RpcInterceptorFactory* const factory_;
  const RpcInterceptorFactory::MethodInfo* const method_;
  grpc::experimental::ServerRpcInfo* const info_;
  const std::string path_;
  const std::chrono::steady_clock::time_point start_;

  absl::Mutex mutex_;
  bool finished_ ABSL_GUARDED_BY(mutex_) = false;
  std::string user_ ABSL_GUARDED_BY(mutex_) = std::string(kAnonymous);
  std::string peer_ ABSL_GUARDED_BY(mutex_);
  std::string request_id_ ABSL_GUARDED_BY(mutex_);
  // Set on receiving the message, read when sending the status: gRPC runs a call's hooks one
  // after the other.
  bool undecodable_ = false;
};

// gRPC's own services, served by every process but absent from the generated descriptor pool.
bool IsGrpcInfrastructure(absl::string_view service) {
  return service == "grpc.health.v1.Health" ||
         service == "grpc.reflection.v1alpha.ServerReflection" ||
         service == "grpc.reflection.v1.ServerReflection";
}

// The string field `request_id` of the request of a method of the suite's own packages, or null.
const google::protobuf::FieldDescriptor* RequestIdFieldOf(
    const google::protobuf::MethodDescriptor& method) {
  if (!absl::StartsWith(method.service()->full_name(), "cs.") || method.client_streaming()) {
    return nullptr;
  }
  const google::protobuf::FieldDescriptor* field =
      method.input_type()->FindFieldByName("request_id");
  if (field == nullptr || field->is_repeated() ||
      field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
    return nullptr;
  }
  return field;
}

}  // namespace

prometheus::Histogram::BucketBoundaries RpcLatencyBuckets() {
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
          0.05,   0.1,     0.25,   0.5,   1.0,    2.5,   5.0,  10.0};
}

absl::StatusOr<std::unique_ptr<RpcInterceptorFactory>> RpcInterceptorFactory::Create(
    prometheus::Registry& registry, const TokenStore* tokens, Logger* logger) {
  try {
    auto& handled = prometheus::BuildCounter()
                        .Name("cs_grpc_server_handled_total")
                        .Help("RPCs completed on the server, by method and status code.")
                        .Register(registry);
    auto& handling = prometheus::BuildHistogram()
                         .Name("cs_grpc_server_handling_seconds")
                         .Help("Time from the start of an RPC to its status being sent.")
                         .Register(registry);
    return std::unique_ptr<RpcInterceptorFactory>(
        new RpcInterceptorFactory(handled, handling, tokens, logger));
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("cannot register the RPC metrics: ", e.what()));
  }
}

RpcInterceptorFactory::RpcInterceptorFactory(prometheus::Family<prometheus::Counter>& handled,
                                             prometheus::Family<prometheus::Histogram>& handling,
                                             const TokenStore* tokens, Logger* logger)
    : handled_(handled),
      handling_(handling),
      tokens_(tokens),
      logger_(logger),
      unknown_method_{
          .service = "unknown",
          .method = "unknown",
          .request_id_field = nullptr,
          .infrastructure = false,
          .request_type = nullptr,
          .full_name = "",
          .error_domain = "",
          .on_undecodable = nullptr,
          .handling_seconds = &handling.Add({{"service", "unknown"}, {"grpc_method", "unknown"}},
                                            RpcLatencyBuckets())} {}

const RpcInterceptorFactory::MethodInfo& RpcInterceptorFactory::InfoFor(absl::string_view path) {
  absl::MutexLock lock(&mutex_);
  if (auto it = methods_.find(path); it != methods_.end()) return *it->second;
  // "/package.Service/Method"
  absl::string_view name = path;
  absl::ConsumePrefix(&name, "/");
  const size_t slash = name.find('/');
  if (slash == absl::string_view::npos) return unknown_method_;
  const absl::string_view service = name.substr(0, slash);
  const absl::string_view method = name.substr(slash + 1);
  const google::protobuf::MethodDescriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
          absl::StrCat(service, ".", method));
  const bool infrastructure = IsGrpcInfrastructure(service);
  if (descriptor == nullptr && !infrastructure) return unknown_method_;
  auto info = std::make_unique<MethodInfo>();
  info->service = std::string(service);
  info->method = std::string(method);
  info->request_id_field = descriptor == nullptr ? nullptr : RequestIdFieldOf(*descriptor);
  if (descriptor != nullptr && !infrastructure && !descriptor->client_streaming()) {
    info->request_type = descriptor->input_type();
    info->full_name = descriptor->full_name();
    if (auto handler = undecodable_handlers_.find(service);
        handler != undecodable_handlers_.end()) {
      info->on_undecodable = &handler->second;
    }
  }
  info->infrastructure = infrastructure;
  if (!infrastructure) info->error_domain = ErrorDomainOfService(service);
  info->handling_seconds = &handling_.Add(
      {{"service", info->service}, {"grpc_method", info->method}}, RpcLatencyBuckets());
  return *methods_.emplace(std::string(path), std::move(info)).first->second;
}

void RpcInterceptorFactory::OnUndecodableRequest(std::string service,
                                                 UndecodableRequestHandler handler) {
  undecodable_handlers_[std::move(service)] = std::move(handler);
}

void RpcInterceptorFactory::CallStarted() {
  absl::MutexLock lock(&in_flight_mutex_);
  ++calls_in_flight_;
}

void RpcInterceptorFactory::CallEnded() {
  absl::MutexLock lock(&in_flight_mutex_);
  --calls_in_flight_;
}

bool RpcInterceptorFactory::WaitUntilNoCallsInFlight(absl::Time deadline) {
  absl::MutexLock lock(&in_flight_mutex_);
  auto none = [this]()
                  ABSL_EXCLUSIVE_LOCKS_REQUIRED(in_flight_mutex_) { return calls_in_flight_ == 0; };
  return in_flight_mutex_.AwaitWithDeadline(absl::Condition(&none), deadline);
}

grpc::experimental::Interceptor* RpcInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RpcInterceptor(this, &InfoFor(info->method()), info);
}

void RpcInterceptorFactory::InitializeServices(const std::vector<std::string>& service_names) {
  for (const std::string& name : service_names) {
    if (IsGrpcInfrastructure(name)) continue;
    const google::protobuf::ServiceDescriptor* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const MethodInfo& method = InfoFor(absl::StrCat("/", name, "/", service->method(i)->name()));
      for (int code = 0; code < kGrpcCodes; ++code) HandledCounter(method, code, CodeName(code));
    }
  }
}

prometheus::Counter& RpcInterceptorFactory::HandledCounter(const MethodInfo& method, int grpc_code,
                                                           const std::string& code_name) {
  auto add = [&]() -> prometheus::Counter& {
    return handled_.Add(
        {{"service", method.service}, {"grpc_method", method.method}, {"grpc_code", code_name}});
  };
  if (grpc_code < 0 || grpc_code >= kGrpcCodes) return add();
  std::atomic<prometheus::Counter*>& slot = method.handled_by_code[grpc_code];
  if (prometheus::Counter* counter = slot.load(std::memory_order_acquire)) return *counter;
  // Two calls may race here; Family::Add returns the same series to both.
  prometheus::Counter& counter = add();
  slot.store(&counter, std::memory_order_release);
  return counter;
}

void RpcInterceptorFactory::Record(const MethodInfo& method, absl::string_view path, int grpc_code,
                                   double seconds, absl::string_view user,
                                   absl::string_view request_id, absl::string_view peer) {
  const std::string code = CodeName(grpc_code);
  HandledCounter(method, grpc_code, code).Increment();
  method.handling_seconds->Observe(seconds);

  const auto status_code = static_cast<absl::StatusCode>(grpc_code);
  LogLevel level = method.infrastructure ? LogLevel::kDebug : LogLevel::kInfo;
  if (status_code == absl::StatusCode::kInternal || status_code == absl::StatusCode::kUnknown ||
      status_code == absl::StatusCode::kDataLoss) {
    level = LogLevel::kError;
  }
  if (!logger_->Enabled(level)) return;
  if (request_id.empty()) {
    logger_->Log(level, "rpc",
                 {{"method", path},
                  {"code", code},
                  {"latency_ms", seconds * 1000.0},
                  {"user", user},
                  {"peer", peer}});
  } else {
    logger_->Log(level, "rpc",
                 {{"method", path},
                  {"code", code},
                  {"latency_ms", seconds * 1000.0},
                  {"user", user},
                  {"request_id", request_id},
                  {"peer", peer}});
  }
}

}  // namespace cs::common

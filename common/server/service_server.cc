#include "common/server/service_server.h"

#include <chrono>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/calendar/calendar_admin_service.h"
#include "common/testclock/test_clock_service.h"
#include "common/workers/periodic_worker.h"
#include "grpc/grpc.h"
#include "grpc/support/time.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/impl/server_builder_option.h"
#include "grpcpp/impl/server_builder_plugin.h"
#include "grpcpp/impl/server_initializer.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace cs::common {
namespace {

// ServerBuilder takes ownership of interceptor factories; ours lives in the ServiceServer, so hand
// gRPC a forwarder.
class ForwardingInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit ForwardingInterceptorFactory(RpcInterceptorFactory* target) : target_(target) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return target_->CreateServerInterceptor(info);
  }

 private:
  RpcInterceptorFactory* const target_;
};

// Gives the interceptor factory the names of the services the builder registered, before the server
// starts, so their RPC counters exist at 0 from the first scrape. A builder plugin is gRPC's public
// view of that list (server reflection reads it the same way).
class InitializeRpcMetricsPlugin final : public grpc::ServerBuilderPlugin {
 public:
  explicit InitializeRpcMetricsPlugin(RpcInterceptorFactory* factory) : factory_(factory) {}
  std::string name() override { return "cs_initialize_rpc_metrics"; }
  void InitServer(grpc::ServerInitializer* initializer) override {
    factory_->InitializeServices(*initializer->GetServiceList());
  }
  void Finish(grpc::ServerInitializer* /*initializer*/) override {}
  void ChangeArguments(const std::string& /*name*/, void* /*value*/) override {}

 private:
  RpcInterceptorFactory* const factory_;
};

class InitializeRpcMetricsOption final : public grpc::ServerBuilderOption {
 public:
  explicit InitializeRpcMetricsOption(RpcInterceptorFactory* factory) : factory_(factory) {}
  void UpdateArguments(grpc::ChannelArguments* /*args*/) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    plugins->push_back(std::make_unique<InitializeRpcMetricsPlugin>(factory_));
  }

 private:
  RpcInterceptorFactory* const factory_;
};

std::string HostPort(absl::string_view address, int port) {
  // A bare IPv6 address needs brackets before the port.
  if (absl::StrContains(address, ':') && !absl::StartsWith(address, "[")) {
    return absl::StrCat("[", address, "]:", port);
  }
  return absl::StrCat(address, ":", port);
}

std::shared_ptr<grpc::ServerCredentials> ServerCredentials(const absl::optional<ServerTls>& tls) {
  if (!tls.has_value()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions ssl(
      tls->client_ca_pem.empty() ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                                 : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  ssl.pem_root_certs = tls->client_ca_pem;
  ssl.pem_key_cert_pairs.push_back({tls->private_key_pem, tls->certificate_chain_pem});
  return grpc::SslServerCredentials(ssl);
}

// "plaintext", "tls" or "mtls", for the start-up log line.
const char* TransportOf(const absl::optional<ServerTls>& tls) {
  if (!tls.has_value()) return "plaintext";
  return tls->client_ca_pem.empty() ? "tls" : "mtls";
}

}  // namespace

std::string ServiceEnvironment::ConfigPath(absl::string_view file_name) const {
  if (options_.config_dir.empty()) return std::string(file_name);
  return absl::StrCat(options_.config_dir, "/", file_name);
}

absl::StatusOr<const CalendarHolder*> ServiceEnvironment::Calendars() {
  if (calendar_reloader_ == nullptr) {
    absl::StatusOr<std::unique_ptr<CalendarReloader>> reloader =
        CalendarReloader::Create(ConfigPath("calendar.textproto"), *metrics_, *logger_, *clock_);
    if (!reloader.ok()) return reloader.status();
    calendar_reloader_ = Keep(*std::move(reloader));
  }
  return &calendar_reloader_->calendars();
}

void ServiceEnvironment::Release() {
  while (!workers_.empty()) {
    workers_.back()->Stop();
    workers_.pop_back();
  }
  services_.clear();
  while (!owned_.empty()) owned_.pop_back();
}

ServiceServer::ServiceServer(ServerOptions options, TokenStore tokens, Logger* logger)
    : options_(std::move(options)), logger_(logger), tokens_(std::move(tokens)) {}

absl::StatusOr<std::unique_ptr<ServiceServer>> ServiceServer::Start(ServerOptions options,
                                                                    TokenStore tokens,
                                                                    const WireFunction& wire,
                                                                    Logger* logger) {
  // From here on, the destructor undoes whatever was started when a step fails.
  std::unique_ptr<ServiceServer> self(
      new ServiceServer(std::move(options), std::move(tokens), logger));
  const ServerOptions& opts = self->options_;

  absl::StatusOr<std::unique_ptr<MetricsServer>> metrics =
      MetricsServer::Start(opts.metrics_address, opts.metrics_port);
  if (!metrics.ok()) return metrics.status();
  self->metrics_ = *std::move(metrics);

  if (opts.test_clock) {
    self->manual_clock_ =
        std::make_unique<ManualClock>(opts.test_clock_start.value_or(Clock::Real().Now()));
    self->clock_ = self->manual_clock_.get();
  } else {
    self->clock_ = &Clock::Real();
  }

  absl::StatusOr<std::unique_ptr<RpcInterceptorFactory>> interceptors =
      RpcInterceptorFactory::Create(self->metrics_->registry(), &self->tokens_, logger);
  if (!interceptors.ok()) return interceptors.status();
  self->interceptors_ = *std::move(interceptors);

  self->environment_.reset(new ServiceEnvironment(opts, self->clock_, &self->authenticator_,
                                                  self->metrics_.get(), self->interceptors_.get(),
                                                  logger));
  self->metrics_->AddCollectable(self->environment_->worker_rounds_);
  if (wire) {
    if (absl::Status wired = wire(*self->environment_); !wired.ok()) return wired;
  }
  if (CalendarReloader* calendar = self->environment_->calendar_reloader_; calendar != nullptr) {
    // Every service whose deadlines run on the calendar can take next year's schedule while it
    // runs; registered here so each new service gets it by using env.Calendars().
    self->environment_->AddService(
        std::make_unique<CalendarAdminService>(calendar, &self->authenticator_, self->clock_));
    if (opts.calendar_reload_interval > absl::ZeroDuration()) {
      auto* check = self->environment_->AddWorker(std::make_unique<PeriodicWorker>(
          "calendar_file_check", opts.calendar_reload_interval, [calendar] {
            // A rejected file is logged and counted by the reloader itself, once per change of
            // the file; the worker need not log it again.
            (void)calendar->CheckFile();
            return absl::OkStatus();
          }));
      check->Start();
    }
  }

  // Both are process-wide switches read when a server is built.
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  const std::string listen = HostPort(opts.grpc_address, opts.grpc_port);
  builder.AddListeningPort(listen, ServerCredentials(opts.tls), &self->grpc_port_);
  builder.SetMaxReceiveMessageSize(opts.max_message_bytes);
  builder.SetMaxSendMessageSize(opts.max_message_bytes);
  // gRPC sets SO_REUSEPORT by default, which would let a second instance silently share the port.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  for (grpc::Service* service : self->environment_->services_) builder.RegisterService(service);
  if (self->manual_clock_ != nullptr) {
    self->test_clock_service_ =
        std::make_unique<TestClockService>(self->manual_clock_.get(), &self->authenticator_);
    builder.RegisterService(self->test_clock_service_.get());
  }
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(std::make_unique<ForwardingInterceptorFactory>(self->interceptors_.get()));
  builder.experimental().SetInterceptorCreators(std::move(creators));
  builder.SetOption(std::make_unique<InitializeRpcMetricsOption>(self->interceptors_.get()));

  self->server_ = builder.BuildAndStart();
  if (self->server_ == nullptr || self->grpc_port_ == 0) {
    self->server_.reset();
    return absl::UnavailableError(absl::StrCat(
        "cannot serve gRPC on ", listen,
        " (address in use, not local, or a service registered twice",
        opts.tls.has_value() ? ", or gRPC refused the TLS certificate or key" : "", ")"));
  }
  if (grpc::HealthCheckServiceInterface* health = self->server_->GetHealthCheckService()) {
    health->SetServingStatus(true);
  }
  logger->Info("server_started", {{"service", opts.service_name},
                                  {"grpc_address", opts.grpc_address},
                                  {"grpc_port", self->grpc_port_},
                                  {"grpc_transport", TransportOf(opts.tls)},
                                  {"peer_tls", opts.peer_channels.tls.has_value()},
                                  {"metrics_address", opts.metrics_address},
                                  {"metrics_port", self->metrics_->port()},
                                  {"test_clock", opts.test_clock},
                                  {"mysql_host", opts.mysql.host},
                                  {"mysql_port", opts.mysql.port},
                                  {"mysql_database", opts.mysql.database},
                                  {"mysql_user", opts.mysql.user},
                                  {"config_dir", opts.config_dir}});
  if (!opts.tls.has_value()) {
    // Once per process, not per call: bearer tokens and ticket contents cross the network readable
    // by anyone on the path. Fine on a developer machine; README "Transport security" says how to
    // turn TLS on.
    logger->Warning(
        "plaintext_grpc",
        {{"service", opts.service_name},
         {"grpc_port", self->grpc_port_},
         {"peer_tls", opts.peer_channels.tls.has_value()},
         {"why",
          "no --tls_cert_file/--tls_key_file: gRPC, bearer tokens included, is unencrypted"}});
  }
  return self;
}

absl::Status ServiceServer::ReloadCalendar(absl::string_view trigger) {
  CalendarReloader* calendar = environment_ != nullptr ? environment_->calendar_reloader_ : nullptr;
  if (calendar == nullptr) {
    logger_->Info("calendar_reload_skipped", {{"service", options_.service_name},
                                              {"trigger", trigger},
                                              {"why", "this service uses no calendar"}});
    return absl::OkStatus();
  }
  return calendar->Reload(trigger).status();
}

void ServiceServer::Shutdown() {
  absl::MutexLock lock(&shutdown_mutex_);
  if (shut_down_) return;
  shut_down_ = true;
  if (server_ != nullptr) {
    logger_->Info("server_stopping",
                  {{"service", options_.service_name},
                   {"grace_ms", absl::ToInt64Milliseconds(options_.shutdown_grace)}});
    if (grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService()) {
      health->SetServingStatus(false);
    }
    // gRPC's own graceful shutdown also waits for every client connection, idle ones included, to
    // answer its GOAWAY ping; a C++ client that is not in a call answers only when its backup
    // poller runs, every 5 s (measured: 5.0 s per exit with one idle connection open). So the
    // server stops taking calls first, waits only for the calls in flight, then closes whatever
    // connections are left.
    const absl::Time deadline = absl::Now() + options_.shutdown_grace;
    grpc_completion_queue* stop_queue = grpc_completion_queue_create_for_next(nullptr);
    grpc_server_shutdown_and_notify(server_->c_server(), stop_queue, this);
    if (!interceptors_->WaitUntilNoCallsInFlight(deadline)) {
      logger_->Warning("shutdown_grace_expired", {{"service", options_.service_name}});
    }
    grpc_server_cancel_all_calls(server_->c_server());
    // Repeats the shutdown request (gRPC allows several) and stops gRPC's own threads.
    server_->Shutdown(absl::ToChronoTime(absl::Now()));
    server_->Wait();
    grpc_completion_queue_shutdown(stop_queue);
    while (
        grpc_completion_queue_next(stop_queue, gpr_inf_future(GPR_CLOCK_REALTIME), nullptr).type !=
        GRPC_QUEUE_SHUTDOWN) {
    }
    grpc_completion_queue_destroy(stop_queue);
  }
  // Workers may still call other services or the database; they stop only after the last call
  // ended.
  if (environment_ != nullptr) {
    for (auto it = environment_->workers_.rbegin(); it != environment_->workers_.rend(); ++it) {
      (*it)->Stop();
    }
    environment_->workers_.clear();
  }
  if (server_ != nullptr) {
    logger_->Info("server_stopped", {{"service", options_.service_name}});
  }
}

ServiceServer::~ServiceServer() {
  Shutdown();
  server_.reset();
  test_clock_service_.reset();
  if (environment_ != nullptr) {
    // The metrics endpoint still serves: it must not read workers about to be destroyed.
    environment_->worker_rounds_->Clear();
    environment_->Release();
  }
  environment_.reset();
  interceptors_.reset();
  metrics_.reset();
}

}  // namespace cs::common

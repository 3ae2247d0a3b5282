// The server every service runs (ARCHITECTURE "Every server"): gRPC with the health service, server
// reflection and the one RPC interceptor (metrics + one log line per request), a Prometheus
// endpoint, the process clock (a ManualClock driven through the TestClock service in test-clock
// mode, the real clock otherwise), and graceful shutdown. Built from plain values so tests start it
// in-process on port 0; RunService (run_service.h) wraps it with flags and signals for main().
//
// A service plugs in through a wiring function that receives a ServiceEnvironment, builds its pool,
// stores and gRPC service classes, and hands them over. Start order: metrics endpoint, clock,
// wiring, the calendar's admin service and file check (when the wiring took the calendar), gRPC
// server, health SERVING. Shutdown order: health NOT_SERVING, stop accepting calls and
// let in-flight ones finish (up to the grace period, then they are cancelled), stop background
// workers (reverse order), destroy what the wiring handed over (reverse order).
//
// Thread-safety: Start, Shutdown and ReloadCalendar may be called from any thread; Shutdown is
// idempotent.
// Accessors are safe at any time while the object lives.
#ifndef CS_COMMON_SERVER_SERVICE_SERVER_H_
#define CS_COMMON_SERVER_SERVICE_SERVER_H_

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/auth/token_store.h"
#include "common/calendar/calendar_reloader.h"
#include "common/db/mysql_options.h"
#include "common/grpc/authenticator.h"
#include "common/grpc/peer_channel.h"
#include "common/grpc/rpc_interceptor.h"
#include "common/log/logger.h"
#include "common/metrics/metrics_server.h"
#include "common/metrics/worker_rounds.h"
#include "common/time/clock.h"
#include "common/workers/background_worker.h"
#include "grpcpp/impl/service_type.h"
#include "grpcpp/server.h"

namespace cs::common {

// TLS on the gRPC port: the PEM texts themselves, read and checked once at start
// (server_flags.h), so a bad file is a start-up error naming it.
struct ServerTls {
  std::string certificate_chain_pem;
  std::string private_key_pem;
  // Non-empty: every client must present a certificate that chains to one of these (mutual TLS);
  // a connection without one, or with one from another authority, fails its handshake.
  std::string client_ca_pem;
};

struct ServerOptions {
  // The service's name ("intake"): logged, and the default schema is cs_<name>.
  std::string service_name;
  std::string grpc_address = "0.0.0.0";
  // 0 binds a free port; ServiceServer::grpc_port() reports it.
  int grpc_port = 0;
  std::string metrics_address = "0.0.0.0";
  int metrics_port = 0;
  // Serve cs.common.v1.TestClock and run the whole process on a ManualClock.
  bool test_clock = false;
  // Where the test clock starts; the real current time when unset.
  absl::optional<absl::Time> test_clock_start;
  // TLS on the gRPC port; unset: plaintext, with a warning ("plaintext_grpc") logged at start.
  absl::optional<ServerTls> tls;
  // How this process reaches the other services of the suite: the wiring passes it to every
  // CreatePeerChannel, so each later service gets the same transport security.
  PeerChannelOptions peer_channels;
  // Handed to the wiring; the bootstrap itself never connects to the database.
  db::MySqlOptions mysql;
  // The account that creates the tables and then grants `mysql.user` its rights
  // (common/server/service_database.h); empty: `mysql.user` migrates itself (development).
  std::string migration_user;
  std::string migration_password;
  // Directory of the data files (calendar.textproto, units.textproto, sla_targets.textproto, …).
  std::string config_dir;
  int max_message_bytes = 16 * 1024 * 1024;
  // How long in-flight calls may run on after shutdown begins before they are cancelled.
  absl::Duration shutdown_grace = absl::Seconds(10);
  // How often the calendar file is checked for changes (ServiceEnvironment::Calendars); zero:
  // never.
  absl::Duration calendar_reload_interval = absl::Minutes(1);
};

// What a service's wiring function gets: the process's shared parts, and where to hand over what it
// builds. Only valid during the wiring call and for the life of the ServiceServer. Not thread-safe:
// used from the thread that calls ServiceServer::Start.
class ServiceEnvironment final {
 public:
  const ServerOptions& options() const { return options_; }
  // The clock everything in the process must use.
  Clock& clock() const { return *clock_; }
  const Authenticator& authenticator() const { return *authenticator_; }
  prometheus::Registry& metrics() const { return metrics_->registry(); }
  MetricsServer& metrics_server() const { return *metrics_; }
  Logger& logger() const { return *logger_; }
  // `config_dir`/`file_name`.
  std::string ConfigPath(absl::string_view file_name) const;

  // The working-time calendar of `config_dir`/calendar.textproto, read on the first call (later
  // calls return the same holder), with cs_calendar_horizon_seconds exported. From then on the
  // server keeps it in step with the file (common/calendar/calendar_reloader.h): on SIGHUP, on
  // cs.common.v1.CalendarAdmin/ReloadCalendar, which it serves, and when the file changes
  // (checked every calendar_reload_interval). Take the calendar from here rather than loading the
  // file yourself, so it can change while the process runs. Errors as CalendarReloader::Create: a
  // bad file stops the start. The holder lives as long as the ServiceServer; keep it before the
  // objects that use it.
  absl::StatusOr<const CalendarHolder*> Calendars();

  // Registers a gRPC service with the server and keeps it alive until the server is gone.
  template <typename T>
  requires std::is_base_of_v<grpc::Service, T> T* AddService(std::unique_ptr<T> service) {
    T* raw = Keep(std::move(service));
    services_.push_back(raw);
    return raw;
  }

  // `handler` runs for every request to a method of `service` (full name) whose body does not
  // parse, before its INVALID_ARGUMENT is sent (see RpcInterceptorFactory::OnUndecodableRequest).
  void OnUndecodableRequest(std::string service,
                            RpcInterceptorFactory::UndecodableRequestHandler handler) {
    interceptors_->OnUndecodableRequest(std::move(service), std::move(handler));
  }

  // Keeps a worker alive and stops it at shutdown, after the server has stopped taking calls. A
  // named worker's rounds are exported as cs_worker_rounds_total{worker}.
  template <typename T>
  requires std::is_base_of_v<BackgroundWorker, T> T* AddWorker(std::unique_ptr<T> worker) {
    T* raw = Keep(std::move(worker));
    workers_.push_back(raw);
    if (const std::string name = raw->name(); !name.empty()) {
      worker_rounds_->Add(name, [raw] { return raw->rounds(); });
    }
    return raw;
  }

  // Keeps any object (a connection pool, a store, a calendar) alive until after the server and the
  // workers have stopped. Objects are destroyed in the reverse order they were kept, so keep what
  // others depend on first.
  template <typename T>
  T* Keep(std::unique_ptr<T> object) {
    T* raw = object.get();
    owned_.push_back(std::shared_ptr<void>(std::move(object)));
    return raw;
  }

 private:
  friend class ServiceServer;
  ServiceEnvironment(const ServerOptions& options, Clock* clock, const Authenticator* authenticator,
                     MetricsServer* metrics, RpcInterceptorFactory* interceptors, Logger* logger)
      : options_(options),
        clock_(clock),
        authenticator_(authenticator),
        metrics_(metrics),
        worker_rounds_(std::make_shared<WorkerRoundsCollector>()),
        interceptors_(interceptors),
        logger_(logger) {}

  // Stops the workers, then destroys the kept objects, each in reverse order.
  void Release();

  const ServerOptions& options_;
  Clock* const clock_;
  const Authenticator* const authenticator_;
  MetricsServer* const metrics_;
  // Registered with metrics_ by the server; outlives the workers it reads (metrics_ keeps it).
  const std::shared_ptr<WorkerRoundsCollector> worker_rounds_;
  RpcInterceptorFactory* const interceptors_;
  Logger* const logger_;
  std::vector<grpc::Service*> services_;
  std::vector<BackgroundWorker*> workers_;
  std::vector<std::shared_ptr<void>> owned_;
  // Set by Calendars(); owned through owned_.
  CalendarReloader* calendar_reloader_ = nullptr;
};

// Builds the service's parts; a non-OK status aborts the start (and the process exits with 1).
using WireFunction = std::function<absl::Status(ServiceEnvironment&)>;

class ServiceServer final {
 public:
  // Starts everything (see the top of this file). `logger` must outlive the server. On error (a
  // port that cannot be bound is UNAVAILABLE; the wiring's own errors are passed through)
  // everything started so far is stopped again.
  static absl::StatusOr<std::unique_ptr<ServiceServer>> Start(ServerOptions options,
                                                              TokenStore tokens,
                                                              const WireFunction& wire,
                                                              Logger* logger = &Logger::Default());

  ServiceServer(const ServiceServer&) = delete;
  ServiceServer& operator=(const ServiceServer&) = delete;
  // Shuts down if that has not happened yet.
  ~ServiceServer();

  int grpc_port() const { return grpc_port_; }
  int metrics_port() const { return metrics_->port(); }
  Clock& clock() const { return *clock_; }
  // The test clock; null unless options.test_clock.
  ManualClock* test_clock() const { return manual_clock_.get(); }
  prometheus::Registry& metrics() const { return metrics_->registry(); }

  // Health NOT_SERVING, stop taking calls, wait for in-flight ones up to the grace period (then
  // cancel them), stop the workers. Returns once all of that is done; later calls return at once.
  void Shutdown();

  // What SIGHUP does (run_service.cc): reads the calendar file again when the service uses the
  // calendar (as ReloadCalendar does; the reload logs and counts its result itself), else logs that
  // there is nothing to reload. The result of the reload (CalendarReloader::Reload).
  absl::Status ReloadCalendar(absl::string_view trigger);

 private:
  ServiceServer(ServerOptions options, TokenStore tokens, Logger* logger);

  const ServerOptions options_;
  Logger* const logger_;
  const TokenStore tokens_;
  const Authenticator authenticator_{&tokens_};
  std::unique_ptr<ManualClock> manual_clock_;
  Clock* clock_ = nullptr;
  std::unique_ptr<MetricsServer> metrics_;
  std::unique_ptr<RpcInterceptorFactory> interceptors_;
  std::unique_ptr<ServiceEnvironment> environment_;
  std::unique_ptr<grpc::Service> test_clock_service_;
  std::unique_ptr<grpc::Server> server_;
  int grpc_port_ = 0;

  absl::Mutex shutdown_mutex_;
  bool shut_down_ ABSL_GUARDED_BY(shutdown_mutex_) = false;
};

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_SERVICE_SERVER_H_

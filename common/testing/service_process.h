// Runs a service binary as a child process for end-to-end tests: the real executable with real
// flags, stdout and stderr captured in a log file, stopped (SIGTERM, then SIGKILL) when the object
// goes away. Not thread-safe; one test thread drives it.
#ifndef CS_COMMON_TESTING_SERVICE_PROCESS_H_
#define CS_COMMON_TESTING_SERVICE_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/security/credentials.h"

namespace cs::common::testing {

// A loopback TCP port that was free a moment ago (bound and released), chosen at random below the
// kernel's ephemeral range (ip_local_port_range): a port the kernel handed out by bind(0) is one it
// may hand out again at once as the source port of any outgoing connection (the services' own
// database connections among them) before the service that was told to listen on it has bound it.
absl::StatusOr<int> PickFreePort();

class ServiceProcess final {
 public:
  // Starts `binary` with `args`; output goes to `log_path`. Does not wait for readiness.
  static absl::StatusOr<std::unique_ptr<ServiceProcess>> Start(std::string binary,
                                                               std::vector<std::string> args,
                                                               std::string log_path);
  ~ServiceProcess();

  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  // Waits until the gRPC health service on `port` answers SERVING. FAILED_PRECONDITION (with the
  // log's tail) if the process exited, DEADLINE_EXCEEDED after `timeout`.
  absl::Status WaitUntilServing(int port, absl::Duration timeout = absl::Seconds(30));
  // The same over `credentials` (e.g. grpc::SslCredentials with a client certificate, for a
  // process serving TLS or mutual TLS); null means plaintext.
  absl::Status WaitUntilServing(int port, std::shared_ptr<grpc::ChannelCredentials> credentials,
                                absl::Duration timeout = absl::Seconds(30));

  // SIGTERM and wait for exit (SIGKILL after `grace`). Returns the exit code (128+signal if
  // killed).
  int Stop(absl::Duration grace = absl::Seconds(15));
  // SIGKILL at once, as a crash would; returns when the process is gone.
  void Kill();
  // Sends `signal_number` (e.g. SIGHUP) and returns at once. FAILED_PRECONDITION when the process
  // is not running; INTERNAL when kill(2) fails.
  absl::Status Signal(int signal_number);
  // Starts the same binary with the same arguments again (after Stop or Kill).
  absl::Status Restart();

  bool running() const { return pid_ > 0; }
  // The process id while it runs, -1 otherwise (e.g. for a test that pauses it with SIGSTOP).
  pid_t pid() const { return pid_; }
  // True when the process has exited on its own (it is then reaped and `exit_code`, when given, is
  // set as Stop sets it), or was stopped.
  bool Exited(int* exit_code = nullptr) { return Reap(exit_code); }
  // The last `bytes` of the log, for failure messages.
  std::string LogTail(size_t bytes = 4000) const;

 private:
  ServiceProcess(std::string binary, std::vector<std::string> args, std::string log_path)
      : binary_(std::move(binary)), args_(std::move(args)), log_path_(std::move(log_path)) {}
  absl::Status Launch();
  // Reaps the child if it exited; true when it is gone.
  bool Reap(int* exit_code);

  const std::string binary_;
  const std::vector<std::string> args_;
  const std::string log_path_;
  pid_t pid_ = -1;
};

}  // namespace cs::common::testing

#endif  // CS_COMMON_TESTING_SERVICE_PROCESS_H_

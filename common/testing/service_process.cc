#include "common/testing/service_process.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace cs::common::testing {

namespace {

// True when `port` (0: any) can be bound on loopback now; the port bound is stored in *bound.
bool CanBind(int port, int* bound) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  socklen_t length = sizeof(address);
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  close(fd);
  if (ok) *bound = ntohs(address.sin_port);
  return ok;
}

// The low end of the kernel's ephemeral port range (32768 when it cannot be read).
int EphemeralRangeStart() {
  std::ifstream range("/proc/sys/net/ipv4/ip_local_port_range");
  int low = 0;
  int high = 0;
  if (range >> low >> high && low > 0) return low;
  return 32768;
}

}  // namespace

absl::StatusOr<int> PickFreePort() {
  constexpr int kLowest = 10000;
  const int below = EphemeralRangeStart();
  if (below - kLowest >= 1000) {
    thread_local std::mt19937 random(std::random_device{}());
    std::uniform_int_distribution<int> pick(kLowest, below - 1);
    for (int attempt = 0; attempt < 100; ++attempt) {
      int bound = 0;
      if (CanBind(pick(random), &bound)) return bound;
    }
  }
  // A machine whose ephemeral range starts low: the kernel's choice.
  int bound = 0;
  if (CanBind(0, &bound)) return bound;
  return absl::InternalError(absl::StrCat("bind: ", std::strerror(errno)));
}

absl::StatusOr<std::unique_ptr<ServiceProcess>> ServiceProcess::Start(std::string binary,
                                                                      std::vector<std::string> args,
                                                                      std::string log_path) {
  std::unique_ptr<ServiceProcess> process(
      new ServiceProcess(std::move(binary), std::move(args), std::move(log_path)));
  absl::Status launched = process->Launch();
  if (!launched.ok()) return launched;
  return process;
}

ServiceProcess::~ServiceProcess() {
  if (pid_ > 0) Stop(absl::Seconds(10));
}

absl::Status ServiceProcess::Launch() {
  if (access(binary_.c_str(), X_OK) != 0) {
    return absl::NotFoundError(absl::StrCat(binary_, " is not an executable (build it first)"));
  }
  const pid_t pid = fork();
  if (pid < 0) return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    const int log = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (log >= 0) {
      dup2(log, STDOUT_FILENO);
      dup2(log, STDERR_FILENO);
    }
    // The test process may block signals (the bootstrap does); the service must start with none.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(binary_.c_str()));
    for (const std::string& arg : args_) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    execv(binary_.c_str(), argv.data());
    _exit(127);
  }
  pid_ = pid;
  return absl::OkStatus();
}

bool ServiceProcess::Reap(int* exit_code) {
  if (pid_ <= 0) return true;
  int status = 0;
  const pid_t done = waitpid(pid_, &status, WNOHANG);
  if (done != pid_) return false;
  pid_ = -1;
  if (exit_code != nullptr) {
    *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  return true;
}

absl::Status ServiceProcess::WaitUntilServing(int port, absl::Duration timeout) {
  return WaitUntilServing(port, nullptr, timeout);
}

absl::Status ServiceProcess::WaitUntilServing(int port,
                                              std::shared_ptr<grpc::ChannelCredentials> credentials,
                                              absl::Duration timeout) {
  if (credentials == nullptr) credentials = grpc::InsecureChannelCredentials();
  // A refused connection puts a default channel in a reconnect backoff of 1 s, then 1.6 s, …: a
  // process that starts listening a moment after the first try would look seconds slower to start.
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 20);
  // Also the least time one connection attempt may take (a TLS handshake on a loaded machine).
  arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 2000);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 100);
  auto channel =
      grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", port), credentials, arguments);
  auto stub = grpc::health::v1::Health::NewStub(channel);
  const absl::Time give_up = absl::Now() + timeout;
  while (absl::Now() < give_up) {
    int exit_code = 0;
    if (Reap(&exit_code)) {
      return absl::FailedPreconditionError(
          absl::StrCat(binary_, " exited with ", exit_code, "; log:\n", LogTail()));
    }
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Milliseconds(500)));
    // Waiting in the call lets the channel's connection attempt progress; a call that fails fast
    // leaves it to gRPC's backup poller, which runs only every 5 s.
    context.set_wait_for_ready(true);
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    if (stub->Check(&context, request, &response).ok() &&
        response.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      return absl::OkStatus();
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::DeadlineExceededError(
      absl::StrCat(binary_, " did not become SERVING on port ", port, "; log:\n", LogTail()));
}

int ServiceProcess::Stop(absl::Duration grace) {
  if (pid_ <= 0) return 0;
  kill(pid_, SIGTERM);
  const absl::Time give_up = absl::Now() + grace;
  int exit_code = 0;
  while (absl::Now() < give_up) {
    if (Reap(&exit_code)) return exit_code;
    absl::SleepFor(absl::Milliseconds(20));
  }
  Kill();
  return 128 + SIGKILL;
}

void ServiceProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

absl::Status ServiceProcess::Signal(int signal_number) {
  if (Reap(nullptr)) {
    return absl::FailedPreconditionError(
        absl::StrCat("the process is not running; log tail:\n", LogTail()));
  }
  if (kill(pid_, signal_number) != 0) {
    return absl::InternalError(
        absl::StrCat("kill(", pid_, ", ", signal_number, "): ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::Status ServiceProcess::Restart() {
  if (pid_ > 0) return absl::FailedPreconditionError("the process is still running");
  return Launch();
}

std::string ServiceProcess::LogTail(size_t bytes) const {
  std::ifstream in(log_path_, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() <= bytes ? all : all.substr(all.size() - bytes);
}

}  // namespace cs::common::testing

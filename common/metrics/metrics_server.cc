#include "common/metrics/metrics_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <exception>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"

namespace cs::common {
namespace {

// Opens and at once closes a TCP connection to the listener. Best effort: errors are ignored.
void KnockOnListener(const std::string& host, int port) {
  sockaddr_storage address{};
  socklen_t length = 0;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
  if (::inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<uint16_t>(port));
    length = sizeof(sockaddr_in);
  } else if (::inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<uint16_t>(port));
    length = sizeof(sockaddr_in6);
  } else {
    return;
  }
  const int fd = ::socket(address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  (void)::connect(fd, reinterpret_cast<sockaddr*>(&address), length);
  ::close(fd);
}

// The address to reach a listener bound to `bind_address` from this host.
std::string LocalAddressOf(absl::string_view bind_address) {
  absl::string_view host = bind_address;
  absl::ConsumePrefix(&host, "[");
  absl::ConsumeSuffix(&host, "]");
  if (host.empty() || host == "0.0.0.0") return "127.0.0.1";
  if (host == "::") return "::1";
  return std::string(host);
}

}  // namespace

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(absl::string_view address,
                                                                    int port) {
  const std::string bind = absl::StrCat(address, ":", port);
  std::unique_ptr<prometheus::Exposer> exposer;
  try {
    // prometheus-cpp (CivetWeb underneath) reports a failed bind by throwing.
    exposer = std::make_unique<prometheus::Exposer>(bind, /*num_threads=*/2);
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("cannot serve metrics on ", bind, ": ", e.what()));
  }
  const std::vector<int> ports = exposer->GetListeningPorts();
  if (ports.empty() || ports.front() <= 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on ", bind, ": no port bound"));
  }
  auto registry = std::make_shared<prometheus::Registry>();
  exposer->RegisterCollectable(registry);
  return std::unique_ptr<MetricsServer>(new MetricsServer(std::move(exposer), std::move(registry),
                                                          LocalAddressOf(address), ports.front()));
}

MetricsServer::~MetricsServer() {
  // Stop serving before anything it serves goes away. CivetWeb's listening thread looks at its stop
  // flag only when its poll() returns — on a new connection, or after a timeout of up to 2 s — and
  // the exposer's destructor waits for it: every process exit took that long more (issue 10: 0.9 s
  // on average between "server_stopped" and the exit). Knocking on the port until the destructor
  // returns ends the wait at once; a knock that arrives before the flag is set is an empty
  // connection a worker closes on reading end-of-file.
  std::atomic<bool> stopped{false};
  std::thread knocker([this, &stopped] {
    while (!stopped.load(std::memory_order_acquire)) {
      KnockOnListener(local_address_, port_);
      absl::SleepFor(absl::Milliseconds(5));
    }
  });
  exposer_.reset();
  stopped.store(true, std::memory_order_release);
  knocker.join();
}

void MetricsServer::AddCollectable(std::shared_ptr<prometheus::Collectable> collectable) {
  exposer_->RegisterCollectable(collectable);
  absl::MutexLock lock(&mutex_);
  extra_.push_back(std::move(collectable));
}

}  // namespace cs::common

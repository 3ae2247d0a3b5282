// The process's Prometheus endpoint: a registry every component registers its metrics in, served as
// text exposition at http://<address>:<port>/metrics (ARCHITECTURE "Metrics"). Port 0 binds a free
// port; port() reports the one bound. Thread-safe: metrics may be updated from any thread while
// being scraped.
#ifndef CS_COMMON_METRICS_METRICS_SERVER_H_
#define CS_COMMON_METRICS_METRICS_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/collectable.h"
#include "prometheus/exposer.h"
#include "prometheus/registry.h"

namespace cs::common {

class MetricsServer final {
 public:
  // Starts serving on `address` (an IPv4 address, or "[::]" style IPv6) and `port`. UNAVAILABLE
  // naming the address when it cannot be bound (e.g. the port is taken).
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(absl::string_view address, int port);

  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;
  ~MetricsServer();

  prometheus::Registry& registry() { return *registry_; }
  // The bound port (never 0).
  int port() const { return port_; }

  // Also serves `collectable` (e.g. a metric computed at scrape time) and keeps it alive as long as
  // the server.
  void AddCollectable(std::shared_ptr<prometheus::Collectable> collectable);

 private:
  MetricsServer(std::unique_ptr<prometheus::Exposer> exposer,
                std::shared_ptr<prometheus::Registry> registry, std::string local_address, int port)
      : exposer_(std::move(exposer)),
        registry_(std::move(registry)),
        local_address_(std::move(local_address)),
        port_(port) {}

  // Declared first, destroyed last: the exposer holds only weak pointers to what it serves.
  absl::Mutex mutex_;
  std::vector<std::shared_ptr<prometheus::Collectable>> extra_ ABSL_GUARDED_BY(mutex_);
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::shared_ptr<prometheus::Registry> registry_;
  // Where this host reaches the listener (127.0.0.1 for a wildcard bind).
  const std::string local_address_;
  const int port_;
};

}  // namespace cs::common

#endif  // CS_COMMON_METRICS_METRICS_SERVER_H_

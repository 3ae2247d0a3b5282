#include "common/grpc/metrics_server.h"

#include <exception>

#include "absl/strings/str_cat.h"

namespace cs::common {

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
  return std::unique_ptr<MetricsServer>(
      new MetricsServer(std::move(exposer), std::move(registry), ports.front()));
}

MetricsServer::~MetricsServer() {
  // Stop serving before anything it serves goes away.
  exposer_.reset();
}

void MetricsServer::AddCollectable(std::shared_ptr<prometheus::Collectable> collectable) {
  exposer_->RegisterCollectable(collectable);
  absl::MutexLock lock(&mutex_);
  extra_.push_back(std::move(collectable));
}

}  // namespace cs::common

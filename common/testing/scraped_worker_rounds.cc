// ScrapedWorkerRounds of wait_for.h: in cs_testing_http, which scrapes over HTTP.
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/wait_for.h"

namespace cs::common::testing {

std::function<int64_t()> ScrapedWorkerRounds(int metrics_port, std::string worker) {
  return [metrics_port, worker = std::move(worker)]() -> int64_t {
    absl::StatusOr<std::string> text = HttpGet(metrics_port, "/metrics");
    if (!text.ok()) return -1;
    absl::StatusOr<double> rounds =
        SumSamples(*text, "cs_worker_rounds_total", {{"worker", worker}});
    return rounds.ok() ? static_cast<int64_t>(*rounds) : -1;
  };
}

}  // namespace cs::common::testing

// A service with no business at all, built on RunService, so run_service_test can check a real
// process: flags and their environment fallbacks, start-up errors and exit codes, signals and
// graceful shutdown.
#include <memory>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "common/server/run_service.h"

ABSL_FLAG(bool, fake_fail_wiring, false, "Make the wiring fail as an unreachable database would.");

namespace {

// Logs when it is stopped, so the test sees workers are stopped at shutdown.
class LoggingWorker final : public cs::common::BackgroundWorker {
 public:
  explicit LoggingWorker(cs::common::Logger* logger) : logger_(logger) {}
  void Stop() override { logger_->Info("fake_worker_stopped"); }

 private:
  cs::common::Logger* const logger_;
};

absl::Status Wire(cs::common::ServiceEnvironment& environment) {
  if (absl::GetFlag(FLAGS_fake_fail_wiring)) {
    return absl::UnavailableError("cannot reach the database at 127.0.0.1:1");
  }
  environment.AddWorker(std::make_unique<LoggingWorker>(&environment.logger()));
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  return cs::common::RunService(argc, argv,
                                {.name = "fake",
                                 .default_grpc_port = 0,
                                 .default_metrics_port = 0,
                                 .extra_env_flags = {"fake_fail_wiring"}},
                                &Wire);
}

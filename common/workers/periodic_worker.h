// Runs a task every `interval` on a thread of its own until stopped: the SLA sweeps and gauge
// refreshes of the services. A failing run is logged and the next one comes at the next interval (a
// database that is briefly away must not stop the sweeps). Thread-safe; Stop() is idempotent and
// waits for the run in progress.
#ifndef CS_COMMON_WORKERS_PERIODIC_WORKER_H_
#define CS_COMMON_WORKERS_PERIODIC_WORKER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/workers/background_worker.h"

namespace cs::common {

class PeriodicWorker final : public BackgroundWorker {
 public:
  // `name` appears in log lines. The first run is immediate.
  PeriodicWorker(std::string name, absl::Duration interval, std::function<absl::Status()> task);
  ~PeriodicWorker() override { Stop(); }

  PeriodicWorker(const PeriodicWorker&) = delete;
  PeriodicWorker& operator=(const PeriodicWorker&) = delete;

  void Start();
  // Runs the task now, in addition to the schedule.
  void Wake();
  void Stop() override;
  std::string name() const override { return name_; }
  int64_t rounds() const override { return rounds_.load(std::memory_order_acquire); }

 private:
  void Loop();

  const std::string name_;
  const absl::Duration interval_;
  const std::function<absl::Status()> task_;
  absl::Mutex mutex_;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  bool wake_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread thread_ ABSL_GUARDED_BY(mutex_);
  std::atomic<int64_t> rounds_{0};
};

}  // namespace cs::common

#endif  // CS_COMMON_WORKERS_PERIODIC_WORKER_H_

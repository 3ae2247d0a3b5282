#include "common/workers/periodic_worker.h"

#include <utility>

#include "common/log/logger.h"

namespace cs::common {

PeriodicWorker::PeriodicWorker(std::string name, absl::Duration interval,
                               std::function<absl::Status()> task)
    : name_(std::move(name)), interval_(interval), task_(std::move(task)) {}

void PeriodicWorker::Start() {
  absl::MutexLock lock(&mutex_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { Loop(); });
}

void PeriodicWorker::Wake() {
  absl::MutexLock lock(&mutex_);
  wake_ = true;
}

void PeriodicWorker::Stop() {
  std::thread thread;
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  // Joined outside the lock: the loop takes it between runs.
  if (thread.joinable()) thread.join();
}

void PeriodicWorker::Loop() {
  while (true) {
    absl::Status status = task_();
    if (!status.ok()) {
      Logger::Default().Warning("periodic_task_failed",
                                {{"task", name_}, {"error", std::string(status.message())}});
    }
    rounds_.fetch_add(1, std::memory_order_acq_rel);
    absl::MutexLock lock(&mutex_);
    auto stop_or_wake = [this]()
                            ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) { return stopping_ || wake_; };
    mutex_.AwaitWithTimeout(absl::Condition(&stop_or_wake), interval_);
    if (stopping_) return;
    wake_ = false;
  }
}

}  // namespace cs::common

#include "services/channel-registry/store/in_memory_check_store.h"

#include <algorithm>

#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"

namespace cs::channel {

absl::StatusOr<RecordCheckResult> InMemoryCheckStore::Record(const Check& check,
                                                             const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  absl::MutexLock lock(&mutex_);
  auto known = keys_.find(key.request_id);
  if (known != keys_.end()) {
    if (known->second.fingerprint != key.fingerprint) {
      return common::RequestIdReused(
          "was already used for a different request; use a new request_id");
    }
    return RecordCheckResult{checks_[known->second.index], true};
  }
  checks_.push_back(check);
  keys_[key.request_id] = {key.fingerprint, checks_.size() - 1};
  return RecordCheckResult{check, false};
}

std::vector<Check> InMemoryCheckStore::Sorted(int64_t channel_id) const {
  std::vector<Check> of_channel;
  for (const Check& check : checks_) {
    if (check.channel_id == channel_id) of_channel.push_back(check);
  }
  std::stable_sort(of_channel.begin(), of_channel.end(),
                   [](const Check& a, const Check& b) { return a.checked_at < b.checked_at; });
  return of_channel;
}

absl::StatusOr<std::vector<Check>> InMemoryCheckStore::ListChecks(int64_t channel_id,
                                                                  absl::Time from, absl::Time to) {
  absl::MutexLock lock(&mutex_);
  std::vector<Check> in_window;
  for (Check& check : Sorted(channel_id)) {
    if (check.checked_at >= from && check.checked_at < to) in_window.push_back(std::move(check));
  }
  return in_window;
}

absl::StatusOr<absl::optional<Check>> InMemoryCheckStore::LastCheck(int64_t channel_id) {
  absl::MutexLock lock(&mutex_);
  std::vector<Check> sorted = Sorted(channel_id);
  if (sorted.empty()) return absl::optional<Check>();
  return absl::optional<Check>(sorted.back());
}

}  // namespace cs::channel

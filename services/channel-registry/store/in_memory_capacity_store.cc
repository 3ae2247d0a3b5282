#include "services/channel-registry/store/in_memory_capacity_store.h"

#include <algorithm>

#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/channel-registry/store/channel_store_support.h"

namespace cs::channel {

absl::StatusOr<absl::optional<size_t>> InMemoryCapacityStore::FindKey(const std::string& scope,
                                                                      const RequestKey& key) const {
  auto it = keys_.find(std::make_pair(scope, key.request_id));
  if (it == keys_.end()) return absl::optional<size_t>();
  if (it->second.fingerprint != key.fingerprint) {
    return common::RequestIdReused(
        "was already used for a different request; use a new request_id");
  }
  return absl::optional<size_t>(it->second.index);
}

absl::StatusOr<RecordSampleResult> InMemoryCapacityStore::RecordSample(const UsageSample& sample,
                                                                       const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const std::string scope(kRecordSampleScope);
  absl::MutexLock lock(&mutex_);
  ASSIGN_OR_RETURN(absl::optional<size_t> replay, FindKey(scope, key));
  if (replay.has_value()) return RecordSampleResult{samples_[*replay], true};
  samples_.push_back(sample);
  keys_[{scope, key.request_id}] = {key.fingerprint, samples_.size() - 1};
  return RecordSampleResult{sample, false};
}

std::vector<UsageSample> InMemoryCapacityStore::Sorted(int64_t channel_id) const {
  std::vector<UsageSample> of_channel;
  for (const UsageSample& sample : samples_) {
    if (sample.channel_id == channel_id) of_channel.push_back(sample);
  }
  std::stable_sort(
      of_channel.begin(), of_channel.end(),
      [](const UsageSample& a, const UsageSample& b) { return a.sampled_at < b.sampled_at; });
  return of_channel;
}

absl::StatusOr<absl::optional<UsageSample>> InMemoryCapacityStore::LatestSample(
    int64_t channel_id) {
  absl::MutexLock lock(&mutex_);
  std::vector<UsageSample> sorted = Sorted(channel_id);
  if (sorted.empty()) return absl::optional<UsageSample>();
  return absl::optional<UsageSample>(sorted.back());
}

absl::StatusOr<std::vector<UsageSample>> InMemoryCapacityStore::SampleWindow(int64_t channel_id,
                                                                             absl::Time from,
                                                                             absl::Time to) {
  absl::MutexLock lock(&mutex_);
  std::vector<UsageSample> window;
  for (UsageSample& sample : Sorted(channel_id)) {
    if (sample.sampled_at >= from && sample.sampled_at <= to) window.push_back(std::move(sample));
  }
  return window;
}

absl::StatusOr<bool> InMemoryCapacityStore::RecordWarning(int64_t channel_id, absl::Time at) {
  absl::MutexLock lock(&mutex_);
  return warnings_.insert({channel_id, at}).second;
}

absl::StatusOr<int64_t> InMemoryCapacityStore::CountWarnings(int64_t channel_id, absl::Time from,
                                                             absl::Time to) {
  absl::MutexLock lock(&mutex_);
  int64_t count = 0;
  for (const auto& [id, at] : warnings_) {
    if (id == channel_id && at >= from && at < to) ++count;
  }
  return count;
}

absl::StatusOr<RecordAssistanceResult> InMemoryCapacityStore::RecordAssistance(
    const AssistanceRequest& request, const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const std::string scope(kRecordAssistanceScope);
  absl::MutexLock lock(&mutex_);
  ASSIGN_OR_RETURN(absl::optional<size_t> replay, FindKey(scope, key));
  if (replay.has_value()) return RecordAssistanceResult{assistance_[*replay], true};
  assistance_.push_back(request);
  keys_[{scope, key.request_id}] = {key.fingerprint, assistance_.size() - 1};
  return RecordAssistanceResult{request, false};
}

absl::StatusOr<std::vector<AssistanceRequest>> InMemoryCapacityStore::ListAssistance(
    int64_t channel_id) {
  absl::MutexLock lock(&mutex_);
  std::vector<AssistanceRequest> listed;
  for (const AssistanceRequest& request : assistance_) {
    if (request.channel_id == channel_id) listed.push_back(request);
  }
  std::stable_sort(listed.begin(), listed.end(),
                   [](const AssistanceRequest& a, const AssistanceRequest& b) {
                     return a.requested_at < b.requested_at;
                   });
  return listed;
}

}  // namespace cs::channel

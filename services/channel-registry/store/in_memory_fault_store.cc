#include "services/channel-registry/store/in_memory_fault_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/channel-registry/store/channel_store_support.h"

namespace cs::channel {
namespace {

absl::Status NoFault(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no fault ", FormatFaultId(id)));
}

absl::Status Reused() {
  return common::RequestIdReused("was already used for a different request; use a new request_id");
}

}  // namespace

absl::StatusOr<OpenFaultResult> InMemoryFaultStore::Open(Fault fault, const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const std::string scope(kOpenFaultScope);
  absl::MutexLock lock(&mutex_);
  auto known = keys_.find({scope, key.request_id});
  if (known != keys_.end()) {
    if (known->second.fingerprint != key.fingerprint) return Reused();
    return OpenFaultResult{faults_.at(known->second.fault_id), true};
  }
  fault.id = next_id_++;
  faults_[fault.id] = fault;
  keys_[{scope, key.request_id}] = {key.fingerprint, fault.id};
  return OpenFaultResult{std::move(fault), false};
}

absl::StatusOr<Fault> InMemoryFaultStore::Get(int64_t id) {
  absl::MutexLock lock(&mutex_);
  auto it = faults_.find(id);
  if (it == faults_.end()) return NoFault(id);
  return it->second;
}

absl::StatusOr<FaultMutationResult> InMemoryFaultStore::Mutate(int64_t id,
                                                               const FaultMutationOptions& options,
                                                               const FaultMutation& mutation) {
  std::string scope;
  const bool keyed = options.request_key.has_value();
  RETURN_IF_ERROR(CheckMutationKey(keyed, keyed ? options.request_key->request_id : "",
                                   kFaultMutationScopePrefix, options.scope, &scope));
  absl::MutexLock lock(&mutex_);
  if (keyed) {
    auto known = keys_.find({scope, options.request_key->request_id});
    if (known != keys_.end()) {
      if (known->second.fingerprint != options.request_key->fingerprint) return Reused();
      if (known->second.fault_id != id) {
        return common::RequestIdReused("was already used for another fault; use a new request_id");
      }
      return FaultMutationResult{faults_.at(id), true};
    }
  }
  auto it = faults_.find(id);
  if (it == faults_.end()) return NoFault(id);
  Fault changed = it->second;
  RETURN_IF_ERROR(mutation(changed));
  changed.id = it->second.id;
  changed.channel_id = it->second.channel_id;
  changed.unit_id = it->second.unit_id;
  it->second = std::move(changed);
  if (keyed)
    keys_[{scope, options.request_key->request_id}] = {options.request_key->fingerprint, id};
  return FaultMutationResult{it->second, false};
}

absl::StatusOr<FaultPage> InMemoryFaultStore::List(const FaultFilter& filter, int64_t after_id,
                                                   int page_size) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  absl::MutexLock lock(&mutex_);
  FaultPage page;
  for (auto it = faults_.upper_bound(after_id); it != faults_.end(); ++it) {
    const Fault& fault = it->second;
    if (!filter.unit_id.empty() && fault.unit_id != filter.unit_id) continue;
    if (filter.channel_id != 0 && fault.channel_id != filter.channel_id) continue;
    if (filter.open_only && fault.repaired_at.has_value()) continue;
    if (static_cast<int>(page.faults.size()) == page_size) {
      page.next_after_id = page.faults.back().id;
      break;
    }
    page.faults.push_back(fault);
  }
  return page;
}

absl::StatusOr<std::vector<Fault>> InMemoryFaultStore::ListOpen(absl::Time now) {
  absl::MutexLock lock(&mutex_);
  std::vector<Fault> open;
  for (const auto& [id, fault] : faults_) {
    if (fault.opened_at <= now && (!fault.repaired_at.has_value() || *fault.repaired_at > now)) {
      open.push_back(fault);
    }
  }
  return open;
}

absl::StatusOr<std::vector<Fault>> InMemoryFaultStore::ListForMonth(int64_t channel_id,
                                                                    absl::Time start,
                                                                    absl::Time end) {
  absl::MutexLock lock(&mutex_);
  std::vector<Fault> month;
  for (const auto& [id, fault] : faults_) {
    if (fault.channel_id != channel_id) continue;
    const bool opened = fault.opened_at >= start && fault.opened_at < end;
    const bool repaired =
        fault.repaired_at.has_value() && *fault.repaired_at >= start && *fault.repaired_at < end;
    const bool due = fault.repair_due >= start && fault.repair_due < end;
    if (opened || repaired || due) month.push_back(fault);
  }
  return month;
}

}  // namespace cs::channel

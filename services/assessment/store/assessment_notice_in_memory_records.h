// The one in-memory table behind InMemoryNoticeStore, InMemoryMaintenanceStore and
// InMemoryLaunchReviewStore (library assessment_notice_store; not for use outside
// services/assessment/store): records by id, the next id, and the request keys answered, with
// creates and mutations keyed exactly as the MySQL stores key them. One mutex guards everything;
// mutations run under it and must not call the store. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_IN_MEMORY_RECORDS_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_IN_MEMORY_RECORDS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/assessment/store/assessment_notice_store_support.h"

namespace cs::assessment::notice_in_memory_internal {

// How a record type is handled: its id and version, the id assigned on create, the save of a
// mutation (NoticeToSave, …) and its printed id ("RN-3").
template <typename T>
struct RecordOps {
  int64_t (*id)(const T&);
  int64_t (*version)(const T&);
  void (*assign)(T&, int64_t id);  // also sets version 1
  T (*to_save)(const T& loaded, T changed);
  std::string (*format_id)(int64_t id);
  const char* what;  // "notice", "maintenance notice", "launch review"
};

template <typename T>
class InMemoryRecords {
 public:
  explicit InMemoryRecords(RecordOps<T> ops) : ops_(ops) {}

  absl::StatusOr<std::pair<T, bool>> Create(T draft, const RequestKey& key,
                                            absl::string_view scope) {
    RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
    absl::MutexLock lock(&mutex_);
    ASSIGN_OR_RETURN(absl::optional<int64_t> replay, FindKey(std::string(scope), key));
    if (replay.has_value()) return std::pair<T, bool>(records_.at(*replay), true);
    ops_.assign(draft, next_id_++);
    const int64_t id = ops_.id(draft);
    records_[id] = draft;
    keys_[{std::string(scope), key.request_id}] = {key.fingerprint, id};
    return std::pair<T, bool>(std::move(draft), false);
  }

  absl::StatusOr<T> Get(int64_t id) {
    absl::MutexLock lock(&mutex_);
    auto it = records_.find(id);
    if (it == records_.end()) return NotFound(id);
    return it->second;
  }

  // Matching records with id > after_id, at most page_size; the next after_id (0: none).
  absl::StatusOr<std::pair<std::vector<T>, int64_t>> List(const std::function<bool(const T&)>& keep,
                                                          int64_t after_id, int page_size) {
    RETURN_IF_ERROR(CheckPageSize(page_size));
    absl::MutexLock lock(&mutex_);
    std::vector<T> page;
    for (auto it = records_.upper_bound(after_id); it != records_.end(); ++it) {
      if (!keep(it->second)) continue;
      if (static_cast<int>(page.size()) == page_size) {
        return std::pair<std::vector<T>, int64_t>(std::move(page), ops_.id(page.back()));
      }
      page.push_back(it->second);
    }
    return std::pair<std::vector<T>, int64_t>(std::move(page), 0);
  }

  // Every matching record, in id order.
  std::vector<T> Select(const std::function<bool(const T&)>& keep) {
    absl::MutexLock lock(&mutex_);
    std::vector<T> selected;
    for (const auto& [id, record] : records_) {
      if (keep(record)) selected.push_back(record);
    }
    return selected;
  }

  absl::StatusOr<std::pair<T, bool>> Mutate(int64_t id, const NoticeMutationOptions& options,
                                            absl::string_view prefix,
                                            const std::function<absl::Status(T&)>& mutation) {
    std::string scope;
    RETURN_IF_ERROR(CheckMutationKey(options, prefix, &scope));
    absl::MutexLock lock(&mutex_);
    if (options.request_key.has_value()) {
      ASSIGN_OR_RETURN(absl::optional<int64_t> replay, FindKey(scope, *options.request_key));
      if (replay.has_value()) {
        if (*replay != id) return NoticeRequestIdForAnother(ops_.what);
        return std::pair<T, bool>(records_.at(id), true);
      }
    }
    auto it = records_.find(id);
    if (it == records_.end()) return NotFound(id);
    RETURN_IF_ERROR(CheckExpectedVersion(options.expected_version, ops_.version(it->second),
                                         ops_.format_id(id)));
    T changed = it->second;
    RETURN_IF_ERROR(mutation(changed));
    it->second = ops_.to_save(it->second, std::move(changed));
    if (options.request_key.has_value()) {
      keys_[{scope, options.request_key->request_id}] = {options.request_key->fingerprint, id};
    }
    return std::pair<T, bool>(it->second, false);
  }

 private:
  struct StoredKey {
    std::string fingerprint;
    int64_t id = 0;
  };

  absl::Status NotFound(int64_t id) const {
    return absl::NotFoundError(absl::StrCat("no ", ops_.what, " ", ops_.format_id(id)));
  }

  absl::StatusOr<absl::optional<int64_t>> FindKey(const std::string& scope, const RequestKey& key)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    auto it = keys_.find(std::make_pair(scope, key.request_id));
    if (it == keys_.end()) return absl::optional<int64_t>();
    if (it->second.fingerprint != key.fingerprint) {
      return common::RequestIdReused(
          "was already used for a different request; use a new request_id");
    }
    return absl::optional<int64_t>(it->second.id);
  }

  const RecordOps<T> ops_;
  absl::Mutex mutex_;
  std::map<int64_t, T> records_ ABSL_GUARDED_BY(mutex_);
  int64_t next_id_ ABSL_GUARDED_BY(mutex_) = 1;
  absl::flat_hash_map<std::pair<std::string, std::string>, StoredKey> keys_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::assessment::notice_in_memory_internal

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_IN_MEMORY_RECORDS_H_

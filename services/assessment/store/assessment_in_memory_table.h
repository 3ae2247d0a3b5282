// The one in-memory table behind the assessment service's in-memory stores (library
// assessment_store_support; not for use outside services/assessment/store): records by id, the next
// id, and the request keys answered, with keyed creates and keyed, versioned changes that answer as
// the MySQL stores do (common/db/idempotency.h). One mutex guards everything; the functions it is
// given (filters, mutations) run under it and must not call the store. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_IN_MEMORY_TABLE_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_IN_MEMORY_TABLE_H_

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
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/optional.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/assessment/store/assessment_store_support.h"

namespace cs::assessment::in_memory_internal {

// The request keys answered, as idempotency_keys keeps them: (scope, request_id) → the request's
// fingerprint and the response recorded (a row id, or a scorecard's key). Not thread-safe: its
// owner's mutex guards it.
template <typename Response>
class AnsweredKeys {
 public:
  // The response recorded under (scope, key.request_id); nullopt when the id is new there;
  // INVALID_ARGUMENT naming request_id when it came with another fingerprint.
  absl::StatusOr<absl::optional<Response>> Find(absl::string_view scope,
                                                const RequestKey& key) const {
    auto it = keys_.find(std::make_pair(std::string(scope), key.request_id));
    if (it == keys_.end()) return absl::optional<Response>();
    if (it->second.first != key.fingerprint) {
      return common::RequestIdReused(
          "was already used for a different request; use a new request_id");
    }
    return absl::optional<Response>(it->second.second);
  }

  void Record(absl::string_view scope, const RequestKey& key, Response response) {
    keys_[std::make_pair(std::string(scope), key.request_id)] = {key.fingerprint,
                                                                 std::move(response)};
  }

 private:
  absl::flat_hash_map<std::pair<std::string, std::string>, std::pair<std::string, Response>> keys_;
};

template <typename T>
class InMemoryTable {
 public:
  explicit InMemoryTable(const RecordRules<T>& rules) : rules_(rules) {}

  // Stores `draft` (prepared and numbered by the rules) unless `key` was answered under `scope`:
  // then the record it created, replayed. The record and whether it was replayed.
  absl::StatusOr<std::pair<T, bool>> Create(T draft, const RequestKey& key,
                                            absl::string_view scope) {
    RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
    absl::MutexLock lock(&mutex_);
    ASSIGN_OR_RETURN(absl::optional<int64_t> replay, keys_.Find(scope, key));
    if (replay.has_value()) return std::pair<T, bool>(records_.at(*replay), true);
    const int64_t id = next_id_++;
    T created = Created(rules_, std::move(draft), id);
    records_[id] = created;
    keys_.Record(scope, key, id);
    return std::pair<T, bool>(std::move(created), false);
  }

  // The record; NOT_FOUND naming it.
  absl::StatusOr<T> Get(int64_t id) {
    absl::MutexLock lock(&mutex_);
    auto it = records_.find(id);
    if (it == records_.end()) return NotFound(rules_.kind, id);
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
        return std::pair<std::vector<T>, int64_t>(std::move(page), rules_.id(page.back()));
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

  // A keyed change (MutationOptions; the scope is `prefix` + options.scope): replays a repeated
  // key, checks the expected version, runs `mutation` on a copy and saves what the rules' to_save
  // makes of it. The record as saved (or replayed) and whether it was replayed.
  absl::StatusOr<std::pair<T, bool>> Mutate(int64_t id, const MutationOptions& options,
                                            absl::string_view prefix,
                                            const std::function<absl::Status(T&)>& mutation) {
    std::string scope;
    RETURN_IF_ERROR(CheckMutationKey(options, prefix, &scope));
    absl::MutexLock lock(&mutex_);
    if (options.request_key.has_value()) {
      ASSIGN_OR_RETURN(absl::optional<int64_t> replay, keys_.Find(scope, *options.request_key));
      if (replay.has_value()) {
        if (*replay != id) return RequestIdForAnother(rules_.kind.another);
        return std::pair<T, bool>(records_.at(id), true);
      }
    }
    auto it = records_.find(id);
    if (it == records_.end()) return NotFound(rules_.kind, id);
    if (rules_.version != nullptr) {
      RETURN_IF_ERROR(CheckExpectedVersion(options.expected_version, rules_.version(it->second),
                                           rules_.kind.format_id(id)));
    }
    T changed = it->second;
    RETURN_IF_ERROR(mutation(changed));
    it->second = rules_.to_save(it->second, std::move(changed));
    if (options.request_key.has_value()) keys_.Record(scope, *options.request_key, id);
    return std::pair<T, bool>(it->second, false);
  }

 private:
  const RecordRules<T>& rules_;
  absl::Mutex mutex_;
  std::map<int64_t, T> records_ ABSL_GUARDED_BY(mutex_);
  int64_t next_id_ ABSL_GUARDED_BY(mutex_) = 1;
  AnsweredKeys<int64_t> keys_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::assessment::in_memory_internal

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_IN_MEMORY_TABLE_H_

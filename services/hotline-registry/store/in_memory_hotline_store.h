// HotlineStore kept in process memory, for the fast unit tests of the hotline registry's core only
// (never in a deployed process: nothing survives a restart). One mutex guards everything, so each
// call — a notice over many hotlines included — is atomic like a transaction. Mutations run under
// that mutex and must not call the store. Thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_HOTLINE_STORE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_HOTLINE_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "services/hotline-registry/store/hotline_store.h"
#include "services/hotline-registry/store/hotline_store_support.h"

namespace cs::hotline {

class InMemoryHotlineStore final : public HotlineStore {
 public:
  explicit InMemoryHotlineStore(DueRule due_rule = NextDueAt) : due_rule_(std::move(due_rule)) {}

  absl::StatusOr<CreateHotlineResult> Create(Hotline draft, const RequestKey& key) override;
  absl::StatusOr<Hotline> Get(int64_t id) override;
  absl::StatusOr<HotlinePage> List(const HotlineFilter& filter, int64_t after_id,
                                   int page_size) override;
  absl::StatusOr<MutationResult> Mutate(int64_t id, const MutationOptions& options,
                                        const HotlineMutation& mutation) override;
  absl::StatusOr<std::vector<SweptHotline>> ClaimDueChanges(
      absl::Time now, int limit, const HotlineMutation& mutation) override;
  absl::StatusOr<std::vector<ListedTransition>> ListTransitions(
      absl::Time active_at, const std::string& unit_id) override;
  absl::StatusOr<NoticeResult> CreateNotice(Notice draft, const RequestKey& key,
                                            const NoticeApplication& apply) override;
  absl::StatusOr<Notice> GetNotice(const std::string& notice_id) override;

 private:
  // A request_id's fingerprint and the response it got (a hotline or notice id).
  struct StoredKey {
    std::string fingerprint;
    std::string response;
  };

  // The stored response of a replayed key, nullopt for a new one, or INVALID_ARGUMENT for a reused
  // id with another body.
  absl::StatusOr<absl::optional<std::string>> FindKey(const std::string& scope,
                                                      const RequestKey& key) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Stores `changed`, a mutated copy of the stored `loaded`, as MySqlHotlineStore saves it.
  void Save(const Hotline& loaded, Hotline changed) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Names every change without an id NextChangeId.
  static void NameChanges(Hotline& hotline);
  static bool Matches(const Hotline& hotline, const HotlineFilter& filter);

  const DueRule due_rule_;
  mutable absl::Mutex mutex_;
  std::map<int64_t, Hotline> hotlines_ ABSL_GUARDED_BY(mutex_);
  std::map<std::string, Notice> notices_ ABSL_GUARDED_BY(mutex_);
  int64_t next_hotline_id_ ABSL_GUARDED_BY(mutex_) = 1;
  int64_t next_notice_number_ ABSL_GUARDED_BY(mutex_) = 1;
  absl::flat_hash_map<std::pair<std::string, std::string>, StoredKey> keys_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_HOTLINE_STORE_H_

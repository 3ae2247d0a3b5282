// ChannelStore kept in process memory, for the fast unit tests of the channel registry's core only
// (never in a deployed process: nothing survives a restart). One mutex guards everything, so each
// call is atomic like a transaction. Mutations run under that mutex and must not call the store.
// Thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_CHANNEL_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_CHANNEL_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "services/channel-registry/store/channel_store.h"

namespace cs::channel {

class InMemoryChannelStore final : public ChannelStore {
 public:
  InMemoryChannelStore() = default;

  absl::StatusOr<CreateChannelResult> Create(OnlineChannel draft, const RequestKey& key) override;
  absl::StatusOr<OnlineChannel> Get(int64_t id) override;
  absl::StatusOr<ChannelPage> List(const ChannelFilter& filter, int64_t after_id,
                                   int page_size) override;
  absl::StatusOr<MutationResult> Mutate(int64_t id, const MutationOptions& options,
                                        const ChannelMutation& mutation) override;
  absl::StatusOr<std::vector<OnlineChannel>> ListCheckOverdue(absl::Time now, int limit) override;
  absl::StatusOr<CreateUnfiledResult> CreateUnfiled(UnfiledChannel report,
                                                    const RequestKey& key) override;
  absl::StatusOr<UnfiledChannel> GetUnfiled(int64_t id) override;
  absl::StatusOr<UnfiledPage> ListUnfiled(const std::string& unit_id, bool open_only,
                                          int64_t after_id, int page_size) override;

 private:
  // A request_id's fingerprint and the id it answered with.
  struct StoredKey {
    std::string fingerprint;
    int64_t response = 0;
  };

  // The stored response of a replayed key, nullopt for a new one, or INVALID_ARGUMENT for a reused
  // id with another body.
  absl::StatusOr<absl::optional<int64_t>> FindKey(const std::string& scope,
                                                  const RequestKey& key) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Marks the open reports of `channel`'s unit at its current address filed as it; returns them.
  std::vector<UnfiledChannel> FileReports(const OnlineChannel& channel)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  static bool Matches(const OnlineChannel& channel, const ChannelFilter& filter);

  mutable absl::Mutex mutex_;
  std::map<int64_t, OnlineChannel> channels_ ABSL_GUARDED_BY(mutex_);
  std::map<int64_t, UnfiledChannel> unfiled_ ABSL_GUARDED_BY(mutex_);
  int64_t next_channel_id_ ABSL_GUARDED_BY(mutex_) = 1;
  int64_t next_unfiled_id_ ABSL_GUARDED_BY(mutex_) = 1;
  absl::flat_hash_map<std::pair<std::string, std::string>, StoredKey> keys_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_CHANNEL_STORE_H_

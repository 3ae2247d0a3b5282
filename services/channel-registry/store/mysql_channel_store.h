// ChannelStore on MySQL/MariaDB (schema cs_channel_registry, migrations/0001_channel_registry.sql):
// the store every deployed channel-registry process uses. Every call is one transaction; a change
// locks its channel's row first (SELECT … FOR UPDATE), and filing locks the unit's open unfiled
// reports at the address, so replicas on one database never save over each other. Thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_CHANNEL_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_CHANNEL_STORE_H_

#include "common/db/connection_pool.h"
#include "common/db/transaction.h"
#include "common/time/clock.h"
#include "services/channel-registry/store/channel_store.h"

namespace cs::channel {

class MySqlChannelStore final : public ChannelStore {
 public:
  // `pool` and `clock` must outlive the store. The clock stamps idempotency keys only (expiry); the
  // domain's times come with the values stored.
  explicit MySqlChannelStore(common::db::ConnectionPool& pool,
                             const common::Clock& clock = common::Clock::Real())
      : pool_(pool), clock_(clock) {}

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
  common::db::ConnectionPool& pool_;
  const common::Clock& clock_;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_CHANNEL_STORE_H_

// CheckStore on MySQL/MariaDB (schema cs_channel_registry, migrations/0001_channel_registry.sql):
// the store every deployed channel-registry process uses. Every call is one transaction.
// Thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_CHECK_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_CHECK_STORE_H_

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/channel-registry/store/check_store.h"

namespace cs::channel {

class MySqlCheckStore final : public CheckStore {
 public:
  // `pool` and `clock` must outlive the store. The clock stamps idempotency keys only (expiry); the
  // domain's times come with the values stored.
  explicit MySqlCheckStore(common::db::ConnectionPool& pool,
                           const common::Clock& clock = common::Clock::Real())
      : pool_(pool), clock_(clock) {}

  absl::StatusOr<RecordCheckResult> Record(const Check& check, const RequestKey& key) override;
  absl::StatusOr<std::vector<Check>> ListChecks(int64_t channel_id, absl::Time from,
                                                absl::Time to) override;
  absl::StatusOr<absl::optional<Check>> LastCheck(int64_t channel_id) override;

 private:
  common::db::ConnectionPool& pool_;
  const common::Clock& clock_;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_CHECK_STORE_H_

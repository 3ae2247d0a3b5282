// FaultStore on MySQL/MariaDB (schema cs_channel_registry, migrations/0001_channel_registry.sql):
// the store every deployed channel-registry process uses. Every call is one transaction.
// Thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_FAULT_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_FAULT_STORE_H_

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/channel-registry/store/fault_store.h"

namespace cs::channel {

class MySqlFaultStore final : public FaultStore {
 public:
  // `pool` and `clock` must outlive the store. The clock stamps idempotency keys only (expiry); the
  // domain's times come with the values stored.
  explicit MySqlFaultStore(common::db::ConnectionPool& pool,
                           const common::Clock& clock = common::Clock::Real())
      : pool_(pool), clock_(clock) {}

  absl::StatusOr<OpenFaultResult> Open(Fault fault, const RequestKey& key) override;
  absl::StatusOr<Fault> Get(int64_t id) override;
  absl::StatusOr<FaultMutationResult> Mutate(int64_t id, const FaultMutationOptions& options,
                                             const FaultMutation& mutation) override;
  absl::StatusOr<FaultPage> List(const FaultFilter& filter, int64_t after_id,
                                 int page_size) override;
  absl::StatusOr<std::vector<Fault>> ListOpen(absl::Time now) override;
  absl::StatusOr<std::vector<Fault>> ListForMonth(int64_t channel_id, absl::Time start,
                                                  absl::Time end) override;

 private:
  common::db::ConnectionPool& pool_;
  const common::Clock& clock_;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_FAULT_STORE_H_

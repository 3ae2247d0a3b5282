// CapacityStore on MySQL/MariaDB (schema cs_channel_registry,
// migrations/0001_channel_registry.sql): the store every deployed channel-registry process uses.
// Every call is one transaction. Thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_CAPACITY_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_CAPACITY_STORE_H_

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/channel-registry/store/capacity_store.h"

namespace cs::channel {

class MySqlCapacityStore final : public CapacityStore {
 public:
  // `pool` and `clock` must outlive the store. The clock stamps idempotency keys only (expiry); the
  // domain's times come with the values stored.
  explicit MySqlCapacityStore(common::db::ConnectionPool& pool,
                              const common::Clock& clock = common::Clock::Real())
      : pool_(pool), clock_(clock) {}

  absl::StatusOr<RecordSampleResult> RecordSample(const UsageSample& sample,
                                                  const RequestKey& key) override;
  absl::StatusOr<absl::optional<UsageSample>> LatestSample(int64_t channel_id) override;
  absl::StatusOr<std::vector<UsageSample>> SampleWindow(int64_t channel_id, absl::Time from,
                                                        absl::Time to) override;
  absl::StatusOr<bool> RecordWarning(int64_t channel_id, absl::Time at) override;
  absl::StatusOr<int64_t> CountWarnings(int64_t channel_id, absl::Time from,
                                        absl::Time to) override;
  absl::StatusOr<RecordAssistanceResult> RecordAssistance(const AssistanceRequest& request,
                                                          const RequestKey& key) override;
  absl::StatusOr<std::vector<AssistanceRequest>> ListAssistance(int64_t channel_id) override;

 private:
  common::db::ConnectionPool& pool_;
  const common::Clock& clock_;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_CAPACITY_STORE_H_

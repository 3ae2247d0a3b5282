// ReportStore on MySQL/MariaDB (schema cs_channel_registry, migrations/0001_channel_registry.sql):
// the store every deployed channel-registry process uses. Every call is one transaction.
// Thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_REPORT_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_REPORT_STORE_H_

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/channel-registry/store/report_store.h"

namespace cs::channel {

class MySqlReportStore final : public ReportStore {
 public:
  // `pool` and `clock` must outlive the store. The clock stamps idempotency keys only (expiry); the
  // domain's times come with the values stored.
  explicit MySqlReportStore(common::db::ConnectionPool& pool,
                            const common::Clock& clock = common::Clock::Real())
      : pool_(pool), clock_(clock) {}

  absl::StatusOr<SubmitReportResult> Submit(const std::string& unit_id,
                                            const ReportSubmission& submission,
                                            const RequestKey& key) override;
  absl::StatusOr<absl::optional<ReportSubmission>> Get(int64_t channel_id,
                                                       const std::string& month) override;
  absl::StatusOr<std::vector<ReportSubmission>> ListForUnitMonth(const std::string& unit_id,
                                                                 const std::string& month) override;
  absl::StatusOr<bool> RecordMissed(const MissedReport& missed) override;
  absl::StatusOr<std::vector<MissedReport>> ListMissed(const std::string& unit_id,
                                                       const std::string& month) override;

 private:
  common::db::ConnectionPool& pool_;
  const common::Clock& clock_;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_REPORT_STORE_H_

// PartnerStore on MySQL/MariaDB (schema cs_assessment, migrations/0002_assessment_records.sql): the
// store every deployed assessment process uses. Every call is one transaction. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_MYSQL_H_
#define CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_MYSQL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/assessment/store/partner_store.h"

namespace cs::assessment {

class MySqlPartnerStore final : public PartnerStore {
 public:
  // `pool` and `clock` must outlive the store. The clock stamps idempotency keys only (expiry); the
  // domain's times come with the values stored.
  explicit MySqlPartnerStore(common::db::ConnectionPool& pool,
                             const common::Clock& clock = common::Clock::Real())
      : pool_(pool), clock_(clock) {}

  absl::StatusOr<PartnerResult> Register(Partner partner, const RequestKey& key) override;
  absl::StatusOr<Partner> Get(int64_t id) override;
  absl::StatusOr<std::vector<Partner>> List(const std::string& unit_id) override;
  absl::StatusOr<PartnerResult> Mutate(int64_t id, const RecordMutationOptions& options,
                                       const PartnerMutation& mutation) override;

 private:
  common::db::ConnectionPool& pool_;
  const common::Clock& clock_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_MYSQL_H_

// ScorecardStore on MySQL/MariaDB (schema cs_assessment, migrations/0002_assessment_records.sql):
// the store every deployed assessment process uses. Every call is one transaction. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_MYSQL_H_
#define CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_MYSQL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/assessment/store/scorecard_store.h"

namespace cs::assessment {

class MySqlScorecardStore final : public ScorecardStore {
 public:
  // `pool` and `clock` must outlive the store. The clock stamps idempotency keys only (expiry); the
  // domain's times come with the values stored.
  explicit MySqlScorecardStore(common::db::ConnectionPool& pool,
                               const common::Clock& clock = common::Clock::Real())
      : pool_(pool), clock_(clock) {}

  absl::StatusOr<ScorecardResult> Save(const Scorecard& scorecard, const RequestKey& key) override;
  absl::StatusOr<absl::optional<StoredScorecard>> Get(const std::string& unit_id,
                                                      absl::CivilMonth month,
                                                      const std::string& set_name) override;
  absl::StatusOr<std::vector<StoredScorecard>> ListForMonth(absl::CivilMonth month,
                                                            const std::string& set_name) override;
  absl::StatusOr<ScorecardResult> Replace(const Scorecard& scorecard,
                                          const RequestKey& key) override;
  absl::StatusOr<ScorecardResult> RecordFeedback(const std::string& unit_id, absl::CivilMonth month,
                                                 const std::string& set_name,
                                                 const std::string& feedback, const std::string& by,
                                                 absl::Time at, const RequestKey& key) override;

 private:
  common::db::ConnectionPool& pool_;
  const common::Clock& clock_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_MYSQL_H_

// SurveyStore on MySQL/MariaDB (schema cs_assessment, migrations/0002_assessment_records.sql): the
// store every deployed assessment process uses. Every call is one transaction. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_MYSQL_H_
#define CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_MYSQL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/assessment/store/survey_store.h"

namespace cs::assessment {

class MySqlSurveyStore final : public SurveyStore {
 public:
  // `pool` and `clock` must outlive the store. The clock stamps idempotency keys only (expiry); the
  // domain's times come with the values stored.
  explicit MySqlSurveyStore(common::db::ConnectionPool& pool,
                            const common::Clock& clock = common::Clock::Real())
      : pool_(pool), clock_(clock) {}

  absl::StatusOr<RecordSurveyResult> Record(SurveySummary survey, const RequestKey& key) override;
  absl::StatusOr<SurveyPage> List(const std::string& unit_id, int64_t after_id,
                                  int page_size) override;
  absl::StatusOr<std::vector<SurveySummary>> ListForMonth(const std::string& unit_id,
                                                          absl::CivilDay from,
                                                          absl::CivilDay until) override;

 private:
  common::db::ConnectionPool& pool_;
  const common::Clock& clock_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_MYSQL_H_

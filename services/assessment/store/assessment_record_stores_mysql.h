// The assessment service's MySQL record stores over one connection pool, as the wiring hands them
// to the core. They share nothing but the pool; no transaction spans two of them. Thread-safe, as
// each store is.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORES_MYSQL_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORES_MYSQL_H_

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/assessment/store/assessment_record_stores.h"
#include "services/assessment/store/partner_store_mysql.h"
#include "services/assessment/store/scorecard_store_mysql.h"
#include "services/assessment/store/survey_store_mysql.h"
#include "services/assessment/store/task_store_mysql.h"

namespace cs::assessment {

class MySqlAssessmentRecordStores final {
 public:
  // `pool` and `infrastructure_clock` (it stamps idempotency keys) must outlive the stores.
  explicit MySqlAssessmentRecordStores(
      common::db::ConnectionPool& pool,
      const common::Clock& infrastructure_clock = common::Clock::Real())
      : surveys_(pool, infrastructure_clock),
        partners_(pool, infrastructure_clock),
        tasks_(pool, infrastructure_clock),
        scorecards_(pool, infrastructure_clock) {}

  MySqlAssessmentRecordStores(const MySqlAssessmentRecordStores&) = delete;
  MySqlAssessmentRecordStores& operator=(const MySqlAssessmentRecordStores&) = delete;

  AssessmentRecordStores stores() { return {surveys_, partners_, tasks_, scorecards_}; }

  MySqlSurveyStore& surveys() { return surveys_; }
  MySqlPartnerStore& partners() { return partners_; }
  MySqlTaskStore& tasks() { return tasks_; }
  MySqlScorecardStore& scorecards() { return scorecards_; }

 private:
  MySqlSurveyStore surveys_;
  MySqlPartnerStore partners_;
  MySqlTaskStore tasks_;
  MySqlScorecardStore scorecards_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORES_MYSQL_H_

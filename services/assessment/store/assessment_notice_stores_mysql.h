// The assessment service's three MySQL notice stores over one connection pool, as the wiring hands
// them to the core. They share nothing but the pool; no transaction spans two of them.
// Thread-safe, as each store is.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORES_MYSQL_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORES_MYSQL_H_

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/assessment/store/assessment_notice_stores.h"
#include "services/assessment/store/launch_review_store_mysql.h"
#include "services/assessment/store/maintenance_store_mysql.h"
#include "services/assessment/store/notice_store_mysql.h"

namespace cs::assessment {

class MySqlAssessmentNoticeStores final {
 public:
  // `pool` and `infrastructure_clock` (it stamps idempotency keys) must outlive the stores.
  explicit MySqlAssessmentNoticeStores(
      common::db::ConnectionPool& pool,
      const common::Clock& infrastructure_clock = common::Clock::Real())
      : notices_(pool, infrastructure_clock),
        maintenance_(pool, infrastructure_clock),
        launch_reviews_(pool, infrastructure_clock) {}

  MySqlAssessmentNoticeStores(const MySqlAssessmentNoticeStores&) = delete;
  MySqlAssessmentNoticeStores& operator=(const MySqlAssessmentNoticeStores&) = delete;

  AssessmentNoticeStores stores() { return {notices_, maintenance_, launch_reviews_}; }

 private:
  MySqlNoticeStore notices_;
  MySqlMaintenanceStore maintenance_;
  MySqlLaunchReviewStore launch_reviews_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORES_MYSQL_H_

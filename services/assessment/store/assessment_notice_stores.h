// The assessment service's three notice store interfaces, one per aggregate, as the core takes
// them: rectification notices (notice_store.h), maintenance notices (maintenance_store.h) and
// launch reviews (launch_review_store.h). Deployed: MySqlAssessmentNoticeStores; in the core's unit
// tests: InMemoryAssessmentNoticeStores. No transaction spans two of them. The references must
// outlive the holder.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORES_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORES_H_

#include "services/assessment/store/launch_review_store.h"
#include "services/assessment/store/maintenance_store.h"
#include "services/assessment/store/notice_store.h"

namespace cs::assessment {

struct AssessmentNoticeStores {
  NoticeStore& notices;
  MaintenanceStore& maintenance;
  LaunchReviewStore& launch_reviews;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORES_H_

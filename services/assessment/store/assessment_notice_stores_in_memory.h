// The assessment service's three notice stores kept in process memory, as the core's unit tests
// hand them to the core (never in a deployed process). Thread-safe, as each store is.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORES_IN_MEMORY_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORES_IN_MEMORY_H_

#include "services/assessment/store/assessment_notice_stores.h"
#include "services/assessment/store/launch_review_store_in_memory.h"
#include "services/assessment/store/maintenance_store_in_memory.h"
#include "services/assessment/store/notice_store_in_memory.h"

namespace cs::assessment {

class InMemoryAssessmentNoticeStores final {
 public:
  InMemoryAssessmentNoticeStores() = default;
  InMemoryAssessmentNoticeStores(const InMemoryAssessmentNoticeStores&) = delete;
  InMemoryAssessmentNoticeStores& operator=(const InMemoryAssessmentNoticeStores&) = delete;

  AssessmentNoticeStores stores() { return {notices_, maintenance_, launch_reviews_}; }

 private:
  InMemoryNoticeStore notices_;
  InMemoryMaintenanceStore maintenance_;
  InMemoryLaunchReviewStore launch_reviews_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORES_IN_MEMORY_H_

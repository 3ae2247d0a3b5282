// The assessment service's record stores kept in process memory, as the core's unit tests hand
// them to the core (never in a deployed process: nothing survives a restart). Thread-safe, as each
// store is.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORES_IN_MEMORY_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORES_IN_MEMORY_H_

#include "services/assessment/store/assessment_record_stores.h"
#include "services/assessment/store/partner_store_in_memory.h"
#include "services/assessment/store/scorecard_store_in_memory.h"
#include "services/assessment/store/survey_store_in_memory.h"
#include "services/assessment/store/task_store_in_memory.h"

namespace cs::assessment {

class InMemoryAssessmentRecordStores final {
 public:
  InMemoryAssessmentRecordStores() = default;
  InMemoryAssessmentRecordStores(const InMemoryAssessmentRecordStores&) = delete;
  InMemoryAssessmentRecordStores& operator=(const InMemoryAssessmentRecordStores&) = delete;

  AssessmentRecordStores stores() { return {surveys_, partners_, tasks_, scorecards_}; }

  InMemorySurveyStore& surveys() { return surveys_; }
  InMemoryPartnerStore& partners() { return partners_; }
  InMemoryTaskStore& tasks() { return tasks_; }
  InMemoryScorecardStore& scorecards() { return scorecards_; }

 private:
  InMemorySurveyStore surveys_;
  InMemoryPartnerStore partners_;
  InMemoryTaskStore tasks_;
  InMemoryScorecardStore scorecards_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORES_IN_MEMORY_H_

// The assessment service's record store interfaces, one per aggregate, as the core takes them:
// surveys (survey_store.h), partners and agents (partner_store.h), special tasks and trainings
// (task_store.h) and scorecards (scorecard_store.h). Deployed: MySqlAssessmentRecordStores; in the
// core's unit tests: InMemoryAssessmentRecordStores. No transaction spans two of them. The
// references must outlive the holder.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORES_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORES_H_

#include "services/assessment/store/partner_store.h"
#include "services/assessment/store/scorecard_store.h"
#include "services/assessment/store/survey_store.h"
#include "services/assessment/store/task_store.h"

namespace cs::assessment {

struct AssessmentRecordStores {
  SurveyStore& surveys;
  PartnerStore& partners;
  TaskStore& tasks;
  ScorecardStore& scorecards;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORES_H_

// The assessment service's record store contracts against the in-memory stores (label unit).
#include "services/assessment/store/assessment_record_stores_in_memory.h"
#include "services/assessment/store/partner_store_contract.h"
#include "services/assessment/store/scorecard_store_contract.h"
#include "services/assessment/store/survey_store_contract.h"
#include "services/assessment/store/task_store_contract.h"

namespace cs::assessment::testing {
namespace {

class InMemoryHolder final : public RecordStoreHolder {
 public:
  AssessmentRecordStores stores() override { return stores_.stores(); }

 private:
  InMemoryAssessmentRecordStores stores_;
};

struct InMemoryTraits {
  static absl::StatusOr<std::unique_ptr<RecordStoreHolder>> Create() {
    return std::unique_ptr<RecordStoreHolder>(new InMemoryHolder());
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, SurveyStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, PartnerStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, TaskStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, ScorecardStoreContractTest, InMemoryTraits);

}  // namespace
}  // namespace cs::assessment::testing

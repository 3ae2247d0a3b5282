// The assessment service's notice store contracts against the in-memory stores (label unit).
#include "services/assessment/store/assessment_notice_stores_in_memory.h"
#include "services/assessment/store/launch_review_store_contract.h"
#include "services/assessment/store/maintenance_store_contract.h"
#include "services/assessment/store/notice_store_contract.h"

namespace cs::assessment::testing {
namespace {

class InMemoryHolder final : public NoticeStoreHolder {
 public:
  AssessmentNoticeStores stores() override { return stores_.stores(); }

 private:
  InMemoryAssessmentNoticeStores stores_;
};

struct InMemoryTraits {
  static absl::StatusOr<std::unique_ptr<NoticeStoreHolder>> Create() {
    return std::unique_ptr<NoticeStoreHolder>(new InMemoryHolder());
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, NoticeStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, MaintenanceStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, LaunchReviewStoreContractTest, InMemoryTraits);

}  // namespace
}  // namespace cs::assessment::testing

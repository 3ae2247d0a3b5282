// What the assessment service's record store contracts share: the holder a traits type creates,
// and the fixture every contract suite derives from. Each suite — surveys
// (survey_store_contract.h), partners (partner_store_contract.h), tasks and trainings
// (task_store_contract.h), scorecards (scorecard_store_contract.h) — is a typed test suite
// instantiated for the in-memory stores (assessment_record_store_in_memory_test, label unit) and
// the MySQL stores on a real MariaDB (assessment_record_store_mysql_test, label integration), so
// both behave alike. A traits type `T` provides
//   static absl::StatusOr<std::unique_ptr<RecordStoreHolder>> Create();
// Tests only.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORE_CONTRACT_FIXTURE_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORE_CONTRACT_FIXTURE_H_

#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "services/assessment/store/assessment_record_store_test_support.h"
#include "services/assessment/store/assessment_record_stores.h"

namespace cs::assessment::testing {

class RecordStoreHolder {
 public:
  virtual ~RecordStoreHolder() = default;
  // One service's record stores.
  virtual AssessmentRecordStores stores() = 0;
};

template <typename T>
class AssessmentRecordStoreContract : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<RecordStoreHolder>> holder = T::Create();
    ASSERT_TRUE(holder.ok()) << holder.status();
    holder_ = *std::move(holder);
  }
  SurveyStore& surveys() { return holder_->stores().surveys; }
  PartnerStore& partners() { return holder_->stores().partners; }
  TaskStore& tasks() { return holder_->stores().tasks; }
  ScorecardStore& scorecards() { return holder_->stores().scorecards; }

  std::unique_ptr<RecordStoreHolder> holder_;
};

}  // namespace cs::assessment::testing

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_STORE_CONTRACT_FIXTURE_H_

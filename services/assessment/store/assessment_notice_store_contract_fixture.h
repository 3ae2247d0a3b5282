// What the assessment service's notice store contracts share: the holder a traits type creates,
// and the fixture every contract suite derives from. Each suite — rectification notices
// (notice_store_contract.h), maintenance notices (maintenance_store_contract.h), launch reviews
// (launch_review_store_contract.h) — is a typed test suite instantiated for the in-memory stores
// (assessment_notice_store_in_memory_test, label unit) and the MySQL stores on a real MariaDB
// (assessment_notice_store_mysql_test, label integration), so both behave alike. A traits type `T`
// provides
//   static absl::StatusOr<std::unique_ptr<NoticeStoreHolder>> Create();
// Tests only.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORE_CONTRACT_FIXTURE_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORE_CONTRACT_FIXTURE_H_

#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "services/assessment/store/assessment_notice_store_test_support.h"
#include "services/assessment/store/assessment_notice_stores.h"

namespace cs::assessment::testing {

class NoticeStoreHolder {
 public:
  virtual ~NoticeStoreHolder() = default;
  // One service's notice stores.
  virtual AssessmentNoticeStores stores() = 0;
};

template <typename T>
class AssessmentNoticeStoreContract : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<NoticeStoreHolder>> holder = T::Create();
    ASSERT_TRUE(holder.ok()) << holder.status();
    holder_ = *std::move(holder);
  }
  NoticeStore& notices() { return holder_->stores().notices; }
  MaintenanceStore& maintenance() { return holder_->stores().maintenance; }
  LaunchReviewStore& launch_reviews() { return holder_->stores().launch_reviews; }

  // Creates `draft` under a fresh request id; its id (0 after a test failure).
  int64_t Issue(RectificationNotice draft = Issued()) {
    auto created = notices().Create(std::move(draft), Key(absl::StrCat("issue-", ++creates_)));
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->notice.id : 0;
  }
  int64_t File(MaintenanceNotice notice) {
    auto created = maintenance().Create(std::move(notice), Key(absl::StrCat("file-", ++creates_)));
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->record.notice.id : 0;
  }
  int64_t Submit(LaunchReview review) {
    auto created =
        launch_reviews().Create(std::move(review), Key(absl::StrCat("submit-", ++creates_)));
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->review.id : 0;
  }

  std::unique_ptr<NoticeStoreHolder> holder_;
  int creates_ = 0;
};

}  // namespace cs::assessment::testing

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORE_CONTRACT_FIXTURE_H_

// LaunchReviewStore on MySQL/MariaDB (schema cs_assessment,
// migrations/0001_assessment_notices.sql): the store every deployed assessment process uses. Every
// call is one transaction. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_LAUNCH_REVIEW_STORE_MYSQL_H_
#define CS_SERVICES_ASSESSMENT_STORE_LAUNCH_REVIEW_STORE_MYSQL_H_

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/assessment/store/launch_review_store.h"

namespace cs::assessment {

class MySqlLaunchReviewStore final : public LaunchReviewStore {
 public:
  // `pool` and `clock` must outlive the store. The clock stamps idempotency keys only.
  explicit MySqlLaunchReviewStore(common::db::ConnectionPool& pool,
                                  const common::Clock& clock = common::Clock::Real())
      : pool_(pool), clock_(clock) {}

  absl::StatusOr<LaunchReviewWriteResult> Create(LaunchReview review,
                                                 const RequestKey& key) override;
  absl::StatusOr<LaunchReview> Get(int64_t id) override;
  absl::StatusOr<LaunchReviewPage> List(const LaunchReviewFilter& filter, int64_t after_id,
                                        int page_size) override;
  absl::StatusOr<LaunchReviewWriteResult> Mutate(int64_t id, const NoticeMutationOptions& options,
                                                 const LaunchReviewMutation& mutation) override;

 private:
  common::db::ConnectionPool& pool_;
  const common::Clock& clock_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_LAUNCH_REVIEW_STORE_MYSQL_H_

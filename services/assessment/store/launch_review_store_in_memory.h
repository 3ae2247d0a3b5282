// LaunchReviewStore kept in process memory, for the fast unit tests of the assessment core only
// (never in a deployed process). Mutations run under the store's one mutex and must not call the
// store. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_LAUNCH_REVIEW_STORE_IN_MEMORY_H_
#define CS_SERVICES_ASSESSMENT_STORE_LAUNCH_REVIEW_STORE_IN_MEMORY_H_

#include "services/assessment/store/assessment_in_memory_table.h"
#include "services/assessment/store/launch_review_store.h"

namespace cs::assessment {

class InMemoryLaunchReviewStore final : public LaunchReviewStore {
 public:
  InMemoryLaunchReviewStore();

  absl::StatusOr<LaunchReviewWriteResult> Create(LaunchReview review,
                                                 const RequestKey& key) override;
  absl::StatusOr<LaunchReview> Get(int64_t id) override;
  absl::StatusOr<LaunchReviewPage> List(const LaunchReviewFilter& filter, int64_t after_id,
                                        int page_size) override;
  absl::StatusOr<LaunchReviewWriteResult> Mutate(int64_t id, const NoticeMutationOptions& options,
                                                 const LaunchReviewMutation& mutation) override;

 private:
  in_memory_internal::InMemoryTable<LaunchReview> records_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_LAUNCH_REVIEW_STORE_IN_MEMORY_H_

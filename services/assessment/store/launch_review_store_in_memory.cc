#include "services/assessment/store/launch_review_store_in_memory.h"

#include <utility>

#include "common/status/status_macros.h"
#include "services/assessment/store/assessment_notice_store_support.h"

namespace cs::assessment {

InMemoryLaunchReviewStore::InMemoryLaunchReviewStore() : records_(LaunchReviewRules()) {}

absl::StatusOr<LaunchReviewWriteResult> InMemoryLaunchReviewStore::Create(LaunchReview review,
                                                                          const RequestKey& key) {
  ASSIGN_OR_RETURN(auto created, records_.Create(std::move(review), key, kSubmitLaunchReviewScope));
  return LaunchReviewWriteResult{std::move(created.first), created.second};
}

absl::StatusOr<LaunchReview> InMemoryLaunchReviewStore::Get(int64_t id) { return records_.Get(id); }

absl::StatusOr<LaunchReviewPage> InMemoryLaunchReviewStore::List(const LaunchReviewFilter& filter,
                                                                 int64_t after_id, int page_size) {
  ASSIGN_OR_RETURN(auto page, records_.List(
                                  [&](const LaunchReview& r) {
                                    return filter.unit_id.empty() || r.unit_id == filter.unit_id;
                                  },
                                  after_id, page_size));
  return LaunchReviewPage{std::move(page.first), page.second};
}

absl::StatusOr<LaunchReviewWriteResult> InMemoryLaunchReviewStore::Mutate(
    int64_t id, const NoticeMutationOptions& options, const LaunchReviewMutation& mutation) {
  ASSIGN_OR_RETURN(auto mutated,
                   records_.Mutate(id, options, kLaunchReviewMutationScopePrefix, mutation));
  return LaunchReviewWriteResult{std::move(mutated.first), mutated.second};
}

}  // namespace cs::assessment

// Where the assessment service keeps its launch reviews (SPEC S3; M 7.7): one of the three store
// interfaces of the service's notices (see notice_store.h). The store names them "LR-<n>" and
// keeps what the domain (domain/launch_review.h) decided. Two implementations:
// MySqlLaunchReviewStore and InMemoryLaunchReviewStore; launch_review_store_contract.h holds both
// to the same behaviour. Implementations are thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_LAUNCH_REVIEW_STORE_H_
#define CS_SERVICES_ASSESSMENT_STORE_LAUNCH_REVIEW_STORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/assessment/domain/launch_review.h"
#include "services/assessment/store/notice_store.h"

namespace cs::assessment {

// Changes one loaded review in place (AcceptLaunchReview, RecordWindowTraining, RecordLaunch).
// Returning an error abandons the whole change. May run more than once: no side effects outside
// `review`.
using LaunchReviewMutation = std::function<absl::Status(LaunchReview& review)>;

struct LaunchReviewWriteResult {
  LaunchReview review;
  // True when the request_id had been answered before: nothing was created or changed.
  bool replayed = false;
};

struct LaunchReviewFilter {
  // Empty: every unit.
  std::string unit_id;
};

struct LaunchReviewPage {
  // In id order, each complete.
  std::vector<LaunchReview> reviews;
  // 0 when there is no further page; otherwise pass as `after_id`.
  int64_t next_after_id = 0;
};

class LaunchReviewStore {
 public:
  virtual ~LaunchReviewStore() = default;

  // Stores a review as submitted (SubmitLaunchReview's result): assigns its id (review.id
  // ignored), version 1, every other field as given. Idempotent by request_id as
  // NoticeStore::Create.
  virtual absl::StatusOr<LaunchReviewWriteResult> Create(LaunchReview review,
                                                         const RequestKey& key) = 0;

  // The complete review; NOT_FOUND naming "LR-<id>".
  virtual absl::StatusOr<LaunchReview> Get(int64_t id) = 0;

  // Reviews matching `filter` with id > after_id (0: from the first), at most page_size (>= 1,
  // else INVALID_ARGUMENT naming page_size).
  virtual absl::StatusOr<LaunchReviewPage> List(const LaunchReviewFilter& filter, int64_t after_id,
                                                int page_size) = 0;

  // As NoticeStore::Mutate: every field but the id as the mutation left it; history appended after
  // the loaded entries; version = loaded + 1.
  virtual absl::StatusOr<LaunchReviewWriteResult> Mutate(int64_t id,
                                                         const NoticeMutationOptions& options,
                                                         const LaunchReviewMutation& mutation) = 0;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_LAUNCH_REVIEW_STORE_H_

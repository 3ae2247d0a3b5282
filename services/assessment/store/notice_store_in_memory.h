// NoticeStore kept in process memory, for the fast unit tests of the assessment core only (never in
// a deployed process). Mutations run under the store's one mutex and must not call the store.
// Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_NOTICE_STORE_IN_MEMORY_H_
#define CS_SERVICES_ASSESSMENT_STORE_NOTICE_STORE_IN_MEMORY_H_

#include <vector>

#include "services/assessment/store/assessment_in_memory_table.h"
#include "services/assessment/store/notice_store.h"

namespace cs::assessment {

class InMemoryNoticeStore final : public NoticeStore {
 public:
  InMemoryNoticeStore();

  absl::StatusOr<NoticeWriteResult> Create(RectificationNotice draft,
                                           const RequestKey& key) override;
  absl::StatusOr<RectificationNotice> Get(int64_t id) override;
  absl::StatusOr<NoticePage> List(const NoticeFilter& filter, int64_t after_id,
                                  int page_size) override;
  absl::StatusOr<NoticeWriteResult> Mutate(int64_t id, const NoticeMutationOptions& options,
                                           const NoticeMutation& mutation) override;
  absl::StatusOr<std::vector<RectificationNotice>> ListAwaitingDeemedReceipt(
      absl::Time issued_before) override;
  absl::StatusOr<std::vector<RectificationNotice>> ListReplyOverdue(absl::Time now) override;

 private:
  in_memory_internal::InMemoryTable<RectificationNotice> records_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_NOTICE_STORE_IN_MEMORY_H_

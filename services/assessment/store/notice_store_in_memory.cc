#include "services/assessment/store/notice_store_in_memory.h"

#include <utility>

#include "common/status/status_macros.h"
#include "services/assessment/store/assessment_notice_store_support.h"

namespace cs::assessment {

InMemoryNoticeStore::InMemoryNoticeStore() : records_(NoticeRules()) {}

absl::StatusOr<NoticeWriteResult> InMemoryNoticeStore::Create(RectificationNotice draft,
                                                              const RequestKey& key) {
  ASSIGN_OR_RETURN(auto created, records_.Create(std::move(draft), key, kIssueNoticeScope));
  return NoticeWriteResult{std::move(created.first), created.second};
}

absl::StatusOr<RectificationNotice> InMemoryNoticeStore::Get(int64_t id) {
  return records_.Get(id);
}

absl::StatusOr<NoticePage> InMemoryNoticeStore::List(const NoticeFilter& filter, int64_t after_id,
                                                     int page_size) {
  ASSIGN_OR_RETURN(
      auto page,
      records_.List([&](const RectificationNotice& n) { return MatchesNoticeFilter(n, filter); },
                    after_id, page_size));
  return NoticePage{std::move(page.first), page.second};
}

absl::StatusOr<NoticeWriteResult> InMemoryNoticeStore::Mutate(int64_t id,
                                                              const NoticeMutationOptions& options,
                                                              const NoticeMutation& mutation) {
  ASSIGN_OR_RETURN(auto mutated,
                   records_.Mutate(id, options, kNoticeMutationScopePrefix, mutation));
  return NoticeWriteResult{std::move(mutated.first), mutated.second};
}

absl::StatusOr<std::vector<RectificationNotice>> InMemoryNoticeStore::ListAwaitingDeemedReceipt(
    absl::Time issued_before) {
  return records_.Select([&](const RectificationNotice& n) {
    return n.state == NoticeState::kIssued && n.issued_at < issued_before;
  });
}

absl::StatusOr<std::vector<RectificationNotice>> InMemoryNoticeStore::ListReplyOverdue(
    absl::Time now) {
  return records_.Select(
      [&](const RectificationNotice& n) { return AwaitingReply(n) && n.reply_due->at < now; });
}

}  // namespace cs::assessment

// Where the assessment service keeps its rectification notices 《整改措施单》 (SPEC S1, S7;
// M 7.13): one of the three store interfaces of the service's notices, one per aggregate —
// rectification notices (this), maintenance notices (maintenance_store.h) and launch reviews
// (launch_review_store.h); assessment_notice_stores.h bundles them for the core. Two
// implementations: MySqlNoticeStore (schema cs_assessment, migrations/0001_assessment_notices.sql)
// and InMemoryNoticeStore (unit tests of the core only); notice_store_contract.h holds both to the
// same behaviour. Implementations are thread-safe.
//
// The store keeps what the domain (domain/rectification.h) decided and owns only the id ("RN-<n>"),
// the version (every saved change moves it up by one) and the append-only parts (history, replies,
// verifications). It runs no business rule.
#ifndef CS_SERVICES_ASSESSMENT_STORE_NOTICE_STORE_H_
#define CS_SERVICES_ASSESSMENT_STORE_NOTICE_STORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/assessment/domain/rectification.h"
#include "services/assessment/store/assessment_store_support.h"

namespace cs::assessment {

// The options of Mutate, the same for the three notice stores (MutationOptions: a request key with
// its scope, an expected version).
using NoticeMutationOptions = MutationOptions;

// Changes one loaded notice in place (a domain function: acknowledge, deem received, reply,
// verify). Returning an error abandons the whole change. May run more than once (a retried
// transaction): no side effects outside `notice`.
using NoticeMutation = std::function<absl::Status(RectificationNotice& notice)>;

struct NoticeWriteResult {
  RectificationNotice notice;
  // True when the request_id had been answered before: this is that notice as it is now, nothing
  // was created or changed.
  bool replayed = false;
};

struct NoticeFilter {
  // Empty: every unit.
  std::string unit_id;
  // kUnspecified: every state.
  NoticeState state = NoticeState::kUnspecified;
  // When set: only notices whose reply is due before it (strictly) and not given — RECEIVED or
  // REOPENED with reply_due.at < *overdue_at (IsReplyOverdue at that instant).
  absl::optional<absl::Time> overdue_at;
};

struct NoticePage {
  // In id order, each complete (replies, verifications, history).
  std::vector<RectificationNotice> notices;
  // 0 when there is no further page; otherwise pass as `after_id`.
  int64_t next_after_id = 0;
};

class NoticeStore {
 public:
  virtual ~NoticeStore() = default;

  // Stores a notice as issued (IssueNotice's result): assigns its id (draft.id is ignored),
  // version 1, every other field as given, in one transaction. A repeated request_id with the same
  // fingerprint returns that first notice as it is now (replayed); with another fingerprint
  // INVALID_ARGUMENT naming request_id, as for a request_id that is not 1..64 printable ASCII.
  virtual absl::StatusOr<NoticeWriteResult> Create(RectificationNotice draft,
                                                   const RequestKey& key) = 0;

  // The complete notice; NOT_FOUND naming "RN-<id>".
  virtual absl::StatusOr<RectificationNotice> Get(int64_t id) = 0;

  // Notices matching `filter` with id > after_id (0: from the first), at most page_size (>= 1,
  // else INVALID_ARGUMENT naming page_size).
  virtual absl::StatusOr<NoticePage> List(const NoticeFilter& filter, int64_t after_id,
                                          int page_size) = 0;

  // Loads the notice under its lock, checks options (NoticeMutationOptions), applies `mutation`
  // and saves the result in one transaction with the request key: the notice's own fields as the
  // mutation left them; replies, verifications and history entries appended after the loaded ones
  // (entries already stored are never rewritten nor removed); version = loaded version + 1
  // whatever the mutation set; the id cannot change. NOT_FOUND naming the notice; the mutation's
  // error unchanged (nothing saved, the request key not used up).
  virtual absl::StatusOr<NoticeWriteResult> Mutate(int64_t id, const NoticeMutationOptions& options,
                                                   const NoticeMutation& mutation) = 0;

  // For the deemed-receipt sweep: ISSUED notices issued before `issued_before` (strictly), in id
  // order, each complete. Reads only; the sweep applies ApplyDeemedReceipt through Mutate.
  virtual absl::StatusOr<std::vector<RectificationNotice>> ListAwaitingDeemedReceipt(
      absl::Time issued_before) = 0;

  // For the metrics: notices whose reply is overdue at `now` (RECEIVED or REOPENED,
  // reply_due.at < now: IsReplyOverdue), in id order, each complete.
  virtual absl::StatusOr<std::vector<RectificationNotice>> ListReplyOverdue(absl::Time now) = 0;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_NOTICE_STORE_H_

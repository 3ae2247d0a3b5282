// NoticeStore on MySQL/MariaDB (schema cs_assessment, migrations/0001_assessment_notices.sql): the
// store every deployed assessment process uses. Every call is one transaction. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_NOTICE_STORE_MYSQL_H_
#define CS_SERVICES_ASSESSMENT_STORE_NOTICE_STORE_MYSQL_H_

#include <vector>

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/assessment/store/notice_store.h"

namespace cs::assessment {

class MySqlNoticeStore final : public NoticeStore {
 public:
  // `pool` and `clock` must outlive the store. The clock stamps idempotency keys only (expiry); the
  // domain's times come with the values stored.
  explicit MySqlNoticeStore(common::db::ConnectionPool& pool,
                            const common::Clock& clock = common::Clock::Real())
      : pool_(pool), clock_(clock) {}

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
  common::db::ConnectionPool& pool_;
  const common::Clock& clock_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_NOTICE_STORE_MYSQL_H_

// HotlineStore on MySQL/MariaDB (schema cs_hotline_registry, migrations/0001_hotline_registry.sql):
// the store every deployed hotline-registry process uses. Every call is one transaction; the sweep
// and notices lock hotline rows (SKIP LOCKED for the sweep), so replicas on one database never do
// the same work twice. Thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_HOTLINE_STORE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_HOTLINE_STORE_H_

#include <utility>

#include "common/db/connection_pool.h"
#include "common/db/transaction.h"
#include "common/time/clock.h"
#include "services/hotline-registry/store/hotline_store.h"
#include "services/hotline-registry/store/hotline_store_support.h"

namespace cs::hotline {

class MySqlHotlineStore final : public HotlineStore {
 public:
  // `pool` and `clock` must outlive the store. The clock stamps idempotency keys only (expiry); the
  // domain's times come with the values stored. `due_rule`: see DueRule (hotline_store.h).
  explicit MySqlHotlineStore(common::db::ConnectionPool& pool,
                             const common::Clock& clock = common::Clock::Real(),
                             DueRule due_rule = NextDueAt)
      : pool_(pool), clock_(clock), due_rule_(std::move(due_rule)) {}

  absl::StatusOr<CreateHotlineResult> Create(Hotline draft, const RequestKey& key) override;
  absl::StatusOr<Hotline> Get(int64_t id) override;
  absl::StatusOr<HotlinePage> List(const HotlineFilter& filter, int64_t after_id,
                                   int page_size) override;
  absl::StatusOr<MutationResult> Mutate(int64_t id, const MutationOptions& options,
                                        const HotlineMutation& mutation) override;
  absl::StatusOr<std::vector<SweptHotline>> ClaimDueChanges(
      absl::Time now, int limit, const HotlineMutation& mutation) override;
  absl::StatusOr<std::vector<ListedTransition>> ListTransitions(
      absl::Time active_at, const std::string& unit_id) override;
  absl::StatusOr<NoticeResult> CreateNotice(Notice draft, const RequestKey& key,
                                            const NoticeApplication& apply) override;
  absl::StatusOr<Notice> GetNotice(const std::string& notice_id) override;

 private:
  // Saves `changed`, a mutated copy of the stored and locked `loaded`, and returns it as stored.
  Hotline SaveHotline(common::db::Transaction& tx, const Hotline& loaded, Hotline changed) const;

  common::db::ConnectionPool& pool_;
  const common::Clock& clock_;
  const DueRule due_rule_;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_HOTLINE_STORE_H_

// RetentionStore on MySQL/MariaDB (tables retention_overrides and retention_changes of schema
// cs_archive). Each call is one transaction (RunInTransaction retries deadlocks). Thread-safe.
#ifndef CS_SERVICES_ARCHIVE_STORE_MYSQL_RETENTION_STORE_H_
#define CS_SERVICES_ARCHIVE_STORE_MYSQL_RETENTION_STORE_H_

#include "common/db/connection_pool.h"
#include "services/archive/store/retention_store.h"

namespace cs::archive {

class MySqlRetentionStore final : public RetentionStore {
 public:
  // `pool` must outlive the store.
  explicit MySqlRetentionStore(common::db::ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<std::vector<RetentionPolicy>> ListRetentionOverrides() override;
  absl::Status SetRetentionOverride(const RetentionPolicy& policy) override;

 private:
  common::db::ConnectionPool& pool_;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_MYSQL_RETENTION_STORE_H_

// AccessLogStore on MySQL/MariaDB (table access_log of schema cs_archive): the log every deployed
// archive process writes. Each call is one transaction (RunInTransaction retries deadlocks).
// Thread-safe.
#ifndef CS_SERVICES_ARCHIVE_STORE_MYSQL_ACCESS_LOG_STORE_H_
#define CS_SERVICES_ARCHIVE_STORE_MYSQL_ACCESS_LOG_STORE_H_

#include "common/db/connection_pool.h"
#include "common/db/transaction.h"
#include "services/archive/store/access_log_store.h"

namespace cs::archive {

// Writes `entry` as one access_log row inside `tx`, its texts cut to their columns at a UTF-8
// boundary (an access-log row never fails on length). The one writer of the table: the access-log
// store uses it, and MySqlRecordStore's reads call it inside their own transaction, so a read and
// its log row commit together or not at all (V3). Throws sql::SQLException, which the enclosing
// RunInTransaction turns into a Status.
void InsertAccessEntry(common::db::Transaction& tx, const AccessEntry& entry);

class MySqlAccessLogStore final : public AccessLogStore {
 public:
  // `pool` must outlive the store; its account needs the grants of deploy/sql/archive_grants.sql
  // (INSERT and SELECT on access_log, no UPDATE or DELETE).
  explicit MySqlAccessLogStore(common::db::ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<AccessLogPage> ListAccessLog(const AccessLogFilter& filter, int64_t cursor,
                                              int page_size, AccessEntry entry) override;
  absl::Status LogAccess(const AccessEntry& entry) override;

 private:
  common::db::ConnectionPool& pool_;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_MYSQL_ACCESS_LOG_STORE_H_

// CallRecordStore on MySQL/MariaDB (schema cs_hotline_registry, table call_records): the store
// every deployed hotline-registry process uses. A batch is one multi-row INSERT … ON DUPLICATE KEY
// UPDATE … RETURNING, autocommitted on its own (one round trip, durable when it returns), prepared
// once per connection and batch size. Thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_CALL_RECORD_STORE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_CALL_RECORD_STORE_H_

#include "common/db/connection_pool.h"
#include "services/hotline-registry/store/call_record_store.h"

namespace cs::hotline {

class MySqlCallRecordStore final : public CallRecordStore {
 public:
  // Rows per INSERT statement: a larger batch is split into statements of this many rows, run in
  // one transaction. 1000 rows × 9 columns stays far below MySQL's 65535 placeholders.
  static constexpr int kMaxRowsPerStatement = 1000;

  // `pool` must outlive the store.
  explicit MySqlCallRecordStore(common::db::ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<std::vector<InsertOutcome>> InsertBatch(
      const std::vector<IncomingCall>& calls) override;
  absl::StatusOr<StoredCall> Get(int64_t hotline_id, const std::string& call_id) override;
  absl::StatusOr<CallCounts> MonthCounts(int64_t hotline_id, const std::string& month,
                                         const absl::TimeZone& zone) override;
  absl::StatusOr<std::vector<int64_t>> HotlinesWithCallsWhileNotActive(
      const std::string& month, const absl::TimeZone& zone) override;

 private:
  common::db::ConnectionPool& pool_;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_CALL_RECORD_STORE_H_

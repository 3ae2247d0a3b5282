// The archive's four MySQL stores over one connection pool, as the wiring (and tools that build a
// whole archive) hand them to ArchiveCore. They share nothing but the pool: every transaction that
// crosses aggregates (a read and its access-log row, a version and its statistics) runs inside
// MySqlRecordStore. Thread-safe, as each store is.
#ifndef CS_SERVICES_ARCHIVE_STORE_MYSQL_ARCHIVE_STORES_H_
#define CS_SERVICES_ARCHIVE_STORE_MYSQL_ARCHIVE_STORES_H_

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/archive/store/archive_stores.h"
#include "services/archive/store/mysql_access_log_store.h"
#include "services/archive/store/mysql_monthly_report_store.h"
#include "services/archive/store/mysql_record_store.h"
#include "services/archive/store/mysql_retention_store.h"

namespace cs::archive {

class MySqlArchiveStores final {
 public:
  // `pool` and `infrastructure_clock` must outlive the stores; see MySqlRecordStore for both.
  explicit MySqlArchiveStores(common::db::ConnectionPool& pool,
                              const common::Clock& infrastructure_clock = common::Clock::Real())
      : records_(pool, infrastructure_clock),
        access_log_(pool),
        retention_(pool),
        monthly_reports_(pool, infrastructure_clock) {}

  MySqlArchiveStores(const MySqlArchiveStores&) = delete;
  MySqlArchiveStores& operator=(const MySqlArchiveStores&) = delete;

  ArchiveStores stores() { return {records_, access_log_, retention_, monthly_reports_}; }

  MySqlRecordStore& records() { return records_; }
  MySqlAccessLogStore& access_log() { return access_log_; }
  MySqlRetentionStore& retention() { return retention_; }
  MySqlMonthlyReportStore& monthly_reports() { return monthly_reports_; }

 private:
  MySqlRecordStore records_;
  MySqlAccessLogStore access_log_;
  MySqlRetentionStore retention_;
  MySqlMonthlyReportStore monthly_reports_;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_MYSQL_ARCHIVE_STORES_H_

// The hotline registry's four MySQL stores over one connection pool, as the wiring hands them to
// the core. They share nothing but the pool; no transaction spans two of them. Thread-safe, as each
// store is.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_HOTLINE_STORES_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_HOTLINE_STORES_H_

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/hotline-registry/store/hotline_stores.h"
#include "services/hotline-registry/store/mysql_call_record_store.h"
#include "services/hotline-registry/store/mysql_hotline_store.h"
#include "services/hotline-registry/store/mysql_report_store.h"
#include "services/hotline-registry/store/mysql_staff_store.h"

namespace cs::hotline {

class MySqlHotlineStores final {
 public:
  // `pool` and `infrastructure_clock` (it stamps idempotency keys) must outlive the stores.
  explicit MySqlHotlineStores(common::db::ConnectionPool& pool,
                              const common::Clock& infrastructure_clock = common::Clock::Real())
      : hotlines_(pool, infrastructure_clock),
        calls_(pool),
        staff_(pool, infrastructure_clock),
        reports_(pool, infrastructure_clock) {}

  MySqlHotlineStores(const MySqlHotlineStores&) = delete;
  MySqlHotlineStores& operator=(const MySqlHotlineStores&) = delete;

  HotlineStores stores() { return {hotlines_, calls_, staff_, reports_}; }

  MySqlHotlineStore& hotlines() { return hotlines_; }
  MySqlCallRecordStore& calls() { return calls_; }
  MySqlStaffStore& staff() { return staff_; }
  MySqlReportStore& reports() { return reports_; }

 private:
  MySqlHotlineStore hotlines_;
  MySqlCallRecordStore calls_;
  MySqlStaffStore staff_;
  MySqlReportStore reports_;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_HOTLINE_STORES_H_

// The channel registry's five MySQL stores over one connection pool, as the wiring hands them to
// the core. They share nothing but the pool; no transaction spans two of them. Thread-safe, as each
// store is.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_CHANNEL_STORES_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_CHANNEL_STORES_H_

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/channel-registry/store/channel_stores.h"
#include "services/channel-registry/store/mysql_capacity_store.h"
#include "services/channel-registry/store/mysql_channel_store.h"
#include "services/channel-registry/store/mysql_check_store.h"
#include "services/channel-registry/store/mysql_fault_store.h"
#include "services/channel-registry/store/mysql_report_store.h"

namespace cs::channel {

class MySqlChannelStores final {
 public:
  // `pool` and `infrastructure_clock` (it stamps idempotency keys) must outlive the stores.
  explicit MySqlChannelStores(common::db::ConnectionPool& pool,
                              const common::Clock& infrastructure_clock = common::Clock::Real())
      : channels_(pool, infrastructure_clock),
        faults_(pool, infrastructure_clock),
        checks_(pool, infrastructure_clock),
        capacity_(pool, infrastructure_clock),
        reports_(pool, infrastructure_clock) {}

  MySqlChannelStores(const MySqlChannelStores&) = delete;
  MySqlChannelStores& operator=(const MySqlChannelStores&) = delete;

  ChannelStores stores() { return {channels_, faults_, checks_, capacity_, reports_}; }

  MySqlChannelStore& channels() { return channels_; }
  MySqlFaultStore& faults() { return faults_; }
  MySqlCheckStore& checks() { return checks_; }
  MySqlCapacityStore& capacity() { return capacity_; }
  MySqlReportStore& reports() { return reports_; }

 private:
  MySqlChannelStore channels_;
  MySqlFaultStore faults_;
  MySqlCheckStore checks_;
  MySqlCapacityStore capacity_;
  MySqlReportStore reports_;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_CHANNEL_STORES_H_

// The channel registry's five stores kept in process memory, as the core's unit tests hand them to
// the core (never in a deployed process: nothing survives a restart). Thread-safe, as each store
// is.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_CHANNEL_STORES_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_CHANNEL_STORES_H_

#include "services/channel-registry/store/channel_stores.h"
#include "services/channel-registry/store/in_memory_capacity_store.h"
#include "services/channel-registry/store/in_memory_channel_store.h"
#include "services/channel-registry/store/in_memory_check_store.h"
#include "services/channel-registry/store/in_memory_fault_store.h"
#include "services/channel-registry/store/in_memory_report_store.h"

namespace cs::channel {

class InMemoryChannelStores final {
 public:
  InMemoryChannelStores() = default;
  InMemoryChannelStores(const InMemoryChannelStores&) = delete;
  InMemoryChannelStores& operator=(const InMemoryChannelStores&) = delete;

  ChannelStores stores() { return {channels_, faults_, checks_, capacity_, reports_}; }

  InMemoryChannelStore& channels() { return channels_; }
  InMemoryFaultStore& faults() { return faults_; }
  InMemoryCheckStore& checks() { return checks_; }
  InMemoryCapacityStore& capacity() { return capacity_; }
  InMemoryReportStore& reports() { return reports_; }

 private:
  InMemoryChannelStore channels_;
  InMemoryFaultStore faults_;
  InMemoryCheckStore checks_;
  InMemoryCapacityStore capacity_;
  InMemoryReportStore reports_;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_IN_MEMORY_CHANNEL_STORES_H_

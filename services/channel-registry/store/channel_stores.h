// The channel registry's five store interfaces, one per aggregate, as the core takes them: channels
// and unfiled reports (channel_store.h), faults (fault_store.h), checks (check_store.h), mailbox
// capacity (capacity_store.h) and monthly reports (report_store.h). Deployed: MySqlChannelStores;
// in the core's unit tests: InMemoryChannelStores. No transaction spans two of them. The
// references must outlive the holder.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORES_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORES_H_

#include "services/channel-registry/store/capacity_store.h"
#include "services/channel-registry/store/channel_store.h"
#include "services/channel-registry/store/check_store.h"
#include "services/channel-registry/store/fault_store.h"
#include "services/channel-registry/store/report_store.h"

namespace cs::channel {

struct ChannelStores {
  ChannelStore& channels;
  FaultStore& faults;
  CheckStore& checks;
  CapacityStore& capacity;
  ReportStore& reports;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORES_H_

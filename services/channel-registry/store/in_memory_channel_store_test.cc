// The channel registry's store contracts against the in-memory stores (label unit).
#include "services/channel-registry/store/capacity_store_contract.h"
#include "services/channel-registry/store/channel_store_contract.h"
#include "services/channel-registry/store/check_store_contract.h"
#include "services/channel-registry/store/fault_store_contract.h"
#include "services/channel-registry/store/in_memory_channel_stores.h"
#include "services/channel-registry/store/report_store_contract.h"

namespace cs::channel::testing {
namespace {

class InMemoryHolder final : public StoreHolder {
 public:
  ChannelStores stores() override { return stores_.stores(); }

 private:
  InMemoryChannelStores stores_;
};

struct InMemoryTraits {
  static absl::StatusOr<std::unique_ptr<StoreHolder>> Create() {
    return std::unique_ptr<StoreHolder>(new InMemoryHolder());
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, ChannelStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, FaultStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, CheckStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, CapacityStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, ReportStoreContractTest, InMemoryTraits);

}  // namespace
}  // namespace cs::channel::testing

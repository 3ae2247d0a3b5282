// The hotline registry's store contracts against the in-memory stores (label unit). A second
// replica of an in-memory registry is the same stores: there is only one process's memory.
#include "services/hotline-registry/store/call_record_store_contract.h"
#include "services/hotline-registry/store/hotline_store_contract.h"
#include "services/hotline-registry/store/in_memory_hotline_stores.h"
#include "services/hotline-registry/store/report_store_contract.h"
#include "services/hotline-registry/store/staff_store_contract.h"

namespace cs::hotline::testing {
namespace {

class InMemoryHolder final : public StoreHolder {
 public:
  HotlineStores stores() override { return stores_.stores(); }
  HotlineStores replica() override { return stores_.stores(); }

 private:
  InMemoryHotlineStores stores_;
};

struct InMemoryTraits {
  static absl::StatusOr<std::unique_ptr<StoreHolder>> Create() {
    return std::unique_ptr<StoreHolder>(new InMemoryHolder());
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, HotlineStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, CallRecordStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, StaffStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, ReportStoreContractTest, InMemoryTraits);

}  // namespace
}  // namespace cs::hotline::testing

// The ArchiveStore contract against the in-memory store.
#include "services/archive/store/in_memory_archive_store.h"

#include "services/archive/store/archive_store_contract.h"

namespace cs::archive::testing {
namespace {

class InMemoryHolder final : public StoreHolder {
 public:
  ArchiveStore& store() override { return store_; }

 private:
  InMemoryArchiveStore store_;
};

struct InMemoryTraits {
  static absl::StatusOr<std::unique_ptr<StoreHolder>> Create() {
    return std::unique_ptr<StoreHolder>(new InMemoryHolder());
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, ArchiveStoreContractTest, InMemoryTraits);

}  // namespace
}  // namespace cs::archive::testing

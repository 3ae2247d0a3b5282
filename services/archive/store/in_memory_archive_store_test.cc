// The archive's store contracts against the in-memory stores (label unit): InMemoryArchiveStore for
// records, access log and monthly reports, InMemoryRetentionStore for retention.
#include "services/archive/store/in_memory_archive_store.h"

#include "services/archive/store/access_log_store_contract.h"
#include "services/archive/store/in_memory_retention_store.h"
#include "services/archive/store/monthly_report_store_contract.h"
#include "services/archive/store/record_store_contract.h"
#include "services/archive/store/retention_store_contract.h"

namespace cs::archive::testing {
namespace {

class InMemoryHolder final : public StoreHolder {
 public:
  ArchiveStores stores() override { return {store_, store_, retention_, store_}; }

 private:
  InMemoryArchiveStore store_;
  InMemoryRetentionStore retention_;
};

struct InMemoryTraits {
  static absl::StatusOr<std::unique_ptr<StoreHolder>> Create() {
    return std::unique_ptr<StoreHolder>(new InMemoryHolder());
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, RecordStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, AccessLogStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, RetentionStoreContractTest, InMemoryTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(InMemory, MonthlyReportStoreContractTest, InMemoryTraits);

}  // namespace
}  // namespace cs::archive::testing

// What the channel registry's store contracts share: the holder a traits type creates, and the
// fixture every contract suite derives from. Each suite — channels and unfiled reports
// (channel_store_contract.h), faults (fault_store_contract.h), checks (check_store_contract.h),
// capacity (capacity_store_contract.h), monthly reports (report_store_contract.h) — is a typed test
// suite instantiated for the in-memory stores (channel_store_in_memory_test, label unit) and the
// MySQL stores on a real MariaDB (channel_store_mysql_test, label integration), so both behave
// alike. A traits type `T` provides
//   static absl::StatusOr<std::unique_ptr<StoreHolder>> Create();
// Tests only.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_CONTRACT_FIXTURE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_CONTRACT_FIXTURE_H_

#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/channel-registry/store/channel_store_test_support.h"
#include "services/channel-registry/store/channel_stores.h"

namespace cs::channel::testing {

class StoreHolder {
 public:
  virtual ~StoreHolder() = default;
  // One registry's stores.
  virtual ChannelStores stores() = 0;
};

template <typename T>
class ChannelStoreContract : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<StoreHolder>> holder = T::Create();
    ASSERT_TRUE(holder.ok()) << holder.status();
    holder_ = *std::move(holder);
  }
  ChannelStore& channels() { return holder_->stores().channels; }
  FaultStore& faults() { return holder_->stores().faults; }
  CheckStore& checks() { return holder_->stores().checks; }
  CapacityStore& capacity() { return holder_->stores().capacity; }
  ReportStore& reports() { return holder_->stores().reports; }

  // Creates `draft` under a fresh request id; its id (0 after a test failure).
  int64_t Create(OnlineChannel draft = Filed()) {
    auto created = channels().Create(std::move(draft), Key(absl::StrCat("create-", ++creates_)));
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->channel.id : 0;
  }

  std::unique_ptr<StoreHolder> holder_;
  int creates_ = 0;
};

}  // namespace cs::channel::testing

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_CONTRACT_FIXTURE_H_

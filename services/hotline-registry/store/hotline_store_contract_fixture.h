// What the hotline registry's store contracts share: the holder a traits type creates, and the
// fixture every contract suite derives from. Each suite — hotlines and notices
// (hotline_store_contract.h), call records (call_record_store_contract.h), staff and rosters
// (staff_store_contract.h), operating reports and phrase scores (report_store_contract.h) — is a
// typed test suite instantiated for the in-memory stores (hotline_store_in_memory_test, label unit)
// and the MySQL stores on a real MariaDB (hotline_store_mysql_test, label integration), so both
// behave alike. A traits type `T` provides
//   static absl::StatusOr<std::unique_ptr<StoreHolder>> Create();
// Tests only.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_CONTRACT_FIXTURE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_CONTRACT_FIXTURE_H_

#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "services/hotline-registry/store/hotline_store_test_support.h"
#include "services/hotline-registry/store/hotline_stores.h"

namespace cs::hotline::testing {

class StoreHolder {
 public:
  virtual ~StoreHolder() = default;
  // One registry's stores.
  virtual HotlineStores stores() = 0;
  // The stores a second replica of the service has over the same data (MySQL: other store objects
  // on another connection pool to the same schema; in memory: the same stores), for the claims
  // that must happen once across replicas.
  virtual HotlineStores replica() = 0;
};

template <typename T>
class HotlineStoreContract : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<StoreHolder>> holder = T::Create();
    ASSERT_TRUE(holder.ok()) << holder.status();
    holder_ = *std::move(holder);
  }
  HotlineStore& hotlines() { return holder_->stores().hotlines; }
  CallRecordStore& calls() { return holder_->stores().calls; }
  StaffStore& staff() { return holder_->stores().staff; }
  ReportStore& reports() { return holder_->stores().reports; }
  HotlineStores replica() { return holder_->replica(); }

  // Creates `draft` under a fresh request id; its id (0 after a test failure).
  int64_t Create(Hotline draft = Registered()) {
    auto created = hotlines().Create(std::move(draft), Key(absl::StrCat("create-", ++creates_)));
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->hotline.id : 0;
  }

  std::unique_ptr<StoreHolder> holder_;
  int creates_ = 0;
};

}  // namespace cs::hotline::testing

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_CONTRACT_FIXTURE_H_

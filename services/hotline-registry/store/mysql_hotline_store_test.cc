// The hotline registry's store contracts against the MySQL stores on a real MariaDB (label
// integration; a fresh schema per test, with the shared tables and the registry's migrations). The
// second replica is a second set of stores on its own connection pool to the same schema, as a
// second process would have.
#include "common/db/common_schema.h"
#include "common/db/migration_runner.h"
#include "common/testing/test_database.h"
#include "services/hotline-registry/migrations.h"
#include "services/hotline-registry/store/call_record_store_contract.h"
#include "services/hotline-registry/store/hotline_store_contract.h"
#include "services/hotline-registry/store/mysql_hotline_stores.h"
#include "services/hotline-registry/store/report_store_contract.h"
#include "services/hotline-registry/store/staff_store_contract.h"

namespace cs::hotline::testing {
namespace {

class MySqlHolder final : public StoreHolder {
 public:
  static absl::StatusOr<std::unique_ptr<StoreHolder>> Create() {
    auto holder = std::unique_ptr<MySqlHolder>(new MySqlHolder());
    ASSIGN_OR_RETURN(holder->database_, common::testing::TestDatabase::Create());
    ASSIGN_OR_RETURN(holder->pool_, holder->database_->CreatePool(6));
    ASSIGN_OR_RETURN(holder->replica_pool_, holder->database_->CreatePool(3));
    // Also proves the schema passes the runner's NO PAD collation check.
    RETURN_IF_ERROR(common::db::ApplyMigrations(
        *holder->pool_, {&common::db::common_schema::Migrations(), &schema::Migrations()}));
    holder->stores_ = std::make_unique<MySqlHotlineStores>(*holder->pool_);
    holder->replica_ = std::make_unique<MySqlHotlineStores>(*holder->replica_pool_);
    return std::unique_ptr<StoreHolder>(std::move(holder));
  }
  HotlineStores stores() override { return stores_->stores(); }
  HotlineStores replica() override { return replica_->stores(); }

 private:
  MySqlHolder() = default;

  // Destroyed in reverse: stores, pools, then the schema.
  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<common::db::ConnectionPool> pool_;
  std::unique_ptr<common::db::ConnectionPool> replica_pool_;
  std::unique_ptr<MySqlHotlineStores> stores_;
  std::unique_ptr<MySqlHotlineStores> replica_;
};

struct MySqlTraits {
  static absl::StatusOr<std::unique_ptr<StoreHolder>> Create() { return MySqlHolder::Create(); }
};

INSTANTIATE_TYPED_TEST_SUITE_P(MySql, HotlineStoreContractTest, MySqlTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(MySql, CallRecordStoreContractTest, MySqlTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(MySql, StaffStoreContractTest, MySqlTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(MySql, ReportStoreContractTest, MySqlTraits);

}  // namespace
}  // namespace cs::hotline::testing

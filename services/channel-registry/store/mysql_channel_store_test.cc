// The channel registry's store contracts against the MySQL stores on a real MariaDB (label
// integration; a fresh schema per test, with the shared tables and the registry's migrations).
#include "common/db/common_schema.h"
#include "common/db/migration_runner.h"
#include "common/status/status_macros.h"
#include "common/testing/test_database.h"
#include "services/channel-registry/migrations/migrations.h"
#include "services/channel-registry/store/capacity_store_contract.h"
#include "services/channel-registry/store/channel_store_contract.h"
#include "services/channel-registry/store/check_store_contract.h"
#include "services/channel-registry/store/fault_store_contract.h"
#include "services/channel-registry/store/mysql_channel_stores.h"
#include "services/channel-registry/store/report_store_contract.h"

namespace cs::channel::testing {
namespace {

class MySqlHolder final : public StoreHolder {
 public:
  static absl::StatusOr<std::unique_ptr<StoreHolder>> Create() {
    auto holder = std::unique_ptr<MySqlHolder>(new MySqlHolder());
    ASSIGN_OR_RETURN(holder->database_, common::testing::TestDatabase::Create());
    ASSIGN_OR_RETURN(holder->pool_, holder->database_->CreatePool(4));
    // Also proves the schema passes the runner's NO PAD collation check.
    RETURN_IF_ERROR(common::db::ApplyMigrations(
        *holder->pool_, {&common::db::common_schema::Migrations(), &schema::Migrations()}));
    holder->stores_ = std::make_unique<MySqlChannelStores>(*holder->pool_);
    return std::unique_ptr<StoreHolder>(std::move(holder));
  }
  ChannelStores stores() override { return stores_->stores(); }

 private:
  MySqlHolder() = default;

  // Destroyed in reverse: stores, pool, then the schema.
  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<common::db::ConnectionPool> pool_;
  std::unique_ptr<MySqlChannelStores> stores_;
};

struct MySqlTraits {
  static absl::StatusOr<std::unique_ptr<StoreHolder>> Create() { return MySqlHolder::Create(); }
};

INSTANTIATE_TYPED_TEST_SUITE_P(MySql, ChannelStoreContractTest, MySqlTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(MySql, FaultStoreContractTest, MySqlTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(MySql, CheckStoreContractTest, MySqlTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(MySql, CapacityStoreContractTest, MySqlTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(MySql, ReportStoreContractTest, MySqlTraits);

}  // namespace
}  // namespace cs::channel::testing

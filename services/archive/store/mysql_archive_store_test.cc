// The archive's store contracts against the MySQL stores on a real MariaDB (label integration; a
// fresh schema per test, with the archive's migrations).
#include "common/db/common_schema.h"
#include "common/db/migration_runner.h"
#include "common/testing/test_database.h"
#include "services/archive/migrations.h"
#include "services/archive/store/access_log_store_contract.h"
#include "services/archive/store/monthly_report_store_contract.h"
#include "services/archive/store/mysql_archive_stores.h"
#include "services/archive/store/record_store_contract.h"
#include "services/archive/store/retention_store_contract.h"

namespace cs::archive::testing {
namespace {

class MySqlHolder final : public StoreHolder {
 public:
  static absl::StatusOr<std::unique_ptr<StoreHolder>> Create() {
    auto holder = std::unique_ptr<MySqlHolder>(new MySqlHolder());
    ASSIGN_OR_RETURN(holder->database_, common::testing::TestDatabase::Create());
    ASSIGN_OR_RETURN(holder->pool_, holder->database_->CreatePool(6));
    RETURN_IF_ERROR(common::db::ApplyMigrations(
        *holder->pool_, {&common::db::common_schema::Migrations(), &schema::Migrations()}));
    holder->stores_ = std::make_unique<MySqlArchiveStores>(*holder->pool_);
    return std::unique_ptr<StoreHolder>(std::move(holder));
  }
  ArchiveStores stores() override { return stores_->stores(); }

 private:
  MySqlHolder() = default;

  // Destroyed in reverse: stores, pool, then the schema.
  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<common::db::ConnectionPool> pool_;
  std::unique_ptr<MySqlArchiveStores> stores_;
};

struct MySqlTraits {
  static absl::StatusOr<std::unique_ptr<StoreHolder>> Create() { return MySqlHolder::Create(); }
};

INSTANTIATE_TYPED_TEST_SUITE_P(MySql, RecordStoreContractTest, MySqlTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(MySql, AccessLogStoreContractTest, MySqlTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(MySql, RetentionStoreContractTest, MySqlTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(MySql, MonthlyReportStoreContractTest, MySqlTraits);

}  // namespace
}  // namespace cs::archive::testing

// The ArchiveStore contract against the MySQL store on a real MariaDB (a fresh schema per test,
// with the archive's migrations).
#include "services/archive/store/mysql_archive_store.h"

#include "common/db/common_schema.h"
#include "common/db/migration_runner.h"
#include "common/testing/test_database.h"
#include "services/archive/migrations.h"
#include "services/archive/store/archive_store_contract.h"

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
    holder->store_ = std::make_unique<MySqlArchiveStore>(*holder->pool_);
    return std::unique_ptr<StoreHolder>(std::move(holder));
  }
  ArchiveStore& store() override { return *store_; }

 private:
  MySqlHolder() = default;

  // Destroyed in reverse: store, pool, then the schema.
  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<common::db::ConnectionPool> pool_;
  std::unique_ptr<MySqlArchiveStore> store_;
};

struct MySqlTraits {
  static absl::StatusOr<std::unique_ptr<StoreHolder>> Create() { return MySqlHolder::Create(); }
};

INSTANTIATE_TYPED_TEST_SUITE_P(MySql, ArchiveStoreContractTest, MySqlTraits);

}  // namespace
}  // namespace cs::archive::testing

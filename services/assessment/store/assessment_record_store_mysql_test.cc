// The assessment service's record store contracts against the MySQL stores on a real MariaDB
// (label integration; a fresh schema per test, with the shared tables and the service's
// migrations).
#include "common/db/common_schema.h"
#include "common/db/migration_runner.h"
#include "common/status/status_macros.h"
#include "common/testing/test_database.h"
#include "services/assessment/store/assessment_notice_migrations.h"
#include "services/assessment/store/assessment_record_stores_mysql.h"
#include "services/assessment/store/partner_store_contract.h"
#include "services/assessment/store/scorecard_store_contract.h"
#include "services/assessment/store/survey_store_contract.h"
#include "services/assessment/store/task_store_contract.h"

namespace cs::assessment::testing {
namespace {

class MySqlHolder final : public RecordStoreHolder {
 public:
  static absl::StatusOr<std::unique_ptr<RecordStoreHolder>> Create() {
    auto holder = std::unique_ptr<MySqlHolder>(new MySqlHolder());
    ASSIGN_OR_RETURN(holder->database_, common::testing::TestDatabase::Create());
    ASSIGN_OR_RETURN(holder->pool_, holder->database_->CreatePool(4));
    // Also proves the schema passes the runner's NO PAD collation check.
    RETURN_IF_ERROR(common::db::ApplyMigrations(
        *holder->pool_, {&common::db::common_schema::Migrations(), &schema::Migrations()}));
    holder->stores_ = std::make_unique<MySqlAssessmentRecordStores>(*holder->pool_);
    return std::unique_ptr<RecordStoreHolder>(std::move(holder));
  }
  AssessmentRecordStores stores() override { return stores_->stores(); }

 private:
  MySqlHolder() = default;

  // Destroyed in reverse: stores, pool, then the schema.
  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<common::db::ConnectionPool> pool_;
  std::unique_ptr<MySqlAssessmentRecordStores> stores_;
};

struct MySqlTraits {
  static absl::StatusOr<std::unique_ptr<RecordStoreHolder>> Create() {
    return MySqlHolder::Create();
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(MySql, SurveyStoreContractTest, MySqlTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(MySql, PartnerStoreContractTest, MySqlTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(MySql, TaskStoreContractTest, MySqlTraits);
INSTANTIATE_TYPED_TEST_SUITE_P(MySql, ScorecardStoreContractTest, MySqlTraits);

}  // namespace
}  // namespace cs::assessment::testing

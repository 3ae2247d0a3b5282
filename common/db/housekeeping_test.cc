#include "common/db/housekeeping.h"

#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include "common/db/common_schema.h"
#include "common/db/idempotency.h"
#include "common/db/migration_runner.h"
#include "common/db/outbox.h"
#include "common/db/transaction.h"
#include "common/hash/sha256.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

int64_t Count(ConnectionPool& pool, const char* table) {
  absl::StatusOr<int64_t> count =
      RunInTransaction(pool, [&](Transaction& tx) -> absl::StatusOr<int64_t> {
        std::unique_ptr<sql::Statement> statement(tx.connection().createStatement());
        std::unique_ptr<sql::ResultSet> rows(
            statement->executeQuery(std::string("SELECT COUNT(*) FROM ") + table));
        rows->next();
        return rows->getInt64(1);
      });
  return count.ok() ? *count : -1;
}

TEST(HousekeepingTest, DropsOnlyDeliveredOldOutboxRowsAndOldRequestKeys) {
  ASSERT_OK_AND_ASSIGN(auto database, testing::TestDatabase::Create());
  ASSERT_OK_AND_ASSIGN(auto pool, database->CreatePool(2));
  ASSERT_OK(ApplyMigrations(*pool, {&common_schema::Migrations()}));
  const absl::Time long_ago = absl::FromUnixSeconds(1700000000);
  const absl::Time now = long_ago + absl::Hours(24 * 60);
  ASSERT_OK(RunInTransaction(*pool, [&](Transaction& tx) -> absl::Status {
    for (const char* destination : {"old-delivered", "old-pending"}) {
      OutboxMessage message;
      message.destination = destination;
      message.kind = "k";
      message.payload = "p";
      ASSIGN_OR_RETURN(std::string id, EnqueueOutbox(tx, message, long_ago));
    }
    tx.Execute("UPDATE outbox SET delivered_at = created_at WHERE destination = 'old-delivered'");
    ASSIGN_OR_RETURN(auto claimed, ClaimRequest(tx, "s", "old", Sha256Hex("a"), long_ago));
    RETURN_IF_ERROR(RecordResponse(tx, "s", "old", "r"));
    ASSIGN_OR_RETURN(claimed, ClaimRequest(tx, "s", "new", Sha256Hex("b"), now));
    return RecordResponse(tx, "s", "new", "r");
  }));
  ASSERT_OK(Housekeep(*pool, now));
  EXPECT_EQ(Count(*pool, "outbox"), 1);  // the undelivered one stays, however old
  EXPECT_EQ(Count(*pool, "idempotency_keys"), 1);
}

}  // namespace
}  // namespace cs::common::db

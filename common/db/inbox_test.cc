#include "common/db/inbox.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/barrier.h"
#include "absl/time/civil_time.h"
#include "common/db/common_schema.h"
#include "common/db/migration_runner.h"
#include "common/db/transaction.h"
#include "common/db/uuid.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::TestDatabase;
using ::testing::HasSubstr;

const absl::Time kNow =
    absl::FromCivil(absl::CivilSecond(2026, 3, 2, 10, 0, 0), absl::UTCTimeZone());

class InboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, TestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(pool_, database_->CreatePool(8));
    ASSERT_OK(ApplyMigrations(*pool_, {&common_schema::Migrations()}));
    ASSERT_OK(RunInTransaction(*pool_, [](Transaction& tx) -> absl::Status {
      tx.Execute("CREATE TABLE effects (message_id VARCHAR(64) NOT NULL)");
      return absl::OkStatus();
    }));
  }

  // What a receiver does: dedupe and apply the effect in one transaction. Returns "first
  // delivery?".
  absl::StatusOr<bool> Receive(const std::string& message_id) {
    return RunInTransaction(*pool_, [&](Transaction& tx) -> absl::StatusOr<bool> {
      ASSIGN_OR_RETURN(bool first, MarkProcessed(tx, message_id, "intake", kNow));
      if (first) {
        auto effect = tx.Prepare("INSERT INTO effects (message_id) VALUES (?)");
        effect->setString(1, message_id);
        effect->executeUpdate();
      }
      return first;
    });
  }

  int64_t Effects() {
    absl::StatusOr<int64_t> count =
        RunInTransaction(*pool_, [&](Transaction& tx) -> absl::StatusOr<int64_t> {
          auto select = tx.Prepare("SELECT COUNT(*) FROM effects");
          std::unique_ptr<sql::ResultSet> rows(select->executeQuery());
          rows->next();
          return rows->getInt64(1);
        });
    return count.value_or(-1);
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(InboxTest, FirstDeliveryIsNewAndARedeliveryIsADuplicate) {
  const std::string id = NewUuidV4();
  EXPECT_THAT(Receive(id), IsOkAndHolds(true));
  EXPECT_THAT(Receive(id), IsOkAndHolds(false));
  EXPECT_THAT(Receive(NewUuidV4()), IsOkAndHolds(true));
  EXPECT_EQ(Effects(), 2);
}

// Message ids compare byte for byte (issue 10): trailing spaces and case make another id.
TEST_F(InboxTest, IdsDifferingOnlyByTrailingSpacesOrCaseAreDifferentMessages) {
  EXPECT_THAT(Receive("m-1"), IsOkAndHolds(true));
  EXPECT_THAT(Receive("m-1 "), IsOkAndHolds(true));
  EXPECT_THAT(Receive("M-1"), IsOkAndHolds(true));
  EXPECT_THAT(Receive("m-1 "), IsOkAndHolds(false));
  EXPECT_EQ(Effects(), 3);
}

TEST_F(InboxTest, ARolledBackDeliveryIsNotRemembered) {
  const std::string id = NewUuidV4();
  EXPECT_THAT(RunInTransaction(*pool_,
                               [&](Transaction& tx) -> absl::Status {
                                 ASSIGN_OR_RETURN(bool first,
                                                  MarkProcessed(tx, id, "intake", kNow));
                                 EXPECT_TRUE(first);
                                 return absl::UnavailableError("effect failed");
                               }),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(Receive(id), IsOkAndHolds(true));
}

TEST_F(InboxTest, ConcurrentDuplicatesApplyTheEffectExactlyOnce) {
  constexpr int kDeliveries = 8;
  const std::string id = NewUuidV4();
  absl::Barrier* start = new absl::Barrier(kDeliveries);
  std::vector<absl::StatusOr<bool>> results(kDeliveries, absl::UnknownError("not run"));
  std::vector<std::thread> threads;
  for (int i = 0; i < kDeliveries; ++i) {
    threads.emplace_back([&, i] {
      if (start->Block()) delete start;
      results[i] = Receive(id);
    });
  }
  for (std::thread& thread : threads) thread.join();
  int firsts = 0;
  for (const absl::StatusOr<bool>& result : results) {
    ASSERT_TRUE(result.ok()) << result.status();
    firsts += *result ? 1 : 0;
  }
  EXPECT_EQ(firsts, 1);
  EXPECT_EQ(Effects(), 1);
}

TEST_F(InboxTest, RejectsBadIdsNamingTheField) {
  EXPECT_THAT(Receive(""), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("message_id")));
  EXPECT_THAT(Receive(std::string(65, 'x')),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("message_id")));
  EXPECT_THAT(RunInTransaction(*pool_,
                               [&](Transaction& tx) -> absl::StatusOr<bool> {
                                 return MarkProcessed(tx, "id-1", "", kNow);
                               }),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("source")));
  EXPECT_EQ(Effects(), 0);
}

}  // namespace
}  // namespace cs::common::db

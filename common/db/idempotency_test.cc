#include "common/db/idempotency.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/synchronization/barrier.h"
#include "absl/time/civil_time.h"
#include "common/db/common_schema.h"
#include "common/db/migration_runner.h"
#include "common/db/transaction.h"
#include "common/db/uuid.h"
#include "common/hash/sha256.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::TestDatabase;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

const absl::Time kNow =
    absl::FromCivil(absl::CivilSecond(2026, 3, 2, 10, 0, 0), absl::UTCTimeZone());
constexpr absl::string_view kScope = "test.CreateThing";

class IdempotencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, TestDatabase::Create());
    MySqlOptions options = database_->options();
    options.pool_size = 16;
    ASSERT_OK_AND_ASSIGN(pool_, ConnectionPool::Create(options));
    ASSERT_OK(ApplyMigrations(*pool_, {&common_schema::Migrations()}));
    ASSERT_OK(RunInTransaction(*pool_, [](Transaction& tx) -> absl::Status {
      tx.Execute("CREATE TABLE things (id INT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(64))");
      return absl::OkStatus();
    }));
  }

  // A create handler as services write it: replay, or create + record in the same transaction.
  absl::StatusOr<std::string> Create(const std::string& request_id, const std::string& body,
                                     absl::Time now = kNow) {
    return RunInTransaction(*pool_, [&](Transaction& tx) -> absl::StatusOr<std::string> {
      ASSIGN_OR_RETURN(absl::optional<std::string> first,
                       ClaimRequest(tx, kScope, request_id, Sha256Hex(body), now));
      if (first.has_value()) return *first;
      auto insert = tx.Prepare("INSERT INTO things (body) VALUES (?)");
      insert->setString(1, body);
      insert->executeUpdate();
      const std::string response = "thing " + NewUuidV4();
      RETURN_IF_ERROR(RecordResponse(tx, kScope, request_id, response));
      return response;
    });
  }

  int64_t Things() {
    absl::StatusOr<int64_t> count =
        RunInTransaction(*pool_, [&](Transaction& tx) -> absl::StatusOr<int64_t> {
          auto select = tx.Prepare("SELECT COUNT(*) FROM things");
          std::unique_ptr<sql::ResultSet> rows(select->executeQuery());
          rows->next();
          return rows->getInt64(1);
        });
    return count.value_or(-1);
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(IdempotencyTest, ARetryGetsTheFirstResponseAndCreatesNothing) {
  ASSERT_OK_AND_ASSIGN(std::string first, Create("req-1", "body"));
  EXPECT_THAT(Create("req-1", "body"), IsOkAndHolds(first));
  EXPECT_EQ(Things(), 1);
  ASSERT_OK_AND_ASSIGN(std::string other, Create("req-2", "body"));
  EXPECT_NE(other, first);
  EXPECT_EQ(Things(), 2);
}

// Request ids compare byte for byte (issue 10): trailing spaces and case make another id.
TEST_F(IdempotencyTest, IdsDifferingOnlyByTrailingSpacesOrCaseAreDifferentRequests) {
  ASSERT_OK_AND_ASSIGN(std::string plain, Create("req-1", "body"));
  ASSERT_OK_AND_ASSIGN(std::string spaced, Create("req-1 ", "another body"));
  ASSERT_OK_AND_ASSIGN(std::string upper, Create("REQ-1", "body"));
  EXPECT_NE(spaced, plain);
  EXPECT_NE(upper, plain);
  EXPECT_THAT(Create("req-1 ", "another body"), IsOkAndHolds(spaced));
  EXPECT_EQ(Things(), 3);
}

TEST_F(IdempotencyTest, ScopesAreIndependent) {
  ASSERT_OK(Create("req-1", "body").status());
  absl::StatusOr<absl::optional<std::string>> claimed =
      RunInTransaction(*pool_, [&](Transaction& tx) -> absl::StatusOr<absl::optional<std::string>> {
        return ClaimRequest(tx, "test.OtherMethod", "req-1", Sha256Hex("x"), kNow);
      });
  ASSERT_OK(claimed.status());
  EXPECT_FALSE(claimed->has_value());
}

TEST_F(IdempotencyTest, ADifferentBodyUnderTheSameIdIsInvalidArgumentNamingRequestId) {
  ASSERT_OK(Create("req-1", "body").status());
  EXPECT_THAT(Create("req-1", "another body"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_EQ(Things(), 1);
}

TEST_F(IdempotencyTest, SixteenConcurrentRequestsWithOneIdCreateOnceAndAllGetTheSameResponse) {
  constexpr int kRequests = 16;
  absl::Barrier* start = new absl::Barrier(kRequests);
  std::vector<absl::StatusOr<std::string>> responses(kRequests, absl::UnknownError("not run"));
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      if (start->Block()) delete start;
      responses[i] = Create("same-id", "same body");
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_OK(responses[0].status());
  for (const absl::StatusOr<std::string>& response : responses) {
    EXPECT_THAT(response, IsOkAndHolds(*responses[0]));
  }
  EXPECT_EQ(Things(), 1);
}

TEST_F(IdempotencyTest, ARolledBackClaimLeavesTheIdFree) {
  EXPECT_THAT(RunInTransaction(*pool_,
                               [&](Transaction& tx) -> absl::Status {
                                 ASSIGN_OR_RETURN(
                                     absl::optional<std::string> first,
                                     ClaimRequest(tx, kScope, "req-1", Sha256Hex("body"), kNow));
                                 EXPECT_FALSE(first.has_value());
                                 return absl::FailedPreconditionError("unit is closed");
                               }),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_OK(Create("req-1", "a different body is fine now").status());
  EXPECT_EQ(Things(), 1);
}

TEST_F(IdempotencyTest, AClaimCommittedWithoutAResponseIsReported) {
  ASSERT_OK(RunInTransaction(*pool_, [&](Transaction& tx) -> absl::Status {
    return ClaimRequest(tx, kScope, "req-1", Sha256Hex("body"), kNow).status();
  }));
  EXPECT_THAT(Create("req-1", "body"), StatusIs(absl::StatusCode::kFailedPrecondition,
                                                HasSubstr("no response was recorded")));
}

TEST_F(IdempotencyTest, ResponsesAreStoredAsBytes) {
  const std::string bytes("\x00\x01\xfe\xff serialized", 15);
  ASSERT_OK(RunInTransaction(*pool_, [&](Transaction& tx) -> absl::Status {
    RETURN_IF_ERROR(ClaimRequest(tx, kScope, "req-1", Sha256Hex("body"), kNow).status());
    return RecordResponse(tx, kScope, "req-1", bytes);
  }));
  EXPECT_THAT(Create("req-1", "body"), IsOkAndHolds(bytes));
}

TEST_F(IdempotencyTest, RecordingWithoutAClaimIsFailedPrecondition) {
  EXPECT_THAT(RunInTransaction(*pool_,
                               [&](Transaction& tx) -> absl::Status {
                                 return RecordResponse(tx, kScope, "never-claimed", "r");
                               }),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(IdempotencyTest, RequestIdMustBeNonEmptyShortAndPrintable) {
  for (const std::string& bad :
       {std::string(), std::string(65, 'x'), std::string("a\nb"), std::string("\xe5\x8f\xb7")}) {
    EXPECT_THAT(Create(bad, "body"),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr("request_id"), Not(HasSubstr("body")))));
  }
  EXPECT_THAT(ValidateRequestId(std::string(64, 'x')), IsOk());
  EXPECT_EQ(Things(), 0);
}

TEST_F(IdempotencyTest, ExpiryDeletesOnlyOldKeys) {
  ASSERT_OK_AND_ASSIGN(std::string old_response, Create("old", "body", kNow));
  ASSERT_OK_AND_ASSIGN(std::string new_response, Create("new", "body", kNow + absl::Hours(2)));
  EXPECT_THAT(ExpireIdempotencyKeys(*pool_, kNow + absl::Hours(1)), IsOkAndHolds(1));
  // The expired id counts as new again; the recent one still replays.
  ASSERT_OK_AND_ASSIGN(std::string again, Create("old", "body", kNow + absl::Hours(3)));
  EXPECT_NE(again, old_response);
  EXPECT_THAT(Create("new", "body"), IsOkAndHolds(new_response));
}

// CreateOnce: the claim → replay-or-insert → record shape the stores share.
class CreateOnceTest : public IdempotencyTest {
 protected:
  struct Thing {
    int64_t id = 0;
    std::string body;
  };

  // Creates a thing with `body` under `request_id` (the fingerprint is the body's); `inserts`
  // counts the runs of insert.
  absl::StatusOr<CreatedOnce<Thing>> CreateThing(const std::string& request_id,
                                                 const std::string& body) {
    return CreateOnce<Thing>(
        *pool_, kScope, RequestKey{request_id, Sha256Hex(body)}, kNow,
        [&](Transaction& tx, int64_t id) -> absl::StatusOr<Thing> {
          auto select = tx.Prepare("SELECT body FROM things WHERE id = ?");
          select->setInt64(1, id);
          std::unique_ptr<sql::ResultSet> row(select->executeQuery());
          if (!row->next()) return absl::InternalError("the replayed thing is missing");
          return Thing{id, row->getString(1).asStdString()};
        },
        [&](Transaction& tx) -> absl::StatusOr<std::pair<int64_t, Thing>> {
          ++inserts_;
          auto insert = tx.Prepare("INSERT INTO things (body) VALUES (?) RETURNING id");
          insert->setString(1, body);
          std::unique_ptr<sql::ResultSet> row(insert->executeQuery());
          row->next();
          const int64_t id = row->getInt64(1);
          if (body == "refused") return absl::FailedPreconditionError("refused after the insert");
          return std::make_pair(id, Thing{id, body});
        });
  }

  std::atomic<int> inserts_{0};
};

TEST_F(CreateOnceTest, InsertsOnceAndARepeatReplaysTheRowTheFirstCreated) {
  ASSERT_OK_AND_ASSIGN(CreatedOnce<Thing> first, CreateThing("req-1", "body"));
  EXPECT_FALSE(first.replayed);
  EXPECT_GT(first.value.id, 0);
  EXPECT_EQ(first.value.body, "body");
  ASSERT_OK_AND_ASSIGN(CreatedOnce<Thing> again, CreateThing("req-1", "body"));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.value.id, first.value.id);
  EXPECT_EQ(again.value.body, "body");
  EXPECT_EQ(inserts_, 1);
  EXPECT_EQ(Things(), 1);
  // Another request id is another row.
  ASSERT_OK_AND_ASSIGN(CreatedOnce<Thing> other, CreateThing("req-2", "body"));
  EXPECT_FALSE(other.replayed);
  EXPECT_NE(other.value.id, first.value.id);
  EXPECT_EQ(Things(), 2);
}

TEST_F(CreateOnceTest, AnotherBodyUnderTheSameIdIsInvalidArgumentAndInsertsNothing) {
  ASSERT_OK(CreateThing("req-1", "body").status());
  EXPECT_THAT(CreateThing("req-1", "another body"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_EQ(inserts_, 1);
  EXPECT_EQ(Things(), 1);
}

TEST_F(CreateOnceTest, AnInsertErrorRollsBackTheRowAndLeavesTheIdFree) {
  EXPECT_THAT(CreateThing("req-1", "refused"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("refused")));
  EXPECT_EQ(Things(), 0);
  ASSERT_OK_AND_ASSIGN(CreatedOnce<Thing> created, CreateThing("req-1", "a different body"));
  EXPECT_FALSE(created.replayed);
  EXPECT_EQ(Things(), 1);
}

TEST_F(CreateOnceTest, AResponseThatIsNoRowIdIsInternal) {
  ASSERT_OK(Create("req-1", "body").status());  // records "thing <uuid>", not an id
  EXPECT_THAT(CreateThing("req-1", "body"),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("not a row id")));
  EXPECT_EQ(inserts_, 0);
}

TEST_F(CreateOnceTest, ABadRequestIdIsInvalidArgumentBeforeAnythingRuns) {
  EXPECT_THAT(CreateThing(std::string(65, 'x'), "body"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_EQ(inserts_, 0);
  EXPECT_EQ(Things(), 0);
}

TEST_F(CreateOnceTest, SixteenConcurrentCreatesWithOneIdInsertOneRowAndAllGetIt) {
  constexpr int kRequests = 16;
  absl::Barrier* start = new absl::Barrier(kRequests);
  std::vector<absl::StatusOr<CreatedOnce<Thing>>> results(kRequests, absl::UnknownError("not run"));
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      if (start->Block()) delete start;
      results[i] = CreateThing("same-id", "same body");
    });
  }
  for (std::thread& thread : threads) thread.join();
  int replayed = 0;
  for (const absl::StatusOr<CreatedOnce<Thing>>& result : results) {
    ASSERT_OK(result.status());
    EXPECT_EQ(result->value.id, results[0]->value.id);
    if (result->replayed) ++replayed;
  }
  EXPECT_EQ(replayed, kRequests - 1);
  EXPECT_EQ(Things(), 1);
}

TEST(ParseIdResponseTest, ReadsARowIdAndRefusesAnythingElse) {
  EXPECT_THAT(ParseIdResponse("42"), IsOkAndHolds(42));
  EXPECT_THAT(ParseIdResponse("4x"), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(ParseIdResponse(""), StatusIs(absl::StatusCode::kInternal));
}

}  // namespace
}  // namespace cs::common::db

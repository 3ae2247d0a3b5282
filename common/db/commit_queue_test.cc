#include "common/db/commit_queue.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "common/auth/audit_subject.h"
#include "common/db/common_schema.h"
#include "common/db/connection_pool.h"
#include "common/db/migration_runner.h"
#include "common/db/transaction.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/time/call_deadline.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::TestDatabase;
using ::testing::SizeIs;

class CommitQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, TestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(pool_, database_->CreatePool(4));
    ASSERT_OK(RunInTransaction(*pool_, [](Transaction& tx) -> absl::Status {
      tx.Execute("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(16) NOT NULL)");
      return absl::OkStatus();
    }));
  }

  // One multi-row INSERT per batch; a label "bad" fails that request alone on a retry.
  static absl::Status InsertBatch(Transaction& tx, std::vector<int>& batch,
                                  std::vector<absl::StatusOr<int>>& results) {
    if (batch.size() > 1) {
      for (int id : batch) {
        if (id < 0) return absl::InvalidArgumentError("a bad request in the batch");
      }
    }
    if (batch.size() == 1 && batch[0] < 0) {
      results[0] = absl::InvalidArgumentError("negative id");
      return absl::OkStatus();
    }
    std::string sql = "INSERT INTO items (id, label) VALUES ";
    for (size_t i = 0; i < batch.size(); ++i) sql += i == 0 ? "(?, 'x')" : ", (?, 'x')";
    std::unique_ptr<sql::PreparedStatement> insert = tx.Prepare(sql);
    for (size_t i = 0; i < batch.size(); ++i) insert->setInt(static_cast<int>(i) + 1, batch[i]);
    insert->executeUpdate();
    for (size_t i = 0; i < batch.size(); ++i) results[i] = batch[i];
    return absl::OkStatus();
  }

  int CountItems(int id) {
    absl::StatusOr<int> count =
        RunInTransaction(*pool_, [&](Transaction& tx) -> absl::StatusOr<int> {
          auto select = tx.Prepare("SELECT COUNT(*) FROM items WHERE id = ?");
          select->setInt(1, id);
          std::unique_ptr<sql::ResultSet> rows(select->executeQuery());
          rows->next();
          return rows->getInt(1);
        });
    return count.ok() ? *count : -1;
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(CommitQueueTest, SubmitAsyncAnswersOnceAfterTheRowIsCommitted) {
  CommitQueue<int, int> queue(*pool_, &CommitQueueTest::InsertBatch);
  constexpr int kRequests = 200;
  absl::Mutex mutex;
  std::vector<absl::StatusOr<int>> answers;
  std::vector<int> visible_when_answered;
  absl::Notification all_answered;
  const std::thread::id submitter = std::this_thread::get_id();
  std::set<std::thread::id> answering_threads;
  for (int id = 1; id <= kRequests; ++id) {
    queue.SubmitAsync(id, [&, id](absl::StatusOr<int> answer) {
      // Another connection sees the row by the time the answer is given: it was committed.
      const int visible = CountItems(id);
      absl::MutexLock lock(&mutex);
      answers.push_back(std::move(answer));
      visible_when_answered.push_back(visible);
      answering_threads.insert(std::this_thread::get_id());
      if (static_cast<int>(answers.size()) == kRequests) all_answered.Notify();
    });
  }
  ASSERT_TRUE(all_answered.WaitForNotificationWithTimeout(absl::Seconds(30)));
  queue.Stop();
  absl::MutexLock lock(&mutex);
  ASSERT_THAT(answers, SizeIs(kRequests));
  std::set<int> ids;
  for (const absl::StatusOr<int>& answer : answers) {
    ASSERT_THAT(answer, IsOk());
    ids.insert(*answer);
  }
  EXPECT_THAT(ids, SizeIs(kRequests));
  for (int visible : visible_when_answered) EXPECT_EQ(visible, 1);
  EXPECT_EQ(answering_threads.count(submitter), 0u) << "answers come from the queue's thread";
}

TEST_F(CommitQueueTest, ABadRequestFailsAloneAndItsNeighboursCommit) {
  CommitQueue<int, int> queue(*pool_, &CommitQueueTest::InsertBatch);
  std::vector<absl::StatusOr<int>> answers(30, absl::UnknownError("not answered"));
  std::vector<std::thread> callers;
  for (int i = 0; i < 30; ++i) {
    callers.emplace_back([&, i] { answers[i] = queue.Submit(i == 7 ? -7 : i + 1); });
  }
  for (std::thread& caller : callers) caller.join();
  for (int i = 0; i < 30; ++i) {
    if (i == 7) {
      EXPECT_THAT(answers[i], StatusIs(absl::StatusCode::kInvalidArgument));
    } else {
      EXPECT_THAT(answers[i], IsOk());
      EXPECT_EQ(CountItems(i + 1), 1);
    }
  }
}

// Issue 16, "Audit": a request submitted by an audited call gets its audit row in the transaction
// that commits it, also when the queue runs its batches as single statements; one from a thread
// without a subject gets none.
TEST_F(CommitQueueTest, Audit_ARequestOfAnAuditedCallCommitsItsAuditRow) {
  ASSERT_OK(ApplyMigrations(*pool_, {&common_schema::Migrations()}));
  CommitQueueOptions options;
  options.transaction.single_statement = true;
  CommitQueue<int, int> queue(
      *pool_, &CommitQueueTest::InsertBatch, options,
      [](const int& id) -> std::optional<std::string> { return absl::StrCat("item ", id); });
  {
    const AuditSubjectScope scope;
    SetCurrentAuditSubject({"li.na", "UNIT_STAFF", "broadband", "CreateItem", "req-51"});
    ASSERT_THAT(queue.Submit(51), IsOk());
  }
  ASSERT_THAT(queue.Submit(52), IsOk());
  absl::StatusOr<std::vector<std::string>> rows =
      RunInTransaction(*pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<std::string>> {
        std::unique_ptr<sql::PreparedStatement> select = tx.Prepare(
            "SELECT CONCAT_WS(' ', principal, role, unit_id, method, request_id, target, result) "
            "FROM audit_log ORDER BY id");
        std::unique_ptr<sql::ResultSet> result(select->executeQuery());
        std::vector<std::string> out;
        while (result->next()) out.push_back(result->getString(1));
        return out;
      });
  ASSERT_THAT(rows, IsOk());
  EXPECT_THAT(*rows,
              ::testing::ElementsAre("li.na UNIT_STAFF broadband CreateItem req-51 item 51 OK"));
  EXPECT_EQ(CountItems(51), 1);
  EXPECT_EQ(CountItems(52), 1);
}

// Issue 16, "Deadlines": a create whose caller has given up by the time its batch forms is not
// written; a neighbour whose caller still waits is.
TEST_F(CommitQueueTest, Deadlines_RequestOfACallerThatGaveUpIsNotWritten) {
  CommitQueue<int, int> queue(*pool_, &CommitQueueTest::InsertBatch);
  absl::StatusOr<int> abandoned = absl::UnknownError("not answered");
  {
    const CallDeadlineScope gone(absl::Now() - absl::Milliseconds(1), [] { return false; });
    abandoned = queue.Submit(41);
  }
  absl::StatusOr<int> waiting = absl::UnknownError("not answered");
  {
    const CallDeadlineScope live(absl::Now() + absl::Seconds(30), [] { return false; });
    waiting = queue.Submit(42);
  }
  EXPECT_THAT(abandoned, StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_EQ(CountItems(41), 0);
  EXPECT_THAT(waiting, IsOk());
  EXPECT_EQ(CountItems(42), 1);
}

TEST_F(CommitQueueTest, SubmissionsAfterStopAreUnavailableAndAnsweredAtOnce) {
  CommitQueue<int, int> queue(*pool_, &CommitQueueTest::InsertBatch);
  queue.Stop();
  EXPECT_THAT(queue.Submit(1), StatusIs(absl::StatusCode::kUnavailable));
  bool answered = false;
  queue.SubmitAsync(2, [&](absl::StatusOr<int> answer) {
    answered = true;
    EXPECT_THAT(answer, StatusIs(absl::StatusCode::kUnavailable));
  });
  EXPECT_TRUE(answered);
  EXPECT_EQ(CountItems(1) + CountItems(2), 0);
}

}  // namespace
}  // namespace cs::common::db

#include "common/db/outbox_relay.h"

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/civil_time.h"
#include "common/db/common_schema.h"
#include "common/db/migration_runner.h"
#include "common/db/outbox.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/db/uuid.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/wait_for.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::TestDatabase;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

const absl::Time kStart =
    absl::FromCivil(absl::CivilSecond(2026, 3, 2, 9, 0, 0), absl::UTCTimeZone());

// What a sender saw, in order, across all relays that share it.
struct SendLog {
  struct Call {
    OutboxRecord record;
    bool succeeded;
  };
  absl::Mutex mutex;
  std::vector<Call> calls ABSL_GUARDED_BY(mutex);

  std::vector<Call> Snapshot() {
    absl::MutexLock lock(&mutex);
    return calls;
  }
  int Successes() {
    absl::MutexLock lock(&mutex);
    int count = 0;
    for (const Call& call : calls) count += call.succeeded ? 1 : 0;
    return count;
  }
};

// Records every call; fails a call when `fail` says so.
class FakeSender final : public OutboxSender {
 public:
  using FailPolicy = std::function<bool(const OutboxRecord&)>;
  explicit FakeSender(SendLog& log, FailPolicy fail = nullptr)
      : log_(log), fail_(std::move(fail)) {}

  absl::Status Send(const OutboxRecord& record, absl::Time deadline) override {
    EXPECT_GT(deadline, absl::Now());
    const bool failed = fail_ != nullptr && fail_(record);
    absl::MutexLock lock(&log_.mutex);
    log_.calls.push_back({record, !failed});
    if (failed) return absl::UnavailableError(absl::StrCat("receiver down for ", record.kind));
    return absl::OkStatus();
  }

 private:
  SendLog& log_;
  const FailPolicy fail_;
};

class CountingObserver final : public OutboxRelayObserver {
 public:
  void OnDelivered(const OutboxRecord&, absl::Duration age) override {
    absl::MutexLock lock(&mutex_);
    ++delivered_;
    last_age_ = age;
  }
  void OnDeliveryFailed(const OutboxRecord&, const absl::Status&, absl::Time) override {
    absl::MutexLock lock(&mutex_);
    ++failed_;
  }
  void OnDeadLettered(const OutboxRecord&, const absl::Status&) override {
    absl::MutexLock lock(&mutex_);
    ++dead_lettered_;
  }
  int dead_lettered() {
    absl::MutexLock lock(&mutex_);
    return dead_lettered_;
  }
  int delivered() {
    absl::MutexLock lock(&mutex_);
    return delivered_;
  }
  int failed() {
    absl::MutexLock lock(&mutex_);
    return failed_;
  }
  absl::Duration last_age() {
    absl::MutexLock lock(&mutex_);
    return last_age_;
  }

 private:
  absl::Mutex mutex_;
  int delivered_ ABSL_GUARDED_BY(mutex_) = 0;
  int failed_ ABSL_GUARDED_BY(mutex_) = 0;
  int dead_lettered_ ABSL_GUARDED_BY(mutex_) = 0;
  absl::Duration last_age_ ABSL_GUARDED_BY(mutex_);
};

// Answers each call with what `answer` says for the record (OK: delivered), and counts the calls.
class ScriptedSender final : public OutboxSender {
 public:
  using Answer = std::function<absl::Status(const OutboxRecord&)>;
  ScriptedSender(std::vector<std::string>& kinds, Answer answer)
      : kinds_(kinds), answer_(std::move(answer)) {}
  absl::Status Send(const OutboxRecord& record, absl::Time) override {
    kinds_.push_back(record.kind);
    return answer_(record);
  }

 private:
  std::vector<std::string>& kinds_;
  const Answer answer_;
};

struct StoredRow {
  int attempts = 0;
  absl::Time next_attempt_at;
  std::string last_error;
  bool delivered = false;
  absl::Time delivered_at;
  int permanent_failures = 0;
  bool dead_lettered = false;
};

class OutboxRelayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, TestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(pool_, database_->CreatePool(4));
    ASSERT_OK(ApplyMigrations(*pool_, {&common_schema::Migrations()}));
  }

  absl::StatusOr<std::string> Enqueue(OutboxMessage message) {
    return RunInTransaction(*pool_, [&](Transaction& tx) -> absl::StatusOr<std::string> {
      return EnqueueOutbox(tx, message, clock_.Now());
    });
  }

  static OutboxMessage Message(std::string destination, std::string kind,
                               std::string ordering_key = "", std::string payload = "p") {
    OutboxMessage message;
    message.destination = std::move(destination);
    message.kind = std::move(kind);
    message.ordering_key = std::move(ordering_key);
    message.payload = std::move(payload);
    return message;
  }

  static OutboxRelay::Senders OneSender(std::string destination, SendLog& log,
                                        FakeSender::FailPolicy fail = nullptr) {
    OutboxRelay::Senders senders;
    senders[destination] = std::make_unique<FakeSender>(log, std::move(fail));
    return senders;
  }

  StoredRow Row(const std::string& message_id) {
    StoredRow row;
    absl::Status read = RunInTransaction(*pool_, [&](Transaction& tx) -> absl::Status {
      auto select = tx.Prepare(
          "SELECT attempts, next_attempt_at, last_error, delivered_at, permanent_failures, "
          "dead_lettered_at FROM outbox WHERE message_id = ?");
      select->setString(1, message_id);
      std::unique_ptr<sql::ResultSet> rows(select->executeQuery());
      if (!rows->next()) return absl::NotFoundError(message_id);
      row.attempts = rows->getInt(1);
      ASSIGN_OR_RETURN(row.next_attempt_at, ParseSqlTime(rows->getString(2).asStdString()));
      if (!rows->isNull(3)) row.last_error = rows->getString(3).asStdString();
      row.delivered = !rows->isNull(4);
      if (row.delivered) {
        ASSIGN_OR_RETURN(row.delivered_at, ParseSqlTime(rows->getString(4).asStdString()));
      }
      row.permanent_failures = rows->getInt(5);
      row.dead_lettered = !rows->isNull(6);
      return absl::OkStatus();
    });
    EXPECT_OK(read);
    return row;
  }

  int64_t OutboxRows() {
    absl::StatusOr<int64_t> count =
        RunInTransaction(*pool_, [&](Transaction& tx) -> absl::StatusOr<int64_t> {
          auto select = tx.Prepare("SELECT COUNT(*) FROM outbox");
          std::unique_ptr<sql::ResultSet> rows(select->executeQuery());
          rows->next();
          return rows->getInt64(1);
        });
    EXPECT_OK(count.status());
    return count.value_or(-1);
  }

  ManualClock clock_{kStart};
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(OutboxRelayTest, MessagesCommittedWithTheStateChangeAreDeliveredOnce) {
  const std::string binary_payload("\x00\x01proto\xff", 8);
  std::string first_id;
  ASSERT_OK(RunInTransaction(*pool_, [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(
        first_id,
        EnqueueOutbox(tx, Message("routing", "Receive", "T-1", binary_payload), clock_.Now()));
    RETURN_IF_ERROR(EnqueueOutbox(tx, Message("routing", "Receive", "T-2"), clock_.Now()).status());
    return EnqueueOutbox(tx, Message("routing", "Note"), clock_.Now()).status();
  }));
  EXPECT_TRUE(IsUuid(first_id));

  SendLog log;
  CountingObserver observer;
  OutboxRelayOptions options;
  options.observer = &observer;
  OutboxRelay relay(*pool_, clock_, OneSender("routing", log), options);
  clock_.Advance(absl::Seconds(3));
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(3));
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(0));

  const std::vector<SendLog::Call> calls = log.Snapshot();
  ASSERT_EQ(calls.size(), 3u);
  const OutboxRecord& first = calls[0].record;
  EXPECT_EQ(first.message_id, first_id);
  EXPECT_EQ(first.destination, "routing");
  EXPECT_EQ(first.kind, "Receive");
  EXPECT_EQ(first.ordering_key, "T-1");
  EXPECT_EQ(first.payload, binary_payload);
  EXPECT_EQ(first.created_at, kStart);
  EXPECT_EQ(first.attempts, 0);
  EXPECT_EQ(calls[2].record.ordering_key, "");
  EXPECT_LT(calls[0].record.id, calls[1].record.id);

  const StoredRow row = Row(first_id);
  EXPECT_TRUE(row.delivered);
  EXPECT_EQ(row.delivered_at, kStart + absl::Seconds(3));
  EXPECT_EQ(observer.delivered(), 3);
  EXPECT_EQ(observer.last_age(), absl::Seconds(3));
}

TEST_F(OutboxRelayTest, RolledBackEnqueueIsNeverSent) {
  EXPECT_THAT(RunInTransaction(
                  *pool_,
                  [&](Transaction& tx) -> absl::Status {
                    RETURN_IF_ERROR(
                        EnqueueOutbox(tx, Message("routing", "Receive"), clock_.Now()).status());
                    return absl::FailedPreconditionError("ticket changed meanwhile");
                  }),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  SendLog log;
  OutboxRelay relay(*pool_, clock_, OneSender("routing", log));
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(0));
  EXPECT_THAT(log.Snapshot(), IsEmpty());
  EXPECT_EQ(OutboxRows(), 0);
}

TEST_F(OutboxRelayTest, FailingSenderIsRetriedWithGrowingBackoffUntilDelivered) {
  ASSERT_OK_AND_ASSIGN(std::string id, Enqueue(Message("routing", "Receive", "T-9")));
  SendLog log;
  int calls = 0;
  CountingObserver observer;
  OutboxRelayOptions options;
  options.backoff = {
      .initial = absl::Seconds(10), .multiplier = 2.0, .max = absl::Minutes(10), .jitter = 0.0};
  options.observer = &observer;
  OutboxRelay relay(*pool_, clock_,
                    OneSender("routing", log, [&](const OutboxRecord&) { return ++calls <= 3; }),
                    options);

  std::vector<absl::Duration> delays;
  for (int failure = 1; failure <= 3; ++failure) {
    EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(1));
    const StoredRow row = Row(id);
    EXPECT_FALSE(row.delivered);
    EXPECT_EQ(row.attempts, failure);
    EXPECT_THAT(row.last_error, HasSubstr("receiver down"));
    delays.push_back(row.next_attempt_at - clock_.Now());
    // Not due yet: nothing is claimed, the sender is not called.
    clock_.Advance(delays.back() - absl::Microseconds(1));
    EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(0));
    clock_.Advance(absl::Microseconds(1));
  }
  EXPECT_THAT(delays, ElementsAre(absl::Seconds(10), absl::Seconds(20), absl::Seconds(40)));
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(1));
  EXPECT_TRUE(Row(id).delivered);
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(0));

  EXPECT_EQ(log.Successes(), 1);
  EXPECT_EQ(log.Snapshot().size(), 4u);
  EXPECT_EQ(log.Snapshot().back().record.attempts, 3);
  EXPECT_EQ(observer.failed(), 3);
  EXPECT_EQ(observer.delivered(), 1);
}

TEST_F(OutboxRelayTest, SameOrderingKeyIsDeliveredInOrderAndWaitsForAFailedPredecessor) {
  ASSERT_OK_AND_ASSIGN(std::string a, Enqueue(Message("routing", "A", "T-1")));
  ASSERT_OK_AND_ASSIGN(std::string b, Enqueue(Message("routing", "B", "T-1")));
  ASSERT_OK_AND_ASSIGN(std::string other, Enqueue(Message("routing", "Other", "T-2")));
  ASSERT_OK_AND_ASSIGN(std::string unordered, Enqueue(Message("routing", "Unordered")));
  ASSERT_OK_AND_ASSIGN(std::string c, Enqueue(Message("routing", "C", "T-1")));
  SendLog log;
  bool a_failed_once = false;
  OutboxRelayOptions options;
  options.backoff.initial = absl::Seconds(5);
  options.backoff.jitter = 0;
  OutboxRelay relay(*pool_, clock_,
                    OneSender("routing", log,
                              [&](const OutboxRecord& record) {
                                if (record.kind != "A" || a_failed_once) {
                                  return false;
                                }
                                a_failed_once = true;
                                return true;
                              }),
                    options);

  // Round 1: A fails; B and C wait behind it; other keys and unordered messages are not held up.
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(3));
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(0));
  clock_.Advance(absl::Seconds(5));
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(1));  // A
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(1));  // B
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(1));  // C
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(0));

  std::vector<std::string> kinds;
  for (const SendLog::Call& call : log.Snapshot()) {
    kinds.push_back(absl::StrCat(call.record.kind, call.succeeded ? "" : "(failed)"));
  }
  EXPECT_THAT(kinds, ElementsAre("A(failed)", "Other", "Unordered", "A", "B", "C"));
}

TEST_F(OutboxRelayTest, TwoRelaysNeverSendTheSameRowTwiceAndKeepKeyOrder) {
  constexpr int kMessages = 500;
  ASSERT_OK(RunInTransaction(*pool_, [&](Transaction& tx) -> absl::Status {
    for (int i = 0; i < kMessages; ++i) {
      // 20 ordering keys and some unordered messages, interleaved.
      const std::string key = i % 7 == 0 ? "" : absl::StrCat("T-", i % 20);
      RETURN_IF_ERROR(
          EnqueueOutbox(tx, Message("routing", absl::StrCat("m", i), key), clock_.Now()).status());
    }
    return absl::OkStatus();
  }));

  SendLog log;
  std::atomic<int> call_number{0};
  // Every 5th call fails, so rows are retried (immediately: backoff 0) while the other relay runs.
  auto flaky = [&](const OutboxRecord&) { return ++call_number % 5 == 0; };
  OutboxRelayOptions options;
  options.batch_size = 16;
  options.poll_interval = absl::Milliseconds(20);
  options.backoff.initial = absl::ZeroDuration();
  ASSERT_OK_AND_ASSIGN(auto second_pool, database_->CreatePool(2));
  OutboxRelay first(*pool_, clock_, OneSender("routing", log, flaky), options);
  OutboxRelay second(*second_pool, clock_, OneSender("routing", log, flaky), options);
  first.Start();
  second.Start();
  EXPECT_OK(common::testing::WaitFor(
      "every message to be delivered", [&] { return log.Successes() >= kMessages; },
      absl::Seconds(120)));
  first.Stop();
  second.Stop();

  const std::vector<SendLog::Call> calls = log.Snapshot();
  absl::flat_hash_map<std::string, int> deliveries;
  absl::flat_hash_map<std::string, std::vector<int64_t>> ids_by_key;  // every id of a key, sorted
  for (const SendLog::Call& call : calls) {
    if (call.succeeded) ++deliveries[call.record.message_id];
    if (!call.record.ordering_key.empty())
      ids_by_key[call.record.ordering_key].push_back(call.record.id);
  }
  EXPECT_EQ(deliveries.size(), static_cast<size_t>(kMessages));
  for (const auto& [message_id, count] : deliveries) {
    EXPECT_EQ(count, 1) << message_id << " was delivered " << count << " times";
  }
  for (auto& [key, ids] : ids_by_key) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
  // Replaying the log: a call for a keyed message is always for the earliest undelivered id of its
  // key.
  absl::flat_hash_map<std::string, size_t> delivered_of_key;
  for (const SendLog::Call& call : calls) {
    const OutboxRecord& record = call.record;
    if (record.ordering_key.empty()) continue;
    size_t& delivered = delivered_of_key[record.ordering_key];
    const std::vector<int64_t>& ids = ids_by_key[record.ordering_key];
    ASSERT_LT(delivered, ids.size());
    EXPECT_EQ(record.id, ids[delivered]) << "message " << record.id << " of " << record.ordering_key
                                         << " was sent before an earlier one was delivered";
    if (call.succeeded) ++delivered;
  }
  ASSERT_OK_AND_ASSIGN(OutboxBacklogStats backlog, OutboxBacklog(*pool_, clock_.Now()));
  EXPECT_EQ(backlog.pending, 0);
}

TEST_F(OutboxRelayTest, WakeRunsARoundWithoutWaitingForThePollInterval) {
  SendLog log;
  OutboxRelay relay(*pool_, clock_, OneSender("routing", log), {.poll_interval = absl::Hours(1)});
  ASSERT_OK(Enqueue(Message("routing", "first")).status());
  relay.Start();  // the first round runs at start
  ASSERT_OK(common::testing::WaitFor("the first delivery", [&] { return log.Successes() >= 1; }));
  ASSERT_EQ(log.Successes(), 1);
  // The follow-up round (after a round that found work) finds nothing; then the relay would idle
  // for an hour.
  ASSERT_OK(common::testing::WaitFor("the follow-up round", [&] { return relay.rounds() >= 2; }));

  ASSERT_OK(Enqueue(Message("routing", "second")).status());
  relay.Wake();
  EXPECT_OK(common::testing::WaitFor("the woken delivery", [&] { return log.Successes() >= 2; }));
  EXPECT_EQ(log.Successes(), 2);
  relay.Stop();
}

// Blocks in Send until released, to stop a relay in the middle of a round.
class GateSender final : public OutboxSender {
 public:
  absl::Status Send(const OutboxRecord&, absl::Time) override {
    if (!entered_.HasBeenNotified()) entered_.Notify();  // only this thread sends
    released_.WaitForNotification();
    ++sent_;
    return absl::OkStatus();
  }
  absl::Notification entered_;
  absl::Notification released_;
  std::atomic<int> sent_{0};
};

TEST_F(OutboxRelayTest, StopFinishesTheCurrentRoundThenJoins) {
  for (int i = 0; i < 3; ++i) ASSERT_OK(Enqueue(Message("routing", absl::StrCat("m", i))).status());
  auto gate = std::make_unique<GateSender>();
  GateSender* sender = gate.get();
  OutboxRelay::Senders senders;
  senders["routing"] = std::move(gate);
  OutboxRelayOptions options;
  options.poll_interval = absl::Hours(1);
  OutboxRelay relay(*pool_, clock_, std::move(senders), options);
  relay.Start();
  sender->entered_.WaitForNotification();
  absl::Notification stopped;
  std::thread stopper([&] {
    relay.Stop();
    stopped.Notify();
  });
  sender->released_.Notify();
  stopper.join();
  EXPECT_TRUE(stopped.HasBeenNotified());
  EXPECT_EQ(sender->sent_, 3);
  ASSERT_OK_AND_ASSIGN(OutboxBacklogStats backlog, OutboxBacklog(*pool_, clock_.Now()));
  EXPECT_EQ(backlog.pending, 0);  // the round's outcomes were committed before Stop returned
  relay.Stop();                   // idempotent
}

TEST_F(OutboxRelayTest, OnlyRegisteredDestinationsAreClaimed) {
  ASSERT_OK(Enqueue(Message("archive", "Record")).status());
  ASSERT_OK(Enqueue(Message("routing", "Receive")).status());
  SendLog log;
  OutboxRelay relay(*pool_, clock_, OneSender("routing", log));
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(1));
  ASSERT_OK_AND_ASSIGN(OutboxBacklogStats backlog, OutboxBacklog(*pool_, clock_.Now()));
  EXPECT_EQ(backlog.pending, 1);
  EXPECT_THAT(backlog.pending_by_destination, UnorderedElementsAre(Pair("archive", 1)));
}

TEST_F(OutboxRelayTest, BacklogCountsPendingMessagesAndTheOldestAge) {
  ASSERT_OK_AND_ASSIGN(OutboxBacklogStats empty, OutboxBacklog(*pool_, clock_.Now()));
  EXPECT_EQ(empty.pending, 0);
  EXPECT_EQ(empty.oldest_age, absl::ZeroDuration());

  ASSERT_OK(Enqueue(Message("routing", "a")).status());
  clock_.Advance(absl::Minutes(2));
  ASSERT_OK(Enqueue(Message("routing", "b")).status());
  ASSERT_OK(Enqueue(Message("archive", "c")).status());
  clock_.Advance(absl::Minutes(3));
  ASSERT_OK_AND_ASSIGN(OutboxBacklogStats backlog, OutboxBacklog(*pool_, clock_.Now()));
  EXPECT_EQ(backlog.pending, 3);
  EXPECT_EQ(backlog.oldest_age, absl::Minutes(5));
  EXPECT_THAT(backlog.pending_by_destination,
              UnorderedElementsAre(Pair("routing", 2), Pair("archive", 1)));
}

TEST_F(OutboxRelayTest, PurgeDeletesOnlyOldDeliveredRows) {
  ASSERT_OK(Enqueue(Message("routing", "old")).status());
  SendLog log;
  OutboxRelay relay(*pool_, clock_, OneSender("routing", log));
  ASSERT_THAT(relay.RunOnce(), IsOkAndHolds(1));
  clock_.Advance(absl::Hours(48));
  ASSERT_OK(Enqueue(Message("archive", "pending")).status());
  EXPECT_THAT(PurgeDeliveredOutbox(*pool_, clock_.Now() - absl::Hours(24)), IsOkAndHolds(1));
  EXPECT_EQ(OutboxRows(), 1);
}

TEST_F(OutboxRelayTest, EnqueueValidatesItsFields) {
  EXPECT_THAT(Enqueue(Message("", "Receive")).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("destination")));
  EXPECT_THAT(Enqueue(Message("routing", "")).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("kind")));
  EXPECT_THAT(Enqueue(Message("routing", "Receive", std::string(65, 'k'))).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ordering_key")));
  OutboxMessage reused = Message("routing", "Receive");
  reused.message_id = NewUuidV4();
  EXPECT_THAT(Enqueue(reused), IsOkAndHolds(reused.message_id));
  EXPECT_THAT(Enqueue(reused).status(), StatusIs(absl::StatusCode::kAlreadyExists));
}

// Message ids compare byte for byte (issue 10), trailing spaces included.
TEST_F(OutboxRelayTest, CallerMessageIdsDifferingOnlyByTrailingSpacesAreTwoMessages) {
  OutboxMessage plain = Message("routing", "Receive");
  plain.message_id = "m-1";
  OutboxMessage spaced = Message("routing", "Receive");
  spaced.message_id = "m-1 ";
  EXPECT_THAT(Enqueue(plain), IsOkAndHolds("m-1"));
  EXPECT_THAT(Enqueue(spaced), IsOkAndHolds("m-1 "));
  EXPECT_THAT(Enqueue(spaced).status(), StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(OutboxRows(), 2);
}

TEST(OutboxDeliveryErrorTest, OnlyARefusalOfTheMessageItselfIsPermanent) {
  for (absl::StatusCode code : {absl::StatusCode::kInvalidArgument, absl::StatusCode::kOutOfRange,
                                absl::StatusCode::kFailedPrecondition, absl::StatusCode::kNotFound,
                                absl::StatusCode::kAlreadyExists, absl::StatusCode::kDataLoss}) {
    EXPECT_TRUE(IsPermanentDeliveryError(absl::Status(code, "x"))) << code;
  }
  for (absl::StatusCode code :
       {absl::StatusCode::kUnavailable, absl::StatusCode::kDeadlineExceeded,
        absl::StatusCode::kCancelled, absl::StatusCode::kResourceExhausted,
        absl::StatusCode::kAborted, absl::StatusCode::kInternal, absl::StatusCode::kUnknown,
        absl::StatusCode::kUnauthenticated, absl::StatusCode::kPermissionDenied,
        absl::StatusCode::kUnimplemented}) {
    EXPECT_FALSE(IsPermanentDeliveryError(absl::Status(code, "x"))) << code;
  }
}

// A receiver that refuses a message (a permanent error) gets it max_permanent_failures times, with
// backoff between, then never again: it is a dead letter, listed and counted, and the later message
// of its ordering key waits behind it instead of overtaking it. Other keys flow. An operator's
// retry makes it due at once; once the receiver takes it, the blocked message follows in order.
TEST_F(OutboxRelayTest, RefusedMessageIsDeadLetteredBlocksItsKeyAndIsDeliveredAfterARetry) {
  ASSERT_OK_AND_ASSIGN(std::string refused, Enqueue(Message("routing", "Refused", "T-1")));
  ASSERT_OK_AND_ASSIGN(std::string later, Enqueue(Message("routing", "Later", "T-1")));
  ASSERT_OK_AND_ASSIGN(std::string other, Enqueue(Message("routing", "Other", "T-2")));
  std::vector<std::string> kinds;
  std::atomic<bool> receiver_fixed{false};
  CountingObserver observer;
  OutboxRelayOptions options;
  options.backoff = {
      .initial = absl::Seconds(10), .multiplier = 2.0, .max = absl::Minutes(10), .jitter = 0.0};
  options.max_permanent_failures = 3;
  options.observer = &observer;
  OutboxRelay::Senders senders;
  senders["routing"] =
      std::make_unique<ScriptedSender>(kinds, [&](const OutboxRecord& record) -> absl::Status {
        if (record.kind == "Refused" && !receiver_fixed) {
          return absl::InvalidArgumentError("routing: ticket.unit_id: unknown unit");
        }
        return absl::OkStatus();
      });
  OutboxRelay relay(*pool_, clock_, std::move(senders), options);

  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(2));  // Refused fails, Other is delivered
  for (int refusal = 2; refusal <= 3; ++refusal) {
    const StoredRow row = Row(refused);
    EXPECT_FALSE(row.dead_lettered);
    EXPECT_EQ(row.permanent_failures, refusal - 1);
    clock_.Advance(row.next_attempt_at - clock_.Now());  // the backoff still applies
    EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(1));
  }
  StoredRow row = Row(refused);
  EXPECT_TRUE(row.dead_lettered);
  EXPECT_EQ(row.attempts, 3);
  EXPECT_EQ(row.permanent_failures, 3);
  EXPECT_THAT(row.last_error, HasSubstr("INVALID_ARGUMENT"));
  EXPECT_EQ(observer.failed(), 2);
  EXPECT_EQ(observer.dead_lettered(), 1);

  // Never claimed again, however long we wait; Later stays blocked behind it.
  clock_.Advance(absl::Hours(24));
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(0));
  EXPECT_THAT(kinds, ElementsAre("Refused", "Other", "Refused", "Refused"));
  EXPECT_FALSE(Row(later).delivered);

  ASSERT_OK_AND_ASSIGN(OutboxBacklogStats backlog, OutboxBacklog(*pool_, clock_.Now()));
  EXPECT_EQ(backlog.dead_lettered, 1);
  EXPECT_THAT(backlog.dead_lettered_by_destination, UnorderedElementsAre(Pair("routing", 1)));
  EXPECT_EQ(backlog.pending, 1);  // Later, blocked
  EXPECT_THAT(backlog.pending_by_destination, UnorderedElementsAre(Pair("routing", 1)));

  ASSERT_OK_AND_ASSIGN(std::vector<DeadLetter> letters, ListDeadLetters(*pool_, {}));
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_EQ(letters[0].message_id, refused);
  EXPECT_EQ(letters[0].destination, "routing");
  EXPECT_EQ(letters[0].kind, "Refused");
  EXPECT_EQ(letters[0].ordering_key, "T-1");
  EXPECT_EQ(letters[0].created_at, kStart);
  EXPECT_EQ(letters[0].attempts, 3);
  EXPECT_THAT(letters[0].last_error, HasSubstr("unknown unit"));
  EXPECT_EQ(letters[0].dead_lettered_at, kStart + absl::Seconds(30));
  EXPECT_EQ(letters[0].blocked_messages, 1);
  EXPECT_THAT(ListDeadLetters(*pool_, {.destination = "archive"}), IsOkAndHolds(IsEmpty()));

  // Retrying what is not a dead letter is refused and changes nothing.
  EXPECT_THAT(RetryDeadLetter(*pool_, later, clock_.Now()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not a dead letter")));
  EXPECT_THAT(RetryDeadLetter(*pool_, other, clock_.Now()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("delivered")));
  EXPECT_THAT(RetryDeadLetter(*pool_, NewUuidV4(), clock_.Now()),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(RetryDeadLetter(*pool_, "", clock_.Now()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("message_id")));

  // The operator retries before fixing the receiver: three more refusals, dead again.
  ASSERT_OK_AND_ASSIGN(DeadLetter retried, RetryDeadLetter(*pool_, refused, clock_.Now()));
  EXPECT_EQ(retried.message_id, refused);
  row = Row(refused);
  EXPECT_FALSE(row.dead_lettered);
  EXPECT_EQ(row.attempts, 3);  // kept
  EXPECT_EQ(row.permanent_failures, 0);
  EXPECT_EQ(row.next_attempt_at, clock_.Now());
  EXPECT_THAT(ListDeadLetters(*pool_, {}), IsOkAndHolds(IsEmpty()));
  for (int refusal = 1; refusal <= 3; ++refusal) {
    clock_.Advance(Row(refused).next_attempt_at - clock_.Now());
    EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(1));
  }
  EXPECT_TRUE(Row(refused).dead_lettered);
  EXPECT_EQ(Row(refused).attempts, 6);
  EXPECT_EQ(observer.dead_lettered(), 2);

  // Fixed, then retried: delivered at once, and Later right after it.
  receiver_fixed = true;
  ASSERT_OK(RetryDeadLetter(*pool_, refused, clock_.Now()).status());
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(1));
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(1));
  EXPECT_TRUE(Row(refused).delivered);
  EXPECT_TRUE(Row(later).delivered);
  EXPECT_EQ(kinds.back(), "Later");
  EXPECT_EQ(kinds[kinds.size() - 2], "Refused");
  ASSERT_OK_AND_ASSIGN(backlog, OutboxBacklog(*pool_, clock_.Now()));
  EXPECT_EQ(backlog.dead_lettered, 0);
  EXPECT_EQ(backlog.pending, 0);
  EXPECT_EQ(observer.delivered(), 3);
}

// Transient errors (the receiver down, slow, or refusing the sender's credentials) never make a
// dead letter, however many; nor do they count towards one when mixed with refusals.
TEST_F(OutboxRelayTest, TransientErrorsAreRetriedForEver) {
  ASSERT_OK_AND_ASSIGN(std::string id, Enqueue(Message("routing", "Receive", "T-1")));
  std::vector<std::string> kinds;
  const std::vector<absl::Status> answers = {
      absl::UnavailableError("down"),       absl::DeadlineExceededError("slow"),
      absl::UnauthenticatedError("token"),  absl::PermissionDeniedError("role"),
      absl::InternalError("bug"),           absl::UnimplementedError("old receiver"),
      absl::ResourceExhaustedError("busy"), absl::AbortedError("conflict"),
      absl::FailedPreconditionError("no"),  absl::UnavailableError("down"),
      absl::FailedPreconditionError("no"),  absl::UnknownError("?"),
  };
  size_t call = 0;
  CountingObserver observer;
  OutboxRelayOptions options;
  options.backoff = {
      .initial = absl::Seconds(1), .multiplier = 2.0, .max = absl::Seconds(4), .jitter = 0.0};
  options.max_permanent_failures = 3;
  options.observer = &observer;
  OutboxRelay::Senders senders;
  senders["routing"] = std::make_unique<ScriptedSender>(
      kinds, [&](const OutboxRecord&) { return answers[call++ % answers.size()]; });
  OutboxRelay relay(*pool_, clock_, std::move(senders), options);
  for (size_t i = 0; i < answers.size(); ++i) {
    EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(1));
    clock_.Advance(absl::Seconds(4));
  }
  const StoredRow row = Row(id);
  EXPECT_FALSE(row.dead_lettered);
  EXPECT_FALSE(row.delivered);
  EXPECT_EQ(row.attempts, 12);
  EXPECT_EQ(row.permanent_failures, 2);
  EXPECT_EQ(observer.dead_lettered(), 0);
  EXPECT_EQ(observer.failed(), 12);
}

TEST_F(OutboxRelayTest, DeadLettersAreListedNewestFirstByPage) {
  OutboxRelayOptions options;
  options.max_permanent_failures = 1;
  std::vector<std::string> kinds;
  OutboxRelay::Senders senders;
  senders["routing"] = std::make_unique<ScriptedSender>(
      kinds, [](const OutboxRecord&) { return absl::NotFoundError("routing: no such unit"); });
  senders["archive"] = std::make_unique<ScriptedSender>(
      kinds, [](const OutboxRecord&) { return absl::DataLossError("not a request"); });
  std::vector<std::string> routing_ids;
  for (int i = 0; i < 5; ++i) {
    ASSERT_OK_AND_ASSIGN(std::string id, Enqueue(Message("routing", "R")));
    routing_ids.push_back(id);
  }
  ASSERT_OK(Enqueue(Message("archive", "A")).status());
  OutboxRelay relay(*pool_, clock_, std::move(senders), options);
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(6));
  EXPECT_THAT(relay.RunOnce(), IsOkAndHolds(0));

  ASSERT_OK_AND_ASSIGN(std::vector<DeadLetter> all, ListDeadLetters(*pool_, {}));
  EXPECT_EQ(all.size(), 6u);
  ASSERT_OK_AND_ASSIGN(std::vector<DeadLetter> first,
                       ListDeadLetters(*pool_, {.destination = "routing", .limit = 3}));
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[0].message_id, routing_ids[4]);
  EXPECT_EQ(first[2].message_id, routing_ids[2]);
  EXPECT_EQ(first[0].blocked_messages, 0);  // unordered
  ASSERT_OK_AND_ASSIGN(
      std::vector<DeadLetter> second,
      ListDeadLetters(*pool_, {.destination = "routing", .before_id = first[2].id, .limit = 3}));
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].message_id, routing_ids[1]);
  EXPECT_EQ(second[1].message_id, routing_ids[0]);
}

}  // namespace
}  // namespace cs::common::db

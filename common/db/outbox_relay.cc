#include "common/db/outbox_relay.h"

#include <cppconn/datatype.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/status_macros.h"

namespace cs::common::db {
namespace {

constexpr size_t kMaxLastErrorLength = 1000;

std::vector<std::string> SortedDestinations(const OutboxRelay::Senders& senders) {
  std::vector<std::string> destinations;
  for (const auto& [destination, sender] : senders) destinations.push_back(destination);
  std::sort(destinations.begin(), destinations.end());
  return destinations;
}

// The claim. Notes on why it is safe with several relays:
//  - FOR UPDATE SKIP LOCKED locks the rows this relay takes and passes over rows another relay
//    holds, instead of waiting for them; the locks last until this round commits its outcomes.
//  - A dead letter is never claimed, but it is undelivered, so the NOT EXISTS below keeps later
//    messages of its key waiting behind it.
//  - The NOT EXISTS subquery is a plain (non-locking, READ COMMITTED) read, so a row that
//    another relay is delivering right now still counts as "earlier and undelivered": the next
//    message of that key waits until the earlier one's delivery is committed. Only one row per
//    ordering_key can be claimed in a round, for the same reason.
//  - The outbox_pending index (delivered_at, id) yields undelivered rows in id order, so the
//    scan stops after batch_size matches instead of walking delivered history.
std::string ClaimSql(size_t destination_count) {
  std::vector<std::string> placeholders(destination_count, "?");
  return absl::StrCat(
      "SELECT o.id, o.message_id, o.destination, o.kind, o.ordering_key, o.payload, o.created_at, "
      "o.attempts, o.permanent_failures FROM outbox o "
      "WHERE o.delivered_at IS NULL AND o.dead_lettered_at IS NULL AND o.next_attempt_at <= ? "
      "AND o.destination IN (",
      absl::StrJoin(placeholders, ", "),
      ") AND (o.ordering_key IS NULL OR NOT EXISTS ("
      "SELECT 1 FROM outbox p WHERE p.ordering_key = o.ordering_key AND p.delivered_at IS NULL "
      "AND p.id < o.id)) "
      "ORDER BY o.id LIMIT ? FOR UPDATE SKIP LOCKED");
}

// last_error is operator-facing text in a utf8mb4 column: keep printable ASCII so that a truncated
// multi-byte character can never make the UPDATE fail.
std::string LastErrorText(const absl::Status& status) {
  std::string text = status.ToString();
  for (char& c : text) {
    if (c < 0x20 || c > 0x7e) c = '?';
  }
  if (text.size() > kMaxLastErrorLength) text.resize(kMaxLastErrorLength);
  return text;
}

struct Outcome {
  OutboxRecord record;
  absl::Status error;  // OK when delivered
  absl::Time at;
  absl::Time next_attempt_at;
  bool dead_lettered = false;
};

}  // namespace

bool IsPermanentDeliveryError(const absl::Status& error) {
  switch (error.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kDataLoss:
      return true;
    default:
      return false;
  }
}

OutboxRelay::OutboxRelay(ConnectionPool& pool, Clock& clock, Senders senders,
                         OutboxRelayOptions options)
    : pool_(pool),
      clock_(clock),
      senders_(std::move(senders)),
      options_(std::move(options)),
      destinations_(SortedDestinations(senders_)),
      claim_sql_(ClaimSql(destinations_.size())) {}

OutboxRelay::~OutboxRelay() { Stop(); }

void OutboxRelay::Start() {
  absl::MutexLock lock(&mutex_);
  if (started_) return;
  started_ = true;
  thread_ = std::thread([this] { Loop(); });
}

void OutboxRelay::Wake() {
  absl::MutexLock lock(&mutex_);
  wake_requested_ = true;
}

void OutboxRelay::Stop() {
  std::thread thread;
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
    started_ = true;  // a stopped relay does not start again
    thread = std::move(thread_);
  }
  // Joined outside the lock: the loop takes the lock between rounds.
  if (thread.joinable()) thread.join();
}

bool OutboxRelay::ShouldRunNow() const { return wake_requested_ || stopping_; }

void OutboxRelay::Loop() {
  while (true) {
    {
      absl::MutexLock lock(&mutex_);
      if (stopping_) return;
      wake_requested_ = false;
    }
    absl::StatusOr<int> claimed = RunOnce();
    rounds_.fetch_add(1, std::memory_order_acq_rel);
    // A round that found work may have left more: a full batch, or rows that waited behind an
    // ordering key whose earlier message was just delivered. Look again at once.
    if (claimed.ok() && *claimed > 0) continue;
    absl::MutexLock lock(&mutex_);
    mutex_.AwaitWithTimeout(absl::Condition(this, &OutboxRelay::ShouldRunNow),
                            options_.poll_interval);
  }
}

absl::StatusOr<int> OutboxRelay::RunOnce() {
  if (senders_.empty()) return 0;
  std::vector<Outcome> outcomes;
  absl::BitGen random;
  absl::Status round = RunInTransaction(
      pool_,
      [&](Transaction& tx) -> absl::Status {
        outcomes.clear();
        std::vector<OutboxRecord> records;
        {
          auto claim = tx.Prepare(claim_sql_);
          int index = 1;
          claim->setDateTime(index++, FormatSqlTime(clock_.Now()));
          for (const std::string& destination : destinations_) {
            claim->setString(index++, destination);
          }
          claim->setInt(index++, std::max(1, options_.batch_size));
          std::unique_ptr<sql::ResultSet> rows(claim->executeQuery());
          while (rows->next()) {
            OutboxRecord record;
            record.id = rows->getInt64(1);
            record.message_id = rows->getString(2).asStdString();
            record.destination = rows->getString(3).asStdString();
            record.kind = rows->getString(4).asStdString();
            if (!rows->isNull(5)) record.ordering_key = rows->getString(5).asStdString();
            record.payload = rows->getString(6).asStdString();
            ASSIGN_OR_RETURN(record.created_at, ParseSqlTime(rows->getString(7).asStdString()));
            record.attempts = rows->getInt(8);
            record.permanent_failures = rows->getInt(9);
            records.push_back(std::move(record));
          }
        }
        if (records.empty()) return absl::OkStatus();

        auto mark_delivered = tx.Prepare("UPDATE outbox SET delivered_at = ? WHERE id = ?");
        // The claimed rows are locked, so record.permanent_failures is the stored count.
        auto mark_failed = tx.Prepare(
            "UPDATE outbox SET attempts = attempts + 1, permanent_failures = ?, last_error = ?, "
            "next_attempt_at = ?, dead_lettered_at = ? WHERE id = ?");
        for (OutboxRecord& record : records) {
          OutboxSender& sender = *senders_.at(record.destination);
          absl::Status sent = sender.Send(record, absl::Now() + options_.send_timeout);
          const absl::Time now = clock_.Now();
          if (sent.ok()) {
            mark_delivered->setDateTime(1, FormatSqlTime(now));
            mark_delivered->setInt64(2, record.id);
            mark_delivered->executeUpdate();
            outcomes.push_back({std::move(record), absl::OkStatus(), now, absl::InfinitePast()});
          } else {
            const absl::Time next = now + BackoffDelay(options_.backoff, record.attempts + 1,
                                                       absl::Uniform(random, 0.0, 1.0));
            const int permanent_failures =
                record.permanent_failures + (IsPermanentDeliveryError(sent) ? 1 : 0);
            const bool dead = IsPermanentDeliveryError(sent) &&
                              permanent_failures >= std::max(1, options_.max_permanent_failures);
            mark_failed->setInt(1, permanent_failures);
            mark_failed->setString(2, LastErrorText(sent));
            mark_failed->setDateTime(3, FormatSqlTime(next));
            if (dead) {
              mark_failed->setDateTime(4, FormatSqlTime(now));
            } else {
              mark_failed->setNull(4, sql::DataType::TIMESTAMP);
            }
            mark_failed->setInt64(5, record.id);
            mark_failed->executeUpdate();
            outcomes.push_back({std::move(record), std::move(sent), now, next, dead});
          }
        }
        return absl::OkStatus();
      },
      // Never rerun a round: it has sent messages, which a rerun would send again for nothing.
      TransactionOptions{.max_attempts = 1});

  OutboxRelayObserver* observer = options_.observer;
  if (!round.ok()) {
    if (observer != nullptr) observer->OnRoundFailed(round);
    return round;
  }
  if (observer != nullptr) {
    for (const Outcome& outcome : outcomes) {
      if (outcome.error.ok()) {
        observer->OnDelivered(outcome.record, outcome.at - outcome.record.created_at);
      } else if (outcome.dead_lettered) {
        observer->OnDeadLettered(outcome.record, outcome.error);
      } else {
        observer->OnDeliveryFailed(outcome.record, outcome.error, outcome.next_attempt_at);
      }
    }
  }
  return static_cast<int>(outcomes.size());
}

}  // namespace cs::common::db

#include "common/db/outbox.h"

#include <cppconn/connection.h>
#include <cppconn/datatype.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/db/uuid.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"

namespace cs::common::db {
namespace {

constexpr int kPurgeBatch = 1000;
constexpr int kMaxDeadLetterPage = 1000;

// The columns ReadDeadLetter reads, in its order; callers add FROM/WHERE (ListDeadLetters) or more
// columns (RetryDeadLetter). blocked_messages counts the later undelivered rows of the key through
// the outbox_ordering index.
constexpr char kDeadLetterSelect[] =
    "SELECT o.id, o.message_id, o.destination, o.kind, o.ordering_key, o.created_at, o.attempts, "
    "o.last_error, o.dead_lettered_at, "
    "(SELECT COUNT(*) FROM outbox b WHERE o.ordering_key IS NOT NULL "
    "AND b.ordering_key = o.ordering_key AND b.delivered_at IS NULL AND b.id > o.id)";

absl::StatusOr<DeadLetter> ReadDeadLetter(sql::ResultSet& rows) {
  DeadLetter letter;
  letter.id = rows.getInt64(1);
  letter.message_id = rows.getString(2).asStdString();
  letter.destination = rows.getString(3).asStdString();
  letter.kind = rows.getString(4).asStdString();
  if (!rows.isNull(5)) letter.ordering_key = rows.getString(5).asStdString();
  ASSIGN_OR_RETURN(letter.created_at, ParseSqlTime(rows.getString(6).asStdString()));
  letter.attempts = rows.getInt(7);
  if (!rows.isNull(8)) letter.last_error = rows.getString(8).asStdString();
  if (!rows.isNull(9)) {
    ASSIGN_OR_RETURN(letter.dead_lettered_at, ParseSqlTime(rows.getString(9).asStdString()));
  }
  letter.blocked_messages = rows.getInt64(10);
  return letter;
}

absl::Status ValidateMessage(const OutboxMessage& message) {
  if (!message.message_id.empty()) {
    RETURN_IF_ERROR(CheckPrintableId("message_id", message.message_id, 36));
  }
  RETURN_IF_ERROR(CheckPrintableId("destination", message.destination, 64));
  RETURN_IF_ERROR(CheckPrintableId("kind", message.kind, 128));
  if (message.ordering_key.size() > 64) {
    return InvalidField("ordering_key", "must be at most 64 characters");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> EnqueueOutbox(Transaction& tx, const OutboxMessage& message,
                                          absl::Time now) {
  RETURN_IF_ERROR(ValidateMessage(message));
  std::string message_id = message.message_id.empty() ? NewUuidV4() : message.message_id;
  try {
    auto insert = tx.Prepare(
        "INSERT INTO outbox (message_id, destination, kind, ordering_key, payload, created_at, "
        "attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)");
    std::istringstream payload(message.payload);
    const std::string at = FormatSqlTime(now);
    insert->setString(1, message_id);
    insert->setString(2, message.destination);
    insert->setString(3, message.kind);
    if (message.ordering_key.empty()) {
      insert->setNull(4, sql::DataType::VARCHAR);
    } else {
      insert->setString(4, message.ordering_key);
    }
    insert->setBlob(5, &payload);
    insert->setDateTime(6, at);
    insert->setDateTime(7, at);
    insert->executeUpdate();
    return message_id;
  } catch (const sql::SQLException& e) {
    return FromSqlException(e, absl::StrCat("enqueueing outbox message for ", message.destination));
  }
}

absl::StatusOr<OutboxBacklogStats> OutboxBacklog(ConnectionPool& pool, absl::Time now) {
  ASSIGN_OR_RETURN(PooledConnection lease, pool.Acquire());
  try {
    OutboxBacklogStats stats;
    std::unique_ptr<sql::Statement> statement(lease->createStatement());
    std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(
        "SELECT destination, dead_lettered_at IS NOT NULL AS dead, COUNT(*), MIN(created_at) "
        "FROM outbox WHERE delivered_at IS NULL GROUP BY destination, dead"));
    absl::Time oldest = absl::InfiniteFuture();
    while (rows->next()) {
      const std::string destination = rows->getString(1).asStdString();
      const int64_t count = rows->getInt64(3);
      if (rows->getInt(2) != 0) {
        stats.dead_lettered += count;
        stats.dead_lettered_by_destination[destination] = count;
        continue;
      }
      stats.pending += count;
      stats.pending_by_destination[destination] = count;
      ASSIGN_OR_RETURN(absl::Time created, ParseSqlTime(rows->getString(4).asStdString()));
      oldest = std::min(oldest, created);
    }
    if (stats.pending > 0) stats.oldest_age = std::max(absl::ZeroDuration(), now - oldest);
    return stats;
  } catch (const sql::SQLException& e) {
    if (IsConnectionLostError(e.getErrorCode())) lease.MarkBroken();
    return FromSqlException(e, "reading the outbox backlog");
  }
}

absl::StatusOr<std::vector<DeadLetter>> ListDeadLetters(ConnectionPool& pool,
                                                        const DeadLetterQuery& query) {
  return RunInTransaction(pool, [&](Transaction& tx) -> absl::StatusOr<std::vector<DeadLetter>> {
    std::string sql = absl::StrCat(
        kDeadLetterSelect,
        " FROM outbox o WHERE o.dead_lettered_at IS NOT NULL AND o.delivered_at IS NULL");
    if (!query.destination.empty()) absl::StrAppend(&sql, " AND o.destination = ?");
    if (query.before_id > 0) absl::StrAppend(&sql, " AND o.id < ?");
    absl::StrAppend(&sql, " ORDER BY o.id DESC LIMIT ?");
    auto select = tx.Prepare(sql);
    int index = 1;
    if (!query.destination.empty()) select->setString(index++, query.destination);
    if (query.before_id > 0) select->setInt64(index++, query.before_id);
    select->setInt(index++, std::clamp(query.limit, 1, kMaxDeadLetterPage));
    std::unique_ptr<sql::ResultSet> rows(select->executeQuery());
    std::vector<DeadLetter> letters;
    while (rows->next()) {
      ASSIGN_OR_RETURN(DeadLetter letter, ReadDeadLetter(*rows));
      letters.push_back(std::move(letter));
    }
    return letters;
  });
}

absl::StatusOr<DeadLetter> RetryDeadLetter(ConnectionPool& pool, absl::string_view message_id,
                                           absl::Time now) {
  RETURN_IF_ERROR(CheckPrintableId("message_id", message_id, 36));
  return RunInTransaction(pool, [&](Transaction& tx) -> absl::StatusOr<DeadLetter> {
    auto select =
        tx.Prepare(absl::StrCat(kDeadLetterSelect,
                                ", o.delivered_at IS NOT NULL FROM outbox o WHERE o.message_id = ? "
                                "FOR UPDATE"));
    select->setString(1, std::string(message_id));
    std::unique_ptr<sql::ResultSet> rows(select->executeQuery());
    if (!rows->next()) {
      return absl::NotFoundError(absl::StrCat("no outbox message ", message_id));
    }
    if (rows->getInt(11) != 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("outbox message ", message_id, " was delivered"));
    }
    if (rows->isNull(9)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "outbox message ", message_id, " is not a dead letter (the relay still retries it)"));
    }
    ASSIGN_OR_RETURN(DeadLetter letter, ReadDeadLetter(*rows));
    auto update = tx.Prepare(
        "UPDATE outbox SET dead_lettered_at = NULL, permanent_failures = 0, next_attempt_at = ? "
        "WHERE id = ?");
    update->setDateTime(1, FormatSqlTime(now));
    update->setInt64(2, letter.id);
    update->executeUpdate();
    // An operator's retry is a change of its own (issue 16): the call's audit row names it.
    tx.NoteChange(absl::StrCat("outbox message ", letter.message_id));
    return letter;
  });
}

absl::StatusOr<int64_t> PurgeDeliveredOutbox(ConnectionPool& pool, absl::Time delivered_before) {
  int64_t total = 0;
  while (true) {
    int deleted = 0;
    RETURN_IF_ERROR(RunInTransaction(pool, [&](Transaction& tx) -> absl::Status {
      auto erase = tx.Prepare(
          "DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < ? "
          "ORDER BY id LIMIT ?");
      erase->setDateTime(1, FormatSqlTime(delivered_before));
      erase->setInt(2, kPurgeBatch);
      deleted = erase->executeUpdate();
      return absl::OkStatus();
    }));
    total += deleted;
    if (deleted < kPurgeBatch) return total;
  }
}

}  // namespace cs::common::db

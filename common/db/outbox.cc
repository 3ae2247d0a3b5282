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
        "SELECT destination, COUNT(*), MIN(created_at) FROM outbox WHERE delivered_at IS NULL "
        "GROUP BY destination"));
    absl::Time oldest = absl::InfiniteFuture();
    while (rows->next()) {
      const int64_t count = rows->getInt64(2);
      stats.pending += count;
      stats.pending_by_destination[rows->getString(1).asStdString()] = count;
      ASSIGN_OR_RETURN(absl::Time created, ParseSqlTime(rows->getString(3).asStdString()));
      oldest = std::min(oldest, created);
    }
    if (stats.pending > 0) stats.oldest_age = std::max(absl::ZeroDuration(), now - oldest);
    return stats;
  } catch (const sql::SQLException& e) {
    if (IsConnectionLostError(e.getErrorCode())) lease.MarkBroken();
    return FromSqlException(e, "reading the outbox backlog");
  }
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

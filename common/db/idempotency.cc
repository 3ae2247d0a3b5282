#include "common/db/idempotency.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <exception>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"

namespace cs::common::db {
namespace {

constexpr int kExpiryBatch = 1000;

absl::Status CheckScopeAndFingerprint(absl::string_view scope, absl::string_view fingerprint) {
  RETURN_IF_ERROR(CheckPrintableId("scope", scope, 128));
  return CheckPrintableId("request_fingerprint", fingerprint, 64);
}

}  // namespace

absl::StatusOr<absl::optional<std::string>> ClaimRequest(Transaction& tx, absl::string_view scope,
                                                         absl::string_view request_id,
                                                         absl::string_view fingerprint,
                                                         absl::Time now) {
  RETURN_IF_ERROR(ValidateRequestId(request_id));
  RETURN_IF_ERROR(CheckScopeAndFingerprint(scope, fingerprint));
  try {
    // ON DUPLICATE KEY UPDATE with a no-op assignment: inserts (1 row affected) or, if the key
    // exists, takes its row lock — waiting for a concurrent claimer to commit or roll back — and
    // changes nothing (0 rows affected). A plain INSERT would fail with 1062 and, under
    // concurrency, take shared locks that deadlock; a SELECT first would gap-lock the missing key.
    auto claim = tx.Prepare(
        "INSERT INTO idempotency_keys (scope, request_id, request_fingerprint, response, "
        "created_at) "
        "VALUES (?, ?, ?, NULL, ?) ON DUPLICATE KEY UPDATE request_id = request_id");
    claim->setString(1, std::string(scope));
    claim->setString(2, std::string(request_id));
    claim->setString(3, std::string(fingerprint));
    claim->setDateTime(4, FormatSqlTime(now));
    if (claim->executeUpdate() == 1) return absl::optional<std::string>();

    auto read = tx.Prepare(
        "SELECT request_fingerprint, response FROM idempotency_keys "
        "WHERE scope = ? AND request_id = ? FOR UPDATE");
    read->setString(1, std::string(scope));
    read->setString(2, std::string(request_id));
    std::unique_ptr<sql::ResultSet> row(read->executeQuery());
    if (!row->next()) {
      // Expired between the two statements; the caller's retry will claim it afresh.
      return absl::AbortedError("idempotency key expired while being read; retry");
    }
    if (row->getString(1).asStdString() != fingerprint) {
      return RequestIdReused("was already used for a different request; use a new request_id");
    }
    if (row->isNull(2)) {
      return absl::FailedPreconditionError(
          absl::StrCat("request_id of ", scope, " was claimed but no response was recorded"));
    }
    return absl::optional<std::string>(row->getString(2).asStdString());
  } catch (const sql::SQLException& e) {
    return FromSqlException(e, absl::StrCat("claiming request_id of ", scope));
  }
}

absl::Status RecordResponse(Transaction& tx, absl::string_view scope, absl::string_view request_id,
                            absl::string_view response) {
  RETURN_IF_ERROR(ValidateRequestId(request_id));
  try {
    std::istringstream bytes{std::string(response)};
    auto update =
        tx.Prepare("UPDATE idempotency_keys SET response = ? WHERE scope = ? AND request_id = ?");
    update->setBlob(1, &bytes);
    update->setString(2, std::string(scope));
    update->setString(3, std::string(request_id));
    if (update->executeUpdate() == 1) return absl::OkStatus();
    // 0 rows: either the key is missing or the same bytes were already stored (MySQL counts changed
    // rows); tell them apart.
    auto exists = tx.Prepare("SELECT 1 FROM idempotency_keys WHERE scope = ? AND request_id = ?");
    exists->setString(1, std::string(scope));
    exists->setString(2, std::string(request_id));
    std::unique_ptr<sql::ResultSet> row(exists->executeQuery());
    if (row->next()) return absl::OkStatus();
    return absl::FailedPreconditionError(
        absl::StrCat("request_id of ", scope, " was not claimed in this transaction"));
  } catch (const sql::SQLException& e) {
    return FromSqlException(e, absl::StrCat("recording the response of ", scope));
  }
}

absl::StatusOr<int64_t> ParseIdResponse(absl::string_view response) {
  int64_t id = 0;
  if (!absl::SimpleAtoi(response, &id)) {
    return absl::InternalError("stored idempotent response is not a row id");
  }
  return id;
}

absl::StatusOr<int64_t> ExpireIdempotencyKeys(ConnectionPool& pool, absl::Time older_than) {
  int64_t total = 0;
  while (true) {
    int deleted = 0;
    RETURN_IF_ERROR(RunInTransaction(pool, [&](Transaction& tx) -> absl::Status {
      auto erase = tx.Prepare(
          "DELETE FROM idempotency_keys WHERE created_at < ? ORDER BY created_at LIMIT ?");
      erase->setDateTime(1, FormatSqlTime(older_than));
      erase->setInt(2, kExpiryBatch);
      deleted = erase->executeUpdate();
      return absl::OkStatus();
    }));
    total += deleted;
    if (deleted < kExpiryBatch) return total;
  }
}

}  // namespace cs::common::db

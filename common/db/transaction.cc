#include "common/db/transaction.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/statement.h>

#include <exception>
#include <memory>
#include <string>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/status/status_macros.h"
#include "common/text/utf8.h"
#include "common/time/call_deadline.h"

namespace cs::common::db {

// Before COMMIT: the audit rows of what fn noted (Transaction::NoteChange, AppendAudit).
absl::Status WriteAuditRows(Transaction& tx);

namespace {

// audit_log.target holds at most 1000 characters; a longer list of targets is cut at a character.
constexpr size_t kMaxAuditTargetBytes = 1000;

// What one run of fn came to, and whether running it again is safe and useful.
struct AttemptOutcome {
  absl::Status status;
  bool retry = false;
};

// Sends a statement whose failure we can only note: ROLLBACK after an error. Returns false when the
// connection turned out to be lost (then it must not be reused).
bool RollBack(Transaction& tx) {
  try {
    tx.Execute("ROLLBACK");
    return true;
  } catch (const sql::SQLException& e) {
    return !IsConnectionLostError(e.getErrorCode());
  } catch (const std::exception&) {
    return false;
  }
}

AttemptOutcome RunOnce(PooledConnection& lease, Transaction& tx,
                       absl::FunctionRef<absl::Status(Transaction&)> fn) {
  try {
    tx.Execute("START TRANSACTION");
  } catch (const sql::SQLException& e) {
    // Nothing was sent yet, so a lost connection is safe to retry on a fresh one.
    const bool lost = IsConnectionLostError(e.getErrorCode());
    if (lost) lease.MarkBroken();
    return {FromSqlException(e, "starting a transaction"), lost};
  } catch (const std::exception& e) {
    lease.MarkBroken();
    return {absl::InternalError(absl::StrCat("starting a transaction: ", e.what())), false};
  }

  absl::Status body;
  bool lost = false;
  try {
    body = fn(tx);
  } catch (const sql::SQLException& e) {
    body = FromSqlException(e, "in transaction");
    lost = IsConnectionLostError(e.getErrorCode());
  } catch (const std::exception& e) {
    body = absl::InternalError(absl::StrCat("in transaction: unexpected exception: ", e.what()));
  } catch (...) {
    body = absl::InternalError("in transaction: unexpected non-standard exception");
  }

  if (!body.ok()) {
    // fn may have swallowed a lost connection into its Status (helpers return Status); ROLLBACK
    // finds out.
    if (lost || !RollBack(tx)) {
      lease.MarkBroken();
      lost = true;
    }
    // A lost connection before COMMIT means the server rolled the transaction back: safe to rerun.
    return {body, body.code() == absl::StatusCode::kAborted || lost};
  }

  // The caller may have given up while fn ran (a lock wait, a slow statement): what it no longer
  // waits for must not become visible, since it will retry or report a failure.
  if (absl::Status wanted = CheckCallStillWanted(); !wanted.ok()) {
    if (!RollBack(tx)) lease.MarkBroken();
    return {wanted, false};
  }

  if (absl::Status audited = WriteAuditRows(tx); !audited.ok()) {
    const bool broken = !RollBack(tx);
    if (broken) lease.MarkBroken();
    return {audited, audited.code() == absl::StatusCode::kAborted || broken};
  }

  // Whether this commit carries the call's audit row (WriteAuditRows wrote it above).
  const bool carries_call_row = CurrentAuditSubject() != nullptr && tx.has_noted_changes();
  try {
    tx.Execute("COMMIT");
    if (carries_call_row) AuditRowCommitted();
    return {absl::OkStatus(), false};
  } catch (const sql::SQLException& e) {
    if (IsConnectionLostError(e.getErrorCode())) {
      lease.MarkBroken();
      return {absl::UnavailableError(absl::StrCat(
                  "the database connection was lost during COMMIT; the transaction may or may not "
                  "have been committed (MySQL error ",
                  e.getErrorCode(), ")")),
              false};
    }
    // The server refused the commit (e.g. a deadlock detected at commit): it rolled back.
    absl::Status status = FromSqlException(e, "committing");
    if (!RollBack(tx)) lease.MarkBroken();
    return {status, status.code() == absl::StatusCode::kAborted};
  } catch (const std::exception& e) {
    lease.MarkBroken();
    return {absl::UnavailableError(absl::StrCat("committing: outcome unknown: ", e.what())), false};
  }
}

// TransactionOptions::single_statement: fn's one write commits by itself.
AttemptOutcome RunAutocommitted(PooledConnection& lease, Transaction& tx,
                                absl::FunctionRef<absl::Status(Transaction&)> fn) {
  try {
    absl::Status body = fn(tx);
    // A failed statement rolled itself back; one that succeeded is committed either way.
    return {body, body.code() == absl::StatusCode::kAborted};
  } catch (const sql::SQLException& e) {
    if (IsConnectionLostError(e.getErrorCode())) {
      lease.MarkBroken();
      return {absl::UnavailableError(absl::StrCat(
                  "the database connection was lost during an autocommitted statement; it may or "
                  "may not have been committed (MySQL error ",
                  e.getErrorCode(), ")")),
              false};
    }
    absl::Status status = FromSqlException(e, "in autocommitted statement");
    return {status, status.code() == absl::StatusCode::kAborted};
  } catch (const std::exception& e) {
    lease.MarkBroken();
    return {absl::UnavailableError(
                absl::StrCat("autocommitted statement: outcome unknown: ", e.what())),
            false};
  }
}

}  // namespace

absl::Status WriteAuditRows(Transaction& tx) {
  std::vector<std::pair<const AuditSubject*, std::string>> rows;
  const AuditSubject* current = CurrentAuditSubject();
  if (current != nullptr && !tx.changes_.empty()) {
    rows.emplace_back(current, absl::StrJoin(tx.changes_, ", "));
  }
  for (const auto& [subject, target] : tx.extra_audit_) rows.emplace_back(&subject, target);
  if (rows.empty()) return absl::OkStatus();
  try {
    std::string sql =
        "INSERT INTO audit_log (recorded_at, principal, role, unit_id, method, request_id, "
        "target, result) VALUES ";
    for (size_t i = 0; i < rows.size(); ++i) {
      absl::StrAppend(&sql, i == 0 ? "" : ", ", "(?, ?, ?, ?, ?, ?, ?, 'OK')");
    }
    std::unique_ptr<sql::PreparedStatement> insert = tx.Prepare(sql);
    const std::string now = FormatSqlTime(absl::Now());
    int column = 1;
    for (const auto& [subject, target] : rows) {
      insert->setString(column++, now);
      insert->setString(column++, subject->principal);
      insert->setString(column++, subject->role);
      insert->setString(column++, subject->unit_id);
      insert->setString(column++, subject->method);
      insert->setString(column++, subject->request_id);
      insert->setString(column++, std::string(TruncateUtf8(target, kMaxAuditTargetBytes)));
    }
    insert->executeUpdate();
    return absl::OkStatus();
  } catch (const sql::SQLException& e) {
    return FromSqlException(e, "writing the audit row");
  }
}

std::unique_ptr<sql::PreparedStatement> Transaction::Prepare(absl::string_view sql) {
  return std::unique_ptr<sql::PreparedStatement>(
      lease_.connection().prepareStatement(sql::SQLString(sql.data(), sql.size())));
}

sql::PreparedStatement& Transaction::PrepareCached(absl::string_view sql) {
  return lease_.CachedStatement(sql);
}

void Transaction::Execute(absl::string_view sql) {
  std::unique_ptr<sql::Statement> statement(lease_.connection().createStatement());
  statement->execute(sql::SQLString(sql.data(), sql.size()));
}

absl::Status RunInTransaction(ConnectionPool& pool,
                              absl::FunctionRef<absl::Status(Transaction&)> fn,
                              const TransactionOptions& options) {
  const int max_attempts = options.max_attempts < 1 ? 1 : options.max_attempts;
  absl::Status last;
  for (int attempt = 1; attempt <= max_attempts; ++attempt) {
    if (attempt > 1) {
      absl::BitGen random;
      absl::SleepFor(options.retry_backoff * (attempt - 1) * absl::Uniform(random, 0.5, 1.5));
    }
    // Neither the first attempt nor a retry (after a lock wait that outlasted the caller, say)
    // starts for a caller that has gone; never retried.
    RETURN_IF_ERROR(CheckCallStillWanted());
    absl::StatusOr<PooledConnection> lease = pool.Acquire();
    if (!lease.ok()) return lease.status();
    Transaction tx(*lease, attempt);
    const bool autocommit = options.single_statement && CurrentAuditSubject() == nullptr;
    AttemptOutcome outcome =
        autocommit ? RunAutocommitted(*lease, tx, fn) : RunOnce(*lease, tx, fn);
    if (outcome.status.ok() || !outcome.retry) return outcome.status;
    last = outcome.status;
  }
  return last;
}

}  // namespace cs::common::db

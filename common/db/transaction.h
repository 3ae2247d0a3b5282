// Running a unit of work as one MySQL transaction, with retries for the failures that are safe
// to retry.
//
//   absl::Status s = RunInTransaction(pool, [&](Transaction& tx) -> absl::Status {
//     auto insert = tx.Prepare("INSERT INTO tickets (id, title) VALUES (?, ?)");
//     insert->setString(1, id);
//     insert->setString(2, title);
//     insert->executeUpdate();
//     ASSIGN_OR_RETURN(std::string message_id, EnqueueOutbox(tx, message, now));
//     return absl::OkStatus();
//   });
//
// Contract of fn:
//  - It may throw sql::SQLException (or any std::exception): RunInTransaction catches it, maps it
//    with FromSqlException, rolls back and returns the Status. No exception ever leaves
//    RunInTransaction.
//  - Returning OK commits; returning anything else rolls back, so no half-written rows remain.
//  - fn MAY RUN MORE THAN ONCE: after a deadlock or lock wait timeout (ABORTED), and after the
//    connection was lost before COMMIT was sent, the whole fn runs again on a fresh connection,
//    up to max_attempts. So fn must have no effect outside the transaction (no RPCs, no
//    messages, no writes to captured state that survive a retry: reset such state at the top of
//    fn).
//  - If the connection drops while COMMIT is in flight, nobody knows whether it committed: the
//    result is UNAVAILABLE and fn is NOT retried. Callers make such writes idempotent
//    (request_id, message ids).
//  - A caller that gave up (common/time/call_deadline.h: the CallDeadlineScope of the call this
//    thread serves) gets no work done: CheckCallStillWanted() is asked before each attempt (fn
//    does not run, nothing is retried) and, in a transaction, just before COMMIT (rolled back).
//    Its DEADLINE_EXCEEDED or CANCELLED is returned as is, never retried. An autocommitted
//    statement (single_statement) is only checked before fn runs. Without a scope nothing changes.
//
// Thread-safety: RunInTransaction may be called from many threads at once (each borrows its own
// pooled connection). A Transaction is confined to the thread running fn and is valid only
// inside fn.
#ifndef CS_COMMON_DB_TRANSACTION_H_
#define CS_COMMON_DB_TRANSACTION_H_

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>

#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/auth/audit_subject.h"
#include "common/db/connection_pool.h"

namespace cs::common::db {

struct TransactionOptions {
  // Runs of fn in total (1 = never retry).
  int max_attempts = 3;
  // Pause before retry n is about n * retry_backoff (randomised by ±50%), so the two sides of a
  // deadlock do not collide again at once.
  absl::Duration retry_backoff = absl::Milliseconds(5);
  // fn's writes are ONE statement, which the server commits on its own (autocommit) — atomic by
  // itself, also across the rows a trigger writes. Saves the START TRANSACTION and COMMIT round
  // trips. fn may read before that statement; it must not fail after it, since nothing is rolled
  // back. A lost connection is then always "outcome unknown" (UNAVAILABLE, not retried).
  // Ignored — a real transaction is run — when the thread's call has an audit subject, so that
  // the audit row commits with the change.
  bool single_statement = false;
};

// The open transaction handed to fn. Methods throw sql::SQLException like Connector itself; inside
// fn that is fine (see above).
class Transaction final {
 public:
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  sql::Connection& connection() { return lease_.connection(); }

  // A prepared statement on this transaction's connection. Throws sql::SQLException on a syntax
  // error or a lost connection.
  std::unique_ptr<sql::PreparedStatement> Prepare(absl::string_view sql);

  // Like Prepare, but the statement stays open on this connection for the next transaction that
  // uses the same SQL text (one round trip saved per use). Owned by the connection: do not keep the
  // reference past fn, and read any ResultSet it returns before executing it again.
  sql::PreparedStatement& PrepareCached(absl::string_view sql);

  // Runs one statement that takes no parameters and returns no rows (SET, LOCK, DDL). Throws
  // sql::SQLException on failure.
  void Execute(absl::string_view sql);

  // 1 on the first run of fn, 2 on the first retry, ...
  int attempt() const { return attempt_; }

  // Audit (issue 16): fn names what it changed ("ticket 42"). When the call this thread serves has
  // an audit subject (common/auth/audit_subject.h: a caller admitted to a method that changes
  // something), RunInTransaction appends ONE audit_log row for it — every noted target, in order —
  // in this transaction, just before COMMIT. Nothing noted, or no subject: no row. A call has one
  // row: once it committed, later transactions of the call add none (audit_subject.h).
  void NoteChange(std::string target) { changes_.push_back(std::move(target)); }
  bool has_noted_changes() const { return !changes_.empty(); }

  // An audit row for a subject other than the thread's, written like the one above: for work
  // done on behalf of several callers at once (the commit queue's batches).
  void AppendAudit(const AuditSubject& subject, std::string target) {
    extra_audit_.push_back({subject, std::move(target)});
  }

 private:
  friend absl::Status RunInTransaction(ConnectionPool& pool,
                                       absl::FunctionRef<absl::Status(Transaction&)> fn,
                                       const TransactionOptions& options);
  Transaction(PooledConnection& lease, int attempt) : lease_(lease), attempt_(attempt) {}

  friend absl::Status WriteAuditRows(Transaction& tx);

  PooledConnection& lease_;
  const int attempt_;
  std::vector<std::string> changes_;
  std::vector<std::pair<AuditSubject, std::string>> extra_audit_;
};

// Runs fn in a transaction as described at the top of this file. Returns OK after a successful
// commit; fn's own error (after rollback); the mapped error of an exception fn threw; ABORTED when
// the last attempt still deadlocked; UNAVAILABLE when no connection could be had or the connection
// was lost during COMMIT (outcome unknown) or on every attempt; DEADLINE_EXCEEDED or CANCELLED
// (nothing written) when the caller of the call this thread serves gave up.
absl::Status RunInTransaction(ConnectionPool& pool,
                              absl::FunctionRef<absl::Status(Transaction&)> fn,
                              const TransactionOptions& options = {});

namespace transaction_internal {
template <typename T>
struct IsStatusOr : std::false_type {};
template <typename T>
struct IsStatusOr<absl::StatusOr<T>> : std::true_type {};
}  // namespace transaction_internal

// The same for an fn that returns absl::StatusOr<T>: its value when the transaction committed.
template <typename Fn, typename Result = std::invoke_result_t<Fn&, Transaction&>,
          typename = std::enable_if_t<transaction_internal::IsStatusOr<Result>::value>>
Result RunInTransaction(ConnectionPool& pool, Fn&& fn, const TransactionOptions& options = {}) {
  std::optional<Result> result;
  absl::Status status = RunInTransaction(
      pool,
      [&](Transaction& tx) -> absl::Status {
        result.reset();  // a retry starts over
        result.emplace(fn(tx));
        return result->status();
      },
      options);
  if (!status.ok()) return status;
  return *std::move(result);
}

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_TRANSACTION_H_

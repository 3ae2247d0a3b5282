// A fixed-size pool of MySQL connections (Connector/C++ 1.1), made at start and kept for the life
// of the process. gRPC's synchronous server grows and shrinks its thread pool, so connections
// belong to the pool, not to threads: a handler borrows one with Acquire() for the length of a
// transaction.
//
// Thread-safe: Acquire() may be called from any number of threads. A PooledConnection (the lease)
// is used by one thread at a time and returns its connection when destroyed. Every lease must be
// destroyed before the pool.
//
// Dead connections: a connection that reported a lost-connection error (the lease's MarkBroken(),
// called by RunInTransaction and by anyone who sees UNAVAILABLE from FromSqlException), or that
// fails a ping after being idle longer than MySqlOptions::validation_interval, is closed and
// reconnected before it is handed out again; when one comes back broken, every idle one is pinged
// before its next hand-out (a restarted server drops them all). While the server is down each
// Acquire() tries one reconnect and returns UNAVAILABLE; once the server is back the same pool
// works again. Connector's own auto-reconnect is off: it would silently drop session settings and
// open transactions.
//
// Every connection runs with:
//   character set utf8mb4 (client, connection and results), time_zone '+00:00' (DATETIME columns
//   hold UTC), autocommit on outside RunInTransaction, a strict sql_mode (too-long or bad values
//   are errors, not silent truncation), and transaction isolation READ COMMITTED — see
//   connection_pool.cc for why.
#ifndef CS_COMMON_DB_CONNECTION_POOL_H_
#define CS_COMMON_DB_CONNECTION_POOL_H_

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/db/mysql_options.h"

namespace cs::common::db {

class ConnectionPool;

namespace pool_internal {
// One connection and what the pool knows about it. Owned by the pool; a lease points at it.
// Server-side prepared statements kept open on one connection, keyed by their SQL text, so a hot
// statement costs one round trip (execute) instead of two (prepare + execute). Bounded: the oldest
// is closed when a new one would exceed kMaxStatements. Confined to the thread holding the slot.
class StatementCache {
 public:
  static constexpr size_t kMaxStatements = 256;
  // The cached statement for `sql` on `connection`, prepared now if new. Throws sql::SQLException
  // like Connection::prepareStatement.
  sql::PreparedStatement& Get(sql::Connection& connection, absl::string_view sql);
  // Closes every statement; required before the connection itself goes away.
  void Clear();

 private:
  absl::flat_hash_map<std::string, std::unique_ptr<sql::PreparedStatement>> statements_;
  std::deque<std::string> order_;
};

struct Slot {
  std::unique_ptr<sql::Connection> connection;  // null after a failed reconnect
  // Declared after `connection`, so it is destroyed first: statements are closed on a live
  // connection.
  StatementCache statements;
  bool broken = false;  // replace before the next hand-out
  // When it last came back; written under the pool's mutex, read by the thread that holds the slot.
  // InfinitePast forces a ping at the next hand-out.
  absl::Time last_returned = absl::InfinitePast();
};
}  // namespace pool_internal

// A borrowed connection. Move-only; returns the connection to its pool when destroyed.
class PooledConnection final {
 public:
  PooledConnection(PooledConnection&& other) noexcept;
  PooledConnection& operator=(PooledConnection&& other) noexcept;
  PooledConnection(const PooledConnection&) = delete;
  PooledConnection& operator=(const PooledConnection&) = delete;
  ~PooledConnection();

  sql::Connection& connection() const { return *slot_->connection; }
  sql::Connection* operator->() const { return slot_->connection.get(); }
  // A prepared statement kept open on this connection for reuse (see StatementCache).
  sql::PreparedStatement& CachedStatement(absl::string_view sql) const {
    return slot_->statements.Get(*slot_->connection, sql);
  }

  // Tells the pool this connection is unusable (a lost-connection error was seen, or its session
  // state is unknown): it is closed and replaced before anyone gets it again.
  void MarkBroken() { slot_->broken = true; }

 private:
  friend class ConnectionPool;
  PooledConnection(ConnectionPool* pool, pool_internal::Slot* slot) : pool_(pool), slot_(slot) {}
  void Release();

  ConnectionPool* pool_;
  pool_internal::Slot* slot_;
};

class ConnectionPool final {
 public:
  // Connects options.pool_size connections to options.database. UNAVAILABLE naming
  // host:port/database when the server cannot be reached; the mapped error (e.g. INTERNAL for
  // access denied or an unknown database) otherwise; INVALID_ARGUMENT for a pool_size < 1.
  static absl::StatusOr<std::unique_ptr<ConnectionPool>> Create(const MySqlOptions& options);

  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;
  ~ConnectionPool();

  // Borrows a live connection, waiting up to options.acquire_timeout for one to be free.
  // UNAVAILABLE when none became free in time, or when the connection had to be replaced and the
  // server cannot be reached.
  absl::StatusOr<PooledConnection> Acquire();

  const MySqlOptions& options() const { return options_; }
  int size() const { return static_cast<int>(slots_.size()); }
  // How many times a dead connection was replaced (for metrics and tests).
  int64_t reconnects() const;

 private:
  explicit ConnectionPool(const MySqlOptions& options) : options_(options) {}

  // Opens a new connection with the session settings above; the mapped Status on failure.
  absl::StatusOr<std::unique_ptr<sql::Connection>> Connect() const;
  // Makes the slot's connection usable (ping if idle, reconnect if broken); called without mutex_.
  absl::Status Revive(pool_internal::Slot& slot);
  void Return(pool_internal::Slot* slot);
  bool HasFreeSlot() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) { return !free_.empty(); }

  friend class PooledConnection;

  const MySqlOptions options_;
  // Fixed after Create(); the slots themselves are handed between threads through free_.
  std::vector<std::unique_ptr<pool_internal::Slot>> slots_;
  mutable absl::Mutex mutex_;
  std::vector<pool_internal::Slot*> free_ ABSL_GUARDED_BY(mutex_);
  int64_t reconnects_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_CONNECTION_POOL_H_

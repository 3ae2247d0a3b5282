#include "common/db/connection_pool.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/sql_error.h"
#include "common/status/status_macros.h"

namespace cs::common::db {
namespace {

// Connector/C++ 1.1 thread rules (Developer Guide 6.1 and the client library it wraps):
//  - get_driver_instance() is not thread-safe, and the driver's constructor runs
//    mysql_library_init(), which must happen once before any thread connects. A function-local
//    static is initialised exactly once under the compiler's lock, so every caller gets the
//    same, fully built driver. It is never destroyed by us (Connector owns it).
//  - A thread that uses a connection should have called mysql_thread_init()
//    (driver->threadInit()). Debian's Connector links MariaDB Connector/C 3.x, where it is a
//    no-op, but the call is cheap and keeps us correct with libmysqlclient, so each thread calls
//    it once (EnsureThreadInit). threadEnd() is deliberately not called from a thread_local
//    destructor: threads can outlive the driver at process exit, and with Connector/C 3.x it
//    does nothing.
//  - One connection is used by one thread at a time; the pool guarantees that by leasing.
sql::mysql::MySQL_Driver* Driver() {
  static sql::mysql::MySQL_Driver* const driver = sql::mysql::get_mysql_driver_instance();
  return driver;
}

void EnsureThreadInit() {
  thread_local bool initialised = false;  // trivially destructible: no exit-time ordering issue
  if (!initialised) {
    Driver()->threadInit();
    initialised = true;
  }
}

int WholeSeconds(absl::Duration d) {
  // Connector takes whole seconds; round up so a sub-second setting never turns into "no timeout"
  // (0).
  return std::max(1, static_cast<int>(std::ceil(absl::ToDoubleSeconds(d))));
}

std::string Address(const MySqlOptions& options) {
  return absl::StrCat(options.host, ":", options.port, "/", options.database,
                      options.ssl_ca.empty() ? "" : " over TLS");
}

}  // namespace

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), slot_(std::exchange(other.slot_, nullptr)) {}

PooledConnection& PooledConnection::operator=(PooledConnection&& other) noexcept {
  if (this != &other) {
    Release();
    pool_ = std::exchange(other.pool_, nullptr);
    slot_ = std::exchange(other.slot_, nullptr);
  }
  return *this;
}

PooledConnection::~PooledConnection() { Release(); }

void PooledConnection::Release() {
  if (pool_ != nullptr && slot_ != nullptr) pool_->Return(slot_);
  pool_ = nullptr;
  slot_ = nullptr;
}

absl::StatusOr<std::unique_ptr<ConnectionPool>> ConnectionPool::Create(
    const MySqlOptions& options) {
  if (options.pool_size < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("pool_size must be at least 1, got ", options.pool_size));
  }
  EnsureThreadInit();
  std::unique_ptr<ConnectionPool> pool(new ConnectionPool(options));
  for (int i = 0; i < options.pool_size; ++i) {
    absl::StatusOr<std::unique_ptr<sql::Connection>> connection = pool->Connect();
    if (!connection.ok()) return connection.status();
    auto slot = std::make_unique<pool_internal::Slot>();
    slot->connection = *std::move(connection);
    slot->last_returned = absl::Now();
    pool->slots_.push_back(std::move(slot));
  }
  absl::MutexLock lock(&pool->mutex_);
  for (const auto& slot : pool->slots_) pool->free_.push_back(slot.get());
  return pool;
}

namespace pool_internal {

sql::PreparedStatement& StatementCache::Get(sql::Connection& connection, absl::string_view sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return *it->second;
  std::unique_ptr<sql::PreparedStatement> statement(
      connection.prepareStatement(sql::SQLString(sql.data(), sql.size())));
  if (order_.size() >= kMaxStatements) {
    statements_.erase(order_.front());
    order_.pop_front();
  }
  order_.emplace_back(sql);
  return *statements_.emplace(std::string(sql), std::move(statement)).first->second;
}

void StatementCache::Clear() {
  try {
    statements_.clear();
  } catch (const std::exception&) {
    // Closing statements of a dead connection may fail; the server forgets them with the session.
  }
  order_.clear();
}

}  // namespace pool_internal

ConnectionPool::~ConnectionPool() = default;

int64_t ConnectionPool::reconnects() const {
  absl::MutexLock lock(&mutex_);
  return reconnects_;
}

absl::StatusOr<std::unique_ptr<sql::Connection>> ConnectionPool::Connect() const {
  const std::string context = absl::StrCat("connecting to MySQL at ", Address(options_));
  try {
    sql::ConnectOptionsMap properties;
    properties["hostName"] = sql::SQLString(absl::StrCat("tcp://", options_.host));
    properties["port"] = options_.port;
    properties["userName"] = sql::SQLString(options_.user);
    properties["password"] = sql::SQLString(options_.password);
    if (!options_.database.empty()) properties["schema"] = sql::SQLString(options_.database);
    properties["OPT_CONNECT_TIMEOUT"] = WholeSeconds(options_.connect_timeout);
    properties["OPT_READ_TIMEOUT"] = WholeSeconds(options_.read_timeout);
    properties["OPT_WRITE_TIMEOUT"] = WholeSeconds(options_.write_timeout);
    properties["OPT_RECONNECT"] = false;
    // Both names are needed: Connector sets character_set_results separately and defaults it to
    // utf8 (3-byte) when only the connection charset is given.
    properties["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    properties["characterSetResults"] = sql::SQLString("utf8mb4");
    if (!options_.ssl_ca.empty()) {
      // Connector/C++ 1.1's names for mysql_ssl_set and the client library's options. sslVerify
      // (MYSQL_OPT_SSL_VERIFY_SERVER_CERT) adds the host-name check to the chain check a CA
      // turns on; sslEnforce refuses a server that offers no TLS instead of silently going on in
      // plaintext.
      properties["sslCA"] = sql::SQLString(options_.ssl_ca);
      properties["sslVerify"] = true;
      properties["sslEnforce"] = true;
      if (!options_.ssl_cert.empty()) {
        properties["sslCert"] = sql::SQLString(options_.ssl_cert);
        properties["sslKey"] = sql::SQLString(options_.ssl_key);
      }
    }
    std::unique_ptr<sql::Connection> connection(Driver()->connect(properties));

    // READ COMMITTED rather than InnoDB's REPEATABLE READ:
    //  - relays and scanners claim work with SELECT ... FOR UPDATE SKIP LOCKED and must see
    //    rows committed by others since their last claim, not a snapshot from the start of the
    //    transaction;
    //  - REPEATABLE READ takes gap and next-key locks on every locking read and range update,
    //    which is where most InnoDB deadlocks between concurrent inserts come from; READ
    //    COMMITTED locks only the rows actually read (gap locks remain only for foreign-key and
    //    duplicate-key checks).
    // Our invariants are kept by row locks and unique keys, not by repeatable snapshots.
    connection->setTransactionIsolation(sql::TRANSACTION_READ_COMMITTED);
    connection->setAutoCommit(true);
    std::unique_ptr<sql::Statement> statement(connection->createStatement());
    statement->execute("SET time_zone = '+00:00'");
    // Fixed here rather than inherited from the server so that a too-long value fails (1406)
    // everywhere instead of being truncated on a server configured without strict mode.
    statement->execute(
        "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
        "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
    return connection;
  } catch (const sql::SQLException& e) {
    return FromSqlException(e, context);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat(context, ": ", e.what()));
  }
}

absl::Status ConnectionPool::Revive(pool_internal::Slot& slot) {
  if (slot.connection != nullptr && !slot.broken &&
      absl::Now() - slot.last_returned >= options_.validation_interval) {
    bool alive = false;
    try {
      alive = slot.connection->isValid();  // a ping; false when the server closed the session
    } catch (const std::exception&) {
      alive = false;
    }
    if (!alive) slot.broken = true;
  }
  if (slot.connection != nullptr && !slot.broken) return absl::OkStatus();

  // Closing a dead connection only sends COM_QUIT on a dead socket; it may throw, never matters.
  try {
    slot.statements.Clear();
    slot.connection.reset();
  } catch (const std::exception&) {
  }
  slot.broken = true;
  ASSIGN_OR_RETURN(slot.connection, Connect());
  slot.broken = false;
  absl::MutexLock lock(&mutex_);
  ++reconnects_;
  return absl::OkStatus();
}

absl::StatusOr<PooledConnection> ConnectionPool::Acquire() {
  EnsureThreadInit();
  pool_internal::Slot* slot = nullptr;
  {
    absl::MutexLock lock(&mutex_);
    if (!mutex_.AwaitWithTimeout(absl::Condition(this, &ConnectionPool::HasFreeSlot),
                                 options_.acquire_timeout)) {
      return absl::UnavailableError(absl::StrCat(
          "no free database connection within ", absl::FormatDuration(options_.acquire_timeout),
          " (pool of ", slots_.size(), " to ", Address(options_), ")"));
    }
    slot = free_.back();
    free_.pop_back();
  }
  // Outside the lock: a ping or reconnect takes a round trip, and other threads must keep
  // borrowing.
  if (absl::Status revived = Revive(*slot); !revived.ok()) {
    Return(slot);
    return revived;
  }
  return PooledConnection(this, slot);
}

void ConnectionPool::Return(pool_internal::Slot* slot) {
  absl::MutexLock lock(&mutex_);
  slot->last_returned = absl::Now();
  if (slot->broken) {
    // One dead connection usually means the server restarted or dropped everyone: make the idle
    // ones prove they are alive before their next hand-out, instead of failing one transaction
    // each.
    for (pool_internal::Slot* idle : free_) idle->last_returned = absl::InfinitePast();
  }
  // Most recently used last, so it is handed out first: hot connections stay warm and skip the
  // ping.
  free_.push_back(slot);
}

}  // namespace cs::common::db

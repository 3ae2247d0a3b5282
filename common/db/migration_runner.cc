#include "common/db/migration_runner.h"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <exception>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/db/collation_check.h"
#include "common/db/sql_error.h"
#include "common/db/sql_script.h"
#include "common/hash/sha256.h"
#include "common/status/status_macros.h"

namespace cs::common::db {
namespace {

constexpr absl::string_view kCreateSchemaMigrations = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  component VARCHAR(64) NOT NULL,
  version INT NOT NULL,
  name VARCHAR(255) NOT NULL,
  checksum CHAR(64) NOT NULL,
  applied_at DATETIME(6) NOT NULL,
  PRIMARY KEY (component, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin)sql";

// Schemas made by earlier binaries hold schema_migrations under utf8mb4_bin (PAD SPACE), which
// CheckNoPadBinaryCollations refuses; they are converted once, under the runner's lock.
constexpr absl::string_view kSchemaMigrationsCollation =
    "SELECT TABLE_COLLATION FROM information_schema.TABLES "
    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'schema_migrations'";
constexpr absl::string_view kConvertSchemaMigrations = R"sql(
ALTER TABLE schema_migrations
  MODIFY component VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  MODIFY name VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  MODIFY checksum CHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin)sql";

struct Recorded {
  std::string name;
  std::string checksum;
};
using RecordedMap = std::map<std::pair<std::string, int>, Recorded>;

absl::Status Validate(const std::vector<const std::vector<Migration>*>& sets) {
  absl::flat_hash_map<std::string, int> last_version;
  for (const std::vector<Migration>* set : sets) {
    if (set == nullptr) return absl::InvalidArgumentError("migration set is null");
    for (const Migration& m : *set) {
      if (m.component.empty() || m.name.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("migration version ", m.version, " has an empty component or name"));
      }
      if (m.version < 0) {
        return absl::InvalidArgumentError(
            absl::StrCat(m.component, "/", m.name, ": negative version ", m.version));
      }
      auto [it, inserted] = last_version.try_emplace(m.component, m.version);
      if (!inserted) {
        if (m.version <= it->second) {
          return absl::InvalidArgumentError(
              absl::StrCat(m.component, "/", m.name, ": version ", m.version,
                           " is not greater than the previous version ", it->second,
                           " of the component (versions must be unique and strictly increasing)"));
        }
        it->second = m.version;
      }
    }
  }
  return absl::OkStatus();
}

// Runs `body` and maps any Connector exception; a lost connection is not reused.
template <typename Body>
absl::Status Guarded(PooledConnection& lease, absl::string_view context, Body&& body) {
  try {
    return body();
  } catch (const sql::SQLException& e) {
    if (IsConnectionLostError(e.getErrorCode())) lease.MarkBroken();
    return FromSqlException(e, context);
  } catch (const std::exception& e) {
    lease.MarkBroken();
    return absl::InternalError(absl::StrCat(context, ": ", e.what()));
  }
}

absl::Status ApplyOne(PooledConnection& lease, const Migration& m) {
  const std::vector<std::string> statements = SplitSqlStatements(m.sql);
  for (size_t i = 0; i < statements.size(); ++i) {
    RETURN_IF_ERROR(Guarded(lease,
                            absl::StrCat("migration ", m.component, "/", m.name, " statement ",
                                         i + 1, " of ", statements.size()),
                            [&] {
                              std::unique_ptr<sql::Statement> statement(lease->createStatement());
                              statement->execute(statements[i]);
                              return absl::OkStatus();
                            }));
  }
  // Recorded only now: DDL commits statement by statement, so a migration counts as applied once
  // its last statement succeeded, and one that failed part-way is retried from the top at the next
  // start.
  return Guarded(lease, absl::StrCat("recording migration ", m.component, "/", m.name), [&] {
    std::unique_ptr<sql::PreparedStatement> insert(lease->prepareStatement(
        "INSERT INTO schema_migrations (component, version, name, checksum, applied_at) "
        "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))"));
    insert->setString(1, m.component);
    insert->setInt(2, m.version);
    insert->setString(3, m.name);
    insert->setString(4, Sha256Hex(m.sql));
    insert->executeUpdate();
    return absl::OkStatus();
  });
}

absl::Status ApplyLocked(PooledConnection& lease,
                         const std::vector<const std::vector<Migration>*>& sets) {
  RecordedMap recorded;
  RETURN_IF_ERROR(Guarded(lease, "reading schema_migrations", [&] {
    std::unique_ptr<sql::Statement> statement(lease->createStatement());
    statement->execute(std::string(kCreateSchemaMigrations));
    {
      std::unique_ptr<sql::ResultSet> collation(
          statement->executeQuery(std::string(kSchemaMigrationsCollation)));
      if (collation->next() && collation->getString(1).asStdString() != "utf8mb4_nopad_bin") {
        statement->execute(std::string(kConvertSchemaMigrations));
      }
    }
    std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(
        "SELECT component, version, name, checksum FROM schema_migrations"));
    while (rows->next()) {
      recorded[{rows->getString(1), rows->getInt(2)}] =
          Recorded{rows->getString(3), rows->getString(4)};
    }
    return absl::OkStatus();
  }));

  for (const std::vector<Migration>* set : sets) {
    for (const Migration& m : *set) {
      auto it = recorded.find({m.component, m.version});
      if (it == recorded.end()) {
        RETURN_IF_ERROR(ApplyOne(lease, m));
        continue;
      }
      if (it->second.name != m.name) {
        return absl::FailedPreconditionError(absl::StrCat(m.component, " version ", m.version,
                                                          " was applied as ", it->second.name,
                                                          " but this binary has ", m.name));
      }
      if (it->second.checksum != Sha256Hex(m.sql)) {
        return absl::FailedPreconditionError(absl::StrCat(
            m.component, "/", m.name,
            " was edited after it was applied (its checksum differs from schema_migrations); "
            "restore the applied text and add a new migration instead"));
      }
    }
  }
  // Last, so the rule holds for the schema the migrations produced, whoever wrote them.
  return CheckNoPadBinaryCollations(lease);
}

}  // namespace

absl::Status ApplyMigrations(ConnectionPool& pool,
                             const std::vector<const std::vector<Migration>*>& sets,
                             const MigrationRunOptions& options) {
  RETURN_IF_ERROR(Validate(sets));
  ASSIGN_OR_RETURN(PooledConnection lease, pool.Acquire());
  // MySQL limits lock names to 64 characters; database names are at most 64, so cut if needed (two
  // schemas differing only after that would share a lock, which is merely slower).
  const std::string lock_name =
      absl::StrCat("cs_migrations:", pool.options().database).substr(0, 64);
  const int wait_seconds = static_cast<int>(absl::ToInt64Seconds(options.lock_timeout) > 0
                                                ? absl::ToInt64Seconds(options.lock_timeout)
                                                : 0);
  RETURN_IF_ERROR(Guarded(lease, absl::StrCat("taking lock ", lock_name), [&] {
    std::unique_ptr<sql::PreparedStatement> get_lock(
        lease->prepareStatement("SELECT GET_LOCK(?, ?)"));
    get_lock->setString(1, lock_name);
    get_lock->setInt(2, wait_seconds);
    std::unique_ptr<sql::ResultSet> result(get_lock->executeQuery());
    if (!result->next() || result->isNull(1)) {
      return absl::InternalError(absl::StrCat("GET_LOCK('", lock_name, "') failed"));
    }
    if (result->getInt(1) != 1) {
      return absl::UnavailableError(absl::StrCat("another process is applying migrations (lock ",
                                                 lock_name, " not obtained within ",
                                                 absl::FormatDuration(options.lock_timeout), ")"));
    }
    return absl::OkStatus();
  }));

  absl::Status status = ApplyLocked(lease, sets);

  absl::Status released = Guarded(lease, absl::StrCat("releasing lock ", lock_name), [&] {
    std::unique_ptr<sql::PreparedStatement> release(
        lease->prepareStatement("SELECT RELEASE_LOCK(?)"));
    release->setString(1, lock_name);
    std::unique_ptr<sql::ResultSet> result(release->executeQuery());
    return absl::OkStatus();
  });
  if (!released.ok()) {
    // A named lock lives as long as its session: close it now so that other replicas are not
    // blocked, and let the pool replace the connection.
    try {
      lease->close();
    } catch (const std::exception&) {
    }
    lease.MarkBroken();
  }
  return status.ok() ? released : status;
}

}  // namespace cs::common::db

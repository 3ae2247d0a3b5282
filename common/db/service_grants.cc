#include "common/db/service_grants.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <algorithm>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/db/sql_error.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"

namespace cs::common::db {
namespace {

// MySQL: "command denied to user for table".
constexpr int kTableAccessDenied = 1142;
// MySQL: "there is no such grant defined for user": REVOKE of a right never given.
constexpr int kNoSuchGrant = 1141;

constexpr absl::string_view kMigrationsTable = "schema_migrations";

// A name spliced between backticks: letters, digits, '_' and '$' only, as every name of the
// suite's migrations is.
bool IsPlainName(absl::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
  });
}

// A name spliced between single quotes.
bool IsQuotableName(absl::string_view name) {
  return !name.empty() && name.size() <= 255 &&
         name.find_first_of("'\\`\"") == absl::string_view::npos;
}

absl::StatusOr<std::vector<std::string>> BaseTables(ConnectionPool& pool,
                                                    absl::string_view schema) {
  ASSIGN_OR_RETURN(PooledConnection lease, pool.Acquire());
  try {
    std::unique_ptr<sql::PreparedStatement> select(lease->prepareStatement(
        "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND "
        "TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME"));
    select->setString(1, std::string(schema));
    std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
    std::vector<std::string> tables;
    while (rs->next()) tables.push_back(rs->getString(1));
    return tables;
  } catch (const sql::SQLException& e) {
    return FromSqlException(e, "listing the schema's tables for the service's grants");
  }
}

// The table's first column, or "" when the account cannot see the table at all (then every
// statement on it is refused before any column is looked at).
absl::StatusOr<std::string> FirstColumn(PooledConnection& lease, absl::string_view table) {
  try {
    std::unique_ptr<sql::PreparedStatement> select(lease->prepareStatement(
        "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
        "TABLE_NAME = ? ORDER BY ORDINAL_POSITION LIMIT 1"));
    select->setString(1, std::string(table));
    std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
    if (!rs->next()) return std::string();
    return std::string(rs->getString(1));
  } catch (const sql::SQLException& e) {
    return FromSqlException(e, "reading a column name to probe the table's privileges");
  }
}

// True when `statement` is refused with 1142; false when it runs; the error otherwise.
absl::StatusOr<bool> Refused(PooledConnection& lease, const std::string& statement) {
  try {
    std::unique_ptr<sql::Statement> run(lease->createStatement());
    run->execute(statement);
    return false;
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() == kTableAccessDenied) return true;
    return FromSqlException(e, "probing a table's privileges");
  }
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ServiceGrantStatements(
    absl::string_view schema, absl::string_view user, const std::vector<std::string>& tables,
    const std::vector<std::string>& append_only_tables) {
  FieldViolations violations;
  if (!IsPlainName(schema)) violations.Add("mysql_database", "must be [A-Za-z0-9_$]{1,64}");
  if (!IsQuotableName(user)) {
    violations.Add("mysql_user", "must be 1-255 characters without quotes or backslashes");
  }
  for (const std::string& table : tables) {
    if (!IsPlainName(table)) {
      violations.Add("tables",
                     absl::StrCat("\"", absl::CEscape(table), "\" is not [A-Za-z0-9_$]{1,64}"));
    }
  }
  for (const std::string& table : append_only_tables) {
    if (std::find(tables.begin(), tables.end(), table) == tables.end()) {
      violations.Add("append_only_tables",
                     absl::StrCat("\"", absl::CEscape(table), "\" is not a table of the schema"));
    }
  }
  RETURN_IF_ERROR(violations.ToStatus("cannot build the service's grants"));
  std::vector<std::string> statements;
  statements.reserve(tables.size());
  for (const std::string& table : tables) {
    const bool append_only =
        table == kAuditLogTable || std::find(append_only_tables.begin(), append_only_tables.end(),
                                             table) != append_only_tables.end();
    const absl::string_view rights = table == kMigrationsTable ? "SELECT"
                                     : append_only             ? "SELECT, INSERT"
                                                               : "SELECT, INSERT, UPDATE, DELETE";
    statements.push_back(
        absl::StrCat("GRANT ", rights, " ON `", schema, "`.`", table, "` TO '", user, "'@'%'"));
  }
  return statements;
}

absl::Status ApplyServiceGrants(ConnectionPool& migrator, absl::string_view schema,
                                absl::string_view user,
                                const std::vector<std::string>& append_only_tables) {
  ASSIGN_OR_RETURN(std::vector<std::string> tables, BaseTables(migrator, schema));
  ASSIGN_OR_RETURN(std::vector<std::string> statements,
                   ServiceGrantStatements(schema, user, tables, append_only_tables));
  ASSIGN_OR_RETURN(PooledConnection lease, migrator.Acquire());
  for (const std::string& statement : statements) {
    try {
      std::unique_ptr<sql::Statement> run(lease->createStatement());
      run->execute(statement);
    } catch (const sql::SQLException& e) {
      return FromSqlException(e, absl::StrCat("granting the service's rights: ", statement));
    }
  }
  // Last, so that a replica still running on a schema-wide grant never loses a right it uses.
  const std::string revoke =
      absl::StrCat("REVOKE ALL PRIVILEGES ON `", schema, "`.* FROM '", user, "'@'%'");
  try {
    std::unique_ptr<sql::Statement> run(lease->createStatement());
    run->execute(revoke);
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() != kNoSuchGrant) {
      return FromSqlException(e, absl::StrCat("taking back a schema-wide grant: ", revoke));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> TableIsAppendOnly(ConnectionPool& pool, absl::string_view table) {
  if (!IsPlainName(table)) {
    return absl::InvalidArgumentError(
        absl::StrCat("table \"", absl::CEscape(table), "\" is not [A-Za-z0-9_$]{1,64}"));
  }
  ASSIGN_OR_RETURN(PooledConnection lease, pool.Acquire());
  ASSIGN_OR_RETURN(std::string column, FirstColumn(lease, table));
  // Privileges are checked before column names are resolved, so any name serves when the account
  // cannot see the table's columns.
  column = column.empty() ? "id" : absl::StrReplaceAll(column, {{"`", "``"}});
  // Neither statement can match a row; only the privilege check decides the outcome.
  ASSIGN_OR_RETURN(bool update_refused,
                   Refused(lease, absl::StrCat("UPDATE `", table, "` SET `", column, "` = `",
                                               column, "` WHERE FALSE")));
  ASSIGN_OR_RETURN(bool delete_refused,
                   Refused(lease, absl::StrCat("DELETE FROM `", table, "` WHERE FALSE")));
  return update_refused && delete_refused;
}

}  // namespace cs::common::db

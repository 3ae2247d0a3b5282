#include "common/db/collation_check.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/db/sql_error.h"
#include "common/status/status_macros.h"

namespace cs::common::db {
namespace {

// Views are left out: their columns hold no data of their own, and an expression column takes the
// connection's collation whatever the tables use.
constexpr char kCharacterColumns[] =
    "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLLATION_NAME FROM information_schema.COLUMNS c "
    "JOIN information_schema.TABLES t "
    "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
    "WHERE c.TABLE_SCHEMA = ? AND t.TABLE_TYPE <> 'VIEW' AND c.COLLATION_NAME IS NOT NULL "
    "ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";

absl::StatusOr<std::string> CurrentSchema(sql::Connection& connection) {
  std::unique_ptr<sql::PreparedStatement> select(connection.prepareStatement("SELECT DATABASE()"));
  std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
  if (!rs->next() || rs->isNull(1)) {
    return absl::FailedPreconditionError(
        "checking collations: the connection has no schema selected");
  }
  return std::string(rs->getString(1));
}

absl::Status Check(sql::Connection& connection) {
  ASSIGN_OR_RETURN(const std::string schema, CurrentSchema(connection));
  std::unique_ptr<sql::PreparedStatement> select(connection.prepareStatement(kCharacterColumns));
  select->setString(1, schema);
  std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
  std::vector<std::string> offending;
  while (rs->next()) {
    const std::string collation(rs->getString(3));
    if (IsNoPadBinaryCollation(collation)) continue;
    offending.push_back(absl::StrCat(std::string(rs->getString(1)), ".",
                                     std::string(rs->getString(2)), " (", collation, ")"));
  }
  if (offending.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "schema ", schema, ": ", offending.size(),
      " character column(s) do not compare byte for byte; identifiers need a NO PAD binary "
      "collation (ascii_nopad_bin, utf8mb4_nopad_bin), so add a migration that MODIFYs them: ",
      absl::StrJoin(offending, ", ")));
}

}  // namespace

bool IsNoPadBinaryCollation(absl::string_view collation) {
  return collation == "binary" || absl::EndsWith(collation, "_nopad_bin");
}

absl::Status CheckNoPadBinaryCollations(PooledConnection& connection) {
  constexpr absl::string_view kContext = "checking collations";
  try {
    return Check(connection.connection());
  } catch (const sql::SQLException& e) {
    if (IsConnectionLostError(e.getErrorCode())) connection.MarkBroken();
    return FromSqlException(e, kContext);
  } catch (const std::exception& e) {
    connection.MarkBroken();
    return absl::InternalError(absl::StrCat(kContext, ": ", e.what()));
  }
}

absl::Status CheckNoPadBinaryCollations(ConnectionPool& pool) {
  ASSIGN_OR_RETURN(PooledConnection connection, pool.Acquire());
  return CheckNoPadBinaryCollations(connection);
}

}  // namespace cs::common::db

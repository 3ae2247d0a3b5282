#include "services/archive/store/access_grants.h"

#include <cppconn/exception.h>
#include <cppconn/statement.h>

#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "common/db/service_grants.h"
#include "common/db/sql_error.h"
#include "common/db/sql_script.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"

namespace cs::archive {
namespace {

bool IsSchemaName(absl::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '$') return false;
  }
  return true;
}

// True when `text` holds an @NAME@ placeholder (capital letters and underscores).
bool HasPlaceholder(absl::string_view text) {
  for (size_t at = text.find('@'); at != absl::string_view::npos; at = text.find('@', at + 1)) {
    size_t end = at + 1;
    while (end < text.size() &&
           (absl::ascii_isupper(static_cast<unsigned char>(text[end])) || text[end] == '_')) {
      ++end;
    }
    if (end > at + 1 && end < text.size() && text[end] == '@') return true;
  }
  return false;
}

bool IsQuotableName(absl::string_view name) {
  return !name.empty() && name.size() <= 255 &&
         name.find_first_of("'\\`\"") == absl::string_view::npos;
}

// True when `statement` is refused with 1142; false when it runs; the error otherwise.

}  // namespace

absl::StatusOr<std::vector<std::string>> ArchiveGrantStatements(absl::string_view script,
                                                                absl::string_view schema,
                                                                absl::string_view user) {
  common::FieldViolations violations;
  if (!IsSchemaName(schema)) violations.Add("mysql_database", "must be [A-Za-z0-9_$]{1,64}");
  if (!IsQuotableName(user)) {
    violations.Add("mysql_user", "must be 1-255 characters without quotes or backslashes");
  }
  RETURN_IF_ERROR(violations.ToStatus("cannot build the archive's grants"));
  const std::string text = absl::StrReplaceAll(script, {{"@SCHEMA@", schema}, {"@USER@", user}});
  std::vector<std::string> statements;
  for (const std::string& piece : common::db::SplitSqlStatements(text)) {
    // Whole-line comments stay in the file; the statements (and any error naming one) go without.
    std::vector<absl::string_view> lines;
    for (absl::string_view line : absl::StrSplit(piece, '\n')) {
      if (!absl::StartsWith(absl::StripLeadingAsciiWhitespace(line), "--")) lines.push_back(line);
    }
    statements.emplace_back(absl::StripAsciiWhitespace(absl::StrJoin(lines, "\n")));
  }
  for (const std::string& statement : statements) {
    if (HasPlaceholder(statement)) {
      return absl::InvalidArgumentError(
          absl::StrCat("archive grants: unknown placeholder left in: ", statement));
    }
  }
  return statements;
}

absl::Status ApplyArchiveGrants(common::db::ConnectionPool& admin_pool, absl::string_view schema,
                                absl::string_view user) {
  ASSIGN_OR_RETURN(std::vector<std::string> statements,
                   ArchiveGrantStatements(EmbeddedArchiveGrants(), schema, user));
  ASSIGN_OR_RETURN(common::db::PooledConnection lease, admin_pool.Acquire());
  for (size_t i = 0; i < statements.size(); ++i) {
    try {
      std::unique_ptr<sql::Statement> run(lease->createStatement());
      run->execute(statements[i]);
    } catch (const sql::SQLException& e) {
      return common::db::FromSqlException(
          e, absl::StrCat("archive_grants.sql statement ", i + 1, " of ", statements.size()));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> AccessLogIsAppendOnly(common::db::ConnectionPool& pool) {
  return common::db::TableIsAppendOnly(pool, "access_log");
}

}  // namespace cs::archive

// Small helpers every MySQL store uses around Connector/C++ prepared statements: binding values to
// consecutive placeholders, building placeholder lists for multi-row statements, and reading typed
// columns. Times are UTC DATETIME(6) (sql_time.h). Stateless or confined to one statement;
// thread-safe as far as the statement they touch is.
#ifndef CS_COMMON_DB_STATEMENT_HELPERS_H_
#define CS_COMMON_DB_STATEMENT_HELPERS_H_

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"

namespace cs::common::db {

// Binds values to the placeholders of one statement in order, from the first (or `first`).
class ParameterBinder final {
 public:
  explicit ParameterBinder(sql::PreparedStatement& statement, int first = 1)
      : statement_(statement), index_(first) {}

  void String(const std::string& value);
  void Int(int64_t value);
  void Bool(bool value);
  void Time(absl::Time value);
  void Null();
  void OptionalTime(const absl::optional<absl::Time>& value);
  // `value` when `present`, else NULL.
  void OptionalString(bool present, const std::string& value);
  // The values joined by `separator` into one string column.
  void Joined(const std::vector<std::string>& values, char separator);
  // The index the next value goes to.
  int next() const { return index_; }

 private:
  sql::PreparedStatement& statement_;
  int index_;
};

// "(?,?,?)" for count 3.
std::string Placeholders(int count);
// Placeholders(columns) repeated `rows` times, comma separated: the VALUES of a multi-row INSERT.
std::string RowsOfPlaceholders(int rows, int columns);
// "a = ?, b = ?" for the column list "a, b": the SET of an UPDATE binding every column.
std::string Assignments(absl::string_view columns);
// The number of columns of a comma-separated column list.
int ColumnCount(absl::string_view columns);

// A column's time. Throws sql::SQLException (mapped to INTERNAL by RunInTransaction) when the
// stored text is not a time: a corrupt row.
absl::Time TimeColumn(sql::ResultSet& rs, const char* column);
// nullopt for SQL NULL.
absl::optional<absl::Time> OptionalTimeColumn(sql::ResultSet& rs, const char* column);
std::string StringColumn(sql::ResultSet& rs, const char* column);

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_STATEMENT_HELPERS_H_

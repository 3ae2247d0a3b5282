#include "common/db/statement_helpers.h"

#include <cppconn/exception.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "common/db/sql_time.h"

namespace cs::common::db {

void ParameterBinder::String(const std::string& value) { statement_.setString(index_++, value); }
void ParameterBinder::Int(int64_t value) { statement_.setInt64(index_++, value); }
void ParameterBinder::Bool(bool value) { statement_.setBoolean(index_++, value); }
void ParameterBinder::Time(absl::Time value) {
  statement_.setString(index_++, FormatSqlTime(value));
}
void ParameterBinder::Null() { statement_.setNull(index_++, sql::DataType::VARCHAR); }

void ParameterBinder::OptionalTime(const absl::optional<absl::Time>& value) {
  if (value.has_value()) {
    Time(*value);
  } else {
    Null();
  }
}

void ParameterBinder::OptionalString(bool present, const std::string& value) {
  if (present) {
    String(value);
  } else {
    Null();
  }
}

void ParameterBinder::Joined(const std::vector<std::string>& values, char separator) {
  String(absl::StrJoin(values, std::string(1, separator)));
}

std::string Placeholders(int count) {
  std::string out = "(";
  for (int i = 0; i < count; ++i) absl::StrAppend(&out, i == 0 ? "?" : ",?");
  return out + ")";
}

std::string RowsOfPlaceholders(int rows, int columns) {
  const std::string row = Placeholders(columns);
  std::string out;
  for (int i = 0; i < rows; ++i) absl::StrAppend(&out, i == 0 ? "" : ",", row);
  return out;
}

std::string Assignments(absl::string_view columns) {
  return absl::StrCat(absl::StrReplaceAll(columns, {{",", " = ?,"}}), " = ?");
}

int ColumnCount(absl::string_view columns) {
  return static_cast<int>(std::count(columns.begin(), columns.end(), ',')) + 1;
}

absl::Time TimeColumn(sql::ResultSet& rs, const char* column) {
  absl::StatusOr<absl::Time> time = ParseSqlTime(rs.getString(column).asStdString());
  if (!time.ok()) throw sql::SQLException(absl::StrCat("bad time in column ", column));
  return *time;
}

absl::optional<absl::Time> OptionalTimeColumn(sql::ResultSet& rs, const char* column) {
  if (rs.isNull(column)) return absl::nullopt;
  return TimeColumn(rs, column);
}

std::string StringColumn(sql::ResultSet& rs, const char* column) {
  return rs.getString(column).asStdString();
}

}  // namespace cs::common::db

#include "services/assessment/store/assessment_record_mysql_support.h"

#include <cppconn/datatype.h>
#include <cppconn/exception.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace cs::assessment::mysql_internal {

void Binder::OptionalBool(const absl::optional<bool>& value) {
  if (value.has_value()) {
    statement_.setBoolean(index_++, *value);
  } else {
    statement_.setNull(index_++, sql::DataType::TINYINT);
  }
}

void Binder::Double(double value) { statement_.setDouble(index_++, value); }

void Binder::OptionalDouble(const absl::optional<double>& value) {
  if (value.has_value()) {
    statement_.setDouble(index_++, *value);
  } else {
    statement_.setNull(index_++, sql::DataType::DOUBLE);
  }
}

void Binder::OptionalInt(const absl::optional<int64_t>& value) {
  if (value.has_value()) {
    statement_.setInt64(index_++, *value);
  } else {
    statement_.setNull(index_++, sql::DataType::BIGINT);
  }
}

void Binder::Day(absl::CivilDay day) { statement_.setString(index_++, absl::FormatCivilTime(day)); }

absl::optional<double> OptionalDoubleColumn(sql::ResultSet& rs, const char* column) {
  if (rs.isNull(column)) return absl::nullopt;
  return static_cast<double>(rs.getDouble(column));
}

absl::optional<int64_t> OptionalIntColumn(sql::ResultSet& rs, const char* column) {
  if (rs.isNull(column)) return absl::nullopt;
  return static_cast<int64_t>(rs.getInt64(column));
}

absl::CivilDay DayColumn(sql::ResultSet& rs, const char* column) {
  const std::string text = common::db::StringColumn(rs, column);
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) {
    throw sql::SQLException(absl::StrCat("corrupt day in column ", column), "HY000", 0);
  }
  return day;
}

absl::StatusOr<int64_t> ParseIdResponse(const std::string& response) {
  int64_t id = 0;
  if (!absl::SimpleAtoi(response, &id)) {
    return absl::InternalError("stored idempotent response is not a row id");
  }
  return id;
}

}  // namespace cs::assessment::mysql_internal

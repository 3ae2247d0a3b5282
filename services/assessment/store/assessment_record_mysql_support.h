// Pieces the assessment service's MySQL record stores share (library assessment_record_store_mysql;
// not for use outside services/assessment/store): a binder over common::db::ParameterBinder that
// also binds doubles, optional numbers and civil days, and readers of those columns. Stateless or
// confined to one statement; thread-safe as far as the statement they touch is.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_MYSQL_SUPPORT_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_MYSQL_SUPPORT_H_

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/db/statement_helpers.h"

namespace cs::assessment::mysql_internal {

// MySQL's duplicate-key error.
inline constexpr int kDuplicateKey = 1062;

// Binds values to consecutive placeholders from the first (common::db::ParameterBinder's kinds,
// and a few more).
class Binder final {
 public:
  explicit Binder(sql::PreparedStatement& statement) : statement_(statement) {}

  void String(const std::string& value) { Common().String(value); }
  void Int(int64_t value) { Common().Int(value); }
  void Bool(bool value) { Common().Bool(value); }
  void Time(absl::Time value) { Common().Time(value); }
  void OptionalTime(const absl::optional<absl::Time>& value) { Common().OptionalTime(value); }
  void OptionalString(const absl::optional<std::string>& value) {
    Common().OptionalString(value.has_value(), value.value_or(""));
  }
  void OptionalBool(const absl::optional<bool>& value);
  void Double(double value);
  void OptionalDouble(const absl::optional<double>& value);
  void OptionalInt(const absl::optional<int64_t>& value);
  // "YYYY-MM-DD" into a DATE column.
  void Day(absl::CivilDay day);

 private:
  common::db::ParameterBinder Common() { return common::db::ParameterBinder(statement_, index_++); }

  sql::PreparedStatement& statement_;
  int index_ = 1;
};

// nullopt for SQL NULL.
absl::optional<double> OptionalDoubleColumn(sql::ResultSet& rs, const char* column);
absl::optional<int64_t> OptionalIntColumn(sql::ResultSet& rs, const char* column);
// A DATE column. Throws sql::SQLException (mapped to INTERNAL by RunInTransaction) when the text is
// not a day: a corrupt row.
absl::CivilDay DayColumn(sql::ResultSet& rs, const char* column);

// The row id an idempotent write recorded as its response; INTERNAL when it is not one.
absl::StatusOr<int64_t> ParseIdResponse(const std::string& response);

}  // namespace cs::assessment::mysql_internal

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_RECORD_MYSQL_SUPPORT_H_

#include "common/db/sql_time.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace cs::common::db {
namespace {

// Reads `count` decimal digits starting at `pos`; false if any is not a digit.
bool ReadDigits(absl::string_view text, size_t pos, size_t count, int* value) {
  if (pos + count > text.size()) return false;
  int result = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return false;
    result = result * 10 + (text[i] - '0');
  }
  *value = result;
  return true;
}

}  // namespace

std::string FormatSqlTime(absl::Time time) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", time, absl::UTCTimeZone());
}

absl::StatusOr<absl::Time> ParseSqlTime(absl::string_view text) {
  auto invalid = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("not a DATETIME text \"", text, "\" (want YYYY-MM-DD HH:MM:SS[.ffffff])"));
  };
  // Fixed layout "YYYY-MM-DD HH:MM:SS": checked by hand because absl::ParseTime accepts more than
  // the column can hold (time zones, missing leading zeros).
  int year, month, day, hour, minute, second;
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' ||
      text[16] != ':' || !ReadDigits(text, 0, 4, &year) || !ReadDigits(text, 5, 2, &month) ||
      !ReadDigits(text, 8, 2, &day) || !ReadDigits(text, 11, 2, &hour) ||
      !ReadDigits(text, 14, 2, &minute) || !ReadDigits(text, 17, 2, &second)) {
    return invalid();
  }
  int64_t micros = 0;
  if (text.size() > 19) {
    const size_t digits = text.size() - 20;
    int fraction = 0;
    if (text[19] != '.' || digits < 1 || digits > 6 || !ReadDigits(text, 20, digits, &fraction)) {
      return invalid();
    }
    micros = fraction;
    for (size_t i = digits; i < 6; ++i) micros *= 10;
  }
  const absl::CivilSecond civil(year, month, day, hour, minute, second);
  // CivilSecond normalises out-of-range fields (month 13 -> next January); a real column never
  // holds them, so a mismatch means the text was not a DATETIME.
  if (civil.year() != year || civil.month() != month || civil.day() != day ||
      civil.hour() != hour || civil.minute() != minute || civil.second() != second) {
    return invalid();
  }
  return absl::FromCivil(civil, absl::UTCTimeZone()) + absl::Microseconds(micros);
}

}  // namespace cs::common::db

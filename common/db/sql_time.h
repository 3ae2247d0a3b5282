// absl::Time <-> the text of a DATETIME(6) column holding UTC ("YYYY-MM-DD HH:MM:SS.ffffff"). Every
// connection of the pool runs with time_zone '+00:00', and the suite binds and reads times as this
// text, so no conversion depends on the server's or the process's time zone. Stateless;
// thread-safe.
#ifndef CS_COMMON_DB_SQL_TIME_H_
#define CS_COMMON_DB_SQL_TIME_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cs::common::db {

// "2026-03-01 08:30:00.000000" (UTC, always six fraction digits; sub-microsecond parts are
// truncated toward the past, which is what DATETIME(6) stores).
std::string FormatSqlTime(absl::Time time);

// Parses "YYYY-MM-DD HH:MM:SS" with an optional fraction of 1..6 digits, as UTC. INVALID_ARGUMENT
// naming the text when it is not that shape (the text is a timestamp, never personal data).
absl::StatusOr<absl::Time> ParseSqlTime(absl::string_view text);

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_SQL_TIME_H_

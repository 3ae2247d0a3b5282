#include "common/db/sql_error.h"

#include <cppconn/exception.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace cs::common::db {
namespace {

// MySQL / MariaDB error numbers (mysqld_error.h, errmsg.h). Named here rather than included so that
// this file does not depend on which client library's headers are installed.
constexpr int kDuplicateKeyInTable = 1022;
constexpr int kTooManyConnections = 1040;
constexpr int kServerShutdown = 1053;
constexpr int kDuplicateEntry = 1062;
constexpr int kAbortingConnection = 1152;
constexpr int kNetReadError = 1158;
constexpr int kNetReadInterrupted = 1159;
constexpr int kNetErrorOnWrite = 1160;
constexpr int kNetWriteInterrupted = 1161;
constexpr int kLockWaitTimeout = 1205;
constexpr int kDeadlock = 1213;
constexpr int kRowIsReferenced = 1451;
constexpr int kNoReferencedRow = 1452;
constexpr int kOutOfRange = 1264;
constexpr int kTruncatedWrongValue = 1292;
constexpr int kWrongValueForField = 1366;
constexpr int kDataTooLong = 1406;
constexpr int kDuplicateEntryWithKeyName = 1586;
constexpr int kConnectionKilled = 1927;
constexpr int kCannotConnectViaSocket = 2002;
constexpr int kCannotConnectViaTcp = 2003;
constexpr int kServerGone = 2006;
constexpr int kServerLost = 2013;
constexpr int kSslConnectionError = 2026;
constexpr int kServerLostExtended = 2055;

// The identifier that follows `marker` up to `end` (or the end of the message), e.g. the key name
// of "Duplicate entry 'x' for key 'PRIMARY'". The last occurrence is used because the offending
// value, which comes first, could itself contain the marker text.
std::string IdentifierAfter(absl::string_view message, absl::string_view marker,
                            absl::string_view end) {
  const size_t at = message.rfind(marker);
  if (at == absl::string_view::npos) return "";
  absl::string_view rest = message.substr(at + marker.size());
  if (!end.empty()) {
    const size_t stop = rest.find(end);
    if (stop != absl::string_view::npos) rest = rest.substr(0, stop);
  }
  return std::string(rest);
}

// Replaces the contents of every single-quoted literal with "?", because that is where MySQL puts
// values (and SQL text, which may hold literals). Identifiers in backticks survive.
std::string RedactQuotedLiterals(absl::string_view message) {
  std::string out;
  out.reserve(message.size());
  bool in_quote = false;
  for (char c : message) {
    if (c == '\'') {
      if (!in_quote) out.append("'?");
      in_quote = !in_quote;
      if (!in_quote) out.push_back('\'');
      continue;
    }
    if (!in_quote) out.push_back(c);
  }
  if (in_quote) out.push_back('\'');
  return out;
}

std::string ColumnSuffix(absl::string_view message) {
  std::string column = IdentifierAfter(message, "for column ", " at row");
  if (column.empty()) return "";
  return absl::StrCat(" for column ", column);
}

}  // namespace

bool IsConnectionLostError(int error_code) {
  switch (error_code) {
    case kServerShutdown:
    case kAbortingConnection:
    case kNetReadError:
    case kNetReadInterrupted:
    case kNetErrorOnWrite:
    case kNetWriteInterrupted:
    case kConnectionKilled:
    case kCannotConnectViaSocket:
    case kCannotConnectViaTcp:
    case kServerGone:
    case kServerLost:
    case kServerLostExtended:
      return true;
    default:
      return false;
  }
}

absl::Status FromMySqlError(int error_code, absl::string_view sql_state, absl::string_view message,
                            absl::string_view context) {
  const std::string code_suffix = absl::StrCat(" (MySQL error ", error_code, ")");
  switch (error_code) {
    case kDuplicateEntry:
    case kDuplicateEntryWithKeyName: {
      std::string key = IdentifierAfter(message, "for key '", "'");
      return absl::AlreadyExistsError(absl::StrCat(context, ": duplicate key",
                                                   key.empty() ? "" : absl::StrCat(" '", key, "'"),
                                                   code_suffix));
    }
    case kDuplicateKeyInTable:
      return absl::AlreadyExistsError(absl::StrCat(context, ": duplicate key", code_suffix));
    case kDeadlock:
      return absl::AbortedError(
          absl::StrCat(context, ": deadlock; the transaction was rolled back", code_suffix));
    case kLockWaitTimeout:
      return absl::AbortedError(absl::StrCat(context, ": lock wait timeout", code_suffix));
    case kDataTooLong:
      return absl::InvalidArgumentError(
          absl::StrCat(context, ": value too long", ColumnSuffix(message), code_suffix));
    case kWrongValueForField:
    case kTruncatedWrongValue:
      return absl::InvalidArgumentError(
          absl::StrCat(context, ": incorrect value", ColumnSuffix(message), code_suffix));
    case kOutOfRange:
      return absl::InvalidArgumentError(
          absl::StrCat(context, ": value out of range", ColumnSuffix(message), code_suffix));
    case kRowIsReferenced:
    case kNoReferencedRow:
      // The server message names the constraint and tables, never the values.
      return absl::FailedPreconditionError(
          absl::StrCat(context, ": foreign key constraint fails", code_suffix));
    case kTooManyConnections:
      return absl::UnavailableError(
          absl::StrCat(context, ": the server has too many connections", code_suffix));
    case kSslConnectionError:
      // The client library's text ("TLS/SSL error: self-signed certificate in certificate chain",
      // "SSL is required, but the server does not support it") names the problem and holds no
      // value of ours. UNAVAILABLE: the server cannot be used as configured, as when unreachable.
      return absl::UnavailableError(
          absl::StrCat(context, ": TLS handshake with the server failed: ", message, code_suffix));
    default:
      break;
  }
  if (IsConnectionLostError(error_code)) {
    // Client-side texts ("Lost connection to server during query", "Can't connect to server on
    // '127.0.0.1' (111)") hold no values, only the address, which helps the operator.
    return absl::UnavailableError(absl::StrCat(context, ": ", message, code_suffix));
  }
  return absl::InternalError(absl::StrCat(context, ": MySQL error ", error_code, " (SQLSTATE ",
                                          sql_state, "): ", RedactQuotedLiterals(message)));
}

absl::Status FromSqlException(const sql::SQLException& e, absl::string_view context) {
  return FromMySqlError(e.getErrorCode(), e.getSQLState(), e.what(), context);
}

}  // namespace cs::common::db

// The one place where Connector/C++ exceptions become absl::Status (the PosixError of the database
// layer). Stateless free functions; thread-safe.
//
// Codes follow Abseil's guidance, so callers know what to do:
//  - ALREADY_EXISTS: duplicate key (1062, 1586, 1022).
//  - ABORTED: deadlock (1213), lock wait timeout (1205): retry the whole transaction.
//  - UNAVAILABLE: the server cannot be reached or the connection was lost (2002, 2003, 2006,
//    2013, 2055, 1927 killed, 1053 shutdown, 1040 too many connections): retry later.
//  - INVALID_ARGUMENT: a value does not fit its column (1406 too long, 1366/1292 bad value,
//    1264 out of range).
//  - FAILED_PRECONDITION: a foreign key forbids it (1451, 1452).
//  - INTERNAL: anything else, with the MySQL error code and SQLSTATE.
// Messages never contain bound values: MySQL quotes the offending value in some messages
// ("Duplicate entry 'alice@example.com' for key ..."), and those values are often personal data.
// Only identifiers (key and column names) and fixed server texts are kept.
#ifndef CS_COMMON_DB_SQL_ERROR_H_
#define CS_COMMON_DB_SQL_ERROR_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sql {
class SQLException;
}  // namespace sql

namespace cs::common::db {

// Maps a Connector/C++ exception to a Status whose message starts with `context` (what was being
// done, e.g. "inserting outbox row"; never a value).
absl::Status FromSqlException(const sql::SQLException& e, absl::string_view context);

// The same, from the parts of an exception (MySQL error number, SQLSTATE, server message).
absl::Status FromMySqlError(int error_code, absl::string_view sql_state, absl::string_view message,
                            absl::string_view context);

// True for the error numbers that mean the connection is gone and must be replaced (client errors
// 2006/2013/2055..., the server killing or shutting down the session).
bool IsConnectionLostError(int error_code);

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_SQL_ERROR_H_

#include "common/db/sql_error.h"

#include <cppconn/exception.h>

#include "absl/status/status.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

absl::Status Map(int code, const char* state, const char* message) {
  return FromSqlException(sql::SQLException(message, state, code), "inserting ticket");
}

TEST(SqlErrorTest, DuplicateKeyIsAlreadyExistsAndHidesTheValue) {
  const absl::Status status =
      Map(1062, "23000", "Duplicate entry 'alice@example.com' for key 'users_email'");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists,
                               AllOf(HasSubstr("inserting ticket"), HasSubstr("users_email"),
                                     HasSubstr("1062"), Not(HasSubstr("alice")))));
  EXPECT_THAT(Map(1586, "23000", "Duplicate entry '13800138000' for key 'phone'"),
              StatusIs(absl::StatusCode::kAlreadyExists, Not(HasSubstr("13800138000"))));
}

TEST(SqlErrorTest, KeyNameIsTakenFromTheEndEvenIfTheValueMimicsIt) {
  const absl::Status status =
      Map(1062, "23000", "Duplicate entry 'x for key 'evil'' for key 'PRIMARY'");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists,
                               AllOf(HasSubstr("'PRIMARY'"), Not(HasSubstr("evil")))));
}

TEST(SqlErrorTest, DeadlockAndLockWaitTimeoutAreAborted) {
  EXPECT_THAT(Map(1213, "40001", "Deadlock found when trying to get lock; try restarting"),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("deadlock")));
  EXPECT_THAT(Map(1205, "HY000", "Lock wait timeout exceeded; try restarting transaction"),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("lock wait timeout")));
}

TEST(SqlErrorTest, LostConnectionsAreUnavailable) {
  for (int code : {2002, 2003, 2006, 2013, 2055, 1927, 1053}) {
    SCOPED_TRACE(code);
    EXPECT_THAT(Map(code, "HY000", "Lost connection to server during query"),
                StatusIs(absl::StatusCode::kUnavailable, HasSubstr("inserting ticket")));
    EXPECT_TRUE(IsConnectionLostError(code));
  }
  EXPECT_THAT(Map(1040, "08004", "Too many connections"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_FALSE(IsConnectionLostError(1062));
  EXPECT_FALSE(IsConnectionLostError(0));
}

// Issue 11: a database certificate that does not verify stops the start with a message saying so.
TEST(SqlErrorTest, TlsHandshakeFailureIsUnavailableNamingTheTlsProblem) {
  EXPECT_THAT(Map(2026, "HY000", "TLS/SSL error: self-signed certificate in certificate chain"),
              StatusIs(absl::StatusCode::kUnavailable,
                       AllOf(HasSubstr("inserting ticket"), HasSubstr("TLS handshake"),
                             HasSubstr("self-signed certificate in certificate chain"),
                             HasSubstr("2026"))));
  // Not a lost connection: nothing to reconnect to until the configuration changes.
  EXPECT_FALSE(IsConnectionLostError(2026));
}

TEST(SqlErrorTest, BadValuesAreInvalidArgumentNamingTheColumnNotTheValue) {
  EXPECT_THAT(Map(1406, "22001", "Data too long for column 'contact_name' at row 1"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("too long"), HasSubstr("contact_name"))));
  EXPECT_THAT(
      Map(1366, "22007",
          "Incorrect integer value: 'Zhang San' for column `cs`.`tickets`.`unit_id` at row 1"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("unit_id"), Not(HasSubstr("Zhang")))));
  EXPECT_THAT(Map(1264, "22003", "Out of range value for column 'attempts' at row 1"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("attempts")));
}

TEST(SqlErrorTest, ForeignKeyFailureIsFailedPrecondition) {
  EXPECT_THAT(
      Map(1452, "23000", "Cannot add or update a child row: a foreign key constraint fails"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("foreign key")));
}

TEST(SqlErrorTest, OtherErrorsAreInternalWithCodeAndSqlStateAndRedactedLiterals) {
  const absl::Status status =
      Map(1064, "42000",
          "You have an error in your SQL syntax; check the manual near 'secret-value' at line 1");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInternal,
                               AllOf(HasSubstr("1064"), HasSubstr("42000"), HasSubstr("SQL syntax"),
                                     Not(HasSubstr("secret-value")))));
  EXPECT_THAT(FromSqlException(sql::SQLException("Connection has been closed"), "reading"),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("HY000")));
}

}  // namespace
}  // namespace cs::common::db

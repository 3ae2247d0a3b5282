#include "common/db/sql_time.h"

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

absl::Time Utc(int y, int m, int d, int hh, int mm, int ss) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), absl::UTCTimeZone());
}

TEST(SqlTimeTest, FormatsUtcWithSixFractionDigits) {
  EXPECT_EQ(FormatSqlTime(Utc(2026, 3, 1, 8, 30, 0)), "2026-03-01 08:30:00.000000");
  EXPECT_EQ(FormatSqlTime(Utc(2026, 12, 31, 23, 59, 59) + absl::Microseconds(123456)),
            "2026-12-31 23:59:59.123456");
}

TEST(SqlTimeTest, FormatTruncatesBelowMicroseconds) {
  EXPECT_EQ(FormatSqlTime(Utc(2026, 1, 1, 0, 0, 0) + absl::Nanoseconds(1999)),
            "2026-01-01 00:00:00.000001");
}

TEST(SqlTimeTest, ParsesWithAndWithoutFraction) {
  EXPECT_THAT(ParseSqlTime("2026-03-01 08:30:00"), IsOkAndHolds(Utc(2026, 3, 1, 8, 30, 0)));
  EXPECT_THAT(ParseSqlTime("2026-03-01 08:30:00.5"),
              IsOkAndHolds(Utc(2026, 3, 1, 8, 30, 0) + absl::Milliseconds(500)));
  EXPECT_THAT(ParseSqlTime("2026-03-01 08:30:00.000042"),
              IsOkAndHolds(Utc(2026, 3, 1, 8, 30, 0) + absl::Microseconds(42)));
}

TEST(SqlTimeTest, RoundTripsMicroseconds) {
  const absl::Time t = Utc(2028, 2, 29, 13, 0, 1) + absl::Microseconds(999999);
  EXPECT_THAT(ParseSqlTime(FormatSqlTime(t)), IsOkAndHolds(t));
}

TEST(SqlTimeTest, RejectsOtherShapes) {
  for (const char* text : {"", "2026-03-01", "2026-03-01T08:30:00", "2026-3-01 08:30:00",
                           "2026-03-01 08:30:00.", "2026-03-01 08:30:00.1234567",
                           "2026-13-01 08:30:00", "2026-02-30 08:30:00", "2026-03-01 08:30:00Z"}) {
    SCOPED_TRACE(text);
    EXPECT_THAT(ParseSqlTime(text),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("DATETIME")));
  }
}

}  // namespace
}  // namespace cs::common::db

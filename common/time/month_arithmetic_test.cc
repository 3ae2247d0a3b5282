#include "common/time/month_arithmetic.h"

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/time/calendar_testing.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::ShanghaiTimeZone;

// The end of a local day: 00:00 of the next one (Civil Code art. 203, "24:00 of the last day").
absl::Time EndOfDay(int year, int month, int day) {
  return absl::FromCivil(absl::CivilSecond(absl::CivilDay(year, month, day) + 1),
                         ShanghaiTimeZone());
}

TEST(CorrespondingDayTest, SameDayOfTheMonthWhenItExists) {
  EXPECT_EQ(CorrespondingDay(absl::CivilDay(2026, 3, 15), 3), absl::CivilDay(2026, 6, 15));
  EXPECT_EQ(CorrespondingDay(absl::CivilDay(2026, 11, 15), 3), absl::CivilDay(2027, 2, 15));
  EXPECT_EQ(CorrespondingDay(absl::CivilDay(2026, 5, 31), -1), absl::CivilDay(2026, 4, 30));
}

TEST(CorrespondingDayTest, H3_ThirtiethOfNovemberPlusThreeMonthsIsEndOfFebruary) {
  EXPECT_EQ(CorrespondingDay(absl::CivilDay(2026, 11, 30), 3), absl::CivilDay(2027, 2, 28));
  EXPECT_EQ(CorrespondingDay(absl::CivilDay(2027, 11, 30), 3), absl::CivilDay(2028, 2, 29));
}

TEST(AddMonthsTest, H3_ThirtiethOfNovemberPlusThreeMonths) {
  // Whatever the hour of the start, the period runs to 24:00 of its last day.
  EXPECT_EQ(AddMonths(ShanghaiTime(2026, 11, 30, 10, 15), 3, ShanghaiTimeZone()),
            EndOfDay(2027, 2, 28));
  EXPECT_EQ(AddMonths(ShanghaiTime(2027, 11, 30, 0, 0), 3, ShanghaiTimeZone()),
            EndOfDay(2028, 2, 29));
}

TEST(AddMonthsTest, ThirtyFirstOfJanuaryPlusOneMonth) {
  EXPECT_EQ(AddMonths(ShanghaiTime(2026, 1, 31, 9, 0), 1, ShanghaiTimeZone()),
            EndOfDay(2026, 2, 28));
  EXPECT_EQ(AddMonths(ShanghaiTime(2028, 1, 31, 9, 0), 1, ShanghaiTimeZone()),
            EndOfDay(2028, 2, 29));
}

TEST(AddMonthsTest, LocalDayDecidesNotTheUtcDay) {
  // 2026-01-31 07:00 in Shanghai is still 2026-01-30 in UTC.
  EXPECT_EQ(AddMonths(ShanghaiTime(2026, 1, 31, 7, 0), 1, ShanghaiTimeZone()),
            EndOfDay(2026, 2, 28));
}

TEST(AddMonthsTest, InfiniteStartIsUnchanged) {
  EXPECT_EQ(AddMonths(absl::InfiniteFuture(), 1, ShanghaiTimeZone()), absl::InfiniteFuture());
}

TEST(AddYearsTest, V2_LeapDayPlusOneAndTwoYears) {
  EXPECT_EQ(AddYears(ShanghaiTime(2028, 2, 29, 16, 0), 1, ShanghaiTimeZone()),
            EndOfDay(2029, 2, 28));
  EXPECT_EQ(AddYears(ShanghaiTime(2028, 2, 29, 16, 0), 2, ShanghaiTimeZone()),
            EndOfDay(2030, 2, 28));
  EXPECT_EQ(AddYears(ShanghaiTime(2028, 2, 29, 16, 0), 4, ShanghaiTimeZone()),
            EndOfDay(2032, 2, 29));
}

TEST(AddYearsTest, V2_TwoYearRetentionFromAnOrdinaryDay) {
  EXPECT_EQ(AddYears(ShanghaiTime(2026, 3, 10, 11, 0), 2, ShanghaiTimeZone()),
            EndOfDay(2028, 3, 10));
}

}  // namespace
}  // namespace cs::common

// V2 and V4: retention never under 2 years, counted to the end of the corresponding day, and the
// rules of destruction.
#include "services/archive/domain/retention.h"

#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::archive {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::ShanghaiTimeZone;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

ArchivedRecord Closed(absl::Time closed_at, int months = 24) {
  ArchivedRecord record;
  record.record_id = 5;
  record.summary.closed_at = closed_at;
  RetentionPolicy policy;
  policy.months = months;
  record.retention = DecideRetention(policy, closed_at, ShanghaiTimeZone());
  return record;
}

TEST(RetentionTest, V2_RetentionIsCountedInMonthsOrYearsOnly) {
  EXPECT_THAT(RetentionMonths({common::PeriodUnit::kYears, 3}, "r"), IsOkAndHolds(36));
  EXPECT_THAT(RetentionMonths({common::PeriodUnit::kMonths, 30}, "r"), IsOkAndHolds(30));
  EXPECT_THAT(RetentionMonths({common::PeriodUnit::kWorkingDays, 1000}, "r"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("months or years")));
  EXPECT_THAT(RetentionMonths({common::PeriodUnit::kMonths, 0}, "r"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(RetentionTest, V2_ShorterThanTwoYearsIsRefusedWhateverTheConfiguredMinimum) {
  EXPECT_THAT(CheckRetentionMonths(24, 24, "retention"), IsOk());
  EXPECT_THAT(CheckRetentionMonths(23, 24, "retention"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("A1 7.3.1")));
  // A configured minimum below the law does not lower it.
  EXPECT_THAT(CheckRetentionMonths(12, 6, "retention"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("2 years")));
  // A stricter one raises it.
  EXPECT_THAT(CheckRetentionMonths(30, 36, "retention"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("3 years")));
  EXPECT_EQ(common::ViolationsOf(CheckRetentionMonths(1, 24, "units[2].retention"))[0].field,
            "units[2].retention");
}

TEST(RetentionTest, V2_KeptToTheEndOfTheCorrespondingDay) {
  const ArchivedRecord record = Closed(ShanghaiTime(2026, 3, 10, 15, 45));
  EXPECT_EQ(record.retention.retain_until, ShanghaiTime(2028, 3, 11, 0, 0));
  EXPECT_THAT(record.retention.basis, HasSubstr("2 years"));
  EXPECT_THAT(record.retention.basis, HasSubstr("2026-03-10"));
  EXPECT_THAT(record.retention.basis, HasSubstr("2028-03-10"));
  // 29 Feb has no corresponding day in 2030: its last day of February (art. 202).
  EXPECT_EQ(Closed(ShanghaiTime(2028, 2, 29, 9, 0)).retention.retain_until,
            ShanghaiTime(2030, 3, 1, 0, 0));
  EXPECT_EQ(Closed(ShanghaiTime(2026, 1, 31, 9, 0), 30).retention.retain_until,
            ShanghaiTime(2028, 8, 1, 0, 0));
}

TEST(RetentionTest, V4_TwoYearsMinusOneDayCannotBeDestroyedTwoYearsAndOneDayCan) {
  const ArchivedRecord record = Closed(ShanghaiTime(2026, 3, 10, 15, 45));
  EXPECT_THAT(CheckDestroyable(record, ShanghaiTime(2028, 3, 9, 15, 45)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("within its retention")));
  // The last day of the period runs to midnight.
  EXPECT_THAT(CheckDestroyable(record, ShanghaiTime(2028, 3, 10, 23, 59, 59)),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(CheckDestroyable(record, ShanghaiTime(2028, 3, 11, 0, 0)), IsOk());
  EXPECT_THAT(CheckDestroyable(record, ShanghaiTime(2028, 3, 11, 15, 45)), IsOk());
}

TEST(RetentionTest, V4_AHeldOrDestroyedRecordCannotBeDestroyed) {
  ArchivedRecord record = Closed(ShanghaiTime(2020, 1, 1, 9, 0));
  record.hold.held = true;
  EXPECT_THAT(CheckDestroyable(record, ShanghaiTime(2026, 1, 1, 9, 0)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("legal hold")));
  record.hold.held = false;
  record.destruction = DestructionCertificate{};
  record.destruction->certificate_id = 3;
  EXPECT_THAT(CheckDestroyable(record, ShanghaiTime(2026, 1, 1, 9, 0)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("DC-3")));
}

TEST(RetentionTest, PeriodTexts) {
  EXPECT_EQ(RetentionPeriodText(24), "2 years");
  EXPECT_EQ(RetentionPeriodText(12), "1 year");
  EXPECT_EQ(RetentionPeriodText(30), "30 months");
}

}  // namespace
}  // namespace cs::archive

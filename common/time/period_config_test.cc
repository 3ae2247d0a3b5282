#include "common/time/period_config.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

TEST(PeriodConfigTest, EachUnitMapsToItsPeriod) {
  cs::config::v1::Period proto;
  proto.set_working_hours(1);
  EXPECT_THAT(PeriodFromProto(proto), IsOkAndHolds(Period{PeriodUnit::kWorkingHours, 1}));
  proto.set_working_minutes(90);
  EXPECT_THAT(PeriodFromProto(proto), IsOkAndHolds(Period{PeriodUnit::kWorkingMinutes, 90}));
  proto.set_working_days(5);
  EXPECT_THAT(PeriodFromProto(proto), IsOkAndHolds(Period{PeriodUnit::kWorkingDays, 5}));
  proto.set_months(3);
  EXPECT_THAT(PeriodFromProto(proto), IsOkAndHolds(Period{PeriodUnit::kMonths, 3}));
  proto.set_years(2);
  EXPECT_THAT(PeriodFromProto(proto), IsOkAndHolds(Period{PeriodUnit::kYears, 2}));
  proto.set_wall_minutes(15);
  EXPECT_THAT(PeriodFromProto(proto), IsOkAndHolds(Period{PeriodUnit::kWallMinutes, 15}));
  proto.set_wall_hours(72);
  EXPECT_THAT(PeriodFromProto(proto), IsOkAndHolds(Period{PeriodUnit::kWallHours, 72}));
}

TEST(PeriodConfigTest, UnsetPeriodIsInvalidNamingTheOneof) {
  EXPECT_THAT(PeriodFromProto(cs::config::v1::Period()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("length")));
}

TEST(PeriodConfigTest, NonPositiveAmountIsInvalidNamingTheField) {
  cs::config::v1::Period proto;
  proto.set_working_days(0);
  EXPECT_THAT(PeriodFromProto(proto),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("working_days")));
  FieldViolations violations;
  violations.Merge(ValidatePeriodProto(proto), "rectification");
  EXPECT_THAT(violations.violations(),
              ElementsAre(Field(&FieldViolation::field, "rectification.working_days")));
}

}  // namespace
}  // namespace cs::common

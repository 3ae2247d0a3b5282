// H5 (A2 7.4): published service hours — structured, refused when empty or overlapping, and the
// instant test the connection rate relies on.
#include "services/hotline-registry/domain/service_hours.h"

#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::hotline {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

constexpr int kMinute = 1;
constexpr int kHour = 60 * kMinute;

// Monday to Friday 09:00–12:00 and 13:00–17:30, Saturday 09:00–12:00.
ServiceHours OfficeHours(HolidayBehaviour holidays = HolidayBehaviour::kClosed) {
  ServiceHours hours;
  for (int weekday = 1; weekday <= 5; ++weekday) {
    hours.periods.push_back({weekday, 9 * kHour, 12 * kHour});
    hours.periods.push_back({weekday, 13 * kHour, 17 * kHour + 30});
  }
  hours.periods.push_back({6, 9 * kHour, 12 * kHour});
  hours.on_public_holidays = holidays;
  return hours;
}

std::vector<std::string> BadFields(const ServiceHours& hours) {
  std::vector<std::string> fields;
  for (const common::FieldViolation& v :
       common::ViolationsOf(ValidateServiceHours(hours, "form.service_hours"))) {
    fields.push_back(v.field);
  }
  return fields;
}

TEST(ServiceHoursTest, H5_AroundTheClockOrPeriodsPerWeekday) {
  ServiceHours always;
  always.around_the_clock = true;
  EXPECT_THAT(ValidateServiceHours(always, "form.service_hours"), IsOk());
  EXPECT_THAT(ValidateServiceHours(OfficeHours(), "form.service_hours"), IsOk());
  // Touching periods do not overlap: a period is [start, end); a day may end at 24:00.
  ServiceHours touching;
  touching.periods = {{1, 0, 12 * kHour}, {1, 12 * kHour, 24 * kHour}};
  touching.on_public_holidays = HolidayBehaviour::kAsWeekday;
  EXPECT_THAT(ValidateServiceHours(touching, "form.service_hours"), IsOk());
}

TEST(ServiceHoursTest, H5_EmptyHoursAreRefused) {
  EXPECT_THAT(ValidateServiceHours({}, "form.service_hours"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("form.service_hours")));
  EXPECT_THAT(BadFields({}), ElementsAre("form.service_hours"));
  ServiceHours both = OfficeHours();
  both.around_the_clock = true;
  // 7×24 closed on holidays is not 7×24: such hours are periods of 00:00–24:00.
  EXPECT_THAT(BadFields(both), UnorderedElementsAre("form.service_hours.periods",
                                                    "form.service_hours.on_public_holidays"));
  ServiceHours no_holidays = OfficeHours(HolidayBehaviour::kUnspecified);
  EXPECT_THAT(BadFields(no_holidays), ElementsAre("form.service_hours.on_public_holidays"));
}

TEST(ServiceHoursTest, H5_EmptyOrReversedPeriodsAreRefused) {
  ServiceHours hours;
  hours.on_public_holidays = HolidayBehaviour::kClosed;
  hours.periods = {
      {1, 9 * kHour, 9 * kHour},       // empty
      {2, 17 * kHour, 9 * kHour},      // reversed
      {3, 9 * kHour, 24 * kHour + 1},  // past 24:00
      {8, 9 * kHour, 10 * kHour},      // no such weekday
      {4, -5, 10 * kHour},             // before midnight
  };
  EXPECT_THAT(BadFields(hours), UnorderedElementsAre("form.service_hours.periods[0].end",
                                                     "form.service_hours.periods[1].end",
                                                     "form.service_hours.periods[2].end",
                                                     "form.service_hours.periods[3].weekday",
                                                     "form.service_hours.periods[4].start"));
}

TEST(ServiceHoursTest, H5_OverlappingPeriodsAreRefusedNamingBoth) {
  ServiceHours hours = OfficeHours();                         // [0]..[10], Saturday [10]
  hours.periods.push_back({3, 11 * kHour, 14 * kHour});       // [11]: over both Wednesday periods
  hours.periods.push_back({6, 11 * kHour + 59, 13 * kHour});  // [12]: into Saturday's morning
  hours.periods.push_back({7, 11 * kHour, 14 * kHour});       // [13]: Sunday alone, fine
  const absl::Status status = ValidateServiceHours(hours, "form.service_hours");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  using common::FieldViolation;
  EXPECT_THAT(common::ViolationsOf(status),
              UnorderedElementsAre(FieldViolation{"form.service_hours.periods[11]",
                                                  "overlaps periods[4] (周三 09:00–12:00)"},
                                   FieldViolation{"form.service_hours.periods[5]",
                                                  "overlaps periods[11] (周三 11:00–14:00)"},
                                   FieldViolation{"form.service_hours.periods[12]",
                                                  "overlaps periods[10] (周六 09:00–12:00)"}));
}

TEST(ServiceHoursTest, H5_WithinTheHoursToTheSecond) {
  const common::WorkingCalendar calendar = common::testing::Cn2026Calendar();
  const ServiceHours hours = OfficeHours();
  // Tuesday 2026-03-10.
  EXPECT_FALSE(WithinServiceHours(hours, ShanghaiTime(2026, 3, 10, 8, 59, 59), calendar));
  EXPECT_TRUE(WithinServiceHours(hours, ShanghaiTime(2026, 3, 10, 9, 0), calendar));
  EXPECT_TRUE(WithinServiceHours(hours, ShanghaiTime(2026, 3, 10, 11, 59, 59), calendar));
  EXPECT_FALSE(WithinServiceHours(hours, ShanghaiTime(2026, 3, 10, 12, 0), calendar));
  EXPECT_TRUE(WithinServiceHours(hours, ShanghaiTime(2026, 3, 10, 17, 29, 59), calendar));
  EXPECT_FALSE(WithinServiceHours(hours, ShanghaiTime(2026, 3, 10, 17, 30), calendar));
  // Saturday morning only; Sunday never.
  EXPECT_TRUE(WithinServiceHours(hours, ShanghaiTime(2026, 3, 14, 10, 0), calendar));
  EXPECT_FALSE(WithinServiceHours(hours, ShanghaiTime(2026, 3, 14, 14, 0), calendar));
  EXPECT_FALSE(WithinServiceHours(hours, ShanghaiTime(2026, 3, 15, 10, 0), calendar));
  ServiceHours always;
  always.around_the_clock = true;
  EXPECT_TRUE(WithinServiceHours(always, ShanghaiTime(2026, 10, 1, 3, 0), calendar));
  EXPECT_FALSE(WithinServiceHours(always, absl::InfiniteFuture(), calendar));
}

TEST(ServiceHoursTest, H5_ClosedOnPublicHolidaysAMakeUpDayKeepsItsOwnWeekday) {
  const common::WorkingCalendar calendar = common::testing::Cn2026Calendar();
  // Thursday 2026-10-01, National Day.
  EXPECT_FALSE(WithinServiceHours(OfficeHours(HolidayBehaviour::kClosed),
                                  ShanghaiTime(2026, 10, 1, 10, 0), calendar));
  EXPECT_TRUE(WithinServiceHours(OfficeHours(HolidayBehaviour::kAsWeekday),
                                 ShanghaiTime(2026, 10, 1, 10, 0), calendar));
  // Saturday 2026-10-10 is a make-up working day for the office; the hotline keeps Saturday's
  // hours (morning only).
  EXPECT_TRUE(WithinServiceHours(OfficeHours(), ShanghaiTime(2026, 10, 10, 10, 0), calendar));
  EXPECT_FALSE(WithinServiceHours(OfficeHours(), ShanghaiTime(2026, 10, 10, 14, 0), calendar));
}

TEST(ServiceHoursTest, H5_DescribedAsTheFormsPrintIt) {
  ServiceHours always;
  always.around_the_clock = true;
  EXPECT_EQ(DescribeServiceHours(always), "7×24");
  EXPECT_EQ(DescribeServiceHours(OfficeHours()),
            "周一至周五 09:00–12:00, 13:00–17:30; 周六 09:00–12:00; 节假日休息");
  ServiceHours split;
  split.periods = {{7, 0, 24 * kHour}, {3, 8 * kHour, 20 * kHour}, {1, 8 * kHour, 20 * kHour}};
  split.on_public_holidays = HolidayBehaviour::kAsWeekday;
  EXPECT_EQ(DescribeServiceHours(split),
            "周一 08:00–20:00; 周三 08:00–20:00; 周日 00:00–24:00; 节假日照常");
}

}  // namespace
}  // namespace cs::hotline

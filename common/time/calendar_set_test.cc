#include "common/time/calendar_set.h"

#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::Cn2026CalendarData;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

WorkingCalendarData Version(const char* name) {
  WorkingCalendarData data = Cn2026CalendarData();
  data.version = name;
  return data;
}

// v1 as first issued; v2 adds a holiday announced late, on Tuesday 2026-03-10.
WorkingCalendarData LateHolidayVersion() {
  WorkingCalendarData data = Version("v2");
  data.holidays.push_back({absl::CivilDay(2026, 3, 10), "announced late"});
  return data;
}

const Period kOneWorkingHour{PeriodUnit::kWorkingHours, 1};

TEST(CalendarSetTest, LaterVersionNeverMovesADeadlineMadeWithAnEarlierOne) {
  const absl::Time start = ShanghaiTime(2026, 3, 9, 17, 0);
  ASSERT_OK_AND_ASSIGN(CalendarSet first_issue, CalendarSet::Create({Version("v1")}, "v1"));
  ASSERT_OK_AND_ASSIGN(Deadline recorded, first_issue.Compute(start, kOneWorkingHour));
  EXPECT_EQ(recorded, (Deadline{ShanghaiTime(2026, 3, 10, 9, 30), "v1"}));

  std::vector<WorkingCalendarData> versions;
  versions.push_back(Version("v1"));
  versions.push_back(LateHolidayVersion());
  ASSERT_OK_AND_ASSIGN(CalendarSet updated, CalendarSet::Create(std::move(versions), "v2"));
  // New deadlines use v2, which knows the late holiday...
  EXPECT_THAT(updated.Compute(start, kOneWorkingHour),
              IsOkAndHolds(Deadline{ShanghaiTime(2026, 3, 11, 9, 30), "v2"}));
  // ...and the recorded one is reproduced exactly with the version it names.
  EXPECT_THAT(updated.Recompute(start, kOneWorkingHour, "v1"), IsOkAndHolds(recorded));
}

TEST(CalendarSetTest, FindUnknownVersionIsNotFoundNamingIt) {
  ASSERT_OK_AND_ASSIGN(CalendarSet set, CalendarSet::Create({Version("v1")}, "v1"));
  EXPECT_THAT(set.Find("v9"), StatusIs(absl::StatusCode::kNotFound, HasSubstr("\"v9\"")));
  EXPECT_THAT(set.Recompute(ShanghaiTime(2026, 3, 9, 17, 0), kOneWorkingHour, "v9"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("\"v9\"")));
}

TEST(CalendarSetTest, CurrentAndFindAndVersions) {
  std::vector<WorkingCalendarData> versions;
  versions.push_back(Version("v1"));
  versions.push_back(LateHolidayVersion());
  ASSERT_OK_AND_ASSIGN(CalendarSet set, CalendarSet::Create(std::move(versions), "v1"));
  EXPECT_EQ(set.current().version(), "v1");
  ASSERT_OK_AND_ASSIGN(const WorkingCalendar* v2, set.Find("v2"));
  EXPECT_FALSE(v2->IsWorkingDay(absl::CivilDay(2026, 3, 10)));
  EXPECT_THAT(set.versions(), ElementsAre("v1", "v2"));
  // Pointers handed out survive a move of the set.
  CalendarSet moved = std::move(set);
  EXPECT_THAT(moved.Find("v2"), IsOkAndHolds(v2));
}

TEST(CalendarSetTest, DaysToHorizonOfTheCurrentVersion) {
  ASSERT_OK_AND_ASSIGN(CalendarSet set, CalendarSet::Create({Version("v1")}, "v1"));
  EXPECT_EQ(set.days_to_horizon(ShanghaiTime(2026, 11, 1, 12, 0)), 60);
  EXPECT_EQ(set.days_to_horizon(ShanghaiTime(2026, 12, 31, 23, 0)), 0);
}

TEST(CalendarSetTest, RefusesBadSets) {
  EXPECT_THAT(CalendarSet::Create({}, "v1"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CalendarSet::Create({Version("v1"), Version("v1")}, "v1"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("\"v1\" is given twice")));
  EXPECT_THAT(CalendarSet::Create({Version("v1")}, "v3"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("\"v3\"")));
  WorkingCalendarData bad = Version("v1");
  bad.holidays.push_back({absl::CivilDay(2030, 1, 1), "far"});
  EXPECT_THAT(CalendarSet::Create({bad}, "v1"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("holidays[")));
}

}  // namespace
}  // namespace cs::common

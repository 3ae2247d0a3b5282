// M 7.15, 7.16: special tasks done on time and with quality, and attendance of case studies and
// trainings.
#include "services/assessment/domain/special_task.h"

#include <string>
#include <vector>

#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::testing::UnorderedElementsAre;

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

TEST(SpecialTaskTest, S5_TaskOutcomes) {
  const absl::Time due = ShanghaiTime(2026, 10, 20, 17, 30);
  absl::StatusOr<SpecialTask> task =
      AssignTask("idc", "整理投诉案例", "", due, "cs-center", ShanghaiTime(2026, 10, 9, 9, 0));
  ASSERT_THAT(task.status(), IsOk());
  EXPECT_EQ(OutcomeOf(*task, due), TaskOutcome::kOpen);
  EXPECT_EQ(OutcomeOf(*task, due + absl::Seconds(1)), TaskOutcome::kOverdue);
  SpecialTask on_time = *task;
  ASSERT_THAT(RecordTaskCompletion(on_time, due, true, "", "cs-center", due + absl::Hours(1)),
              IsOk());
  EXPECT_EQ(OutcomeOf(on_time, due + absl::Hours(2)), TaskOutcome::kDoneOnTimeWithQuality);
  const absl::Status twice =
      RecordTaskCompletion(on_time, due, true, "", "cs-center", due + absl::Hours(1));
  EXPECT_EQ(common::ReasonOf(twice), common::reason::kStateForbidsChange);
  SpecialTask late = *task;
  ASSERT_THAT(RecordTaskCompletion(late, due + absl::Minutes(1), true, "", "cs-center",
                                   due + absl::Hours(1)),
              IsOk());
  EXPECT_EQ(OutcomeOf(late, due + absl::Hours(2)), TaskOutcome::kDoneLate);
  SpecialTask poor = *task;
  ASSERT_THAT(RecordTaskCompletion(poor, due, false, "内容不全", "cs-center", due), IsOk());
  EXPECT_EQ(OutcomeOf(poor, due + absl::Hours(2)), TaskOutcome::kDoneWithoutQuality);
}

TEST(SpecialTaskTest, S5_AssignmentNamesEveryBadField) {
  const absl::Status status = AssignTask("", "", "", ShanghaiTime(2026, 10, 1, 9, 0), "cs-center",
                                         ShanghaiTime(2026, 10, 9, 9, 0))
                                  .status();
  EXPECT_THAT(Fields(status), UnorderedElementsAre("task.unit_id", "task.title", "task.due_at"));
}

TEST(SpecialTaskTest, S5_AttendanceIsRecordedPerUnit) {
  TrainingSession session;
  session.kind = SessionKind::kTraining;
  session.title = "服务用语培训";
  session.held_at = ShanghaiTime(2026, 10, 28, 14, 0);
  session.attendance = {{"idc", false, ""}};
  absl::StatusOr<TrainingSession> created = NewSession(session, "cs-center");
  ASSERT_THAT(created.status(), IsOk());
  ASSERT_THAT(RecordAttendance(*created, "idc", true, ""), IsOk());
  ASSERT_THAT(RecordAttendance(*created, "broadband", false, "请假"), IsOk());
  ASSERT_EQ(created->attendance.size(), 2u);
  EXPECT_TRUE(created->attendance[0].attended);
  EXPECT_FALSE(created->attendance[1].attended);
  TrainingSession bad;
  bad.attendance = {{"idc", true, ""}, {"idc", true, ""}, {"", true, ""}};
  EXPECT_THAT(
      Fields(NewSession(bad, "cs-center").status()),
      UnorderedElementsAre("session.kind", "session.title", "session.held_at",
                           "session.attendance[1].unit_id", "session.attendance[2].unit_id"));
}

}  // namespace
}  // namespace cs::assessment

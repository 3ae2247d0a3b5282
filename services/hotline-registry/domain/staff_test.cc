// H7 (A2 7.6): staff trained in business, rules, phrases and communication before they go on duty.
#include "services/hotline-registry/domain/staff.h"

#include "common/status/error_reason.h"
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
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

StaffMember Member(std::string number, std::string name, std::vector<TrainingSubject> subjects) {
  StaffMember member;
  member.unit_id = "broadband";
  member.staff_number = std::move(number);
  member.name = std::move(name);
  for (TrainingSubject subject : subjects) {
    member.trainings.push_back({subject, ShanghaiTime(2026, 1, 10, 9, 0), "培训部"});
  }
  return member;
}

const std::vector<TrainingSubject> kAll = {TrainingSubject::kBusiness, TrainingSubject::kRules,
                                           TrainingSubject::kPhrases,
                                           TrainingSubject::kCommunication};

DutyShift Shift(std::string number, int from_hour, int to_hour) {
  return {std::move(number), ShanghaiTime(2026, 3, 2, from_hour, 0),
          ShanghaiTime(2026, 3, 2, to_hour, 0)};
}

DutyRoster Roster(std::vector<DutyShift> shifts) {
  DutyRoster roster;
  roster.hotline_id = 7;
  roster.day = "2026-03-02";
  roster.shifts = std::move(shifts);
  return roster;
}

TEST(StaffTest, H7_FullyTrainedMeansAllFourSubjects) {
  EXPECT_TRUE(FullyTrained(Member("1024", "张三", kAll)));
  const StaffMember partly =
      Member("2048", "李四", {TrainingSubject::kRules, TrainingSubject::kBusiness});
  EXPECT_FALSE(FullyTrained(partly));
  EXPECT_THAT(MissingTrainings(partly),
              ElementsAre(TrainingSubject::kPhrases, TrainingSubject::kCommunication));
  EXPECT_THAT(MissingTrainings(Member("1", "", kAll)), IsEmpty());
  EXPECT_EQ(TrainingSubjectLabel(TrainingSubject::kCommunication), "沟通技巧");
}

TEST(StaffTest, H7_ARosterWithOneUntrainedMemberIsRefusedNamingThem) {
  const std::vector<StaffMember> staff = {
      Member("1024", "张三", kAll),
      Member("2048", "李四", {TrainingSubject::kBusiness, TrainingSubject::kRules})};
  EXPECT_THAT(CheckRoster(Roster({Shift("1024", 9, 13)}), staff), IsOk());
  const absl::Status refused = CheckRoster(
      Roster({Shift("1024", 9, 13), Shift("2048", 13, 18), Shift("2048", 18, 20)}), staff);
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition,
                                AllOf(HasSubstr("2048 (李四)"), HasSubstr("服务用语 PHRASES"),
                                      HasSubstr("沟通技巧 COMMUNICATION"))));
  EXPECT_EQ(common::ReasonOf(refused), common::reason::kStateForbidsChange);
  // Named once, at their first shift; the trained member is not named.
  EXPECT_THAT(common::ViolationsOf(refused),
              ElementsAre(common::FieldViolation{
                  "roster.shifts[1].staff_number",
                  "staff member 2048 (李四) is not trained before duty (A2 7.6): lacks 服务用语 "
                  "PHRASES, 沟通技巧 COMMUNICATION"}));
}

TEST(StaffTest, H7_ABadRosterIsInvalidBeforeTrainingIsLookedAt) {
  const std::vector<StaffMember> staff = {Member("2048", "李四", {})};
  DutyRoster roster = Roster({Shift("9999", 9, 13), Shift("", 9, 13), Shift("2048", 13, 9)});
  roster.day = "2026/03/02";
  const absl::Status status = CheckRoster(roster, staff);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(status)) fields.push_back(v.field);
  EXPECT_THAT(fields,
              UnorderedElementsAre("roster.day", "roster.shifts[0].staff_number",
                                   "roster.shifts[1].staff_number", "roster.shifts[2].ends_at"));
  EXPECT_THAT(CheckRoster(Roster({}), staff),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("roster.shifts")));
}

}  // namespace
}  // namespace cs::hotline

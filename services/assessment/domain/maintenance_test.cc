// S2 (M 7.6, 5.1.4): maintenance notices — 72 wall-clock hours' notice to users (exactly 72 h on
// time, a minute less late), the finding a late filing raises, the superior's approval before work
// affecting important users, and validation naming every bad field.
#include "services/assessment/domain/maintenance.h"

#include <string>
#include <vector>

#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/domain/rectification.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

const common::Period kNotice{common::PeriodUnit::kWallHours, 72};

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

MaintenanceForm ValidForm(absl::Duration lead) {
  MaintenanceForm form;
  form.unit_id = "idc";
  form.kind = MaintenanceKind::kCutOver;
  form.description = "核心交换机割接";
  form.starts_at = ShanghaiTime(2026, 10, 20, 1, 0);
  form.ends_at = ShanghaiTime(2026, 10, 20, 5, 0);
  form.affected_users = "IDC 机房托管用户";
  form.affected_user_count = 120;
  form.windows_told = {"10000", "broadband"};
  form.users_notified_at = form.starts_at - lead;
  return form;
}

MaintenanceNotice Filed(MaintenanceForm form, absl::Time now) {
  absl::StatusOr<MaintenanceNotice> notice =
      FileMaintenance(std::move(form), "idc-staff", now, kNotice);
  EXPECT_TRUE(notice.ok()) << notice.status();
  MaintenanceNotice value = notice.value_or(MaintenanceNotice{});
  AssignMaintenanceId(value, 3);
  return value;
}

TEST(MaintenanceTest, S2_Exactly72HoursIsOnTime) {
  const MaintenanceNotice notice =
      Filed(ValidForm(absl::Hours(72)), ShanghaiTime(2026, 10, 17, 9, 0));
  EXPECT_EQ(notice.state, MaintenanceState::kFiled);
  EXPECT_EQ(notice.notice_lead, absl::Hours(72));
  EXPECT_FALSE(notice.late);
  EXPECT_FALSE(notice.late_finding.has_value());
  ASSERT_EQ(notice.history.size(), 1u);
  EXPECT_EQ(notice.history[0].event, "FILED");
}

TEST(MaintenanceTest, S2_72HoursMinusOneMinuteIsLateAndRaisesAFinding) {
  const absl::Time now = ShanghaiTime(2026, 10, 17, 9, 0);
  const MaintenanceNotice notice = Filed(ValidForm(absl::Hours(72) - absl::Minutes(1)), now);
  EXPECT_TRUE(notice.late);
  ASSERT_TRUE(notice.late_finding.has_value());
  EXPECT_EQ(notice.late_finding->unit_id, "idc");
  EXPECT_EQ(notice.late_finding->clause, "M 7.6");
  EXPECT_EQ(notice.late_finding->source_id, "MN-3");
  EXPECT_EQ(notice.late_finding->found_at, now);
  EXPECT_THAT(notice.late_finding->evidence, HasSubstr("71 h 59 min"));

  // One call turns it into a rectification notice.
  absl::StatusOr<RectificationNotice> rn =
      IssueNotice(DraftFromFinding(*notice.late_finding), "cs-center", now + absl::Hours(1));
  ASSERT_THAT(rn.status(), IsOk());
  EXPECT_EQ(rn->clause, "M 7.6");
  EXPECT_EQ(rn->source_id, "MN-3");
  EXPECT_EQ(rn->unit_id, "idc");
}

TEST(MaintenanceTest, S2_EmergencyWorkIsNeverLate) {
  MaintenanceForm form = ValidForm(absl::Hours(1));
  form.emergency = true;
  form.emergency_reason = "光缆被挖断";
  const MaintenanceNotice notice = Filed(form, ShanghaiTime(2026, 10, 20, 0, 30));
  EXPECT_FALSE(notice.late);
  EXPECT_FALSE(notice.late_finding.has_value());
}

TEST(MaintenanceTest, S2_IsLateNoticeComparesWallClockTime) {
  EXPECT_FALSE(IsLateNotice(absl::Hours(72), false, kNotice));
  EXPECT_TRUE(IsLateNotice(absl::Hours(72) - absl::Nanoseconds(1), false, kNotice));
  EXPECT_FALSE(IsLateNotice(absl::ZeroDuration(), true, kNotice));
}

TEST(MaintenanceTest, S2_ValidationNamesEveryBadField) {
  MaintenanceForm form;
  form.kind = static_cast<MaintenanceKind>(42);
  form.starts_at = ShanghaiTime(2026, 10, 20, 5, 0);
  form.ends_at = ShanghaiTime(2026, 10, 20, 1, 0);
  form.affected_user_count = 0;
  form.windows_told = {"10000", "", "10000"};
  form.users_notified_at = ShanghaiTime(2026, 10, 18, 0, 0);  // after `now`
  form.emergency = true;
  const absl::Status status =
      FileMaintenance(form, "idc-staff", ShanghaiTime(2026, 10, 17, 9, 0), kNotice).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Fields(status),
              UnorderedElementsAre("form.unit_id", "form.kind", "form.description", "form.ends_at",
                                   "form.affected_users", "form.affected_user_count",
                                   "form.windows_told[1]", "form.windows_told[2]",
                                   "form.users_notified_at", "form.emergency_reason"));
  MaintenanceForm no_windows = ValidForm(absl::Hours(80));
  no_windows.windows_told.clear();
  EXPECT_THAT(
      Fields(FileMaintenance(no_windows, "idc-staff", ShanghaiTime(2026, 10, 17, 9, 0), kNotice)
                 .status()),
      ElementsAre("form.windows_told"));
  EXPECT_THAT(Fields(FileMaintenance(ValidForm(absl::Hours(80)), "idc-staff",
                                     ShanghaiTime(2026, 10, 17, 9, 0),
                                     common::Period{common::PeriodUnit::kWorkingDays, 3})
                         .status()),
              ElementsAre("planned_work_notice"));
}

TEST(MaintenanceTest, S2_ImportantUsersNeedTheSuperiorsApprovalBeforeStart) {
  MaintenanceForm form = ValidForm(absl::Hours(96));
  form.important_users_affected = true;
  MaintenanceNotice notice = Filed(form, ShanghaiTime(2026, 10, 17, 0, 0));
  EXPECT_TRUE(NeedsSuperiorApproval(notice));
  const absl::Status refused = CheckMayStart(notice, form.starts_at);
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Fields(refused), ElementsAre("superior_approval"));

  const absl::Status bad = ApproveBySuperior(notice, "", absl::Time(), "", "cs-center",
                                             ShanghaiTime(2026, 10, 18, 9, 0));
  EXPECT_THAT(Fields(bad), UnorderedElementsAre("approved_by", "approved_at", "reference"));

  ASSERT_THAT(ApproveBySuperior(notice, "集团网络部", ShanghaiTime(2026, 10, 18, 8, 0),
                                "网发〔2026〕12号", "cs-center", ShanghaiTime(2026, 10, 18, 9, 0)),
              IsOk());
  EXPECT_THAT(CheckMayStart(notice, form.starts_at), IsOk());
  EXPECT_EQ(notice.approval->recorded_by, "cs-center");
  EXPECT_EQ(notice.history.back().event, "SUPERIOR_APPROVED");
  EXPECT_FALSE(StartedWithoutApproval(notice, form.starts_at + absl::Hours(1)));
  EXPECT_THAT(ApproveBySuperior(notice, "集团网络部", ShanghaiTime(2026, 10, 18, 8, 0), "again",
                                "cs-center", ShanghaiTime(2026, 10, 18, 9, 0)),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(MaintenanceTest, S2_WorkStartedWithoutApprovalIsAFinding) {
  MaintenanceForm form = ValidForm(absl::Hours(96));
  form.important_users_affected = true;
  const MaintenanceNotice notice = Filed(form, ShanghaiTime(2026, 10, 17, 0, 0));
  EXPECT_FALSE(StartedWithoutApproval(notice, form.starts_at - absl::Minutes(1)));
  EXPECT_TRUE(StartedWithoutApproval(notice, form.starts_at));
  const absl::optional<Finding> finding = ApprovalFinding(notice, form.starts_at);
  ASSERT_TRUE(finding.has_value());
  EXPECT_EQ(finding->clause, "M 7.6, 5.1.4");
  EXPECT_EQ(finding->source_id, "MN-3");
  EXPECT_EQ(finding->found_at, form.starts_at);
}

TEST(MaintenanceTest, S2_NoApprovalNeededWithoutImportantUsersOrInAnEmergency) {
  MaintenanceNotice notice = Filed(ValidForm(absl::Hours(96)), ShanghaiTime(2026, 10, 17, 0, 0));
  EXPECT_THAT(CheckMayStart(notice, notice.form.starts_at), IsOk());
  const absl::Status needless =
      ApproveBySuperior(notice, "集团网络部", ShanghaiTime(2026, 10, 18, 8, 0), "ref", "cs-center",
                        ShanghaiTime(2026, 10, 18, 9, 0));
  EXPECT_THAT(Fields(needless), ElementsAre("superior_approval"));
  MaintenanceForm emergency = ValidForm(absl::Hours(1));
  emergency.important_users_affected = true;
  emergency.emergency = true;
  emergency.emergency_reason = "机房断电";
  const MaintenanceNotice urgent = Filed(emergency, ShanghaiTime(2026, 10, 20, 0, 30));
  EXPECT_THAT(CheckMayStart(urgent, urgent.form.starts_at), IsOk());
}

TEST(MaintenanceTest, S2_CancelBeforeTheStartOnly) {
  MaintenanceForm form = ValidForm(absl::Hours(96));
  form.important_users_affected = true;
  MaintenanceNotice notice = Filed(form, ShanghaiTime(2026, 10, 17, 0, 0));
  MaintenanceNotice started = notice;
  const absl::Status too_late = CancelMaintenance(started, "取消", "idc-staff", form.starts_at);
  EXPECT_THAT(too_late, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(common::ReasonOf(too_late), common::reason::kStateForbidsChange);
  ASSERT_THAT(CancelMaintenance(notice, "割接推迟", "idc-staff", ShanghaiTime(2026, 10, 19, 9, 0)),
              IsOk());
  EXPECT_EQ(notice.state, MaintenanceState::kCancelled);
  EXPECT_FALSE(StartedWithoutApproval(notice, form.starts_at + absl::Hours(1)));
  EXPECT_THAT(CheckMayStart(notice, form.starts_at),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("CANCELLED")));
}

}  // namespace
}  // namespace cs::assessment

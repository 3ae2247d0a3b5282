// S5 (the assessment's own indicators; M 7.6, 7.7, 7.12–7.16): what each record of a unit counts
// in which local month, and "no survey" / "nothing to count" kept apart from zero.
#include "services/assessment/domain/unit_month.h"

#include <vector>

#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::testing::ElementsAre;
using ::testing::Field;

const common::Period kRectification{common::PeriodUnit::kWorkingDays, 5};
const common::Period kReopen{common::PeriodUnit::kWorkingDays, 3};
const common::Period kNotice{common::PeriodUnit::kWallHours, 72};
const ReplySignature kManager{"王经理", true};
const absl::CivilMonth kOctober(2026, 10);

class UnitMonthTest : public ::testing::Test {
 protected:
  RectificationNotice Received(int64_t id, absl::Time issued, absl::Time received,
                               absl::optional<int64_t> partner = absl::nullopt) {
    NoticeDraft draft;
    draft.unit_id = "idc";
    draft.finding = "finding";
    draft.clause = "M 7.13";
    draft.evidence = "evidence";
    draft.partner_id = partner;
    absl::StatusOr<RectificationNotice> notice = IssueNotice(draft, "cs-center", issued);
    EXPECT_TRUE(notice.ok());
    RectificationNotice value = *notice;
    value.id = id;
    EXPECT_THAT(AcknowledgeReceipt(value, "idc-staff", received, kRectification, calendar_),
                IsOk());
    return value;
  }

  UnitMonthFigures Count(const UnitMonthRecords& records, absl::CivilMonth month = kOctober) {
    return CountUnitMonth("idc", month, zone_, ShanghaiTime(2026, 11, 10, 0, 0), records);
  }

  const common::WorkingCalendar calendar_ = common::testing::Cn2026Calendar();
  const absl::TimeZone zone_ = common::testing::ShanghaiTimeZone();
};

TEST_F(UnitMonthTest, S5_NothingRecordedIsNoSurveyAndNothingToCount) {
  const UnitMonthFigures figures = Count(UnitMonthRecords{});
  EXPECT_EQ(figures.unit_id, "idc");
  EXPECT_EQ(figures.rectification_findings, 0);
  EXPECT_EQ(figures.maintenance_findings, 0);
  EXPECT_EQ(figures.launch_findings, 0);
  EXPECT_EQ(figures.partner_findings, 0);
  EXPECT_FALSE(figures.satisfaction_percent.has_value());
  EXPECT_FALSE(figures.special_tasks_percent.has_value());
}

TEST_F(UnitMonthTest, S1_MissedDeadlinesAndFailedVerificationsCountInTheirMonth) {
  // RN-1: received Sep 30, due Oct 13 17:30, replied late Oct 14: a missed deadline in October.
  RectificationNotice late =
      Received(1, ShanghaiTime(2026, 9, 29, 9, 0), ShanghaiTime(2026, 9, 30, 15, 0));
  ASSERT_THAT(ReplyToNotice(late, "m", kManager, "mgr", ShanghaiTime(2026, 10, 14, 9, 0)), IsOk());
  // RN-2: replied on time, verification failed Oct 30 (October), reopened with 3 working days:
  // due Nov 4 — not replied by Nov 10: a missed deadline in November, not October.
  RectificationNotice failed =
      Received(2, ShanghaiTime(2026, 10, 8, 9, 0), ShanghaiTime(2026, 10, 8, 10, 0));
  ASSERT_THAT(ReplyToNotice(failed, "m", kManager, "mgr", ShanghaiTime(2026, 10, 9, 9, 0)), IsOk());
  ASSERT_THAT(VerifyRectification(failed, false, "not fixed", "cs-center",
                                  ShanghaiTime(2026, 10, 30, 9, 0), kReopen, calendar_),
              IsOk());
  // RN-3: received Oct 26, due Nov 2: unanswered, but its deadline is November's.
  const RectificationNotice pending =
      Received(3, ShanghaiTime(2026, 10, 26, 9, 0), ShanghaiTime(2026, 10, 26, 9, 0));
  // RN-4: due Oct 22 (received Oct 15), never replied: October. Names partner PA-9.
  const RectificationNotice unanswered =
      Received(4, ShanghaiTime(2026, 10, 15, 9, 0), ShanghaiTime(2026, 10, 15, 9, 0), 9);
  // Another unit's notice is ignored.
  RectificationNotice other = late;
  other.unit_id = "broadband";
  other.id = 5;
  const std::vector<RectificationNotice> notices = {late, failed, pending, unanswered, other};
  UnitMonthRecords records;
  records.notices = notices;

  const UnitMonthFigures october = Count(records);
  EXPECT_EQ(october.missed_reply_deadlines, 2);
  EXPECT_EQ(october.failed_verifications, 1);
  EXPECT_EQ(october.rectification_findings, 3);
  EXPECT_THAT(october.rectification_items,
              ElementsAre(Field(&CountedItem::id, "RN-1"), Field(&CountedItem::id, "RN-2"),
                          Field(&CountedItem::id, "RN-4")));
  EXPECT_EQ(october.partner_findings, 1);
  EXPECT_THAT(october.partner_items, ElementsAre(Field(&CountedItem::id, "RN-4")));

  const UnitMonthFigures november = Count(records, absl::CivilMonth(2026, 11));
  EXPECT_EQ(november.missed_reply_deadlines, 2);  // RN-2's reopened deadline, RN-3's
  EXPECT_EQ(november.failed_verifications, 0);
}

TEST_F(UnitMonthTest, S2_LateFilingsByFilingMonthAndUnapprovedStartsByStartMonth) {
  MaintenanceForm form;
  form.unit_id = "idc";
  form.kind = MaintenanceKind::kSoftwareUpgrade;
  form.description = "升级";
  form.affected_users = "全部用户";
  form.affected_user_count = 10;
  form.windows_told = {"10000"};
  // MN-1: filed Sep 30 23:00 local... late, filed in September: not October's.
  MaintenanceForm september = form;
  september.starts_at = ShanghaiTime(2026, 10, 2, 0, 0);
  september.ends_at = september.starts_at + absl::Hours(2);
  september.users_notified_at = ShanghaiTime(2026, 9, 30, 23, 0);
  absl::StatusOr<MaintenanceNotice> mn1 =
      FileMaintenance(september, "s", ShanghaiTime(2026, 9, 30, 23, 30), kNotice);
  ASSERT_THAT(mn1.status(), IsOk());
  AssignMaintenanceId(*mn1, 1);
  // MN-2: filed Oct 31 23:59 local (Oct 31 15:59 UTC), late: October's. Important users affected,
  // starts Nov 1 01:00 without approval: November's.
  MaintenanceForm boundary = form;
  boundary.important_users_affected = true;
  boundary.starts_at = ShanghaiTime(2026, 11, 1, 1, 0);
  boundary.ends_at = boundary.starts_at + absl::Hours(2);
  boundary.users_notified_at = ShanghaiTime(2026, 10, 31, 20, 0);
  absl::StatusOr<MaintenanceNotice> mn2 =
      FileMaintenance(boundary, "s", ShanghaiTime(2026, 10, 31, 23, 59), kNotice);
  ASSERT_THAT(mn2.status(), IsOk());
  AssignMaintenanceId(*mn2, 2);
  // MN-3: on time, important users, started Oct 20 without approval: October's.
  MaintenanceForm unapproved = form;
  unapproved.important_users_affected = true;
  unapproved.starts_at = ShanghaiTime(2026, 10, 20, 1, 0);
  unapproved.ends_at = unapproved.starts_at + absl::Hours(2);
  unapproved.users_notified_at = ShanghaiTime(2026, 10, 10, 9, 0);
  absl::StatusOr<MaintenanceNotice> mn3 =
      FileMaintenance(unapproved, "s", ShanghaiTime(2026, 10, 10, 9, 0), kNotice);
  ASSERT_THAT(mn3.status(), IsOk());
  AssignMaintenanceId(*mn3, 3);
  const std::vector<MaintenanceNotice> maintenance = {*mn1, *mn2, *mn3};
  UnitMonthRecords records;
  records.maintenance = maintenance;

  const UnitMonthFigures october = Count(records);
  EXPECT_EQ(october.late_maintenance_filings, 1);
  EXPECT_EQ(october.started_without_approval, 1);
  EXPECT_EQ(october.maintenance_findings, 2);
  EXPECT_THAT(october.maintenance_items,
              ElementsAre(Field(&CountedItem::id, "MN-2"), Field(&CountedItem::id, "MN-3")));
  const UnitMonthFigures november = Count(records, absl::CivilMonth(2026, 11));
  EXPECT_EQ(november.late_maintenance_filings, 0);
  EXPECT_EQ(november.started_without_approval, 1);
  EXPECT_EQ(Count(records, absl::CivilMonth(2026, 9)).late_maintenance_filings, 1);
}

TEST_F(UnitMonthTest, S3_LaunchFindingsCountInTheLaunchMonth) {
  LaunchReviewForm form;
  form.unit_id = "idc";
  form.change = "新版自助服务页面";
  form.planned_launch_at = ShanghaiTime(2026, 10, 15, 9, 0);
  absl::StatusOr<LaunchReview> unaccepted =
      SubmitLaunchReview(form, "idc-staff", ShanghaiTime(2026, 10, 1, 9, 0));
  ASSERT_THAT(unaccepted.status(), IsOk());
  unaccepted->id = 7;
  LaunchReview accepted = *unaccepted;
  accepted.id = 8;
  ASSERT_THAT(
      AcceptLaunchReview(accepted, absl::nullopt, "", "cs-center", ShanghaiTime(2026, 10, 2, 9, 0)),
      IsOk());
  ASSERT_THAT(RecordLaunch(*unaccepted, ShanghaiTime(2026, 10, 15, 9, 0), "s",
                           ShanghaiTime(2026, 10, 15, 10, 0))
                  .status(),
              IsOk());
  ASSERT_THAT(RecordLaunch(accepted, ShanghaiTime(2026, 10, 15, 9, 0), "s",
                           ShanghaiTime(2026, 10, 15, 10, 0))
                  .status(),
              IsOk());
  const std::vector<LaunchReview> reviews = {*unaccepted, accepted};
  UnitMonthRecords records;
  records.launch_reviews = reviews;
  const UnitMonthFigures october = Count(records);
  EXPECT_EQ(october.launch_findings, 1);
  EXPECT_THAT(october.launch_items, ElementsAre(Field(&CountedItem::id, "LR-7")));
}

TEST_F(UnitMonthTest, S4_TheLatestSurveyOfTheMonthIsTheFigure) {
  SurveySummary september;
  september.id = 1;
  september.unit_id = "idc";
  september.period_end = absl::CivilDay(2026, 9, 30);
  september.score = 5;
  september.scale = 5;
  SurveySummary early = september;
  early.id = 2;
  early.period_end = absl::CivilDay(2026, 10, 10);
  early.score = 3;
  SurveySummary latest = september;
  latest.id = 3;
  latest.period_end = absl::CivilDay(2026, 10, 31);
  latest.score = 4.2;
  const std::vector<SurveySummary> surveys = {september, latest, early};
  UnitMonthRecords records;
  records.surveys = surveys;
  const UnitMonthFigures october = Count(records);
  ASSERT_TRUE(october.satisfaction_percent.has_value());
  EXPECT_DOUBLE_EQ(*october.satisfaction_percent, 84.0);
  EXPECT_EQ(october.satisfaction_survey_id, 3);
  EXPECT_FALSE(Count(records, absl::CivilMonth(2026, 11)).satisfaction_percent.has_value());
}

TEST_F(UnitMonthTest, S5_SpecialTasksAndSessionsMakeOnePercent) {
  SpecialTask on_time;
  on_time.id = 1;
  on_time.unit_id = "idc";
  on_time.title = "t";
  on_time.due_at = ShanghaiTime(2026, 10, 20, 17, 30);
  on_time.completion = TaskCompletion{ShanghaiTime(2026, 10, 19, 9, 0), true, "", "c", {}};
  SpecialTask poor = on_time;
  poor.id = 2;
  poor.completion->quality_ok = false;
  SpecialTask overdue = on_time;
  overdue.id = 3;
  overdue.completion.reset();
  SpecialTask november = on_time;
  november.id = 4;
  november.due_at = ShanghaiTime(2026, 11, 20, 17, 30);
  november.completion.reset();
  const std::vector<SpecialTask> tasks = {on_time, poor, overdue, november};
  TrainingSession session;
  session.id = 1;
  session.kind = SessionKind::kCaseStudy;
  session.title = "案例学习";
  session.held_at = ShanghaiTime(2026, 10, 28, 14, 0);
  session.attendance = {{"idc", true, ""}, {"broadband", false, ""}};
  const std::vector<TrainingSession> sessions = {session};
  UnitMonthRecords records;
  records.tasks = tasks;
  records.sessions = sessions;
  const UnitMonthFigures october = Count(records);
  EXPECT_EQ(october.tasks_counted, 3);
  EXPECT_EQ(october.tasks_on_time_with_quality, 1);
  EXPECT_EQ(october.sessions_counted, 1);
  EXPECT_EQ(october.sessions_attended, 1);
  ASSERT_TRUE(october.special_tasks_percent.has_value());
  EXPECT_DOUBLE_EQ(*october.special_tasks_percent, 50.0);
  // November's task is not yet due at Nov 10 and not done: nothing to count.
  EXPECT_FALSE(Count(records, absl::CivilMonth(2026, 11)).special_tasks_percent.has_value());
}

}  // namespace
}  // namespace cs::assessment

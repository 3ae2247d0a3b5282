// The cs.assessment.v1 mapping of the notices (S1–S3, S7): values filled in every field reach the
// wire in every field (common/testing/proto_fields.h), so a field the mapping forgets cannot read
// 0 unnoticed; requests come into the domain whole; and what the wire cannot carry into the domain
// is named by its request path.
#include "services/assessment/api/notice_mapping.h"

#include <string>
#include <vector>

#include "common/api/proto_time.h"
#include "common/status/field_violations.h"
#include "common/testing/proto_fields.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::FieldsOf;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::UnsetFieldPaths;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kT0 = ShanghaiTime(2026, 3, 2, 10, 0);

google::protobuf::Timestamp OutOfRange() {
  google::protobuf::Timestamp t;
  t.set_seconds(-70000000000LL);  // before 0001-01-01
  return t;
}

RectificationNotice FilledNotice() {
  RectificationNotice n;
  n.id = 12;
  n.unit_id = "broadband";
  n.finding = "网站留言未在规定时限内答复";
  n.clause = "A2 7.5";
  n.evidence = "抽查 20 条，4 条超时";
  n.partner_id = 4;
  n.source_id = "MN-3";
  n.issued_by = "center-1";
  n.issued_at = kT0;
  n.state = NoticeState::kReopened;
  n.received_at = kT0 + absl::Hours(1);
  n.received_by = "system";
  n.deemed_received = true;
  n.reply_due = common::Deadline{kT0 + absl::Hours(200), "cn-2026.1", true};
  n.replies.push_back(
      {"已整改", "bb-manager", "bb-manager", kT0 + absl::Hours(30), kT0 + absl::Hours(20), true});
  n.verifications.push_back(
      {false, "仍有超时", "center-1", kT0 + absl::Hours(40), common::Deadline{}});
  n.updated_at = kT0 + absl::Hours(40);
  n.version = 5;
  return n;
}

MaintenanceRecord FilledMaintenance() {
  MaintenanceRecord r;
  MaintenanceNotice& n = r.notice;
  n.id = 3;
  n.form.unit_id = "broadband";
  n.form.kind = MaintenanceKind::kCutOver;
  n.form.description = "机房割接";
  n.form.starts_at = kT0 + absl::Hours(48);
  n.form.ends_at = kT0 + absl::Hours(52);
  n.form.affected_users = "浦东新区 ADSL 用户";
  n.form.affected_user_count = 1200;
  n.form.important_users_affected = true;
  n.form.windows_told = {"10000", "service-desk"};
  n.form.users_notified_at = kT0;
  n.form.emergency = true;
  n.form.emergency_reason = "光缆中断";
  n.state = MaintenanceState::kFiled;
  n.filed_by = "bb-staff";
  n.filed_at = kT0 + absl::Minutes(5);
  n.notice_lead = absl::Hours(48);
  n.late = true;
  n.approval = SuperiorApproval{"上级主管部门", kT0 + absl::Hours(2), "沪电信〔2026〕12 号",
                                "center-1", kT0 + absl::Hours(3)};
  r.raised_notice_id = 12;
  return r;
}

LaunchReview FilledReview() {
  LaunchReview r;
  r.id = 7;
  r.unit_id = "broadband";
  r.change = "自助报障页面改版";
  r.planned_launch_at = kT0 + absl::Hours(72);
  r.state = LaunchReviewState::kLaunched;
  r.submitted_by = "bb-staff";
  r.submitted_at = kT0;
  r.accepted_by = "center-1";
  r.accepted_at = kT0 + absl::Hours(1);
  r.window_training_needed = true;
  r.window_training_done_at = kT0 + absl::Hours(2);
  r.launched_at = kT0 + absl::Hours(3);
  r.launch_finding = Finding{"broadband", "LR-7", "M 7.7", "未经培训即推出", "…", kT0};
  return r;
}

TEST(NoticeMappingTest, S1_ANoticeReachesTheWireInEveryField) {
  const v1::RectificationNotice wire = ToProto(FilledNotice());
  // The filled notice is REOPENED: its verification failed, so passed reads false (the passed
  // case is checked below).
  EXPECT_THAT(UnsetFieldPaths(wire, {"verifications[0].passed"}), IsEmpty());
  EXPECT_EQ(wire.verifications(0).note(), "仍有超时");
  EXPECT_EQ(wire.notice_id(), "RN-12");
  EXPECT_EQ(wire.partner_id(), "PA-4");
  EXPECT_EQ(wire.raised_from(), "MN-3");
  EXPECT_EQ(wire.state(), v1::NOTICE_STATE_REOPENED);
  EXPECT_EQ(wire.reply_due().calendar_version(), "cn-2026.1");
  EXPECT_TRUE(wire.reply_due().provisional());
  EXPECT_EQ(wire.replies(0).signed_by(), "bb-manager");
  EXPECT_TRUE(wire.replies(0).late());

  // Nothing received, no partner, no source: those fields stay unset rather than reading 1970.
  RectificationNotice issued = FilledNotice();
  issued.partner_id.reset();
  issued.received_at.reset();
  issued.reply_due.reset();
  issued.source_id.clear();
  const v1::RectificationNotice bare = ToProto(issued);
  EXPECT_FALSE(bare.has_received_at());
  EXPECT_FALSE(bare.has_reply_due());
  EXPECT_EQ(bare.partner_id(), "");
  EXPECT_EQ(bare.raised_from(), "");

  RectificationNotice closed = FilledNotice();
  closed.verifications[0].passed = true;
  EXPECT_TRUE(ToProto(closed).verifications(0).passed());
}

TEST(NoticeMappingTest, S1_EveryNoticeStateHasItsWireValue) {
  EXPECT_EQ(ToProto(NoticeState::kIssued), v1::NOTICE_STATE_ISSUED);
  EXPECT_EQ(ToProto(NoticeState::kReceived), v1::NOTICE_STATE_RECEIVED);
  EXPECT_EQ(ToProto(NoticeState::kReplied), v1::NOTICE_STATE_REPLIED);
  EXPECT_EQ(ToProto(NoticeState::kVerifiedPassed), v1::NOTICE_STATE_VERIFIED_PASSED);
  EXPECT_EQ(ToProto(NoticeState::kReopened), v1::NOTICE_STATE_REOPENED);
  EXPECT_EQ(FromProto(v1::NOTICE_STATE_REPLIED), NoticeState::kReplied);
}

TEST(NoticeMappingTest, S2_AMaintenanceNoticeReachesTheWireInEveryField) {
  const v1::MaintenanceNotice wire = ToProto(FilledMaintenance());
  EXPECT_THAT(UnsetFieldPaths(wire), IsEmpty());
  EXPECT_EQ(wire.notice_id(), "MN-3");
  EXPECT_EQ(wire.kind(), v1::WORK_KIND_CUT_OVER);
  EXPECT_EQ(wire.raised_notice_id(), "RN-12");
  EXPECT_EQ(wire.superior_approval().reference(), "沪电信〔2026〕12 号");
  EXPECT_EQ(wire.superior_approval().recorded_by(), "center-1");
  EXPECT_THAT(wire.windows_told(), ElementsAre("10000", "service-desk"));

  MaintenanceRecord plain = FilledMaintenance();
  plain.notice.approval.reset();
  plain.raised_notice_id = 0;
  const v1::MaintenanceNotice bare = ToProto(plain);
  EXPECT_FALSE(bare.has_superior_approval());
  EXPECT_EQ(bare.raised_notice_id(), "");
}

TEST(NoticeMappingTest, S2_EveryWorkKindHasItsWireValue) {
  EXPECT_EQ(ToProto(MaintenanceKind::kLineRepair), v1::WORK_KIND_LINE_REPAIR);
  EXPECT_EQ(ToProto(MaintenanceKind::kEquipmentMove), v1::WORK_KIND_MOVE);
  EXPECT_EQ(ToProto(MaintenanceKind::kCutOver), v1::WORK_KIND_CUT_OVER);
  EXPECT_EQ(ToProto(MaintenanceKind::kNetworkUpgrade), v1::WORK_KIND_NETWORK_UPGRADE);
  EXPECT_EQ(ToProto(MaintenanceKind::kSoftwareUpgrade), v1::WORK_KIND_SOFTWARE_UPGRADE);
  EXPECT_EQ(ToProto(MaintenanceKind::kOther), v1::WORK_KIND_OTHER);
  EXPECT_EQ(FromProto(v1::WORK_KIND_MOVE), MaintenanceKind::kEquipmentMove);
}

TEST(NoticeMappingTest, S3_ALaunchReviewReachesTheWireInEveryField) {
  const v1::LaunchReview wire = ToProto(FilledReview());
  EXPECT_THAT(UnsetFieldPaths(wire), IsEmpty());
  EXPECT_EQ(wire.review_id(), "LR-7");
  EXPECT_TRUE(wire.finding());
  LaunchReview submitted = FilledReview();
  submitted.accepted_at.reset();
  submitted.window_training_done_at.reset();
  submitted.launched_at.reset();
  submitted.launch_finding.reset();
  const v1::LaunchReview bare = ToProto(submitted);
  EXPECT_FALSE(bare.has_accepted_at());
  EXPECT_FALSE(bare.has_window_training_done_at());
  EXPECT_FALSE(bare.has_launched_at());
  EXPECT_FALSE(bare.finding());
}

TEST(NoticeMappingTest, S1_AnIssueRequestBecomesADraft) {
  v1::IssueRectificationNoticeRequest request;
  request.set_request_id("r-1");
  request.set_unit_id("broadband");
  request.set_finding("未按时答复");
  request.set_clause("A2 7.5");
  request.set_evidence("抽查记录");
  request.set_partner_id("PA-4");
  ASSERT_OK_AND_ASSIGN(NoticeDraft draft, FromProto(request));
  EXPECT_EQ(draft.unit_id, "broadband");
  EXPECT_EQ(draft.finding, "未按时答复");
  EXPECT_EQ(draft.clause, "A2 7.5");
  EXPECT_EQ(draft.evidence, "抽查记录");
  EXPECT_EQ(draft.partner_id, 4);
  EXPECT_EQ(draft.source_id, "");
  request.clear_partner_id();
  ASSERT_OK_AND_ASSIGN(NoticeDraft without, FromProto(request));
  EXPECT_FALSE(without.partner_id.has_value());
  request.set_partner_id("4");
  EXPECT_THAT(FieldsOf(FromProto(request).status()), ElementsAre("partner_id"));
}

TEST(NoticeMappingTest, S1_TheListFilterChecksTheState) {
  v1::ListRectificationNoticesRequest request;
  request.set_unit_id("portal");
  request.set_state(v1::NOTICE_STATE_RECEIVED);
  request.set_overdue_only(true);
  ASSERT_OK_AND_ASSIGN(NoticeQuery query, FromProto(request));
  EXPECT_EQ(query.unit_id, "portal");
  EXPECT_EQ(query.state, NoticeState::kReceived);
  EXPECT_TRUE(query.overdue_only);
  request.set_state(static_cast<v1::NoticeState>(9));
  EXPECT_THAT(FromProto(request), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(FromProto(request).status()), ElementsAre("state"));
}

TEST(NoticeMappingTest, S2_AFilingBecomesAFormAndBadTimesAreNamedByTheirPath) {
  v1::FileMaintenanceNoticeRequest request;
  request.set_request_id("r-1");
  *request.mutable_notice() = ToProto(FilledMaintenance());
  ASSERT_OK_AND_ASSIGN(MaintenanceForm form, FromProto(request));
  EXPECT_EQ(form, FilledMaintenance().notice.form);
  EXPECT_EQ(form.emergency_reason, "光缆中断");

  request.mutable_notice()->clear_starts_at();
  ASSERT_OK_AND_ASSIGN(MaintenanceForm unset, FromProto(request));
  EXPECT_EQ(unset.starts_at, absl::UnixEpoch());  // the domain names notice.starts_at
  *request.mutable_notice()->mutable_starts_at() = OutOfRange();
  *request.mutable_notice()->mutable_users_notified_at() = OutOfRange();
  EXPECT_THAT(FieldsOf(FromProto(request).status()),
              ElementsAre("notice.starts_at", "notice.users_notified_at"));
}

TEST(NoticeMappingTest, S2_TheApprovalAndTheListFilter) {
  v1::RecordSuperiorApprovalRequest approval;
  approval.set_notice_id("MN-3");
  approval.set_reference("沪电信〔2026〕12 号");
  ASSERT_OK_AND_ASSIGN(SuperiorApprovalInput input, FromProto(approval));
  EXPECT_EQ(input.reference, "沪电信〔2026〕12 号");
  EXPECT_EQ(input.approved_by, "");
  EXPECT_FALSE(input.approved_at.has_value());
  approval.set_approved_by("市公司网络部");
  *approval.mutable_approved_at() = common::ToProtoTimestamp(ShanghaiTime(2026, 5, 6, 9, 0));
  ASSERT_OK_AND_ASSIGN(input, FromProto(approval));
  EXPECT_EQ(input.approved_by, "市公司网络部");
  EXPECT_EQ(input.approved_at, ShanghaiTime(2026, 5, 6, 9, 0));
  *approval.mutable_approved_at() = OutOfRange();
  EXPECT_THAT(FieldsOf(FromProto(approval).status()), ElementsAre("approved_at"));

  v1::ListMaintenanceNoticesRequest list;
  list.set_unit_id("broadband");
  list.set_late_only(true);
  const MaintenanceFilter filter = FromProto(list);
  EXPECT_EQ(filter.unit_id, "broadband");
  EXPECT_TRUE(filter.late_only);
}

TEST(NoticeMappingTest, S3_AReviewNeedsItsPlannedLaunch) {
  v1::SubmitLaunchReviewRequest request;
  request.set_request_id("r-1");
  *request.mutable_review() = ToProto(FilledReview());
  ASSERT_OK_AND_ASSIGN(LaunchReviewForm form, FromProto(request));
  EXPECT_EQ(form.unit_id, "broadband");
  EXPECT_EQ(form.change, "自助报障页面改版");
  EXPECT_EQ(form.planned_launch_at, kT0 + absl::Hours(72));
  EXPECT_TRUE(form.window_training_needed);
  request.mutable_review()->clear_planned_launch();
  EXPECT_THAT(FieldsOf(FromProto(request).status()), ElementsAre("review.planned_launch"));
  *request.mutable_review()->mutable_planned_launch() = OutOfRange();
  EXPECT_THAT(FieldsOf(FromProto(request).status()), ElementsAre("review.planned_launch"));

  v1::RecordLaunchRequest launch;
  ASSERT_OK_AND_ASSIGN(absl::optional<absl::Time> now, LaunchedAtFromProto(launch));
  EXPECT_FALSE(now.has_value());
  *launch.mutable_launched_at() = common::ToProtoTimestamp(kT0);
  ASSERT_OK_AND_ASSIGN(absl::optional<absl::Time> at, LaunchedAtFromProto(launch));
  EXPECT_EQ(at, kT0);
  *launch.mutable_launched_at() = OutOfRange();
  EXPECT_THAT(FieldsOf(LaunchedAtFromProto(launch).status()), ElementsAre("launched_at"));
}

}  // namespace
}  // namespace cs::assessment

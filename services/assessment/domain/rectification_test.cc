// S1, S7 (M 7.13): issuing a rectification notice, receipt (acknowledged or deemed), the signed
// reply within 5 working days of receipt on the real 2026 calendar, verification and reopening,
// and the printed form.
#include "services/assessment/domain/rectification.h"

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
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

NoticeDraft ValidDraft() {
  NoticeDraft draft;
  draft.unit_id = "broadband";
  draft.finding = "热线接通率低于80%";
  draft.clause = "A2 7.5";
  draft.evidence = "2026年9月热线运营月报：接通率 72%";
  return draft;
}

const common::Period kRectification{common::PeriodUnit::kWorkingDays, 5};
const common::Period kReopen{common::PeriodUnit::kWorkingDays, 3};
const ReplySignature kManager{"王经理", true};

class RectificationTest : public ::testing::Test {
 protected:
  RectificationNotice Issued(absl::Time at, NoticeDraft draft = ValidDraft()) {
    absl::StatusOr<RectificationNotice> notice = IssueNotice(std::move(draft), "cs-center", at);
    EXPECT_TRUE(notice.ok()) << notice.status();
    RectificationNotice value = notice.value_or(RectificationNotice{});
    value.id = 12;
    return value;
  }

  RectificationNotice Received(absl::Time issued, absl::Time received) {
    RectificationNotice notice = Issued(issued);
    EXPECT_THAT(AcknowledgeReceipt(notice, "unit-staff", received, kRectification, calendar_),
                IsOk());
    return notice;
  }

  const common::WorkingCalendar calendar_ = common::testing::Cn2026Calendar();
};

TEST_F(RectificationTest, S1_IssueRecordsTheNoticeAndItsHistory) {
  NoticeDraft draft = ValidDraft();
  draft.partner_id = 4;
  const RectificationNotice notice = Issued(ShanghaiTime(2026, 9, 28, 10, 0), draft);
  EXPECT_EQ(notice.state, NoticeState::kIssued);
  EXPECT_EQ(notice.unit_id, "broadband");
  EXPECT_EQ(notice.issued_by, "cs-center");
  EXPECT_EQ(notice.partner_id, 4);
  EXPECT_FALSE(notice.reply_due.has_value());
  ASSERT_EQ(notice.history.size(), 1u);
  EXPECT_EQ(notice.history[0].event, "ISSUED");
  EXPECT_THAT(notice.history[0].detail, HasSubstr("PA-4"));
  EXPECT_EQ(notice.version, 1);
}

TEST_F(RectificationTest, S1_InvalidDraftNamesEveryBadField) {
  NoticeDraft draft;
  draft.clause = "section 7";
  draft.partner_id = 0;
  const absl::Status status =
      IssueNotice(draft, "cs-center", ShanghaiTime(2026, 9, 28, 10, 0)).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Fields(status),
              UnorderedElementsAre("notice.unit_id", "notice.finding", "notice.clause",
                                   "notice.evidence", "notice.partner_id"));
}

// National Day 2026: Oct 1 (Thu) to Oct 7 off, make-up working days Sun Sep 20 and Sat Oct 10
// (../shared/data/cn-public-holidays-2026.md). Oct 1 is a Thursday, so the last working day before
// the 7-day holiday is Wednesday Sep 30 (Fri Sep 25 is itself the Mid-Autumn holiday). Received on
// its afternoon: day 1 Thu Oct 8, 2 Fri Oct 9, 3 Sat Oct 10 (make-up), 4 Mon Oct 12, 5 Tue Oct 13.
TEST_F(RectificationTest, S1_ReceivedBeforeNationalDayIsDueOnTheExactDay) {
  const RectificationNotice notice =
      Received(ShanghaiTime(2026, 9, 29, 10, 0), ShanghaiTime(2026, 9, 30, 15, 20));
  EXPECT_EQ(notice.state, NoticeState::kReceived);
  ASSERT_TRUE(notice.reply_due.has_value());
  EXPECT_EQ(notice.reply_due->at, ShanghaiTime(2026, 10, 13, 17, 30));
  EXPECT_EQ(notice.reply_due->calendar_version, "cn-2026.1");
  EXPECT_FALSE(notice.reply_due->provisional);
}

// The Friday afternoon right before the holiday, with the make-up Saturday after it: received Fri
// Oct 9 at 16:00 — day 1 Sat Oct 10 (make-up), 2 Mon Oct 12, 3 Tue, 4 Wed, 5 Thu Oct 15.
TEST_F(RectificationTest, S1_ReceivedFridayAfternoonCountsTheMakeUpSaturday) {
  const RectificationNotice notice =
      Received(ShanghaiTime(2026, 10, 9, 9, 0), ShanghaiTime(2026, 10, 9, 16, 0));
  EXPECT_EQ(notice.reply_due->at, ShanghaiTime(2026, 10, 15, 17, 30));
}

// A Friday afternoon before a long holiday with a make-up Saturday: Spring Festival 2026 (Feb 15 to
// Feb 23 off, make-up Sat Feb 14). Received Fri Feb 13 at 15:00: day 1 Sat Feb 14 (make-up), then
// Tue Feb 24, Wed 25, Thu 26, Fri Feb 27.
TEST_F(RectificationTest, S1_ReceivedFridayBeforeSpringFestivalIsDueOnTheExactDay) {
  const RectificationNotice notice =
      Received(ShanghaiTime(2026, 2, 13, 9, 0), ShanghaiTime(2026, 2, 13, 15, 0));
  EXPECT_EQ(notice.reply_due->at, ShanghaiTime(2026, 2, 27, 17, 30));
}

TEST_F(RectificationTest, S1_ASignedReplyOnTimeIsNotLate) {
  RectificationNotice notice =
      Received(ShanghaiTime(2026, 9, 29, 10, 0), ShanghaiTime(2026, 9, 30, 15, 20));
  ASSERT_THAT(ReplyToNotice(notice, "已整改：增加坐席", kManager, "unit-manager",
                            ShanghaiTime(2026, 10, 13, 17, 30)),
              IsOk());
  EXPECT_EQ(notice.state, NoticeState::kReplied);
  ASSERT_EQ(notice.replies.size(), 1u);
  EXPECT_FALSE(notice.replies[0].late);
  EXPECT_EQ(notice.replies[0].signed_by, "王经理");
  EXPECT_EQ(WorkingTimeToFirstReply(notice, calendar_),
            absl::Hours(2) + absl::Minutes(10) + 5 * (absl::Hours(7) + absl::Minutes(30)));
}

TEST_F(RectificationTest, S1_AReplyAMinuteAfterTheDeadlineIsLate) {
  RectificationNotice notice =
      Received(ShanghaiTime(2026, 9, 29, 10, 0), ShanghaiTime(2026, 9, 30, 15, 20));
  EXPECT_FALSE(IsReplyOverdue(notice, ShanghaiTime(2026, 10, 13, 17, 30)));
  EXPECT_TRUE(IsReplyOverdue(notice, ShanghaiTime(2026, 10, 13, 17, 31)));
  ASSERT_THAT(
      ReplyToNotice(notice, "已整改", kManager, "unit-manager", ShanghaiTime(2026, 10, 13, 17, 31)),
      IsOk());
  EXPECT_TRUE(notice.replies[0].late);
  EXPECT_THAT(notice.history.back().detail, HasSubstr("late"));
}

TEST_F(RectificationTest, S1_AnUnsignedReplyIsRefusedAndRecordsNothing) {
  RectificationNotice notice =
      Received(ShanghaiTime(2026, 9, 29, 10, 0), ShanghaiTime(2026, 9, 30, 15, 20));
  const RectificationNotice before = notice;
  const absl::Status unsigned_reply = ReplyToNotice(notice, "已整改", ReplySignature{"", false},
                                                    "unit-staff", ShanghaiTime(2026, 10, 9, 9, 0));
  EXPECT_THAT(unsigned_reply,
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("signature")));
  EXPECT_THAT(Fields(unsigned_reply), ElementsAre("signature"));
  const absl::Status not_manager = ReplyToNotice(notice, "已整改", ReplySignature{"张三", false},
                                                 "unit-staff", ShanghaiTime(2026, 10, 9, 9, 0));
  EXPECT_THAT(not_manager, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Fields(not_manager), ElementsAre("signature"));
  EXPECT_EQ(notice, before);
}

TEST_F(RectificationTest, S1_AReplyNeedsMeasuresAndAReceivedNotice) {
  RectificationNotice issued = Issued(ShanghaiTime(2026, 9, 29, 10, 0));
  const absl::Status early =
      ReplyToNotice(issued, "已整改", kManager, "unit-manager", ShanghaiTime(2026, 9, 29, 11, 0));
  EXPECT_THAT(early, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("ISSUED")));
  EXPECT_EQ(common::ReasonOf(early), common::reason::kStateForbidsChange);
  RectificationNotice notice =
      Received(ShanghaiTime(2026, 9, 29, 10, 0), ShanghaiTime(2026, 9, 30, 15, 20));
  const absl::Status blank =
      ReplyToNotice(notice, "  ", kManager, "unit-manager", ShanghaiTime(2026, 10, 9, 9, 0));
  EXPECT_THAT(Fields(blank), ElementsAre("measures"));
}

TEST_F(RectificationTest, S1_AFailedVerificationReopensWithANewDeadline) {
  RectificationNotice notice =
      Received(ShanghaiTime(2026, 9, 29, 10, 0), ShanghaiTime(2026, 9, 30, 15, 20));
  ASSERT_THAT(
      ReplyToNotice(notice, "已整改", kManager, "unit-manager", ShanghaiTime(2026, 10, 12, 10, 0)),
      IsOk());
  // Verified Wed Oct 14 at 11:00; 3 working days: Thu 15, Fri 16, Mon Oct 19.
  ASSERT_THAT(VerifyRectification(notice, false, "接通率仍为 75%", "cs-center",
                                  ShanghaiTime(2026, 10, 14, 11, 0), kReopen, calendar_),
              IsOk());
  EXPECT_EQ(notice.state, NoticeState::kReopened);
  ASSERT_TRUE(notice.reply_due.has_value());
  EXPECT_EQ(notice.reply_due->at, ShanghaiTime(2026, 10, 19, 17, 30));
  ASSERT_EQ(notice.verifications.size(), 1u);
  EXPECT_FALSE(notice.verifications[0].passed);
  EXPECT_EQ(notice.verifications[0].new_reply_due, notice.reply_due);
  EXPECT_EQ(notice.history.back().event, "VERIFIED_FAILED");

  // Replying again is allowed, and a late second reply is flagged against the new deadline.
  ASSERT_THAT(
      ReplyToNotice(notice, "再次整改", kManager, "unit-manager", ShanghaiTime(2026, 10, 20, 9, 0)),
      IsOk());
  ASSERT_EQ(notice.replies.size(), 2u);
  EXPECT_TRUE(notice.replies[1].late);
  EXPECT_EQ(notice.replies[1].due, ShanghaiTime(2026, 10, 19, 17, 30));
  ASSERT_THAT(VerifyRectification(notice, true, "", "cs-center", ShanghaiTime(2026, 10, 21, 9, 0),
                                  kReopen, calendar_),
              IsOk());
  EXPECT_EQ(notice.state, NoticeState::kVerifiedPassed);
  for (size_t i = 0; i < notice.history.size(); ++i) {
    EXPECT_EQ(notice.history[i].sequence, static_cast<int>(i) + 1);
  }
  EXPECT_EQ(notice.version, static_cast<int64_t>(notice.history.size()));
}

TEST_F(RectificationTest, S1_AFailedVerificationNeedsANoteAndAValidPeriod) {
  RectificationNotice notice =
      Received(ShanghaiTime(2026, 9, 29, 10, 0), ShanghaiTime(2026, 9, 30, 15, 20));
  ASSERT_THAT(
      ReplyToNotice(notice, "已整改", kManager, "unit-manager", ShanghaiTime(2026, 10, 12, 10, 0)),
      IsOk());
  const absl::Status status =
      VerifyRectification(notice, false, "", "cs-center", ShanghaiTime(2026, 10, 14, 11, 0),
                          common::Period{common::PeriodUnit::kWorkingDays, 0}, calendar_);
  EXPECT_THAT(Fields(status), UnorderedElementsAre("note", "reopen_period"));
  EXPECT_EQ(notice.state, NoticeState::kReplied);
  RectificationNotice passed = notice;
  ASSERT_THAT(VerifyRectification(passed, true, "", "cs-center", ShanghaiTime(2026, 10, 14, 11, 0),
                                  kReopen, calendar_),
              IsOk());
  EXPECT_THAT(VerifyRectification(passed, true, "", "cs-center", ShanghaiTime(2026, 10, 14, 12, 0),
                                  kReopen, calendar_),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("VERIFIED_PASSED")));
}

// Grace of 2 working days from Fri Sep 18 10:00: Sun Sep 20 (make-up), Mon Sep 21 17:30. The
// reply is then due 5 working days after: Sep 22, 23, 24, (Mid-Autumn Sep 25–27), Sep 28, 29.
TEST_F(RectificationTest, S1_AnUnacknowledgedNoticeIsDeemedReceivedAfterTheGrace) {
  const common::Period grace{common::PeriodUnit::kWorkingDays, 2};
  const absl::Time issued = ShanghaiTime(2026, 9, 18, 10, 0);
  absl::StatusOr<common::Deadline> deemed = DeemedReceivedAt(calendar_, issued, grace);
  ASSERT_THAT(deemed.status(), IsOk());
  EXPECT_EQ(deemed->at, ShanghaiTime(2026, 9, 21, 17, 30));

  RectificationNotice notice = Issued(issued);
  absl::StatusOr<bool> too_early = ApplyDeemedReceipt(notice, ShanghaiTime(2026, 9, 21, 17, 29),
                                                      grace, kRectification, calendar_);
  ASSERT_THAT(too_early.status(), IsOk());
  EXPECT_FALSE(*too_early);
  EXPECT_EQ(notice.state, NoticeState::kIssued);

  // A sweep that runs late still dates the receipt at the end of the grace.
  absl::StatusOr<bool> applied =
      ApplyDeemedReceipt(notice, ShanghaiTime(2026, 9, 22, 8, 0), grace, kRectification, calendar_);
  ASSERT_THAT(applied.status(), IsOk());
  EXPECT_TRUE(*applied);
  EXPECT_EQ(notice.state, NoticeState::kReceived);
  EXPECT_TRUE(notice.deemed_received);
  EXPECT_EQ(notice.received_at, ShanghaiTime(2026, 9, 21, 17, 30));
  EXPECT_EQ(notice.received_by, kServiceActor);
  EXPECT_EQ(notice.reply_due->at, ShanghaiTime(2026, 9, 29, 17, 30));
  EXPECT_EQ(notice.history.back().event, "DEEMED_RECEIVED");

  absl::StatusOr<bool> again =
      ApplyDeemedReceipt(notice, ShanghaiTime(2026, 9, 23, 8, 0), grace, kRectification, calendar_);
  ASSERT_THAT(again.status(), IsOk());
  EXPECT_FALSE(*again);
  EXPECT_THAT(AcknowledgeReceipt(notice, "unit-staff", ShanghaiTime(2026, 9, 23, 8, 0),
                                 kRectification, calendar_),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("RECEIVED")));
}

TEST_F(RectificationTest, S1_DraftFromFindingCarriesTheFindingInOneCall) {
  Finding finding;
  finding.unit_id = "idc";
  finding.source_id = "MN-3";
  finding.clause = "M 7.6";
  finding.finding = "未提前72小时告知用户";
  finding.evidence = "users told 70 h ahead";
  absl::StatusOr<RectificationNotice> notice =
      IssueNotice(DraftFromFinding(finding), "cs-center", ShanghaiTime(2026, 9, 28, 10, 0));
  ASSERT_THAT(notice.status(), IsOk());
  EXPECT_EQ(notice->unit_id, "idc");
  EXPECT_EQ(notice->clause, "M 7.6");
  EXPECT_EQ(notice->source_id, "MN-3");
  EXPECT_EQ(notice->evidence, "users told 70 h ahead");
}

TEST_F(RectificationTest, S1_RenderNoticeFormPrintsTheFieldsInOrder) {
  NoticeDraft draft = ValidDraft();
  draft.partner_id = 2;
  RectificationNotice notice = Issued(ShanghaiTime(2026, 9, 29, 10, 0), draft);
  ASSERT_THAT(AcknowledgeReceipt(notice, "unit-staff", ShanghaiTime(2026, 9, 30, 15, 20),
                                 kRectification, calendar_),
              IsOk());
  ASSERT_THAT(ReplyToNotice(notice, "1. 增加坐席\n2. 培训", kManager, "unit-manager",
                            ShanghaiTime(2026, 10, 12, 10, 0)),
              IsOk());
  const std::string form =
      RenderNoticeForm(notice, "宽带事业部", common::testing::ShanghaiTimeZone(), "某代理商");
  EXPECT_THAT(form, HasSubstr("整改措施单"));
  const std::vector<std::string> in_order = {
      "编号 No.: RN-12",
      "被整改单位 Unit: 宽带事业部",
      "责任合作商/代理商 Partner or agent: 某代理商",
      "存在问题 Finding: 热线接通率低于80%",
      "依据条款 Clause: A2 7.5",
      "事实依据 Evidence:",
      "签发人 Issued by: cs-center",
      "签发时间 Issued at: 2026-09-29 10:00",
      "接收时间 Received at: 2026-09-30 15:20",
      "整改回复期限 Reply due: 2026-10-13 17:30",
      "整改措施 Measures taken:\n    1. 增加坐席\n    2. 培训",
      "部门经理签字 Manager's signature: 王经理",
      "回复时间 Replied at: 2026-10-12 10:00",
      "状态 State: 已回复 REPLIED"};
  size_t at = 0;
  for (const std::string& line : in_order) {
    const size_t found = form.find(line, at);
    ASSERT_NE(found, std::string::npos) << line << "\n" << form;
    at = found + line.size();
  }
}

}  // namespace
}  // namespace cs::assessment

// The notice core's use cases against the in-memory stores, a ManualClock and the official 2026
// calendar: who may do what to which unit's notices, the reply deadline of 5 working days of
// receipt across holidays and make-up days, signed replies, verification and reopening, deemed
// receipt by the sweep, the 72-hour lead of maintenance notices, the superior's approval, launch
// reviews and their findings, findings raised as notices, replays, and the sweep's snapshot —
// named after SPEC S1–S3 and S7.
#include "services/assessment/core/notice_core.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/hash/sha256.h"
#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_set.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/store/assessment_notice_stores_in_memory.h"
#include "services/assessment/store/partner_store_in_memory.h"

namespace cs::assessment {
namespace {

using ::cs::common::Principal;
using ::cs::common::Role;
using ::cs::common::testing::FieldsOf;
using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

const Principal kCenter{"center-1", Role::kCsCenter, ""};
const Principal kOffice{"office-1", Role::kOffice, ""};
const Principal kStaff{"bb-staff", Role::kUnitStaff, "broadband"};
const Principal kManager{"bb-manager", Role::kUnitManager, "broadband"};
const Principal kPortalManager{"portal-manager", Role::kUnitManager, "portal"};
const Principal kPortalStaff{"portal-staff", Role::kUnitStaff, "portal"};
const Principal kDesk{"desk", Role::kDesignatedUnit, "service-desk"};

RequestKey Key(const std::string& id, const std::string& body = "body") {
  return {id, common::Sha256Hex(body)};
}

common::UnitInfo Unit(const std::string& id, const std::string& name, bool designated = false,
                      bool cs_center = false) {
  common::UnitInfo unit;
  unit.id = id;
  unit.name = name;
  unit.designated = designated;
  unit.cs_center = cs_center;
  return unit;
}

class RecordingObserver final : public NoticeObserver {
 public:
  void NoticeIssued(absl::string_view unit_id) override {
    absl::MutexLock lock(&mutex);
    issued.push_back(std::string(unit_id));
  }
  void NoticeDeemedReceived(absl::string_view unit_id) override {
    absl::MutexLock lock(&mutex);
    deemed.push_back(std::string(unit_id));
  }
  void NoticeReplied(absl::string_view unit_id, bool late, absl::Duration working_time) override {
    absl::MutexLock lock(&mutex);
    replies.push_back(
        absl::StrCat(unit_id, late ? " late " : " on_time ", absl::FormatDuration(working_time)));
  }
  void NoticeVerified(absl::string_view unit_id, bool passed) override {
    absl::MutexLock lock(&mutex);
    verified.push_back(absl::StrCat(unit_id, passed ? " passed" : " failed"));
  }
  void MaintenanceFiled(absl::string_view unit_id, MaintenanceFilingOutcome outcome) override {
    absl::MutexLock lock(&mutex);
    const char* name = outcome == MaintenanceFilingOutcome::kOnTime ? " on_time"
                       : outcome == MaintenanceFilingOutcome::kLate ? " late"
                                                                    : " emergency";
    filings.push_back(absl::StrCat(unit_id, name));
  }
  void LaunchFinding(absl::string_view unit_id) override {
    absl::MutexLock lock(&mutex);
    launch_findings.push_back(std::string(unit_id));
  }
  void Snapshot(const NoticeSnapshot& s) override {
    absl::MutexLock lock(&mutex);
    snapshot = s;
    ++snapshots;
  }

  absl::Mutex mutex;
  std::vector<std::string> issued;
  std::vector<std::string> deemed;
  std::vector<std::string> replies;
  std::vector<std::string> verified;
  std::vector<std::string> filings;
  std::vector<std::string> launch_findings;
  NoticeSnapshot snapshot;
  int snapshots = 0;
};

const OpenNoticeCount* CountOf(const NoticeSnapshot& snapshot, const std::string& unit) {
  for (const OpenNoticeCount& count : snapshot.open_notices) {
    if (count.unit_id == unit) return &count;
  }
  return nullptr;
}

class NoticeCoreTest : public ::testing::Test {
 protected:
  NoticeCoreTest()
      : units_(*common::UnitDirectory::Create(
            {Unit("cs-center", "客服中心", false, true), Unit("service-desk", "客服前台", true),
             Unit("broadband", "宽带业务中心"), Unit("portal", "信息港子公司")},
            {"中国电信上海公司", "China Telecom Shanghai", "dispatch@telecom.example.cn",
             "10000"})),
        calendars_(
            *common::CalendarSet::Create({common::testing::Cn2026CalendarData()}, "cn-2026.1")),
        clock_(ShanghaiTime(2026, 3, 2, 9, 0)) {
    core_ = std::make_unique<NoticeCore>(stores_.stores(), partners_, units_, calendars_,
                                         NoticeSettings{}, clock_, observer_);
  }

  RequestKey NextKey() { return Key(absl::StrCat("req-", next_++)); }

  static NoticeDraft Draft(const std::string& unit = "broadband") {
    NoticeDraft draft;
    draft.unit_id = unit;
    draft.finding = "网站留言未在规定时限内答复";
    draft.clause = "A2 7.5";
    draft.evidence = "3 月 1 日抽查 20 条留言，4 条超过 24 小时未答复";
    return draft;
  }

  // Issues a notice to `unit` at the clock's time; its id.
  int64_t Issue(const std::string& unit = "broadband") {
    absl::StatusOr<RectificationNotice> issued =
        core_->IssueRectificationNotice(kCenter, Draft(unit), NextKey());
    EXPECT_THAT(issued, IsOk());
    return issued.ok() ? issued->id : 0;
  }

  // Issues a notice and has the unit acknowledge it at the clock's time.
  int64_t IssueAndReceive() {
    const int64_t id = Issue();
    EXPECT_OK(core_->AcknowledgeNotice(kStaff, id, NextKey()));
    return id;
  }

  int64_t RegisterPartner(const std::string& unit, const std::string& name) {
    PartnerForm form;
    form.unit_id = unit;
    form.name = name;
    form.kind = PartnerKind::kAgent;
    form.service_standard = "按电信服务标准执行";
    form.meets_company_standard = true;
    absl::StatusOr<Partner> partner =
        cs::assessment::RegisterPartner(form, "bb-staff", clock_.Now());
    EXPECT_THAT(partner, IsOk());
    absl::StatusOr<PartnerResult> stored = partners_.Register(*partner, NextKey());
    EXPECT_THAT(stored, IsOk());
    return stored.ok() ? stored->partner.id : 0;
  }

  // Foreseeable work of `unit` starting at `starts`, its users told at `told`; filed now.
  static MaintenanceForm Work(absl::Time starts, absl::Time told,
                              const std::string& unit = "broadband") {
    MaintenanceForm form;
    form.unit_id = unit;
    form.kind = MaintenanceKind::kNetworkUpgrade;
    form.description = "核心路由器软件升级";
    form.starts_at = starts;
    form.ends_at = starts + absl::Hours(4);
    form.affected_users = "浦东新区 ADSL 用户";
    form.affected_user_count = 1200;
    form.windows_told = {"10000"};
    form.users_notified_at = told;
    return form;
  }

  LaunchReviewForm Change(const std::string& unit = "broadband", bool training = false) {
    LaunchReviewForm form;
    form.unit_id = unit;
    form.change = "宽带自助报障页面改版";
    form.planned_launch_at = clock_.Now() + absl::Hours(72);
    form.window_training_needed = training;
    return form;
  }

  InMemoryAssessmentNoticeStores stores_;
  InMemoryPartnerStore partners_;
  common::UnitDirectory units_;
  common::CalendarHolder calendars_;
  common::ManualClock clock_;
  RecordingObserver observer_;
  std::unique_ptr<NoticeCore> core_;
  int next_ = 1;
};

TEST(NoticeSettingsTest, DefaultsAreTheSeedsAndEveryBadSettingIsNamed) {
  EXPECT_OK(ValidateNoticeSettings(NoticeSettings{}));
  NoticeSettings settings;
  settings.rectification = {common::PeriodUnit::kWorkingDays, 0};
  settings.planned_work_notice = {common::PeriodUnit::kWorkingHours, 72};
  settings.receipt_grace = absl::Seconds(90);
  settings.reopen_period = {common::PeriodUnit::kWorkingDays, -1};
  EXPECT_THAT(
      FieldsOf(ValidateNoticeSettings(settings)),
      ElementsAre("rectification", "planned_work_notice", "receipt_grace", "reopen_period"));
  settings = NoticeSettings{};
  settings.receipt_grace = absl::ZeroDuration();
  EXPECT_THAT(FieldsOf(ValidateNoticeSettings(settings)), ElementsAre("receipt_grace"));
}

// --- S1 -----------------------------------------------------------------------------------------

TEST_F(NoticeCoreTest, S1_ReplyDueFiveWorkingDaysOfReceiptAcrossHolidaysAndMakeUpDays) {
  struct Case {
    absl::Time received;
    absl::Time due;
  };
  // Worked by hand from the 2026 schedule (State Council notice of 2025-11-04; working hours
  // 09:00–12:00, 13:00–17:30). The day of receipt never counts; the 5th working day after it
  // closes at 17:30.
  const Case cases[] = {
      // Friday 09-25 afternoon, the last Friday before National Day (10-01…10-07 off, 7 days,
      // make-up Saturday 10-10; 09-25…09-27 is also Mid-Autumn): Mon 09-28 (1), Tue 09-29 (2),
      // Wed 09-30 (3), the 7 days off, Thu 10-08 (4), Fri 10-09 (5).
      {ShanghaiTime(2026, 9, 25, 15, 0), ShanghaiTime(2026, 10, 9, 17, 30)},
      // Monday 09-28 afternoon: Tue 09-29 (1), Wed 09-30 (2), Thu 10-08 (3), Fri 10-09 (4), and
      // the make-up Saturday 10-10 (5).
      {ShanghaiTime(2026, 9, 28, 15, 0), ShanghaiTime(2026, 10, 10, 17, 30)},
      // Friday 02-13 afternoon before Spring Festival (02-15…02-23 off): the make-up Saturday
      // 02-14 (1), Tue 02-24 (2), Wed 02-25 (3), Thu 02-26 (4), Fri 02-27 (5).
      {ShanghaiTime(2026, 2, 13, 15, 0), ShanghaiTime(2026, 2, 27, 17, 30)},
  };
  for (const Case& c : cases) {
    clock_.SetTime(c.received - absl::Hours(1));
    const int64_t id = Issue();
    clock_.SetTime(c.received);
    ASSERT_OK_AND_ASSIGN(RectificationNotice received,
                         core_->AcknowledgeNotice(kStaff, id, NextKey()));
    EXPECT_EQ(received.state, NoticeState::kReceived);
    EXPECT_EQ(received.received_at, c.received);
    EXPECT_FALSE(received.deemed_received);
    ASSERT_TRUE(received.reply_due.has_value());
    EXPECT_EQ(received.reply_due->at, c.due) << absl::FormatTime(c.received);
    EXPECT_EQ(received.reply_due->calendar_version, "cn-2026.1");
    EXPECT_FALSE(received.reply_due->provisional);
  }
}

TEST_F(NoticeCoreTest, S1_OnlyTheCsCenterIssuesAndOnlyToAKnownUnit) {
  for (const Principal& who : {kStaff, kManager, kOffice, kDesk}) {
    EXPECT_THAT(core_->IssueRectificationNotice(who, Draft(), NextKey()),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << who.user;
  }
  absl::Status unknown =
      core_->IssueRectificationNotice(kCenter, Draft("ghost"), NextKey()).status();
  EXPECT_THAT(unknown, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ghost")));
  EXPECT_THAT(FieldsOf(unknown), ElementsAre("unit_id"));
  // The CS center issues notices; it receives none. The designated unit is assessed like any unit.
  absl::Status center =
      core_->IssueRectificationNotice(kCenter, Draft("cs-center"), NextKey()).status();
  EXPECT_THAT(center, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("CS center")));
  EXPECT_THAT(FieldsOf(center), ElementsAre("unit_id"));
  NoticeDraft bad = Draft();
  bad.finding = "";
  bad.clause = "article 5";
  EXPECT_THAT(FieldsOf(core_->IssueRectificationNotice(kCenter, bad, NextKey()).status()),
              ElementsAre("finding", "clause"));
  EXPECT_THAT(observer_.issued, IsEmpty());

  ASSERT_OK_AND_ASSIGN(RectificationNotice issued,
                       core_->IssueRectificationNotice(kCenter, Draft(), NextKey()));
  EXPECT_EQ(issued.state, NoticeState::kIssued);
  EXPECT_EQ(issued.issued_by, "center-1");
  EXPECT_EQ(issued.issued_at, clock_.Now());
  EXPECT_FALSE(issued.reply_due.has_value());
  EXPECT_THAT(observer_.issued, ElementsAre("broadband"));
  EXPECT_OK(core_->IssueRectificationNotice(kCenter, Draft("service-desk"), NextKey()).status());
}

TEST_F(NoticeCoreTest, S7_ANoticeMayNameOnlyAPartnerOfItsUnit) {
  const int64_t own = RegisterPartner("broadband", "浦东宽带代理商");
  const int64_t other = RegisterPartner("portal", "门户外包商");
  NoticeDraft draft = Draft();
  draft.partner_id = 999;
  EXPECT_THAT(FieldsOf(core_->IssueRectificationNotice(kCenter, draft, NextKey()).status()),
              ElementsAre("partner_id"));
  draft.partner_id = other;
  absl::Status foreign = core_->IssueRectificationNotice(kCenter, draft, NextKey()).status();
  EXPECT_THAT(foreign, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("portal")));
  EXPECT_THAT(FieldsOf(foreign), ElementsAre("partner_id"));

  draft.partner_id = own;
  ASSERT_OK_AND_ASSIGN(RectificationNotice issued,
                       core_->IssueRectificationNotice(kCenter, draft, NextKey()));
  EXPECT_EQ(issued.partner_id, own);
  ASSERT_OK_AND_ASSIGN(std::string form, core_->RenderRectificationNotice(kManager, issued.id));
  EXPECT_THAT(form, HasSubstr("整改措施单"));
  EXPECT_THAT(form, HasSubstr("被整改单位 Unit: 宽带业务中心"));
  EXPECT_THAT(form, HasSubstr(absl::StrCat("浦东宽带代理商 (PA-", own, ")")));
  EXPECT_THAT(form, HasSubstr("依据条款 Clause: A2 7.5"));
  EXPECT_THAT(form, HasSubstr("签发时间 Issued at: 2026-03-02 09:00"));
  EXPECT_THAT(core_->RenderRectificationNotice(kPortalStaff, issued.id),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(NoticeCoreTest, S1_OnlyTheUnitsManagerRepliesAndAnyoneElseLeavesTheNoticeUnchanged) {
  const int64_t id = IssueAndReceive();
  ASSERT_OK_AND_ASSIGN(RectificationNotice before, core_->GetRectificationNotice(kCenter, id));
  const Principal unsigned_manager{"", Role::kUnitManager, "broadband"};
  const Principal blank_manager{"  ", Role::kUnitManager, "broadband"};
  for (const Principal& who :
       {kStaff, kPortalManager, kCenter, kDesk, unsigned_manager, blank_manager}) {
    EXPECT_THAT(core_->ReplyToNotice(who, id, "已安排专人每日答复", NextKey()),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << "'" << who.user << "'";
  }
  ASSERT_OK_AND_ASSIGN(RectificationNotice after, core_->GetRectificationNotice(kCenter, id));
  EXPECT_EQ(after, before);
  EXPECT_THAT(observer_.replies, IsEmpty());

  clock_.Advance(absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(RectificationNotice replied,
                       core_->ReplyToNotice(kManager, id, "已安排专人每日答复", NextKey()));
  EXPECT_EQ(replied.state, NoticeState::kReplied);
  ASSERT_THAT(replied.replies, SizeIs(1));
  EXPECT_EQ(replied.replies[0].signed_by, "bb-manager");
  EXPECT_FALSE(replied.replies[0].late);
  // Received Mon 03-02 09:00, replied 10:00: one working hour.
  EXPECT_THAT(observer_.replies, ElementsAre("broadband on_time 1h"));
}

TEST_F(NoticeCoreTest, S1_ALateReplyIsCountedLate) {
  const int64_t id = IssueAndReceive();  // Mon 03-02 09:00; due Mon 03-09 17:30
  ASSERT_OK_AND_ASSIGN(RectificationNotice notice, core_->GetRectificationNotice(kOffice, id));
  EXPECT_EQ(notice.reply_due->at, ShanghaiTime(2026, 3, 9, 17, 30));
  clock_.SetTime(ShanghaiTime(2026, 3, 10, 9, 0));
  ASSERT_OK_AND_ASSIGN(RectificationNotice replied,
                       core_->ReplyToNotice(kManager, id, "已整改", NextKey()));
  EXPECT_TRUE(replied.replies[0].late);
  EXPECT_EQ(replied.replies[0].due, ShanghaiTime(2026, 3, 9, 17, 30));
  // Six working days of 7.5 hours from Mon 09:00 to the next Tue 09:00.
  EXPECT_THAT(observer_.replies, ElementsAre("broadband late 45h"));
}

TEST_F(NoticeCoreTest, S1_AFailedVerificationReopensWithTheNewDeadline) {
  const int64_t id = IssueAndReceive();
  clock_.Advance(absl::Hours(2));
  ASSERT_OK(core_->ReplyToNotice(kManager, id, "已安排专人每日答复", NextKey()));
  for (const Principal& who : {kManager, kStaff, kOffice}) {
    EXPECT_THAT(core_->VerifyRectification(who, id, false, "仍有超时", NextKey()),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
  EXPECT_THAT(FieldsOf(core_->VerifyRectification(kCenter, id, false, "", NextKey()).status()),
              ElementsAre("note"));

  // Verified Thu 03-05 10:00: 5 working days after it is Thu 03-12, closing 17:30.
  clock_.SetTime(ShanghaiTime(2026, 3, 5, 10, 0));
  ASSERT_OK_AND_ASSIGN(
      RectificationNotice reopened,
      core_->VerifyRectification(kCenter, id, false, "抽查仍有 2 条超时", NextKey()));
  EXPECT_EQ(reopened.state, NoticeState::kReopened);
  ASSERT_TRUE(reopened.reply_due.has_value());
  EXPECT_EQ(reopened.reply_due->at, ShanghaiTime(2026, 3, 12, 17, 30));
  ASSERT_THAT(reopened.verifications, SizeIs(1));
  EXPECT_FALSE(reopened.verifications[0].passed);
  EXPECT_THAT(observer_.verified, ElementsAre("broadband failed"));

  // The second reply's working time runs from the reopening: Thu 10:00 to Thu 15:00 is 4 h.
  clock_.SetTime(ShanghaiTime(2026, 3, 5, 15, 0));
  ASSERT_OK_AND_ASSIGN(RectificationNotice again,
                       core_->ReplyToNotice(kManager, id, "增设值班岗", NextKey()));
  EXPECT_EQ(again.state, NoticeState::kReplied);
  EXPECT_EQ(again.replies[1].due, ShanghaiTime(2026, 3, 12, 17, 30));
  EXPECT_THAT(observer_.replies, ElementsAre("broadband on_time 2h", "broadband on_time 4h"));
  ASSERT_OK_AND_ASSIGN(RectificationNotice closed,
                       core_->VerifyRectification(kCenter, id, true, "", NextKey()));
  EXPECT_EQ(closed.state, NoticeState::kVerifiedPassed);
  EXPECT_THAT(observer_.verified, ElementsAre("broadband failed", "broadband passed"));
  EXPECT_THAT(core_->ReplyToNotice(kManager, id, "再次回复", NextKey()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(NoticeCoreTest, S1_AnUnacknowledgedNoticeIsDeemedReceivedAfterTheGraceAndNotBefore) {
  const absl::Time issued_at = clock_.Now();  // Mon 03-02 09:00
  const int64_t id = Issue();
  clock_.SetTime(issued_at + absl::Hours(24) - absl::Minutes(1));
  ASSERT_OK(core_->Sweep());
  ASSERT_OK_AND_ASSIGN(RectificationNotice waiting, core_->GetRectificationNotice(kCenter, id));
  EXPECT_EQ(waiting.state, NoticeState::kIssued);
  EXPECT_THAT(observer_.deemed, IsEmpty());
  EXPECT_EQ(observer_.snapshot.awaiting_receipt, 1);

  // Swept late (Wed): received at the end of the grace (Tue 09:00), not when the sweep ran, so
  // the reply is due 5 working days after Tue 03-03: Tue 03-10 17:30.
  clock_.SetTime(issued_at + absl::Hours(48));
  ASSERT_OK(core_->Sweep());
  ASSERT_OK_AND_ASSIGN(RectificationNotice deemed, core_->GetRectificationNotice(kCenter, id));
  EXPECT_EQ(deemed.state, NoticeState::kReceived);
  EXPECT_TRUE(deemed.deemed_received);
  EXPECT_EQ(deemed.received_at, issued_at + absl::Hours(24));
  EXPECT_EQ(deemed.received_by, kServiceActor);
  EXPECT_EQ(deemed.reply_due->at, ShanghaiTime(2026, 3, 10, 17, 30));
  EXPECT_THAT(observer_.deemed, ElementsAre("broadband"));
  EXPECT_EQ(observer_.snapshot.awaiting_receipt, 0);

  ASSERT_OK(core_->Sweep());
  EXPECT_THAT(observer_.deemed, ElementsAre("broadband"));
  EXPECT_THAT(core_->AcknowledgeNotice(kStaff, id, NextKey()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(NoticeCoreTest, S1_TheGraceEndsExactlyOnTime) {
  const absl::Time issued_at = clock_.Now();
  const int64_t id = Issue();
  clock_.SetTime(issued_at + absl::Hours(24));
  ASSERT_OK(core_->Sweep());
  ASSERT_OK_AND_ASSIGN(RectificationNotice deemed, core_->GetRectificationNotice(kCenter, id));
  EXPECT_TRUE(deemed.deemed_received);
}

TEST_F(NoticeCoreTest, S1_OnlyTheUnitsOwnStaffAcknowledge) {
  const int64_t id = Issue();
  for (const Principal& who : {kPortalStaff, kCenter, kDesk, kOffice}) {
    EXPECT_THAT(core_->AcknowledgeNotice(who, id, NextKey()),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << who.user;
  }
  EXPECT_THAT(core_->AcknowledgeNotice(kStaff, 999, NextKey()),
              StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(RectificationNotice received,
                       core_->AcknowledgeNotice(kManager, id, NextKey()));
  EXPECT_EQ(received.received_by, "bb-manager");
}

TEST_F(NoticeCoreTest, S1_AReplayedRequestDoesNotCountTwice) {
  const RequestKey issue = Key("issue-1", "draft");
  ASSERT_OK_AND_ASSIGN(RectificationNotice first,
                       core_->IssueRectificationNotice(kCenter, Draft(), issue));
  clock_.Advance(absl::Minutes(5));
  ASSERT_OK_AND_ASSIGN(RectificationNotice again,
                       core_->IssueRectificationNotice(kCenter, Draft(), issue));
  EXPECT_EQ(again.id, first.id);
  EXPECT_THAT(observer_.issued, ElementsAre("broadband"));
  EXPECT_THAT(core_->IssueRectificationNotice(kCenter, Draft("portal"), Key("issue-1", "other")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(core_->IssueRectificationNotice(kCenter, Draft(), Key("")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));

  ASSERT_OK(core_->AcknowledgeNotice(kStaff, first.id, NextKey()));
  const RequestKey reply = Key("reply-1", "measures");
  ASSERT_OK(core_->ReplyToNotice(kManager, first.id, "已整改", reply));
  ASSERT_OK_AND_ASSIGN(RectificationNotice replayed,
                       core_->ReplyToNotice(kManager, first.id, "已整改", reply));
  EXPECT_THAT(replayed.replies, SizeIs(1));
  EXPECT_THAT(observer_.replies, SizeIs(1));
  const RequestKey verify = Key("verify-1", "failed");
  ASSERT_OK(core_->VerifyRectification(kCenter, first.id, false, "仍有问题", verify));
  ASSERT_OK(core_->VerifyRectification(kCenter, first.id, false, "仍有问题", verify));
  EXPECT_THAT(observer_.verified, ElementsAre("broadband failed"));
}

TEST_F(NoticeCoreTest, S1_ListsAreScopedToTheCallersUnitAndFilterOverdue) {
  const int64_t overdue = IssueAndReceive();  // due Mon 03-09 17:30
  Issue("portal");
  const int64_t waiting = Issue();
  clock_.SetTime(ShanghaiTime(2026, 3, 10, 9, 0));

  ASSERT_OK_AND_ASSIGN(NoticePage all, core_->ListRectificationNotices(kOffice, {}, 0, 10));
  EXPECT_THAT(all.notices, SizeIs(3));
  ASSERT_OK_AND_ASSIGN(NoticePage own, core_->ListRectificationNotices(kStaff, {}, 0, 10));
  ASSERT_THAT(own.notices, SizeIs(2));
  EXPECT_EQ(own.notices[0].id, overdue);
  EXPECT_EQ(own.notices[1].id, waiting);
  ASSERT_OK_AND_ASSIGN(NoticePage first, core_->ListRectificationNotices(kStaff, {}, 0, 1));
  ASSERT_THAT(first.notices, SizeIs(1));
  ASSERT_OK_AND_ASSIGN(NoticePage second,
                       core_->ListRectificationNotices(kStaff, {}, first.next_after_id, 1));
  ASSERT_THAT(second.notices, SizeIs(1));
  EXPECT_EQ(second.notices[0].id, waiting);

  NoticeQuery late;
  late.overdue_only = true;
  ASSERT_OK_AND_ASSIGN(NoticePage overdue_page,
                       core_->ListRectificationNotices(kCenter, late, 0, 10));
  ASSERT_THAT(overdue_page.notices, SizeIs(1));
  EXPECT_EQ(overdue_page.notices[0].id, overdue);
  NoticeQuery issued;
  issued.state = NoticeState::kIssued;
  issued.unit_id = "broadband";
  ASSERT_OK_AND_ASSIGN(NoticePage issued_page,
                       core_->ListRectificationNotices(kCenter, issued, 0, 10));
  ASSERT_THAT(issued_page.notices, SizeIs(1));
  EXPECT_EQ(issued_page.notices[0].id, waiting);

  NoticeQuery portal;
  portal.unit_id = "portal";
  EXPECT_THAT(core_->ListRectificationNotices(kStaff, portal, 0, 10),
              StatusIs(absl::StatusCode::kPermissionDenied));
  NoticeQuery ghost;
  ghost.unit_id = "ghost";
  absl::Status unknown = core_->ListRectificationNotices(kCenter, ghost, 0, 10).status();
  EXPECT_THAT(FieldsOf(unknown), ElementsAre("unit_id"));
  EXPECT_THAT(core_->GetRectificationNotice(kPortalStaff, overdue),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(
      core_->GetRectificationNotice(Principal{"arch", Role::kArchivist, "broadband"}, overdue),
      StatusIs(absl::StatusCode::kPermissionDenied));
}

// --- S2 -----------------------------------------------------------------------------------------

TEST_F(NoticeCoreTest, S2_SeventyTwoHoursMinusOneMinuteIsLateAndSeventyTwoHoursIsNot) {
  const absl::Time told = clock_.Now();
  ASSERT_OK_AND_ASSIGN(
      MaintenanceRecord on_time,
      core_->FileMaintenanceNotice(kStaff, Work(told + absl::Hours(72), told), NextKey()));
  EXPECT_FALSE(on_time.notice.late);
  EXPECT_FALSE(on_time.notice.late_finding.has_value());
  EXPECT_EQ(on_time.notice.notice_lead, absl::Hours(72));
  ASSERT_OK_AND_ASSIGN(
      MaintenanceRecord late,
      core_->FileMaintenanceNotice(kStaff, Work(told + absl::Hours(72) - absl::Minutes(1), told),
                                   NextKey()));
  EXPECT_TRUE(late.notice.late);
  ASSERT_TRUE(late.notice.late_finding.has_value());
  EXPECT_EQ(late.notice.late_finding->source_id, absl::StrCat("MN-", late.notice.id));
  EXPECT_THAT(observer_.filings, ElementsAre("broadband on_time", "broadband late"));

  MaintenanceFilter late_only;
  late_only.late_only = true;
  ASSERT_OK_AND_ASSIGN(MaintenancePage listed,
                       core_->ListMaintenanceNotices(kOffice, late_only, 0, 10));
  ASSERT_THAT(listed.records, SizeIs(1));
  EXPECT_EQ(listed.records[0].notice.id, late.notice.id);
}

TEST_F(NoticeCoreTest, S2_EmergencyWorkIsNeverLate) {
  const absl::Time told = clock_.Now();
  MaintenanceForm form = Work(told + absl::Minutes(30), told);
  form.emergency = true;
  form.emergency_reason = "光缆被挖断";
  ASSERT_OK_AND_ASSIGN(MaintenanceRecord filed,
                       core_->FileMaintenanceNotice(kManager, form, NextKey()));
  EXPECT_FALSE(filed.notice.late);
  EXPECT_THAT(observer_.filings, ElementsAre("broadband emergency"));
  EXPECT_THAT(
      core_->RaiseNoticeFromFinding(kCenter, absl::StrCat("MN-", filed.notice.id), NextKey()),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("source_id")));
}

TEST_F(NoticeCoreTest, S2_OnlyTheCsCenterRecordsTheSuperiorsApprovalOfWorkOnImportantUsers) {
  const absl::Time told = clock_.Now();
  MaintenanceForm form = Work(told + absl::Hours(96), told);
  form.important_users_affected = true;
  ASSERT_OK_AND_ASSIGN(MaintenanceRecord filed,
                       core_->FileMaintenanceNotice(kStaff, form, NextKey()));
  EXPECT_THAT(CheckMayStart(filed.notice, form.starts_at),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  SuperiorApprovalInput approval;
  approval.reference = "沪电信〔2026〕12 号";
  for (const Principal& who : {kStaff, kManager, kOffice, kDesk, kPortalManager}) {
    EXPECT_THAT(core_->RecordSuperiorApproval(who, filed.notice.id, approval, NextKey()),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << who.user;
  }
  ASSERT_OK(core_->Sweep());
  EXPECT_EQ(observer_.snapshot.maintenance_awaiting_approval, 1);

  ASSERT_OK_AND_ASSIGN(
      MaintenanceRecord approved,
      core_->RecordSuperiorApproval(kCenter, filed.notice.id, approval, NextKey()));
  ASSERT_TRUE(approved.notice.approval.has_value());
  EXPECT_EQ(approved.notice.approval->recorded_by, "center-1");
  EXPECT_EQ(approved.notice.approval->approved_by, kSuperiorAuthority);
  EXPECT_EQ(approved.notice.approval->approved_at, clock_.Now());
  EXPECT_OK(CheckMayStart(approved.notice, form.starts_at));
  ASSERT_OK(core_->Sweep());
  EXPECT_EQ(observer_.snapshot.maintenance_awaiting_approval, 0);
  EXPECT_THAT(core_->RecordSuperiorApproval(kCenter, filed.notice.id, approval, NextKey()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(NoticeCoreTest, S2_AMaintenanceNoticeNamesAKnownUnitAndKnownWindows) {
  const absl::Time told = clock_.Now();
  MaintenanceForm form = Work(told + absl::Hours(80), told, "");
  form.windows_told = {"10000", "service-desk", "楼下营业厅"};
  absl::Status unknown_window = core_->FileMaintenanceNotice(kStaff, form, NextKey()).status();
  EXPECT_THAT(unknown_window, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(unknown_window), ElementsAre("notice.windows_told[2]"));
  form.windows_told = {"中国电信上海公司", "service-desk"};
  ASSERT_OK_AND_ASSIGN(MaintenanceRecord filed,
                       core_->FileMaintenanceNotice(kStaff, form, NextKey()));
  EXPECT_EQ(filed.notice.form.unit_id, "broadband");

  const Principal ghost_staff{"g", Role::kUnitStaff, "ghost"};
  MaintenanceForm ghost = Work(told + absl::Hours(80), told, "ghost");
  ghost.ends_at = ghost.starts_at - absl::Hours(1);
  EXPECT_THAT(FieldsOf(core_->FileMaintenanceNotice(ghost_staff, ghost, NextKey()).status()),
              ElementsAre("notice.ends_at", "notice.unit_id"));
  EXPECT_THAT(
      core_->FileMaintenanceNotice(kPortalStaff, Work(told + absl::Hours(80), told), NextKey()),
      StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_->FileMaintenanceNotice(kCenter, Work(told + absl::Hours(80), told), NextKey()),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(NoticeCoreTest, S2_ALateFilingsFindingIsRaisedAsANoticeOnce) {
  const absl::Time told = clock_.Now();
  ASSERT_OK_AND_ASSIGN(
      MaintenanceRecord late,
      core_->FileMaintenanceNotice(kStaff, Work(told + absl::Hours(24), told), NextKey()));
  const std::string source = absl::StrCat("MN-", late.notice.id);
  for (const Principal& who : {kStaff, kManager, kOffice}) {
    EXPECT_THAT(core_->RaiseNoticeFromFinding(who, source, NextKey()),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
  const RequestKey raise = Key("raise-1", source);
  ASSERT_OK_AND_ASSIGN(RectificationNotice notice,
                       core_->RaiseNoticeFromFinding(kCenter, source, raise));
  EXPECT_EQ(notice.unit_id, "broadband");
  EXPECT_EQ(notice.source_id, source);
  EXPECT_EQ(notice.clause, "M 7.6");
  EXPECT_EQ(notice.state, NoticeState::kIssued);
  ASSERT_OK_AND_ASSIGN(MaintenancePage listed, core_->ListMaintenanceNotices(kCenter, {}, 0, 10));
  ASSERT_THAT(listed.records, SizeIs(1));
  EXPECT_EQ(listed.records[0].raised_notice_id, notice.id);
  EXPECT_EQ(listed.records[0].notice.history.back().event, "NOTICE_RAISED");

  ASSERT_OK_AND_ASSIGN(RectificationNotice replayed,
                       core_->RaiseNoticeFromFinding(kCenter, source, raise));
  EXPECT_EQ(replayed.id, notice.id);
  EXPECT_THAT(
      core_->RaiseNoticeFromFinding(kCenter, source, NextKey()),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(absl::StrCat("RN-", notice.id))));
  EXPECT_THAT(observer_.issued, ElementsAre("broadband"));
  ASSERT_OK_AND_ASSIGN(NoticePage notices, core_->ListRectificationNotices(kCenter, {}, 0, 10));
  EXPECT_THAT(notices.notices, SizeIs(1));

  EXPECT_THAT(FieldsOf(core_->RaiseNoticeFromFinding(kCenter, "RN-1", NextKey()).status()),
              ElementsAre("source_id"));
  EXPECT_THAT(FieldsOf(core_->RaiseNoticeFromFinding(kCenter, "MN-x", NextKey()).status()),
              ElementsAre("source_id"));
  EXPECT_THAT(core_->RaiseNoticeFromFinding(kCenter, "MN-99", NextKey()),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(NoticeCoreTest, S2_WorkOnImportantUsersStartedWithoutApprovalIsAFindingToRaise) {
  const absl::Time told = clock_.Now();
  MaintenanceForm form = Work(told + absl::Hours(80), told);
  form.important_users_affected = true;
  ASSERT_OK_AND_ASSIGN(MaintenanceRecord filed,
                       core_->FileMaintenanceNotice(kStaff, form, NextKey()));
  const std::string source = absl::StrCat("MN-", filed.notice.id);
  EXPECT_THAT(core_->RaiseNoticeFromFinding(kCenter, source, NextKey()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  clock_.SetTime(form.starts_at + absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(RectificationNotice notice,
                       core_->RaiseNoticeFromFinding(kCenter, source, NextKey()));
  EXPECT_EQ(notice.clause, "M 7.6, 5.1.4");
  EXPECT_EQ(notice.source_id, source);
}

// --- S3 -----------------------------------------------------------------------------------------

TEST_F(NoticeCoreTest, S3_ALaunchWithoutAnAcceptedReviewIsAFinding) {
  ASSERT_OK_AND_ASSIGN(LaunchReview submitted,
                       core_->SubmitLaunchReview(kStaff, Change(""), NextKey()));
  EXPECT_EQ(submitted.unit_id, "broadband");
  EXPECT_EQ(submitted.state, LaunchReviewState::kSubmitted);
  clock_.Advance(absl::Hours(1));
  EXPECT_THAT(core_->RecordLaunch(kPortalStaff, submitted.id, absl::nullopt, NextKey()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  const RequestKey launch = Key("launch-1");
  ASSERT_OK_AND_ASSIGN(LaunchReview launched,
                       core_->RecordLaunch(kStaff, submitted.id, absl::nullopt, launch));
  EXPECT_EQ(launched.state, LaunchReviewState::kLaunched);
  EXPECT_EQ(launched.launched_at, clock_.Now());
  ASSERT_TRUE(launched.launch_finding.has_value());
  EXPECT_EQ(launched.launch_finding->clause, "M 7.7");
  ASSERT_OK(core_->RecordLaunch(kStaff, submitted.id, absl::nullopt, launch));
  EXPECT_THAT(observer_.launch_findings, ElementsAre("broadband"));

  const std::string source = absl::StrCat("LR-", submitted.id);
  const RequestKey raise = Key("raise-lr", source);
  ASSERT_OK_AND_ASSIGN(RectificationNotice notice,
                       core_->RaiseNoticeFromFinding(kCenter, source, raise));
  EXPECT_EQ(notice.source_id, source);
  EXPECT_EQ(notice.clause, "M 7.7");
  ASSERT_OK_AND_ASSIGN(RectificationNotice replayed,
                       core_->RaiseNoticeFromFinding(kCenter, source, raise));
  EXPECT_EQ(replayed.id, notice.id);
  EXPECT_THAT(core_->RaiseNoticeFromFinding(kCenter, source, NextKey()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(observer_.issued, ElementsAre("broadband"));
}

TEST_F(NoticeCoreTest, S3_AnAcceptedChangeLaunchedBeforeTheTrainingItNeedsIsAFinding) {
  ASSERT_OK_AND_ASSIGN(LaunchReview submitted,
                       core_->SubmitLaunchReview(kManager, Change(), NextKey()));
  for (const Principal& who : {kStaff, kManager, kOffice}) {
    EXPECT_THAT(core_->AcceptLaunchReview(who, submitted.id, true, "", NextKey()),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
  ASSERT_OK_AND_ASSIGN(
      LaunchReview accepted,
      core_->AcceptLaunchReview(kCenter, submitted.id, true, "需培训 10000 号", NextKey()));
  EXPECT_EQ(accepted.state, LaunchReviewState::kAccepted);
  EXPECT_EQ(accepted.accepted_by, "center-1");
  EXPECT_TRUE(accepted.window_training_needed);
  clock_.Advance(absl::Hours(2));
  ASSERT_OK_AND_ASSIGN(LaunchReview launched,
                       core_->RecordLaunch(kStaff, submitted.id, absl::nullopt, NextKey()));
  ASSERT_TRUE(launched.launch_finding.has_value());
  EXPECT_THAT(launched.launch_finding->finding, HasSubstr("培训"));
  EXPECT_THAT(observer_.launch_findings, ElementsAre("broadband"));
}

TEST_F(NoticeCoreTest, S3_AnAcceptedAndTrainedLaunchIsNoFinding) {
  ASSERT_OK_AND_ASSIGN(LaunchReview submitted,
                       core_->SubmitLaunchReview(kStaff, Change("broadband", true), NextKey()));
  ASSERT_OK(core_->AcceptLaunchReview(kCenter, submitted.id, absl::nullopt, "", NextKey()));
  EXPECT_THAT(core_->RecordWindowTraining(kStaff, submitted.id, absl::nullopt, NextKey()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  clock_.Advance(absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(LaunchReview trained, core_->RecordWindowTraining(kCenter, submitted.id,
                                                                         absl::nullopt, NextKey()));
  EXPECT_EQ(trained.window_training_done_at, clock_.Now());
  clock_.Advance(absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(LaunchReview launched,
                       core_->RecordLaunch(kManager, submitted.id, absl::nullopt, NextKey()));
  EXPECT_FALSE(launched.launch_finding.has_value());
  EXPECT_THAT(observer_.launch_findings, IsEmpty());
  EXPECT_THAT(core_->RaiseNoticeFromFinding(kCenter, absl::StrCat("LR-", submitted.id), NextKey()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(NoticeCoreTest, S3_AReviewNamesAKnownUnit) {
  const Principal ghost_staff{"g", Role::kUnitStaff, "ghost"};
  LaunchReviewForm form = Change("ghost");
  form.change = "";
  EXPECT_THAT(FieldsOf(core_->SubmitLaunchReview(ghost_staff, form, NextKey()).status()),
              ElementsAre("review.change", "review.unit_id"));
  EXPECT_THAT(core_->SubmitLaunchReview(kCenter, Change(), NextKey()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_->SubmitLaunchReview(kStaff, Change("portal"), NextKey()),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

// --- Sweep --------------------------------------------------------------------------------------

TEST_F(NoticeCoreTest, S1_TheSnapshotCountsOpenNoticesByUnitAndWhetherOverdue) {
  const absl::Time t0 = clock_.Now();         // Mon 03-02 09:00
  const int64_t overdue = IssueAndReceive();  // due Mon 03-09 17:30
  const int64_t replied = IssueAndReceive();
  ASSERT_OK(core_->ReplyToNotice(kManager, replied, "已整改", NextKey()));
  const int64_t closed = IssueAndReceive();
  ASSERT_OK(core_->ReplyToNotice(kManager, closed, "已整改", NextKey()));
  ASSERT_OK(core_->VerifyRectification(kCenter, closed, true, "", NextKey()));
  Issue("portal");
  (void)overdue;

  clock_.SetTime(ShanghaiTime(2026, 3, 10, 9, 0));
  Issue("portal");  // just issued: within its grace
  ASSERT_OK(core_->Sweep());
  EXPECT_EQ(observer_.snapshots, 1);
  const NoticeSnapshot& s = observer_.snapshot;
  ASSERT_THAT(s.open_notices, SizeIs(4));
  EXPECT_EQ(s.open_notices[0].unit_id, "cs-center");
  EXPECT_EQ(s.open_notices[0].overdue + s.open_notices[0].not_overdue, 0);
  const OpenNoticeCount* broadband = CountOf(s, "broadband");
  ASSERT_NE(broadband, nullptr);
  EXPECT_EQ(broadband->overdue, 1);
  EXPECT_EQ(broadband->not_overdue, 1);  // the REPLIED one
  const OpenNoticeCount* portal = CountOf(s, "portal");
  ASSERT_NE(portal, nullptr);
  // The first portal notice was deemed received at 03-03 09:00, due 03-10 17:30: not overdue.
  EXPECT_EQ(portal->overdue, 0);
  EXPECT_EQ(portal->not_overdue, 2);
  EXPECT_EQ(s.awaiting_receipt, 1);
  EXPECT_EQ(s.oldest_overdue_notice,
            ShanghaiTime(2026, 3, 10, 9, 0) - ShanghaiTime(2026, 3, 9, 17, 30));
  EXPECT_THAT(observer_.deemed, ElementsAre("portal"));
  (void)t0;
}

}  // namespace
}  // namespace cs::assessment

// The hotline registry's use cases against the in-memory stores, a ManualClock and the official
// 2026 calendar: who may do what (roles and unit scope), idempotency by request_id, changes that
// take effect at their time, the sweep, call-record ingest in batches, reports and their due day,
// rosters and phrase scores — named after SPEC H1–H8.
#include "services/hotline-registry/core/hotline_core.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/hotline-registry/domain/hotline_lifecycle.h"
#include "services/hotline-registry/store/hotline_store_test_support.h"
#include "services/hotline-registry/store/in_memory_call_record_store.h"
#include "services/hotline-registry/store/in_memory_hotline_store.h"
#include "services/hotline-registry/store/in_memory_report_store.h"
#include "services/hotline-registry/store/in_memory_staff_store.h"

namespace cs::hotline {
namespace {

using ::cs::common::Principal;
using ::cs::common::Role;
using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::cs::hotline::testing::Key;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

const Principal kStaff{"bb-staff", Role::kUnitStaff, "broadband"};
const Principal kManager{"bb-manager", Role::kUnitManager, "broadband"};
const Principal kPortalStaff{"portal-staff", Role::kUnitStaff, "portal"};
const Principal kPortalManager{"portal-manager", Role::kUnitManager, "portal"};
const Principal kCenter{"center", Role::kCsCenter, ""};
const Principal kOffice{"office", Role::kOffice, ""};
const Principal kPhoneSystem{"svc-phone", Role::kService, ""};
const Principal kDesk{"desk", Role::kDesignatedUnit, "service-desk"};

constexpr absl::string_view kGreeting =
    "您好，这里是上海电信公司宽带业务部门，工号1024号，请问您需要什么帮助吗？";
constexpr absl::string_view kCannotHear = "对不起，我听不到您的回应，请重新拨打，谢谢。";

common::UnitInfo Unit(const std::string& id, const std::string& name, bool designated = false,
                      bool cs_center = false) {
  common::UnitInfo unit;
  unit.id = id;
  unit.name = name;
  unit.designated = designated;
  unit.cs_center = cs_center;
  return unit;
}

class RecordingObserver final : public HotlineObserver {
 public:
  void CallRecordsIngested(int64_t stored, int64_t duplicates, int64_t rejected) override {
    absl::MutexLock lock(&mutex_);
    calls["stored"] += stored;
    calls["duplicate"] += duplicates;
    calls["rejected"] += rejected;
    ++batches;
  }
  void RosterRefused(absl::string_view unit_id) override {
    absl::MutexLock lock(&mutex_);
    refused.emplace_back(unit_id);
  }
  void ReportDeadline(absl::string_view unit_id, bool met) override {
    absl::MutexLock lock(&mutex_);
    deadlines.push_back(absl::StrCat(unit_id, met ? " met" : " missed"));
  }
  void Snapshot(const RegistrySnapshot& s) override {
    absl::MutexLock lock(&mutex_);
    snapshot = s;
    ++snapshots;
  }

  absl::Mutex mutex_;
  std::map<std::string, int64_t> calls;
  int batches = 0;
  std::vector<std::string> refused;
  std::vector<std::string> deadlines;
  RegistrySnapshot snapshot;
  int snapshots = 0;
};

Turn Agent(double at, absl::string_view text) { return {Speaker::kAgent, at, std::string(text)}; }
Turn Caller(double at, absl::string_view text) { return {Speaker::kCaller, at, std::string(text)}; }

std::vector<Turn> ExemplaryTurns() {
  return {Agent(1, kGreeting),
          Caller(5, "你好，我家宽带从昨天开始上不了网。"),
          Agent(10, "请稍候，我帮您查查。"),
          Agent(101, "对不起，让您久等了。您所在小区的线路正在抢修，预计今晚八点前恢复。"),
          Caller(120, "好的。另外我建议你们抢修前能先发个短信通知用户。"),
          Agent(125, "谢谢您的建议，我们会尽快向上级部门反映。请问还有其他问题吗？"),
          Caller(130, "没有了，谢谢。"),
          Agent(132, "谢谢您的来电！再见。")};
}

std::vector<CallEvent> ExemplaryEvents() {
  return {{CallEventKind::kAnswered, 0},
          {CallEventKind::kHold, 40},
          {CallEventKind::kResume, 100},
          {CallEventKind::kEnded, 140}};
}

class HotlineCoreTest : public ::testing::Test {
 protected:
  HotlineCoreTest()
      : hotlines_(HotlineDueAt),
        units_(*common::UnitDirectory::Create(
            {Unit("cs-center", "客服中心", false, true), Unit("service-desk", "客服前台", true),
             Unit("broadband", "宽带业务中心"), Unit("portal", "门户网站中心")},
            {})),
        calendars_(
            *common::CalendarSet::Create({common::testing::Cn2026CalendarData()}, "cn-2026.1")),
        clock_(ShanghaiTime(2026, 3, 2, 9, 0)) {
    core_ = std::make_unique<HotlineCore>(HotlineStores{hotlines_, calls_, staff_, reports_},
                                          units_, calendars_, Settings(), clock_, observer_);
  }

  static HotlineSettings Settings() {
    HotlineSettings settings;
    settings.phrases.suggestion_keywords = {"建议", "意见", "批评", "投诉"};
    settings.ingest_batch_size = 64;
    return settings;
  }

  RegistrationForm Form(const std::string& unit = "broadband",
                        const std::string& number = "021-5888 1234") {
    RegistrationForm form = testing::Registered(unit, number).registration;
    form.filed_at = absl::UnixEpoch();
    return form;
  }

  // A hotline of `unit` registered by its staff, signed by its manager and approved.
  int64_t ActiveHotline(const std::string& unit = "broadband",
                        const std::string& number = "021-5888 1234") {
    const Principal staff{"staff", Role::kUnitStaff, unit};
    const Principal manager{"manager", Role::kUnitManager, unit};
    absl::StatusOr<Hotline> filed =
        core_->RegisterHotline(staff, Form(unit, number), Key(absl::StrCat("reg-", next_++)));
    EXPECT_THAT(filed, IsOk());
    if (!filed.ok()) return 0;
    EXPECT_THAT(core_->SignForm(manager, filed->id, FormKind::kRegistration, ""), IsOk());
    EXPECT_THAT(core_->DecideRegistration(kCenter, filed->id, true, ""), IsOk());
    return filed->id;
  }

  ChangeForm NumberChange(absl::Time change_at, absl::Time ends_at,
                          const std::string& new_number = "021-6000 0000") {
    ChangeForm form;
    form.change_at = change_at;
    form.item = ChangeItem::kNumberChange;
    form.reason = "号段调整";
    form.handler = "王五";
    form.new_number = new_number;
    form.transition_kind = TransitionKind::kAutomaticTransfer;
    form.transition_ends_at = ends_at;
    return form;
  }

  // Files, signs and approves a change.
  absl::StatusOr<Hotline> ApprovedChange(int64_t id, ChangeForm form) {
    absl::StatusOr<Hotline> filed =
        core_->FileChange(kStaff, id, std::move(form), Key(absl::StrCat("chg-", next_++)));
    if (!filed.ok()) return filed.status();
    const std::string change_id = filed->changes.back().change_id;
    absl::StatusOr<Hotline> signed_form =
        core_->SignForm(kManager, id, FormKind::kChange, change_id);
    if (!signed_form.ok()) return signed_form.status();
    return core_->DecideChange(kCenter, id, change_id, true, "");
  }

  IncomingCallRecord Record(int64_t hotline_id, const std::string& call_id, absl::Time offered,
                            bool answered = true) {
    return {testing::Call(hotline_id, call_id, offered, answered), {}};
  }

  // Ingests `records` as one stream.
  absl::StatusOr<IngestSummary> Ingest(const Principal& caller,
                                       std::vector<IncomingCallRecord> records) {
    absl::StatusOr<std::unique_ptr<CallIngest>> ingest = core_->StartIngest(caller);
    if (!ingest.ok()) return ingest.status();
    for (IncomingCallRecord& record : records) {
      if (absl::Status added = (*ingest)->Add(std::move(record)); !added.ok()) return added;
    }
    return (*ingest)->Finish();
  }

  // `offered` calls in April 2026 within the office hours, `answered` of them answered.
  void IngestApril(int64_t hotline_id, int offered, int answered) {
    std::vector<IncomingCallRecord> records;
    for (int i = 0; i < offered; ++i) {
      records.push_back(Record(hotline_id, absl::StrCat("apr-", i),
                               ShanghaiTime(2026, 4, 1, 10, 0) + absl::Seconds(5 * i),
                               i < answered));
    }
    absl::StatusOr<IngestSummary> summary = Ingest(kPhoneSystem, std::move(records));
    ASSERT_THAT(summary, IsOk());
    EXPECT_EQ(summary->stored, offered);
    EXPECT_EQ(summary->rejected_count, 0);
  }

  InMemoryHotlineStore hotlines_;
  InMemoryCallRecordStore calls_;
  InMemoryStaffStore staff_;
  InMemoryReportStore reports_;
  common::UnitDirectory units_;
  common::CalendarHolder calendars_;
  common::ManualClock clock_;
  RecordingObserver observer_;
  std::unique_ptr<HotlineCore> core_;
  int next_ = 1;
};

// --- H1
// -------------------------------------------------------------------------------------------

TEST_F(HotlineCoreTest, H1_OnlyTheUnitsManagerSignsAndOnlyTheCsCenterApproves) {
  ASSERT_OK_AND_ASSIGN(Hotline filed, core_->RegisterHotline(kStaff, Form(), Key("reg-1")));
  EXPECT_EQ(filed.state, HotlineState::kPendingSignature);
  EXPECT_EQ(filed.unit_id, "broadband");
  EXPECT_EQ(filed.registration.filed_at, clock_.Now());

  // Idempotent by request_id; another body under the same id is refused.
  ASSERT_OK_AND_ASSIGN(Hotline again, core_->RegisterHotline(kStaff, Form(), Key("reg-1")));
  EXPECT_EQ(again.id, filed.id);
  EXPECT_THAT(core_->RegisterHotline(kStaff, Form(), Key("reg-1", "another body")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));

  EXPECT_THAT(core_->SignForm(kStaff, filed.id, FormKind::kRegistration, ""),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_->SignForm(kPortalManager, filed.id, FormKind::kRegistration, ""),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("portal")));
  EXPECT_THAT(core_->DecideRegistration(kCenter, filed.id, true, ""),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("PENDING_SIGNATURE")));
  ASSERT_OK_AND_ASSIGN(Hotline signed_form,
                       core_->SignForm(kManager, filed.id, FormKind::kRegistration, ""));
  EXPECT_EQ(signed_form.state, HotlineState::kPendingApproval);
  EXPECT_EQ(signed_form.registration.manager_signature->signed_by, "bb-manager");

  for (const Principal& who : {kStaff, kManager, kOffice, kPhoneSystem}) {
    EXPECT_THAT(core_->DecideRegistration(who, filed.id, true, ""),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << who.user;
  }
  EXPECT_THAT(core_->DecideRegistration(kCenter, filed.id, false, ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  ASSERT_OK_AND_ASSIGN(Hotline approved, core_->DecideRegistration(kCenter, filed.id, true, ""));
  EXPECT_EQ(approved.state, HotlineState::kActive);
  std::vector<std::string> events;
  for (const HistoryEntry& entry : approved.history) events.push_back(entry.event);
  EXPECT_THAT(events, ElementsAre("FILED", "SIGNED", "APPROVED"));
}

TEST_F(HotlineCoreTest, H1_AUnitFilesForItselfOnlyAndEveryBadFieldIsNamed) {
  EXPECT_THAT(core_->RegisterHotline(kPortalStaff, Form("broadband"), Key("r1")),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_->RegisterHotline(kCenter, Form("broadband"), Key("r2")),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_->RegisterHotline(kStaff, Form(), Key("")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));

  RegistrationForm form = Form();
  form.unit_id.clear();  // the caller's unit
  form.number = "not a number";
  form.contact_b.person = form.contact_a.person;
  form.handler.clear();
  const absl::Status bad = core_->RegisterHotline(kStaff, form, Key("r3")).status();
  EXPECT_THAT(bad, StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(bad)) fields.push_back(v.field);
  EXPECT_THAT(fields, UnorderedElementsAre("form.number", "form.contact_b.person", "form.handler"));

  // The caller's unit must be one the directory knows.
  const Principal stranger{"x", Role::kUnitStaff, "nowhere"};
  EXPECT_THAT(core_->RegisterHotline(stranger, Form("nowhere"), Key("r4")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("form.unit_id")));
}

TEST_F(HotlineCoreTest, H1_ReadersSeeEveryUnitOrTheirOwn) {
  const int64_t broadband = ActiveHotline("broadband", "021-5888 1234");
  const int64_t portal = ActiveHotline("portal", "021-5888 9999");
  EXPECT_THAT(core_->GetHotline(kPortalStaff, broadband),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_->GetHotline(kOffice, broadband), IsOk());
  EXPECT_THAT(core_->GetHotline(kPhoneSystem, portal), IsOk());
  EXPECT_THAT(core_->GetHotline(kDesk, portal), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_->GetHotline(kCenter, 999), StatusIs(absl::StatusCode::kNotFound));

  ASSERT_OK_AND_ASSIGN(HotlinePage own, core_->ListHotlines(kPortalStaff, {}, 0, 10));
  ASSERT_THAT(own.hotlines, SizeIs(1));
  EXPECT_EQ(own.hotlines[0].id, portal);
  HotlineFilter other;
  other.unit_id = "broadband";
  EXPECT_THAT(core_->ListHotlines(kPortalStaff, other, 0, 10),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(HotlinePage all, core_->ListHotlines(kCenter, {}, 0, 10));
  EXPECT_THAT(all.hotlines, SizeIs(2));
  other.unit_id = "nowhere";
  EXPECT_THAT(core_->ListHotlines(kCenter, other, 0, 10),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
}

// --- H2
// -------------------------------------------------------------------------------------------

TEST_F(HotlineCoreTest, H2_AnApprovalAfterTheChangeTimeIsRefusedAndTheChangeLapses) {
  const int64_t id = ActiveHotline();
  ChangeForm form;
  form.change_at = ShanghaiTime(2026, 3, 4, 9, 0);
  form.item = ChangeItem::kOther;
  form.reason = "更换受理系统";
  form.handler = "王五";
  ASSERT_OK_AND_ASSIGN(Hotline filed, core_->FileChange(kStaff, id, form, Key("c1")));
  const std::string change_id = filed.changes.back().change_id;
  EXPECT_EQ(change_id, "CH-1");
  ASSERT_THAT(core_->SignForm(kManager, id, FormKind::kChange, change_id), IsOk());
  EXPECT_THAT(core_->DecideChange(kManager, id, change_id, true, ""),
              StatusIs(absl::StatusCode::kPermissionDenied));

  clock_.SetTime(ShanghaiTime(2026, 3, 4, 9, 30));
  EXPECT_THAT(core_->DecideChange(kCenter, id, change_id, true, ""),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("too late"), HasSubstr("A2 7.2"))));
  ASSERT_OK_AND_ASSIGN(Hotline read, core_->GetHotline(kCenter, id));
  EXPECT_EQ(read.changes.back().state, ChangeState::kLapsed);
  EXPECT_EQ(read.history.back().event, "CHANGE_LAPSED");
}

TEST_F(HotlineCoreTest, H2_AnApprovedChangeTakesEffectAtItsChangeTimeNotBefore) {
  const int64_t id = ActiveHotline();
  ChangeForm form;
  form.change_at = ShanghaiTime(2026, 3, 9, 0, 0);
  form.item = ChangeItem::kServiceHours;
  form.reason = "改为全天服务";
  form.handler = "王五";
  ServiceHours around;
  around.around_the_clock = true;
  form.service_hours = around;
  ASSERT_OK_AND_ASSIGN(Hotline approved, ApprovedChange(id, form));
  EXPECT_EQ(approved.changes.back().state, ChangeState::kApproved);
  EXPECT_FALSE(approved.service_hours.around_the_clock);

  // A second change of the same item may not be filed beside the open one.
  form.change_at = ShanghaiTime(2026, 3, 10, 0, 0);
  EXPECT_THAT(core_->FileChange(kStaff, id, form, Key("c2")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  // Nor by another unit.
  EXPECT_THAT(core_->FileChange(kPortalStaff, id, form, Key("c3")),
              StatusIs(absl::StatusCode::kPermissionDenied));

  clock_.SetTime(ShanghaiTime(2026, 3, 9, 0, 0));
  // No sweep has run: reading the hotline applies what is due.
  ASSERT_OK_AND_ASSIGN(Hotline read, core_->GetHotline(kStaff, id));
  EXPECT_TRUE(read.service_hours.around_the_clock);
  EXPECT_EQ(read.changes.back().state, ChangeState::kApplied);
  EXPECT_EQ(HoursAt(read, ShanghaiTime(2026, 3, 8, 23, 0)), testing::OfficeHours());
  EXPECT_TRUE(HoursAt(read, ShanghaiTime(2026, 3, 9, 1, 0)).around_the_clock);
}

TEST_F(HotlineCoreTest, H2_AChangeToAHotlineNotActiveIsRefused) {
  ASSERT_OK_AND_ASSIGN(Hotline filed, core_->RegisterHotline(kStaff, Form(), Key("reg")));
  ChangeForm form;
  form.change_at = ShanghaiTime(2026, 3, 9, 0, 0);
  form.item = ChangeItem::kCancellation;
  form.reason = "停止服务";
  form.handler = "王五";
  EXPECT_THAT(core_->FileChange(kStaff, filed.id, form, Key("c1")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("PENDING_SIGNATURE")));
}

// --- H3
// -------------------------------------------------------------------------------------------

TEST_F(HotlineCoreTest, H3_ThreeMonthsMinusADayIsRefusedAndExactlyThreeMonthsAccepted) {
  const int64_t id = ActiveHotline();
  // 31 May + 3 months = 31 Aug (24:00 of the corresponding day).
  const absl::Time change_at = ShanghaiTime(2026, 5, 31, 10, 0);
  const absl::Time end_of_aug_31 = ShanghaiTime(2026, 9, 1, 0, 0);
  const absl::Status short_plan =
      core_
          ->FileChange(kStaff, id, NumberChange(change_at, end_of_aug_31 - absl::Hours(24)),
                       Key("c1"))
          .status();
  EXPECT_THAT(short_plan, StatusIs(absl::StatusCode::kInvalidArgument,
                                   HasSubstr("earliest allowed end is 2026-09-01 00:00")));
  ASSERT_THAT(common::ViolationsOf(short_plan), SizeIs(1));
  EXPECT_EQ(common::ViolationsOf(short_plan)[0].field, "form.transition_ends_at");
  ASSERT_THAT(ApprovedChange(id, NumberChange(change_at, end_of_aug_31)), IsOk());

  // Before the change time nothing is in transition; after it the old number is, until its end.
  ASSERT_OK_AND_ASSIGN(std::vector<ListedTransition> none,
                       core_->ListNumberTransitions(kStaff, "", absl::nullopt));
  EXPECT_THAT(none, IsEmpty());
  clock_.SetTime(ShanghaiTime(2026, 6, 1, 9, 0));
  ASSERT_THAT(core_->Sweep(), IsOk());
  ASSERT_OK_AND_ASSIGN(std::vector<ListedTransition> running,
                       core_->ListNumberTransitions(kStaff, "", absl::nullopt));
  ASSERT_THAT(running, SizeIs(1));
  EXPECT_EQ(running[0].transition.old_number, "021-5888 1234");
  EXPECT_EQ(running[0].transition.ends_at, end_of_aug_31);
  EXPECT_EQ(observer_.snapshot.transitions_active, 1);
  ASSERT_THAT(observer_.snapshot.transitions, SizeIs(1));
  EXPECT_EQ(observer_.snapshot.transitions[0].remaining,
            end_of_aug_31 - ShanghaiTime(2026, 6, 1, 9, 0));
  EXPECT_THAT(core_->ListNumberTransitions(kPortalStaff, "broadband", absl::nullopt),
              StatusIs(absl::StatusCode::kPermissionDenied));

  // The sweep records the end once.
  ASSERT_OK_AND_ASSIGN(Hotline current, core_->GetHotline(kStaff, id));
  EXPECT_EQ(current.number, "021-6000 0000");
  EXPECT_EQ(HotlineDueAt(current), end_of_aug_31);
  clock_.SetTime(end_of_aug_31 + absl::Minutes(1));
  ASSERT_THAT(core_->Sweep(), IsOk());
  ASSERT_THAT(core_->Sweep(), IsOk());
  ASSERT_OK_AND_ASSIGN(Hotline ended, core_->GetHotline(kStaff, id));
  int ends = 0;
  for (const HistoryEntry& entry : ended.history) ends += entry.event == "TRANSITION_ENDED";
  EXPECT_EQ(ends, 1);
  EXPECT_EQ(HotlineDueAt(ended), absl::nullopt);
  EXPECT_EQ(observer_.snapshot.transitions_active, 0);
}

TEST_F(HotlineCoreTest, H3_ThirtiethOfNovemberEndsAtTheEndOfFebruary) {
  const int64_t id = ActiveHotline();
  const absl::Time change_at = ShanghaiTime(2026, 11, 30, 10, 0);
  const absl::Time end_of_feb_28 = ShanghaiTime(2027, 3, 1, 0, 0);
  EXPECT_THAT(core_->FileChange(
                  kStaff, id, NumberChange(change_at, end_of_feb_28 - absl::Hours(24)), Key("c1")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("2027-03-01 00:00")));
  EXPECT_THAT(core_->FileChange(kStaff, id, NumberChange(change_at, end_of_feb_28), Key("c2")),
              IsOk());
}

// --- H4
// -------------------------------------------------------------------------------------------

TEST_F(HotlineCoreTest, H4_ANoticeChangesEveryHotlineItNamesAtItsChangeTime) {
  const int64_t a = ActiveHotline("broadband", "021-5888 1234");
  const int64_t b = ActiveHotline("portal", "021-5888 9999");
  Notice notice;
  notice.title = "互联网部〔2026〕3号 关于热线号码统一调整的通知";
  notice.item = ChangeItem::kNumberChange;
  notice.change_at = ShanghaiTime(2026, 4, 1, 0, 0);
  for (const auto& [id, number] : {std::pair<int64_t, std::string>{a, "021-6100 0001"},
                                   std::pair<int64_t, std::string>{b, "021-6100 0002"}}) {
    NoticeTarget target;
    target.hotline_id = id;
    target.new_number = number;
    target.transition_kind = TransitionKind::kVoicePrompt;
    target.transition_ends_at = ShanghaiTime(2026, 7, 2, 0, 0);
    notice.targets.push_back(target);
  }
  EXPECT_THAT(core_->IssueNotice(kManager, notice, Key("n1")),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(NoticeResult issued, core_->IssueNotice(kCenter, notice, Key("n1")));
  EXPECT_EQ(issued.notice.notice_id, "NT-1");
  EXPECT_EQ(issued.notice.issued_by, "center");
  ASSERT_THAT(issued.hotlines, SizeIs(2));
  for (const Hotline& hotline : issued.hotlines) {
    EXPECT_EQ(hotline.history.back().event, "NOTICE");
    EXPECT_EQ(hotline.changes.back().state, ChangeState::kApproved);
  }
  ASSERT_OK_AND_ASSIGN(NoticeResult replay, core_->IssueNotice(kCenter, notice, Key("n1")));
  EXPECT_TRUE(replay.replayed);

  clock_.SetTime(ShanghaiTime(2026, 4, 1, 8, 0));
  ASSERT_THAT(core_->Sweep(), IsOk());
  ASSERT_OK_AND_ASSIGN(Hotline after_a, core_->GetHotline(kCenter, a));
  ASSERT_OK_AND_ASSIGN(Hotline after_b, core_->GetHotline(kCenter, b));
  EXPECT_EQ(after_a.number, "021-6100 0001");
  EXPECT_EQ(after_b.number, "021-6100 0002");
  ASSERT_OK_AND_ASSIGN(std::vector<ListedTransition> transitions,
                       core_->ListNumberTransitions(kOffice, "", absl::nullopt));
  EXPECT_THAT(transitions, SizeIs(2));

  // A transition shorter than 3 months is refused for a notice too.
  notice.change_at = ShanghaiTime(2026, 5, 1, 0, 0);
  notice.targets[0].new_number = "021-6200 0001";
  notice.targets[1].new_number = "021-6200 0002";
  EXPECT_THAT(core_->IssueNotice(kCenter, notice, Key("n2")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("notice.targets[0].transition_ends_at")));
}

// --- H5 / H6
// --------------------------------------------------------------------------------------

TEST_F(HotlineCoreTest, H5_CallsOutsideThePublishedHoursAreReportedApartAndNotInTheRate) {
  const int64_t id = ActiveHotline();
  clock_.SetTime(ShanghaiTime(2026, 5, 4, 10, 0));
  std::vector<IncomingCallRecord> records = {
      Record(id, "in-1", ShanghaiTime(2026, 4, 1, 10, 0), true),
      Record(id, "in-2", ShanghaiTime(2026, 4, 1, 12, 59, 59), true),  // lunch break: outside
      Record(id, "out-1", ShanghaiTime(2026, 4, 4, 10, 0), false),     // Saturday
      Record(id, "out-2", ShanghaiTime(2026, 4, 6, 10, 0), false),     // Qingming, closed
      Record(id, "in-3", ShanghaiTime(2026, 4, 7, 17, 29, 59), false),
  };
  ASSERT_OK_AND_ASSIGN(IngestSummary summary, Ingest(kStaff, std::move(records)));
  EXPECT_EQ(summary.stored, 5);
  ASSERT_OK_AND_ASSIGN(OperatingReport report, core_->GetOperatingReport(kStaff, id, "2026-04"));
  EXPECT_EQ(report.calls.offered, 2);
  EXPECT_EQ(report.calls.answered, 1);
  EXPECT_EQ(report.calls.offered_outside_hours, 3);
  EXPECT_EQ(report.calls.answered_outside_hours, 1);
  EXPECT_DOUBLE_EQ(report.connection_rate_percent, 50);
  EXPECT_TRUE(report.below_target);
}

TEST_F(HotlineCoreTest, H6_ARateOfExactly80PercentPassesAnd799Of1000IsFlagged) {
  const int64_t passes = ActiveHotline("broadband", "021-5888 1234");
  const int64_t flagged = ActiveHotline("broadband", "021-5888 4321");
  clock_.SetTime(ShanghaiTime(2026, 5, 4, 10, 0));
  ASSERT_NO_FATAL_FAILURE(IngestApril(passes, 1000, 800));
  ASSERT_NO_FATAL_FAILURE(IngestApril(flagged, 1000, 799));
  // Written in batches of 64: 16 per stream.
  EXPECT_EQ(observer_.batches, 32);
  EXPECT_EQ(observer_.calls["stored"], 2000);

  ASSERT_OK_AND_ASSIGN(OperatingReport ok, core_->GetOperatingReport(kCenter, passes, "2026-04"));
  EXPECT_DOUBLE_EQ(ok.connection_rate_percent, 80);
  EXPECT_FALSE(ok.below_target);
  EXPECT_DOUBLE_EQ(ok.target_percent, 80);
  ASSERT_OK_AND_ASSIGN(OperatingReport low, core_->GetOperatingReport(kCenter, flagged, "2026-04"));
  EXPECT_DOUBLE_EQ(low.connection_rate_percent, 79.9);
  EXPECT_TRUE(low.below_target);

  ASSERT_OK_AND_ASSIGN(MonthlyStatistics stats,
                       core_->GetMonthlyStatistics(kPhoneSystem, "broadband", "2026-04"));
  ASSERT_THAT(stats.hotlines, SizeIs(2));
  EXPECT_FALSE(stats.hotlines[0].report.below_target);
  EXPECT_TRUE(stats.hotlines[1].report.below_target);

  // The previous month's rates are on the gauges after a sweep.
  ASSERT_THAT(core_->Sweep(), IsOk());
  EXPECT_THAT(observer_.snapshot.rates,
              Contains(AllOf(Field(&HotlineRate::hotline_id, FormatHotlineId(flagged)),
                             Field(&HotlineRate::current_month, false),
                             Field(&HotlineRate::rate_percent, 79.9))));
}

TEST_F(HotlineCoreTest, H6_ABadRecordInTheMiddleIsRefusedWithItsIndexTheGoodOnesStored) {
  const int64_t id = ActiveHotline();
  const int64_t portal = ActiveHotline("portal", "021-5888 9999");
  clock_.SetTime(ShanghaiTime(2026, 5, 4, 10, 0));
  std::vector<IncomingCallRecord> records;
  for (int i = 0; i < 5; ++i) {
    records.push_back(Record(id, absl::StrCat("c-", i), ShanghaiTime(2026, 4, 1, 10, i)));
  }
  records[2].record.hotline_id = 999;  // unknown
  records[3].record.outcome = CallOutcome::kUnspecified;
  records[4].record.offered_at = ShanghaiTime(2026, 6, 1, 0, 0);          // in the future
  records.push_back(Record(id, "c-0", ShanghaiTime(2026, 4, 1, 10, 0)));  // a repeat
  records.push_back(Record(portal, "p-0", ShanghaiTime(2026, 4, 1, 10, 0)));
  IncomingCallRecord unparsed = Record(0, "c-9", ShanghaiTime(2026, 4, 1, 10, 0));
  unparsed.problems.push_back({"hotline_id", "must be HL-<n>"});
  records.push_back(std::move(unparsed));

  ASSERT_OK_AND_ASSIGN(IngestSummary summary, Ingest(kStaff, std::move(records)));
  EXPECT_EQ(summary.received, 8);
  EXPECT_EQ(summary.stored, 2);
  EXPECT_EQ(summary.duplicates, 1);
  EXPECT_EQ(summary.rejected_count, 5);
  ASSERT_THAT(summary.rejected, SizeIs(5));
  EXPECT_EQ(summary.rejected[0].index, 2);
  EXPECT_THAT(summary.rejected[0].problems, ElementsAre(HasSubstr("hotline_id: names no hotline")));
  EXPECT_EQ(summary.rejected[1].index, 3);
  EXPECT_THAT(summary.rejected[1].problems, ElementsAre(HasSubstr("outcome")));
  EXPECT_EQ(summary.rejected[2].index, 4);
  EXPECT_THAT(summary.rejected[2].problems, ElementsAre(HasSubstr("offered_at: is in the future")));
  EXPECT_EQ(summary.rejected[3].index, 6);
  EXPECT_THAT(summary.rejected[3].problems, ElementsAre(HasSubstr("PERMISSION_DENIED")));
  EXPECT_EQ(summary.rejected[4].index, 7);
  EXPECT_THAT(summary.rejected[4].problems, ElementsAre("hotline_id: must be HL-<n>"));
  EXPECT_EQ(observer_.calls["rejected"], 5);
  EXPECT_EQ(observer_.calls["duplicate"], 1);

  // Who may ingest at all.
  EXPECT_THAT(core_->StartIngest(kOffice), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_->StartIngest(kCenter), StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(HotlineCoreTest, H1_CallsOfAHotlineNotYetApprovedAreCountedForAssessment) {
  ASSERT_OK_AND_ASSIGN(Hotline pending, core_->RegisterHotline(kStaff, Form(), Key("reg")));
  clock_.SetTime(ShanghaiTime(2026, 3, 20, 10, 0));
  ASSERT_OK_AND_ASSIGN(
      IngestSummary summary,
      Ingest(kPhoneSystem, {Record(pending.id, "x-1", ShanghaiTime(2026, 3, 18, 10, 0))}));
  EXPECT_EQ(summary.stored, 1);
  ASSERT_OK_AND_ASSIGN(StoredCall stored, calls_.Get(pending.id, "x-1"));
  EXPECT_FALSE(stored.hotline_active);
  ASSERT_OK_AND_ASSIGN(MonthlyStatistics stats,
                       core_->GetMonthlyStatistics(kOffice, "broadband", "2026-03"));
  EXPECT_EQ(stats.hotlines_active_without_approval, 1);
  EXPECT_THAT(stats.hotlines, IsEmpty());  // never ACTIVE in March
  EXPECT_THAT(core_->GetMonthlyStatistics(kPortalStaff, "broadband", "2026-03"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_->GetMonthlyStatistics(kOffice, "", "2026-03"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
  EXPECT_THAT(core_->GetMonthlyStatistics(kOffice, "broadband", "2026-3"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")));
}

TEST_F(HotlineCoreTest, H6_AReportSubmittedAfterItsDueWorkingDayIsCountedLate) {
  const int64_t late = ActiveHotline("broadband", "021-5888 1234");
  const int64_t on_time = ActiveHotline("broadband", "021-5888 4321");
  const int64_t never = ActiveHotline("portal", "021-5888 9999");
  ASSERT_OK_AND_ASSIGN(common::Deadline due,
                       ReportDue("2026-03", 5, common::testing::Cn2026Calendar()));
  // Not before the month is over.
  EXPECT_THAT(core_->SubmitOperatingReport(kStaff, late, "2026-03", "", Key("s0")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not over")));

  clock_.SetTime(ShanghaiTime(2026, 4, 1, 9, 0));
  ASSERT_THAT(core_->Sweep(), IsOk());  // the March reports are now expected
  ASSERT_OK_AND_ASSIGN(OperatingReport first,
                       core_->SubmitOperatingReport(kStaff, on_time, "2026-03", "正常", Key("s1")));
  EXPECT_TRUE(first.submission->on_time);
  EXPECT_FALSE(first.late);
  EXPECT_THAT(core_->SubmitOperatingReport(kPortalStaff, never, "2026-03", "", Key("s2")),
              IsOk());  // portal's own; counted met
  EXPECT_THAT(core_->SubmitOperatingReport(kPortalStaff, late, "2026-03", "", Key("s3")),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // Before the due time the unsubmitted report is neither on time nor late: not due yet.
  ASSERT_OK_AND_ASSIGN(MonthlyStatistics before_due,
                       core_->GetMonthlyStatistics(kCenter, "broadband", "2026-03"));
  ASSERT_THAT(before_due.hotlines, SizeIs(2));
  EXPECT_EQ(before_due.hotlines[0].hotline_id, late);
  EXPECT_FALSE(before_due.hotlines[0].report.submission.has_value());
  EXPECT_FALSE(before_due.hotlines[0].report.late);
  EXPECT_TRUE(before_due.hotlines[1].report.submission->on_time);
  EXPECT_FALSE(before_due.hotlines[1].report.late);

  clock_.SetTime(due.at + absl::Minutes(1));
  ASSERT_OK_AND_ASSIGN(OperatingReport submitted,
                       core_->SubmitOperatingReport(kManager, late, "2026-03", "晚了", Key("s4")));
  EXPECT_FALSE(submitted.submission->on_time);
  EXPECT_TRUE(submitted.late);
  EXPECT_EQ(submitted.due, due);
  ASSERT_OK_AND_ASSIGN(MonthlyStatistics after_due,
                       core_->GetMonthlyStatistics(kCenter, "broadband", "2026-03"));
  ASSERT_THAT(after_due.hotlines, SizeIs(2));
  EXPECT_TRUE(after_due.hotlines[0].report.late);
  EXPECT_FALSE(after_due.hotlines[1].report.late);
  // A replay counts nothing again; a second submission under another id is refused.
  ASSERT_THAT(core_->SubmitOperatingReport(kManager, late, "2026-03", "晚了", Key("s4")), IsOk());
  EXPECT_THAT(core_->SubmitOperatingReport(kManager, late, "2026-03", "again", Key("s5")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  // The sweep finds nothing else missed: every expected report was submitted.
  ASSERT_THAT(core_->Sweep(), IsOk());
  ASSERT_THAT(core_->Sweep(), IsOk());
  EXPECT_THAT(observer_.deadlines,
              UnorderedElementsAre("broadband met", "portal met", "broadband missed"));
}

TEST_F(HotlineCoreTest, H6_AReportNeverSubmittedIsCountedMissedOnceByTheSweep) {
  const int64_t id = ActiveHotline("portal", "021-5888 9999");
  ASSERT_OK_AND_ASSIGN(common::Deadline due,
                       ReportDue("2026-03", 5, common::testing::Cn2026Calendar()));
  clock_.SetTime(ShanghaiTime(2026, 4, 1, 9, 0));
  ASSERT_THAT(core_->Sweep(), IsOk());
  EXPECT_THAT(observer_.deadlines, IsEmpty());
  clock_.SetTime(due.at + absl::Seconds(1));
  ASSERT_THAT(core_->Sweep(), IsOk());
  ASSERT_THAT(core_->Sweep(), IsOk());
  EXPECT_THAT(observer_.deadlines, ElementsAre("portal missed"));
  ASSERT_OK_AND_ASSIGN(OperatingReport report, core_->GetOperatingReport(kCenter, id, "2026-03"));
  EXPECT_TRUE(report.late);
  // Submitted later: late, but not counted a second time.
  ASSERT_THAT(core_->SubmitOperatingReport(kPortalStaff, id, "2026-03", "", Key("s1")), IsOk());
  EXPECT_THAT(observer_.deadlines, ElementsAre("portal missed"));
}

// --- H7
// -------------------------------------------------------------------------------------------

TEST_F(HotlineCoreTest, H7_ARosterWithOneUntrainedMemberIsRefusedNamingThem) {
  const int64_t id = ActiveHotline();
  const std::vector<TrainingSubject> all = {TrainingSubject::kBusiness, TrainingSubject::kRules,
                                            TrainingSubject::kPhrases,
                                            TrainingSubject::kCommunication};
  ASSERT_THAT(core_->RegisterStaff(kStaff, testing::Staff("broadband", "1024", all), Key("st1")),
              IsOk());
  ASSERT_THAT(
      core_->RegisterStaff(kStaff,
                           testing::Staff("broadband", "2048",
                                          {TrainingSubject::kBusiness, TrainingSubject::kRules,
                                           TrainingSubject::kCommunication}),
                           Key("st2")),
      IsOk());
  EXPECT_THAT(core_->RegisterStaff(kPortalStaff, testing::Staff("broadband", "4096"), Key("st3")),
              StatusIs(absl::StatusCode::kPermissionDenied));

  DutyRoster roster;
  roster.hotline_id = id;
  roster.day = "2026-03-03";
  roster.shifts = {{"1024", ShanghaiTime(2026, 3, 3, 9, 0), ShanghaiTime(2026, 3, 3, 12, 0)},
                   {"2048", ShanghaiTime(2026, 3, 3, 13, 0), ShanghaiTime(2026, 3, 3, 17, 30)}};
  const absl::Status refused = core_->SetDutyRoster(kStaff, roster, "roster-1").status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition,
                                AllOf(HasSubstr("2048"), HasSubstr("服务用语"))));
  EXPECT_THAT(refused.message(), ::testing::Not(HasSubstr("1024 (")));
  // A retry of the same request is refused again but counted once.
  EXPECT_THAT(core_->SetDutyRoster(kStaff, roster, "roster-1"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(observer_.refused, ElementsAre("broadband"));
  EXPECT_THAT(core_->SetDutyRoster(kStaff, roster, ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(core_->SetDutyRoster(kPortalStaff, roster, "roster-2"),
              StatusIs(absl::StatusCode::kPermissionDenied));

  // Trained, the same roster is accepted.
  Training phrases{TrainingSubject::kPhrases, ShanghaiTime(2026, 3, 2, 8, 0), "培训中心"};
  ASSERT_OK_AND_ASSIGN(StaffMember trained,
                       core_->RecordTraining(kManager, "", "2048", phrases, Key("tr1")));
  EXPECT_TRUE(FullyTrained(trained));
  ASSERT_OK_AND_ASSIGN(DutyRoster set, core_->SetDutyRoster(kStaff, roster, "roster-3"));
  EXPECT_EQ(set.set_by, "bb-staff");
  EXPECT_THAT(set.shifts, SizeIs(2));

  ASSERT_OK_AND_ASSIGN(MonthlyStatistics stats, core_->GetMonthlyStatistics(kStaff, "", "2026-03"));
  EXPECT_EQ(stats.untrained_on_duty_refused, 1);
  ASSERT_OK_AND_ASSIGN(StaffPage page, core_->ListStaff(kStaff, "", "", 1));
  ASSERT_THAT(page.staff, SizeIs(1));
  EXPECT_EQ(page.next_after_staff_number, "1024");
  EXPECT_THAT(core_->ListStaff(kCenter, "", "", 10),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
  Training future{TrainingSubject::kRules, ShanghaiTime(2026, 12, 1, 0, 0), ""};
  EXPECT_THAT(core_->RecordTraining(kManager, "", "2048", future, Key("tr2")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("training.completed_on")));
}

// --- H8
// -------------------------------------------------------------------------------------------

TEST_F(HotlineCoreTest, H8_TranscriptsAreScoredAndTheMonthsPhraseUseReported) {
  const int64_t id = ActiveHotline();
  clock_.SetTime(ShanghaiTime(2026, 3, 10, 10, 0));
  ASSERT_OK_AND_ASSIGN(PhraseScore full, core_->ScoreCall(kPhoneSystem, id, "call-1", "1024",
                                                          ExemplaryTurns(), ExemplaryEvents()));
  EXPECT_DOUBLE_EQ(full.score_percent, 100);
  EXPECT_EQ(full.hotline_id, id);
  EXPECT_EQ(full.scored_at, clock_.Now());

  // A silent line with the greeting only twice.
  ASSERT_OK_AND_ASSIGN(
      PhraseScore silent,
      core_->ScoreCall(kPhoneSystem, id, "call-2", "1024",
                       {Agent(1, kGreeting), Agent(6, kGreeting), Agent(11, kCannotHear)},
                       {{CallEventKind::kAnswered, 0}, {CallEventKind::kNoCallerAudio, 3}}));
  EXPECT_THAT(silent.Missing(), ElementsAre(Situation::kSilentLine));

  // A call without the closing thanks; the agent taken from the call record.
  clock_.SetTime(ShanghaiTime(2026, 3, 10, 11, 0));
  IncomingCallRecord record = Record(id, "call-3", ShanghaiTime(2026, 3, 10, 10, 30));
  record.record.agent_staff_number = "1024";
  ASSERT_THAT(Ingest(kPhoneSystem, {record}), IsOk());
  std::vector<Turn> rude = ExemplaryTurns();
  rude.back().text = "再见。";
  ASSERT_OK_AND_ASSIGN(PhraseScore no_thanks,
                       core_->ScoreCall(kStaff, id, "call-3", "", rude, ExemplaryEvents()));
  EXPECT_THAT(no_thanks.Missing(), ElementsAre(Situation::kClosing));
  EXPECT_EQ(no_thanks.agent_staff_number, "1024");

  EXPECT_THAT(core_->ScoreCall(kPortalStaff, id, "call-4", "", rude, ExemplaryEvents()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  std::vector<Turn> bad = rude;
  bad[0].speaker = Speaker::kUnspecified;
  EXPECT_THAT(core_->ScoreCall(kStaff, id, "", "", bad, ExemplaryEvents()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("call_id"), HasSubstr("turns[0].speaker"))));

  // A2 7.9: a reviewer's mark, by the CS center or the unit's manager.
  EXPECT_THAT(core_->RecordMandarinReview(kStaff, id, "call-1", true, ""),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(PhraseScore reviewed,
                       core_->RecordMandarinReview(kManager, id, "call-1", true, "标准"));
  ASSERT_TRUE(reviewed.mandarin.has_value());
  EXPECT_EQ(reviewed.mandarin->reviewer, "bb-manager");
  EXPECT_THAT(core_->RecordMandarinReview(kCenter, id, "never-scored", false, ""),
              StatusIs(absl::StatusCode::kNotFound));

  // A2 7.10.1: one of three scored calls used every required phrase.
  clock_.SetTime(ShanghaiTime(2026, 4, 1, 9, 0));
  ASSERT_OK_AND_ASSIGN(OperatingReport report, core_->GetOperatingReport(kCenter, id, "2026-03"));
  EXPECT_EQ(report.calls_scored, 3);
  EXPECT_EQ(report.calls_using_every_phrase, 1);
  EXPECT_NEAR(report.phrase_use_percent, 100.0 / 3, 1e-9);
  ASSERT_OK_AND_ASSIGN(MonthlyStatistics stats,
                       core_->GetMonthlyStatistics(kCenter, "broadband", "2026-03"));
  ASSERT_THAT(stats.hotlines, SizeIs(1));
  EXPECT_EQ(stats.hotlines[0].report.calls_scored, 3);
  EXPECT_EQ(stats.hotlines[0].report.calls_using_every_phrase, 1);
}

// --- Forms and the sweep's picture
// ------------------------------------------------------------------

TEST_F(HotlineCoreTest, H1_H2_FormsAreRenderedWithTheUnitsName) {
  const int64_t id = ActiveHotline();
  ASSERT_OK_AND_ASSIGN(std::string f1, core_->RenderRegistrationForm(kOffice, id));
  EXPECT_THAT(f1, AllOf(HasSubstr("对外服务热线情况登记表"), HasSubstr("宽带业务中心"),
                        HasSubstr("二级经理签字 Manager's signature: manager")));
  ASSERT_THAT(ApprovedChange(
                  id, NumberChange(ShanghaiTime(2026, 4, 1, 0, 0), ShanghaiTime(2026, 7, 2, 0, 0))),
              IsOk());
  ASSERT_OK_AND_ASSIGN(std::string f2, core_->RenderChangeForm(kStaff, id, "CH-1"));
  EXPECT_THAT(f2, AllOf(HasSubstr("对外服务热线变更表"), HasSubstr("021-6000 0000")));
  EXPECT_THAT(core_->RenderChangeForm(kStaff, id, "CH-9"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(core_->RenderRegistrationForm(kPortalStaff, id),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(HotlineCoreTest, TheSweepReportsPendingApprovalsAndBelowTargetHotlinesForEveryUnit) {
  const int64_t active = ActiveHotline();
  ASSERT_OK_AND_ASSIGN(Hotline pending, core_->RegisterHotline(kStaff, Form(), Key("reg")));
  ASSERT_THAT(core_->SignForm(kManager, pending.id, FormKind::kRegistration, ""), IsOk());
  ChangeForm form;
  form.change_at = ShanghaiTime(2026, 4, 1, 0, 0);
  form.item = ChangeItem::kOther;
  form.reason = "调整";
  form.handler = "王五";
  ASSERT_THAT(core_->FileChange(kStaff, active, form, Key("c1")), IsOk());
  clock_.SetTime(ShanghaiTime(2026, 3, 2, 10, 0));
  ASSERT_THAT(core_->SignForm(kManager, active, FormKind::kChange, "CH-1"), IsOk());
  ASSERT_OK_AND_ASSIGN(
      IngestSummary summary,
      Ingest(kPhoneSystem, {Record(active, "m-1", ShanghaiTime(2026, 3, 2, 9, 30), false)}));
  ASSERT_EQ(summary.stored, 1);

  clock_.SetTime(ShanghaiTime(2026, 3, 2, 11, 0));
  ASSERT_THAT(core_->Sweep(), IsOk());
  const RegistrySnapshot& s = observer_.snapshot;
  EXPECT_EQ(s.registrations_pending, 1);
  EXPECT_EQ(s.changes_pending, 1);
  EXPECT_EQ(s.oldest_pending_approval, absl::Hours(2));  // the registration signed at 9:00
  EXPECT_THAT(s.below_target_by_unit,
              UnorderedElementsAre(Pair("cs-center", 0), Pair("service-desk", 0),
                                   Pair("broadband", 1), Pair("portal", 0)));
  EXPECT_THAT(s.rates, ElementsAre(AllOf(Field(&HotlineRate::hotline_id, FormatHotlineId(active)),
                                         Field(&HotlineRate::current_month, true),
                                         Field(&HotlineRate::rate_percent, 0))));
}

}  // namespace
}  // namespace cs::hotline

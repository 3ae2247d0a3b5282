// The channel registry's use cases against the in-memory stores, a ManualClock and the official
// 2026 calendar: who may do what (roles and unit scope), filing and its acknowledgement, findings
// and corrections, channels in use but not filed, faults and their repair limits per kind,
// publication checklists, the check schedule on the working-time calendar, capacity forecasts and
// the full box's fault, monthly reports and their due day, the sweep — named after SPEC C1–C7.
#include "services/channel-registry/core/channel_core.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "common/time/report_month.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/channel-registry/domain/check_schedule.h"
#include "services/channel-registry/store/channel_store_test_support.h"
#include "services/channel-registry/store/in_memory_channel_stores.h"

namespace cs::channel {
namespace {

using ::cs::channel::testing::Key;
using ::cs::common::Principal;
using ::cs::common::Role;
using ::cs::common::testing::FieldsOf;
using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::Contains;
using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::SizeIs;

const Principal kStaff{"张三", Role::kUnitStaff, "broadband"};
const Principal kManager{"bb-manager", Role::kUnitManager, "broadband"};
const Principal kPortalStaff{"portal-staff", Role::kUnitStaff, "portal"};
const Principal kCenter{"center", Role::kCsCenter, ""};
const Principal kOffice{"office", Role::kOffice, ""};
const Principal kMonitor{"svc-mail", Role::kService, ""};
const Principal kDesk{"desk", Role::kDesignatedUnit, "service-desk"};

common::UnitInfo Unit(const std::string& id, const std::string& name, bool designated = false,
                      bool cs_center = false) {
  common::UnitInfo unit;
  unit.id = id;
  unit.name = name;
  unit.designated = designated;
  unit.cs_center = cs_center;
  return unit;
}

class RecordingObserver final : public ChannelObserver {
 public:
  void FaultRepaired(absl::string_view unit_id, bool in_time) override {
    absl::MutexLock lock(&mutex_);
    repaired.push_back(absl::StrCat(unit_id, in_time ? " in_time" : " late"));
  }
  void CheckRecorded(absl::string_view unit_id) override {
    absl::MutexLock lock(&mutex_);
    ++checks[std::string(unit_id)];
  }
  void ReportDeadline(absl::string_view unit_id, bool met) override {
    absl::MutexLock lock(&mutex_);
    deadlines.push_back(absl::StrCat(unit_id, met ? " met" : " missed"));
  }
  void Snapshot(const ChannelSnapshot& s) override {
    absl::MutexLock lock(&mutex_);
    snapshot = s;
    ++snapshots;
  }

  absl::Mutex mutex_;
  std::vector<std::string> repaired;
  std::map<std::string, int64_t> checks;
  std::vector<std::string> deadlines;
  ChannelSnapshot snapshot;
  int snapshots = 0;
};

int64_t CountOf(const std::vector<UnitCount>& counts, const std::string& unit) {
  for (const auto& [id, count] : counts) {
    if (id == unit) return count;
  }
  return -1;
}

std::vector<std::string> Events(const OnlineChannel& channel) {
  std::vector<std::string> events;
  for (const HistoryEntry& entry : channel.history) events.push_back(entry.event);
  return events;
}

class ChannelCoreTest : public ::testing::Test {
 protected:
  ChannelCoreTest()
      : units_(*common::UnitDirectory::Create(
            {Unit("cs-center", "客服中心", false, true), Unit("service-desk", "客服前台", true),
             Unit("broadband", "宽带业务中心"), Unit("portal", "门户网站中心")},
            {})),
        calendars_(
            *common::CalendarSet::Create({common::testing::Cn2026CalendarData()}, "cn-2026.1")),
        clock_(ShanghaiTime(2026, 3, 2, 9, 0)) {
    core_ = std::make_unique<ChannelCore>(stores_.stores(), units_, calendars_, Settings(), clock_,
                                          observer_);
  }

  static ChannelSettings Settings() {
    ChannelSettings settings;
    settings.fault_repair = {{ChannelKind::kEmail, {common::PeriodUnit::kWallHours, 24}},
                             {ChannelKind::kWebForm, {common::PeriodUnit::kWorkingHours, 4}},
                             {ChannelKind::kGuestbook, {common::PeriodUnit::kWorkingDays, 2}}};
    settings.monthly_report_due_working_day = 5;
    return settings;
  }

  FilingForm Form(const std::string& unit = "broadband",
                  const std::string& address = "webmaster@broadband.example.cn") {
    FilingForm form = testing::Form(unit, address);
    form.filed_at = absl::UnixEpoch();
    return form;
  }

  RequestKey NextKey() { return Key(absl::StrCat("req-", next_++)); }

  int64_t File(FilingForm form) {
    const Principal filer{"张三", Role::kUnitStaff, form.unit_id};
    absl::StatusOr<OnlineChannel> filed = core_->FileChannel(filer, std::move(form), NextKey());
    EXPECT_THAT(filed, IsOk());
    return filed.ok() ? filed->id : 0;
  }
  int64_t File(const std::string& unit = "broadband",
               const std::string& address = "webmaster@broadband.example.cn") {
    return File(Form(unit, address));
  }

  absl::StatusOr<ForecastResult> Sample(int64_t channel, absl::Time at, int64_t used,
                                        int64_t capacity = 1000) {
    clock_.SetTime(at);
    return core_->RecordUsageSample(kMonitor, channel, {0, at, used, capacity}, NextKey());
  }

  InMemoryChannelStores stores_;
  common::UnitDirectory units_;
  common::CalendarHolder calendars_;
  common::ManualClock clock_;
  RecordingObserver observer_;
  std::unique_ptr<ChannelCore> core_;
  int next_ = 1;
};

TEST(ChannelSettingsTest, EveryOnlineKindNeedsAValidRepairPeriod) {
  ChannelSettings settings;
  EXPECT_THAT(
      FieldsOf(ValidateChannelSettings(settings)),
      ElementsAre("fault_repair[EMAIL]", "fault_repair[WEB_FORM]", "fault_repair[GUESTBOOK]"));
  settings.fault_repair = {{ChannelKind::kEmail, {common::PeriodUnit::kWallHours, 24}},
                           {ChannelKind::kWebForm, {common::PeriodUnit::kWorkingHours, 4}},
                           {ChannelKind::kGuestbook, {common::PeriodUnit::kWorkingDays, 2}}};
  EXPECT_OK(ValidateChannelSettings(settings));
  settings.monthly_report_due_working_day = 0;
  EXPECT_THAT(FieldsOf(ValidateChannelSettings(settings)),
              ElementsAre("monthly_report_due_working_day"));
}

// --- C1 -----------------------------------------------------------------------------------------

TEST_F(ChannelCoreTest, C1_AUnitFilesAChannelAndOnlyTheCsCenterAcknowledgesIt) {
  ASSERT_OK_AND_ASSIGN(OnlineChannel filed, core_->FileChannel(kStaff, Form(""), NextKey()));
  EXPECT_EQ(filed.unit_id, "broadband");
  EXPECT_EQ(filed.state, ChannelState::kFiled);
  EXPECT_EQ(filed.form().filed_at, ShanghaiTime(2026, 3, 2, 9, 0));
  for (const Principal& who : {kStaff, kManager, kOffice, kMonitor, kDesk}) {
    EXPECT_THAT(core_->AcknowledgeFiling(who, filed.id, NextKey()),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << who.user;
  }
  ASSERT_OK_AND_ASSIGN(OnlineChannel acknowledged,
                       core_->AcknowledgeFiling(kCenter, filed.id, NextKey()));
  EXPECT_EQ(acknowledged.state, ChannelState::kAcknowledged);
  EXPECT_EQ(acknowledged.acknowledged_by, "center");
  EXPECT_THAT(core_->AcknowledgeFiling(kCenter, filed.id, NextKey()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(ChannelCoreTest, C1_FilingIsIdempotentByRequestId) {
  ASSERT_OK_AND_ASSIGN(OnlineChannel first, core_->FileChannel(kStaff, Form(), Key("file-1")));
  ASSERT_OK_AND_ASSIGN(OnlineChannel again, core_->FileChannel(kStaff, Form(), Key("file-1")));
  EXPECT_EQ(again.id, first.id);
  EXPECT_THAT(core_->FileChannel(kStaff, Form(), Key("")),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ChannelCoreTest, C1_MissingF3FieldsAreNamed) {
  FilingForm form = Form();
  form.address = "";
  form.service_time = "经常查看";
  form.assigned_staff.clear();
  const absl::Status refused = core_->FileChannel(kStaff, form, NextKey()).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(refused), Contains("form.address"));
  EXPECT_THAT(FieldsOf(refused), Contains("form.service_time"));
  EXPECT_THAT(FieldsOf(refused), Contains("form.assigned_staff"));
  form = Form("nowhere");
  EXPECT_THAT(core_->FileChannel(kCenter, form, NextKey()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  const Principal stranger{"x", Role::kUnitStaff, "nowhere"};
  EXPECT_THAT(FieldsOf(core_->FileChannel(stranger, form, NextKey()).status()),
              ElementsAre("form.unit_id"));
}

TEST_F(ChannelCoreTest, C1_AnInaccurateFilingIsCorrectedAndTheHistoryKeepsEveryVersion) {
  const int64_t id = File();
  ASSERT_OK(core_->AcknowledgeFiling(kCenter, id, NextKey()).status());
  EXPECT_THAT(core_->MarkFilingInaccurate(kManager, id, "容量与实际不符", NextKey()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  clock_.Advance(absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(OnlineChannel marked,
                       core_->MarkFilingInaccurate(kCenter, id, "容量与实际不符", NextKey()));
  EXPECT_EQ(marked.state, ChannelState::kInaccurate);
  clock_.Advance(absl::Hours(2));
  FilingForm corrected = Form("");
  corrected.capacity = "5 GB";
  EXPECT_THAT(core_->CorrectFiling(kPortalStaff, id, corrected, NextKey()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(OnlineChannel fixed, core_->CorrectFiling(kStaff, id, corrected, NextKey()));
  EXPECT_EQ(fixed.state, ChannelState::kFiled);
  ASSERT_THAT(fixed.findings, SizeIs(1));
  EXPECT_EQ(fixed.findings[0].corrected_at, ShanghaiTime(2026, 3, 2, 12, 0));
  ASSERT_THAT(fixed.form_versions, SizeIs(2));
  EXPECT_EQ(fixed.form_versions[0].capacity, "2 GB");
  EXPECT_EQ(fixed.form_versions[1].capacity, "5 GB");
  EXPECT_THAT(Events(fixed),
              ElementsAre("FILED", "ACKNOWLEDGED", "MARKED_INACCURATE", "CORRECTED"));
  ASSERT_OK_AND_ASSIGN(OnlineChannel read, core_->GetChannel(kOffice, id));
  EXPECT_THAT(read.form_versions, SizeIs(2));
  // The rendered form of either version.
  ASSERT_OK_AND_ASSIGN(std::string first, core_->RenderFilingForm(kCenter, id, 1));
  EXPECT_THAT(first, HasSubstr("2 GB"));
  ASSERT_OK_AND_ASSIGN(std::string current, core_->RenderFilingForm(kStaff, id, 0));
  EXPECT_THAT(current, HasSubstr("5 GB"));
  EXPECT_THAT(current, HasSubstr("宽带业务中心"));
  // Retired: the history stays.
  ASSERT_OK_AND_ASSIGN(OnlineChannel retired,
                       core_->RetireChannel(kManager, id, "改用网上营业厅", NextKey()));
  EXPECT_EQ(retired.state, ChannelState::kRetired);
  EXPECT_THAT(Events(retired), SizeIs(5));
}

TEST_F(ChannelCoreTest, C1_AnUnfiledChannelCountsUntilTheUnitFilesThatAddress) {
  const std::string url = "https://bbs.broadband.example.cn/guestbook";
  UnfiledReportInput input{"broadband", ChannelKind::kGuestbook, url, "留言簿在用但未报备"};
  EXPECT_THAT(core_->ReportUnfiledChannel(kManager, input, NextKey()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(UnfiledChannel report,
                       core_->ReportUnfiledChannel(kCenter, input, NextKey()));
  EXPECT_EQ(report.filed_as_channel_id, 0);
  ASSERT_OK(core_->Sweep());
  EXPECT_EQ(CountOf(observer_.snapshot.unfiled_by_unit, "broadband"), 1);
  EXPECT_EQ(CountOf(observer_.snapshot.unfiled_by_unit, "portal"), 0);
  // Another unit does not see it.
  ASSERT_OK_AND_ASSIGN(UnfiledPage portal,
                       core_->ListUnfiledChannels(kPortalStaff, "", true, 0, 10));
  EXPECT_THAT(portal.reports, IsEmpty());
  EXPECT_THAT(core_->ListUnfiledChannels(kPortalStaff, "broadband", true, 0, 10),
              StatusIs(absl::StatusCode::kPermissionDenied));

  FilingForm guestbook = Form("broadband", url);
  guestbook.kind = ChannelKind::kGuestbook;
  guestbook.implementation = "留言簿";
  const int64_t id = File(guestbook);
  ASSERT_OK_AND_ASSIGN(UnfiledPage open, core_->ListUnfiledChannels(kStaff, "", true, 0, 10));
  EXPECT_THAT(open.reports, IsEmpty());
  ASSERT_OK_AND_ASSIGN(UnfiledPage all, core_->ListUnfiledChannels(kCenter, "", false, 0, 10));
  ASSERT_THAT(all.reports, SizeIs(1));
  EXPECT_EQ(all.reports[0].filed_as_channel_id, id);
  ASSERT_OK(core_->Sweep());
  EXPECT_EQ(CountOf(observer_.snapshot.unfiled_by_unit, "broadband"), 0);
}

// --- Access -------------------------------------------------------------------------------------

TEST_F(ChannelCoreTest, Access_AUnitActingOnAnotherUnitsChannelIsDenied) {
  const int64_t id = File();
  const auto denied = StatusIs(absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(core_->GetChannel(kPortalStaff, id), denied);
  EXPECT_THAT(core_->GetChannel(kDesk, id), denied);
  EXPECT_THAT(core_->RetireChannel(kPortalStaff, id, "x", NextKey()), denied);
  EXPECT_THAT(core_->OpenFault(kPortalStaff, id, {FaultOrigin::kReported, "坏了", {}}, NextKey()),
              denied);
  EXPECT_THAT(core_->RecordCheck(kPortalStaff, id, {{}, "portal-staff", 0}, NextKey()), denied);
  EXPECT_THAT(core_->RecordPublication(kPortalStaff, id, {}, true, {"zh"}, NextKey()), denied);
  EXPECT_THAT(core_->SubmitMonthlyReport(kPortalStaff, id, "2026-02", NextKey()), denied);
  EXPECT_THAT(core_->GetMonthlyStatistics(kPortalStaff, "broadband", "2026-03"), denied);
  EXPECT_THAT(core_->RecordUsageSample(kOffice, id, {0, clock_.Now(), 1, 10}, NextKey()), denied);
  ChannelFilter other;
  other.unit_id = "broadband";
  EXPECT_THAT(core_->ListChannels(kPortalStaff, other, 0, 10), denied);
  // The department-wide roles read every unit.
  EXPECT_OK(core_->GetChannel(kOffice, id).status());
  EXPECT_OK(core_->GetChannel(kMonitor, id).status());
  EXPECT_OK(core_->GetChannel(kCenter, id).status());
  ASSERT_OK_AND_ASSIGN(ChannelPage own, core_->ListChannels(kPortalStaff, {}, 0, 10));
  EXPECT_THAT(own.channels, IsEmpty());
  ASSERT_OK_AND_ASSIGN(ChannelPage every, core_->ListChannels(kOffice, {}, 0, 10));
  EXPECT_THAT(every.channels, SizeIs(1));
}

// --- C2 -----------------------------------------------------------------------------------------

TEST_F(ChannelCoreTest, C2_FaultsAreRepairedWithinTheLimitOfTheirKind) {
  const int64_t mailbox = File();
  FilingForm web = Form("broadband", "https://www.broadband.example.cn/complaint");
  web.kind = ChannelKind::kWebForm;
  web.implementation = "网上申诉表单";
  const int64_t form = File(web);
  clock_.SetTime(ShanghaiTime(2026, 3, 2, 10, 0));
  ASSERT_OK_AND_ASSIGN(
      Fault mail_fault,
      core_->OpenFault(kStaff, mailbox, {FaultOrigin::kMailboxFull, "无法登录", {}}, NextKey()));
  EXPECT_EQ(mail_fault.origin, FaultOrigin::kReported);
  EXPECT_EQ(mail_fault.repair_due, ShanghaiTime(2026, 3, 3, 10, 0));  // 24 wall hours
  ASSERT_OK_AND_ASSIGN(
      Fault web_fault,
      core_->OpenFault(kStaff, form, {FaultOrigin::kReported, "提交报错", {}}, NextKey()));
  EXPECT_EQ(web_fault.repair_due, ShanghaiTime(2026, 3, 2, 15, 0));  // 4 working hours
  ASSERT_OK_AND_ASSIGN(OnlineChannel channel, core_->GetChannel(kStaff, mailbox));
  EXPECT_EQ(Events(channel).back(), "FAULT_OPENED");

  clock_.SetTime(ShanghaiTime(2026, 3, 2, 14, 0));
  ASSERT_OK_AND_ASSIGN(Fault closed,
                       core_->CloseFault(kManager, web_fault.id, {}, "已修复", Key("close-1")));
  EXPECT_EQ(closed.repaired_at, ShanghaiTime(2026, 3, 2, 14, 0));
  // A retry is answered without counting again.
  EXPECT_OK(core_->CloseFault(kManager, web_fault.id, {}, "已修复", Key("close-1")).status());
  clock_.SetTime(ShanghaiTime(2026, 3, 3, 11, 0));
  EXPECT_THAT(core_->CloseFault(kPortalStaff, mail_fault.id, {}, "已修复", NextKey()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK(core_->CloseFault(kStaff, mail_fault.id, {}, "已修复", NextKey()).status());
  EXPECT_THAT(observer_.repaired, ElementsAre("broadband in_time", "broadband late"));
  EXPECT_THAT(core_->CloseFault(kStaff, mail_fault.id, {}, "again", NextKey()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_OK_AND_ASSIGN(channel, core_->GetChannel(kStaff, mailbox));
  EXPECT_EQ(Events(channel).back(), "FAULT_CLOSED");
}

TEST_F(ChannelCoreTest, C2_AnOverdueFaultIsFlaggedBySweep) {
  const int64_t id = File();
  ASSERT_OK_AND_ASSIGN(
      Fault fault,
      core_->OpenFault(kStaff, id, {FaultOrigin::kReported, "无法登录", {}}, NextKey()));
  ASSERT_OK(core_->Sweep());
  EXPECT_EQ(CountOf(observer_.snapshot.open_faults_by_unit, "broadband"), 1);
  EXPECT_EQ(CountOf(observer_.snapshot.faults_overdue_by_unit, "broadband"), 0);
  EXPECT_EQ(CountOf(observer_.snapshot.open_faults_by_unit, "portal"), 0);
  clock_.Advance(absl::Hours(25));
  ASSERT_OK(core_->Sweep());
  EXPECT_EQ(CountOf(observer_.snapshot.faults_overdue_by_unit, "broadband"), 1);
  EXPECT_EQ(observer_.snapshot.oldest_open_fault, absl::Hours(25));
  EXPECT_TRUE(FaultOverdue(fault, core_->Now()));
  ASSERT_OK_AND_ASSIGN(FaultPage open, core_->ListFaults(kStaff, {"", id, true}, 0, 10));
  EXPECT_THAT(open.faults, SizeIs(1));
  EXPECT_THAT(core_->ListFaults(kPortalStaff, {"", id, true}, 0, 10),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(ChannelCoreTest, C2_AFaultClosedBeforeItWasOpenedIsRefused) {
  const int64_t id = File();
  ASSERT_OK_AND_ASSIGN(
      Fault fault,
      core_->OpenFault(kStaff, id, {FaultOrigin::kReported, "无法登录", {}}, NextKey()));
  const absl::Status refused =
      core_->CloseFault(kStaff, fault.id, fault.opened_at - absl::Hours(1), "已修复", NextKey())
          .status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(refused), ElementsAre("repaired_at"));
  EXPECT_THAT(observer_.repaired, IsEmpty());
}

// --- C3, C4 -------------------------------------------------------------------------------------

TEST_F(ChannelCoreTest, C3C4_TheChecklistNamesWhatIsMissingAndAdvisesEnglish) {
  FilingForm form = Form();
  form.purposes = {ChannelPurpose::kOrdering, ChannelPurpose::kComplaint};
  form.foreign_use_heavy = true;
  const int64_t id = File(form);
  ASSERT_OK_AND_ASSIGN(PublicationChecklist before, core_->GetPublicationChecklist(kOffice, id));
  EXPECT_TRUE(before.takes_orders);
  EXPECT_THAT(before.missing_items, SizeIs(8));
  EXPECT_TRUE(before.service_standards_missing);
  EXPECT_TRUE(before.english_advised);
  EXPECT_FALSE(before.complete);
  ASSERT_OK_AND_ASSIGN(
      OnlineChannel recorded,
      core_->RecordPublication(kStaff, id, RequiredOrderingItems(), true, {"zh", "en"}, NextKey()));
  EXPECT_EQ(Events(recorded).back(), "PUBLICATION_RECORDED");
  ASSERT_OK_AND_ASSIGN(PublicationChecklist after, core_->GetPublicationChecklist(kStaff, id));
  EXPECT_THAT(after.missing_items, IsEmpty());
  EXPECT_FALSE(after.english_advised);
  EXPECT_TRUE(after.complete);
  EXPECT_THAT(FieldsOf(core_
                           ->RecordPublication(kStaff, id, {PublishedItem::kUnspecified}, true,
                                               {"zh"}, NextKey())
                           .status()),
              ElementsAre("items[0]"));
}

// --- C5 -----------------------------------------------------------------------------------------

TEST_F(ChannelCoreTest, C5_TwiceADayInsideWorkingHoursAcrossAHolidayAMakeUpSaturdayAndAWeekend) {
  clock_.SetTime(ShanghaiTime(2026, 4, 30, 9, 0));
  FilingForm form = Form();
  form.service_time = "工作时间每天2次";
  const int64_t id = File(form);
  // 7 h 30 min of working time a day ÷ 2: every 3 h 45 min of working time. May 1–5 is the Labour
  // Day holiday, Saturday May 9 a make-up working day.
  ASSERT_OK_AND_ASSIGN(CheckSchedule schedule, core_->GetCheckSchedule(kOffice, id, {}, 11));
  EXPECT_EQ(schedule.interval, absl::Minutes(225));
  EXPECT_EQ(schedule.next_due, ShanghaiTime(2026, 4, 30, 13, 45));
  EXPECT_FALSE(schedule.overdue);
  EXPECT_THAT(schedule.upcoming,
              ElementsAre(ShanghaiTime(2026, 4, 30, 13, 45), ShanghaiTime(2026, 4, 30, 17, 30),
                          ShanghaiTime(2026, 5, 6, 13, 45), ShanghaiTime(2026, 5, 6, 17, 30),
                          ShanghaiTime(2026, 5, 7, 13, 45), ShanghaiTime(2026, 5, 7, 17, 30),
                          ShanghaiTime(2026, 5, 8, 13, 45), ShanghaiTime(2026, 5, 8, 17, 30),
                          ShanghaiTime(2026, 5, 9, 13, 45), ShanghaiTime(2026, 5, 9, 17, 30),
                          ShanghaiTime(2026, 5, 11, 13, 45)));
  // A check at close of business on Friday May 15: the next is due Monday May 18, 13:45.
  clock_.SetTime(ShanghaiTime(2026, 5, 15, 17, 30));
  ASSERT_OK_AND_ASSIGN(Check check, core_->RecordCheck(kStaff, id, {{}, "", 3}, NextKey()));
  EXPECT_EQ(check.checked_by, "张三");
  EXPECT_TRUE(check.late);
  EXPECT_EQ(check.next_due, ShanghaiTime(2026, 5, 18, 13, 45));
  clock_.SetTime(ShanghaiTime(2026, 5, 17, 20, 0));  // Sunday: nothing is due
  ASSERT_OK_AND_ASSIGN(schedule, core_->GetCheckSchedule(kStaff, id, {}, 0));
  EXPECT_FALSE(schedule.overdue);
  EXPECT_EQ(schedule.last_checked_at, ShanghaiTime(2026, 5, 15, 17, 30));
  EXPECT_THAT(schedule.upcoming, SizeIs(kDefaultUpcomingCount));
  EXPECT_THAT(core_->GetCheckSchedule(kStaff, id, {}, kMaxUpcomingCount + 1),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ChannelCoreTest, C5_AnOverdueChannelIsReportedByTheSweepUntilChecked) {
  const int64_t id = File();  // 7×24, twice a day: due 12 h after filing
  ASSERT_OK(core_->Sweep());
  EXPECT_EQ(CountOf(observer_.snapshot.checks_overdue_by_unit, "broadband"), 0);
  clock_.Advance(absl::Hours(13));
  ASSERT_OK(core_->Sweep());
  EXPECT_EQ(CountOf(observer_.snapshot.checks_overdue_by_unit, "broadband"), 1);
  EXPECT_EQ(CountOf(observer_.snapshot.checks_overdue_by_unit, "portal"), 0);
  EXPECT_EQ(observer_.snapshot.oldest_overdue_check, absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(Check check,
                       core_->RecordCheck(kManager, id, {{}, "S-002", 2}, Key("check-1")));
  EXPECT_TRUE(check.late);
  EXPECT_EQ(check.recorded_by, "bb-manager");
  // A retry is the same check, counted once.
  EXPECT_OK(core_->RecordCheck(kManager, id, {{}, "S-002", 2}, Key("check-1")).status());
  EXPECT_THAT(observer_.checks, ElementsAre(Pair("broadband", 1)));
  ASSERT_OK(core_->Sweep());
  EXPECT_EQ(CountOf(observer_.snapshot.checks_overdue_by_unit, "broadband"), 0);
  EXPECT_EQ(observer_.snapshot.oldest_overdue_check, absl::ZeroDuration());
}

TEST_F(ChannelCoreTest, C5_ACheckBySomeoneNotAssignedIsRefused) {
  const int64_t id = File();
  const absl::Status refused =
      core_->RecordCheck(kManager, id, {{}, "王五", 0}, NextKey()).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("张三")));
  EXPECT_THAT(FieldsOf(refused), ElementsAre("checked_by"));
  EXPECT_THAT(observer_.checks, IsEmpty());
}

// --- C6 -----------------------------------------------------------------------------------------

TEST_F(ChannelCoreTest, C6_ASteadySeriesForecastsWhenTheBoxIsFull) {
  const int64_t id = File();
  absl::StatusOr<ForecastResult> result;
  for (int day = 0; day < 5; ++day) {
    result = Sample(id, ShanghaiTime(2026, 3, 3 + day, 8, 0), 100 + 50 * day);
    ASSERT_OK(result.status());
  }
  EXPECT_THAT(result->forecast.growth_per_day, DoubleNear(50, 1e-6));
  EXPECT_EQ(result->forecast.samples_used, 5);
  // 300 used of 1000 on March 7: 700 more at 50 a day is 14 days.
  EXPECT_EQ(result->forecast.full_at, ShanghaiTime(2026, 3, 21, 8, 0));
  EXPECT_FALSE(result->forecast.warning);
  EXPECT_EQ(result->opened_fault_id, 0);
  ASSERT_OK_AND_ASSIGN(ForecastResult read, core_->GetCapacityForecast(kOffice, id));
  EXPECT_EQ(read.forecast.full_at, result->forecast.full_at);
  ASSERT_OK(core_->Sweep());
  ASSERT_THAT(observer_.snapshot.mailboxes, SizeIs(1));
  EXPECT_EQ(observer_.snapshot.mailboxes[0].channel_id, FormatChannelId(id));
  EXPECT_THAT(observer_.snapshot.mailboxes[0].usage_ratio, DoubleNear(0.3, 1e-9));
  EXPECT_THAT(*observer_.snapshot.mailboxes[0].days_to_full, DoubleNear(14, 1e-9));
  EXPECT_EQ(CountOf(observer_.snapshot.capacity_warnings_by_unit, "broadband"), 0);
}

TEST_F(ChannelCoreTest, C6_AnAcceleratingSeriesWarnsWithTheAdvice) {
  const int64_t id = File();
  absl::StatusOr<ForecastResult> result;
  const int64_t used[] = {100, 120, 160, 240, 400, 720};
  for (int day = 0; day < 6; ++day) {
    result = Sample(id, ShanghaiTime(2026, 3, 3 + day, 8, 0), used[day]);
    ASSERT_OK(result.status());
  }
  EXPECT_GT(result->forecast.growth_per_day, 50);
  ASSERT_TRUE(result->forecast.full_at.has_value());
  EXPECT_LE(*result->forecast.full_at, clock_.Now() + absl::Hours(7 * 24));
  EXPECT_TRUE(result->forecast.warning);
  EXPECT_EQ(result->forecast.advice, std::string(kCapacityAdvice));
  ASSERT_OK_AND_ASSIGN(int64_t warnings,
                       stores_.capacity().CountWarnings(id, ShanghaiTime(2026, 3, 1, 0, 0),
                                                        ShanghaiTime(2026, 4, 1, 0, 0)));
  EXPECT_GE(warnings, 1);
  ASSERT_OK(core_->Sweep());
  EXPECT_EQ(CountOf(observer_.snapshot.capacity_warnings_by_unit, "broadband"), 1);
  EXPECT_TRUE(observer_.snapshot.mailboxes[0].warning);
  // The unit asks its superiors for a larger box in writing.
  ASSERT_OK_AND_ASSIGN(AssistanceRequest request,
                       core_->RequestCapacityAssistance(kManager, id, "申请扩容至5GB", NextKey()));
  EXPECT_EQ(request.requested_by, "bb-manager");
  ASSERT_OK_AND_ASSIGN(OnlineChannel channel, core_->GetChannel(kStaff, id));
  EXPECT_EQ(Events(channel).back(), "ASSISTANCE_REQUESTED");
}

TEST_F(ChannelCoreTest, C6_FlatAndNoisySeries) {
  const int64_t flat = File();
  const int64_t noisy = File("broadband", "complaints@broadband.example.cn");
  absl::StatusOr<ForecastResult> result;
  for (int day = 0; day < 5; ++day) {
    result = Sample(flat, ShanghaiTime(2026, 3, 3 + day, 8, 0), 200);
    ASSERT_OK(result.status());
  }
  EXPECT_EQ(result->forecast.growth_per_day, 0);
  EXPECT_FALSE(result->forecast.full_at.has_value());
  EXPECT_FALSE(result->forecast.warning);
  const int64_t used[] = {100, 160, 130, 210, 180, 260};
  for (int day = 0; day < 6; ++day) {
    result = Sample(noisy, ShanghaiTime(2026, 3, 3 + day, 9, 0), used[day]);
    ASSERT_OK(result.status());
  }
  EXPECT_GT(result->forecast.growth_per_day, 0);
  EXPECT_LT(result->forecast.growth_per_day, 50);
  EXPECT_TRUE(result->forecast.full_at.has_value());
  ASSERT_OK(core_->Sweep());
  EXPECT_THAT(observer_.snapshot.mailboxes, SizeIs(2));
  EXPECT_FALSE(observer_.snapshot.mailboxes[0].days_to_full.has_value());
}

TEST_F(ChannelCoreTest, C6_SamplesBackInTimeOrAboveCapacityAreRefusedNamingTheField) {
  const int64_t id = File();
  ASSERT_OK(Sample(id, ShanghaiTime(2026, 3, 3, 8, 0), 100).status());
  absl::Status refused =
      core_
          ->RecordUsageSample(kMonitor, id, {0, ShanghaiTime(2026, 3, 2, 8, 0), 120, 1000},
                              NextKey())
          .status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(refused), ElementsAre("sample.sampled_at"));
  refused = core_
                ->RecordUsageSample(kStaff, id, {0, ShanghaiTime(2026, 3, 3, 8, 0), 1200, 1000},
                                    NextKey())
                .status();
  EXPECT_THAT(FieldsOf(refused), Contains("sample.used"));
  refused =
      core_->RecordUsageSample(kStaff, id, {0, clock_.Now() + absl::Hours(1), 120, 1000}, NextKey())
          .status();
  EXPECT_THAT(FieldsOf(refused), ElementsAre("sample.sampled_at"));
  // Only mailboxes take samples.
  FilingForm web = Form("broadband", "https://www.broadband.example.cn/complaint");
  web.kind = ChannelKind::kWebForm;
  const int64_t form = File(web);
  EXPECT_THAT(core_->RecordUsageSample(kMonitor, form, {0, clock_.Now(), 1, 10}, NextKey()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(ChannelCoreTest, C6_AFullBoxOpensAFaultOnce) {
  const int64_t id = File();
  ASSERT_OK(Sample(id, ShanghaiTime(2026, 3, 3, 8, 0), 900).status());
  clock_.SetTime(ShanghaiTime(2026, 3, 4, 8, 0));
  const UsageSample full{0, ShanghaiTime(2026, 3, 4, 8, 0), 1000, 1000};
  ASSERT_OK_AND_ASSIGN(ForecastResult first,
                       core_->RecordUsageSample(kMonitor, id, full, Key("full-1")));
  ASSERT_NE(first.opened_fault_id, 0);
  EXPECT_TRUE(first.forecast.full);
  ASSERT_OK_AND_ASSIGN(Fault fault, stores_.faults().Get(first.opened_fault_id));
  EXPECT_EQ(fault.origin, FaultOrigin::kMailboxFull);
  EXPECT_EQ(fault.opened_by, std::string(kServiceActor));
  EXPECT_EQ(fault.unit_id, "broadband");
  EXPECT_EQ(fault.repair_due, ShanghaiTime(2026, 3, 5, 8, 0));
  // The monitor retries: the same fault.
  ASSERT_OK_AND_ASSIGN(ForecastResult retried,
                       core_->RecordUsageSample(kMonitor, id, full, Key("full-1")));
  EXPECT_EQ(retried.opened_fault_id, first.opened_fault_id);
  // Still full an hour later: the open fault stands, no second one.
  ASSERT_OK_AND_ASSIGN(ForecastResult later, Sample(id, ShanghaiTime(2026, 3, 4, 9, 0), 1000));
  EXPECT_EQ(later.opened_fault_id, 0);
  ASSERT_OK_AND_ASSIGN(FaultPage open, core_->ListFaults(kCenter, {"", id, true}, 0, 10));
  EXPECT_THAT(open.faults, SizeIs(1));
  ASSERT_OK_AND_ASSIGN(OnlineChannel channel, core_->GetChannel(kStaff, id));
  EXPECT_EQ(Events(channel).back(), "FAULT_OPENED");
  EXPECT_EQ(channel.history.back().actor, std::string(kServiceActor));
  // Once repaired, a full box opens a new one.
  ASSERT_OK(core_->CloseFault(kStaff, first.opened_fault_id, {}, "已清理", NextKey()).status());
  ASSERT_OK_AND_ASSIGN(ForecastResult again, Sample(id, ShanghaiTime(2026, 3, 4, 12, 0), 1000));
  EXPECT_NE(again.opened_fault_id, 0);
  EXPECT_NE(again.opened_fault_id, first.opened_fault_id);
}

// --- C7 -----------------------------------------------------------------------------------------

TEST_F(ChannelCoreTest, C7_AReportOfARunningMonthIsRefused) {
  const int64_t id = File();
  EXPECT_THAT(core_->GetMonthlyReport(kStaff, id, "2026-03"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2026-03")));
  EXPECT_THAT(core_->SubmitMonthlyReport(kStaff, id, "2026-03", NextKey()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(core_->GetMonthlyReport(kStaff, id, "2026-3"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(observer_.deadlines, IsEmpty());
}

TEST_F(ChannelCoreTest, C7_ALateMonthlyReportIsRecordedLateAndCountedOnce) {
  const int64_t id = File();
  const int64_t on_time = File("broadband", "complaints@broadband.example.cn");
  clock_.SetTime(ShanghaiTime(2026, 3, 2, 12, 0));
  ASSERT_OK(core_->RecordCheck(kStaff, id, {{}, "张三", 4}, NextKey()).status());
  ASSERT_OK_AND_ASSIGN(
      common::Deadline due,
      common::MonthlyReportDue(calendars_.Get().current(), absl::CivilMonth(2026, 3), 5));
  clock_.SetTime(due.at - absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(ChannelMonthlyReport met,
                       core_->SubmitMonthlyReport(kStaff, on_time, "2026-03", NextKey()));
  EXPECT_FALSE(met.late);
  clock_.SetTime(due.at + absl::Hours(20));
  ASSERT_OK_AND_ASSIGN(ChannelMonthlyReport late,
                       core_->SubmitMonthlyReport(kManager, id, "2026-03", Key("submit-1")));
  EXPECT_TRUE(late.late);
  EXPECT_EQ(late.complaints_received, 4);
  EXPECT_EQ(late.checks_made, 1);
  ASSERT_TRUE(late.submission.has_value());
  EXPECT_EQ(late.submission->submitted_by, "bb-manager");
  EXPECT_EQ(late.due, due);
  // A retry answers the same; another submission is refused.
  EXPECT_OK(core_->SubmitMonthlyReport(kManager, id, "2026-03", Key("submit-1")).status());
  EXPECT_THAT(core_->SubmitMonthlyReport(kManager, id, "2026-03", Key("submit-2")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_OK(core_->Sweep());
  EXPECT_THAT(observer_.deadlines, ElementsAre("broadband met", "broadband missed"));
  ASSERT_OK_AND_ASSIGN(ChannelMonthlyReport read, core_->GetMonthlyReport(kOffice, id, "2026-03"));
  EXPECT_TRUE(read.late);
}

TEST_F(ChannelCoreTest, C7_AReportNeverSubmittedIsCountedMissedOnceByTheSweep) {
  const int64_t id = File();
  ASSERT_OK_AND_ASSIGN(
      common::Deadline due,
      common::MonthlyReportDue(calendars_.Get().current(), absl::CivilMonth(2026, 3), 5));
  clock_.SetTime(due.at);
  ASSERT_OK(core_->Sweep());
  EXPECT_THAT(observer_.deadlines, IsEmpty());
  clock_.SetTime(due.at + absl::Minutes(1));
  ASSERT_OK(core_->Sweep());
  ASSERT_OK(core_->Sweep());
  EXPECT_THAT(observer_.deadlines, ElementsAre("broadband missed"));
  ASSERT_OK_AND_ASSIGN(std::vector<MissedReport> missed,
                       stores_.reports().ListMissed("broadband", "2026-03"));
  ASSERT_THAT(missed, SizeIs(1));
  EXPECT_EQ(missed[0].channel_id, id);
  // Submitted late after that: late, but the deadline is not counted again.
  ASSERT_OK_AND_ASSIGN(ChannelMonthlyReport submitted,
                       core_->SubmitMonthlyReport(kStaff, id, "2026-03", NextKey()));
  EXPECT_TRUE(submitted.late);
  EXPECT_THAT(observer_.deadlines, ElementsAre("broadband missed"));
}

// --- For assessment -----------------------------------------------------------------------------

TEST_F(ChannelCoreTest, MonthlyStatisticsOfAUnit) {
  const int64_t acknowledged = File();
  ASSERT_OK(core_->AcknowledgeFiling(kCenter, acknowledged, NextKey()).status());
  const int64_t inaccurate = File("broadband", "complaints@broadband.example.cn");
  ASSERT_OK(core_->MarkFilingInaccurate(kCenter, inaccurate, "地址已停用", NextKey()).status());
  ASSERT_OK(core_
                ->ReportUnfiledChannel(
                    kCenter,
                    {"broadband", ChannelKind::kGuestbook, "https://bbs.example.cn/gb", "未报备"},
                    NextKey())
                .status());
  clock_.SetTime(ShanghaiTime(2026, 3, 2, 12, 0));
  ASSERT_OK(core_->RecordCheck(kStaff, acknowledged, {{}, "张三", 1}, NextKey()).status());
  clock_.SetTime(ShanghaiTime(2026, 4, 2, 9, 0));
  ASSERT_OK(core_->SubmitMonthlyReport(kStaff, acknowledged, "2026-03", NextKey()).status());
  EXPECT_THAT(core_->GetMonthlyStatistics(kCenter, "", "2026-03"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_OK_AND_ASSIGN(MonthlyStatistics stats,
                       core_->GetMonthlyStatistics(kMonitor, "broadband", "2026-03"));
  EXPECT_EQ(stats.channels_in_use, 2);
  EXPECT_EQ(stats.filings_complete_and_accurate, 1);
  EXPECT_EQ(stats.inaccurate_findings, 1);
  EXPECT_EQ(stats.unfiled_channels, 1);
  ASSERT_THAT(stats.channels, SizeIs(2));
  EXPECT_EQ(stats.channels[0].checks_made, 1);
  EXPECT_TRUE(stats.channels[0].report_submitted_on_time);
  EXPECT_FALSE(stats.channels[0].report_overdue);
  EXPECT_FALSE(stats.channels[1].report_submitted_on_time);
  EXPECT_FALSE(stats.channels[1].report_overdue);  // not due yet
  ASSERT_OK_AND_ASSIGN(MonthlyStatistics own, core_->GetMonthlyStatistics(kStaff, "", "2026-03"));
  EXPECT_EQ(own.unit_id, "broadband");
  // Past the due working day the missing report is overdue.
  clock_.SetTime(ShanghaiTime(2026, 4, 20, 9, 0));
  ASSERT_OK_AND_ASSIGN(stats, core_->GetMonthlyStatistics(kMonitor, "broadband", "2026-03"));
  ASSERT_THAT(stats.channels, SizeIs(2));
  EXPECT_FALSE(stats.channels[0].report_overdue);
  EXPECT_FALSE(stats.channels[1].report_submitted_on_time);
  EXPECT_TRUE(stats.channels[1].report_overdue);
}

// A3 7.1: a fault opened in March, due in April and repaired only in May counts against April
// alone, though it was neither opened nor repaired in April.
TEST_F(ChannelCoreTest, C2_AFaultNotRepairedInTimeCountsAgainstTheMonthOfItsDueTimeOnly) {
  const int64_t id = File();
  clock_.SetTime(ShanghaiTime(2026, 3, 31, 20, 0));
  ASSERT_OK_AND_ASSIGN(
      Fault fault,
      core_->OpenFault(kStaff, id, {FaultOrigin::kReported, "无法登录", {}}, NextKey()));
  EXPECT_EQ(fault.repair_due, ShanghaiTime(2026, 4, 1, 20, 0));
  const auto channel_month = [&](const std::string& month) {
    absl::StatusOr<MonthlyStatistics> stats =
        core_->GetMonthlyStatistics(kMonitor, "broadband", month);
    EXPECT_THAT(stats, IsOk());
    EXPECT_THAT(stats.value_or(MonthlyStatistics{}).channels, SizeIs(1));
    return stats.value_or(MonthlyStatistics{}).channels.at(0);
  };
  clock_.SetTime(ShanghaiTime(2026, 5, 5, 9, 0));
  EXPECT_EQ(channel_month("2026-04").faults_overdue, 1);
  ASSERT_OK(core_->CloseFault(kStaff, fault.id, {}, "已修复", NextKey()).status());
  clock_.SetTime(ShanghaiTime(2026, 6, 1, 9, 0));
  const ChannelMonth march = channel_month("2026-03");
  EXPECT_EQ(march.faults_overdue, 0);
  EXPECT_EQ(march.faults_repaired, 0);
  EXPECT_EQ(channel_month("2026-04").faults_overdue, 1);
  const ChannelMonth may = channel_month("2026-05");
  EXPECT_EQ(may.faults_repaired, 1);
  EXPECT_EQ(may.faults_repaired_in_time, 0);
  EXPECT_EQ(may.faults_overdue, 0);
}

// --- Sweep --------------------------------------------------------------------------------------

TEST_F(ChannelCoreTest, Sweep_EveryUnitOfTheDirectoryIsInTheSnapshot) {
  File();
  ASSERT_OK(core_->Sweep());
  EXPECT_THAT(observer_.snapshot.channels, SizeIs(4 * 4));
  int64_t filed = -1;
  for (const ChannelStateCount& count : observer_.snapshot.channels) {
    if (count.unit_id == "broadband" && count.state == ChannelState::kFiled) filed = count.count;
    if (count.unit_id == "portal") {
      EXPECT_EQ(count.count, 0);
    }
  }
  EXPECT_EQ(filed, 1);
  for (const auto* list :
       {&observer_.snapshot.unfiled_by_unit, &observer_.snapshot.checks_overdue_by_unit,
        &observer_.snapshot.open_faults_by_unit, &observer_.snapshot.faults_overdue_by_unit,
        &observer_.snapshot.capacity_warnings_by_unit}) {
    EXPECT_THAT(*list, SizeIs(4));
  }
  EXPECT_EQ(observer_.snapshots, 1);
}

}  // namespace
}  // namespace cs::channel

// C1–C5: filing form F3, acknowledgement, findings and corrections, retirement, publications,
// checks by the assigned staff, and faults repaired within the limit.
#include "services/channel-registry/domain/channel_lifecycle.h"

#include <algorithm>
#include <string>
#include <vector>

#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::channel {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

FilingForm ValidForm() {
  FilingForm form;
  form.unit_id = "broadband";
  form.implementation = "Webmaster 信箱";
  form.kind = ChannelKind::kEmail;
  form.purposes = {ChannelPurpose::kComplaint, ChannelPurpose::kConsultation};
  form.business_scope = "宽带业务咨询与申诉";
  form.address = "webmaster@sh.example.cn";
  form.capacity = "2 GB";
  form.service_time = "工作时间每天2次";
  form.staffing = Staffing::kDedicated;
  form.assigned_staff = {"张三", "李四"};
  form.contact = {"王五", "021-5888 1234", ""};
  form.languages = {"zh"};
  return form;
}

std::vector<std::string> Fields(const common::FieldViolations& violations) {
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : violations.violations()) fields.push_back(v.field);
  return fields;
}

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

// Sequence numbers 1..n with no gap.
void ExpectConsecutiveHistory(const OnlineChannel& channel) {
  for (size_t i = 0; i < channel.history.size(); ++i) {
    EXPECT_EQ(channel.history[i].sequence, static_cast<int>(i) + 1);
  }
}

class ChannelLifecycleTest : public ::testing::Test {
 protected:
  OnlineChannel Filed(FilingForm form = ValidForm()) {
    absl::StatusOr<OnlineChannel> channel =
        NewChannel(std::move(form), "unit-staff", now_, calendar_);
    EXPECT_TRUE(channel.ok()) << channel.status();
    OnlineChannel value = channel.value_or(OnlineChannel{});
    value.id = 5;
    return value;
  }

  const common::WorkingCalendar calendar_ = common::testing::Cn2026Calendar();
  const absl::Time now_ = ShanghaiTime(2026, 4, 30, 9, 0);
};

TEST_F(ChannelLifecycleTest, C1_AValidFormFilesAFiledChannel) {
  const OnlineChannel channel = Filed();
  EXPECT_EQ(channel.state, ChannelState::kFiled);
  EXPECT_EQ(channel.unit_id, "broadband");
  ASSERT_EQ(channel.form_versions.size(), 1u);
  EXPECT_EQ(channel.form().filed_at, now_);
  EXPECT_EQ(channel.service_time, (ServiceTime{false, 2}));
  EXPECT_EQ(channel.next_check_due, ShanghaiTime(2026, 4, 30, 13, 45));
  EXPECT_EQ(channel.version, 1);
  ASSERT_EQ(channel.history.size(), 1u);
  EXPECT_EQ(channel.history[0].event, "FILED");
  EXPECT_EQ(channel.history[0].actor, "unit-staff");
}

TEST_F(ChannelLifecycleTest, C1_AnEmptyFormNamesEveryMissingField) {
  FilingForm empty;
  EXPECT_THAT(
      Fields(ValidateFilingForm(empty)),
      UnorderedElementsAre("form.unit_id", "form.implementation", "form.kind", "form.purposes",
                           "form.business_scope", "form.address", "form.capacity",
                           "form.service_time", "form.staffing", "form.assigned_staff",
                           "form.contact.person", "form.contact.phone"));
  const absl::Status status = NewChannel(empty, "a", now_, calendar_).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(common::ReasonOf(status), common::reason::kMissingRequiredFields);
}

TEST_F(ChannelLifecycleTest, C1_BadValuesAreNamedUnderThePrefix) {
  FilingForm form = ValidForm();
  form.kind = ChannelKind::kHotline;
  form.purposes = {ChannelPurpose::kComplaint, ChannelPurpose::kComplaint,
                   ChannelPurpose::kUnspecified};
  form.service_time = "全天";
  form.assigned_staff = {"张三", "  "};
  form.contact = {"王五", "abc", "not-an-email"};
  form.languages = {"EN", "zh", "zh"};
  EXPECT_THAT(Fields(ValidateFilingForm(form, "request.form")),
              UnorderedElementsAre("request.form.kind", "request.form.purposes[1]",
                                   "request.form.purposes[2]", "request.form.service_time",
                                   "request.form.assigned_staff[1]", "request.form.contact.phone",
                                   "request.form.contact.email", "request.form.languages[0]",
                                   "request.form.languages[2]"));
}

TEST_F(ChannelLifecycleTest, C1_TheAddressHasTheShapeOfItsKind) {
  FilingForm form = ValidForm();
  form.address = "https://www.example.cn/guestbook";
  EXPECT_THAT(Fields(ValidateFilingForm(form)), ElementsAre("form.address"));
  form.kind = ChannelKind::kGuestbook;
  EXPECT_TRUE(ValidateFilingForm(form).empty());
  form.address = "webmaster@sh.example.cn";
  EXPECT_THAT(Fields(ValidateFilingForm(form)), ElementsAre("form.address"));
  form.kind = ChannelKind::kWebForm;
  form.address = "HTTP://example.cn";
  EXPECT_TRUE(ValidateFilingForm(form).empty());
  form.address = "ftp://example.cn";
  EXPECT_THAT(Fields(ValidateFilingForm(form)), ElementsAre("form.address"));
  EXPECT_TRUE(IsEmailAddressLike("a.b@x-y.example.cn"));
  EXPECT_FALSE(IsEmailAddressLike("a@b"));
  EXPECT_FALSE(IsEmailAddressLike("a b@example.cn"));
  EXPECT_FALSE(IsEmailAddressLike("a@@example.cn"));
  EXPECT_FALSE(IsWebAddressLike("https://"));
  EXPECT_FALSE(IsWebAddressLike("https://exa mple.cn"));
  EXPECT_TRUE(IsLanguageTagLike("zh-hans"));
  EXPECT_FALSE(IsLanguageTagLike("zh_CN"));
  EXPECT_FALSE(IsLanguageTagLike("e"));
}

TEST_F(ChannelLifecycleTest, C1_EmailAloneIsEnoughToReachTheContact) {
  FilingForm form = ValidForm();
  form.contact = {"王五", "", "wangwu@example.cn"};
  EXPECT_TRUE(ValidateFilingForm(form).empty());
}

TEST_F(ChannelLifecycleTest, C1_OnlyAFiledChannelIsAcknowledged) {
  OnlineChannel channel = Filed();
  const absl::Time later = now_ + absl::Hours(1);
  ASSERT_THAT(AcknowledgeFiling(channel, "cs-center", later), IsOk());
  EXPECT_EQ(channel.state, ChannelState::kAcknowledged);
  EXPECT_EQ(channel.acknowledged_at, later);
  EXPECT_EQ(channel.acknowledged_by, "cs-center");
  const absl::Status again = AcknowledgeFiling(channel, "cs-center", later);
  EXPECT_THAT(again, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("ACKNOWLEDGED")));
  EXPECT_EQ(common::ReasonOf(again), common::reason::kStateForbidsChange);
  EXPECT_EQ(channel.history.back().event, "ACKNOWLEDGED");
  EXPECT_EQ(channel.version, 2);
}

TEST_F(ChannelLifecycleTest, C1_AFindingMakesTheFilingInaccurateUntilCorrected) {
  OnlineChannel channel = Filed();
  ASSERT_THAT(AcknowledgeFiling(channel, "cs-center", now_), IsOk());
  EXPECT_THAT(Fields(MarkFilingInaccurate(channel, " ", "cs-center", now_)),
              ElementsAre("finding"));
  const absl::Time found = now_ + absl::Hours(2);
  ASSERT_THAT(MarkFilingInaccurate(channel, "地址已停用", "cs-center", found), IsOk());
  EXPECT_EQ(channel.state, ChannelState::kInaccurate);
  ASSERT_EQ(channel.findings.size(), 1u);
  EXPECT_FALSE(channel.findings[0].corrected_at.has_value());
  EXPECT_THAT(MarkFilingInaccurate(channel, "again", "cs-center", found),
              StatusIs(absl::StatusCode::kFailedPrecondition));

  FilingForm corrected = ValidForm();
  corrected.address = "service@sh.example.cn";
  corrected.service_time = "7×24小时，每天两次";
  const absl::Time fixed = ShanghaiTime(2026, 5, 6, 10, 0);
  ASSERT_THAT(CorrectFiling(channel, corrected, "unit-staff", fixed, calendar_), IsOk());
  EXPECT_EQ(channel.state, ChannelState::kFiled);
  EXPECT_FALSE(channel.acknowledged_at.has_value());
  ASSERT_EQ(channel.form_versions.size(), 2u);
  EXPECT_EQ(channel.form().address, "service@sh.example.cn");
  EXPECT_EQ(channel.form().filed_at, fixed);
  EXPECT_EQ(channel.findings[0].corrected_at, fixed);
  EXPECT_EQ(channel.service_time, (ServiceTime{true, 2}));
  // Never checked: the next check is due 12 h after the correction.
  EXPECT_EQ(channel.next_check_due, fixed + absl::Hours(12));
  EXPECT_EQ(channel.history.back().event, "CORRECTED");
  ExpectConsecutiveHistory(channel);
}

TEST_F(ChannelLifecycleTest, C1_ACorrectionKeepsTheUnitAndCountsFromTheLastCheck) {
  OnlineChannel channel = Filed();
  const absl::Time checked = ShanghaiTime(2026, 4, 30, 11, 0);
  ASSERT_TRUE(RecordCheck(channel, {checked, "张三", 0}, "张三", checked, calendar_).ok());
  FilingForm moved = ValidForm();
  moved.unit_id = "mobile";
  moved.capacity = "";
  const absl::Status status =
      CorrectFiling(channel, moved, "unit-staff", checked + absl::Hours(1), calendar_);
  EXPECT_THAT(Fields(status), UnorderedElementsAre("form.unit_id", "form.capacity"));
  EXPECT_EQ(channel.form_versions.size(), 1u);
  FilingForm thrice = ValidForm();
  thrice.service_time = "工作时间每天3次";  // every 2 h 30 min of working time
  ASSERT_THAT(CorrectFiling(channel, thrice, "unit-staff", checked + absl::Hours(1), calendar_),
              IsOk());
  EXPECT_EQ(channel.next_check_due, ShanghaiTime(2026, 4, 30, 14, 30));
}

TEST_F(ChannelLifecycleTest, C1_ARetiredChannelTakesNoMoreSteps) {
  OnlineChannel channel = Filed();
  EXPECT_THAT(Fields(RetireChannel(channel, "", "unit-staff", now_)), ElementsAre("reason"));
  ASSERT_THAT(RetireChannel(channel, "停用", "unit-staff", now_ + absl::Hours(1)), IsOk());
  EXPECT_EQ(channel.state, ChannelState::kRetired);
  EXPECT_FALSE(channel.next_check_due.has_value());
  EXPECT_EQ(RetiredAt(channel), now_ + absl::Hours(1));
  EXPECT_THAT(RetireChannel(channel, "again", "u", now_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(CorrectFiling(channel, ValidForm(), "u", now_, calendar_),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("RETIRED")));
  EXPECT_THAT(AcknowledgeFiling(channel, "c", now_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(RecordCheck(channel, {now_, "张三", 0}, "张三", now_ + absl::Hours(2), calendar_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(RecordPublication(channel, {}, true, {}, "u", now_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  ExpectConsecutiveHistory(channel);
}

TEST_F(ChannelLifecycleTest, C1_TheStateAtAnInstantIsReplayedFromTheHistory) {
  OnlineChannel channel = Filed();
  ASSERT_THAT(AcknowledgeFiling(channel, "c", now_ + absl::Hours(1)), IsOk());
  ASSERT_THAT(MarkFilingInaccurate(channel, "x", "c", now_ + absl::Hours(2)), IsOk());
  EXPECT_EQ(StateAt(channel, now_ - absl::Seconds(1)), ChannelState::kUnspecified);
  EXPECT_EQ(StateAt(channel, now_), ChannelState::kFiled);
  EXPECT_EQ(StateAt(channel, now_ + absl::Minutes(90)), ChannelState::kAcknowledged);
  EXPECT_EQ(StateAt(channel, now_ + absl::Hours(3)), ChannelState::kInaccurate);
}

TEST_F(ChannelLifecycleTest, C4_APublicationIsDeduplicatedAndReplacesTheLanguages) {
  OnlineChannel channel = Filed();
  EXPECT_THAT(
      Fields(RecordPublication(channel, {PublishedItem::kUnspecified}, false, {"EN"}, "u", now_)),
      ElementsAre("items[0]", "languages[0]"));
  ASSERT_THAT(
      RecordPublication(channel,
                        {PublishedItem::kCharges, PublishedItem::kScope, PublishedItem::kCharges},
                        true, {"zh", "en"}, "u", now_),
      IsOk());
  EXPECT_THAT(channel.publication.items,
              ElementsAre(PublishedItem::kScope, PublishedItem::kCharges));
  EXPECT_TRUE(channel.publication.service_standards_published);
  EXPECT_EQ(channel.publication.recorded_at, now_);
  EXPECT_THAT(channel.form().languages, ElementsAre("zh", "en"));
  EXPECT_EQ(channel.form_versions.size(), 1u);
  EXPECT_EQ(channel.history.back().event, "PUBLICATION_RECORDED");
}

TEST_F(ChannelLifecycleTest, C5_OnlyTheAssignedStaffRecordChecks) {
  OnlineChannel channel = Filed();
  const absl::Time at = ShanghaiTime(2026, 4, 30, 11, 0);
  const absl::Status stranger =
      RecordCheck(channel, {at, "赵六", 1}, "赵六", at, calendar_).status();
  EXPECT_THAT(stranger, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("张三, 李四")));
  EXPECT_THAT(Fields(stranger), ElementsAre("checked_by"));
  absl::StatusOr<Check> check = RecordCheck(channel, {at, "李四", 3}, "recorder", at, calendar_);
  ASSERT_TRUE(check.ok()) << check.status();
  EXPECT_FALSE(check->late);
  EXPECT_EQ(check->new_complaints, 3);
  EXPECT_EQ(check->recorded_by, "recorder");
  EXPECT_EQ(check->next_due, ShanghaiTime(2026, 4, 30, 15, 45));
  EXPECT_EQ(channel.last_checked_at, at);
  EXPECT_EQ(channel.next_check_due, ShanghaiTime(2026, 4, 30, 15, 45));
}

TEST_F(ChannelLifecycleTest, C5_ACheckAfterItsDueTimeIsLateAndBadTimesAreRefused) {
  OnlineChannel channel = Filed();  // due 2026-04-30 13:45
  const absl::Time late_at = ShanghaiTime(2026, 4, 30, 13, 46);
  absl::StatusOr<Check> late =
      RecordCheck(channel, {late_at, "张三", 0}, "张三", late_at, calendar_);
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(late->late);
  // Unset time: now.
  const absl::Time now = ShanghaiTime(2026, 4, 30, 15, 0);
  absl::StatusOr<Check> unset =
      RecordCheck(channel, {absl::nullopt, "张三", 0}, "张三", now, calendar_);
  ASSERT_TRUE(unset.ok());
  EXPECT_EQ(unset->checked_at, now);
  EXPECT_FALSE(unset->late);
  EXPECT_THAT(
      Fields(RecordCheck(channel, {now + absl::Seconds(1), "张三", 0}, "张三", now, calendar_)
                 .status()),
      ElementsAre("checked_at"));
  EXPECT_THAT(
      Fields(RecordCheck(channel, {now - absl::Seconds(1), "张三", -1}, "张三", now, calendar_)
                 .status()),
      ElementsAre("checked_at", "new_complaints"));
  // At the same instant as the last check: allowed.
  EXPECT_TRUE(RecordCheck(channel, {now, "张三", 0}, "张三", now, calendar_).ok());
  // 15:00 + 3 h 45 min of working time: 2 h 30 min to 17:30, 1 h 15 min after Labour Day.
  EXPECT_EQ(channel.next_check_due, ShanghaiTime(2026, 5, 6, 10, 15));
  EXPECT_FALSE(ChannelCheckOverdue(channel, ShanghaiTime(2026, 5, 6, 10, 15)));
  EXPECT_TRUE(ChannelCheckOverdue(channel, ShanghaiTime(2026, 5, 6, 10, 15, 1)));
}

TEST_F(ChannelLifecycleTest, C2_AFaultIsDueWithinTheRepairPeriod) {
  OnlineChannel channel = Filed();
  const common::Period wall{common::PeriodUnit::kWallHours, 24};
  const absl::Time opened = ShanghaiTime(2026, 4, 30, 16, 0);
  absl::StatusOr<Fault> fault = OpenFault(channel, {FaultOrigin::kReported, "无法登录", opened},
                                          "u", opened, wall, calendar_);
  ASSERT_TRUE(fault.ok()) << fault.status();
  EXPECT_EQ(fault->repair_due, ShanghaiTime(2026, 5, 1, 16, 0));
  EXPECT_EQ(fault->unit_id, "broadband");
  EXPECT_EQ(channel.history.back().event, "FAULT_OPENED");
  // In working hours the period runs on the calendar: 4 working hours from Thursday 16:00 skip
  // Labour Day to Wednesday 05-06 11:30.
  absl::StatusOr<Fault> working =
      OpenFault(channel, {FaultOrigin::kReported, "x", opened}, "u", opened,
                {common::PeriodUnit::kWorkingHours, 4}, calendar_);
  ASSERT_TRUE(working.ok());
  EXPECT_EQ(working->repair_due, ShanghaiTime(2026, 5, 6, 11, 30));
  EXPECT_FALSE(FaultOverdue(*fault, fault->repair_due));
  EXPECT_TRUE(FaultOverdue(*fault, fault->repair_due + absl::Seconds(1)));
}

TEST_F(ChannelLifecycleTest, C2_FaultInputIsChecked) {
  OnlineChannel channel = Filed();
  const common::Period wall{common::PeriodUnit::kWallHours, 24};
  EXPECT_THAT(Fields(OpenFault(channel, {FaultOrigin::kUnspecified, "", now_ + absl::Hours(1)}, "u",
                               now_, wall, calendar_)
                         .status()),
              ElementsAre("origin", "description", "opened_at"));
  absl::StatusOr<Fault> full = OpenFault(channel, {FaultOrigin::kMailboxFull, "", absl::nullopt},
                                         std::string(kServiceActor), now_, wall, calendar_);
  ASSERT_TRUE(full.ok());
  EXPECT_THAT(full->description, HasSubstr("信箱已满"));
  EXPECT_EQ(full->opened_at, now_);
  EXPECT_THAT(OpenFault(channel, {FaultOrigin::kReported, "x", absl::nullopt}, "u", now_,
                        {common::PeriodUnit::kWallHours, 0}, calendar_),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ChannelLifecycleTest, C2_ClosingAFaultRecordsTheRepair) {
  OnlineChannel channel = Filed();
  const common::Period wall{common::PeriodUnit::kWallHours, 24};
  absl::StatusOr<Fault> fault = OpenFault(channel, {FaultOrigin::kReported, "down", absl::nullopt},
                                          "u", now_, wall, calendar_);
  ASSERT_TRUE(fault.ok());
  fault->id = 9;
  const absl::Time later = now_ + absl::Hours(30);
  EXPECT_THAT(Fields(CloseFault(channel, *fault, now_ - absl::Seconds(1), "", "u", later)),
              ElementsAre("repaired_at"));
  EXPECT_THAT(Fields(CloseFault(channel, *fault, later + absl::Seconds(1), "", "u", later)),
              ElementsAre("repaired_at"));
  ASSERT_THAT(CloseFault(channel, *fault, absl::nullopt, "重启服务", "u", later), IsOk());
  EXPECT_EQ(fault->repaired_at, later);
  EXPECT_EQ(fault->repair_note, "重启服务");
  EXPECT_FALSE(FaultRepairedInTime(*fault));
  EXPECT_TRUE(FaultOverdue(*fault, later));
  EXPECT_THAT(channel.history.back().detail, HasSubstr("FT-9"));
  const absl::Status again = CloseFault(channel, *fault, absl::nullopt, "", "u", later);
  EXPECT_THAT(again, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("already closed")));
  ExpectConsecutiveHistory(channel);
}

TEST_F(ChannelLifecycleTest, C6_OnlyAMailboxTakesSamplesAndAssistanceRequests) {
  OnlineChannel mailbox = Filed();
  EXPECT_THAT(CheckTakesUsageSamples(mailbox), IsOk());
  EXPECT_THAT(Fields(RequestAssistance(mailbox, "", "u", now_).status()), ElementsAre("text"));
  absl::StatusOr<AssistanceRequest> request = RequestAssistance(mailbox, "请求扩容", "u", now_);
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->requested_at, now_);
  EXPECT_EQ(mailbox.history.back().event, "ASSISTANCE_REQUESTED");
  FilingForm web = ValidForm();
  web.kind = ChannelKind::kWebForm;
  web.address = "https://example.cn/form";
  OnlineChannel form_channel = Filed(web);
  EXPECT_THAT(CheckTakesUsageSamples(form_channel),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("WEB_FORM")));
}

}  // namespace
}  // namespace cs::channel

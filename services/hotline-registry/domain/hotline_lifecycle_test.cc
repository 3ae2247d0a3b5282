// H1–H5 (A2 7.1–7.4, forms F1 and F2): registration approved before a hotline serves, changes filed
// and approved beforehand, the old number's 3-month transition, department-wide notices.
#include "services/hotline-registry/domain/hotline_lifecycle.h"

#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::hotline {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const common::Period kThreeMonths{common::PeriodUnit::kMonths, 3};

const common::WorkingCalendar& Calendar() {
  static const auto* const kCalendar =
      new common::WorkingCalendar(common::testing::Cn2026Calendar());
  return *kCalendar;
}

ServiceHours WeekdayHours() {
  ServiceHours hours;
  for (int weekday = 1; weekday <= 5; ++weekday) hours.periods.push_back({weekday, 540, 1050});
  hours.on_public_holidays = HolidayBehaviour::kClosed;
  return hours;
}

RegistrationForm CompleteForm() {
  RegistrationForm form;
  form.unit_id = "broadband";
  form.number = "021-5888 1234";
  form.service_hours = WeekdayHours();
  form.established_on = ShanghaiTime(2026, 1, 5, 0, 0);
  form.audience = "宽带用户";
  form.description = "宽带业务咨询与报修";
  form.charges = "免费（市话费由主叫方承担）";
  form.staffing = "专职 4 人，两班轮值";
  form.contact_a = {"张三", "021-5888 0001", "zhangsan@example.cn"};
  form.contact_b = {"李四", "13800138000", ""};
  form.handler = "王五";
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

std::vector<std::string> Events(const Hotline& hotline) {
  std::vector<std::string> events;
  for (const HistoryEntry& entry : hotline.history) events.push_back(entry.event);
  return events;
}

const absl::Time kFiled = ShanghaiTime(2026, 3, 2, 10, 0);

Hotline ActiveHotline() {
  absl::StatusOr<Hotline> hotline = NewHotline(CompleteForm(), kFiled, "clerk");
  EXPECT_OK(hotline.status());
  hotline->id = 7;
  EXPECT_OK(SignRegistration(*hotline, "manager", kFiled + absl::Hours(1)));
  EXPECT_OK(DecideRegistration(*hotline, true, "", "cs-center", kFiled + absl::Hours(2)));
  return *std::move(hotline);
}

ChangeForm NumberChange(absl::Time change_at, absl::Time ends_at) {
  ChangeForm form;
  form.change_at = change_at;
  form.item = ChangeItem::kNumberChange;
  form.reason = "号码资源调整";
  form.handler = "王五";
  form.new_number = "4008-888-888";
  form.transition_kind = TransitionKind::kVoicePrompt;
  form.transition_ends_at = ends_at;
  return form;
}

absl::Status File(Hotline& hotline, ChangeForm form, absl::Time now,
                  std::string change_id = "CH-1") {
  return FileChange(hotline, std::move(change_id), std::move(form), now, "clerk", kThreeMonths,
                    Calendar());
}

// --- H1 -------------------------------------------------------------------------------------

TEST(HotlineLifecycleTest, H1_ARegistrationNeedsEveryFieldOfFormF1) {
  EXPECT_THAT(Fields(ValidateRegistrationForm(CompleteForm())), IsEmpty());
  EXPECT_THAT(Fields(ValidateRegistrationForm(RegistrationForm{})),
              UnorderedElementsAre("form.unit_id", "form.number", "form.service_hours",
                                   "form.established_on", "form.audience", "form.description",
                                   "form.charges", "form.staffing", "form.contact_a.person",
                                   "form.contact_a.phone", "form.contact_b.person",
                                   "form.contact_b.phone", "form.handler"));
  const absl::StatusOr<Hotline> refused = NewHotline(RegistrationForm{}, kFiled, "clerk");
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument,
                                AllOf(HasSubstr("form F1"), HasSubstr("form.contact_b.phone"))));
  EXPECT_EQ(common::ReasonOf(refused.status()), common::reason::kMissingRequiredFields);
}

TEST(HotlineLifecycleTest, H1_NumbersAreDigitsWithSeparatorsAndContactsTwoPeople) {
  RegistrationForm form = CompleteForm();
  for (const char* ok : {"021-5888 1234", "4008-888-888", "10000", "(021) 5888-1234"}) {
    form.number = ok;
    EXPECT_THAT(Fields(ValidateRegistrationForm(form)), IsEmpty()) << ok;
  }
  for (const char* bad : {"4008-CALL-CS", "1000", "021-5888 1234#8", "热线", "021_5888"}) {
    form.number = bad;
    EXPECT_THAT(Fields(ValidateRegistrationForm(form)), ElementsAre("form.number")) << bad;
  }
  form = CompleteForm();
  form.contact_a.phone = "call me";
  form.contact_b.person = form.contact_a.person;
  form.remarks = std::string(2001, 'x');
  form.service_hours.periods.push_back({1, 600, 700});  // inside Monday's period
  EXPECT_THAT(Fields(ValidateRegistrationForm(form)),
              UnorderedElementsAre("form.contact_a.phone", "form.contact_b.person", "form.remarks",
                                   "form.service_hours.periods[5]"));
}

TEST(HotlineLifecycleTest, H1_OnlyAnApprovedHotlineIsActive) {
  RegistrationForm form = CompleteForm();
  form.manager_signature = Signature{"forged", kFiled};  // only SignRegistration signs
  ASSERT_OK_AND_ASSIGN(Hotline hotline, NewHotline(form, kFiled, "clerk"));
  hotline.id = 7;
  EXPECT_EQ(hotline.state, HotlineState::kPendingSignature);
  EXPECT_EQ(hotline.number, "021-5888 1234");
  EXPECT_EQ(hotline.service_hours, WeekdayHours());
  EXPECT_EQ(hotline.registration.filed_at, kFiled);
  EXPECT_FALSE(hotline.registration.manager_signature.has_value());

  // The CS center decides only what the unit's manager signed.
  const absl::Status early = DecideRegistration(hotline, true, "", "cs-center", kFiled);
  EXPECT_THAT(early, StatusIs(absl::StatusCode::kFailedPrecondition,
                              AllOf(HasSubstr("HL-7"), HasSubstr("PENDING_SIGNATURE"))));
  EXPECT_EQ(common::ReasonOf(early), common::reason::kStateForbidsChange);

  EXPECT_THAT(SignRegistration(hotline, "", kFiled),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("signed_by")));
  ASSERT_OK(SignRegistration(hotline, "manager", kFiled + absl::Hours(1)));
  EXPECT_EQ(hotline.state, HotlineState::kPendingApproval);
  EXPECT_EQ(hotline.registration.manager_signature,
            (Signature{"manager", kFiled + absl::Hours(1)}));
  EXPECT_THAT(SignRegistration(hotline, "manager", kFiled + absl::Hours(1)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("PENDING_APPROVAL")));

  ASSERT_OK(DecideRegistration(hotline, true, "", "cs-center", kFiled + absl::Hours(2)));
  EXPECT_EQ(hotline.state, HotlineState::kActive);
  EXPECT_EQ(hotline.approval, (Decision{true, "cs-center", kFiled + absl::Hours(2), ""}));
  EXPECT_THAT(Events(hotline), ElementsAre("FILED", "SIGNED", "APPROVED"));
  EXPECT_THAT(hotline.history,
              ElementsAre(Field(&HistoryEntry::sequence, 1), Field(&HistoryEntry::sequence, 2),
                          Field(&HistoryEntry::sequence, 3)));
  EXPECT_EQ(hotline.history[1].actor, "manager");
  EXPECT_EQ(hotline.version, 3);
  EXPECT_EQ(hotline.updated_at, kFiled + absl::Hours(2));
}

TEST(HotlineLifecycleTest, H1_ARejectionNeedsAReason) {
  ASSERT_OK_AND_ASSIGN(Hotline hotline, NewHotline(CompleteForm(), kFiled, "clerk"));
  ASSERT_OK(SignRegistration(hotline, "manager", kFiled));
  EXPECT_THAT(DecideRegistration(hotline, false, "  ", "cs-center", kFiled),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  EXPECT_EQ(hotline.state, HotlineState::kPendingApproval);
  ASSERT_OK(DecideRegistration(hotline, false, "A2 7.1: 原则上不应设立", "cs-center", kFiled));
  EXPECT_EQ(hotline.state, HotlineState::kRejected);
  EXPECT_THAT(Events(hotline), ElementsAre("FILED", "SIGNED", "REJECTED"));
  EXPECT_EQ(hotline.history.back().detail, "A2 7.1: 原则上不应设立");
}

TEST(HotlineLifecycleTest, HotlineIdsAreHlN) {
  EXPECT_EQ(FormatHotlineId(42), "HL-42");
  EXPECT_THAT(ParseHotlineId("HL-42", "hotline_id"), IsOkAndHolds(42));
  for (const char* bad : {"", "HL-", "HL-0", "HL-042", "HL--1", "hl-4", "42", "HL-4x"}) {
    EXPECT_THAT(ParseHotlineId(bad, "hotline_id"),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("hotline_id")))
        << bad;
  }
}

// --- H2 -------------------------------------------------------------------------------------

TEST(HotlineLifecycleTest, H2_AChangeIsFiledForAnActiveHotlineBeforehand) {
  ASSERT_OK_AND_ASSIGN(Hotline pending, NewHotline(CompleteForm(), kFiled, "clerk"));
  ChangeForm cancel;
  cancel.change_at = ShanghaiTime(2026, 5, 1, 0, 0);
  cancel.item = ChangeItem::kCancellation;
  cancel.reason = "业务调整";
  cancel.handler = "王五";
  EXPECT_THAT(File(pending, cancel, kFiled),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("PENDING_SIGNATURE"), HasSubstr("ACTIVE"))));

  Hotline hotline = ActiveHotline();
  const absl::Time now = ShanghaiTime(2026, 4, 1, 10, 0);
  ChangeForm late = cancel;
  late.change_at = now;  // 事先: the change time must lie ahead
  EXPECT_THAT(File(hotline, late, now),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("form.change_at"), HasSubstr("事先"))));
  ChangeForm empty;
  EXPECT_THAT(Fields(File(hotline, empty, now)),
              UnorderedElementsAre("form.change_at", "form.item", "form.reason", "form.handler"));
  ChangeForm other_unit = cancel;
  other_unit.unit_id = "idc";
  other_unit.number = "021-0000 0000";
  EXPECT_THAT(Fields(File(hotline, other_unit, now)),
              UnorderedElementsAre("form.unit_id", "form.number"));

  ASSERT_OK(File(hotline, cancel, now));
  ASSERT_EQ(hotline.changes.size(), 1u);
  const HotlineChange& change = hotline.changes[0];
  EXPECT_EQ(change.change_id, "CH-1");
  EXPECT_EQ(change.state, ChangeState::kPendingSignature);
  EXPECT_EQ(change.form.filed_at, now);
  EXPECT_EQ(change.form.unit_id, "broadband");
  EXPECT_EQ(change.form.number, "021-5888 1234");
  EXPECT_EQ(hotline.history.back().event, "CHANGE_FILED");
}

TEST(HotlineLifecycleTest, H2_AnApprovalAfterTheChangeTimeIsRefused) {
  Hotline hotline = ActiveHotline();
  const absl::Time now = ShanghaiTime(2026, 4, 1, 10, 0);
  const absl::Time change_at = ShanghaiTime(2026, 4, 10, 0, 0);
  ChangeForm form;
  form.change_at = change_at;
  form.item = ChangeItem::kOther;
  form.reason = "更换语音导航";
  form.handler = "王五";
  ASSERT_OK(File(hotline, form, now));
  ASSERT_OK(SignChange(hotline, "CH-1", "manager", now + absl::Hours(1)));
  EXPECT_EQ(hotline.changes[0].state, ChangeState::kPendingApproval);

  for (absl::Time too_late : {change_at, change_at + absl::Hours(3)}) {
    const absl::Status refused = DecideChange(hotline, "CH-1", true, "", "cs-center", too_late);
    EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition,
                                  AllOf(HasSubstr("CH-1"), HasSubstr("beforehand"),
                                        HasSubstr("2026-04-09T16:00:00Z"))));
    EXPECT_EQ(common::ReasonOf(refused), common::reason::kStateForbidsChange);
    EXPECT_EQ(hotline.changes[0].state, ChangeState::kPendingApproval);
  }
  // The sweep then lapses it: the change may not be made.
  const SweepResult swept = ApplyDueChanges(hotline, change_at + absl::Hours(3));
  EXPECT_THAT(swept.lapsed, ElementsAre("CH-1"));
  EXPECT_EQ(hotline.changes[0].state, ChangeState::kLapsed);
  EXPECT_EQ(hotline.history.back().event, "CHANGE_LAPSED");
  EXPECT_EQ(hotline.history.back().actor, kSweepActor);
}

TEST(HotlineLifecycleTest, H2_AnApprovedChangeTakesEffectAtItsChangeTimeNotBefore) {
  Hotline hotline = ActiveHotline();
  const absl::Time now = ShanghaiTime(2026, 4, 1, 10, 0);
  const absl::Time change_at = ShanghaiTime(2026, 4, 10, 0, 0);
  ChangeForm form;
  form.change_at = change_at;
  form.item = ChangeItem::kServiceHours;
  form.reason = "延长服务时间";
  form.handler = "王五";
  form.service_hours = ServiceHours{true, {}, HolidayBehaviour::kUnspecified};
  ASSERT_OK(File(hotline, form, now));
  EXPECT_THAT(DecideChange(hotline, "CH-1", true, "", "cs-center", now),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("PENDING_SIGNATURE")));
  EXPECT_THAT(DecideChange(hotline, "CH-9", true, "", "cs-center", now),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("CH-9")));
  ASSERT_OK(SignChange(hotline, "CH-1", "manager", now));
  ASSERT_OK(DecideChange(hotline, "CH-1", true, "同意", "cs-center", change_at - absl::Seconds(1)));
  EXPECT_EQ(hotline.changes[0].state, ChangeState::kApproved);
  EXPECT_EQ(hotline.changes[0].cs_center_opinion,
            (Decision{true, "cs-center", change_at - absl::Seconds(1), "同意"}));

  EXPECT_FALSE(ApplyDueChanges(hotline, change_at - absl::Seconds(1)).changed());
  EXPECT_EQ(hotline.service_hours, WeekdayHours());
  const SweepResult swept = ApplyDueChanges(hotline, change_at);
  EXPECT_THAT(swept.applied, ElementsAre("CH-1"));
  EXPECT_TRUE(hotline.service_hours.around_the_clock);
  EXPECT_EQ(hotline.changes[0].state, ChangeState::kApplied);
  EXPECT_FALSE(ApplyDueChanges(hotline, change_at + absl::Hours(1)).changed());
  EXPECT_THAT(Events(hotline), ElementsAre("FILED", "SIGNED", "APPROVED", "CHANGE_FILED",
                                           "CHANGE_SIGNED", "CHANGE_APPROVED", "CHANGE_APPLIED"));
}

TEST(HotlineLifecycleTest, H2_ACancellationEndsTheHotlineAtItsChangeTime) {
  Hotline hotline = ActiveHotline();
  const absl::Time now = ShanghaiTime(2026, 4, 1, 10, 0);
  ChangeForm cancel;
  cancel.change_at = ShanghaiTime(2026, 5, 1, 0, 0);
  cancel.item = ChangeItem::kCancellation;
  cancel.reason = "业务并入10000号";
  cancel.handler = "王五";
  ASSERT_OK(File(hotline, cancel, now));
  // Beside an open cancellation nothing else may be filed.
  ChangeForm other;
  other.change_at = ShanghaiTime(2026, 4, 20, 0, 0);
  other.item = ChangeItem::kOther;
  other.reason = "x";
  other.handler = "王五";
  EXPECT_THAT(File(hotline, other, now, "CH-2"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("CH-1"), HasSubstr("CANCELLATION"))));
  ASSERT_OK(SignChange(hotline, "CH-1", "manager", now));
  ASSERT_OK(DecideChange(hotline, "CH-1", true, "", "cs-center", now));
  ApplyDueChanges(hotline, ShanghaiTime(2026, 5, 1, 0, 0));
  EXPECT_EQ(hotline.state, HotlineState::kCancelled);
  EXPECT_THAT(File(hotline, other, ShanghaiTime(2026, 5, 2, 0, 0), "CH-2"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("CANCELLED")));
}

TEST(HotlineLifecycleTest, H2_DisagreeingNeedsAReason) {
  Hotline hotline = ActiveHotline();
  const absl::Time now = ShanghaiTime(2026, 4, 1, 10, 0);
  ASSERT_OK(File(
      hotline, NumberChange(ShanghaiTime(2026, 5, 1, 0, 0), ShanghaiTime(2026, 8, 2, 0, 0)), now));
  ASSERT_OK(SignChange(hotline, "CH-1", "manager", now));
  EXPECT_THAT(DecideChange(hotline, "CH-1", false, "", "cs-center", now),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  // Disagreeing is possible even after the change time: nothing takes effect.
  ASSERT_OK(DecideChange(hotline, "CH-1", false, "新号码未备案", "cs-center",
                         ShanghaiTime(2026, 5, 2, 0, 0)));
  EXPECT_EQ(hotline.changes[0].state, ChangeState::kDisagreed);
  EXPECT_EQ(hotline.history.back().event, "CHANGE_DISAGREED");
  EXPECT_FALSE(ApplyDueChanges(hotline, ShanghaiTime(2026, 6, 1, 0, 0)).changed());
  EXPECT_EQ(hotline.number, "021-5888 1234");
}

TEST(HotlineLifecycleTest, H2_SigningAfterTheChangeTimeIsRefused) {
  Hotline hotline = ActiveHotline();
  const absl::Time now = ShanghaiTime(2026, 4, 1, 10, 0);
  ChangeForm form;
  form.change_at = ShanghaiTime(2026, 4, 2, 0, 0);
  form.item = ChangeItem::kOther;
  form.reason = "x";
  form.handler = "王五";
  ASSERT_OK(File(hotline, form, now));
  EXPECT_THAT(SignChange(hotline, "CH-1", "manager", ShanghaiTime(2026, 4, 2, 0, 0)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("lapses")));
}

// --- H3 -------------------------------------------------------------------------------------

TEST(HotlineLifecycleTest, H3_TheEarliestEndIsThreeCalendarMonthsToTheEndOfTheDay) {
  // 30 Nov + 3 months = 28 Feb (29 in a leap year); 31 May + 3 months = 31 Aug; the period runs to
  // 24:00 of that day, whatever the hour of the change.
  EXPECT_THAT(EarliestTransitionEnd(ShanghaiTime(2026, 11, 30, 10, 0), kThreeMonths, Calendar()),
              IsOkAndHolds(ShanghaiTime(2027, 3, 1, 0, 0)));
  EXPECT_THAT(EarliestTransitionEnd(ShanghaiTime(2027, 11, 30, 10, 0), kThreeMonths, Calendar()),
              IsOkAndHolds(ShanghaiTime(2028, 3, 1, 0, 0)));  // 2028-02-29 is the day
  EXPECT_THAT(EarliestTransitionEnd(ShanghaiTime(2026, 5, 31, 23, 0), kThreeMonths, Calendar()),
              IsOkAndHolds(ShanghaiTime(2026, 9, 1, 0, 0)));
  EXPECT_THAT(EarliestTransitionEnd(absl::InfiniteFuture(), kThreeMonths, Calendar()),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(HotlineLifecycleTest, H3_ATransitionOfThreeMonthsMinusADayIsRefused) {
  const absl::Time now = ShanghaiTime(2026, 11, 2, 10, 0);
  const absl::Time change_at = ShanghaiTime(2026, 11, 30, 10, 0);
  for (absl::Time short_end : {ShanghaiTime(2027, 2, 28, 0, 0),       // end of 27 Feb
                               ShanghaiTime(2027, 2, 28, 23, 59)}) {  // still inside 28 Feb
    Hotline hotline = ActiveHotline();
    const absl::Status refused = File(hotline, NumberChange(change_at, short_end), now);
    EXPECT_THAT(refused,
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr("form.transition_ends_at"), HasSubstr("3 months"),
                               HasSubstr("the earliest allowed end is 2027-03-01 00:00 +08:00"))));
    EXPECT_THAT(Fields(refused), ElementsAre("form.transition_ends_at"));
    EXPECT_THAT(hotline.changes, IsEmpty());
  }
  // 31 May: 31 Aug minus a day is refused.
  Hotline hotline = ActiveHotline();
  EXPECT_THAT(
      File(hotline, NumberChange(ShanghaiTime(2026, 5, 31, 9, 0), ShanghaiTime(2026, 8, 31, 0, 0)),
           ShanghaiTime(2026, 5, 1, 9, 0)),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("the earliest allowed end is 2026-09-01 00:00 +08:00")));
}

TEST(HotlineLifecycleTest, H3_ExactlyThreeMonthsIsAcceptedAcrossMonthEnds) {
  struct Case {
    absl::Time change_at;
    absl::Time ends_at;
  };
  for (const Case& c : {Case{ShanghaiTime(2026, 11, 30, 10, 0), ShanghaiTime(2027, 3, 1, 0, 0)},
                        Case{ShanghaiTime(2027, 11, 30, 10, 0), ShanghaiTime(2028, 3, 1, 0, 0)},
                        Case{ShanghaiTime(2026, 5, 31, 9, 0), ShanghaiTime(2026, 9, 1, 0, 0)},
                        Case{ShanghaiTime(2026, 1, 31, 9, 0), ShanghaiTime(2026, 5, 1, 0, 0)}}) {
    Hotline hotline = ActiveHotline();
    EXPECT_THAT(File(hotline, NumberChange(c.change_at, c.ends_at), c.change_at - absl::Hours(48)),
                IsOk())
        << c.change_at;
  }
}

TEST(HotlineLifecycleTest, H3_ANumberChangeNeedsANewNumberAndATransition) {
  Hotline hotline = ActiveHotline();
  const absl::Time now = ShanghaiTime(2026, 4, 1, 10, 0);
  ChangeForm form = NumberChange(ShanghaiTime(2026, 5, 1, 0, 0), ShanghaiTime(2026, 8, 2, 0, 0));
  form.new_number = "02158881234";  // the current number, spelt without separators
  form.transition_kind = TransitionKind::kUnspecified;
  form.transition_ends_at.reset();
  EXPECT_THAT(
      Fields(File(hotline, form, now)),
      UnorderedElementsAre("form.new_number", "form.transition_kind", "form.transition_ends_at"));
  form.new_number = "4008-CALL-CS";
  EXPECT_THAT(
      Fields(File(hotline, form, now)),
      UnorderedElementsAre("form.new_number", "form.transition_kind", "form.transition_ends_at"));
  // The fields of a number change do not belong on another item.
  ChangeForm hours = NumberChange(ShanghaiTime(2026, 5, 1, 0, 0), ShanghaiTime(2026, 8, 2, 0, 0));
  hours.item = ChangeItem::kServiceHours;
  EXPECT_THAT(Fields(File(hotline, hours, now)),
              UnorderedElementsAre("form.service_hours", "form.new_number", "form.transition_kind",
                                   "form.transition_ends_at"));
}

TEST(HotlineLifecycleTest, H3_TheOldNumberIsListedWhileItsTransitionRuns) {
  Hotline hotline = ActiveHotline();
  const absl::Time now = ShanghaiTime(2026, 4, 1, 10, 0);
  const absl::Time change_at = ShanghaiTime(2026, 5, 31, 9, 0);
  const absl::Time ends_at = ShanghaiTime(2026, 9, 1, 0, 0);
  ASSERT_OK(File(hotline, NumberChange(change_at, ends_at), now));
  // A second number change beside the open one conflicts.
  EXPECT_THAT(File(hotline, NumberChange(change_at, ends_at), now, "CH-2"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("CH-1")));
  ASSERT_OK(SignChange(hotline, "CH-1", "manager", now));
  ASSERT_OK(DecideChange(hotline, "CH-1", true, "", "cs-center", now));
  EXPECT_THAT(TransitionsRunningAt(hotline, change_at), IsEmpty());

  ApplyDueChanges(hotline, change_at + absl::Minutes(5));
  EXPECT_EQ(hotline.number, "4008-888-888");
  const NumberTransition expected{"021-5888 1234", "4008-888-888", TransitionKind::kVoicePrompt,
                                  change_at, ends_at};
  EXPECT_THAT(hotline.transitions, ElementsAre(expected));
  EXPECT_THAT(TransitionsRunningAt(hotline, change_at), ElementsAre(expected));
  EXPECT_THAT(TransitionsRunningAt(hotline, ends_at - absl::Seconds(1)), ElementsAre(expected));
  EXPECT_THAT(TransitionsRunningAt(hotline, ends_at), IsEmpty());

  EXPECT_FALSE(ApplyDueChanges(hotline, ends_at - absl::Seconds(1)).changed());
  EXPECT_THAT(ApplyDueChanges(hotline, ends_at).transitions_ended, ElementsAre(expected));
  EXPECT_EQ(hotline.history.back().event, "TRANSITION_ENDED");
  // Recorded once.
  EXPECT_FALSE(ApplyDueChanges(hotline, ends_at + absl::Hours(24)).changed());
  EXPECT_THAT(Events(hotline),
              ElementsAre("FILED", "SIGNED", "APPROVED", "CHANGE_FILED", "CHANGE_SIGNED",
                          "CHANGE_APPROVED", "CHANGE_APPLIED", "TRANSITION_ENDED"));
}

// --- H4 -------------------------------------------------------------------------------------

Notice NumberNotice(absl::Time issued_at, absl::Time change_at) {
  Notice notice;
  notice.notice_id = "NT-1";
  notice.title = "互联网部〔2026〕3号 关于统一客服热线号码的通知";
  notice.item = ChangeItem::kNumberChange;
  notice.change_at = change_at;
  notice.issued_by = "cs-center";
  notice.issued_at = issued_at;
  notice.targets = {
      {7, "4008-888-888", TransitionKind::kAutomaticTransfer, ShanghaiTime(2026, 9, 1, 0, 0), ""},
      {8, "4008-888-889", TransitionKind::kVoicePrompt, ShanghaiTime(2026, 10, 1, 0, 0), ""}};
  return notice;
}

TEST(HotlineLifecycleTest, H4_ANoticeIsANumberChangeOrCancellationOfTheHotlinesItNames) {
  const absl::Time now = ShanghaiTime(2026, 5, 1, 9, 0);
  const absl::Time change_at = ShanghaiTime(2026, 5, 31, 9, 0);
  EXPECT_THAT(Fields(ValidateNotice(NumberNotice(now, change_at), now, kThreeMonths, Calendar())),
              IsEmpty());
  Notice bad = NumberNotice(now, change_at);
  bad.title.clear();
  bad.targets[1].hotline_id = 7;
  bad.targets[1].new_number = "4008 888 888";
  bad.targets[0].transition_ends_at = ShanghaiTime(2026, 8, 31, 0, 0);
  EXPECT_THAT(
      Fields(ValidateNotice(bad, now, kThreeMonths, Calendar())),
      UnorderedElementsAre("notice.title", "notice.targets[1].hotline_id",
                           "notice.targets[1].new_number", "notice.targets[0].transition_ends_at"));
  Notice other = NumberNotice(now, change_at);
  other.item = ChangeItem::kServiceHours;
  other.targets.clear();
  EXPECT_THAT(Fields(ValidateNotice(other, now, kThreeMonths, Calendar())),
              UnorderedElementsAre("notice.item", "notice.targets"));
  Notice cancel = NumberNotice(now, now - absl::Hours(1));
  cancel.item = ChangeItem::kCancellation;
  EXPECT_THAT(
      Fields(ValidateNotice(cancel, now, kThreeMonths, Calendar())),
      UnorderedElementsAre(
          "notice.change_at", "notice.targets[0].new_number", "notice.targets[0].transition_kind",
          "notice.targets[0].transition_ends_at", "notice.targets[1].new_number",
          "notice.targets[1].transition_kind", "notice.targets[1].transition_ends_at"));
}

TEST(HotlineLifecycleTest, H4_ANoticeChangesEachHotlineItNamesAndShowsInItsHistory) {
  const absl::Time now = ShanghaiTime(2026, 5, 1, 9, 0);
  const absl::Time change_at = ShanghaiTime(2026, 5, 31, 9, 0);
  const Notice notice = NumberNotice(now, change_at);
  Hotline hotline = ActiveHotline();
  EXPECT_THAT(ApplyNotice(hotline, notice, 1, "CH-1", now),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("HL-8")));
  ASSERT_OK(ApplyNotice(hotline, notice, 0, "CH-1", now));
  ASSERT_EQ(hotline.changes.size(), 1u);
  const HotlineChange& change = hotline.changes[0];
  EXPECT_EQ(change.state, ChangeState::kApproved);
  EXPECT_EQ(change.notice_id, "NT-1");
  EXPECT_EQ(change.form.item, ChangeItem::kNumberChange);
  EXPECT_EQ(change.form.new_number, "4008-888-888");
  EXPECT_EQ(change.form.number, "021-5888 1234");
  EXPECT_TRUE(change.cs_center_opinion.has_value() && change.cs_center_opinion->approved);
  EXPECT_EQ(hotline.history.back().event, "NOTICE");
  EXPECT_THAT(hotline.history.back().detail, AllOf(HasSubstr("NT-1"), HasSubstr("CH-1")));
  EXPECT_EQ(hotline.history.back().actor, "cs-center");

  ApplyDueChanges(hotline, change_at);
  EXPECT_EQ(hotline.number, "4008-888-888");
  EXPECT_THAT(hotline.transitions,
              ElementsAre(Field(&NumberTransition::kind, TransitionKind::kAutomaticTransfer)));

  // A hotline already on the new number, or no longer active, cannot take it.
  EXPECT_THAT(
      ApplyNotice(hotline, notice, 0, "CH-2", change_at),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("notice.targets[0].new_number")));
  Notice cancel = notice;
  cancel.item = ChangeItem::kCancellation;
  cancel.targets = {{7, "", TransitionKind::kUnspecified, absl::nullopt, ""}};
  cancel.change_at = change_at + absl::Hours(24);
  ASSERT_OK(ApplyNotice(hotline, cancel, 0, "CH-2", change_at));
  ApplyDueChanges(hotline, cancel.change_at);
  EXPECT_EQ(hotline.state, HotlineState::kCancelled);
  EXPECT_THAT(ApplyNotice(hotline, cancel, 0, "CH-3", cancel.change_at),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("CANCELLED")));
}

}  // namespace
}  // namespace cs::hotline

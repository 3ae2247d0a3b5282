#include "services/intake/domain/ticket_lifecycle.h"

#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/intake/domain/ticket_test_support.h"

namespace cs::intake {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

const absl::Time kT0 = absl::FromUnixSeconds(1790000000);

// The 2026 calendar as the only (current) version. The tickets below name version "v1", which it
// does not hold: their working time is measured on the current version.
const common::CalendarSet& Calendars() {
  static const auto* const kCalendars = new common::CalendarSet(
      *common::CalendarSet::Create({common::testing::Cn2026CalendarData()}, "cn-2026.1"));
  return *kCalendars;
}

Ticket RecordedTicket() {
  Ticket ticket;
  ticket.id = 7;
  ticket.input = testing::CompleteInput();
  ticket.status = TicketStatus::kRecorded;
  ticket.received_at = kT0;
  ticket.confirm_clock_start = kT0;
  ticket.confirm_deadline = {kT0 + absl::Hours(1), "v1"};
  ticket.version = 1;
  ticket.history.push_back({1, kT0, "clerk", "CREATED", ""});
  return ticket;
}

Outcome OutcomeOf(OutcomeKind kind, std::string forward_id = "F7-1") {
  Outcome outcome;
  outcome.message_id = "m1";
  outcome.forward_id = std::move(forward_id);
  outcome.kind = kind;
  outcome.at = kT0 + absl::Minutes(30);
  outcome.actor = "desk";
  return outcome;
}

Ticket ReceivedTicket() {
  Ticket ticket = RecordedTicket();
  EXPECT_OK(StartForward(ticket, "F7-1", kT0 + absl::Minutes(5), "clerk"));
  EXPECT_EQ(ConfirmReceipt(ticket, "F7-1", "R1", kT0 + absl::Minutes(6), Calendars()),
            ReceiptEffect::kConfirmed);
  return ticket;
}

TEST(TicketLifecycleTest, I4_ForwardWaitsForConfirmationOfThatForward) {
  Ticket ticket = RecordedTicket();
  ASSERT_OK(StartForward(ticket, "F7-1", kT0 + absl::Minutes(5), "clerk"));
  EXPECT_EQ(ticket.status, TicketStatus::kForwarding);
  EXPECT_EQ(ticket.forward->confirm_deadline, ticket.confirm_deadline);
  EXPECT_EQ(ConfirmReceipt(ticket, "F7-0", "R0", kT0, Calendars()), ReceiptEffect::kStale);
  EXPECT_EQ(ticket.status, TicketStatus::kForwarding);
  EXPECT_EQ(ConfirmReceipt(ticket, "F7-1", "R1", kT0 + absl::Minutes(6), Calendars()),
            ReceiptEffect::kConfirmed);
  EXPECT_EQ(ticket.status, TicketStatus::kReceived);
  EXPECT_EQ(ticket.forward->confirmed_at, kT0 + absl::Minutes(6));
  // A retried delivery confirms nothing new.
  EXPECT_EQ(ConfirmReceipt(ticket, "F7-1", "R1", kT0 + absl::Minutes(9), Calendars()),
            ReceiptEffect::kAlreadyConfirmed);
  EXPECT_EQ(ticket.forward->confirmed_at, kT0 + absl::Minutes(6));
}

// The ticket of issue 10: recorded on Monday 2026-06-01 at 00:00:05 in Shanghai, forwarded at once,
// with the deadline (10:00: one working hour from 09:00) computed on cn-2026.1.
Ticket ForwardedAtMidnight() {
  Ticket ticket = RecordedTicket();
  ticket.received_at = ShanghaiTime(2026, 6, 1, 0, 0, 5);
  ticket.confirm_clock_start = ticket.received_at;
  ticket.confirm_deadline = *common::ComputeDeadline(Calendars().current(), ticket.received_at,
                                                     {common::PeriodUnit::kWorkingHours, 1});
  EXPECT_OK(StartForward(ticket, "F7-1", ticket.received_at + absl::Seconds(5), "clerk"));
  return ticket;
}

TEST(TicketLifecycleTest, I5_WorkingTimeToConfirmIsRecordedWithTheReceipt) {
  Ticket ticket = ForwardedAtMidnight();
  ASSERT_EQ(ticket.forward->confirm_deadline.at, ShanghaiTime(2026, 6, 1, 10, 0));
  EXPECT_FALSE(ticket.forward->working_time_to_confirm.has_value());
  ASSERT_EQ(ConfirmReceipt(ticket, "F7-1", "R1", ShanghaiTime(2026, 6, 1, 10, 4), Calendars()),
            ReceiptEffect::kConfirmed);
  // 09:00 to 10:04.
  EXPECT_EQ(ticket.forward->working_time_to_confirm, absl::Seconds(3840));
  // A retried delivery measures nothing new.
  EXPECT_EQ(ConfirmReceipt(ticket, "F7-1", "R1", ShanghaiTime(2026, 6, 1, 15, 0), Calendars()),
            ReceiptEffect::kAlreadyConfirmed);
  EXPECT_EQ(ticket.forward->working_time_to_confirm, absl::Seconds(3840));
}

TEST(TicketLifecycleTest, I5_AnOutcomeThatProvesReceiptRecordsTheWorkingTime) {
  Ticket ticket = ForwardedAtMidnight();
  ASSERT_THAT(ApplyOutcome(ticket, OutcomeOf(OutcomeKind::kEscalateToTelecom),
                           ShanghaiTime(2026, 6, 1, 10, 4), {}, Calendars()),
              IsOkAndHolds(Field(&OutcomeEffect::confirmed_receipt, true)));
  EXPECT_EQ(ticket.forward->working_time_to_confirm, absl::Seconds(3840));
}

TEST(TicketLifecycleTest, I5_WorkingTimeIsMeasuredOnTheCalendarVersionOfTheDeadline) {
  // A later version, current by the time of confirmation, makes 1 June a day off: measured on it,
  // the working time would be 0.
  common::WorkingCalendarData later = common::testing::Cn2026CalendarData();
  later.version = "cn-2026.2";
  later.holidays.push_back({absl::CivilDay(2026, 6, 1), "announced late"});
  absl::StatusOr<common::CalendarSet> calendars =
      common::CalendarSet::Create({common::testing::Cn2026CalendarData(), later}, "cn-2026.2");
  ASSERT_THAT(calendars, IsOk());
  Ticket ticket = ForwardedAtMidnight();
  ASSERT_EQ(ticket.forward->confirm_deadline.calendar_version, "cn-2026.1");
  ASSERT_EQ(ConfirmReceipt(ticket, "F7-1", "R1", ShanghaiTime(2026, 6, 1, 10, 4), *calendars),
            ReceiptEffect::kConfirmed);
  EXPECT_EQ(ticket.forward->working_time_to_confirm, absl::Seconds(3840));
}

TEST(TicketLifecycleTest, I2_ForwardRefusedWhileRequiredElementsMissing) {
  Ticket ticket = RecordedTicket();
  ticket.input.contact_person.clear();
  EXPECT_THAT(StartForward(ticket, "F7-1", kT0, "clerk"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("contact_person")));
  EXPECT_EQ(ticket.status, TicketStatus::kRecorded);
  EXPECT_FALSE(ticket.forward.has_value());
}

TEST(TicketLifecycleTest, UpdateAndForwardRefusedOnceForwarded) {
  Ticket ticket = RecordedTicket();
  ASSERT_OK(StartForward(ticket, "F7-1", kT0, "clerk"));
  EXPECT_THAT(ApplyUpdate(ticket, ticket.input, {"problem"}, kT0, "clerk"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("FORWARDING")));
  EXPECT_THAT(StartForward(ticket, "F7-2", kT0, "clerk"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("FORWARDING")));
}

TEST(TicketLifecycleTest, I1_UnitOfFirstContactCannotChange) {
  Ticket ticket = RecordedTicket();
  TicketInput moved = ticket.input;
  moved.unit_id = "portal";
  EXPECT_THAT(ApplyUpdate(ticket, moved, {"unit_id"}, kT0, "clerk"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
}

TEST(TicketLifecycleTest, UpdateRecordsHistoryAndBumpsVersion) {
  Ticket ticket = RecordedTicket();
  TicketInput changed = ticket.input;
  changed.device_number = "021-5888 0000";
  ASSERT_OK(ApplyUpdate(ticket, changed, {"device_number"}, kT0 + absl::Minutes(1), "clerk"));
  EXPECT_EQ(ticket.input.device_number, "021-5888 0000");
  EXPECT_EQ(ticket.version, 2);
  EXPECT_THAT(ticket.history.back(), AllOf(Field(&HistoryEntry::event, "UPDATED"),
                                           Field(&HistoryEntry::detail, "device_number"),
                                           Field(&HistoryEntry::sequence, 2)));
}

TEST(TicketLifecycleTest, R2_DispatchOutcomeFillsHandlingFields) {
  Ticket ticket = ReceivedTicket();
  Outcome outcome = OutcomeOf(OutcomeKind::kInternalDispatch);
  outcome.handling_department = "broadband";
  outcome.handling_deadline = kT0 + absl::Hours(48);
  ASSERT_THAT(ApplyOutcome(ticket, outcome, kT0 + absl::Minutes(31), {}, Calendars()),
              IsOkAndHolds(Field(&OutcomeEffect::applied, true)));
  EXPECT_EQ(ticket.status, TicketStatus::kInHandling);
  EXPECT_EQ(ticket.handling_department, "broadband");
  EXPECT_EQ(ticket.handling_deadline, kT0 + absl::Hours(48));
}

TEST(TicketLifecycleTest, R4_ReturnGivesTheUnitANewConfirmationDeadline) {
  Ticket ticket = ReceivedTicket();
  ticket.confirm_miss_counted = true;
  Outcome outcome = OutcomeOf(OutcomeKind::kReturn);
  outcome.return_reason = ReturnReason::kContentIncorrect;
  outcome.fields_at_fault = {"device_number"};
  const common::Deadline next{kT0 + absl::Hours(3), "v1"};
  ASSERT_OK(ApplyOutcome(ticket, outcome, kT0 + absl::Hours(2), next, Calendars()));
  EXPECT_EQ(ticket.status, TicketStatus::kReturned);
  EXPECT_EQ(ticket.confirm_deadline, next);
  EXPECT_EQ(ticket.confirm_clock_start, kT0 + absl::Hours(2));
  EXPECT_FALSE(ticket.confirm_miss_counted);
  EXPECT_THAT(ticket.fields_at_fault, ElementsAre("device_number"));
  // Corrected and forwarded again: a new forward with the new deadline.
  ASSERT_OK(StartForward(ticket, "F7-2", kT0 + absl::Hours(2) + absl::Minutes(10), "clerk"));
  EXPECT_EQ(ticket.forward->confirm_deadline, next);
  EXPECT_EQ(ticket.return_reason, ReturnReason::kUnspecified);
}

TEST(TicketLifecycleTest, R4_ReturnedTicketClosedWithTheUnitsOwnReply) {
  Ticket ticket = ReceivedTicket();
  Outcome outcome = OutcomeOf(OutcomeKind::kReturn);
  outcome.return_reason = ReturnReason::kNotTelecomBusiness;
  ASSERT_OK(ApplyOutcome(ticket, outcome, kT0 + absl::Hours(1), {}, Calendars()));
  EXPECT_THAT(Close(ticket, {}, kT0 + absl::Hours(2), "clerk"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reply_text")));
  ASSERT_OK(Close(ticket, {"此事不属电信业务，请联系物业。", ReplyChannel::kSms, absl::nullopt},
                  kT0 + absl::Hours(2), "clerk"));
  EXPECT_EQ(ticket.status, TicketStatus::kClosed);
  ASSERT_EQ(ticket.replies.size(), 1u);
  EXPECT_EQ(ticket.replies[0].replied_by, "broadband");
  EXPECT_EQ(ticket.replies[0].channel, ReplyChannel::kSms);
}

// Issue 11: a ticket lacking required elements (I2) cannot be forwarded; when the caller cannot be
// reached for them, the unit of first contact answers the user itself (M 7.3) and closes it.
TEST(TicketLifecycleTest, I2_ARecordedTicketThatCannotBeForwardedIsAnsweredByTheUnitAndClosed) {
  Ticket ticket = RecordedTicket();
  ticket.input.device_number.clear();
  ticket.input.contact_phone.clear();
  EXPECT_THAT(Close(ticket, {}, kT0 + absl::Minutes(30), "clerk"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reply_text")));
  ASSERT_OK(Close(ticket,
                  {"您的来信未提供设备号码和联系方式，请拨打10000或再次来信。",
                   ReplyChannel::kEmail, absl::nullopt},
                  kT0 + absl::Minutes(30), "clerk"));
  EXPECT_EQ(ticket.status, TicketStatus::kClosed);
  EXPECT_EQ(ticket.closed_at, kT0 + absl::Minutes(30));
  EXPECT_EQ(ticket.replied_to_user_at, kT0 + absl::Minutes(30));
  ASSERT_EQ(ticket.replies.size(), 1u);
  EXPECT_EQ(ticket.replies[0].replied_by, "broadband");
  EXPECT_EQ(ticket.replies[0].channel, ReplyChannel::kEmail);
  ASSERT_GE(ticket.history.size(), 3u);
  const HistoryEntry& answered = ticket.history[ticket.history.size() - 2];
  EXPECT_EQ(answered.event, "ANSWERED_WITHOUT_FORWARD");
  EXPECT_THAT(answered.detail, AllOf(HasSubstr("device_number"), HasSubstr("contact_phone")));
  EXPECT_EQ(ticket.history.back().event, "CLOSED");
  EXPECT_FALSE(ticket.forward.has_value());
}

// A complete ticket must go to the designated unit (A5 6.2): the unit may not answer it instead.
TEST(TicketLifecycleTest, I4_ACompleteRecordedTicketMustBeForwardedNotClosed) {
  Ticket ticket = RecordedTicket();
  EXPECT_THAT(Close(ticket, {"已答复。", ReplyChannel::kEmail, absl::nullopt}, kT0, "clerk"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("forward it")));
  EXPECT_EQ(ticket.status, TicketStatus::kRecorded);
  EXPECT_TRUE(ticket.replies.empty());
}

TEST(TicketLifecycleTest, CloseRefusedWhileForwardOpen) {
  Ticket ticket = RecordedTicket();
  ASSERT_OK(StartForward(ticket, "F7-1", kT0, "clerk"));
  EXPECT_THAT(Close(ticket, {}, kT0, "clerk"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("FORWARDING")));
}

TEST(TicketLifecycleTest, RepliedTicketClosesWithCallbackTime) {
  Ticket ticket = ReceivedTicket();
  Outcome reply = OutcomeOf(OutcomeKind::kReplied);
  reply.reply_text = "您好！已为您处理。";
  reply.reply_channel = ReplyChannel::kEmail;
  reply.replied_by = "service-desk";
  ASSERT_OK(ApplyOutcome(ticket, reply, kT0 + absl::Hours(1), {}, Calendars()));
  EXPECT_EQ(ticket.status, TicketStatus::kReplied);
  EXPECT_EQ(ticket.replied_to_user_at, reply.at);
  ASSERT_OK(Close(ticket, {"", ReplyChannel::kUnspecified, kT0 + absl::Hours(5)},
                  kT0 + absl::Hours(5), "clerk"));
  EXPECT_EQ(ticket.callback_at, kT0 + absl::Hours(5));
  EXPECT_EQ(ticket.closed_at, kT0 + absl::Hours(5));
}

TEST(TicketLifecycleTest, I4_OutcomeBeforeAcknowledgementConfirmsReceipt) {
  Ticket ticket = RecordedTicket();
  ASSERT_OK(StartForward(ticket, "F7-1", kT0, "clerk"));
  ASSERT_THAT(ApplyOutcome(ticket, OutcomeOf(OutcomeKind::kEscalateToTelecom),
                           kT0 + absl::Minutes(20), {}, Calendars()),
              IsOkAndHolds(AllOf(Field(&OutcomeEffect::applied, true),
                                 Field(&OutcomeEffect::confirmed_receipt, true))));
  EXPECT_EQ(ticket.status, TicketStatus::kInHandling);
  EXPECT_EQ(ticket.forward->confirmed_at, kT0 + absl::Minutes(20));
}

TEST(TicketLifecycleTest, OutcomeForAnOldForwardChangesNothing) {
  Ticket ticket = ReceivedTicket();
  const int64_t version = ticket.version;
  EXPECT_THAT(
      ApplyOutcome(ticket, OutcomeOf(OutcomeKind::kDirectReply, "F7-0"), kT0, {}, Calendars()),
      IsOkAndHolds(Field(&OutcomeEffect::applied, false)));
  EXPECT_EQ(ticket.version, version);
}

TEST(TicketLifecycleTest, R4_ReturnWithoutReasonIsInvalid) {
  Outcome outcome = OutcomeOf(OutcomeKind::kReturn);
  EXPECT_THAT(ValidateOutcome(outcome),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("return_reason")));
  outcome = OutcomeOf(OutcomeKind::kReplied);
  EXPECT_THAT(ValidateOutcome(outcome),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reply_text")));
  EXPECT_THAT(ValidateOutcome(OutcomeOf(OutcomeKind::kDirectReply)), IsOk());
}

}  // namespace
}  // namespace cs::intake

// The intake use cases against the in-memory store: roles and units, deadlines on the real 2026
// calendar, idempotency, forwarding and receipt, outcomes, closing, and the SLA observations.
#include "services/intake/core/intake_core.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/intake/domain/ticket_test_support.h"
#include "services/intake/store/in_memory_ticket_store.h"

namespace cs::intake {
namespace {

using ::cs::common::Principal;
using ::cs::common::Role;
using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

class TextEncoder final : public MessageEncoder {
 public:
  std::string EncodeForward(const Ticket& ticket) override {
    return absl::StrCat("forward:", ticket.id, ":", ticket.forward->forward_id);
  }
  std::string EncodeArchiveRecord(const Ticket& ticket) override {
    return absl::StrCat("archive:", ticket.id, ":", ticket.history.size());
  }
};

class RecordingSla final : public SlaObserver {
 public:
  struct Confirmation {
    std::string unit;
    absl::Duration working_time;
    bool met = false;
    bool counted = false;
  };
  void ReceiptConfirmed(absl::string_view unit_id, bool, absl::Duration working_time, bool met,
                        bool count) override {
    confirmations.push_back({std::string(unit_id), working_time, met, count});
  }
  void ConfirmationMissed(absl::string_view unit_id, bool) override {
    missed.push_back(std::string(unit_id));
  }
  void AwaitingConfirmation(const std::vector<AwaitingConfirmationCount>& counts) override {
    awaiting = counts;
  }
  std::vector<Confirmation> confirmations;
  std::vector<std::string> missed;
  std::vector<AwaitingConfirmationCount> awaiting;
};

class IntakeCoreTest : public ::testing::Test {
 protected:
  IntakeCoreTest()
      : units_(testing::TestUnits()),
        calendars_(
            *common::CalendarSet::Create({common::testing::Cn2026CalendarData()}, "cn-2026.1")),
        clock_(ShanghaiTime(2026, 11, 27, 10, 0)),
        core_(store_, units_, calendars_, IntakeTargets{}, clock_, encoder_, sla_) {}

  Ticket Create(TicketInput input = testing::CompleteInput(), const std::string& id = "r1") {
    auto result = core_.CreateTicket(clerk_, std::move(input), {id, "fp-" + id});
    EXPECT_THAT(result, IsOk());
    return result.ok() ? result->ticket : Ticket{};
  }

  InMemoryTicketStore store_;
  common::UnitDirectory units_;
  common::CalendarHolder calendars_;
  common::ManualClock clock_;
  TextEncoder encoder_;
  RecordingSla sla_;
  IntakeCore core_;
  const Principal clerk_{"clerk", Role::kUnitStaff, "broadband"};
  const Principal other_unit_{"other", Role::kUnitStaff, "portal"};
  const Principal center_{"center", Role::kCsCenter, ""};
  const Principal routing_{"routing", Role::kService, ""};
};

TEST_F(IntakeCoreTest, I1_RecordsAtTheCallersUnitOnly) {
  Ticket ticket = Create();
  EXPECT_EQ(ticket.status, TicketStatus::kRecorded);
  EXPECT_EQ(ticket.received_at, clock_.Now());
  EXPECT_THAT(ticket.history, ElementsAre(::testing::Field(&HistoryEntry::event, "CREATED")));
  EXPECT_THAT(core_.CreateTicket(other_unit_, testing::CompleteInput(), {"r2", "x"}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.CreateTicket(center_, testing::CompleteInput(), {"r3", "x"}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.GetTicket(other_unit_, ticket.id),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.GetTicket(center_, ticket.id), IsOk());
}

TEST_F(IntakeCoreTest, I3_SerialsCountPerUnitAndMonth) {
  EXPECT_EQ(Create(testing::CompleteInput(), "a").overall_serial, 1);
  Ticket second = Create(testing::CompleteInput(), "b");
  EXPECT_EQ(second.overall_serial, 2);
  EXPECT_EQ(second.month_serial, 2);
  EXPECT_EQ(second.serial_month, "2026-11");
  // Shanghai is UTC+8: 2026-12-01 00:30 local is still November in UTC, but the month is local.
  clock_.SetTime(ShanghaiTime(2026, 12, 1, 0, 30));
  Ticket december = Create(testing::CompleteInput(), "c");
  EXPECT_EQ(december.serial_month, "2026-12");
  EXPECT_EQ(december.month_serial, 1);
  EXPECT_EQ(december.overall_serial, 3);
}

TEST_F(IntakeCoreTest, I5_DeadlineIsOneWorkingHourOnTheCalendar) {
  // Friday 2026-11-27 17:00: half an hour today, the rest on Monday 09:30.
  clock_.SetTime(ShanghaiTime(2026, 11, 27, 17, 0));
  Ticket ticket = Create();
  EXPECT_EQ(ticket.confirm_deadline.at, ShanghaiTime(2026, 11, 30, 9, 30));
  EXPECT_EQ(ticket.confirm_deadline.calendar_version, "cn-2026.1");
}

// Past the horizon of the current version (2026-12-31) the deadline is counted on the weekly
// pattern and marked provisional. Once next year's version is loaded, new tickets use it, and a
// ticket recorded before keeps the deadline and version it was given (SPEC "Working time").
TEST_F(IntakeCoreTest, I5_DeadlinePastTheHorizonIsProvisionalUntilANewVersionIsLoaded) {
  // Thursday 2026-12-31 17:00: half an hour on the horizon day, the rest on Friday 2027-01-01,
  // a working day for the weekly pattern (a holiday in fact).
  clock_.SetTime(ShanghaiTime(2026, 12, 31, 17, 0));
  Ticket before = Create(testing::CompleteInput(), "before");
  EXPECT_EQ(before.confirm_deadline,
            (common::Deadline{ShanghaiTime(2027, 1, 1, 9, 30), "cn-2026.1", true}));

  common::WorkingCalendarData next_year = common::testing::Cn2026CalendarData();
  next_year.version = "cn-2027.1";
  next_year.horizon = absl::CivilDay(2027, 12, 31);
  next_year.holidays.push_back({absl::CivilDay(2027, 1, 1), "New Year"});
  calendars_.Replace(*common::CalendarSet::Create(
      {common::testing::Cn2026CalendarData(), next_year}, "cn-2027.1"));
  Ticket after = Create(testing::CompleteInput(), "after");
  EXPECT_EQ(after.confirm_deadline,
            (common::Deadline{ShanghaiTime(2027, 1, 4, 9, 30), "cn-2027.1", false}));
  auto kept = core_.GetTicket(clerk_, before.id);
  ASSERT_THAT(kept, IsOk());
  EXPECT_EQ(kept->confirm_deadline, before.confirm_deadline);
}

TEST_F(IntakeCoreTest, I5_SpecialRequestDeadlineIsFifteenWallMinutes) {
  clock_.SetTime(ShanghaiTime(2026, 11, 28, 20, 0));  // a Saturday evening
  TicketInput input = testing::CompleteInput();
  input.special_request = true;
  Ticket ticket = Create(input);
  EXPECT_EQ(ticket.confirm_deadline.at, ShanghaiTime(2026, 11, 28, 20, 15));
}

TEST_F(IntakeCoreTest, RetryWithSameRequestIdReturnsTheFirstTicket) {
  Ticket first = Create(testing::CompleteInput(), "same");
  auto again = core_.CreateTicket(clerk_, testing::CompleteInput(), {"same", "fp-same"});
  ASSERT_THAT(again, IsOk());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->ticket.id, first.id);
  EXPECT_THAT(core_.CreateTicket(clerk_, testing::CompleteInput(), {"same", "other-body"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
}

TEST_F(IntakeCoreTest, I4_ForwardEnqueuesOneMessageAndWaitsForReceipt) {
  Ticket ticket = Create();
  auto forwarded = core_.ForwardTicket(clerk_, ticket.id, {"f1", "ff1"});
  ASSERT_THAT(forwarded, IsOk());
  EXPECT_EQ(forwarded->status, TicketStatus::kForwarding);
  // A retry of the same forward does not forward twice.
  ASSERT_THAT(core_.ForwardTicket(clerk_, ticket.id, {"f1", "ff1"}), IsOk());
  ASSERT_THAT(store_.outbox(), SizeIs(1));
  EXPECT_EQ(store_.outbox()[0].destination, kRoutingDestination);
  EXPECT_EQ(store_.outbox()[0].payload, absl::StrCat("forward:", ticket.id, ":F", ticket.id, "-1"));
  EXPECT_THAT(core_.ForwardTicket(other_unit_, ticket.id, {"f2", "ff2"}),
              StatusIs(absl::StatusCode::kPermissionDenied));

  clock_.Advance(absl::Minutes(20));
  ASSERT_OK(core_.RecordReceipt(ticket.id, forwarded->forward->forward_id, "R-1"));
  ASSERT_OK(core_.RecordReceipt(ticket.id, forwarded->forward->forward_id, "R-1"));
  auto received = core_.GetTicket(clerk_, ticket.id);
  ASSERT_THAT(received, IsOk());
  EXPECT_EQ(received->status, TicketStatus::kReceived);
  ASSERT_THAT(sla_.confirmations, SizeIs(1));
  EXPECT_TRUE(sla_.confirmations[0].met);
  EXPECT_EQ(sla_.confirmations[0].working_time, absl::Minutes(20));
}

TEST_F(IntakeCoreTest, I5_MissIsCountedOnceBySweepAndNotAgainAtConfirmation) {
  clock_.SetTime(ShanghaiTime(2026, 9, 30, 16, 45));  // before the National Day week
  Ticket ticket = Create();
  // 45 minutes on 30 Sep, then 15 on the next working day: 8 Oct 09:15.
  EXPECT_EQ(ticket.confirm_deadline.at, ShanghaiTime(2026, 10, 8, 9, 15));
  auto forwarded = core_.ForwardTicket(clerk_, ticket.id, {"f", "f"});
  ASSERT_THAT(forwarded, IsOk());
  clock_.SetTime(ShanghaiTime(2026, 10, 8, 9, 14));
  ASSERT_OK(core_.SweepSla());
  EXPECT_THAT(sla_.missed, SizeIs(0));
  clock_.SetTime(ShanghaiTime(2026, 10, 8, 9, 16));
  ASSERT_OK(core_.SweepSla());
  ASSERT_OK(core_.SweepSla());
  EXPECT_THAT(sla_.missed, ElementsAre("broadband"));
  ASSERT_OK(core_.RecordReceipt(ticket.id, forwarded->forward->forward_id, "R"));
  ASSERT_THAT(sla_.confirmations, SizeIs(1));
  EXPECT_FALSE(sla_.confirmations[0].met);
  EXPECT_FALSE(sla_.confirmations[0].counted);
  EXPECT_EQ(sla_.confirmations[0].working_time, absl::Minutes(61));
}

TEST_F(IntakeCoreTest, I5_WorkingTimeToConfirmIsRecordedOnTheTicketAsObserved) {
  // Issue 10: recorded on Monday 2026-06-01 at 00:00:05, confirmed at 10:04 (09:00-10:04 working):
  // once by routing's acknowledgement, once by an outcome that overtook it.
  clock_.SetTime(ShanghaiTime(2026, 6, 1, 0, 0, 5));
  Ticket acknowledged = Create(testing::CompleteInput(), "a");
  Ticket reported = Create(testing::CompleteInput(), "b");
  auto forwarded = core_.ForwardTicket(clerk_, acknowledged.id, {"fa", "fa"});
  ASSERT_THAT(forwarded, IsOk());
  auto forwarded_too = core_.ForwardTicket(clerk_, reported.id, {"fb", "fb"});
  ASSERT_THAT(forwarded_too, IsOk());
  clock_.SetTime(ShanghaiTime(2026, 6, 1, 10, 4));
  ASSERT_OK(core_.RecordReceipt(acknowledged.id, forwarded->forward->forward_id, "R-1"));
  Outcome outcome;
  outcome.message_id = "msg-b";
  outcome.forward_id = forwarded_too->forward->forward_id;
  outcome.kind = OutcomeKind::kDirectReply;
  ASSERT_THAT(core_.ReportOutcome(routing_, reported.id, outcome), IsOk());

  for (int64_t id : {acknowledged.id, reported.id}) {
    auto ticket = core_.GetTicket(clerk_, id);
    ASSERT_THAT(ticket, IsOk());
    ASSERT_TRUE(ticket->forward.has_value());
    EXPECT_EQ(ticket->forward->working_time_to_confirm, absl::Seconds(3840)) << id;
  }
  ASSERT_THAT(sla_.confirmations, SizeIs(2));
  for (const RecordingSla::Confirmation& confirmation : sla_.confirmations) {
    EXPECT_EQ(confirmation.working_time, absl::Seconds(3840));
    EXPECT_FALSE(confirmation.met);  // the deadline was 10:00
  }
}

TEST_F(IntakeCoreTest, OutcomesAreAppliedOnceAndOnlyFromTheRoutingService) {
  Ticket ticket = Create();
  auto forwarded = core_.ForwardTicket(clerk_, ticket.id, {"f", "f"});
  ASSERT_THAT(forwarded, IsOk());
  Outcome outcome;
  outcome.message_id = "msg-1";
  outcome.forward_id = forwarded->forward->forward_id;
  outcome.kind = OutcomeKind::kInternalDispatch;
  outcome.at = clock_.Now();
  outcome.handling_department = "portal";
  EXPECT_THAT(core_.ReportOutcome(clerk_, ticket.id, outcome),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.ReportOutcome(routing_, ticket.id, outcome),
              ::cs::common::testing::IsOkAndHolds(true));
  EXPECT_THAT(core_.ReportOutcome(routing_, ticket.id, outcome),
              ::cs::common::testing::IsOkAndHolds(false));
  auto handled = core_.GetTicket(clerk_, ticket.id);
  ASSERT_THAT(handled, IsOk());
  EXPECT_EQ(handled->status, TicketStatus::kInHandling);
  // The outcome proved receipt, so the SLA saw the confirmation.
  EXPECT_THAT(sla_.confirmations, SizeIs(1));
}

TEST_F(IntakeCoreTest, V1_ClosingSendsTheCompleteRecordToTheArchive) {
  Ticket ticket = Create();
  auto forwarded = core_.ForwardTicket(clerk_, ticket.id, {"f", "f"});
  ASSERT_THAT(forwarded, IsOk());
  Outcome reply;
  reply.message_id = "msg-2";
  reply.forward_id = forwarded->forward->forward_id;
  reply.kind = OutcomeKind::kReplied;
  reply.at = clock_.Now();
  reply.reply_text = "已处理";
  ASSERT_THAT(core_.ReportOutcome(routing_, ticket.id, reply), IsOk());
  auto closed = core_.CloseTicket(clerk_, ticket.id, {}, {"c", "c"});
  ASSERT_THAT(closed, IsOk());
  EXPECT_EQ(closed->status, TicketStatus::kClosed);
  ASSERT_THAT(store_.outbox(), SizeIs(2));
  EXPECT_EQ(store_.outbox()[1].destination, kArchiveDestination);
  EXPECT_EQ(store_.outbox()[1].payload,
            absl::StrCat("archive:", ticket.id, ":", closed->history.size()));
}

TEST_F(IntakeCoreTest, UpdateWithStaleVersionIsAborted) {
  Ticket ticket = Create();
  TicketInput changed = ticket.input;
  changed.problem = "更新后的问题";
  EXPECT_THAT(core_.UpdateTicket(clerk_, ticket.id, changed, {"problem"}, ticket.version + 1),
              StatusIs(absl::StatusCode::kAborted));
  auto updated = core_.UpdateTicket(clerk_, ticket.id, changed, {"problem"}, ticket.version);
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->input.problem, "更新后的问题");
}

TEST_F(IntakeCoreTest, ListIsScopedToTheCallersUnit) {
  Create(testing::CompleteInput(), "a");
  TicketInput portal = testing::CompleteInput();
  portal.unit_id = "portal";
  ASSERT_THAT(core_.CreateTicket(other_unit_, portal, {"b", "b"}), IsOk());
  auto mine = core_.ListTickets(clerk_, {}, false, 0, 10);
  ASSERT_THAT(mine, IsOk());
  EXPECT_THAT(mine->tickets, SizeIs(1));
  TicketFilter theirs;
  theirs.unit_id = "portal";
  EXPECT_THAT(core_.ListTickets(clerk_, theirs, false, 0, 10),
              StatusIs(absl::StatusCode::kPermissionDenied));
  auto all = core_.ListTickets(center_, {}, false, 0, 10);
  ASSERT_THAT(all, IsOk());
  EXPECT_THAT(all->tickets, SizeIs(2));
}

TEST_F(IntakeCoreTest, I3_FormF4ShowsSerialsAndHandlingDepartmentName) {
  Ticket ticket = Create();
  auto form = core_.RenderForm(clerk_, ticket.id);
  ASSERT_THAT(form, IsOk());
  EXPECT_THAT(*form, HasSubstr("总编号 Overall No.: 1\n"));
  EXPECT_THAT(*form, HasSubstr("本月编号 No. this month: 2026-11 / 1\n"));
  EXPECT_THAT(*form, HasSubstr("投诉日期 Complaint date: 2026-11-27 10:00\n"));
}

// SPEC I5 for the assessment (SPEC §5): tickets counted in the Shanghai month of their first
// forward — one forwarded on the month's last evening in that month, one at 00:30 on the 1st (still
// the previous day in UTC) in the next — judged on time or late against their own deadline, and the
// unconfirmed ones as of the moment asked.
TEST_F(IntakeCoreTest, I5_MonthlyForwardingStatisticsCountOnTimeLateAndUnconfirmed) {
  // Friday 27 Nov 10:00: a special request (15 wall minutes) confirmed after 10 minutes: on time.
  TicketInput special = testing::CompleteInput();
  special.special_request = true;
  Ticket on_time = Create(special, "on-time");
  auto forwarded = core_.ForwardTicket(clerk_, on_time.id, {"f1", "f1"});
  ASSERT_THAT(forwarded, IsOk());
  clock_.Advance(absl::Minutes(10));
  ASSERT_OK(core_.RecordReceipt(on_time.id, forwarded->forward->forward_id, "R1"));
  // 10:10, deadline 11:10, confirmed at 11:30: late.
  Ticket late = Create(testing::CompleteInput(), "late");
  forwarded = core_.ForwardTicket(clerk_, late.id, {"f2", "f2"});
  ASSERT_THAT(forwarded, IsOk());
  clock_.SetTime(ShanghaiTime(2026, 11, 27, 11, 30));
  ASSERT_OK(core_.RecordReceipt(late.id, forwarded->forward->forward_id, "R2"));
  ASSERT_THAT(sla_.confirmations, SizeIs(2));
  EXPECT_FALSE(sla_.confirmations[1].met);  // the SLA counter agrees
  // Monday 30 Nov 20:00, the last evening of November: deadline Tuesday 1 Dec 10:00.
  clock_.SetTime(ShanghaiTime(2026, 11, 30, 20, 0));
  Ticket last_evening = Create(testing::CompleteInput(), "last-evening");
  forwarded = core_.ForwardTicket(clerk_, last_evening.id, {"f3", "f3"});
  ASSERT_THAT(forwarded, IsOk());
  EXPECT_EQ(forwarded->forward->confirm_deadline.at, ShanghaiTime(2026, 12, 1, 10, 0));
  const std::string last_evening_forward = forwarded->forward->forward_id;
  // 1 Dec 00:30 in Shanghai, 30 Nov 16:30 UTC: December's.
  clock_.SetTime(ShanghaiTime(2026, 12, 1, 0, 30));
  Ticket december = Create(testing::CompleteInput(), "december");
  ASSERT_THAT(core_.ForwardTicket(clerk_, december.id, {"f4", "f4"}), IsOk());

  auto november = core_.GetMonthlyForwardingStatistics(routing_, "broadband", "2026-11");
  ASSERT_THAT(november, IsOk());
  EXPECT_EQ(november->unit_id, "broadband");
  EXPECT_EQ(november->month, "2026-11");
  EXPECT_EQ(november->as_of, ShanghaiTime(2026, 12, 1, 0, 30));
  ForwardingCounts expected;
  expected.recorded = 3;
  expected.forwarded = 3;
  expected.confirmed_on_time = 1;
  expected.confirmed_late = 1;
  expected.unconfirmed_deadline_not_passed = 1;
  expected.special_requests = 1;
  expected.special_requests_confirmed_on_time = 1;
  EXPECT_EQ(november->counts, expected);
  auto in_december = core_.GetMonthlyForwardingStatistics(routing_, "broadband", "2026-12");
  ASSERT_THAT(in_december, IsOk());
  EXPECT_EQ(in_december->counts.recorded, 1);
  EXPECT_EQ(in_december->counts.forwarded, 1);
  EXPECT_EQ(in_december->counts.unconfirmed_deadline_not_passed, 1);

  // 1 Dec 10:01: the last-evening ticket's deadline has passed; confirmed now, it is late.
  clock_.SetTime(ShanghaiTime(2026, 12, 1, 10, 1));
  november = core_.GetMonthlyForwardingStatistics(routing_, "broadband", "2026-11");
  ASSERT_THAT(november, IsOk());
  EXPECT_EQ(november->counts.unconfirmed_deadline_passed, 1);
  EXPECT_EQ(november->counts.unconfirmed_deadline_not_passed, 0);
  ASSERT_OK(core_.RecordReceipt(last_evening.id, last_evening_forward, "R3"));
  november = core_.GetMonthlyForwardingStatistics(routing_, "broadband", "2026-11");
  ASSERT_THAT(november, IsOk());
  EXPECT_EQ(november->counts.confirmed_late, 2);
  EXPECT_EQ(november->counts.unconfirmed_deadline_passed, 0);
  EXPECT_EQ(november->counts.forwarded, 3);
}

std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

// SERVICE, CS_CENTER and OFFICE read any unit; a unit's roles their own; a bad unit or month is
// INVALID_ARGUMENT naming the field.
TEST_F(IntakeCoreTest, I5_MonthlyForwardingStatisticsAccess) {
  Create();
  const Principal office{"office", Role::kOffice, ""};
  const Principal manager{"manager", Role::kUnitManager, "broadband"};
  const Principal designated{"desk", Role::kDesignatedUnit, "service-desk"};
  const Principal archivist{"keeper", Role::kArchivist, "broadband"};
  for (const Principal& reader : {routing_, center_, office, clerk_, manager}) {
    auto stats = core_.GetMonthlyForwardingStatistics(reader, "broadband", "2026-11");
    ASSERT_THAT(stats, IsOk()) << reader.user;
    EXPECT_EQ(stats->counts.recorded, 1) << reader.user;
  }
  // A unit's roles default to their own unit.
  auto own = core_.GetMonthlyForwardingStatistics(clerk_, "", "2026-11");
  ASSERT_THAT(own, IsOk());
  EXPECT_EQ(own->unit_id, "broadband");
  EXPECT_THAT(core_.GetMonthlyForwardingStatistics(designated, "", "2026-11"), IsOk());
  EXPECT_THAT(core_.GetMonthlyForwardingStatistics(other_unit_, "broadband", "2026-11"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.GetMonthlyForwardingStatistics(designated, "broadband", "2026-11"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.GetMonthlyForwardingStatistics(archivist, "broadband", "2026-11"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.GetMonthlyForwardingStatistics(Principal{}, "broadband", "2026-11"),
              StatusIs(absl::StatusCode::kPermissionDenied));

  auto no_unit = core_.GetMonthlyForwardingStatistics(routing_, "", "2026-11");
  EXPECT_THAT(no_unit, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(no_unit.status()), ElementsAre("unit_id"));
  auto unknown = core_.GetMonthlyForwardingStatistics(center_, "nowhere", "2026-11");
  EXPECT_THAT(unknown, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(unknown.status()), ElementsAre("unit_id"));
  for (const std::string month : {"", "2026-13", "2026/11", "2026-1", "1999-12"}) {
    auto bad = core_.GetMonthlyForwardingStatistics(center_, "broadband", month);
    EXPECT_THAT(bad, StatusIs(absl::StatusCode::kInvalidArgument)) << month;
    EXPECT_THAT(ViolatedFields(bad.status()), ElementsAre("month")) << month;
  }
}

}  // namespace
}  // namespace cs::intake

// The routing use cases against the in-memory store: roles and units, deadlines on the real 2026
// calendar, idempotency, the four decisions with their reports to intake, deliveries, supervision
// and the monthly statistics (SPEC I4, R1–R7).
#include "services/routing/core/routing_core.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/routing/domain/routing_test_support.h"
#include "services/routing/store/in_memory_routing_store.h"

namespace cs::routing {
namespace {

using ::cs::common::Principal;
using ::cs::common::Role;
using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using Kind = OutcomeReport::Kind;

// Keeps every encoded report; the payload names its index.
class RecordingEncoder final : public OutcomeEncoder {
 public:
  std::string EncodeOutcome(const RoutedTicket& routed, const OutcomeReport& outcome) override {
    absl::MutexLock lock(&mutex_);
    reports_.push_back(outcome);
    forwards_.push_back(routed.forward_id);
    return absl::StrCat("report-", reports_.size() - 1);
  }
  // The report a payload stands for.
  OutcomeReport Report(const std::string& payload) {
    absl::MutexLock lock(&mutex_);
    size_t index = 0;
    EXPECT_TRUE(absl::SimpleAtoi(payload.substr(7), &index));
    return reports_.at(index);
  }

 private:
  absl::Mutex mutex_;
  std::vector<OutcomeReport> reports_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::string> forwards_ ABSL_GUARDED_BY(mutex_);
};

class RecordingSla final : public RoutingSlaObserver {
 public:
  struct Closed {
    DispatchKind kind;
    std::string unit;
    absl::Duration working_time;
    bool met;
    bool counted;
  };
  void TicketReceived(bool duplicate) override { received.push_back(duplicate); }
  void Decided(Decision decision, bool overrode, absl::Duration working_time) override {
    decided.push_back({decision, overrode});
    decision_times.push_back(working_time);
  }
  void OrderClosed(DispatchKind kind, absl::string_view unit, absl::Duration working_time, bool met,
                   bool counted) override {
    closed.push_back({kind, std::string(unit), working_time, met, counted});
  }
  void DeadlineMissed(DispatchKind, absl::string_view unit) override {
    missed.push_back(std::string(unit));
  }
  void ReminderSent(DispatchKind, absl::string_view unit) override {
    reminded.push_back(std::string(unit));
  }
  void OpenOrders(const std::vector<OpenOrderCount>& counts) override { open = counts; }
  void DeliveryAcknowledged(ReplyChannel, DeliveryPurpose, DeliveryResult result) override {
    acks.push_back(result);
  }
  void WaitingDeliveries(const std::vector<WaitingDeliveryCount>& counts) override {
    waiting = counts;
  }

  std::vector<bool> received;
  std::vector<std::pair<Decision, bool>> decided;
  std::vector<absl::Duration> decision_times;
  std::vector<Closed> closed;
  std::vector<std::string> missed;
  std::vector<std::string> reminded;
  std::vector<OpenOrderCount> open;
  std::vector<DeliveryResult> acks;
  std::vector<WaitingDeliveryCount> waiting;
};

BusinessCatalog TestCatalog(const common::UnitDirectory& units) {
  return *BusinessCatalog::Create(
      {{"broadband", "宽带", "", {"宽带"}, BusinessOwner::kDepartmentUnit, "broadband", false},
       {"mobile", "移动", "", {"手机"}, BusinessOwner::kTelecomCompany, "", false}},
      units);
}

RoutingTargets TestTargets() {
  RoutingTargets targets;
  targets.internal_handling[TicketKind::kConsultation] = {common::PeriodUnit::kWorkingDays, 2};
  targets.internal_handling[TicketKind::kComplaint] = {common::PeriodUnit::kWorkingDays, 5};
  targets.internal_handling[TicketKind::kFaultReport] = {common::PeriodUnit::kWorkingDays, 1};
  return targets;
}

class RoutingCoreTest : public ::testing::Test {
 protected:
  RoutingCoreTest()
      : units_(testing::TestUnits()),
        catalog_(TestCatalog(units_)),
        calendars_(
            *common::CalendarSet::Create({common::testing::Cn2026CalendarData()}, "cn-2026.1")),
        // Monday 2026-03-02 10:00 in Shanghai: a working day with no holiday nearby.
        clock_(ShanghaiTime(2026, 3, 2, 10, 0)),
        core_(store_, units_, catalog_, calendars_, TestTargets(), clock_, encoder_, sla_,
              [this] { ++wakes_; }) {}

  RoutedTicket Receive(int64_t ticket_id = 42, const std::string& forward_id = "",
                       ForwardedTicket ticket = testing::CompleteForward()) {
    ticket.ticket_id = ticket_id;
    auto result = core_.ReceiveForwardedTicket(
        intake_, forward_id.empty() ? absl::StrCat("F", ticket_id, "-1") : forward_id, ticket);
    EXPECT_THAT(result, IsOk());
    return result.ok() ? result->routed : RoutedTicket{};
  }

  absl::StatusOr<RoutedTicket> Decide(int64_t id, DecisionInput input,
                                      const std::string& request_id = "") {
    return core_.DecideTicket(desk_, id, input,
                              {request_id.empty() ? absl::StrCat("decide-", id) : request_id,
                               absl::StrCat("fp-", static_cast<int>(input.decision), input.unit_id,
                                            input.handling_result)});
  }

  DecisionInput Dispatch(const std::string& unit = "broadband") {
    DecisionInput input;
    input.decision = Decision::kInternalDispatch;
    input.unit_id = unit;
    if (unit != "broadband") input.reason = "another unit handles it";
    return input;
  }

  // The reports enqueued for intake so far.
  std::vector<OutcomeReport> Reports() {
    std::vector<OutcomeReport> reports;
    for (const OutboundMessage& message : store_.outbox()) {
      EXPECT_EQ(message.destination, "intake");
      EXPECT_EQ(message.kind, "ReportTicketOutcome");
      reports.push_back(encoder_.Report(message.payload));
    }
    return reports;
  }

  // Pulls everything waiting on `channel` and acknowledges it as delivered.
  std::vector<DeliveryView> DeliverAll(ReplyChannel channel) {
    absl::StatusOr<std::vector<DeliveryView>> pulled =
        core_.PullDeliveries(gateway_, {channel, 100, absl::Minutes(1)});
    EXPECT_THAT(pulled, IsOk());
    std::vector<DeliveryView> delivered;
    for (const DeliveryView& view : *pulled) {
      absl::StatusOr<DeliveryView> acked = core_.AckDelivery(
          gateway_,
          {view.delivery.id, LeaseToken(view.delivery), DeliveryResult::kDelivered, "", "mail-gw"});
      EXPECT_THAT(acked, IsOk());
      delivered.push_back(*acked);
    }
    return delivered;
  }

  InMemoryRoutingStore store_;
  common::UnitDirectory units_;
  BusinessCatalog catalog_;
  common::CalendarHolder calendars_;
  common::ManualClock clock_;
  RecordingEncoder encoder_;
  RecordingSla sla_;
  int wakes_ = 0;
  RoutingCore core_;
  const Principal intake_{"svc-intake", Role::kService, ""};
  const Principal gateway_{"svc-mail-gateway", Role::kService, ""};
  const Principal desk_{"desk-clerk", Role::kDesignatedUnit, "service-desk"};
  const Principal center_{"center", Role::kCsCenter, ""};
  const Principal broadband_{"bb-staff", Role::kUnitStaff, "broadband"};
  const Principal portal_{"portal-staff", Role::kUnitStaff, "portal"};
};

TEST_F(RoutingCoreTest, I4_ReceiptIsOncePerForwardEvenWhenIntakeRetries) {
  RoutedTicket first = Receive(42, "F42-1");
  ASSERT_OK_AND_ASSIGN(ReceiveResult again,
                       core_.ReceiveForwardedTicket(intake_, "F42-1", testing::CompleteForward()));
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.routed.id, first.id);
  EXPECT_EQ(again.routed.received_at, first.received_at);
  EXPECT_THAT(sla_.received, ElementsAre(false, true));
  ForwardedTicket other = testing::CompleteForward(43);
  EXPECT_THAT(core_.ReceiveForwardedTicket(intake_, "F42-1", other),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("F42-1")));
}

TEST_F(RoutingCoreTest, I4_OnlyServicesDeliverForwards) {
  EXPECT_THAT(core_.ReceiveForwardedTicket(desk_, "F1-1", testing::CompleteForward(1)),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.ReceiveForwardedTicket(intake_, "", testing::CompleteForward(1)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("forward_id")));
}

TEST_F(RoutingCoreTest, R5_TheSuggestionIsMadeAtReceiptAndShownToReaders) {
  RoutedTicket routed = Receive();
  EXPECT_EQ(routed.suggestion.decision, Decision::kInternalDispatch);
  EXPECT_EQ(routed.suggestion.unit_id, "broadband");
  ASSERT_OK_AND_ASSIGN(RoutedTicket read, core_.GetRoutedTicket(center_, routed.id));
  EXPECT_EQ(read.suggestion, routed.suggestion);
  EXPECT_THAT(core_.GetRoutedTicket(broadband_, routed.id),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(RoutingCoreTest, R1_OnlyTheDesignatedUnitDecides) {
  RoutedTicket routed = Receive();
  for (const Principal& caller : {broadband_, center_, intake_,
                                  Principal{"other-desk", Role::kDesignatedUnit, "broadband"}}) {
    EXPECT_THAT(core_.DecideTicket(caller, routed.id, Dispatch(), {"r1", "fp"}),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << caller.user;
  }
}

TEST_F(RoutingCoreTest, R1_DirectReplyIsReportedAndItsDeliveryReportsReplied) {
  RoutedTicket routed = Receive();
  clock_.Advance(absl::Minutes(30));
  DecisionInput input;
  input.decision = Decision::kDirectReply;
  input.reason = "本单位可以答复";
  input.handling_result = "已为您重置宽带密码。";
  ASSERT_OK_AND_ASSIGN(RoutedTicket decided, Decide(routed.id, input));
  EXPECT_EQ(decided.status, RoutedStatus::kInHandling);
  EXPECT_EQ(decided.decision->working_time_to_decide, absl::Minutes(30));
  EXPECT_THAT(sla_.decided, ElementsAre(std::make_pair(Decision::kDirectReply, true)));
  EXPECT_EQ(wakes_, 1);
  ASSERT_THAT(Reports(),
              ElementsAre(AllOf(Field(&OutcomeReport::kind, Kind::kDirectReply),
                                Field(&OutcomeReport::handling_department, "service-desk"))));

  clock_.Advance(absl::Minutes(5));
  std::vector<DeliveryView> delivered = DeliverAll(ReplyChannel::kEmail);
  ASSERT_THAT(delivered, SizeIs(1));
  EXPECT_EQ(delivered[0].delivery.recipient, "zhang@example.com");
  std::vector<OutcomeReport> reports = Reports();
  ASSERT_THAT(reports, SizeIs(2));
  EXPECT_EQ(reports[1].kind, Kind::kReplied);
  EXPECT_THAT(reports[1].reply_text, HasSubstr("已为您重置宽带密码。"));
  EXPECT_EQ(reports[1].replied_by, "service-desk");
  ASSERT_OK_AND_ASSIGN(RoutedTicket replied, core_.GetRoutedTicket(desk_, routed.id));
  EXPECT_EQ(replied.status, RoutedStatus::kReplied);
  EXPECT_EQ(replied.replied_at, clock_.Now());
}

TEST_F(RoutingCoreTest, R1_ADecisionIsIdempotentByRequestIdAndTakenOnce) {
  RoutedTicket routed = Receive();
  ASSERT_THAT(Decide(routed.id, Dispatch(), "d-1"), IsOk());
  // The retry gets the first answer and sends nothing more.
  ASSERT_OK_AND_ASSIGN(RoutedTicket retried, Decide(routed.id, Dispatch(), "d-1"));
  EXPECT_EQ(retried.status, RoutedStatus::kInHandling);
  EXPECT_THAT(Reports(), SizeIs(1));
  EXPECT_THAT(sla_.decided, SizeIs(1));
  EXPECT_THAT(Decide(routed.id, Dispatch("idc"), "d-1"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(Decide(routed.id, Dispatch("idc"), "d-2"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("IN_HANDLING")));
}

TEST_F(RoutingCoreTest, R2_HandlingDeadlineComesFromTheTargetOfTheTicketKind) {
  // Monday 10:00: a complaint gets 5 working days, a fault report 1, a consultation 2.
  ASSERT_OK_AND_ASSIGN(RoutedTicket complaint, Decide(Receive(1).id, Dispatch()));
  EXPECT_EQ(complaint.orders[0].deadline.at, ShanghaiTime(2026, 3, 9, 17, 30));
  EXPECT_EQ(complaint.orders[0].deadline.calendar_version, "cn-2026.1");
  ForwardedTicket fault = testing::CompleteForward();
  fault.kind = TicketKind::kFaultReport;
  ASSERT_OK_AND_ASSIGN(RoutedTicket fault_order, Decide(Receive(2, "", fault).id, Dispatch()));
  EXPECT_EQ(fault_order.orders[0].deadline.at, ShanghaiTime(2026, 3, 3, 17, 30));
  ForwardedTicket consultation = testing::CompleteForward();
  consultation.kind = TicketKind::kConsultation;
  ASSERT_OK_AND_ASSIGN(RoutedTicket consult_order,
                       Decide(Receive(3, "", consultation).id, Dispatch()));
  EXPECT_EQ(consult_order.orders[0].deadline.at, ShanghaiTime(2026, 3, 4, 17, 30));
  std::vector<OutcomeReport> reports = Reports();
  ASSERT_THAT(reports, SizeIs(3));
  EXPECT_EQ(reports[0].kind, Kind::kInternalDispatch);
  EXPECT_EQ(reports[0].handling_department, "broadband");
  EXPECT_EQ(reports[0].handling_deadline, ShanghaiTime(2026, 3, 9, 17, 30));
}

TEST_F(RoutingCoreTest, R2_NoTargetForTheKindRefusesTheDispatch) {
  ForwardedTicket unknown = testing::CompleteForward();
  unknown.kind = TicketKind::kUnspecified;
  RoutedTicket routed = Receive(1, "", unknown);
  EXPECT_THAT(Decide(routed.id, Dispatch()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("ticket kind")));
}

TEST_F(RoutingCoreTest, R2_OnlyTheResponsibleUnitAcceptsAndReplies) {
  ASSERT_OK_AND_ASSIGN(RoutedTicket routed, Decide(Receive().id, Dispatch()));
  const int64_t order_id = routed.orders[0].id;
  EXPECT_THAT(core_.AcceptDispatchOrder(portal_, order_id),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.AcceptDispatchOrder(desk_, order_id),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.GetDispatchOrder(portal_, order_id),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(OrderView view, core_.GetDispatchOrder(broadband_, order_id));
  EXPECT_EQ(view.ticket.problem, testing::CompleteForward().problem);
  ASSERT_OK_AND_ASSIGN(OrderView accepted, core_.AcceptDispatchOrder(broadband_, order_id));
  EXPECT_EQ(accepted.order.status, OrderStatus::kAccepted);
  EXPECT_THAT(core_.ReplyToDispatchOrder(portal_, order_id, "done", {"rep-1", "fp"}),
              StatusIs(absl::StatusCode::kPermissionDenied));

  clock_.SetTime(ShanghaiTime(2026, 3, 3, 10, 0));
  ASSERT_OK_AND_ASSIGN(
      OrderView replied,
      core_.ReplyToDispatchOrder(broadband_, order_id, "线路已修复。", {"rep-1", "fp"}));
  EXPECT_EQ(replied.order.status, OrderStatus::kReplied);
  ASSERT_THAT(sla_.closed, SizeIs(1));
  EXPECT_EQ(sla_.closed[0].unit, "broadband");
  // Monday 10:00 to Tuesday 10:00: 7.5 working hours.
  EXPECT_EQ(sla_.closed[0].working_time, absl::Minutes(450));
  EXPECT_TRUE(sla_.closed[0].met);
  EXPECT_TRUE(sla_.closed[0].counted);
  // A retry of the reply returns the closed order; another reply is refused.
  EXPECT_THAT(core_.ReplyToDispatchOrder(broadband_, order_id, "线路已修复。", {"rep-1", "fp"}),
              IsOk());
  EXPECT_THAT(sla_.closed, SizeIs(1));
  EXPECT_THAT(core_.ReplyToDispatchOrder(broadband_, order_id, "again", {"rep-2", "fp2"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("closed")));

  // The reply reaches the user in the format-1 letter signed by the unit; intake hears REPLIED.
  std::vector<DeliveryView> delivered = DeliverAll(ReplyChannel::kEmail);
  ASSERT_THAT(delivered, SizeIs(1));
  EXPECT_THAT(delivered[0].delivery.text,
              AllOf(HasSubstr("线路已修复。"), HasSubstr("中国电信上海公司宽带业务中心")));
  std::vector<OutcomeReport> reports = Reports();
  ASSERT_THAT(reports, SizeIs(2));
  EXPECT_EQ(reports[1].kind, Kind::kReplied);
  EXPECT_EQ(reports[1].replied_by, "broadband");
}

TEST_F(RoutingCoreTest, R3_EscalationIsTrackedUntilTheTelecomCompanyAcknowledges) {
  RoutedTicket received = Receive();
  DecisionInput input;
  input.decision = Decision::kEscalateToTelecom;
  input.reason = "属电信公司业务";
  ASSERT_OK_AND_ASSIGN(RoutedTicket routed, Decide(received.id, input));
  ASSERT_THAT(routed.orders, SizeIs(1));
  // 1 working day after Monday 10:00: Tuesday's close of business.
  EXPECT_EQ(routed.orders[0].deadline.at, ShanghaiTime(2026, 3, 3, 17, 30));
  const int64_t order_id = routed.orders[0].id;
  EXPECT_THAT(Reports(), ElementsAre(AllOf(Field(&OutcomeReport::kind, Kind::kEscalateToTelecom),
                                           Field(&OutcomeReport::handling_department, "telecom"))));
  ASSERT_OK_AND_ASSIGN(DeliveryPage page, core_.ListDeliveries(desk_, {}, 0, 10));
  ASSERT_THAT(page.deliveries, SizeIs(2));
  EXPECT_EQ(page.deliveries[0].delivery.purpose, DeliveryPurpose::kTelecomDispatch);
  EXPECT_EQ(page.deliveries[0].delivery.order_id, order_id);
  EXPECT_EQ(page.deliveries[1].delivery.reply_format, ReplyFormat::kForwarded);

  EXPECT_THAT(core_.AcknowledgeEscalation(broadband_, order_id, absl::nullopt, ""),
              StatusIs(absl::StatusCode::kPermissionDenied));
  clock_.SetTime(ShanghaiTime(2026, 3, 3, 9, 0));
  ASSERT_OK_AND_ASSIGN(OrderView acknowledged,
                       core_.AcknowledgeEscalation(desk_, order_id, absl::nullopt, "TC-1"));
  EXPECT_EQ(acknowledged.order.status, OrderStatus::kAcknowledged);
  EXPECT_EQ(acknowledged.order.acknowledged_at, clock_.Now());
  ASSERT_THAT(sla_.closed, SizeIs(1));
  EXPECT_EQ(sla_.closed[0].kind, DispatchKind::kTelecom);
  EXPECT_EQ(sla_.closed[0].unit, "telecom");
  EXPECT_TRUE(sla_.closed[0].met);
}

TEST_F(RoutingCoreTest, R4_ReturnIsReportedWithReasonAndFields) {
  RoutedTicket routed = Receive();
  DecisionInput input;
  input.decision = Decision::kReturn;
  input.reason = "设备号码有误";
  input.return_reason = ReturnReason::kContentIncorrect;
  input.fields_at_fault = {"device_number"};
  ASSERT_OK_AND_ASSIGN(RoutedTicket returned, Decide(routed.id, input));
  EXPECT_EQ(returned.status, RoutedStatus::kReturned);
  EXPECT_THAT(
      Reports(),
      ElementsAre(AllOf(Field(&OutcomeReport::kind, Kind::kReturn),
                        Field(&OutcomeReport::return_reason, ReturnReason::kContentIncorrect),
                        Field(&OutcomeReport::fields_at_fault, ElementsAre("device_number")))));
  // The corrected ticket comes back as a new forward: a new routed ticket, the old one kept.
  RoutedTicket again = Receive(42, "F42-2");
  EXPECT_NE(again.id, routed.id);
  RoutedTicketFilter of_ticket;
  of_ticket.ticket_id = 42;
  ASSERT_OK_AND_ASSIGN(RoutedTicketPage history, core_.ListRoutedTickets(desk_, of_ticket, 0, 10));
  ASSERT_THAT(history.routed_tickets, SizeIs(2));
  EXPECT_EQ(history.routed_tickets[0].forward_id, "F42-2");
  EXPECT_EQ(history.routed_tickets[0].status, RoutedStatus::kReceived);
  EXPECT_EQ(history.routed_tickets[1].status, RoutedStatus::kReturned);
}

TEST_F(RoutingCoreTest, R6_OverdueOrdersAreRemindedOncePerIntervalAndCountedMissedOnce) {
  ASSERT_OK_AND_ASSIGN(RoutedTicket bb, Decide(Receive(1).id, Dispatch()));
  ASSERT_OK_AND_ASSIGN(RoutedTicket pt, Decide(Receive(2).id, Dispatch("portal")));
  DecisionInput escalate;
  escalate.decision = Decision::kEscalateToTelecom;
  escalate.reason = "x";
  ASSERT_OK_AND_ASSIGN(RoutedTicket tc, Decide(Receive(3).id, escalate));

  ASSERT_THAT(core_.Supervise(), IsOk());
  EXPECT_THAT(sla_.reminded, IsEmpty());
  EXPECT_THAT(sla_.open, SizeIs(3));

  // Tuesday 17:31: only the escalation (1 working day) is past its deadline.
  clock_.SetTime(ShanghaiTime(2026, 3, 3, 17, 31));
  ASSERT_THAT(core_.Supervise(), IsOk());
  ASSERT_THAT(core_.Supervise(), IsOk());
  EXPECT_THAT(sla_.reminded, ElementsAre("telecom"));
  EXPECT_THAT(sla_.missed, ElementsAre("telecom"));

  // Tuesday 2026-03-10 09:00: the 5-working-day orders are overdue too.
  clock_.SetTime(ShanghaiTime(2026, 3, 10, 9, 0));
  ASSERT_THAT(core_.Supervise(), IsOk());
  // In order id order: broadband, portal, then the escalation's second reminder.
  EXPECT_THAT(sla_.reminded, ElementsAre("telecom", "broadband", "portal", "telecom"));
  EXPECT_THAT(sla_.missed, ElementsAre("telecom", "broadband", "portal"));
  ASSERT_OK_AND_ASSIGN(OrderView broadband, core_.GetDispatchOrder(desk_, bb.orders[0].id));
  ASSERT_THAT(broadband.order.reminders, SizeIs(1));
  EXPECT_EQ(broadband.order.reminders[0].recipient, "broadband@internet.example.cn");
  EXPECT_NE(broadband.order.reminders[0].delivery_id, 0);
  // The next one 4 working hours later: 14:00 (12:00-13:00 is lunch).
  EXPECT_EQ(broadband.order.next_reminder_at, ShanghaiTime(2026, 3, 10, 14, 0));
  ASSERT_OK_AND_ASSIGN(OrderView portal, core_.GetDispatchOrder(desk_, pt.orders[0].id));
  // The portal has no mailbox: the reminder is logged, nothing is sent.
  EXPECT_EQ(portal.order.reminders[0].recipient, "");
  EXPECT_EQ(portal.order.reminders[0].delivery_id, 0);
  ASSERT_OK_AND_ASSIGN(OrderView telecom, core_.GetDispatchOrder(desk_, tc.orders[0].id));
  EXPECT_EQ(telecom.order.reminders_sent, 2);
  EXPECT_EQ(telecom.order.reminders[1].recipient, "dispatch@telecom.example.cn");

  DeliveryFilter reminder_filter;
  reminder_filter.purpose = DeliveryPurpose::kOverdueReminder;
  ASSERT_OK_AND_ASSIGN(DeliveryPage reminders,
                       core_.ListDeliveries(center_, reminder_filter, 0, 10));
  ASSERT_THAT(reminders.deliveries, SizeIs(3));
  EXPECT_EQ(reminders.deliveries[1].delivery.order_id, bb.orders[0].id);
  EXPECT_THAT(reminders.deliveries[1].delivery.text,
              HasSubstr(absl::StrCat("转派单 ", bb.orders[0].id)));
  ASSERT_OK_AND_ASSIGN(OrderPage overdue, core_.ListDispatchOrders(center_, {}, true, 0, 10));
  EXPECT_THAT(overdue.orders, SizeIs(3));

  // A late reply is not counted a second time.
  ASSERT_THAT(core_.AcceptDispatchOrder(broadband_, bb.orders[0].id), IsOk());
  ASSERT_THAT(core_.ReplyToDispatchOrder(broadband_, bb.orders[0].id, "修好了", {"late", "fp"}),
              IsOk());
  ASSERT_THAT(sla_.closed, SizeIs(1));
  EXPECT_FALSE(sla_.closed[0].met);
  EXPECT_FALSE(sla_.closed[0].counted);
  clock_.SetTime(ShanghaiTime(2026, 3, 10, 14, 0));
  ASSERT_THAT(core_.Supervise(), IsOk());
  // The replied order is no longer reminded.
  EXPECT_THAT(sla_.reminded,
              ElementsAre("telecom", "broadband", "portal", "telecom", "portal", "telecom"));
}

TEST_F(RoutingCoreTest, R6_MonthlyStatisticsPerUnit) {
  ASSERT_OK_AND_ASSIGN(RoutedTicket on_time, Decide(Receive(1).id, Dispatch()));
  ASSERT_OK_AND_ASSIGN(RoutedTicket late, Decide(Receive(2).id, Dispatch()));
  ASSERT_OK_AND_ASSIGN(RoutedTicket open, Decide(Receive(3).id, Dispatch()));
  DecisionInput direct;
  direct.decision = Decision::kDirectReply;
  direct.reason = "x";
  direct.handling_result = "已答复";
  ASSERT_THAT(Decide(Receive(4).id, direct), IsOk());
  DecisionInput back;
  back.decision = Decision::kReturn;
  back.reason = "x";
  back.return_reason = ReturnReason::kNotTelecomBusiness;
  ASSERT_THAT(Decide(Receive(5).id, back), IsOk());

  ASSERT_THAT(core_.AcceptDispatchOrder(broadband_, on_time.orders[0].id), IsOk());
  ASSERT_THAT(core_.ReplyToDispatchOrder(broadband_, on_time.orders[0].id, "ok", {"a", "a"}),
              IsOk());
  clock_.SetTime(ShanghaiTime(2026, 3, 12, 10, 0));
  ASSERT_THAT(core_.Supervise(), IsOk());
  ASSERT_THAT(core_.AcceptDispatchOrder(broadband_, late.orders[0].id), IsOk());
  ASSERT_THAT(core_.ReplyToDispatchOrder(broadband_, late.orders[0].id, "ok", {"b", "b"}), IsOk());
  (void)open;

  ASSERT_OK_AND_ASSIGN(MonthlyStatistics march, core_.GetMonthlyStatistics(center_, "2026-03", ""));
  EXPECT_EQ(march.time_zone, "Asia/Shanghai");
  ASSERT_THAT(march.units, SizeIs(3));
  EXPECT_EQ(march.units[0].counts, (UnitMonthCounts{"broadband", 3, 2, 1, 2, 0, 0, 2}));
  EXPECT_EQ(march.units[0].unit_name, "宽带业务中心");
  EXPECT_EQ(march.units[1].counts, (UnitMonthCounts{"portal", 0, 0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(march.units[2].counts, (UnitMonthCounts{"service-desk", 0, 0, 0, 0, 0, 1, 0}));

  ASSERT_OK_AND_ASSIGN(MonthlyStatistics own,
                       core_.GetMonthlyStatistics(broadband_, "2026-03", ""));
  ASSERT_THAT(own.units, SizeIs(1));
  EXPECT_EQ(own.units[0].counts.unit_id, "broadband");
  EXPECT_THAT(core_.GetMonthlyStatistics(broadband_, "2026-03", "portal"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(MonthlyStatistics april,
                       core_.GetMonthlyStatistics(desk_, "2026-04", "idc"));
  EXPECT_EQ(april.units[0].counts, (UnitMonthCounts{"idc", 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_THAT(core_.GetMonthlyStatistics(center_, "2026-13", "nowhere"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("month"), HasSubstr("unit_id"))));
}

TEST_F(RoutingCoreTest, R7_GatewaysPullTheirChannelAndAnUnacknowledgedReplyIsOfferedAgain) {
  ForwardedTicket sms = testing::CompleteForward();
  sms.reply_channel = ReplyChannel::kSms;
  DecisionInput direct;
  direct.decision = Decision::kDirectReply;
  direct.reason = "x";
  direct.handling_result = "已处理";
  ASSERT_THAT(Decide(Receive(1, "", sms).id, direct), IsOk());

  EXPECT_THAT(core_.PullDeliveries(desk_, {ReplyChannel::kSms, 10, absl::Minutes(1)}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(
      core_.PullDeliveries(gateway_, {ReplyChannel::kUnspecified, 1000, absl::Hours(2)}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("channel"), HasSubstr("max_deliveries"), HasSubstr("lease"))));
  ASSERT_OK_AND_ASSIGN(
      std::vector<DeliveryView> email,
      core_.PullDeliveries(gateway_, {ReplyChannel::kEmail, 10, absl::Minutes(1)}));
  EXPECT_THAT(email, IsEmpty());
  ASSERT_OK_AND_ASSIGN(std::vector<DeliveryView> first,
                       core_.PullDeliveries(gateway_, {ReplyChannel::kSms, 10, absl::Minutes(1)}));
  ASSERT_THAT(first, SizeIs(1));
  EXPECT_EQ(first[0].delivery.recipient, "13800000000");
  // Under its lease nobody else gets it; after the lease it is offered again.
  ASSERT_OK_AND_ASSIGN(std::vector<DeliveryView> during,
                       core_.PullDeliveries(gateway_, {ReplyChannel::kSms, 10, absl::Minutes(1)}));
  EXPECT_THAT(during, IsEmpty());
  clock_.Advance(absl::Minutes(2));
  ASSERT_OK_AND_ASSIGN(std::vector<DeliveryView> again,
                       core_.PullDeliveries(gateway_, {ReplyChannel::kSms, 10, absl::Minutes(1)}));
  ASSERT_THAT(again, SizeIs(1));
  EXPECT_EQ(again[0].delivery.offers, 2);
  EXPECT_THAT(core_.AckDelivery(gateway_, {first[0].delivery.id, LeaseToken(first[0].delivery),
                                           DeliveryResult::kDelivered, "", "sms-gw"}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_OK_AND_ASSIGN(
      DeliveryView acked,
      core_.AckDelivery(gateway_, {again[0].delivery.id, LeaseToken(again[0].delivery),
                                   DeliveryResult::kDelivered, "", "sms-gw"}));
  EXPECT_EQ(acked.delivery.status, DeliveryStatus::kDelivered);
  ASSERT_OK_AND_ASSIGN(DeliveryView read, core_.GetDelivery(center_, acked.delivery.id));
  EXPECT_EQ(DeliveryStateAt(read.delivery, clock_.Now()), DeliveryState::kDelivered);
  EXPECT_EQ(read.delivery.gateway, "sms-gw");
  EXPECT_THAT(core_.GetDelivery(broadband_, acked.delivery.id),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(sla_.acks, ElementsAre(DeliveryResult::kDelivered));
  EXPECT_EQ(Reports().back().reply_channel, ReplyChannel::kSms);
}

TEST_F(RoutingCoreTest, R7_PreviewRendersEachFormat) {
  ASSERT_OK_AND_ASSIGN(Letter handled,
                       core_.PreviewReply(portal_, {ReplyFormat::kHandled, ReplyLanguage::kChinese,
                                                    "portal", "已恢复访问。", ""}));
  EXPECT_THAT(handled.text, HasSubstr("中国电信上海公司信息港子公司"));
  ASSERT_OK_AND_ASSIGN(Letter forwarded,
                       core_.PreviewReply(desk_, {ReplyFormat::kForwarded, ReplyLanguage::kEnglish,
                                                  "", "", "telecom"}));
  EXPECT_THAT(forwarded.text, HasSubstr("China Telecom Shanghai: you can call it on 10000."));
  EXPECT_THAT(core_.PreviewReply(
                  desk_, {ReplyFormat::kHandled, ReplyLanguage::kChinese, "nowhere", "", ""}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("unit_id"), HasSubstr("handling_result"))));
  PreviewRequest cannot_forward;
  cannot_forward.format = ReplyFormat::kCannotForward;
  EXPECT_THAT(core_.PreviewReply(intake_, cannot_forward),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

}  // namespace
}  // namespace cs::routing

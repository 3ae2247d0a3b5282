// SPEC R1–R6 on a RoutedTicket value: the one decision and what follows it, orders, deliveries.
#include "services/routing/domain/routing_lifecycle.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/routing/domain/routing_test_support.h"

namespace cs::routing {
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
using ::testing::SizeIs;
using Kind = OutcomeReport::Kind;

const absl::Time kReceived = ShanghaiTime(2026, 3, 2, 10, 0);
const absl::Time kDecided = ShanghaiTime(2026, 3, 2, 11, 0);

class RoutingLifecycleTest : public ::testing::Test {
 protected:
  RoutingLifecycleTest() {
    Suggestion suggestion;
    suggestion.decision = Decision::kInternalDispatch;
    suggestion.unit_id = "broadband";
    suggestion.basis = "keywords 宽带 of business line broadband";
    routed_ = NewRoutedTicket("F42-1", testing::CompleteForward(), suggestion, kReceived);
    routed_.id = 5;
  }

  DecisionContext Context(common::Deadline deadline = {ShanghaiTime(2026, 3, 9, 17, 30),
                                                       "cn-2026.1"}) {
    DecisionContext context;
    context.now = kDecided;
    context.actor = "desk-clerk";
    context.units = &units_;
    context.letters = &letters_;
    context.zone = common::testing::ShanghaiTimeZone();
    context.order_deadline = deadline;
    context.working_time_to_decide = absl::Hours(1);
    return context;
  }

  // Gives new orders and deliveries ids, as a store does.
  void Store() {
    int64_t next_order = 100;
    int64_t next_delivery = 200;
    for (DispatchOrder& order : routed_.orders) {
      if (order.id == 0) order.id = ++next_order;
    }
    for (Delivery& delivery : routed_.deliveries) {
      if (delivery.order_index >= 0) delivery.order_id = routed_.orders[delivery.order_index].id;
      delivery.order_index = -1;
      if (delivery.id == 0) delivery.id = ++next_delivery;
    }
  }

  common::UnitDirectory units_ = testing::TestUnits();
  ReplyLetters letters_{units_};
  RoutedTicket routed_;
};

TEST_F(RoutingLifecycleTest, I4_NewRoutedTicketRecordsReceiptAndResolvesTheReplyChannel) {
  EXPECT_EQ(routed_.status, RoutedStatus::kReceived);
  EXPECT_EQ(routed_.received_at, kReceived);
  EXPECT_EQ(routed_.reply_channel, ReplyChannel::kEmail);
  ASSERT_THAT(routed_.history, SizeIs(1));
  EXPECT_EQ(routed_.history[0].event, "RECEIVED");
  EXPECT_THAT(routed_.history[0].detail, HasSubstr("suggested INTERNAL_DISPATCH to broadband"));
  EXPECT_EQ(ReceiptId(5), "receipt-5");
}

TEST_F(RoutingLifecycleTest, I4_ValidateForwardNamesEveryBadField) {
  ForwardedTicket ticket = testing::CompleteForward();
  ticket.ticket_id = 0;
  ticket.origin_unit_id = "";
  ticket.kind = static_cast<TicketKind>(9);
  ticket.problem = "\xff\xfe";
  EXPECT_THAT(ValidateForward("F 1", ticket),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("forward_id"), HasSubstr("ticket.ticket_id"),
                             HasSubstr("ticket.origin_unit_id"), HasSubstr("ticket.kind"),
                             HasSubstr("ticket.problem"))));
  EXPECT_THAT(ValidateForward("F42-1", testing::CompleteForward()), IsOk());
}

TEST_F(RoutingLifecycleTest, R7_RepliesGoTheWayTheUserAsked) {
  ForwardedTicket ticket = testing::CompleteForward();
  ticket.reply_channel = ReplyChannel::kSms;
  EXPECT_EQ(ResolveReplyChannel(ticket), ReplyChannel::kSms);
  ticket.reply_channel = ReplyChannel::kUnspecified;
  ticket.channel = Channel::kHotline;
  EXPECT_EQ(ResolveReplyChannel(ticket), ReplyChannel::kPhoneCallback);
  ticket.channel = Channel::kFax;
  EXPECT_EQ(ResolveReplyChannel(ticket), ReplyChannel::kFax);
  ticket.channel = Channel::kWebForm;
  EXPECT_EQ(ResolveReplyChannel(ticket), ReplyChannel::kEmail);
  // Email without an address, post without an address: a call back on the contact phone.
  ticket.email.clear();
  EXPECT_EQ(ResolveReplyChannel(ticket), ReplyChannel::kPhoneCallback);
  ticket.reply_channel = ReplyChannel::kPost;
  EXPECT_EQ(ResolveReplyChannel(ticket), ReplyChannel::kPhoneCallback);
  ticket.address = "上海市浦东新区1号";
  EXPECT_EQ(ResolveReplyChannel(ticket), ReplyChannel::kPost);
}

TEST_F(RoutingLifecycleTest, R1_DirectReplyQueuesTheHandledLetterOfTheDesignatedUnit) {
  DecisionInput input;
  input.decision = Decision::kDirectReply;
  input.reason = "资费问题，本单位可答复";
  input.handling_result = "宽带包月资费为每月100元。";
  ASSERT_OK_AND_ASSIGN(std::vector<OutcomeReport> reports,
                       ApplyDecision(routed_, input, Context()));
  EXPECT_EQ(routed_.status, RoutedStatus::kInHandling);
  ASSERT_TRUE(routed_.decision.has_value());
  EXPECT_EQ(routed_.decision->handling_unit_id, "service-desk");
  EXPECT_EQ(routed_.decision->reply_format, ReplyFormat::kHandled);
  EXPECT_TRUE(routed_.decision->overrode_suggestion);
  EXPECT_EQ(routed_.decision->decided_by, "desk-clerk");
  EXPECT_THAT(routed_.orders, IsEmpty());
  ASSERT_THAT(routed_.deliveries, SizeIs(1));
  const Delivery& reply = routed_.deliveries[0];
  EXPECT_EQ(reply.purpose, DeliveryPurpose::kUserReply);
  EXPECT_EQ(reply.channel, ReplyChannel::kEmail);
  EXPECT_EQ(reply.recipient, "zhang@example.com");
  EXPECT_EQ(reply.replied_by, "service-desk");
  EXPECT_EQ(
      reply.text,
      letters_.Handled(ReplyLanguage::kChinese, "service-desk", "宽带包月资费为每月100元。")->text);
  ASSERT_THAT(reports, SizeIs(1));
  EXPECT_EQ(reports[0].kind, Kind::kDirectReply);
  EXPECT_EQ(reports[0].handling_department, "service-desk");
  EXPECT_EQ(reports[0].at, kDecided);
}

TEST_F(RoutingLifecycleTest, R1_DirectReplyCanUseTheCannotForwardLetterInEnglish) {
  DecisionInput input;
  input.decision = Decision::kDirectReply;
  input.reply_format = ReplyFormat::kCannotForward;
  input.language = ReplyLanguage::kEnglish;
  input.reason = "outside our scope and no usable details";
  ASSERT_THAT(ApplyDecision(routed_, input, Context()), IsOk());
  ASSERT_THAT(routed_.deliveries, SizeIs(1));
  EXPECT_EQ(routed_.deliveries[0].text, letters_.CannotForward(ReplyLanguage::kEnglish).text);
  EXPECT_EQ(routed_.deliveries[0].reply_format, ReplyFormat::kCannotForward);
  EXPECT_EQ(routed_.deliveries[0].language, ReplyLanguage::kEnglish);
}

TEST_F(RoutingLifecycleTest, R1_DirectReplyNeedsAHandlingResult) {
  DecisionInput input;
  input.decision = Decision::kDirectReply;
  input.reason = "x";
  EXPECT_THAT(ApplyDecision(routed_, input, Context()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("handling_result")));
  input.handling_result = "ok";
  input.reply_format = ReplyFormat::kForwarded;
  EXPECT_THAT(ApplyDecision(routed_, input, Context()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reply_format")));
  EXPECT_EQ(routed_.status, RoutedStatus::kReceived);
}

TEST_F(RoutingLifecycleTest, R2_InternalDispatchOpensAnOrderWithItsDeadline) {
  DecisionInput input;
  input.decision = Decision::kInternalDispatch;
  input.unit_id = "broadband";
  const common::Deadline deadline{ShanghaiTime(2026, 3, 9, 17, 30), "cn-2026.1"};
  ASSERT_OK_AND_ASSIGN(std::vector<OutcomeReport> reports,
                       ApplyDecision(routed_, input, Context(deadline)));
  EXPECT_FALSE(routed_.decision->overrode_suggestion);
  ASSERT_THAT(routed_.orders, SizeIs(1));
  EXPECT_EQ(routed_.orders[0].kind, DispatchKind::kInternal);
  EXPECT_EQ(routed_.orders[0].unit_id, "broadband");
  EXPECT_EQ(routed_.orders[0].status, OrderStatus::kOpen);
  EXPECT_EQ(routed_.orders[0].deadline, deadline);
  EXPECT_THAT(routed_.deliveries, IsEmpty());
  ASSERT_THAT(reports, SizeIs(1));
  EXPECT_EQ(reports[0].kind, Kind::kInternalDispatch);
  EXPECT_EQ(reports[0].handling_department, "broadband");
  EXPECT_EQ(reports[0].handling_deadline, deadline.at);
}

TEST_F(RoutingLifecycleTest, R2_DispatchNeedsAKnownUnitOtherThanTheDesignatedOne) {
  DecisionInput input;
  input.decision = Decision::kInternalDispatch;
  EXPECT_THAT(ApplyDecision(routed_, input, Context()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
  input.unit_id = "service-desk";
  input.reason = "x";
  EXPECT_THAT(ApplyDecision(routed_, input, Context()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("DIRECT_REPLY instead")));
  input.unit_id = "nowhere";
  EXPECT_THAT(ApplyDecision(routed_, input, Context()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no known unit")));
}

TEST_F(RoutingLifecycleTest, R2_TheUnitAcceptsThenRepliesAndTheUserGetsItsLetter) {
  DecisionInput input;
  input.decision = Decision::kInternalDispatch;
  input.unit_id = "broadband";
  input.language = ReplyLanguage::kEnglish;
  ASSERT_THAT(ApplyDecision(routed_, input, Context()), IsOk());
  Store();
  const int64_t order_id = routed_.orders[0].id;
  const absl::Time later = ShanghaiTime(2026, 3, 3, 10, 0);
  EXPECT_THAT(ReplyToOrder(routed_, order_id, "Fixed.", "bb-staff", later, letters_),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("OPEN")));
  ASSERT_THAT(AcceptOrder(routed_, order_id, "bb-staff", later), IsOk());
  EXPECT_THAT(AcceptOrder(routed_, order_id, "bb-staff", later), IsOk());  // again: no change
  EXPECT_EQ(routed_.orders[0].status, OrderStatus::kAccepted);
  EXPECT_EQ(routed_.orders[0].accepted_by, "bb-staff");
  EXPECT_THAT(ReplyToOrder(routed_, order_id, "  ", "bb-staff", later, letters_),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("handling_result")));
  ASSERT_THAT(
      ReplyToOrder(routed_, order_id, "Your line was repaired.", "bb-staff", later, letters_),
      IsOk());
  EXPECT_EQ(routed_.orders[0].status, OrderStatus::kReplied);
  EXPECT_EQ(routed_.orders[0].replied_at, later);
  ASSERT_THAT(routed_.deliveries, SizeIs(1));
  EXPECT_EQ(routed_.deliveries[0].order_id, order_id);
  EXPECT_EQ(routed_.deliveries[0].replied_by, "broadband");
  EXPECT_EQ(
      routed_.deliveries[0].text,
      letters_.Handled(ReplyLanguage::kEnglish, "broadband", "Your line was repaired.")->text);
  EXPECT_THAT(ReplyToOrder(routed_, order_id, "again", "bb-staff", later, letters_),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("closed")));
  EXPECT_THAT(AcceptOrder(routed_, order_id, "bb-staff", later),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("REPLIED")));
  EXPECT_THAT(AcceptOrder(routed_, 999, "bb-staff", later), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(RoutingLifecycleTest, R3_EscalationSendsTheTicketToTheTelecomCompanyAndTellsTheUser) {
  DecisionInput input;
  input.decision = Decision::kEscalateToTelecom;
  input.reason = "固话业务属电信公司";
  const common::Deadline deadline{ShanghaiTime(2026, 3, 3, 17, 30), "cn-2026.1"};
  ASSERT_OK_AND_ASSIGN(std::vector<OutcomeReport> reports,
                       ApplyDecision(routed_, input, Context(deadline)));
  EXPECT_TRUE(routed_.decision->overrode_suggestion);
  ASSERT_THAT(routed_.orders, SizeIs(1));
  EXPECT_EQ(routed_.orders[0].kind, DispatchKind::kTelecom);
  EXPECT_EQ(routed_.orders[0].unit_id, "telecom");
  EXPECT_EQ(routed_.orders[0].dispatch_address, "dispatch@telecom.example.cn");
  ASSERT_THAT(routed_.deliveries, SizeIs(2));
  const Delivery& dispatch = routed_.deliveries[0];
  EXPECT_EQ(dispatch.purpose, DeliveryPurpose::kTelecomDispatch);
  EXPECT_EQ(dispatch.recipient, "dispatch@telecom.example.cn");
  EXPECT_EQ(dispatch.order_index, 0);
  EXPECT_THAT(
      dispatch.text,
      AllOf(HasSubstr("用户问题：家里宽带经常断网"), HasSubstr("设备号码：02112345678"),
            HasSubstr("联系电话：13800000000"), HasSubstr("联系人：张三"),
            HasSubstr("受理单位：信息港子公司"), HasSubstr("请于2026-03-03 17:30前确认收到。")));
  const Delivery& letter = routed_.deliveries[1];
  EXPECT_EQ(letter.purpose, DeliveryPurpose::kUserReply);
  EXPECT_EQ(letter.reply_format, ReplyFormat::kForwarded);
  EXPECT_EQ(letter.text, letters_.Forwarded(ReplyLanguage::kChinese, "telecom")->text);
  ASSERT_THAT(reports, SizeIs(1));
  EXPECT_EQ(reports[0].kind, Kind::kEscalateToTelecom);
  EXPECT_EQ(reports[0].handling_department, "telecom");
  EXPECT_EQ(reports[0].handling_deadline, deadline.at);
}

TEST_F(RoutingLifecycleTest, R3_TheDesignatedUnitRecordsTheTelecomAcknowledgement) {
  DecisionInput input;
  input.decision = Decision::kEscalateToTelecom;
  input.reason = "x";
  ASSERT_THAT(ApplyDecision(routed_, input, Context()), IsOk());
  Store();
  const int64_t order_id = routed_.orders[0].id;
  const absl::Time now = ShanghaiTime(2026, 3, 3, 9, 0);
  EXPECT_THAT(AcceptOrder(routed_, order_id, "x", now),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("acknowledged")));
  EXPECT_THAT(AcknowledgeEscalation(routed_, order_id, now + absl::Minutes(1), "", "desk", now),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("future")));
  EXPECT_THAT(
      AcknowledgeEscalation(routed_, order_id, kDecided - absl::Minutes(1), "", "desk", now),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("before")));
  ASSERT_THAT(AcknowledgeEscalation(routed_, order_id, now - absl::Hours(1), "TC-778", "desk", now),
              IsOk());
  EXPECT_EQ(routed_.orders[0].status, OrderStatus::kAcknowledged);
  EXPECT_EQ(routed_.orders[0].acknowledged_at, now - absl::Hours(1));
  EXPECT_EQ(routed_.orders[0].telecom_reference, "TC-778");
  EXPECT_THAT(AcknowledgeEscalation(routed_, order_id, now, "", "desk", now),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("ACKNOWLEDGED")));
}

TEST_F(RoutingLifecycleTest, R4_ReturnWithoutReasonIsRefused) {
  DecisionInput input;
  input.decision = Decision::kReturn;
  input.reason = "not ours";
  EXPECT_THAT(ApplyDecision(routed_, input, Context()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("return_reason")));
  input.return_reason = ReturnReason::kContentIncorrect;
  EXPECT_THAT(ApplyDecision(routed_, input, Context()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("fields_at_fault")));
  input.fields_at_fault = {"device_number", "colour"};
  EXPECT_THAT(ApplyDecision(routed_, input, Context()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("fields_at_fault[1]")));
  EXPECT_EQ(routed_.status, RoutedStatus::kReceived);
}

TEST_F(RoutingLifecycleTest, R4_ReturnGoesBackToTheSendingUnitWithReasonAndFields) {
  DecisionInput input;
  input.decision = Decision::kReturn;
  input.reason = "设备号码有误";
  input.return_reason = ReturnReason::kContentIncorrect;
  input.fields_at_fault = {"device_number"};
  input.return_note = "设备号码位数不对";
  ASSERT_OK_AND_ASSIGN(std::vector<OutcomeReport> reports,
                       ApplyDecision(routed_, input, Context()));
  EXPECT_EQ(routed_.status, RoutedStatus::kReturned);
  EXPECT_EQ(routed_.decision->handling_unit_id, "portal");
  EXPECT_THAT(routed_.deliveries, IsEmpty());
  ASSERT_THAT(reports, SizeIs(1));
  EXPECT_EQ(reports[0].kind, Kind::kReturn);
  EXPECT_EQ(reports[0].return_reason, ReturnReason::kContentIncorrect);
  EXPECT_THAT(reports[0].fields_at_fault, ElementsAre("device_number"));
  EXPECT_EQ(reports[0].return_note, "设备号码位数不对");
}

TEST_F(RoutingLifecycleTest, R5_OverridingTheSuggestionNeedsAReasonAndIsRecorded) {
  DecisionInput input;
  input.decision = Decision::kInternalDispatch;
  input.unit_id = "idc";
  EXPECT_THAT(ApplyDecision(routed_, input, Context()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("reason"), HasSubstr("INTERNAL_DISPATCH to broadband"))));
  input.reason = "机房线路问题";
  ASSERT_THAT(ApplyDecision(routed_, input, Context()), IsOk());
  EXPECT_TRUE(routed_.decision->overrode_suggestion);
  EXPECT_EQ(routed_.decision->reason, "机房线路问题");
  EXPECT_THAT(
      routed_.history.back(),
      AllOf(Field(&HistoryEntry::event, "DECIDED"), Field(&HistoryEntry::actor, "desk-clerk"),
            Field(&HistoryEntry::detail,
                  AllOf(HasSubstr("INTERNAL_DISPATCH to idc"),
                        HasSubstr("overrides suggested INTERNAL_DISPATCH to broadband"),
                        HasSubstr("reason: 机房线路问题")))));
}

TEST_F(RoutingLifecycleTest, R5_FieldsOfAnotherDecisionAreRefused) {
  DecisionInput input;
  input.decision = Decision::kInternalDispatch;
  input.unit_id = "broadband";
  input.handling_result = "x";
  input.return_reason = ReturnReason::kNotTelecomBusiness;
  EXPECT_THAT(ApplyDecision(routed_, input, Context()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("handling_result"), HasSubstr("return_reason"))));
  input = {};
  EXPECT_THAT(ApplyDecision(routed_, input, Context()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("decision")));
}

TEST_F(RoutingLifecycleTest, R1_ASecondDecisionIsRefused) {
  DecisionInput input;
  input.decision = Decision::kInternalDispatch;
  input.unit_id = "broadband";
  ASSERT_THAT(ApplyDecision(routed_, input, Context()), IsOk());
  EXPECT_THAT(ApplyDecision(routed_, input, Context()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("IN_HANDLING"), HasSubstr("one decision per ticket"))));
}

TEST_F(RoutingLifecycleTest, R7_DeliveredReplyMarksTheTicketRepliedAndReportsIt) {
  DecisionInput input;
  input.decision = Decision::kDirectReply;
  input.reason = "x";
  input.handling_result = "已处理。";
  ASSERT_THAT(ApplyDecision(routed_, input, Context()), IsOk());
  Store();
  Delivery& delivery = routed_.deliveries[0];
  DeliveryAck ack{delivery.id, "201.1", DeliveryResult::kDelivered, "", "mail-gw"};
  EXPECT_THAT(AcknowledgeDelivery(routed_, ack, kDecided),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("never taken")));
  const absl::Time pulled = kDecided + absl::Minutes(1);
  LeaseDelivery(delivery, pulled, absl::Minutes(1));
  EXPECT_EQ(DeliveryStateAt(delivery, pulled), DeliveryState::kLeased);
  EXPECT_FALSE(IsOfferable(delivery, pulled + absl::Seconds(30)));
  // Not acknowledged in time: offered again, and the first token is stale.
  EXPECT_TRUE(IsOfferable(delivery, pulled + absl::Minutes(1)));
  LeaseDelivery(delivery, pulled + absl::Minutes(2), absl::Minutes(1));
  EXPECT_EQ(LeaseToken(delivery), "201.2");
  EXPECT_THAT(AcknowledgeDelivery(routed_, ack, pulled + absl::Minutes(2)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("offered again")));
  ack.lease_token = "201.2";
  const absl::Time delivered = pulled + absl::Minutes(3);
  ASSERT_OK_AND_ASSIGN(std::vector<OutcomeReport> reports,
                       AcknowledgeDelivery(routed_, ack, delivered));
  EXPECT_EQ(routed_.status, RoutedStatus::kReplied);
  EXPECT_EQ(routed_.replied_at, delivered);
  EXPECT_EQ(delivery.status, DeliveryStatus::kDelivered);
  EXPECT_EQ(delivery.gateway, "mail-gw");
  ASSERT_THAT(reports, SizeIs(1));
  EXPECT_EQ(reports[0].kind, Kind::kReplied);
  EXPECT_EQ(reports[0].reply_text, delivery.text);
  EXPECT_EQ(reports[0].reply_channel, ReplyChannel::kEmail);
  EXPECT_EQ(reports[0].replied_by, "service-desk");
  EXPECT_EQ(reports[0].at, delivered);
  // The same acknowledgement again changes nothing; another result is refused.
  EXPECT_THAT(AcknowledgeDelivery(routed_, ack, delivered), IsOkAndHolds(IsEmpty()));
  ack.result = DeliveryResult::kFailed;
  ack.failure_reason = "bounced";
  EXPECT_THAT(AcknowledgeDelivery(routed_, ack, delivered),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("DELIVERED")));
}

TEST_F(RoutingLifecycleTest, R7_RetryOffersAgainAtOnceAndFailedNeedsAReason) {
  DecisionInput input;
  input.decision = Decision::kDirectReply;
  input.reason = "x";
  input.handling_result = "已处理。";
  ASSERT_THAT(ApplyDecision(routed_, input, Context()), IsOk());
  Store();
  Delivery& delivery = routed_.deliveries[0];
  LeaseDelivery(delivery, kDecided, absl::Minutes(5));
  DeliveryAck retry{delivery.id, LeaseToken(delivery), DeliveryResult::kRetry, "smtp busy", ""};
  ASSERT_THAT(AcknowledgeDelivery(routed_, retry, kDecided), IsOkAndHolds(IsEmpty()));
  EXPECT_TRUE(IsOfferable(delivery, kDecided));
  EXPECT_EQ(delivery.failure_reason, "smtp busy");
  LeaseDelivery(delivery, kDecided, absl::Minutes(5));
  DeliveryAck failed{delivery.id, LeaseToken(delivery), DeliveryResult::kFailed, "", ""};
  EXPECT_THAT(AcknowledgeDelivery(routed_, failed, kDecided),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("failure_reason")));
  failed.failure_reason = "no such mailbox";
  ASSERT_THAT(AcknowledgeDelivery(routed_, failed, kDecided), IsOkAndHolds(IsEmpty()));
  EXPECT_EQ(DeliveryStateAt(delivery, kDecided), DeliveryState::kFailed);
  EXPECT_EQ(routed_.status, RoutedStatus::kInHandling);
  EXPECT_THAT(routed_.history.back(), Field(&HistoryEntry::event, "DELIVERY_FAILED"));
}

TEST_F(RoutingLifecycleTest, R6_ReminderIsDueOnlyForOpenOrdersPastDeadlineAndInterval) {
  DispatchOrder order;
  order.status = OrderStatus::kOpen;
  order.deadline.at = kDecided;
  EXPECT_FALSE(ReminderDue(order, kDecided));
  EXPECT_TRUE(ReminderDue(order, kDecided + absl::Seconds(1)));
  order.next_reminder_at = kDecided + absl::Hours(4);
  EXPECT_FALSE(ReminderDue(order, kDecided + absl::Hours(3)));
  EXPECT_TRUE(ReminderDue(order, kDecided + absl::Hours(4)));
  order.status = OrderStatus::kReplied;
  order.replied_at = kDecided + absl::Hours(5);
  EXPECT_FALSE(ReminderDue(order, kDecided + absl::Hours(6)));
  EXPECT_TRUE(IsOverdue(order, kDecided + absl::Hours(6)));
  order.replied_at = kDecided;
  EXPECT_FALSE(IsOverdue(order, kDecided + absl::Hours(6)));
}

}  // namespace
}  // namespace cs::routing

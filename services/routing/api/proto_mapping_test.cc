// The cs.routing.v1 mapping: every response built from a domain value filled in every field is
// filled in every field (common/testing/proto_fields.h), so a field the mapping forgets cannot read
// 0 unnoticed (issue 10). Fields left out on purpose are allowed with the reason beside them.
#include "services/routing/api/proto_mapping.h"

#include "common/testing/proto_fields.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/routing/domain/routing_test_support.h"

namespace cs::routing {
namespace {

using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::UnsetFieldPaths;
using ::testing::IsEmpty;

const absl::Time kReceived = ShanghaiTime(2026, 3, 2, 9, 45);
// When the responses are built: after everything below happened.
const absl::Time kNow = ShanghaiTime(2026, 3, 20, 12, 0);

ForwardedTicket FilledForward() {
  ForwardedTicket t = testing::CompleteForward();
  t.reply_channel = ReplyChannel::kSms;
  t.special_request = true;
  t.special_request_note = "请尽快回电";
  t.user_number = "AD0012345";
  t.user_name = "张三";
  t.company = "某公司";
  t.address = "上海市浦东新区";
  t.postal_code = "200120";
  t.business_line = "broadband";
  return t;
}

// An order replied to after its deadline (so it reads overdue), with a reminder.
DispatchOrder FilledOrder() {
  DispatchOrder o;
  o.id = 5;
  o.kind = DispatchKind::kTelecom;
  o.unit_id = "broadband";
  o.status = OrderStatus::kReplied;
  o.dispatched_at = kReceived + absl::Hours(1);
  o.deadline = {kReceived + absl::Hours(48), "cn-2026.1", /*provisional=*/true};
  o.dispatch_address = "dispatch@telecom.example.cn";
  o.accepted_at = kReceived + absl::Hours(2);
  o.accepted_by = "bb-clerk";
  o.replied_at = kReceived + absl::Hours(72);
  o.replied_by = "bb-clerk";
  o.handling_result = "已修复";
  o.acknowledged_at = kReceived + absl::Hours(3);
  o.acknowledged_by = "telecom-desk";
  o.telecom_reference = "CT-2026-001";
  o.overdue_since = kReceived + absl::Hours(49);
  o.reminders_sent = 1;
  o.next_reminder_at = kReceived + absl::Hours(73);
  o.reminders = {{1, kReceived + absl::Hours(49), "broadband@internet.example.cn", 8}};
  return o;
}

Delivery FilledDelivery() {
  Delivery d;
  d.id = 8;
  d.order_id = 5;
  d.purpose = DeliveryPurpose::kOverdueReminder;
  d.channel = ReplyChannel::kEmail;
  d.recipient = "broadband@internet.example.cn";
  d.recipient_name = "宽带客服";
  d.subject = "催办";
  d.text = "请尽快处理";
  d.language = ReplyLanguage::kEnglish;
  d.reply_format = ReplyFormat::kHandled;
  d.status = DeliveryStatus::kDelivered;
  d.created_at = kReceived + absl::Hours(49);
  d.offers = 2;
  d.lease_expires_at = kReceived + absl::Hours(50);
  d.delivered_at = kReceived + absl::Hours(49) + absl::Minutes(5);
  d.failed_at = kReceived + absl::Hours(49) + absl::Minutes(1);
  d.failure_reason = "mailbox full on the first try";
  d.replied_by = "service-desk";
  d.gateway = "mail-1";
  return d;
}

RoutedTicket FilledRoutedTicket() {
  RoutedTicket r;
  r.id = 3;
  r.forward_id = "F42-1";
  r.ticket = FilledForward();
  r.received_at = kReceived;
  r.status = RoutedStatus::kReplied;
  r.suggestion = {Decision::kInternalDispatch,
                  "broadband",
                  "broadband",
                  {"宽带", "断网"},
                  "keywords 宽带, 断网 of business line broadband",
                  ReturnReason::kContentIncorrect,
                  {"device_number"}};
  DecisionRecord d;
  d.decision = Decision::kEscalateToTelecom;
  d.handling_unit_id = "telecom";
  d.decided_by = "desk-clerk";
  d.decided_at = kReceived + absl::Minutes(30);
  d.overrode_suggestion = true;
  d.reason = "线路属电信公司";
  d.language = ReplyLanguage::kEnglish;
  d.reply_format = ReplyFormat::kForwarded;
  d.handling_result = "已转电信公司";
  d.return_reason = ReturnReason::kNotTelecomBusiness;
  d.fields_at_fault = {"address"};
  d.return_note = "-";
  d.working_time_to_decide = absl::Minutes(30);
  r.decision = d;
  r.reply_channel = ReplyChannel::kSms;
  r.replied_at = kReceived + absl::Hours(72);
  r.history = {{1, kReceived, "routing", "RECEIVED", "F42-1"}};
  r.orders = {FilledOrder()};
  r.deliveries = {FilledDelivery()};
  r.updated_at = kReceived + absl::Hours(72);
  r.version = 6;
  return r;
}

TEST(ProtoMappingTest, R5_R6_EveryFieldOfARoutedTicketReachesTheWire) {
  EXPECT_THAT(UnsetFieldPaths(
                  ToProto(FilledRoutedTicket(), /*with_children=*/true, kNow, testing::TestUnits()),
                  {// The ticket is at the top of the routed ticket already.
                   "orders[0].ticket",
                   // Only a gateway's pull hands out lease tokens.
                   "deliveries[0].lease_token"}),
              IsEmpty());
}

TEST(ProtoMappingTest, AListedRoutedTicketLeavesOutOnlyItsChildren) {
  EXPECT_THAT(UnsetFieldPaths(ToProto(FilledRoutedTicket(), /*with_children=*/false, kNow,
                                      testing::TestUnits()),
                              {// ListRoutedTickets omits them by contract: GetRoutedTicket has
                               // them.
                               "orders", "deliveries", "history"}),
              IsEmpty());
}

TEST(ProtoMappingTest, R6_EveryFieldOfADispatchOrderReachesTheWire) {
  EXPECT_THAT(UnsetFieldPaths(ToProto(OrderView{FilledOrder(), 3, FilledForward()}, kNow,
                                      testing::TestUnits())),
              IsEmpty());
}

TEST(ProtoMappingTest, EveryFieldOfADeliveryReachesTheWire) {
  EXPECT_THAT(UnsetFieldPaths(ToProto(DeliveryView{FilledDelivery(), 3, 42}, kNow,
                                      /*with_lease_token=*/true)),
              IsEmpty());
  EXPECT_THAT(UnsetFieldPaths(ToProto(DeliveryView{FilledDelivery(), 3, 42}, kNow,
                                      /*with_lease_token=*/false),
                              {// Only a gateway's pull hands out lease tokens.
                               "lease_token"}),
              IsEmpty());
}

TEST(ProtoMappingTest, I4_EveryFieldOfAReceiptReachesTheWire) {
  EXPECT_THAT(UnsetFieldPaths(ToReceipt({FilledRoutedTicket(), /*duplicate=*/true})), IsEmpty());
}

TEST(ProtoMappingTest, I4_AForwardedTicketReadsBackWhole) {
  const ForwardedTicket forward = FilledForward();
  const v1::ForwardedTicket proto = ToProto(forward);
  EXPECT_THAT(UnsetFieldPaths(proto), IsEmpty());
  absl::StatusOr<ForwardedTicket> back = FromProto(proto);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, forward);
}

TEST(ProtoMappingTest, R6_EveryFieldOfTheMonthlyStatisticsReachesTheWire) {
  MonthlyStatistics statistics;
  statistics.month = "2026-03";
  statistics.time_zone = "Asia/Shanghai";
  statistics.units.push_back({{"broadband", 10, 9, 8, 2, 1, 3, 4}, "宽带业务中心"});
  EXPECT_THAT(UnsetFieldPaths(ToProto(statistics)), IsEmpty());
}

TEST(ProtoMappingTest, EveryFieldOfAnOutcomeReachesIntake) {
  OutcomeReport report;
  report.kind = OutcomeReport::Kind::kReplied;
  report.at = kReceived + absl::Hours(72);
  report.actor = "bb-clerk";
  report.handling_department = "broadband";
  report.handling_deadline = kReceived + absl::Hours(48);
  report.return_reason = ReturnReason::kContentIncorrect;
  report.fields_at_fault = {"device_number"};
  report.return_note = "-";
  report.reply_text = "已修复";
  report.reply_channel = ReplyChannel::kSms;
  report.replied_by = "broadband";
  EXPECT_THAT(UnsetFieldPaths(ToOutcomeRequest(FilledRoutedTicket(), report),
                              {// The relay's sender sets it to the outbox message id.
                               "message_id"}),
              IsEmpty());
}

}  // namespace
}  // namespace cs::routing

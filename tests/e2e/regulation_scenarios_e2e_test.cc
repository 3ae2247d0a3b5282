// Issue 18, "End to end": one scenario per part of the regulation, on the six real binaries and a
// real MariaDB, driven only through the public gRPC APIs, on one suite whose processes share an
// injected business clock (moved only through cs.common.v1.TestClock). Each scenario sets the
// clocks itself and lives in its own stretch of the calendar (September 2026 to January 2027, and
// December 2028 for the archive's retention), with its own units and months, so the figures it
// reads back are its own whichever scenario ran before (they pass shuffled too). Every
// asynchronous effect (the outboxes' deliveries, routing's supervision) is waited for with a
// deadline, never slept for.
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/api/proto_time.h"
#include "common/grpc/client_auth.h"
#include "common/testing/status_matchers.h"
#include "common/testing/wait_for.h"
#include "common/time/calendar_testing.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/assessment/v1/assessment.grpc.pb.h"
#include "cs/channel/v1/channel.grpc.pb.h"
#include "cs/hotline/v1/hotline.grpc.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/call_expecting_ok.h"
#include "tests/e2e/hotline_as_unit.h"
#include "tests/e2e/intake_as_staff.h"
#include "tests/e2e/running_suite.h"
#include "tests/e2e/scorecard_indicator.h"
#include "tests/e2e/seeded_world.h"
#include "tests/e2e/suite_clock.h"

namespace cs::e2e {
namespace {

using ::cs::archive::v1::ArchiveService;
using ::cs::assessment::v1::AssessmentService;
using ::cs::channel::v1::ChannelRegistryService;
using ::cs::common::FromProtoTimestamp;
using ::cs::common::ToProtoTimestamp;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::WaitFor;
using ::cs::hotline::v1::HotlineRegistryService;
using ::cs::intake::v1::IntakeService;
using ::cs::routing::v1::RoutingService;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

// deploy/config/dev-tokens.md: the hotline's call-back queue, the gateway of phone replies.
constexpr absl::string_view kCallbackQueueToken = "dev-svc-callback-queue-d64a0389db449f016a6da93e";

// The instant a timestamp field holds (a failure when it holds none that is valid).
absl::Time TimeOf(const google::protobuf::Timestamp& timestamp) {
  absl::StatusOr<absl::Time> time = FromProtoTimestamp(timestamp, "timestamp");
  EXPECT_TRUE(time.ok()) << time.status();
  return time.value_or(absl::InfinitePast());
}

class RegulationScenariosE2eTest : public SharedSuiteTest<RegulationScenariosE2eTest> {
 public:
  static SuiteOptions Options() {
    SuiteOptions options;
    options.test_clock = true;
    // Supervision looks at the orders often, so a reminder follows the clock within the wait.
    options.extra_flags["routing"] = {"--supervision_interval=200ms"};
    // The scenarios compute the scorecards they read; the sweep must not race them.
    options.extra_flags["assessment"] = {"--sweep_interval=1h"};
    return options;
  }

 protected:
  static void SetClocks(absl::Time at) { ASSERT_OK(SetEveryClock(suite(), at)); }

  static std::unique_ptr<IntakeService::Stub> Intake() {
    return IntakeService::NewStub(suite().service("intake").channel);
  }
  static std::unique_ptr<RoutingService::Stub> Routing() {
    return RoutingService::NewStub(suite().service("routing").channel);
  }
  static std::unique_ptr<ArchiveService::Stub> Archive() {
    return ArchiveService::NewStub(suite().service("archive").channel);
  }
  static std::unique_ptr<AssessmentService::Stub> Assessment() {
    return AssessmentService::NewStub(suite().service("assessment").channel);
  }
  static std::unique_ptr<HotlineRegistryService::Stub> Hotlines() {
    return HotlineRegistryService::NewStub(suite().service("hotline-registry").channel);
  }
  static std::unique_ptr<ChannelRegistryService::Stub> Channels() {
    return ChannelRegistryService::NewStub(suite().service("channel-registry").channel);
  }

  // Intake's ticket `ticket_id` as the CS center reads it.
  static cs::intake::v1::Ticket Ticket(int64_t ticket_id) {
    cs::intake::v1::GetTicketRequest get;
    get.set_ticket_id(ticket_id);
    cs::intake::v1::Ticket ticket;
    auto intake = Intake();
    CallAs(*intake, &IntakeService::Stub::GetTicket, kCsCenterToken, get, &ticket);
    return ticket;
  }

  // Waits until intake shows `ticket_id` in `status`; the ticket as then read.
  static cs::intake::v1::Ticket WaitForTicketStatus(int64_t ticket_id,
                                                    cs::intake::v1::TicketStatus status) {
    cs::intake::v1::Ticket ticket;
    EXPECT_OK(WaitFor(
        absl::StrCat("ticket ", ticket_id, " ", cs::intake::v1::TicketStatus_Name(status)), [&] {
          ticket = Ticket(ticket_id);
          return ticket.status() == status;
        }));
    return ticket;
  }

  // The one routed ticket routing holds for intake's `ticket_id`, as the designated unit reads it.
  static cs::routing::v1::RoutedTicket RoutedTicketOf(int64_t ticket_id) {
    auto routing = Routing();
    cs::routing::v1::ListRoutedTicketsRequest list;
    list.set_ticket_id(ticket_id);
    const cs::routing::v1::ListRoutedTicketsResponse listed = CallExpectingOk(
        *routing, &RoutingService::Stub::ListRoutedTickets, kDesignatedUnitToken, list);
    EXPECT_THAT(listed.routed_tickets(), SizeIs(1));
    if (listed.routed_tickets_size() != 1) return {};
    cs::routing::v1::GetRoutedTicketRequest get;
    get.set_routed_ticket_id(listed.routed_tickets(0).routed_ticket_id());
    return CallExpectingOk(*routing, &RoutingService::Stub::GetRoutedTicket, kDesignatedUnitToken,
                           get);
  }

  // Waits until routing's supervision has made a whole round since the call, so that what it did
  // not do by then it will not do at this clock time.
  static void WaitForSupervisionRound() {
    EXPECT_OK(common::testing::WaitForRounds(
        "routing_sweep", common::testing::ScrapedWorkerRounds(
                             suite().service("routing").metrics_port, "routing_sweep")));
  }

  static cs::routing::v1::DispatchOrder Order(int64_t order_id) {
    auto routing = Routing();
    cs::routing::v1::GetDispatchOrderRequest get;
    get.set_order_id(order_id);
    cs::routing::v1::DispatchOrder order;
    CallAs(*routing, &RoutingService::Stub::GetDispatchOrder, kDesignatedUnitToken, get, &order);
    return order;
  }

  // Routing's supervision figures of `unit_id` (or "telecom") for `month`.
  static cs::routing::v1::UnitMonthlyStatistics RoutingMonth(const std::string& month,
                                                             const std::string& unit_id) {
    auto routing = Routing();
    cs::routing::v1::GetMonthlyStatisticsRequest request;
    request.set_month(month);
    request.set_unit_id(unit_id);
    const cs::routing::v1::MonthlyStatistics statistics = CallExpectingOk(
        *routing, &RoutingService::Stub::GetMonthlyStatistics, kDesignatedUnitToken, request);
    for (const cs::routing::v1::UnitMonthlyStatistics& unit : statistics.units()) {
      if (unit.unit_id() == unit_id) return unit;
    }
    ADD_FAILURE() << "no figures of " << unit_id << " in " << statistics.DebugString();
    return {};
  }

  // The archive's record of intake's `ticket_id` once intake's outbox has delivered it (the CS
  // center searches), read whole.
  static cs::archive::v1::ArchivedRecord WaitForArchivedRecord(int64_t ticket_id) {
    auto archive = Archive();
    cs::archive::v1::SearchRecordsRequest search;
    search.set_ticket_id(ticket_id);
    search.set_include_destroyed(true);
    search.set_reason("e2e regulation scenario: the closed ticket reached the archive");
    cs::archive::v1::SearchRecordsResponse found;
    EXPECT_OK(WaitFor(absl::StrCat("the record of ticket ", ticket_id, " in the archive"), [&] {
      return CallAs(*archive, &ArchiveService::Stub::SearchRecords, kCsCenterToken, search, &found)
                 .ok() &&
             found.records_size() == 1;
    }));
    if (found.records_size() != 1) return {};
    cs::archive::v1::GetRecordRequest get;
    get.set_record_id(found.records(0).record_id());
    get.set_reason("e2e regulation scenario: read the archived record");
    return CallExpectingOk(*archive, &ArchiveService::Stub::GetRecord, kCsCenterToken, get);
  }

  static cs::assessment::v1::Scorecard ComputeScorecard(const std::string& request_id,
                                                        const std::string& unit_id,
                                                        const std::string& month) {
    auto assessment = Assessment();
    cs::assessment::v1::ComputeScorecardRequest compute;
    compute.set_request_id(request_id);
    compute.set_unit_id(unit_id);
    compute.set_month(month);
    return CallExpectingOk(*assessment, &AssessmentService::Stub::ComputeScorecard, kCsCenterToken,
                           compute);
  }

  // A broadband email complaint without a device number (SPEC I2: it cannot be forwarded),
  // recorded under `request_id`.
  static cs::intake::v1::Ticket RecordEmailComplaintWithoutDeviceNumber(
      const std::string& request_id) {
    cs::intake::v1::CreateTicketRequest create;
    create.set_request_id(request_id);
    cs::intake::v1::TicketInput& input = *create.mutable_ticket();
    input.set_unit_id("broadband");
    input.set_kind(cs::common::v1::TICKET_KIND_COMPLAINT);
    input.set_channel(cs::common::v1::CHANNEL_EMAIL);
    input.set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
    input.set_problem("宽带账号被停机，邮件投诉要求恢复");
    input.set_contact_phone("13900000000");
    input.set_contact_person("王女士");
    input.set_email("wang@example.cn");
    auto intake = Intake();
    return CallExpectingOk(*intake, &IntakeService::Stub::CreateTicket, kBroadbandStaffToken,
                           create);
  }

  // The unit answers a ticket it cannot forward with routing's A6 format-3 text ("call 10000 or
  // write again", R7) and closes it (M 7.3: it stays responsible to the end); the closed ticket.
  static cs::intake::v1::Ticket AnswerWithCannotForwardTextAndClose(int64_t ticket_id,
                                                                    const std::string& request_id,
                                                                    std::string* letter_text) {
    auto routing = Routing();
    cs::routing::v1::PreviewReplyRequest preview;
    preview.set_format(cs::routing::v1::REPLY_FORMAT_CANNOT_FORWARD);
    preview.set_unit_id("broadband");
    const cs::routing::v1::PreviewReplyResponse letter = CallExpectingOk(
        *routing, &RoutingService::Stub::PreviewReply, kBroadbandStaffToken, preview);
    *letter_text = letter.text();
    auto intake = Intake();
    cs::intake::v1::CloseTicketRequest close;
    close.set_request_id(request_id);
    close.set_ticket_id(ticket_id);
    close.set_reply_text(letter.text());
    close.set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
    return CallExpectingOk(*intake, &IntakeService::Stub::CloseTicket, kBroadbandStaffToken, close);
  }
};

// SPEC I1, I4, I5, R2, R6, V1, V5, S5 (A5 6.2–6.4, 6.7; A1 7.1, 7.3; M 7.3, 7.17): a hotline
// complaint recorded at broadband on Monday 7 September 2026 10:00, forwarded and confirmed within
// the working hour, dispatched to idc (a complaint: 5 working days, due Monday 14 September 17:30),
// replied on Tuesday 15 September after one supervision reminder, delivered to the user by the
// call-back queue, closed by broadband, archived whole, and counted late in routing's, intake's and
// the archive's September figures and in both units' September scorecards.
TEST_F(RegulationScenariosE2eTest,
       I4_I5_R2_R6_V1_V5_S5_HotlineComplaintDispatchedRepliedLateRemindedClosedArchivedCounted) {
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 9, 7, 10, 0)));
  IntakeAsStaff broadband(suite().service("intake").channel);
  const cs::intake::v1::Ticket forwarded = broadband.CreateAndForward("s1-hotline-complaint");
  ASSERT_GT(forwarded.ticket_id(), 0);
  const int64_t ticket_id = forwarded.ticket_id();
  EXPECT_EQ(forwarded.input().channel(), cs::common::v1::CHANNEL_HOTLINE);
  EXPECT_EQ(TimeOf(forwarded.confirm_deadline().at()), ShanghaiTime(2026, 9, 7, 11, 0));

  // I4, I5: routing confirms the receipt through intake's relay, within the working hour.
  const cs::intake::v1::Ticket received =
      WaitForTicketStatus(ticket_id, cs::intake::v1::TICKET_STATUS_RECEIVED);
  EXPECT_TRUE(received.forward().has_confirmed_at());
  EXPECT_TRUE(received.forward().deadline_met());
  EXPECT_EQ(received.forward().working_seconds_to_confirm(), 0);

  // R2: the designated unit dispatches it to idc; the handling deadline is the complaint's.
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 9, 7, 10, 20)));
  const cs::routing::v1::RoutedTicket routed = RoutedTicketOf(ticket_id);
  ASSERT_GT(routed.routed_ticket_id(), 0);
  EXPECT_EQ(routed.status(), cs::routing::v1::ROUTED_TICKET_STATUS_RECEIVED);
  auto routing = Routing();
  cs::routing::v1::DecideTicketRequest decide;
  decide.set_request_id("s1-decide");
  decide.set_routed_ticket_id(routed.routed_ticket_id());
  decide.set_decision(cs::routing::v1::DECISION_INTERNAL_DISPATCH);
  decide.set_unit_id("idc");
  decide.set_reason("用户线路接入 IDC 机房，由 IDC 中心处理");
  const cs::routing::v1::RoutedTicket decided =
      CallExpectingOk(*routing, &RoutingService::Stub::DecideTicket, kDesignatedUnitToken, decide);
  EXPECT_EQ(decided.status(), cs::routing::v1::ROUTED_TICKET_STATUS_IN_HANDLING);
  EXPECT_EQ(decided.decision().decision(), cs::routing::v1::DECISION_INTERNAL_DISPATCH);
  EXPECT_EQ(decided.decision().handling_unit_id(), "idc");
  ASSERT_THAT(decided.orders(), SizeIs(1));
  const int64_t order_id = decided.orders(0).order_id();
  EXPECT_EQ(decided.orders(0).kind(), cs::routing::v1::DISPATCH_KIND_INTERNAL);
  EXPECT_EQ(decided.orders(0).status(), cs::routing::v1::DISPATCH_ORDER_STATUS_OPEN);
  const absl::Time handling_due = ShanghaiTime(2026, 9, 14, 17, 30);
  EXPECT_EQ(TimeOf(decided.orders(0).deadline().at()), handling_due);
  EXPECT_FALSE(decided.orders(0).overdue());

  // M 7.3: intake, responsible to the end, learns who handles it and by when.
  const cs::intake::v1::Ticket in_handling =
      WaitForTicketStatus(ticket_id, cs::intake::v1::TICKET_STATUS_IN_HANDLING);
  EXPECT_EQ(in_handling.last_outcome(), cs::intake::v1::OUTCOME_KIND_INTERNAL_DISPATCH);
  EXPECT_EQ(TimeOf(in_handling.handling_deadline()), handling_due);

  // idc takes the order on Tuesday.
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 9, 8, 9, 30)));
  cs::routing::v1::AcceptDispatchOrderRequest accept;
  accept.set_order_id(order_id);
  EXPECT_EQ(
      CallExpectingOk(*routing, &RoutingService::Stub::AcceptDispatchOrder, kIdcStaffToken, accept)
          .status(),
      cs::routing::v1::DISPATCH_ORDER_STATUS_ACCEPTED);

  // A minute before the deadline supervision leaves the order alone.
  ASSERT_NO_FATAL_FAILURE(SetClocks(handling_due - absl::Minutes(1)));
  ASSERT_NO_FATAL_FAILURE(WaitForSupervisionRound());
  EXPECT_FALSE(Order(order_id).overdue());
  EXPECT_EQ(Order(order_id).reminders_sent(), 0);

  // R6: the deadline passes unanswered; supervision flags the order and reminds idc once.
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 9, 15, 10, 0)));
  cs::routing::v1::DispatchOrder reminded;
  ASSERT_OK(WaitFor("supervision to remind the overdue order", [&] {
    reminded = Order(order_id);
    return reminded.overdue() && reminded.reminders_sent() >= 1;
  }));
  EXPECT_EQ(reminded.reminders_sent(), 1);
  EXPECT_EQ(TimeOf(reminded.overdue_since()), ShanghaiTime(2026, 9, 15, 10, 0));
  ASSERT_THAT(reminded.reminders(), SizeIs(1));
  EXPECT_EQ(reminded.reminders(0).recipient(), "idc@internet.example.cn");
  // The next reminder is 4 working hours on (10:00–12:00, 13:00–15:00).
  EXPECT_EQ(TimeOf(reminded.next_reminder_at()), ShanghaiTime(2026, 9, 15, 15, 0));

  // idc replies late.
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 9, 15, 10, 30)));
  cs::routing::v1::ReplyToDispatchOrderRequest reply;
  reply.set_request_id("s1-reply");
  reply.set_order_id(order_id);
  reply.set_handling_result("已更换机房接入交换机端口，线路恢复稳定。");
  const cs::routing::v1::DispatchOrder replied =
      CallExpectingOk(*routing, &RoutingService::Stub::ReplyToDispatchOrder, kIdcStaffToken, reply);
  EXPECT_EQ(replied.status(), cs::routing::v1::DISPATCH_ORDER_STATUS_REPLIED);
  EXPECT_TRUE(replied.overdue());
  EXPECT_EQ(TimeOf(replied.replied_at()), ShanghaiTime(2026, 9, 15, 10, 30));
  EXPECT_EQ(replied.reminders_sent(), 1);

  // The reply leaves on the user's channel (a hotline caller is called back): the gateway takes it
  // and acknowledges it delivered.
  const cs::routing::v1::RoutedTicket answered = RoutedTicketOf(ticket_id);
  int64_t delivered_id = 0;
  ASSERT_OK(WaitFor("the gateway to deliver the reply", [&] {
    cs::routing::v1::PullDeliveriesRequest pull;
    pull.set_channel(answered.reply_channel());
    pull.set_max_deliveries(100);
    pull.set_gateway("e2e-callback-queue");
    cs::routing::v1::PullDeliveriesResponse pulled;
    if (!CallAs(*routing, &RoutingService::Stub::PullDeliveries, kCallbackQueueToken, pull, &pulled)
             .ok()) {
      return false;
    }
    for (const cs::routing::v1::Delivery& delivery : pulled.deliveries()) {
      if (delivery.ticket_id() != ticket_id ||
          delivery.purpose() != cs::routing::v1::DELIVERY_PURPOSE_USER_REPLY) {
        continue;
      }
      cs::routing::v1::AckDeliveryRequest ack;
      ack.set_delivery_id(delivery.delivery_id());
      ack.set_lease_token(delivery.lease_token());
      ack.set_result(cs::routing::v1::DELIVERY_RESULT_DELIVERED);
      ack.set_gateway("e2e-callback-queue");
      cs::routing::v1::Delivery acknowledged;
      if (CallAs(*routing, &RoutingService::Stub::AckDelivery, kCallbackQueueToken, ack,
                 &acknowledged)
              .ok()) {
        delivered_id = acknowledged.delivery_id();
      }
    }
    return delivered_id != 0;
  }));
  const cs::intake::v1::Ticket user_replied =
      WaitForTicketStatus(ticket_id, cs::intake::v1::TICKET_STATUS_REPLIED);
  EXPECT_EQ(TimeOf(user_replied.replied_to_user_at()), ShanghaiTime(2026, 9, 15, 10, 30));
  ASSERT_THAT(user_replied.replies(), SizeIs(1));
  EXPECT_EQ(user_replied.replies(0).replied_by(), "idc");
  EXPECT_THAT(user_replied.replies(0).text(), HasSubstr("已更换机房接入交换机端口"));

  // M 7.3: broadband closes it; V1: the archive holds the whole record, judged late.
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 9, 15, 11, 0)));
  auto intake = Intake();
  cs::intake::v1::CloseTicketRequest close;
  close.set_request_id("s1-close");
  close.set_ticket_id(ticket_id);
  EXPECT_EQ(CallExpectingOk(*intake, &IntakeService::Stub::CloseTicket, kBroadbandStaffToken, close)
                .status(),
            cs::intake::v1::TICKET_STATUS_CLOSED);
  const cs::archive::v1::ArchivedRecord record = WaitForArchivedRecord(ticket_id);
  EXPECT_EQ(record.summary().unit_id(), "broadband");
  EXPECT_EQ(record.summary().routing_path(), cs::archive::v1::ROUTING_PATH_INTERNAL_DISPATCH);
  EXPECT_EQ(record.summary().closed_month(), "2026-09");
  EXPECT_FALSE(record.summary().on_time());
  EXPECT_EQ(record.ticket().status(), cs::intake::v1::TICKET_STATUS_CLOSED);
  EXPECT_THAT(record.ticket().replies(), SizeIs(1));

  // R6: September's supervision figures of idc.
  const cs::routing::v1::UnitMonthlyStatistics idc_month = RoutingMonth("2026-09", "idc");
  EXPECT_EQ(idc_month.dispatched(), 1);
  EXPECT_EQ(idc_month.replied(), 1);
  EXPECT_EQ(idc_month.replied_on_time(), 0);
  EXPECT_EQ(idc_month.overdue(), 1);
  EXPECT_EQ(idc_month.reminders(), 1);
  // I5: broadband's forwarding figures.
  cs::intake::v1::GetMonthlyForwardingStatisticsRequest forwarding;
  forwarding.set_unit_id("broadband");
  forwarding.set_month("2026-09");
  const cs::intake::v1::MonthlyForwardingStatistics forwarding_month = CallExpectingOk(
      *intake, &IntakeService::Stub::GetMonthlyForwardingStatistics, kCsCenterToken, forwarding);
  EXPECT_EQ(forwarding_month.recorded(), 1);
  EXPECT_EQ(forwarding_month.forwarded(), 1);
  EXPECT_EQ(forwarding_month.confirmed_on_time(), 1);
  EXPECT_EQ(forwarding_month.closed(), 1);
  // V5: the archive's classified statistics of broadband's September.
  auto archive = Archive();
  cs::archive::v1::GetMonthlyStatisticsRequest statistics;
  statistics.set_month("2026-09");
  statistics.set_unit_id("broadband");
  const cs::archive::v1::MonthlyStatistics archive_month = CallExpectingOk(
      *archive, &ArchiveService::Stub::GetMonthlyStatistics, kCsCenterToken, statistics);
  EXPECT_EQ(archive_month.totals().total(), 1);
  EXPECT_EQ(archive_month.totals().complaints(), 1);
  EXPECT_EQ(archive_month.totals().on_time(), 0);
  ASSERT_THAT(archive_month.by_routing_path(), SizeIs(1));
  EXPECT_EQ(archive_month.by_routing_path(0).routing_path(),
            cs::archive::v1::ROUTING_PATH_INTERNAL_DISPATCH);
  ASSERT_THAT(archive_month.by_channel(), SizeIs(1));
  EXPECT_EQ(archive_month.by_channel(0).channel(), cs::common::v1::CHANNEL_HOTLINE);

  // S5: once September's reports are due (October's 5th working day), both scorecards count it:
  // idc's order replied late (0 of 1 on time), broadband's forward confirmed in time (1 of 1).
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 10, 19, 10, 0)));
  const cs::assessment::v1::Scorecard idc_card = ComputeScorecard("s1-score-idc", "idc", "2026-09");
  const cs::assessment::v1::IndicatorScore* dispatch = FindIndicator(idc_card, "dispatch_on_time");
  ASSERT_NE(dispatch, nullptr) << idc_card.DebugString();
  EXPECT_EQ(dispatch->input().source(), "routing");
  EXPECT_EQ(dispatch->input().numerator(), 0);
  EXPECT_EQ(dispatch->input().denominator(), 1);
  EXPECT_EQ(dispatch->points(), 0) << dispatch->explanation();
  const cs::assessment::v1::Scorecard broadband_card =
      ComputeScorecard("s1-score-broadband", "broadband", "2026-09");
  const cs::assessment::v1::IndicatorScore* forwarding_score =
      FindIndicator(broadband_card, "forwarding_on_time");
  ASSERT_NE(forwarding_score, nullptr) << broadband_card.DebugString();
  EXPECT_EQ(forwarding_score->input().source(), "intake");
  EXPECT_EQ(forwarding_score->input().numerator(), 1);
  EXPECT_EQ(forwarding_score->input().denominator(), 1);
  EXPECT_EQ(forwarding_score->points(), forwarding_score->weight())
      << forwarding_score->explanation();
}

// SPEC I2, R7, M 7.3, V1 (A5 6.1, A6 format 3): an email complaint without its device number
// cannot be forwarded — the refusal names device_number and only it — so broadband answers the
// user with routing's A6 "cannot forward" text and closes it; the archive keeps that reply.
TEST_F(RegulationScenariosE2eTest,
       I2_R7_EmailComplaintMissingDeviceNumberRefusedAnsweredWithCannotForwardTextAndClosed) {
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 10, 21, 10, 0)));
  const cs::intake::v1::Ticket recorded = RecordEmailComplaintWithoutDeviceNumber("s2-create");
  ASSERT_GT(recorded.ticket_id(), 0);
  EXPECT_EQ(recorded.status(), cs::intake::v1::TICKET_STATUS_RECORDED);

  auto intake = Intake();
  cs::intake::v1::ForwardTicketRequest forward;
  forward.set_request_id("s2-forward");
  forward.set_ticket_id(recorded.ticket_id());
  cs::intake::v1::Ticket refused_ticket;
  const grpc::Status refused = CallAs(*intake, &IntakeService::Stub::ForwardTicket,
                                      kBroadbandStaffToken, forward, &refused_ticket);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(), HasSubstr("device_number"));
  EXPECT_THAT(refused.error_message(), Not(HasSubstr("contact_phone")));
  const cs::intake::v1::Ticket unforwarded = Ticket(recorded.ticket_id());
  EXPECT_EQ(unforwarded.status(), cs::intake::v1::TICKET_STATUS_RECORDED);
  EXPECT_FALSE(unforwarded.has_forward());

  std::string letter;
  const cs::intake::v1::Ticket closed =
      AnswerWithCannotForwardTextAndClose(recorded.ticket_id(), "s2-close", &letter);
  EXPECT_THAT(letter, HasSubstr("10000"));
  EXPECT_EQ(closed.status(), cs::intake::v1::TICKET_STATUS_CLOSED);
  ASSERT_THAT(closed.replies(), SizeIs(1));
  EXPECT_EQ(closed.replies(0).text(), letter);
  EXPECT_EQ(closed.replies(0).replied_by(), "broadband");
  EXPECT_EQ(closed.replies(0).channel(), cs::common::v1::REPLY_CHANNEL_EMAIL);

  const cs::archive::v1::ArchivedRecord record = WaitForArchivedRecord(recorded.ticket_id());
  EXPECT_EQ(record.summary().channel(), cs::common::v1::CHANNEL_EMAIL);
  EXPECT_EQ(record.summary().routing_path(), cs::archive::v1::ROUTING_PATH_UNSPECIFIED);
  ASSERT_THAT(record.ticket().replies(), SizeIs(1));
  EXPECT_EQ(record.ticket().replies(0).text(), letter);
  EXPECT_TRUE(record.ticket().input().device_number().empty());
}

// SPEC R3, R6 (A5 6.5, 6.7): a portal complaint about a mobile line, escalated to the telecom
// company on Thursday 22 October 2026 (acknowledgement due in 1 working day: Friday 17:30),
// flagged overdue by supervision and acknowledged on Monday: the order closes late and counts
// against the telecom company in routing's October figures.
TEST_F(RegulationScenariosE2eTest, R3_R6_EscalationToTelecomAcknowledgedLate) {
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 10, 22, 10, 0)));
  auto intake = Intake();
  cs::intake::v1::CreateTicketRequest create;
  create.set_request_id("s3-create");
  *create.mutable_ticket() = CompleteTicketInput("portal");
  create.mutable_ticket()->set_problem("手机号码被误停机，无法拨打电话");
  const cs::intake::v1::Ticket created =
      CallExpectingOk(*intake, &IntakeService::Stub::CreateTicket, kPortalStaffToken, create);
  ASSERT_GT(created.ticket_id(), 0);
  cs::intake::v1::ForwardTicketRequest forward;
  forward.set_request_id("s3-forward");
  forward.set_ticket_id(created.ticket_id());
  CallExpectingOk(*intake, &IntakeService::Stub::ForwardTicket, kPortalStaffToken, forward);
  WaitForTicketStatus(created.ticket_id(), cs::intake::v1::TICKET_STATUS_RECEIVED);

  auto routing = Routing();
  const cs::routing::v1::RoutedTicket routed = RoutedTicketOf(created.ticket_id());
  ASSERT_GT(routed.routed_ticket_id(), 0);
  cs::routing::v1::DecideTicketRequest decide;
  decide.set_request_id("s3-decide");
  decide.set_routed_ticket_id(routed.routed_ticket_id());
  decide.set_decision(cs::routing::v1::DECISION_ESCALATE_TO_TELECOM);
  decide.set_reason("移动电话停复机属电信公司业务");
  const cs::routing::v1::RoutedTicket escalated =
      CallExpectingOk(*routing, &RoutingService::Stub::DecideTicket, kDesignatedUnitToken, decide);
  ASSERT_THAT(escalated.orders(), SizeIs(1));
  const cs::routing::v1::DispatchOrder& order = escalated.orders(0);
  EXPECT_EQ(order.kind(), cs::routing::v1::DISPATCH_KIND_TELECOM);
  EXPECT_EQ(order.unit_id(), "telecom");
  EXPECT_EQ(order.status(), cs::routing::v1::DISPATCH_ORDER_STATUS_OPEN);
  EXPECT_FALSE(order.dispatch_address().empty());
  EXPECT_EQ(TimeOf(order.deadline().at()), ShanghaiTime(2026, 10, 23, 17, 30));
  bool sent_to_telecom = false;
  for (const cs::routing::v1::Delivery& delivery : escalated.deliveries()) {
    sent_to_telecom |= delivery.purpose() == cs::routing::v1::DELIVERY_PURPOSE_TELECOM_DISPATCH &&
                       delivery.recipient() == order.dispatch_address();
  }
  EXPECT_TRUE(sent_to_telecom) << escalated.DebugString();
  const cs::intake::v1::Ticket in_handling =
      WaitForTicketStatus(created.ticket_id(), cs::intake::v1::TICKET_STATUS_IN_HANDLING);
  EXPECT_EQ(in_handling.last_outcome(), cs::intake::v1::OUTCOME_KIND_ESCALATE_TO_TELECOM);

  // Friday afternoon, before the deadline: not overdue, nobody reminded.
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 10, 23, 17, 0)));
  ASSERT_NO_FATAL_FAILURE(WaitForSupervisionRound());
  EXPECT_FALSE(Order(order.order_id()).overdue());
  EXPECT_EQ(Order(order.order_id()).reminders_sent(), 0);

  // Monday: the deadline passed on Friday; supervision flags it and reminds the telecom company.
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 10, 26, 10, 0)));
  cs::routing::v1::DispatchOrder overdue;
  ASSERT_OK(WaitFor("supervision to flag the escalation overdue", [&] {
    overdue = Order(order.order_id());
    return overdue.overdue() && overdue.reminders_sent() >= 1;
  }));
  EXPECT_EQ(overdue.reminders(0).recipient(), order.dispatch_address());

  cs::routing::v1::AcknowledgeEscalationRequest acknowledge;
  acknowledge.set_order_id(order.order_id());
  acknowledge.set_telecom_reference("DX-20261026-0042");
  const cs::routing::v1::DispatchOrder acknowledged = CallExpectingOk(
      *routing, &RoutingService::Stub::AcknowledgeEscalation, kDesignatedUnitToken, acknowledge);
  EXPECT_EQ(acknowledged.status(), cs::routing::v1::DISPATCH_ORDER_STATUS_ACKNOWLEDGED);
  EXPECT_TRUE(acknowledged.overdue());
  EXPECT_EQ(TimeOf(acknowledged.acknowledged_at()), ShanghaiTime(2026, 10, 26, 10, 0));
  EXPECT_EQ(acknowledged.telecom_reference(), "DX-20261026-0042");

  const cs::routing::v1::UnitMonthlyStatistics telecom = RoutingMonth("2026-10", "telecom");
  EXPECT_EQ(telecom.dispatched(), 1);
  EXPECT_EQ(telecom.replied(), 1);
  EXPECT_EQ(telecom.replied_on_time(), 0);
  EXPECT_EQ(telecom.overdue(), 1);
  EXPECT_EQ(telecom.reminders(), acknowledged.reminders_sent());
}

// SPEC H1, H2, H3, H6, S5 (A2 7.1, 7.2, 7.5, 7.7): broadband's hotline, approved on Monday 2
// November 2026, changes its number on 16 November: a transition shorter than 3 months is refused
// naming the earliest end (24:00 of 16 February 2027), the 3-month one is signed, approved and
// applied at its change time, the old number on a voice prompt until then. 7 of 10 calls offered
// in November were answered (70 %, under 80 %): the operating report says so and November's
// scorecard gives the indicator 8 × 70 / 80 = 7 points.
TEST_F(RegulationScenariosE2eTest,
       H1_H2_H3_H6_S5_HotlineNumberChangeWithThreeMonthTransitionAndConnectionRateBelowTarget) {
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 11, 2, 10, 0)));
  auto hotlines = Hotlines();
  cs::hotline::v1::RegisterHotlineRequest registration;
  registration.set_request_id("s4-register");
  *registration.mutable_form() =
      BroadbandHotlineForm("021-5888 6600", ShanghaiTime(2026, 11, 2, 0, 0));
  const cs::hotline::v1::Hotline filed =
      CallExpectingOk(*hotlines, &HotlineRegistryService::Stub::RegisterHotline,
                      kBroadbandStaffToken, registration);
  ASSERT_FALSE(filed.hotline_id().empty());
  EXPECT_EQ(filed.state(), cs::hotline::v1::HOTLINE_STATE_PENDING_SIGNATURE);
  cs::hotline::v1::SignFormRequest sign;
  sign.set_hotline_id(filed.hotline_id());
  sign.set_form(cs::hotline::v1::FORM_KIND_REGISTRATION);
  CallExpectingOk(*hotlines, &HotlineRegistryService::Stub::SignForm, kBroadbandManagerToken, sign);
  cs::hotline::v1::DecideRegistrationRequest approve;
  approve.set_hotline_id(filed.hotline_id());
  approve.set_approve(true);
  EXPECT_EQ(CallExpectingOk(*hotlines, &HotlineRegistryService::Stub::DecideRegistration,
                            kCsCenterToken, approve)
                .state(),
            cs::hotline::v1::HOTLINE_STATE_ACTIVE);

  // H6: Tuesday's calls, streamed in on Wednesday: 7 of 10 answered.
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 11, 4, 10, 0)));
  absl::StatusOr<cs::hotline::v1::IngestCallRecordsResponse> ingested = StreamCallRecords(
      *hotlines, CallRecords(filed.hotline_id(), "s4-nov-", ShanghaiTime(2026, 11, 3, 10, 10),
                             absl::Minutes(1), 10, 7));
  ASSERT_OK(ingested.status());
  EXPECT_EQ(ingested->stored(), 10);

  // H2, H3: the number change, filed beforehand.
  const absl::Time change_at = ShanghaiTime(2026, 11, 16, 10, 0);
  const absl::Time earliest_end = ShanghaiTime(2027, 2, 17, 0, 0);
  cs::hotline::v1::FileChangeRequest change;
  change.set_request_id("s4-change-short");
  change.set_hotline_id(filed.hotline_id());
  cs::hotline::v1::ChangeForm& change_form = *change.mutable_form();
  change_form.set_unit_id("broadband");
  change_form.set_number("021-5888 6600");
  *change_form.mutable_change_at() = ToProtoTimestamp(change_at);
  change_form.set_item(cs::hotline::v1::CHANGE_ITEM_NUMBER_CHANGE);
  change_form.set_reason("号段调整");
  change_form.set_handler("王五");
  change_form.set_new_number("021-5888 6611");
  change_form.set_transition_kind(cs::hotline::v1::TRANSITION_KIND_VOICE_PROMPT);
  *change_form.mutable_transition_ends_at() = ToProtoTimestamp(earliest_end - absl::Hours(24));
  cs::hotline::v1::Hotline refused_hotline;
  const grpc::Status refused = CallAs(*hotlines, &HotlineRegistryService::Stub::FileChange,
                                      kBroadbandStaffToken, change, &refused_hotline);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(), HasSubstr("transition_ends_at"));
  EXPECT_THAT(refused.error_message(), HasSubstr("earliest allowed end is 2027-02-17 00:00"));

  change.set_request_id("s4-change");
  *change_form.mutable_transition_ends_at() = ToProtoTimestamp(earliest_end);
  const cs::hotline::v1::Hotline changing = CallExpectingOk(
      *hotlines, &HotlineRegistryService::Stub::FileChange, kBroadbandStaffToken, change);
  ASSERT_THAT(changing.changes(), SizeIs(1));
  const std::string change_id = changing.changes(0).change_id();
  EXPECT_EQ(changing.changes(0).state(), cs::hotline::v1::CHANGE_STATE_PENDING_SIGNATURE);
  cs::hotline::v1::SignFormRequest sign_change;
  sign_change.set_hotline_id(filed.hotline_id());
  sign_change.set_form(cs::hotline::v1::FORM_KIND_CHANGE);
  sign_change.set_change_id(change_id);
  CallExpectingOk(*hotlines, &HotlineRegistryService::Stub::SignForm, kBroadbandManagerToken,
                  sign_change);
  cs::hotline::v1::DecideChangeRequest agree;
  agree.set_hotline_id(filed.hotline_id());
  agree.set_change_id(change_id);
  agree.set_approve(true);
  const cs::hotline::v1::Hotline approved = CallExpectingOk(
      *hotlines, &HotlineRegistryService::Stub::DecideChange, kCsCenterToken, agree);
  ASSERT_THAT(approved.changes(), SizeIs(1));
  EXPECT_EQ(approved.changes(0).state(), cs::hotline::v1::CHANGE_STATE_APPROVED);
  // Approved is not in effect: the number changes at its change time, not before.
  EXPECT_EQ(approved.number(), "021-5888 6600");

  ASSERT_NO_FATAL_FAILURE(SetClocks(change_at + absl::Minutes(5)));
  cs::hotline::v1::GetHotlineRequest get;
  get.set_hotline_id(filed.hotline_id());
  const cs::hotline::v1::Hotline applied =
      CallExpectingOk(*hotlines, &HotlineRegistryService::Stub::GetHotline, kCsCenterToken, get);
  EXPECT_EQ(applied.number(), "021-5888 6611");
  ASSERT_THAT(applied.changes(), SizeIs(1));
  EXPECT_EQ(applied.changes(0).state(), cs::hotline::v1::CHANGE_STATE_APPLIED);
  ASSERT_THAT(applied.transitions(), SizeIs(1));
  EXPECT_EQ(applied.transitions(0).old_number(), "021-5888 6600");
  EXPECT_EQ(applied.transitions(0).new_number(), "021-5888 6611");
  EXPECT_EQ(TimeOf(applied.transitions(0).starts_at()), change_at);
  EXPECT_EQ(TimeOf(applied.transitions(0).ends_at()), earliest_end);
  // The old number keeps its prompt up to the transition's end, and not after.
  cs::hotline::v1::ListNumberTransitionsRequest transitions;
  transitions.set_unit_id("broadband");
  *transitions.mutable_active_at() = ToProtoTimestamp(earliest_end - absl::Hours(1));
  EXPECT_THAT(CallExpectingOk(*hotlines, &HotlineRegistryService::Stub::ListNumberTransitions,
                              kCsCenterToken, transitions)
                  .transitions(),
              SizeIs(1));
  *transitions.mutable_active_at() = ToProtoTimestamp(earliest_end + absl::Hours(1));
  EXPECT_THAT(CallExpectingOk(*hotlines, &HotlineRegistryService::Stub::ListNumberTransitions,
                              kCsCenterToken, transitions)
                  .transitions(),
              SizeIs(0));

  // H6, A2 7.7: November's operating report, submitted on 1 December (on time), below 80 %.
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 12, 1, 10, 0)));
  cs::hotline::v1::GetOperatingReportRequest report;
  report.set_hotline_id(filed.hotline_id());
  report.set_month("2026-11");
  const cs::hotline::v1::OperatingReport november = CallExpectingOk(
      *hotlines, &HotlineRegistryService::Stub::GetOperatingReport, kBroadbandStaffToken, report);
  EXPECT_EQ(november.offered(), 10);
  EXPECT_EQ(november.answered(), 7);
  EXPECT_DOUBLE_EQ(november.connection_rate_percent(), 70);
  EXPECT_DOUBLE_EQ(november.target_percent(), 80);
  EXPECT_TRUE(november.below_target());
  cs::hotline::v1::SubmitOperatingReportRequest submit;
  submit.set_request_id("s4-report");
  submit.set_hotline_id(filed.hotline_id());
  submit.set_month("2026-11");
  EXPECT_TRUE(CallExpectingOk(*hotlines, &HotlineRegistryService::Stub::SubmitOperatingReport,
                              kBroadbandStaffToken, submit)
                  .submitted_on_time());

  // S5: November's scorecard, once December's 5th working day (Monday 7 December) has passed.
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 12, 8, 10, 0)));
  const cs::assessment::v1::Scorecard card =
      ComputeScorecard("s4-score-broadband", "broadband", "2026-11");
  const cs::assessment::v1::IndicatorScore* connection =
      FindIndicator(card, "hotline_connection_rate");
  ASSERT_NE(connection, nullptr) << card.DebugString();
  EXPECT_EQ(connection->input().source(), "hotline-registry");
  EXPECT_EQ(connection->input().numerator(), 7);
  EXPECT_EQ(connection->input().denominator(), 10);
  EXPECT_NEAR(connection->points(), 7, 1e-9) << connection->explanation();
  EXPECT_LT(connection->points(), connection->weight());
  const cs::assessment::v1::IndicatorScore* on_time = FindIndicator(card, "hotline_report_on_time");
  ASSERT_NE(on_time, nullptr);
  EXPECT_EQ(on_time->points(), on_time->weight()) << on_time->explanation();
}

// SPEC C1, C5, C6, C2 (A3 7.1, 7.5.1, 7.5.3, 7.5.4): a complaint mailbox filed on form F3 and
// acknowledged on Wednesday 9 December 2026, checked "7×24, twice a day". Its usage grows towards
// the capacity (a warning with A3 7.5.4's advice), then a sample finds it full and opens a fault;
// the check due at 21:00 is missed, so the next morning the channel is overdue and that check is
// recorded late and counted missed.
TEST_F(RegulationScenariosE2eTest, C1_C2_C5_C6_ChannelMailboxFillsUpAndACheckIsMissed) {
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 12, 9, 9, 0)));
  auto channels = Channels();
  cs::channel::v1::FileChannelRequest file;
  file.set_request_id("s5-file");
  *file.mutable_form() = SeededChannelForm("complaints-s5@broadband.example.cn");
  const cs::channel::v1::OnlineChannel filed = CallExpectingOk(
      *channels, &ChannelRegistryService::Stub::FileChannel, kBroadbandStaffToken, file);
  ASSERT_FALSE(filed.channel_id().empty());
  EXPECT_EQ(filed.state(), cs::channel::v1::CHANNEL_STATE_FILED);
  EXPECT_EQ(filed.service_time().checks_per_day(), 2);
  cs::channel::v1::AcknowledgeFilingRequest acknowledge;
  acknowledge.set_request_id("s5-acknowledge");
  acknowledge.set_channel_id(filed.channel_id());
  EXPECT_EQ(CallExpectingOk(*channels, &ChannelRegistryService::Stub::AcknowledgeFiling,
                            kCsCenterToken, acknowledge)
                .state(),
            cs::channel::v1::CHANNEL_STATE_ACKNOWLEDGED);

  // C5: checked at 09:00; twice a day around the clock, the next is due at 21:00.
  cs::channel::v1::RecordCheckRequest check;
  check.set_request_id("s5-check-1");
  check.set_channel_id(filed.channel_id());
  check.set_checked_by("张三");
  check.set_new_complaints(3);
  const cs::channel::v1::Check first = CallExpectingOk(
      *channels, &ChannelRegistryService::Stub::RecordCheck, kBroadbandStaffToken, check);
  EXPECT_FALSE(first.late());
  EXPECT_EQ(TimeOf(first.next_due()), ShanghaiTime(2026, 12, 9, 21, 0));

  // C6: three daily samples growing by 150 of 1000 a day: full within the forecast, warned.
  cs::channel::v1::CapacityForecast forecast;
  for (int day = 7; day <= 9; ++day) {
    cs::channel::v1::RecordUsageSampleRequest sample;
    sample.set_request_id(absl::StrCat("s5-sample-", day));
    sample.set_channel_id(filed.channel_id());
    *sample.mutable_sample()->mutable_sampled_at() =
        ToProtoTimestamp(ShanghaiTime(2026, 12, day, 9, 0));
    sample.mutable_sample()->set_used(600 + 150 * (day - 7));
    sample.mutable_sample()->set_capacity(1000);
    forecast = CallExpectingOk(*channels, &ChannelRegistryService::Stub::RecordUsageSample,
                               kBroadbandStaffToken, sample);
  }
  EXPECT_NEAR(forecast.usage_ratio(), 0.9, 1e-9);
  EXPECT_NEAR(forecast.growth_per_day(), 150, 1e-6);
  EXPECT_TRUE(forecast.warning()) << forecast.DebugString();
  EXPECT_FALSE(forecast.advice().empty());
  EXPECT_TRUE(forecast.opened_fault_id().empty());

  // The next morning nobody has looked since 09:00 yesterday, and the box is full.
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 12, 10, 9, 0)));
  cs::channel::v1::GetChannelRequest get;
  get.set_channel_id(filed.channel_id());
  const cs::channel::v1::OnlineChannel unchecked =
      CallExpectingOk(*channels, &ChannelRegistryService::Stub::GetChannel, kCsCenterToken, get);
  EXPECT_TRUE(unchecked.check_overdue());
  EXPECT_EQ(TimeOf(unchecked.next_check_due()), ShanghaiTime(2026, 12, 9, 21, 0));
  cs::channel::v1::RecordUsageSampleRequest full;
  full.set_request_id("s5-sample-full");
  full.set_channel_id(filed.channel_id());
  *full.mutable_sample()->mutable_sampled_at() = ToProtoTimestamp(ShanghaiTime(2026, 12, 10, 9, 0));
  full.mutable_sample()->set_used(1000);
  full.mutable_sample()->set_capacity(1000);
  const cs::channel::v1::CapacityForecast full_box = CallExpectingOk(
      *channels, &ChannelRegistryService::Stub::RecordUsageSample, kBroadbandStaffToken, full);
  EXPECT_TRUE(full_box.warning());
  ASSERT_FALSE(full_box.opened_fault_id().empty()) << full_box.DebugString();
  cs::channel::v1::ListFaultsRequest faults;
  faults.set_channel_id(filed.channel_id());
  faults.set_open_only(true);
  const cs::channel::v1::ListFaultsResponse open_faults =
      CallExpectingOk(*channels, &ChannelRegistryService::Stub::ListFaults, kCsCenterToken, faults);
  ASSERT_THAT(open_faults.faults(), SizeIs(1));
  EXPECT_EQ(open_faults.faults(0).fault_id(), full_box.opened_fault_id());
  EXPECT_EQ(open_faults.faults(0).origin(), cs::channel::v1::FAULT_ORIGIN_MAILBOX_FULL);
  EXPECT_EQ(TimeOf(open_faults.faults(0).repair_due()), ShanghaiTime(2026, 12, 11, 9, 0));

  // C5: the check made now is late; the one due at 21:00 was missed.
  check.set_request_id("s5-check-2");
  check.set_new_complaints(5);
  const cs::channel::v1::Check late = CallExpectingOk(
      *channels, &ChannelRegistryService::Stub::RecordCheck, kBroadbandStaffToken, check);
  EXPECT_TRUE(late.late());
  EXPECT_EQ(TimeOf(late.next_due()), ShanghaiTime(2026, 12, 10, 21, 0));
  // C6 → C2: the box enlarged, the fault is repaired within its limit.
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 12, 10, 11, 0)));
  cs::channel::v1::CloseFaultRequest close;
  close.set_request_id("s5-close-fault");
  close.set_fault_id(full_box.opened_fault_id());
  close.set_repair_note("邮箱扩容至 2 GB，清理已处理邮件");
  const cs::channel::v1::Fault repaired = CallExpectingOk(
      *channels, &ChannelRegistryService::Stub::CloseFault, kBroadbandStaffToken, close);
  EXPECT_EQ(TimeOf(repaired.repaired_at()), ShanghaiTime(2026, 12, 10, 11, 0));
  EXPECT_FALSE(repaired.overdue());
  // December so far (the month's figures count up to now, exclusive: read after the clock
  // moved on): two checks made, the one due at 21:00 missed.
  cs::channel::v1::GetMonthlyStatisticsRequest statistics;
  statistics.set_unit_id("broadband");
  statistics.set_month("2026-12");
  const cs::channel::v1::MonthlyStatistics december = CallExpectingOk(
      *channels, &ChannelRegistryService::Stub::GetMonthlyStatistics, kCsCenterToken, statistics);
  const cs::channel::v1::ChannelMonth* mailbox = nullptr;
  for (const cs::channel::v1::ChannelMonth& channel : december.channels()) {
    if (channel.channel_id() == filed.channel_id()) mailbox = &channel;
  }
  ASSERT_NE(mailbox, nullptr) << december.DebugString();
  EXPECT_EQ(mailbox->checks_made(), 2);
  EXPECT_EQ(mailbox->checks_missed(), 1);
}

// SPEC S1, S5 (M 7.13, 7.17): two rectification notices issued to broadband and received on Monday
// 14 December 2026 (replies due in 5 working days: Monday 21 December 17:30). One is replied with
// the manager's signature on Wednesday and passes verification; the other is replied on Tuesday 22
// December, late, fails verification and is reopened with a new deadline of 5 working days, by
// which it is replied again and passes; December's scorecard counts the two findings.
TEST_F(RegulationScenariosE2eTest,
       S1_S5_RectificationRepliedOnTimePassesAndOneRepliedLateFailsVerification) {
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 12, 14, 10, 0)));
  auto assessment = Assessment();
  auto issue_and_receive = [&](const std::string& name, const std::string& finding) {
    cs::assessment::v1::IssueRectificationNoticeRequest issue;
    issue.set_request_id(absl::StrCat(name, "-issue"));
    issue.set_unit_id("broadband");
    issue.set_finding(finding);
    issue.set_clause("M 7.13");
    issue.set_evidence("客服中心抽查记录 2026-12-11");
    const cs::assessment::v1::RectificationNotice issued = CallExpectingOk(
        *assessment, &AssessmentService::Stub::IssueRectificationNotice, kCsCenterToken, issue);
    EXPECT_EQ(issued.state(), cs::assessment::v1::NOTICE_STATE_ISSUED);
    cs::assessment::v1::AcknowledgeNoticeRequest acknowledge;
    acknowledge.set_request_id(absl::StrCat(name, "-acknowledge"));
    acknowledge.set_notice_id(issued.notice_id());
    return CallExpectingOk(*assessment, &AssessmentService::Stub::AcknowledgeNotice,
                           kBroadbandStaffToken, acknowledge);
  };
  auto reply = [&](const std::string& name, const std::string& notice_id) {
    cs::assessment::v1::ReplyToNoticeRequest request;
    request.set_request_id(absl::StrCat(name, "-reply"));
    request.set_notice_id(notice_id);
    request.set_measures("已组织话务员复训，并调整排班。");
    return CallExpectingOk(*assessment, &AssessmentService::Stub::ReplyToNotice,
                           kBroadbandManagerToken, request);
  };
  auto verify = [&](const std::string& name, const std::string& notice_id, bool passed) {
    cs::assessment::v1::VerifyRectificationRequest request;
    request.set_request_id(absl::StrCat(name, "-verify"));
    request.set_notice_id(notice_id);
    request.set_passed(passed);
    request.set_note(passed ? "抽查合格" : "复查仍有超时未回复");
    return CallExpectingOk(*assessment, &AssessmentService::Stub::VerifyRectification,
                           kCsCenterToken, request);
  };
  const absl::Time reply_due = ShanghaiTime(2026, 12, 21, 17, 30);
  const cs::assessment::v1::RectificationNotice on_time =
      issue_and_receive("s6-on-time", "邮件投诉回复未使用 A6 标准格式");
  const cs::assessment::v1::RectificationNotice late =
      issue_and_receive("s6-late", "投诉信箱检查频次不足");
  for (const cs::assessment::v1::RectificationNotice& notice : {on_time, late}) {
    EXPECT_EQ(notice.state(), cs::assessment::v1::NOTICE_STATE_RECEIVED);
    EXPECT_FALSE(notice.deemed_received());
    EXPECT_EQ(TimeOf(notice.reply_due().at()), reply_due);
  }

  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 12, 16, 10, 0)));
  const cs::assessment::v1::RectificationNotice replied = reply("s6-on-time", on_time.notice_id());
  EXPECT_EQ(replied.state(), cs::assessment::v1::NOTICE_STATE_REPLIED);
  ASSERT_THAT(replied.replies(), SizeIs(1));
  EXPECT_FALSE(replied.replies(0).late());
  EXPECT_EQ(replied.replies(0).signed_by(), "broadband-manager");
  EXPECT_EQ(verify("s6-on-time", on_time.notice_id(), true).state(),
            cs::assessment::v1::NOTICE_STATE_VERIFIED_PASSED);

  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 12, 22, 10, 0)));
  const cs::assessment::v1::RectificationNotice replied_late = reply("s6-late", late.notice_id());
  ASSERT_THAT(replied_late.replies(), SizeIs(1));
  EXPECT_TRUE(replied_late.replies(0).late());
  const cs::assessment::v1::RectificationNotice reopened =
      verify("s6-late", late.notice_id(), false);
  EXPECT_EQ(reopened.state(), cs::assessment::v1::NOTICE_STATE_REOPENED);
  ASSERT_THAT(reopened.verifications(), SizeIs(1));
  EXPECT_FALSE(reopened.verifications(0).passed());
  // --notice_reopen_working_days (5) from Tuesday 22 December: Tuesday 29 December 17:30.
  EXPECT_EQ(TimeOf(reopened.reply_due().at()), ShanghaiTime(2026, 12, 29, 17, 30));
  // The unit rectifies again and replies within the new deadline; this time it passes.
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 12, 28, 10, 0)));
  const cs::assessment::v1::RectificationNotice replied_again =
      reply("s6-late-again", late.notice_id());
  ASSERT_THAT(replied_again.replies(), SizeIs(2));
  EXPECT_FALSE(replied_again.replies(1).late());
  EXPECT_EQ(verify("s6-late-again", late.notice_id(), true).state(),
            cs::assessment::v1::NOTICE_STATE_VERIFIED_PASSED);

  // S5: December's scorecard counts the two findings (the late reply, the failed verification),
  // 25 % of the indicator each; the replies on time and the passed verifications cost nothing.
  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2027, 1, 11, 10, 0)));
  const cs::assessment::v1::Scorecard card =
      ComputeScorecard("s6-score-broadband", "broadband", "2026-12");
  const cs::assessment::v1::IndicatorScore* rectification =
      FindIndicator(card, "rectification_on_time");
  ASSERT_NE(rectification, nullptr) << card.DebugString();
  EXPECT_EQ(rectification->input().source(), "assessment");
  EXPECT_EQ(rectification->input().findings(), 2) << rectification->input().DebugString();
  EXPECT_NEAR(rectification->points(), rectification->weight() * 0.5, 1e-9)
      << rectification->explanation();
}

// SPEC V2, V4 (A1 7.3.1, 7.3.4): two broadband records closed on 23 and 28 December 2026 and kept
// 2 years (to 24:00 of 23 and 28 December 2028). Before expiry the archivist's destruction is
// refused; on 26 December 2028 the first is due, destroyed with a certificate, and the second is
// still refused.
TEST_F(RegulationScenariosE2eTest, V2_V4_RecordDestroyedAfterRetentionAndOneRefusedBefore) {
  auto archive = Archive();
  auto destroy = [&](const std::string& request_id, const std::string& record_id,
                     cs::archive::v1::DestructionCertificate* certificate) {
    cs::archive::v1::DestroyRecordRequest request;
    request.set_request_id(request_id);
    request.set_record_id(record_id);
    request.set_reason("2028 年第 4 批到期投诉档案销毁");
    return CallAs(*archive, &ArchiveService::Stub::DestroyRecord, kBroadbandArchivistToken, request,
                  certificate);
  };
  auto closed_and_archived = [&](const std::string& name) {
    const cs::intake::v1::Ticket recorded =
        RecordEmailComplaintWithoutDeviceNumber(absl::StrCat(name, "-create"));
    std::string letter;
    EXPECT_EQ(AnswerWithCannotForwardTextAndClose(recorded.ticket_id(),
                                                  absl::StrCat(name, "-close"), &letter)
                  .status(),
              cs::intake::v1::TICKET_STATUS_CLOSED);
    return WaitForArchivedRecord(recorded.ticket_id());
  };

  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 12, 23, 10, 0)));
  const cs::archive::v1::ArchivedRecord first = closed_and_archived("s7-first");
  const std::string first_id = first.summary().record_id();
  ASSERT_FALSE(first_id.empty());
  EXPECT_EQ(TimeOf(first.retention().retain_until()), ShanghaiTime(2028, 12, 24, 0, 0))
      << first.retention().basis();
  cs::archive::v1::DestructionCertificate refused_certificate;
  const grpc::Status too_early = destroy("s7-destroy-early", first_id, &refused_certificate);
  EXPECT_EQ(too_early.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
      << too_early.error_message();

  ASSERT_NO_FATAL_FAILURE(SetClocks(ShanghaiTime(2026, 12, 28, 10, 0)));
  const cs::archive::v1::ArchivedRecord second = closed_and_archived("s7-second");
  const std::string second_id = second.summary().record_id();
  ASSERT_FALSE(second_id.empty());
  EXPECT_EQ(TimeOf(second.retention().retain_until()), ShanghaiTime(2028, 12, 29, 0, 0));

  // Two years on: the first record is due, the second not yet.
  const absl::Time destroyed_at = ShanghaiTime(2028, 12, 26, 10, 0);
  ASSERT_NO_FATAL_FAILURE(SetClocks(destroyed_at));
  cs::archive::v1::ListDueForDestructionRequest due;
  due.set_reason("e2e regulation scenario: the archivist's destruction list");
  due.mutable_page()->set_page_size(100);
  const cs::archive::v1::ListDueForDestructionResponse listed = CallExpectingOk(
      *archive, &ArchiveService::Stub::ListDueForDestruction, kBroadbandArchivistToken, due);
  bool first_due = false;
  bool second_due = false;
  for (const cs::archive::v1::RecordSummary& summary : listed.records()) {
    first_due |= summary.record_id() == first_id;
    second_due |= summary.record_id() == second_id;
  }
  EXPECT_TRUE(first_due);
  EXPECT_FALSE(second_due);

  cs::archive::v1::DestructionCertificate certificate;
  const grpc::Status destroyed = destroy("s7-destroy-first", first_id, &certificate);
  ASSERT_TRUE(destroyed.ok()) << destroyed.error_message();
  EXPECT_FALSE(certificate.certificate_id().empty());
  EXPECT_EQ(certificate.record_id(), first_id);
  EXPECT_EQ(certificate.unit_id(), "broadband");
  EXPECT_EQ(certificate.destroyed_by(), "broadband-archivist");
  EXPECT_EQ(TimeOf(certificate.destroyed_at()), destroyed_at);
  EXPECT_EQ(TimeOf(certificate.retain_until()), ShanghaiTime(2028, 12, 24, 0, 0));
  EXPECT_EQ(certificate.content_sha256().size(), 64u);
  cs::archive::v1::GetRecordRequest get;
  get.set_record_id(first_id);
  get.set_reason("e2e regulation scenario: what remains of a destroyed record");
  const cs::archive::v1::ArchivedRecord remains =
      CallExpectingOk(*archive, &ArchiveService::Stub::GetRecord, kCsCenterToken, get);
  EXPECT_TRUE(remains.summary().destroyed());
  EXPECT_FALSE(remains.has_ticket());
  EXPECT_EQ(remains.destruction().certificate_id(), certificate.certificate_id());

  cs::archive::v1::DestructionCertificate not_yet;
  const grpc::Status refused = destroy("s7-destroy-second", second_id, &not_yet);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
}

}  // namespace
}  // namespace cs::e2e

// The routing service in-process, exactly as deployed (RoutingWiring, real MariaDB, the shipped
// deploy/config files), called over loopback gRPC with bearer tokens; outcomes go to a fake intake
// over real gRPC, and /metrics is scraped. SPEC I4, R1–R7 by id, plus the errors of issue 4.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/api/proto_time.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "common/server/service_server.h"
#include "common/status/field_violations.h"
#include "common/testclock/test_clock_client.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/wait_for.h"
#include "common/time/calendar_testing.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "services/routing/routing_wiring.h"
#include "services/routing/testing/test_principals.h"

namespace cs::routing {
namespace {

using ::cs::common::testing::HttpGet;
using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::SumSamples;
using ::cs::common::testing::WaitFor;
using ::cs::intake::v1::ReportTicketOutcomeRequest;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

// Monday 2026-03-02 10:00 in Shanghai.
const absl::Time kStart = ShanghaiTime(2026, 3, 2, 10, 0);

// Stands in for intake: records every outcome report routing's relay delivers.
class FakeIntake final : public cs::intake::v1::IntakeService::Service {
 public:
  grpc::Status ReportTicketOutcome(grpc::ServerContext* context,
                                   const ReportTicketOutcomeRequest* request,
                                   cs::intake::v1::ReportTicketOutcomeResponse* response) override {
    auto auth = context->client_metadata().find("authorization");
    if (auth == context->client_metadata().end() ||
        std::string(auth->second.data(), auth->second.size()) !=
            absl::StrCat("Bearer ", testing::kRoutingToken)) {
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "no routing token");
    }
    absl::MutexLock lock(&mutex_);
    for (const ReportTicketOutcomeRequest& seen : reports_) {
      if (seen.message_id() == request->message_id()) {
        response->set_applied(false);
        return grpc::Status::OK;
      }
    }
    reports_.push_back(*request);
    response->set_applied(true);
    return grpc::Status::OK;
  }

  std::vector<ReportTicketOutcomeRequest> reports() {
    absl::MutexLock lock(&mutex_);
    return reports_;
  }

  // The reports about one ticket, in the order they arrived.
  std::vector<ReportTicketOutcomeRequest> ReportsOf(int64_t ticket_id) {
    std::vector<ReportTicketOutcomeRequest> of;
    for (const ReportTicketOutcomeRequest& report : reports()) {
      if (report.ticket_id() == ticket_id) of.push_back(report);
    }
    return of;
  }

 private:
  absl::Mutex mutex_;
  std::vector<ReportTicketOutcomeRequest> reports_ ABSL_GUARDED_BY(mutex_);
};

v1::ReceiveForwardedTicketRequest Forward(int64_t ticket_id, int attempt = 1,
                                          const std::string& problem = "家里宽带经常断网") {
  v1::ReceiveForwardedTicketRequest request;
  request.set_forward_id(absl::StrCat("F", ticket_id, "-", attempt));
  v1::ForwardedTicket* t = request.mutable_ticket();
  t->set_ticket_id(ticket_id);
  t->set_origin_unit_id("portal");
  t->set_kind(cs::common::v1::TICKET_KIND_FAULT_REPORT);
  t->set_channel(cs::common::v1::CHANNEL_EMAIL);
  t->set_problem(problem);
  t->set_device_number("02112345678");
  t->set_contact_phone("13800000000");
  t->set_contact_person("张三");
  t->set_email("zhang@example.com");
  *t->mutable_received_at() = common::ToProtoTimestamp(kStart - absl::Minutes(20));
  *t->mutable_forwarded_at() = common::ToProtoTimestamp(kStart - absl::Minutes(10));
  t->set_overall_serial(ticket_id);
  t->set_serial_month("2026-03");
  t->set_month_serial(ticket_id);
  return request;
}

class RoutingGrpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int intake_port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &intake_port);
    builder.RegisterService(&intake_);
    intake_server_ = builder.BuildAndStart();
    ASSERT_NE(intake_server_, nullptr);

    ASSERT_OK_AND_ASSIGN(database_, common::testing::TestDatabase::Create());
    common::ServerOptions options;
    options.service_name = "routing";
    options.grpc_address = "127.0.0.1";
    options.metrics_address = "127.0.0.1";
    options.test_clock = true;
    options.test_clock_start = kStart;
    options.mysql = database_->options();
    options.mysql.pool_size = 6;
    options.config_dir = absl::StrCat(CS_SOURCE_DIR, "/deploy/config");
    RoutingWiringOptions wiring;
    wiring.intake_address = absl::StrCat("127.0.0.1:", intake_port);
    wiring.service_token = std::string(testing::kRoutingToken);
    wiring.supervision_interval = absl::Milliseconds(50);
    wiring.relay.poll_interval = absl::Milliseconds(50);
    ASSERT_OK_AND_ASSIGN(server_, common::ServiceServer::Start(options, testing::TestTokens(),
                                                               RoutingWiring(wiring)));
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->grpc_port()),
                                   grpc::InsecureChannelCredentials());
    stub_ = v1::RoutingService::NewStub(channel_);
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
    if (intake_server_ != nullptr) intake_server_->Shutdown();
  }

  // Calls `method` with `token` (none when empty).
  template <typename Request, typename Response>
  absl::StatusOr<Response> Call(grpc::Status (v1::RoutingService::Stub::*method)(
                                    grpc::ClientContext*, const Request&, Response*),
                                const Request& request, absl::string_view token) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    if (!token.empty()) common::AttachBearerToken(context, token);
    Response response;
    grpc::Status status = (stub_.get()->*method)(&context, request, &response);
    if (!status.ok()) return common::FromGrpcStatus(status);
    return response;
  }

  absl::StatusOr<v1::Receipt> Receive(const v1::ReceiveForwardedTicketRequest& request) {
    return Call(&v1::RoutingService::Stub::ReceiveForwardedTicket, request, testing::kIntakeToken);
  }

  absl::StatusOr<v1::RoutedTicket> Decide(v1::DecideTicketRequest request,
                                          absl::string_view token = testing::kDeskToken) {
    if (request.request_id().empty()) {
      request.set_request_id(absl::StrCat("decide-", request.routed_ticket_id()));
    }
    return Call(&v1::RoutingService::Stub::DecideTicket, request, token);
  }

  absl::StatusOr<v1::RoutedTicket> Get(int64_t id, absl::string_view token = testing::kDeskToken) {
    v1::GetRoutedTicketRequest request;
    request.set_routed_ticket_id(id);
    return Call(&v1::RoutingService::Stub::GetRoutedTicket, request, token);
  }

  absl::StatusOr<v1::DispatchOrder> GetOrder(int64_t id, absl::string_view token) {
    v1::GetDispatchOrderRequest request;
    request.set_order_id(id);
    return Call(&v1::RoutingService::Stub::GetDispatchOrder, request, token);
  }

  std::vector<v1::Delivery> Pull(cs::common::v1::ReplyChannel channel) {
    v1::PullDeliveriesRequest request;
    request.set_channel(channel);
    request.set_max_deliveries(50);
    request.set_gateway("test-gateway");
    absl::StatusOr<v1::PullDeliveriesResponse> response =
        Call(&v1::RoutingService::Stub::PullDeliveries, request, testing::kGatewayToken);
    EXPECT_THAT(response, IsOk());
    if (!response.ok()) return {};
    return {response->deliveries().begin(), response->deliveries().end()};
  }

  absl::StatusOr<v1::Delivery> Ack(const v1::Delivery& delivery,
                                   v1::DeliveryResult result = v1::DELIVERY_RESULT_DELIVERED) {
    v1::AckDeliveryRequest request;
    request.set_delivery_id(delivery.delivery_id());
    request.set_lease_token(delivery.lease_token());
    request.set_result(result);
    request.set_gateway("test-gateway");
    return Call(&v1::RoutingService::Stub::AckDelivery, request, testing::kGatewayToken);
  }

  // Waits until intake heard `count` reports about the ticket.
  std::vector<ReportTicketOutcomeRequest> ReportsOf(int64_t ticket_id, size_t count) {
    EXPECT_OK(WaitFor("intake to get the reports",
                      [&] { return intake_.ReportsOf(ticket_id).size() >= count; }))
        << "intake heard " << intake_.ReportsOf(ticket_id).size() << " reports of ticket "
        << ticket_id;
    return intake_.ReportsOf(ticket_id);
  }

  // Two more supervision rounds (one whole round after the call).
  void WaitForSupervisionRounds() {
    EXPECT_OK(common::testing::WaitForRounds(
        "routing_sweep",
        common::testing::ScrapedWorkerRounds(server_->metrics_port(), "routing_sweep")));
  }

  double Metric(absl::string_view name, const std::map<std::string, std::string>& labels) {
    absl::StatusOr<std::string> text = HttpGet(server_->metrics_port(), "/metrics");
    EXPECT_THAT(text, IsOk());
    if (!text.ok()) return -1;
    absl::StatusOr<double> sum = SumSamples(*text, name, labels);
    EXPECT_THAT(sum, IsOk());
    return sum.ok() ? *sum : -1;
  }

  void SetClock(absl::Time time) {
    common::TestClockClient clock(channel_, std::string(testing::kCenterToken));
    ASSERT_THAT(clock.SetTime(time), IsOk());
  }

  FakeIntake intake_;
  std::unique_ptr<grpc::Server> intake_server_;
  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<common::ServiceServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::RoutingService::Stub> stub_;
};

TEST_F(RoutingGrpcTest, I4_ReceiptIsExactlyOncePerForwardId) {
  ASSERT_OK_AND_ASSIGN(v1::Receipt first, Receive(Forward(100)));
  EXPECT_EQ(first.forward_id(), "F100-1");
  EXPECT_THAT(first.receipt_id(), ::testing::StartsWith("receipt-"));
  EXPECT_FALSE(first.duplicate());
  EXPECT_EQ(common::FromProtoTimestamp(first.received_at(), "received_at").value(), kStart);
  ASSERT_OK_AND_ASSIGN(v1::Receipt again, Receive(Forward(100)));
  EXPECT_EQ(again.receipt_id(), first.receipt_id());
  EXPECT_TRUE(again.duplicate());
  EXPECT_EQ(Metric("cs_routing_tickets_received_total", {{"duplicate", "false"}}), 1);
  EXPECT_EQ(Metric("cs_routing_tickets_received_total", {{"duplicate", "true"}}), 1);
}

TEST_F(RoutingGrpcTest, I4_BadCallsAreRefusedWithTheRightCode) {
  grpc::ClientContext anonymous;
  v1::Receipt receipt;
  EXPECT_EQ(stub_->ReceiveForwardedTicket(&anonymous, Forward(1), &receipt).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(
      Call(&v1::RoutingService::Stub::ReceiveForwardedTicket, Forward(1), testing::kDeskToken),
      StatusIs(absl::StatusCode::kPermissionDenied));
  v1::ReceiveForwardedTicketRequest bad = Forward(1);
  bad.clear_forward_id();
  bad.mutable_ticket()->clear_received_at();
  bad.mutable_ticket()->set_kind(static_cast<cs::common::v1::TicketKind>(17));
  absl::StatusOr<v1::Receipt> refused = Receive(bad);
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(refused.status())) {
    fields.push_back(v.field);
  }
  EXPECT_THAT(fields, AllOf(Contains("ticket.received_at"), Contains("ticket.kind")));
  EXPECT_THAT(Get(999), StatusIs(absl::StatusCode::kNotFound));
  v1::ListRoutedTicketsRequest list;
  list.mutable_page()->set_page_token("not-a-token");
  EXPECT_THAT(Call(&v1::RoutingService::Stub::ListRoutedTickets, list, testing::kDeskToken),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page.page_token")));
}

TEST_F(RoutingGrpcTest, R1_DirectReplyIsReportedSentAndRepliedInEnglish) {
  ASSERT_OK_AND_ASSIGN(v1::Receipt receipt, Receive(Forward(101)));
  ASSERT_OK_AND_ASSIGN(v1::ListRoutedTicketsResponse listed,
                       Call(&v1::RoutingService::Stub::ListRoutedTickets,
                            v1::ListRoutedTicketsRequest(), testing::kDeskToken));
  ASSERT_THAT(listed.routed_tickets(), SizeIs(1));
  const v1::RoutedTicket& received = listed.routed_tickets(0);
  EXPECT_EQ(received.receipt_id(), receipt.receipt_id());
  EXPECT_EQ(received.suggestion().decision(), v1::DECISION_INTERNAL_DISPATCH);
  EXPECT_EQ(received.suggestion().unit_id(), "broadband");

  v1::DecideTicketRequest decide;
  decide.set_routed_ticket_id(received.routed_ticket_id());
  decide.set_decision(v1::DECISION_DIRECT_REPLY);
  decide.set_language(v1::REPLY_LANGUAGE_ENGLISH);
  decide.set_handling_result("Your broadband password has been reset.");
  // Only the designated unit decides.
  EXPECT_THAT(Decide(decide, testing::kBroadbandToken),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // Overriding the suggestion needs a reason (R5).
  EXPECT_THAT(Decide(decide), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  decide.set_reason("A password reset the desk can do itself");
  decide.set_request_id("decide-101-b");
  ASSERT_OK_AND_ASSIGN(v1::RoutedTicket decided, Decide(decide));
  EXPECT_EQ(decided.status(), v1::ROUTED_TICKET_STATUS_IN_HANDLING);
  EXPECT_TRUE(decided.decision().overrode_suggestion());
  EXPECT_EQ(decided.decision().decided_by(), "desk-clerk");
  // Taken once: a retry returns the first answer, another decision is refused.
  ASSERT_OK_AND_ASSIGN(v1::RoutedTicket retried, Decide(decide));
  EXPECT_EQ(common::FromProtoTimestamp(retried.decision().decided_at(), "x").value(),
            common::FromProtoTimestamp(decided.decision().decided_at(), "x").value());
  v1::DecideTicketRequest second = decide;
  second.set_request_id("decide-101-c");
  EXPECT_THAT(Decide(second), StatusIs(absl::StatusCode::kFailedPrecondition));

  std::vector<ReportTicketOutcomeRequest> reports = ReportsOf(101, 1);
  EXPECT_EQ(reports[0].outcome(), cs::intake::v1::OUTCOME_KIND_DIRECT_REPLY);
  EXPECT_EQ(reports[0].forward_id(), "F101-1");
  EXPECT_EQ(reports[0].handling_department(), "service-desk");
  EXPECT_EQ(reports[0].actor(), "desk-clerk");
  EXPECT_FALSE(reports[0].message_id().empty());

  const std::string expected =
      "Dear Customer,\n"
      "\n"
      "Hello! Thank you very much for using the services of our company.\n"
      "\n"
      "Your broadband password has been reset.\n"
      "\n"
      "Thank you again for your cooperation. We will do our best to provide you with quality "
      "service.\n"
      "\n"
      "Designated Service Desk, China Telecom Shanghai\n";
  std::vector<v1::Delivery> pulled = Pull(cs::common::v1::REPLY_CHANNEL_EMAIL);
  ASSERT_THAT(pulled, SizeIs(1));
  EXPECT_EQ(pulled[0].text(), expected);
  EXPECT_EQ(pulled[0].recipient(), "zhang@example.com");
  EXPECT_EQ(pulled[0].state(), v1::DELIVERY_STATE_LEASED);
  ASSERT_OK_AND_ASSIGN(v1::Delivery acked, Ack(pulled[0]));
  EXPECT_EQ(acked.state(), v1::DELIVERY_STATE_DELIVERED);

  reports = ReportsOf(101, 2);
  EXPECT_EQ(reports[1].outcome(), cs::intake::v1::OUTCOME_KIND_REPLIED);
  EXPECT_EQ(reports[1].reply_text(), expected);
  EXPECT_EQ(reports[1].reply_channel(), cs::common::v1::REPLY_CHANNEL_EMAIL);
  EXPECT_EQ(reports[1].replied_by(), "service-desk");
  ASSERT_OK_AND_ASSIGN(v1::RoutedTicket replied, Get(received.routed_ticket_id()));
  EXPECT_EQ(replied.status(), v1::ROUTED_TICKET_STATUS_REPLIED);
  EXPECT_EQ(
      Metric("cs_routing_decisions_total", {{"decision", "direct_reply"}, {"overridden", "true"}}),
      1);
  EXPECT_EQ(Metric("cs_routing_decision_working_seconds_count", {{"decision", "direct_reply"}}), 1);
  EXPECT_EQ(Metric("cs_routing_deliveries_total",
                   {{"channel", "email"}, {"purpose", "user_reply"}, {"result", "delivered"}}),
            1);
  EXPECT_OK(WaitFor("the supervision metrics", [&] {
    return Metric("cs_routing_outbox_delivered_total", {{"destination", "intake"}}) == 2;
  }));
}

TEST_F(RoutingGrpcTest, R2_DispatchedOrdersAreHandledByTheirUnitAndSupervised) {
  ASSERT_THAT(Receive(Forward(201)), IsOk());
  ASSERT_THAT(Receive(Forward(202)), IsOk());
  ASSERT_OK_AND_ASSIGN(v1::ListRoutedTicketsResponse listed,
                       Call(&v1::RoutingService::Stub::ListRoutedTickets,
                            v1::ListRoutedTicketsRequest(), testing::kCenterToken));
  ASSERT_THAT(listed.routed_tickets(), SizeIs(2));
  const int64_t to_broadband = listed.routed_tickets(1).routed_ticket_id();
  const int64_t to_idc = listed.routed_tickets(0).routed_ticket_id();
  v1::DecideTicketRequest decide;
  decide.set_decision(v1::DECISION_INTERNAL_DISPATCH);
  decide.set_routed_ticket_id(to_broadband);
  decide.set_unit_id("broadband");
  ASSERT_OK_AND_ASSIGN(v1::RoutedTicket bb, Decide(decide));
  decide.set_routed_ticket_id(to_idc);
  decide.set_unit_id("idc");
  decide.set_reason("机房出口故障");
  ASSERT_OK_AND_ASSIGN(v1::RoutedTicket idc, Decide(decide));
  const int64_t bb_order = bb.orders(0).order_id();
  const int64_t idc_order = idc.orders(0).order_id();
  // A fault report: 1 working day, Tuesday's close of business.
  const absl::Time deadline = ShanghaiTime(2026, 3, 3, 17, 30);
  EXPECT_EQ(common::FromProtoTimestamp(bb.orders(0).deadline().at(), "at").value(), deadline);
  std::vector<ReportTicketOutcomeRequest> reports = ReportsOf(201, 1);
  EXPECT_EQ(reports[0].outcome(), cs::intake::v1::OUTCOME_KIND_INTERNAL_DISPATCH);
  EXPECT_EQ(reports[0].handling_department(), "broadband");
  EXPECT_EQ(common::FromProtoTimestamp(reports[0].handling_deadline(), "x").value(), deadline);

  // Only staff of the responsible unit see, accept and reply to its order.
  EXPECT_THAT(GetOrder(idc_order, testing::kBroadbandToken),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::ListDispatchOrdersResponse own,
                       Call(&v1::RoutingService::Stub::ListDispatchOrders,
                            v1::ListDispatchOrdersRequest(), testing::kIdcToken));
  ASSERT_THAT(own.orders(), SizeIs(1));
  EXPECT_EQ(own.orders(0).order_id(), idc_order);
  EXPECT_EQ(own.orders(0).ticket().problem(), "家里宽带经常断网");
  v1::AcceptDispatchOrderRequest accept;
  accept.set_order_id(bb_order);
  EXPECT_THAT(Call(&v1::RoutingService::Stub::AcceptDispatchOrder, accept, testing::kIdcToken),
              StatusIs(absl::StatusCode::kPermissionDenied));
  v1::ReplyToDispatchOrderRequest reply;
  reply.set_request_id("reply-201");
  reply.set_order_id(bb_order);
  reply.set_handling_result("经检测，您的宽带线路已于今日修复。");
  EXPECT_THAT(
      Call(&v1::RoutingService::Stub::ReplyToDispatchOrder, reply, testing::kBroadbandToken),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("OPEN")));
  ASSERT_THAT(
      Call(&v1::RoutingService::Stub::AcceptDispatchOrder, accept, testing::kBroadbandToken),
      IsOk());
  ASSERT_OK_AND_ASSIGN(
      v1::DispatchOrder replied,
      Call(&v1::RoutingService::Stub::ReplyToDispatchOrder, reply, testing::kBroadbandToken));
  EXPECT_EQ(replied.status(), v1::DISPATCH_ORDER_STATUS_REPLIED);
  reply.set_request_id("reply-201-again");
  EXPECT_THAT(
      Call(&v1::RoutingService::Stub::ReplyToDispatchOrder, reply, testing::kBroadbandToken),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("closed")));
  std::vector<v1::Delivery> letters = Pull(cs::common::v1::REPLY_CHANNEL_EMAIL);
  ASSERT_THAT(letters, SizeIs(1));
  EXPECT_EQ(letters[0].text(),
            "亲爱的用户：\n\n您好！非常感谢您使用我公司提供的服务。\n\n"
            "经检测，您的宽带线路已于今日修复。\n\n"
            "再次感谢您的配合，我们将尽力为您提供优质的服务。\n\n中国电信上海公司宽带业务中心\n");
  ASSERT_THAT(Ack(letters[0]), IsOk());
  reports = ReportsOf(201, 2);
  EXPECT_EQ(reports[1].outcome(), cs::intake::v1::OUTCOME_KIND_REPLIED);
  EXPECT_EQ(reports[1].replied_by(), "broadband");
  EXPECT_EQ(Metric("cs_routing_order_deadlines_total",
                   {{"unit", "broadband"}, {"path", "internal_dispatch"}, {"outcome", "met"}}),
            1);
  EXPECT_EQ(Metric("cs_routing_order_reply_working_seconds_count", {{"unit", "broadband"}}), 1);

  // R6: Wednesday 09:00, the idc order is overdue: flagged, counted missed once, reminded once.
  SetClock(ShanghaiTime(2026, 3, 4, 9, 0));
  EXPECT_OK(WaitFor("the supervision metrics", [&] {
    return Metric("cs_routing_reminders_total", {{"unit", "idc"}}) == 1 &&
           Metric("cs_routing_overdue_orders", {{"unit", "idc"}}) == 1;
  }));
  WaitForSupervisionRounds();  // nothing more is reminded or counted
  ASSERT_OK_AND_ASSIGN(v1::DispatchOrder overdue, GetOrder(idc_order, testing::kIdcToken));
  EXPECT_TRUE(overdue.overdue());
  EXPECT_EQ(overdue.reminders_sent(), 1);
  ASSERT_THAT(overdue.reminders(), SizeIs(1));
  EXPECT_EQ(overdue.reminders(0).recipient(), "idc@internet.example.cn");
  // The next reminder 4 working hours later: 14:00 (lunch 12:00-13:00).
  EXPECT_EQ(common::FromProtoTimestamp(overdue.next_reminder_at(), "x").value(),
            ShanghaiTime(2026, 3, 4, 14, 0));
  EXPECT_EQ(Metric("cs_routing_order_deadlines_total",
                   {{"unit", "idc"}, {"path", "internal_dispatch"}, {"outcome", "missed"}}),
            1);
  EXPECT_EQ(Metric("cs_routing_open_orders", {{"unit", "idc"}}), 1);
  EXPECT_EQ(Metric("cs_routing_open_orders", {{"unit", "broadband"}}), 0);
  std::vector<v1::Delivery> reminder = Pull(cs::common::v1::REPLY_CHANNEL_EMAIL);
  ASSERT_THAT(reminder, SizeIs(1));
  EXPECT_EQ(reminder[0].purpose(), v1::DELIVERY_PURPOSE_OVERDUE_REMINDER);
  EXPECT_EQ(reminder[0].recipient(), "idc@internet.example.cn");
  EXPECT_EQ(reminder[0].delivery_id(), overdue.reminders(0).delivery_id());

  SetClock(ShanghaiTime(2026, 3, 4, 14, 0));
  EXPECT_OK(WaitFor("the supervision metrics", [&] {
    return Metric("cs_routing_reminders_total", {{"unit", "idc"}}) == 2;
  }));
  WaitForSupervisionRounds();
  EXPECT_EQ(Metric("cs_routing_reminders_total", {{"unit", "idc"}}), 2);
  EXPECT_EQ(Metric("cs_routing_order_deadlines_total", {{"unit", "idc"}, {"outcome", "missed"}}),
            1);

  // The month per unit (A5 6.7).
  v1::GetMonthlyStatisticsRequest month;
  month.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(
      v1::MonthlyStatistics statistics,
      Call(&v1::RoutingService::Stub::GetMonthlyStatistics, month, testing::kCenterToken));
  ASSERT_THAT(statistics.units(), SizeIs(2));
  EXPECT_EQ(statistics.units(0).unit_id(), "broadband");
  EXPECT_EQ(statistics.units(0).unit_name(), "宽带业务中心");
  EXPECT_EQ(statistics.units(0).dispatched(), 1);
  EXPECT_EQ(statistics.units(0).replied_on_time(), 1);
  EXPECT_EQ(statistics.units(0).overdue(), 0);
  EXPECT_EQ(statistics.units(1).unit_id(), "idc");
  EXPECT_EQ(statistics.units(1).dispatched(), 1);
  EXPECT_EQ(statistics.units(1).replied(), 0);
  EXPECT_EQ(statistics.units(1).overdue(), 1);
  EXPECT_EQ(statistics.units(1).reminders(), 2);
  month.set_unit_id("broadband");
  EXPECT_THAT(Call(&v1::RoutingService::Stub::GetMonthlyStatistics, month, testing::kIdcToken),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(RoutingGrpcTest, R3_EscalationGoesToTheTelecomCompanyAndIsTrackedUntilAcknowledged) {
  ASSERT_THAT(Receive(Forward(301, 1, "手机没有信号")), IsOk());
  ASSERT_OK_AND_ASSIGN(v1::ListRoutedTicketsResponse listed,
                       Call(&v1::RoutingService::Stub::ListRoutedTickets,
                            v1::ListRoutedTicketsRequest(), testing::kDeskToken));
  const v1::RoutedTicket& received = listed.routed_tickets(0);
  EXPECT_EQ(received.suggestion().decision(), v1::DECISION_ESCALATE_TO_TELECOM);
  v1::DecideTicketRequest decide;
  decide.set_routed_ticket_id(received.routed_ticket_id());
  decide.set_decision(v1::DECISION_ESCALATE_TO_TELECOM);
  ASSERT_OK_AND_ASSIGN(v1::RoutedTicket escalated, Decide(decide));
  EXPECT_FALSE(escalated.decision().overrode_suggestion());
  ASSERT_THAT(escalated.orders(), SizeIs(1));
  const int64_t order_id = escalated.orders(0).order_id();
  EXPECT_EQ(escalated.orders(0).kind(), v1::DISPATCH_KIND_TELECOM);
  EXPECT_EQ(escalated.orders(0).dispatch_address(), "dispatch@telecom.example.cn");
  std::vector<ReportTicketOutcomeRequest> reports = ReportsOf(301, 1);
  EXPECT_EQ(reports[0].outcome(), cs::intake::v1::OUTCOME_KIND_ESCALATE_TO_TELECOM);
  EXPECT_EQ(reports[0].handling_department(), "telecom");
  EXPECT_EQ(common::FromProtoTimestamp(reports[0].handling_deadline(), "x").value(),
            ShanghaiTime(2026, 3, 3, 17, 30));

  std::vector<v1::Delivery> pulled = Pull(cs::common::v1::REPLY_CHANNEL_EMAIL);
  ASSERT_THAT(pulled, SizeIs(2));
  EXPECT_EQ(pulled[0].purpose(), v1::DELIVERY_PURPOSE_TELECOM_DISPATCH);
  EXPECT_EQ(pulled[0].recipient(), "dispatch@telecom.example.cn");
  EXPECT_THAT(pulled[0].text(),
              AllOf(HasSubstr("用户问题：手机没有信号"), HasSubstr("设备号码：02112345678")));
  EXPECT_EQ(pulled[1].purpose(), v1::DELIVERY_PURPOSE_USER_REPLY);
  EXPECT_EQ(pulled[1].reply_format(), v1::REPLY_FORMAT_FORWARDED);
  EXPECT_EQ(
      pulled[1].text(),
      "亲爱的用户：\n\n您好！非常抱歉由于您反映的问题不属于我处处理范围，故我处已将您的情况"
      "转发至相关部门处理，请您等待相关部门的处理结果，如有需要欢迎再来信。相关部门为中国"
      "电信上海公司，对外咨询电话：10000。\n\n谢谢您的配合，我们将尽力为您提供优质的服务。\n");
  ASSERT_THAT(Ack(pulled[0]), IsOk());
  ASSERT_THAT(Ack(pulled[1]), IsOk());
  reports = ReportsOf(301, 2);
  EXPECT_EQ(reports[1].outcome(), cs::intake::v1::OUTCOME_KIND_REPLIED);
  EXPECT_EQ(reports[1].reply_text(), pulled[1].text());

  v1::AcknowledgeEscalationRequest acknowledge;
  acknowledge.set_order_id(order_id);
  acknowledge.set_telecom_reference("TC-2026-0301");
  EXPECT_THAT(
      Call(&v1::RoutingService::Stub::AcknowledgeEscalation, acknowledge, testing::kBroadbandToken),
      StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(
      v1::DispatchOrder acknowledged,
      Call(&v1::RoutingService::Stub::AcknowledgeEscalation, acknowledge, testing::kDeskToken));
  EXPECT_EQ(acknowledged.status(), v1::DISPATCH_ORDER_STATUS_ACKNOWLEDGED);
  EXPECT_EQ(acknowledged.telecom_reference(), "TC-2026-0301");
  EXPECT_FALSE(acknowledged.overdue());
  EXPECT_EQ(Metric("cs_routing_order_deadlines_total",
                   {{"unit", "telecom"}, {"path", "escalate_to_telecom"}, {"outcome", "met"}}),
            1);
  EXPECT_THAT(
      Call(&v1::RoutingService::Stub::AcknowledgeEscalation, acknowledge, testing::kDeskToken),
      StatusIs(absl::StatusCode::kFailedPrecondition));
  // After the reports, intake has exactly the two of this ticket: nothing more was sent.
  EXPECT_OK(common::testing::WaitForRounds(
      "routing_outbox_relay",
      common::testing::ScrapedWorkerRounds(server_->metrics_port(), "routing_outbox_relay")));
  EXPECT_THAT(intake_.ReportsOf(301), SizeIs(2));
}

TEST_F(RoutingGrpcTest, R4_ReturnIsReportedAndACorrectedForwardIsANewRoutedTicket) {
  ASSERT_OK_AND_ASSIGN(v1::Receipt first, Receive(Forward(401)));
  ASSERT_OK_AND_ASSIGN(v1::ListRoutedTicketsResponse listed,
                       Call(&v1::RoutingService::Stub::ListRoutedTickets,
                            v1::ListRoutedTicketsRequest(), testing::kDeskToken));
  const int64_t id = listed.routed_tickets(0).routed_ticket_id();
  v1::DecideTicketRequest decide;
  decide.set_routed_ticket_id(id);
  decide.set_decision(v1::DECISION_RETURN);
  decide.set_reason("设备号码有误");
  EXPECT_THAT(Decide(decide),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("return_reason")));
  decide.set_return_reason(v1::RETURN_REASON_CONTENT_INCORRECT);
  decide.add_fields_at_fault("device_number");
  decide.set_return_note("设备号码应为8位");
  decide.set_request_id("return-401");
  ASSERT_OK_AND_ASSIGN(v1::RoutedTicket returned, Decide(decide));
  EXPECT_EQ(returned.status(), v1::ROUTED_TICKET_STATUS_RETURNED);
  std::vector<ReportTicketOutcomeRequest> reports = ReportsOf(401, 1);
  EXPECT_EQ(reports[0].outcome(), cs::intake::v1::OUTCOME_KIND_RETURN);
  EXPECT_EQ(reports[0].return_reason(), cs::intake::v1::RETURN_REASON_CONTENT_INCORRECT);
  EXPECT_THAT(reports[0].fields_at_fault(), ElementsAre("device_number"));
  EXPECT_EQ(reports[0].return_note(), "设备号码应为8位");

  ASSERT_OK_AND_ASSIGN(v1::Receipt second, Receive(Forward(401, 2)));
  EXPECT_NE(second.receipt_id(), first.receipt_id());
  EXPECT_FALSE(second.duplicate());
  v1::ListRoutedTicketsRequest of_ticket;
  of_ticket.set_ticket_id(401);
  ASSERT_OK_AND_ASSIGN(
      v1::ListRoutedTicketsResponse history,
      Call(&v1::RoutingService::Stub::ListRoutedTickets, of_ticket, testing::kCenterToken));
  ASSERT_THAT(history.routed_tickets(), SizeIs(2));
  EXPECT_EQ(history.routed_tickets(0).forward_id(), "F401-2");
  EXPECT_EQ(history.routed_tickets(0).status(), v1::ROUTED_TICKET_STATUS_RECEIVED);
  EXPECT_EQ(history.routed_tickets(1).status(), v1::ROUTED_TICKET_STATUS_RETURNED);
}

TEST_F(RoutingGrpcTest, R7_AnUnacknowledgedReplyIsOfferedAgainAndStateIsVisible) {
  v1::ReceiveForwardedTicketRequest forward = Forward(501);
  forward.mutable_ticket()->set_reply_channel(cs::common::v1::REPLY_CHANNEL_SMS);
  ASSERT_THAT(Receive(forward), IsOk());
  ASSERT_OK_AND_ASSIGN(v1::ListRoutedTicketsResponse listed,
                       Call(&v1::RoutingService::Stub::ListRoutedTickets,
                            v1::ListRoutedTicketsRequest(), testing::kDeskToken));
  v1::DecideTicketRequest decide;
  decide.set_routed_ticket_id(listed.routed_tickets(0).routed_ticket_id());
  decide.set_decision(v1::DECISION_DIRECT_REPLY);
  decide.set_reply_format(v1::REPLY_FORMAT_CANNOT_FORWARD);
  decide.set_reason("资料不全无法转派");
  ASSERT_THAT(Decide(decide), IsOk());
  std::vector<v1::Delivery> first = Pull(cs::common::v1::REPLY_CHANNEL_SMS);
  ASSERT_THAT(first, SizeIs(1));
  EXPECT_EQ(first[0].recipient(), "13800000000");
  EXPECT_EQ(first[0].text(),
            "亲爱的用户：\n\n您好！非常抱歉由于您反映的问题不属于我处处理范围，而您也未提供设备号、"
            "联系方式等相关必要的资料，故我处无法将您的问题转至相关部门处理，建议您可直接拨打电信"
            "10000号咨询，或再来信告知您的详细资料，我处非常乐意为您转达您的问题。谢谢您的配合，"
            "我们将尽力为您提供优质的服务。\n");
  EXPECT_THAT(Pull(cs::common::v1::REPLY_CHANNEL_SMS), SizeIs(0));
  // The gateway never acknowledges; after the lease (60 s on the service clock) it comes back.
  SetClock(kStart + absl::Minutes(2));
  std::vector<v1::Delivery> again = Pull(cs::common::v1::REPLY_CHANNEL_SMS);
  ASSERT_THAT(again, SizeIs(1));
  EXPECT_EQ(again[0].delivery_id(), first[0].delivery_id());
  EXPECT_EQ(again[0].offers(), 2);
  EXPECT_THAT(Ack(first[0]), StatusIs(absl::StatusCode::kFailedPrecondition));
  v1::GetDeliveryRequest get;
  get.set_delivery_id(first[0].delivery_id());
  ASSERT_OK_AND_ASSIGN(v1::Delivery leased,
                       Call(&v1::RoutingService::Stub::GetDelivery, get, testing::kCenterToken));
  EXPECT_EQ(leased.state(), v1::DELIVERY_STATE_LEASED);
  EXPECT_TRUE(leased.lease_token().empty());
  ASSERT_THAT(Ack(again[0], v1::DELIVERY_RESULT_FAILED),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("failure_reason")));
  ASSERT_THAT(Ack(again[0]), IsOkAndHolds(::testing::Property(&v1::Delivery::state,
                                                              v1::DELIVERY_STATE_DELIVERED)));
  v1::ListDeliveriesRequest delivered;
  delivered.set_state(v1::DELIVERY_STATE_DELIVERED);
  ASSERT_OK_AND_ASSIGN(
      v1::ListDeliveriesResponse list,
      Call(&v1::RoutingService::Stub::ListDeliveries, delivered, testing::kCenterToken));
  ASSERT_THAT(list.deliveries(), SizeIs(1));
  EXPECT_EQ(list.deliveries(0).gateway(), "test-gateway");
  EXPECT_EQ(ReportsOf(501, 2)[1].reply_channel(), cs::common::v1::REPLY_CHANNEL_SMS);
  v1::PullDeliveriesRequest pull;
  pull.set_channel(cs::common::v1::REPLY_CHANNEL_SMS);
  EXPECT_THAT(Call(&v1::RoutingService::Stub::PullDeliveries, pull, testing::kDeskToken),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(RoutingGrpcTest, R7_PreviewRendersTheA6FormatsInBothLanguages) {
  v1::PreviewReplyRequest preview;
  preview.set_format(v1::REPLY_FORMAT_CANNOT_FORWARD);
  preview.set_language(v1::REPLY_LANGUAGE_ENGLISH);
  ASSERT_OK_AND_ASSIGN(
      v1::PreviewReplyResponse english,
      Call(&v1::RoutingService::Stub::PreviewReply, preview, testing::kBroadbandToken));
  EXPECT_EQ(english.subject(), "Reply to the problem you reported");
  EXPECT_EQ(english.text(),
            "Dear Customer,\n\nHello! We are very sorry, but the problem you reported is outside "
            "the scope of our office, and as you did not provide the necessary details such as "
            "your device number and contact information, we are unable to pass it on to the "
            "relevant department. We suggest that you call China Telecom on 10000 directly, or "
            "write to us again with your details; we will be very glad to pass your problem on "
            "for you. Thank you for your cooperation. We will do our best to provide you with "
            "quality service.\n");
  preview.set_format(v1::REPLY_FORMAT_FORWARDED);
  preview.set_forwarded_to("idc");
  ASSERT_OK_AND_ASSIGN(v1::PreviewReplyResponse forwarded,
                       Call(&v1::RoutingService::Stub::PreviewReply, preview, testing::kDeskToken));
  EXPECT_THAT(forwarded.text(),
              HasSubstr("The relevant department is Data Center: you can call it on "
                        "021-50000020 or write to idc@internet.example.cn."));
  preview.set_format(v1::REPLY_FORMAT_HANDLED);
  preview.set_language(v1::REPLY_LANGUAGE_CHINESE);
  preview.set_unit_id("idc");
  EXPECT_THAT(Call(&v1::RoutingService::Stub::PreviewReply, preview, testing::kDeskToken),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("handling_result")));
  preview.set_handling_result("已恢复。");
  ASSERT_OK_AND_ASSIGN(v1::PreviewReplyResponse handled,
                       Call(&v1::RoutingService::Stub::PreviewReply, preview, testing::kDeskToken));
  EXPECT_THAT(handled.text(), ::testing::EndsWith("\n\n中国电信上海公司数据中心\n"));
}

}  // namespace
}  // namespace cs::routing

// The whole path between the two services as separate processes — the REAL intake binary and the
// routing binary, each on its own schema of the real MariaDB, on test clocks set to the same
// instant: a unit records a ticket in intake and forwards it; routing confirms receipt; the
// designated unit decides; the outcome comes back to intake through routing's outbox; the gateway
// delivers the reply and intake records it. Once for each of the four decisions (SPEC R1–R4), and a
// returned ticket corrected and forwarded again (A5 6.6).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "common/testclock/test_clock_client.h"
#include "common/testing/service_process.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/wait_for.h"
#include "common/time/calendar_testing.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "services/routing/testing/test_principals.h"

namespace cs::routing {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::ServiceProcess;
using ::cs::common::testing::ShanghaiTime;
using ::cs::intake::v1::IntakeService;
using ::cs::intake::v1::Ticket;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

// Monday 2026-03-02 10:00 in Shanghai, on both processes' clocks.
const absl::Time kStart = ShanghaiTime(2026, 3, 2, 10, 0);

std::vector<std::string> MySqlFlags(const common::db::MySqlOptions& db) {
  return {absl::StrCat("--mysql_host=", db.host),
          absl::StrCat("--mysql_port=", db.port),
          absl::StrCat("--mysql_user=", db.user),
          absl::StrCat("--mysql_password=", db.password),
          absl::StrCat("--mysql_database=", db.database),
          "--mysql_pool_size=4"};
}

std::vector<std::string> CommonFlags(const std::string& tokens_file) {
  return {"--grpc_address=127.0.0.1",
          "--metrics_address=127.0.0.1",
          "--metrics_port=0",
          absl::StrCat("--config_dir=", CS_SOURCE_DIR, "/deploy/config"),
          absl::StrCat("--tokens_file=", tokens_file),
          "--test_clock",
          "--shutdown_grace=2s",
          "--relay_poll_interval=100ms",
          "--relay_initial_backoff=100ms",
          "--relay_max_backoff=1s"};
}

// One intake and one routing process for the whole suite; every test uses its own tickets.
class RoutingIntakeE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string dir = ::testing::TempDir();
    const std::string tokens = absl::StrCat(dir, "/routing_e2e_tokens.textproto");
    const std::string intake_token = absl::StrCat(dir, "/routing_e2e_intake.token");
    const std::string routing_token = absl::StrCat(dir, "/routing_e2e_routing.token");
    ASSERT_TRUE(testing::WriteTestTokenFile(tokens));
    ASSERT_TRUE(testing::WriteTokenFile(intake_token, testing::kIntakeToken));
    ASSERT_TRUE(testing::WriteTokenFile(routing_token, testing::kRoutingToken));
    ASSERT_OK_AND_ASSIGN(auto intake_db, common::testing::TestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(auto routing_db, common::testing::TestDatabase::Create());
    intake_db_ = intake_db.release();
    routing_db_ = routing_db.release();
    ASSERT_OK_AND_ASSIGN(const int intake_port, common::testing::PickFreePort());
    ASSERT_OK_AND_ASSIGN(const int routing_port, common::testing::PickFreePort());

    std::vector<std::string> routing_args = CommonFlags(tokens);
    routing_args.push_back(absl::StrCat("--grpc_port=", routing_port));
    routing_args.push_back(absl::StrCat("--intake_address=127.0.0.1:", intake_port));
    routing_args.push_back(absl::StrCat("--service_token_file=", routing_token));
    routing_args.push_back("--supervision_interval=200ms");
    for (std::string& flag : MySqlFlags(routing_db_->options())) routing_args.push_back(flag);
    ASSERT_OK_AND_ASSIGN(auto routing,
                         ServiceProcess::Start(CS_ROUTING_BINARY, routing_args,
                                               absl::StrCat(dir, "/routing_e2e_routing.log")));
    routing_ = routing.release();
    ASSERT_THAT(routing_->WaitUntilServing(routing_port), IsOk());

    std::vector<std::string> intake_args = CommonFlags(tokens);
    intake_args.push_back(absl::StrCat("--grpc_port=", intake_port));
    intake_args.push_back(absl::StrCat("--routing_address=127.0.0.1:", routing_port));
    intake_args.push_back(absl::StrCat("--service_token_file=", intake_token));
    intake_args.push_back("--sla_sweep_interval=1s");
    for (std::string& flag : MySqlFlags(intake_db_->options())) intake_args.push_back(flag);
    ASSERT_OK_AND_ASSIGN(auto intake,
                         ServiceProcess::Start(CS_INTAKE_BINARY, intake_args,
                                               absl::StrCat(dir, "/routing_e2e_intake.log")));
    intake_ = intake.release();
    ASSERT_THAT(intake_->WaitUntilServing(intake_port), IsOk());

    intake_channel_ = new std::shared_ptr<grpc::Channel>(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", intake_port), grpc::InsecureChannelCredentials()));
    routing_channel_ = new std::shared_ptr<grpc::Channel>(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", routing_port), grpc::InsecureChannelCredentials()));
    for (const auto* channel : {intake_channel_, routing_channel_}) {
      common::TestClockClient clock(*channel, std::string(testing::kCenterToken));
      ASSERT_THAT(clock.SetTime(kStart, /*allow_backwards=*/true), IsOk());
    }
  }

  static void TearDownTestSuite() {
    // Intake first: its relay must not keep calling a routing that is gone.
    if (intake_ != nullptr) {
      EXPECT_EQ(intake_->Stop(), 0) << intake_->LogTail();
    }
    if (routing_ != nullptr) {
      EXPECT_EQ(routing_->Stop(), 0) << routing_->LogTail();
    }
    delete intake_;
    delete routing_;
    delete intake_channel_;
    delete routing_channel_;
    delete intake_db_;
    delete routing_db_;
    intake_ = routing_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(intake_, nullptr) << "the processes did not start";
    ASSERT_NE(routing_, nullptr) << "the processes did not start";
    intake_stub_ = IntakeService::NewStub(*intake_channel_);
    routing_stub_ = v1::RoutingService::NewStub(*routing_channel_);
  }

  template <typename Stub, typename Request, typename Response>
  static absl::StatusOr<Response> Call(Stub& stub,
                                       grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                                    const Request&, Response*),
                                       const Request& request, absl::string_view token) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    common::AttachBearerToken(context, token);
    Response response;
    grpc::Status status = (stub.*method)(&context, request, &response);
    if (!status.ok()) return common::FromGrpcStatus(status);
    return response;
  }

  // A complete ticket recorded at the broadband center and forwarded; returns once routing's
  // receipt is recorded in intake (I4).
  Ticket CreateAndForward(const std::string& key, const std::string& problem,
                          cs::common::v1::TicketKind kind = cs::common::v1::TICKET_KIND_COMPLAINT) {
    cs::intake::v1::CreateTicketRequest create;
    create.set_request_id(absl::StrCat("create-", key));
    cs::intake::v1::TicketInput* input = create.mutable_ticket();
    input->set_unit_id("broadband");
    input->set_kind(kind);
    input->set_channel(cs::common::v1::CHANNEL_EMAIL);
    input->set_problem(problem);
    input->set_device_number("02112345678");
    input->set_contact_phone("13800000000");
    input->set_contact_person("张三");
    input->set_email("zhang@example.com");
    absl::StatusOr<Ticket> created =
        Call(*intake_stub_, &IntakeService::Stub::CreateTicket, create, testing::kBroadbandToken);
    EXPECT_THAT(created, IsOk());
    if (!created.ok()) return {};
    return Forward(created->ticket_id(), absl::StrCat("forward-", key));
  }

  Ticket Forward(int64_t ticket_id, const std::string& request_id) {
    cs::intake::v1::ForwardTicketRequest forward;
    forward.set_request_id(request_id);
    forward.set_ticket_id(ticket_id);
    absl::StatusOr<Ticket> forwarded =
        Call(*intake_stub_, &IntakeService::Stub::ForwardTicket, forward, testing::kBroadbandToken);
    EXPECT_THAT(forwarded, IsOk());
    return WaitForIntake(ticket_id, cs::intake::v1::TICKET_STATUS_RECEIVED);
  }

  Ticket GetTicket(int64_t ticket_id) {
    cs::intake::v1::GetTicketRequest get;
    get.set_ticket_id(ticket_id);
    absl::StatusOr<Ticket> ticket =
        Call(*intake_stub_, &IntakeService::Stub::GetTicket, get, testing::kBroadbandToken);
    EXPECT_THAT(ticket, IsOk());
    return ticket.ok() ? *ticket : Ticket();
  }

  // The intake ticket once it reaches `status` (fails the test after 30 s).
  Ticket WaitForIntake(int64_t ticket_id, cs::intake::v1::TicketStatus status) {
    Ticket ticket;
    EXPECT_OK(common::testing::WaitFor("the intake ticket's status",
                                       [&] {
                                         ticket = GetTicket(ticket_id);
                                         return ticket.status() == status;
                                       }))
        << "ticket " << ticket_id << " stayed "
        << cs::intake::v1::TicketStatus_Name(ticket.status()) << ", expected "
        << cs::intake::v1::TicketStatus_Name(status) << "\nintake: " << intake_->LogTail()
        << "\nrouting: " << routing_->LogTail();
    return ticket;
  }

  // The routed tickets of an intake ticket, newest first.
  std::vector<v1::RoutedTicket> RoutedOf(int64_t ticket_id) {
    v1::ListRoutedTicketsRequest list;
    list.set_ticket_id(ticket_id);
    absl::StatusOr<v1::ListRoutedTicketsResponse> response = Call(
        *routing_stub_, &v1::RoutingService::Stub::ListRoutedTickets, list, testing::kDeskToken);
    EXPECT_THAT(response, IsOk());
    if (!response.ok()) return {};
    return {response->routed_tickets().begin(), response->routed_tickets().end()};
  }

  absl::StatusOr<v1::RoutedTicket> Decide(v1::DecideTicketRequest request) {
    request.set_request_id(absl::StrCat("decide-", request.routed_ticket_id()));
    return Call(*routing_stub_, &v1::RoutingService::Stub::DecideTicket, request,
                testing::kDeskToken);
  }

  // What the mail gateway does: takes the email deliveries of `ticket_id` and acknowledges each as
  // delivered (others' are handed back at once).
  std::vector<v1::Delivery> DeliverEmailsOf(int64_t ticket_id) {
    v1::PullDeliveriesRequest pull;
    pull.set_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
    pull.set_max_deliveries(100);
    pull.set_gateway("mail-gateway");
    absl::StatusOr<v1::PullDeliveriesResponse> pulled = Call(
        *routing_stub_, &v1::RoutingService::Stub::PullDeliveries, pull, testing::kGatewayToken);
    EXPECT_THAT(pulled, IsOk());
    std::vector<v1::Delivery> mine;
    if (!pulled.ok()) return mine;
    for (const v1::Delivery& delivery : pulled->deliveries()) {
      v1::AckDeliveryRequest ack;
      ack.set_delivery_id(delivery.delivery_id());
      ack.set_lease_token(delivery.lease_token());
      ack.set_gateway("mail-gateway");
      ack.set_result(delivery.ticket_id() == ticket_id ? v1::DELIVERY_RESULT_DELIVERED
                                                       : v1::DELIVERY_RESULT_RETRY);
      EXPECT_THAT(
          Call(*routing_stub_, &v1::RoutingService::Stub::AckDelivery, ack, testing::kGatewayToken),
          IsOk());
      if (delivery.ticket_id() == ticket_id) mine.push_back(delivery);
    }
    return mine;
  }

  static absl::Time Time(const google::protobuf::Timestamp& timestamp) {
    return common::FromProtoTimestamp(timestamp, "time").value();
  }

  static common::testing::TestDatabase* intake_db_;
  static common::testing::TestDatabase* routing_db_;
  static ServiceProcess* intake_;
  static ServiceProcess* routing_;
  static std::shared_ptr<grpc::Channel>* intake_channel_;
  static std::shared_ptr<grpc::Channel>* routing_channel_;
  std::unique_ptr<IntakeService::Stub> intake_stub_;
  std::unique_ptr<v1::RoutingService::Stub> routing_stub_;
};

common::testing::TestDatabase* RoutingIntakeE2eTest::intake_db_ = nullptr;
common::testing::TestDatabase* RoutingIntakeE2eTest::routing_db_ = nullptr;
ServiceProcess* RoutingIntakeE2eTest::intake_ = nullptr;
ServiceProcess* RoutingIntakeE2eTest::routing_ = nullptr;
std::shared_ptr<grpc::Channel>* RoutingIntakeE2eTest::intake_channel_ = nullptr;
std::shared_ptr<grpc::Channel>* RoutingIntakeE2eTest::routing_channel_ = nullptr;

TEST_F(RoutingIntakeE2eTest, R1_DirectReplyReachesTheUserAndIntakeRecordsIt) {
  Ticket ticket = CreateAndForward("r1", "请问宽带套餐资费是多少");
  ASSERT_THAT(ticket.history(), Contains(::testing::Property(&cs::intake::v1::HistoryEntry::event,
                                                             "RECEIPT_CONFIRMED")));
  std::vector<v1::RoutedTicket> routed = RoutedOf(ticket.ticket_id());
  ASSERT_THAT(routed, SizeIs(1));
  // The receipt intake recorded is routing's.
  for (const auto& entry : ticket.history()) {
    if (entry.event() == "RECEIPT_CONFIRMED") {
      EXPECT_EQ(entry.detail(), routed[0].receipt_id());
    }
  }
  EXPECT_EQ(routed[0].forward_id(), ticket.forward().forward_id());
  EXPECT_EQ(routed[0].ticket().origin_unit_id(), "broadband");

  v1::DecideTicketRequest decide;
  decide.set_routed_ticket_id(routed[0].routed_ticket_id());
  decide.set_decision(v1::DECISION_DIRECT_REPLY);
  decide.set_reason("资费咨询，本单位直接答复");
  decide.set_handling_result("宽带包月套餐为每月100元，详情可致电10000查询。");
  ASSERT_THAT(Decide(decide), IsOk());
  Ticket handling = WaitForIntake(ticket.ticket_id(), cs::intake::v1::TICKET_STATUS_IN_HANDLING);
  EXPECT_EQ(handling.last_outcome(), cs::intake::v1::OUTCOME_KIND_DIRECT_REPLY);
  EXPECT_EQ(handling.handling_department(), "service-desk");

  std::vector<v1::Delivery> sent = DeliverEmailsOf(ticket.ticket_id());
  ASSERT_THAT(sent, SizeIs(1));
  const std::string expected =
      "亲爱的用户：\n\n您好！非常感谢您使用我公司提供的服务。\n\n"
      "宽带包月套餐为每月100元，详情可致电10000查询。\n\n"
      "再次感谢您的配合，我们将尽力为您提供优质的服务。\n\n中国电信上海公司客服中心指定受理单位\n";
  EXPECT_EQ(sent[0].text(), expected);
  Ticket replied = WaitForIntake(ticket.ticket_id(), cs::intake::v1::TICKET_STATUS_REPLIED);
  ASSERT_THAT(replied.replies(), SizeIs(1));
  EXPECT_EQ(replied.replies(0).text(), expected);
  EXPECT_EQ(replied.replies(0).replied_by(), "service-desk");
  EXPECT_EQ(replied.replies(0).channel(), cs::common::v1::REPLY_CHANNEL_EMAIL);
  EXPECT_TRUE(replied.has_replied_to_user_at());

  // The unit of first contact closes it (M 7.3).
  cs::intake::v1::CloseTicketRequest close;
  close.set_request_id("close-r1");
  close.set_ticket_id(ticket.ticket_id());
  ASSERT_OK_AND_ASSIGN(Ticket closed, Call(*intake_stub_, &IntakeService::Stub::CloseTicket, close,
                                           testing::kBroadbandToken));
  EXPECT_EQ(closed.status(), cs::intake::v1::TICKET_STATUS_CLOSED);
}

TEST_F(RoutingIntakeE2eTest, R2_DispatchedTicketIsAnsweredByTheResponsibleUnit) {
  Ticket ticket = CreateAndForward("r2", "机房机柜断电，服务器托管业务中断",
                                   cs::common::v1::TICKET_KIND_FAULT_REPORT);
  std::vector<v1::RoutedTicket> routed = RoutedOf(ticket.ticket_id());
  ASSERT_THAT(routed, SizeIs(1));
  EXPECT_EQ(routed[0].suggestion().decision(), v1::DECISION_INTERNAL_DISPATCH);
  EXPECT_EQ(routed[0].suggestion().unit_id(), "idc");
  v1::DecideTicketRequest decide;
  decide.set_routed_ticket_id(routed[0].routed_ticket_id());
  decide.set_decision(v1::DECISION_INTERNAL_DISPATCH);
  decide.set_unit_id("idc");
  ASSERT_OK_AND_ASSIGN(v1::RoutedTicket decided, Decide(decide));
  const int64_t order_id = decided.orders(0).order_id();
  Ticket handling = WaitForIntake(ticket.ticket_id(), cs::intake::v1::TICKET_STATUS_IN_HANDLING);
  EXPECT_EQ(handling.last_outcome(), cs::intake::v1::OUTCOME_KIND_INTERNAL_DISPATCH);
  EXPECT_EQ(handling.handling_department(), "idc");
  // A fault report: 1 working day (sla_targets.textproto), Tuesday's close of business.
  EXPECT_EQ(Time(handling.handling_deadline()), ShanghaiTime(2026, 3, 3, 17, 30));
  EXPECT_EQ(Time(handling.handling_deadline()), Time(decided.orders(0).deadline().at()));

  v1::AcceptDispatchOrderRequest accept;
  accept.set_order_id(order_id);
  ASSERT_THAT(Call(*routing_stub_, &v1::RoutingService::Stub::AcceptDispatchOrder, accept,
                   testing::kIdcToken),
              IsOk());
  v1::ReplyToDispatchOrderRequest reply;
  reply.set_request_id("reply-r2");
  reply.set_order_id(order_id);
  reply.set_handling_result("机柜供电已恢复，托管服务器已全部上线。");
  ASSERT_THAT(Call(*routing_stub_, &v1::RoutingService::Stub::ReplyToDispatchOrder, reply,
                   testing::kIdcToken),
              IsOk());
  std::vector<v1::Delivery> sent = DeliverEmailsOf(ticket.ticket_id());
  ASSERT_THAT(sent, SizeIs(1));
  Ticket replied = WaitForIntake(ticket.ticket_id(), cs::intake::v1::TICKET_STATUS_REPLIED);
  ASSERT_THAT(replied.replies(), SizeIs(1));
  EXPECT_EQ(replied.replies(0).text(),
            "亲爱的用户：\n\n您好！非常感谢您使用我公司提供的服务。\n\n"
            "机柜供电已恢复，托管服务器已全部上线。\n\n"
            "再次感谢您的配合，我们将尽力为您提供优质的服务。\n\n中国电信上海公司数据中心\n");
  EXPECT_EQ(replied.replies(0).replied_by(), "idc");
}

TEST_F(RoutingIntakeE2eTest, R3_EscalationIsReportedTheUserToldAndAcknowledgementRecorded) {
  Ticket ticket = CreateAndForward("r3", "家里固话没有拨号音");
  std::vector<v1::RoutedTicket> routed = RoutedOf(ticket.ticket_id());
  ASSERT_THAT(routed, SizeIs(1));
  EXPECT_EQ(routed[0].suggestion().decision(), v1::DECISION_ESCALATE_TO_TELECOM);
  v1::DecideTicketRequest decide;
  decide.set_routed_ticket_id(routed[0].routed_ticket_id());
  decide.set_decision(v1::DECISION_ESCALATE_TO_TELECOM);
  ASSERT_OK_AND_ASSIGN(v1::RoutedTicket decided, Decide(decide));
  Ticket handling = WaitForIntake(ticket.ticket_id(), cs::intake::v1::TICKET_STATUS_IN_HANDLING);
  EXPECT_EQ(handling.last_outcome(), cs::intake::v1::OUTCOME_KIND_ESCALATE_TO_TELECOM);
  EXPECT_EQ(handling.handling_department(), "telecom");
  EXPECT_EQ(Time(handling.handling_deadline()), ShanghaiTime(2026, 3, 3, 17, 30));

  std::vector<v1::Delivery> sent = DeliverEmailsOf(ticket.ticket_id());
  ASSERT_THAT(sent, SizeIs(2));
  EXPECT_EQ(sent[0].purpose(), v1::DELIVERY_PURPOSE_TELECOM_DISPATCH);
  EXPECT_EQ(sent[0].recipient(), "dispatch@telecom.example.cn");
  EXPECT_THAT(sent[0].text(), AllOf(HasSubstr("用户问题：家里固话没有拨号音"),
                                    HasSubstr("受理单位：宽带业务中心")));
  Ticket replied = WaitForIntake(ticket.ticket_id(), cs::intake::v1::TICKET_STATUS_REPLIED);
  ASSERT_THAT(replied.replies(), SizeIs(1));
  EXPECT_EQ(replied.replies(0).text(), sent[1].text());
  EXPECT_THAT(replied.replies(0).text(),
              HasSubstr("相关部门为中国电信上海公司，对外咨询电话：10000。"));

  v1::AcknowledgeEscalationRequest acknowledge;
  acknowledge.set_order_id(decided.orders(0).order_id());
  acknowledge.set_telecom_reference("TC-E2E-1");
  ASSERT_OK_AND_ASSIGN(v1::DispatchOrder acknowledged,
                       Call(*routing_stub_, &v1::RoutingService::Stub::AcknowledgeEscalation,
                            acknowledge, testing::kDeskToken));
  EXPECT_EQ(acknowledged.status(), v1::DISPATCH_ORDER_STATUS_ACKNOWLEDGED);
}

TEST_F(RoutingIntakeE2eTest, R4_ReturnedTicketIsCorrectedAndForwardedAgain) {
  Ticket ticket = CreateAndForward("r4", "宽带经常断网");
  std::vector<v1::RoutedTicket> routed = RoutedOf(ticket.ticket_id());
  ASSERT_THAT(routed, SizeIs(1));
  const std::string first_forward = routed[0].forward_id();
  v1::DecideTicketRequest decide;
  decide.set_routed_ticket_id(routed[0].routed_ticket_id());
  decide.set_decision(v1::DECISION_RETURN);
  decide.set_reason("设备号码不是宽带账号");
  decide.set_return_reason(v1::RETURN_REASON_CONTENT_INCORRECT);
  decide.add_fields_at_fault("device_number");
  decide.set_return_note("请填写宽带账号");
  ASSERT_THAT(Decide(decide), IsOk());
  Ticket returned = WaitForIntake(ticket.ticket_id(), cs::intake::v1::TICKET_STATUS_RETURNED);
  EXPECT_EQ(returned.return_reason(), cs::intake::v1::RETURN_REASON_CONTENT_INCORRECT);
  EXPECT_THAT(returned.fields_at_fault(), ElementsAre("device_number"));
  EXPECT_EQ(returned.return_note(), "请填写宽带账号");

  // The unit corrects the ticket and forwards it again: a new forward, a new routed ticket.
  cs::intake::v1::UpdateTicketRequest update;
  update.set_ticket_id(ticket.ticket_id());
  update.mutable_ticket()->set_device_number("021-87654321");
  update.mutable_update_mask()->add_paths("device_number");
  ASSERT_THAT(
      Call(*intake_stub_, &IntakeService::Stub::UpdateTicket, update, testing::kBroadbandToken),
      IsOk());
  Ticket again = Forward(ticket.ticket_id(), "forward-r4-again");
  EXPECT_NE(again.forward().forward_id(), first_forward);
  routed = RoutedOf(ticket.ticket_id());
  ASSERT_THAT(routed, SizeIs(2));
  EXPECT_EQ(routed[0].forward_id(), again.forward().forward_id());
  EXPECT_EQ(routed[0].status(), v1::ROUTED_TICKET_STATUS_RECEIVED);
  EXPECT_EQ(routed[0].ticket().device_number(), "021-87654321");
  EXPECT_EQ(routed[1].forward_id(), first_forward);
  EXPECT_EQ(routed[1].status(), v1::ROUTED_TICKET_STATUS_RETURNED);

  decide = v1::DecideTicketRequest();
  decide.set_routed_ticket_id(routed[0].routed_ticket_id());
  decide.set_decision(v1::DECISION_INTERNAL_DISPATCH);
  decide.set_unit_id("broadband");
  ASSERT_OK_AND_ASSIGN(v1::RoutedTicket dispatched, Decide(decide));
  Ticket handling = WaitForIntake(ticket.ticket_id(), cs::intake::v1::TICKET_STATUS_IN_HANDLING);
  EXPECT_EQ(handling.handling_department(), "broadband");
  const int64_t order_id = dispatched.orders(0).order_id();
  v1::AcceptDispatchOrderRequest accept;
  accept.set_order_id(order_id);
  ASSERT_THAT(Call(*routing_stub_, &v1::RoutingService::Stub::AcceptDispatchOrder, accept,
                   testing::kBroadbandToken),
              IsOk());
  v1::ReplyToDispatchOrderRequest reply;
  reply.set_request_id("reply-r4");
  reply.set_order_id(order_id);
  reply.set_handling_result("线路已修复。");
  ASSERT_THAT(Call(*routing_stub_, &v1::RoutingService::Stub::ReplyToDispatchOrder, reply,
                   testing::kBroadbandToken),
              IsOk());
  ASSERT_THAT(DeliverEmailsOf(ticket.ticket_id()), SizeIs(1));
  Ticket replied = WaitForIntake(ticket.ticket_id(), cs::intake::v1::TICKET_STATUS_REPLIED);
  EXPECT_THAT(replied.replies(0).text(), HasSubstr("线路已修复。"));
  // Intake kept the whole story: two forwards, the return, and the outcome of the second.
  int forwards = 0;
  for (const auto& entry : replied.history()) forwards += entry.event() == "FORWARDED" ? 1 : 0;
  EXPECT_EQ(forwards, 2);
}

}  // namespace
}  // namespace cs::routing

// The intake service as deployed (IntakeWiring: MySQL store, relay, metrics) started in-process on
// loopback gRPC against the real MariaDB, with stand-in routing and archive servers and the test
// clock. Tests are named after the SPEC requirements they prove.
#include <atomic>
#include <memory>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/auth/token_store.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "common/hash/sha256.h"
#include "common/server/service_server.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/test_tokens.h"
#include "common/testing/wait_for.h"
#include "common/time/calendar_testing.h"
#include "cs/common/v1/outbox_admin.grpc.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "services/intake/intake_wiring.h"
#include "services/intake/testing/stand_in_peers.h"

namespace cs::intake {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;
using Mode = testing::StandInRouting::Mode;

constexpr char kClerkToken[] = "clerk-token";
constexpr char kPortalToken[] = "portal-token";
constexpr char kCenterToken[] = "center-token";
constexpr char kServiceToken[] = "service-token";
constexpr char kOfficeToken[] = "office-token";

common::TokenStore Tokens() {
  return common::testing::TestTokenStore({
      {kClerkToken, "clerk", cs::common::v1::ROLE_UNIT_STAFF, "broadband"},
      {kPortalToken, "portal-clerk", cs::common::v1::ROLE_UNIT_STAFF, "portal"},
      {kCenterToken, "center", cs::common::v1::ROLE_CS_CENTER, ""},
      {kServiceToken, "routing", cs::common::v1::ROLE_SERVICE, ""},
      {kOfficeToken, "office", cs::common::v1::ROLE_OFFICE, ""},
  });
}

v1::TicketInput CompleteTicket() {
  v1::TicketInput t;
  t.set_unit_id("broadband");
  t.set_kind(cs::common::v1::TICKET_KIND_COMPLAINT);
  t.set_channel(cs::common::v1::CHANNEL_HOTLINE);
  t.set_reply_channel(cs::common::v1::REPLY_CHANNEL_SMS);
  t.set_problem("宽带每天晚上断线");
  t.set_device_number("021-5888 1234");
  t.set_contact_phone("138 0013 8000");
  t.set_contact_person("张先生");
  t.set_user_number("AD0012345");
  t.set_user_name("张三");
  t.set_company("某公司");
  t.set_address("上海市浦东新区");
  t.set_postal_code("200120");
  t.set_handler("李四");
  t.set_processor("王五");
  t.set_reviewer("赵六");
  return t;
}

// The tests' wait: a condition polled with a deadline (common/testing/wait_for.h).
bool Eventually(const std::function<bool()>& condition) {
  const absl::Status waited = common::testing::WaitFor("the condition", condition);
  EXPECT_OK(waited);
  return waited.ok();
}

class IntakeIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database = common::testing::TestDatabase::Create();
    ASSERT_THAT(database, IsOk());
    database_ = *std::move(database);
    routing_server_ = std::make_unique<testing::LoopbackServer>(&routing_);
    archive_server_ = std::make_unique<testing::LoopbackServer>(&archive_);

    common::ServerOptions options;
    options.service_name = "intake";
    options.grpc_address = "127.0.0.1";
    options.metrics_address = "127.0.0.1";
    options.test_clock = true;
    options.test_clock_start = ShanghaiTime(2026, 11, 27, 10, 0);  // a Friday
    options.mysql = database_->options();
    options.mysql.pool_size = 16;
    options.config_dir = std::string(CS_SOURCE_DIR) + "/deploy/config";
    IntakeWiringOptions wiring;
    wiring.routing_address = routing_server_->address();
    wiring.archive_address = archive_server_->address();
    wiring.service_token = kServiceToken;
    wiring.sla_sweep_interval = absl::Milliseconds(50);
    wiring.relay.poll_interval = absl::Milliseconds(50);
    wiring.relay.backoff.initial = absl::Milliseconds(20);
    wiring.relay.backoff.max = absl::Milliseconds(100);
    wiring.relay.send_timeout = absl::Seconds(2);
    auto server = common::ServiceServer::Start(options, Tokens(), IntakeWiring(wiring));
    ASSERT_THAT(server, IsOk());
    server_ = *std::move(server);
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->grpc_port()),
                                   grpc::InsecureChannelCredentials());
    stub_ = v1::IntakeService::NewStub(channel_);
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  common::ManualClock& clock() { return *server_->test_clock(); }

  template <typename Request, typename Response>
  absl::StatusOr<Response> Call(grpc::Status (v1::IntakeService::Stub::*method)(
                                    grpc::ClientContext*, const Request&, Response*),
                                const Request& request, const char* token = kClerkToken) {
    grpc::ClientContext context;
    if (token != nullptr) common::AttachBearerToken(context, token);
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(20)));
    Response response;
    grpc::Status status = (stub_.get()->*method)(&context, request, &response);
    if (!status.ok()) return common::FromGrpcStatus(status);
    return response;
  }

  absl::StatusOr<v1::Ticket> Create(const v1::TicketInput& ticket, const std::string& request_id,
                                    const char* token = kClerkToken) {
    v1::CreateTicketRequest request;
    request.set_request_id(request_id);
    *request.mutable_ticket() = ticket;
    return Call(&v1::IntakeService::Stub::CreateTicket, request, token);
  }
  absl::StatusOr<v1::Ticket> Get(int64_t id, const char* token = kClerkToken) {
    v1::GetTicketRequest request;
    request.set_ticket_id(id);
    return Call(&v1::IntakeService::Stub::GetTicket, request, token);
  }
  absl::StatusOr<v1::Ticket> Forward(int64_t id, const std::string& request_id,
                                     const char* token = kClerkToken) {
    v1::ForwardTicketRequest request;
    request.set_ticket_id(id);
    request.set_request_id(request_id);
    return Call(&v1::IntakeService::Stub::ForwardTicket, request, token);
  }
  absl::StatusOr<v1::ListTicketsResponse> List(const v1::ListTicketsRequest& request,
                                               const char* token = kClerkToken) {
    return Call(&v1::IntakeService::Stub::ListTickets, request, token);
  }
  absl::StatusOr<v1::ReportTicketOutcomeResponse> Report(const v1::ReportTicketOutcomeRequest& r) {
    return Call(&v1::IntakeService::Stub::ReportTicketOutcome, r, kServiceToken);
  }
  absl::StatusOr<v1::MonthlyForwardingStatistics> Statistics(const std::string& unit_id,
                                                             const std::string& month,
                                                             const char* token = kServiceToken) {
    v1::GetMonthlyForwardingStatisticsRequest request;
    request.set_unit_id(unit_id);
    request.set_month(month);
    return Call(&v1::IntakeService::Stub::GetMonthlyForwardingStatistics, request, token);
  }
  // Creates and forwards a complete ticket; its id, or 0 after a failure.
  int64_t CreateAndForward(const std::string& request_id) {
    auto created = Create(CompleteTicket(), request_id);
    EXPECT_THAT(created, IsOk());
    if (!created.ok()) return 0;
    EXPECT_THAT(Forward(created->ticket_id(), request_id + "-forward"), IsOk());
    return created->ticket_id();
  }

  // The value of a metric on the live /metrics endpoint.
  // Two more rounds of intake's worker `worker` ("intake_sweep", "intake_outbox_relay"): one whole
  // round after the call, so what it did not do, it did not do having looked.
  void WaitForRounds(const std::string& worker) {
    EXPECT_OK(common::testing::WaitForRounds(
        worker, common::testing::ScrapedWorkerRounds(server_->metrics_port(), worker)));
  }

  double Metric(absl::string_view name, const std::map<std::string, std::string>& labels) {
    auto text = common::testing::HttpGet(server_->metrics_port(), "/metrics");
    EXPECT_THAT(text, IsOk());
    if (!text.ok()) return -1;
    auto value = common::testing::SumSamples(*text, name, labels);
    EXPECT_THAT(value, IsOk());
    return value.ok() ? *value : -1;
  }

  v1::TicketStatus StatusOf(int64_t id) {
    auto ticket = Get(id);
    return ticket.ok() ? ticket->status() : v1::TICKET_STATUS_UNSPECIFIED;
  }

  std::unique_ptr<common::testing::TestDatabase> database_;
  testing::StandInRouting routing_;
  testing::StandInArchive archive_;
  std::unique_ptr<testing::LoopbackServer> routing_server_;
  std::unique_ptr<testing::LoopbackServer> archive_server_;
  std::unique_ptr<common::ServiceServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IntakeService::Stub> stub_;
};

TEST_F(IntakeIntegrationTest, I1_I3_I6_I7_TicketKeepsEveryRecordedField) {
  v1::TicketInput input = CompleteTicket();
  input.set_kind(cs::common::v1::TICKET_KIND_FAULT_REPORT);
  input.set_channel(cs::common::v1::CHANNEL_GUESTBOOK);
  input.set_reply_channel(cs::common::v1::REPLY_CHANNEL_PHONE_CALLBACK);
  auto created = Create(input, "req-1");
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->status(), v1::TICKET_STATUS_RECORDED);
  EXPECT_EQ(created->overall_serial(), 1);
  EXPECT_EQ(created->serial_month(), "2026-11");
  EXPECT_EQ(created->month_serial(), 1);
  auto loaded = Get(created->ticket_id());
  ASSERT_THAT(loaded, IsOk());
  EXPECT_EQ(loaded->input().SerializeAsString(), input.SerializeAsString());
  EXPECT_EQ(loaded->input().reply_channel(), cs::common::v1::REPLY_CHANNEL_PHONE_CALLBACK);
  EXPECT_EQ(loaded->input().kind(), cs::common::v1::TICKET_KIND_FAULT_REPORT);
  // Friday 10:00 + 1 working hour.
  EXPECT_EQ(loaded->confirm_deadline().at().seconds(),
            absl::ToUnixSeconds(ShanghaiTime(2026, 11, 27, 11, 0)));
  EXPECT_EQ(loaded->confirm_deadline().calendar_version(), "cn-2026.1");

  v1::RenderTicketFormRequest form_request;
  form_request.set_ticket_id(created->ticket_id());
  auto form = Call(&v1::IntakeService::Stub::RenderTicketForm, form_request);
  ASSERT_THAT(form, IsOk());
  EXPECT_THAT(form->text(),
              AllOf(HasSubstr("总编号 Overall No.: 1\n"),
                    HasSubstr("本月编号 No. this month: 2026-11 / 1\n"),
                    HasSubstr("用户姓名 User name: 张三\n"), HasSubstr("审核人 Reviewer: 赵六\n")));
}

TEST_F(IntakeIntegrationTest, BadInputNamesEveryBadFieldInTheErrorDetails) {
  v1::TicketInput input = CompleteTicket();
  input.set_contact_phone("call me");
  input.set_device_number("abc-12");
  input.set_kind(static_cast<cs::common::v1::TicketKind>(9));
  input.set_unit_id("nowhere");
  input.set_user_name(std::string(101, 'x'));
  auto created = Create(input, "bad-1");
  ASSERT_THAT(created, StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const auto& violation : common::ViolationsOf(created.status())) {
    fields.push_back(violation.field);
  }
  EXPECT_THAT(fields, UnorderedElementsAre("ticket.contact_phone", "ticket.device_number",
                                           "ticket.kind", "ticket.unit_id", "ticket.user_name"));
  // Through the gRPC trailer (google.rpc.ErrorInfo) and back.
  EXPECT_EQ(common::ReasonOf(created.status()), common::reason::kInvalidFields);
  // Nothing was written: the next ticket still gets serial 1.
  input = CompleteTicket();
  auto good = Create(input, "good-1");
  ASSERT_THAT(good, IsOk());
  EXPECT_EQ(good->overall_serial(), 1);
  v1::CreateTicketRequest no_id;
  *no_id.mutable_ticket() = CompleteTicket();
  EXPECT_THAT(Call(&v1::IntakeService::Stub::CreateTicket, no_id),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
}

TEST_F(IntakeIntegrationTest, CallersNeedATokenAndTheirOwnUnit) {
  EXPECT_THAT(Create(CompleteTicket(), "r", nullptr), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(Create(CompleteTicket(), "r", "wrong-token"),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(Create(CompleteTicket(), "r", kPortalToken),
              StatusIs(absl::StatusCode::kPermissionDenied));
  auto created = Create(CompleteTicket(), "r");
  ASSERT_THAT(created, IsOk());
  EXPECT_THAT(Get(created->ticket_id(), kPortalToken),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Forward(created->ticket_id(), "f", kPortalToken),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Get(created->ticket_id(), kCenterToken), IsOk());
  v1::ReportTicketOutcomeRequest outcome;
  outcome.set_message_id("m");
  outcome.set_ticket_id(created->ticket_id());
  outcome.set_forward_id("F");
  outcome.set_outcome(v1::OUTCOME_KIND_DIRECT_REPLY);
  EXPECT_THAT(Call(&v1::IntakeService::Stub::ReportTicketOutcome, outcome, kClerkToken),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(IntakeIntegrationTest, I2_ForwardIsRefusedNamingEachMissingElement) {
  v1::TicketInput input = CompleteTicket();
  input.clear_device_number();
  input.clear_contact_person();
  auto created = Create(input, "r");
  ASSERT_THAT(created, IsOk());
  auto forwarded = Forward(created->ticket_id(), "f");
  ASSERT_THAT(forwarded, StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const auto& v : common::ViolationsOf(forwarded.status())) fields.push_back(v.field);
  EXPECT_THAT(fields, UnorderedElementsAre("device_number", "contact_person"));
  EXPECT_EQ(common::ReasonOf(forwarded.status()), common::reason::kMissingRequiredFields);
  EXPECT_EQ(StatusOf(created->ticket_id()), v1::TICKET_STATUS_RECORDED);
  EXPECT_EQ(routing_.total_calls(), 0);

  // Completed through UpdateTicket, it can go.
  v1::UpdateTicketRequest update;
  update.set_ticket_id(created->ticket_id());
  update.mutable_ticket()->set_device_number("021-5888 1234");
  update.mutable_ticket()->set_contact_person("张先生");
  update.mutable_update_mask()->add_paths("device_number");
  update.mutable_update_mask()->add_paths("contact_person");
  ASSERT_THAT(Call(&v1::IntakeService::Stub::UpdateTicket, update), IsOk());
  EXPECT_THAT(Forward(created->ticket_id(), "f2"), IsOk());
}

TEST_F(IntakeIntegrationTest, IllegalStateChangesAreFailedPrecondition) {
  routing_.set_mode(Mode::kRefuse);
  auto created = Create(CompleteTicket(), "r");
  ASSERT_THAT(created, IsOk());
  ASSERT_THAT(Forward(created->ticket_id(), "f"), IsOk());
  v1::UpdateTicketRequest update;
  update.set_ticket_id(created->ticket_id());
  update.mutable_ticket()->set_problem("changed");
  update.mutable_update_mask()->add_paths("problem");
  EXPECT_THAT(Call(&v1::IntakeService::Stub::UpdateTicket, update),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("FORWARDING")));
  EXPECT_THAT(Forward(created->ticket_id(), "f-again"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  v1::CloseTicketRequest close;
  close.set_ticket_id(created->ticket_id());
  close.set_request_id("c");
  EXPECT_THAT(Call(&v1::IntakeService::Stub::CloseTicket, close),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("FORWARDING")));
  // A retry of the accepted forward is not an illegal change: it returns the ticket.
  EXPECT_THAT(Forward(created->ticket_id(), "f"), IsOk());
}

// Issue 10: request ids are any printable ASCII and compare byte for byte, so ids that differ only
// by trailing spaces are different requests.
TEST_F(IntakeIntegrationTest, I3_CreateRequestIdsDifferingOnlyByTrailingSpacesAreTwoRequests) {
  auto first = Create(CompleteTicket(), "c4b-x");
  ASSERT_THAT(first.status(), IsOk());
  auto second = Create(CompleteTicket(), "c4b-x ");
  ASSERT_THAT(second.status(), IsOk());
  EXPECT_NE(second->ticket_id(), first->ticket_id());
  EXPECT_EQ(second->overall_serial(), first->overall_serial() + 1);
  auto retried = Create(CompleteTicket(), "c4b-x ");
  ASSERT_THAT(retried.status(), IsOk());
  EXPECT_EQ(retried->ticket_id(), second->ticket_id());
}

TEST_F(IntakeIntegrationTest, I4_ForwardRequestIdsDifferingOnlyByTrailingSpacesAreTwoRequests) {
  auto first = Create(CompleteTicket(), "a");
  ASSERT_THAT(first.status(), IsOk());
  auto second = Create(CompleteTicket(), "b");
  ASSERT_THAT(second.status(), IsOk());
  auto forwarded_first = Forward(first->ticket_id(), "c4b-fwd");
  ASSERT_THAT(forwarded_first.status(), IsOk());
  auto forwarded_second = Forward(second->ticket_id(), "c4b-fwd ");
  ASSERT_THAT(forwarded_second.status(), IsOk());
  EXPECT_EQ(forwarded_second->ticket_id(), second->ticket_id());
  EXPECT_NE(forwarded_second->forward().forward_id(), forwarded_first->forward().forward_id());
  ASSERT_TRUE(Eventually([&] {
    return StatusOf(first->ticket_id()) == v1::TICKET_STATUS_RECEIVED &&
           StatusOf(second->ticket_id()) == v1::TICKET_STATUS_RECEIVED;
  }));
  EXPECT_THAT(routing_.stored(), UnorderedElementsAre(forwarded_first->forward().forward_id(),
                                                      forwarded_second->forward().forward_id()));
  auto retried = Forward(second->ticket_id(), "c4b-fwd ");
  ASSERT_THAT(retried.status(), IsOk());
  EXPECT_EQ(retried->forward().forward_id(), forwarded_second->forward().forward_id());
}

TEST_F(IntakeIntegrationTest, I3_TwoHundredConcurrentCreatesAcrossAMonthBoundary) {
  clock().SetTime(ShanghaiTime(2026, 11, 30, 23, 59, 59));
  constexpr int kCreates = 200;
  std::atomic<int> completed{0};
  std::vector<absl::StatusOr<v1::Ticket>> results(kCreates, absl::UnknownError("not run"));
  std::vector<std::thread> threads;
  auto launch = [&](int from, int to) {
    for (int i = from; i < to; ++i) {
      threads.emplace_back([&, i] {
        results[i] = Create(CompleteTicket(), absl::StrCat("boundary-", i));
        completed.fetch_add(1);
      });
    }
  };
  // Half are sent in November; midnight passes once some of them are stored and while the others
  // are still in flight; the second half are sent in December.
  launch(0, kCreates / 2);
  ASSERT_OK(common::testing::WaitFor("a quarter of the creates to be answered",
                                     [&] { return completed.load() >= kCreates / 4; }));
  clock().SetTime(ShanghaiTime(2026, 12, 1, 0, 0, 1));
  launch(kCreates / 2, kCreates);
  for (std::thread& thread : threads) thread.join();

  std::set<int64_t> overall;
  std::map<std::string, std::set<int64_t>> by_month;
  for (const auto& result : results) {
    ASSERT_THAT(result, IsOk());
    overall.insert(result->overall_serial());
    by_month[result->serial_month()].insert(result->month_serial());
    const absl::Time received = absl::FromUnixSeconds(result->received_at().seconds());
    EXPECT_EQ(result->serial_month(),
              absl::FormatTime("%Y-%m", received, common::testing::ShanghaiTimeZone()));
  }
  ASSERT_THAT(overall, SizeIs(kCreates));
  EXPECT_EQ(*overall.begin(), 1);
  EXPECT_EQ(*overall.rbegin(), kCreates);
  int64_t total = 0;
  for (const auto& [month, serials] : by_month) {
    EXPECT_EQ(*serials.begin(), 1) << month;
    EXPECT_EQ(*serials.rbegin(), static_cast<int64_t>(serials.size())) << month;
    total += static_cast<int64_t>(serials.size());
  }
  EXPECT_EQ(total, kCreates);
  EXPECT_THAT(by_month, SizeIs(2));
}

TEST_F(IntakeIntegrationTest, SixteenConcurrentRetriesOfOneRequestCreateOneTicket) {
  std::vector<absl::StatusOr<v1::Ticket>> results(16, absl::UnknownError("not run"));
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] { results[i] = Create(CompleteTicket(), "one-request"); });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<int64_t> ids;
  for (const auto& result : results) {
    ASSERT_THAT(result, IsOk());
    ids.insert(result->ticket_id());
  }
  EXPECT_THAT(ids, SizeIs(1));
  auto next = Create(CompleteTicket(), "another-request");
  ASSERT_THAT(next, IsOk());
  EXPECT_EQ(next->overall_serial(), 2);
  v1::TicketInput other = CompleteTicket();
  other.set_problem("a different body");
  EXPECT_THAT(Create(other, "one-request"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
}

TEST_F(IntakeIntegrationTest, I4_RelayRetriesUntilReceiptAndRecordsItOnce) {
  routing_.set_mode(Mode::kRefuse);
  auto created = Create(CompleteTicket(), "r");
  ASSERT_THAT(created, IsOk());
  auto forwarded = Forward(created->ticket_id(), "f");
  ASSERT_THAT(forwarded, IsOk());
  EXPECT_EQ(forwarded->status(), v1::TICKET_STATUS_FORWARDING);
  const std::string forward_id = forwarded->forward().forward_id();
  ASSERT_TRUE(Eventually([&] { return routing_.calls(forward_id) >= 3; }));
  EXPECT_EQ(StatusOf(created->ticket_id()), v1::TICKET_STATUS_FORWARDING);

  // Now routing stores the ticket but its acknowledgements are lost: still not confirmed.
  routing_.set_mode(Mode::kDropAcknowledgement);
  const int calls_before = routing_.calls(forward_id);
  ASSERT_TRUE(Eventually([&] { return routing_.calls(forward_id) >= calls_before + 2; }));
  EXPECT_EQ(StatusOf(created->ticket_id()), v1::TICKET_STATUS_FORWARDING);

  routing_.set_mode(Mode::kAcknowledge);
  ASSERT_TRUE(
      Eventually([&] { return StatusOf(created->ticket_id()) == v1::TICKET_STATUS_RECEIVED; }));
  auto received = Get(created->ticket_id());
  ASSERT_THAT(received, IsOk());
  EXPECT_EQ(received->forward().forward_id(), forward_id);
  EXPECT_TRUE(received->forward().has_confirmed_at());
  int confirmations = 0;
  for (const auto& entry : received->history())
    confirmations += entry.event() == "RECEIPT_CONFIRMED";
  EXPECT_EQ(confirmations, 1);
  EXPECT_THAT(routing_.stored(), UnorderedElementsAre(forward_id));
  EXPECT_EQ(routing_.last_authorization(), absl::StrCat("Bearer ", kServiceToken));
  // Once confirmed, nothing more is sent.
  const int calls_at_confirmation = routing_.calls(forward_id);
  WaitForRounds("intake_outbox_relay");
  EXPECT_EQ(routing_.calls(forward_id), calls_at_confirmation);
}

// A forward routing refuses as such (a permanent error) is tried --relay_max_permanent_failures
// times (3), then becomes a dead letter: no longer sent, counted by cs_intake_outbox_dead_letters,
// listed by cs.common.v1.OutboxAdmin for the CS center and services only, and delivered after an
// operator's RetryDeadLetter once routing takes it.
TEST_F(IntakeIntegrationTest, I4_ForwardRoutingRefusesBecomesADeadLetterAnOperatorRetries) {
  routing_.set_mode(Mode::kReject);
  const int64_t ticket_id = CreateAndForward("dead");
  ASSERT_NE(ticket_id, 0);
  auto forwarded = Get(ticket_id);
  ASSERT_THAT(forwarded, IsOk());
  const std::string forward_id = forwarded->forward().forward_id();

  auto admin = cs::common::v1::OutboxAdmin::NewStub(channel_);
  const auto list =
      [&](const char* token) -> absl::StatusOr<cs::common::v1::ListDeadLettersResponse> {
    grpc::ClientContext context;
    if (token != nullptr) common::AttachBearerToken(context, token);
    cs::common::v1::ListDeadLettersRequest request;
    request.set_destination("routing");
    cs::common::v1::ListDeadLettersResponse response;
    const grpc::Status status = admin->ListDeadLetters(&context, request, &response);
    if (!status.ok()) return common::FromGrpcStatus(status);
    return response;
  };
  const auto retry = [&](const std::string& message_id,
                         const char* token) -> absl::StatusOr<cs::common::v1::DeadLetter> {
    grpc::ClientContext context;
    if (token != nullptr) common::AttachBearerToken(context, token);
    cs::common::v1::RetryDeadLetterRequest request;
    request.set_message_id(message_id);
    cs::common::v1::RetryDeadLetterResponse response;
    const grpc::Status status = admin->RetryDeadLetter(&context, request, &response);
    if (!status.ok()) return common::FromGrpcStatus(status);
    return response.dead_letter();
  };

  ASSERT_TRUE(Eventually([&] {
    auto letters = list(kCenterToken);
    return letters.ok() && letters->dead_letters_size() == 1;
  }));
  EXPECT_EQ(routing_.calls(forward_id), 3);
  WaitForRounds("intake_outbox_relay");
  EXPECT_EQ(routing_.calls(forward_id), 3);  // no longer sent
  EXPECT_EQ(StatusOf(ticket_id), v1::TICKET_STATUS_FORWARDING);
  ASSERT_TRUE(Eventually([&] {
    return Metric("cs_intake_outbox_dead_letters", {{"destination", "routing"}}) == 1;
  }));
  EXPECT_EQ(Metric("cs_intake_outbox_dead_lettered_total", {{"destination", "routing"}}), 1);
  EXPECT_EQ(Metric("cs_intake_outbox_dead_letters", {{"destination", "archive"}}), 0);

  auto letters = list(kServiceToken);
  ASSERT_THAT(letters, IsOk());
  ASSERT_EQ(letters->dead_letters_size(), 1);
  const cs::common::v1::DeadLetter& letter = letters->dead_letters(0);
  EXPECT_EQ(letter.destination(), "routing");
  EXPECT_EQ(letter.kind(), "ReceiveForwardedTicket");
  EXPECT_EQ(letter.ordering_key(), absl::StrCat("ticket-", ticket_id));
  EXPECT_EQ(letter.blocked_messages(), 0);
  EXPECT_EQ(letter.attempts(), 3);
  EXPECT_THAT(letter.last_error(), AllOf(HasSubstr("INVALID_ARGUMENT"), HasSubstr("unknown unit")));
  EXPECT_TRUE(letter.has_dead_lettered_at());
  EXPECT_TRUE(letters->page().next_page_token().empty());

  // Operators only.
  EXPECT_THAT(list(kClerkToken), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(list(kOfficeToken), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(list(nullptr), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(retry(letter.message_id(), kClerkToken),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(retry("no-such-message", kCenterToken), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(retry("", kCenterToken),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("message_id")));

  // Routing fixed; the operator retries: delivered, receipt recorded, nothing left.
  routing_.set_mode(Mode::kAcknowledge);
  auto retried = retry(letter.message_id(), kCenterToken);
  ASSERT_THAT(retried, IsOk());
  EXPECT_EQ(retried->message_id(), letter.message_id());
  ASSERT_TRUE(Eventually([&] { return StatusOf(ticket_id) == v1::TICKET_STATUS_RECEIVED; }));
  EXPECT_THAT(routing_.stored(), UnorderedElementsAre(forward_id));
  auto after = list(kCenterToken);
  ASSERT_THAT(after, IsOk());
  EXPECT_EQ(after->dead_letters_size(), 0);
  EXPECT_THAT(retry(letter.message_id(), kCenterToken),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_TRUE(Eventually([&] {
    return Metric("cs_intake_outbox_dead_letters", {{"destination", "routing"}}) == 0;
  }));

  // Issue 16: the operator's retry is a change with its one audit row (the refused retries above
  // have none); audit_e2e_test exempts RetryDeadLetter for this proof.
  auto pool = database_->CreatePool(1);
  ASSERT_THAT(pool, IsOk());
  auto rows = common::db::RunInTransaction(
      **pool, [](common::db::Transaction& tx) -> absl::StatusOr<std::vector<std::string>> {
        auto select = tx.Prepare(
            "SELECT principal, role, request_id, target, result FROM audit_log "
            "WHERE method = 'RetryDeadLetter' ORDER BY id");
        std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
        std::vector<std::string> read;
        while (rs->next()) {
          read.push_back(absl::StrCat(common::db::StringColumn(*rs, "principal"), " ",
                                      common::db::StringColumn(*rs, "role"), " [",
                                      common::db::StringColumn(*rs, "request_id"), "] ",
                                      common::db::StringColumn(*rs, "target"), " ",
                                      common::db::StringColumn(*rs, "result")));
        }
        return read;
      });
  ASSERT_THAT(rows, IsOk());
  EXPECT_THAT(*rows, ::testing::ElementsAre(absl::StrCat("center CS_CENTER [] outbox message ",
                                                         letter.message_id(), " OK")));
}

TEST_F(IntakeIntegrationTest, I4_UnconfirmedForwardIsVisibleInListsAndGauge) {
  routing_.set_mode(Mode::kRefuse);
  auto created = Create(CompleteTicket(), "r");
  ASSERT_THAT(created, IsOk());
  ASSERT_THAT(Forward(created->ticket_id(), "f"), IsOk());
  v1::ListTicketsRequest awaiting;
  awaiting.set_awaiting_confirmation(true);
  auto listed = List(awaiting);
  ASSERT_THAT(listed, IsOk());
  ASSERT_THAT(listed->tickets(), SizeIs(1));
  v1::ListTicketsRequest overdue;
  overdue.set_confirm_overdue(true);
  auto none_overdue = List(overdue);
  ASSERT_THAT(none_overdue, IsOk());
  EXPECT_THAT(none_overdue->tickets(), SizeIs(0));

  clock().Advance(absl::Hours(2));  // Friday 12:00: past the 11:00 deadline
  auto now_overdue = List(overdue);
  ASSERT_THAT(now_overdue, IsOk());
  EXPECT_THAT(now_overdue->tickets(), SizeIs(1));
  EXPECT_TRUE(Eventually([&] {
    return Metric("cs_intake_tickets_awaiting_confirmation",
                  {{"unit", "broadband"}, {"stage", "forwarding"}, {"deadline_passed", "true"}}) ==
           1;
  }));
  EXPECT_TRUE(Eventually([&] {
    return Metric("cs_intake_receipt_deadlines_total",
                  {{"unit", "broadband"}, {"outcome", "missed"}}) == 1;
  }));
  EXPECT_GE(Metric("cs_intake_outbox_pending", {{"destination", "routing"}}), 1);
}

TEST_F(IntakeIntegrationTest, I5_DeadlinesMetAndMissedAcrossAWeekendAndAHoliday) {
  routing_.set_mode(Mode::kRefuse);
  // Friday 17:00: half an hour today, the deadline is Monday 09:30.
  clock().SetTime(ShanghaiTime(2026, 11, 27, 17, 0));
  auto friday = Create(CompleteTicket(), "friday");
  ASSERT_THAT(friday, IsOk());
  EXPECT_EQ(friday->confirm_deadline().at().seconds(),
            absl::ToUnixSeconds(ShanghaiTime(2026, 11, 30, 9, 30)));
  ASSERT_THAT(Forward(friday->ticket_id(), "f1"), IsOk());
  // Saturday, Sunday and Monday morning pass; at 09:20 on Monday routing comes back.
  clock().SetTime(ShanghaiTime(2026, 11, 30, 9, 20));
  WaitForRounds("intake_sweep");  // a whole sweep ran: nothing is missed yet
  routing_.set_mode(Mode::kAcknowledge);
  ASSERT_TRUE(
      Eventually([&] { return StatusOf(friday->ticket_id()) == v1::TICKET_STATUS_RECEIVED; }));
  auto confirmed = Get(friday->ticket_id());
  ASSERT_THAT(confirmed, IsOk());
  EXPECT_TRUE(confirmed->forward().deadline_met());

  // 30 Sep 16:45, before the National Day week: the deadline is 8 Oct 09:15.
  routing_.set_mode(Mode::kRefuse);
  clock().SetTime(ShanghaiTime(2026, 9, 30, 16, 45));
  auto holiday = Create(CompleteTicket(), "holiday");
  ASSERT_THAT(holiday, IsOk());
  EXPECT_EQ(holiday->confirm_deadline().at().seconds(),
            absl::ToUnixSeconds(ShanghaiTime(2026, 10, 8, 9, 15)));
  ASSERT_THAT(Forward(holiday->ticket_id(), "f2"), IsOk());
  clock().SetTime(ShanghaiTime(2026, 10, 8, 9, 45));
  ASSERT_TRUE(Eventually([&] {
    return Metric("cs_intake_receipt_deadlines_total",
                  {{"unit", "broadband"}, {"outcome", "missed"}}) == 1;
  }));
  routing_.set_mode(Mode::kAcknowledge);
  ASSERT_TRUE(
      Eventually([&] { return StatusOf(holiday->ticket_id()) == v1::TICKET_STATUS_RECEIVED; }));
  auto late = Get(holiday->ticket_id());
  ASSERT_THAT(late, IsOk());
  EXPECT_FALSE(late->forward().deadline_met());

  // One met, one missed — the late confirmation did not count the miss twice.
  WaitForRounds("intake_sweep");
  EXPECT_EQ(
      Metric("cs_intake_receipt_deadlines_total", {{"unit", "broadband"}, {"outcome", "met"}}), 1);
  EXPECT_EQ(
      Metric("cs_intake_receipt_deadlines_total", {{"unit", "broadband"}, {"outcome", "missed"}}),
      1);
  // Working time to confirmation: 30 min Friday + 20 min Monday = 3000 s; 45 min on 30 Sep + 45 min
  // on 8 Oct = 5400 s.
  EXPECT_EQ(Metric("cs_intake_receipt_confirmation_working_seconds_count", {{"unit", "broadband"}}),
            2);
  EXPECT_EQ(Metric("cs_intake_receipt_confirmation_working_seconds_sum", {{"unit", "broadband"}}),
            3000 + 5400);
}

TEST_F(IntakeIntegrationTest, I5_GetTicketShowsTheWorkingSecondsToConfirmThatWereObserved) {
  // Issue 10: received on Monday 2026-06-01 at 00:00:05, forwarded while routing is down, confirmed
  // at 10:04. Working time runs from 09:00, so the deadline is 10:00 and 64 minutes had passed.
  routing_.set_mode(Mode::kRefuse);
  clock().SetTime(ShanghaiTime(2026, 6, 1, 0, 0, 5));
  auto created = Create(CompleteTicket(), "midnight");
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->confirm_deadline().at().seconds(),
            absl::ToUnixSeconds(ShanghaiTime(2026, 6, 1, 10, 0)));
  auto forwarded = Forward(created->ticket_id(), "f");
  ASSERT_THAT(forwarded, IsOk());
  EXPECT_EQ(forwarded->forward().working_seconds_to_confirm(), 0);
  const std::string forward_id = forwarded->forward().forward_id();
  ASSERT_TRUE(Eventually([&] { return routing_.calls(forward_id) >= 1; }));

  // The test clock stands still between moves, so the confirmation is at 10:04 exactly.
  clock().SetTime(ShanghaiTime(2026, 6, 1, 10, 4));
  routing_.set_mode(Mode::kAcknowledge);
  ASSERT_TRUE(
      Eventually([&] { return StatusOf(created->ticket_id()) == v1::TICKET_STATUS_RECEIVED; }));
  auto confirmed = Get(created->ticket_id());
  ASSERT_THAT(confirmed, IsOk());
  EXPECT_EQ(confirmed->forward().confirmed_at().seconds(),
            absl::ToUnixSeconds(ShanghaiTime(2026, 6, 1, 10, 4)));
  EXPECT_EQ(confirmed->forward().working_seconds_to_confirm(), 3840);
  EXPECT_FALSE(confirmed->forward().deadline_met());
  // The list shows the same, and so does the histogram.
  auto listed = List(v1::ListTicketsRequest());
  ASSERT_THAT(listed, IsOk());
  ASSERT_THAT(listed->tickets(), SizeIs(1));
  EXPECT_EQ(listed->tickets(0).forward().working_seconds_to_confirm(), 3840);
  EXPECT_EQ(Metric("cs_intake_receipt_confirmation_working_seconds_sum", {{"unit", "broadband"}}),
            3840);
}

TEST_F(IntakeIntegrationTest, V1_OutcomesAreAppliedOnceAndTheClosedRecordIsArchivedOnce) {
  auto created = Create(CompleteTicket(), "r");
  ASSERT_THAT(created, IsOk());
  auto forwarded = Forward(created->ticket_id(), "f");
  ASSERT_THAT(forwarded, IsOk());
  ASSERT_TRUE(
      Eventually([&] { return StatusOf(created->ticket_id()) == v1::TICKET_STATUS_RECEIVED; }));

  v1::ReportTicketOutcomeRequest dispatch;
  dispatch.set_message_id("7d0b1c2e-0000-4000-8000-000000000001");
  dispatch.set_ticket_id(created->ticket_id());
  dispatch.set_forward_id(forwarded->forward().forward_id());
  dispatch.set_outcome(v1::OUTCOME_KIND_INTERNAL_DISPATCH);
  dispatch.set_handling_department("broadband");
  *dispatch.mutable_handling_deadline() = created->received_at();
  dispatch.set_actor("desk-clerk");
  auto applied = Report(dispatch);
  ASSERT_THAT(applied, IsOk());
  EXPECT_TRUE(applied->applied());
  auto again = Report(dispatch);
  ASSERT_THAT(again, IsOk());
  EXPECT_FALSE(again->applied());
  EXPECT_EQ(StatusOf(created->ticket_id()), v1::TICKET_STATUS_IN_HANDLING);

  v1::ReportTicketOutcomeRequest replied = dispatch;
  replied.set_message_id("7d0b1c2e-0000-4000-8000-000000000002");
  replied.set_outcome(v1::OUTCOME_KIND_REPLIED);
  replied.set_reply_text("您好！您的宽带故障已修复。");
  replied.set_reply_channel(cs::common::v1::REPLY_CHANNEL_SMS);
  replied.set_replied_by("broadband");
  ASSERT_THAT(Report(replied), IsOk());
  EXPECT_EQ(StatusOf(created->ticket_id()), v1::TICKET_STATUS_REPLIED);

  v1::CloseTicketRequest close;
  close.set_ticket_id(created->ticket_id());
  close.set_request_id("close-1");
  auto closed = Call(&v1::IntakeService::Stub::CloseTicket, close);
  ASSERT_THAT(closed, IsOk());
  EXPECT_EQ(closed->status(), v1::TICKET_STATUS_CLOSED);
  ASSERT_TRUE(Eventually([&] { return archive_.records().size() == 1; }));
  ASSERT_THAT(Call(&v1::IntakeService::Stub::CloseTicket, close), IsOk());  // a retry
  WaitForRounds("intake_outbox_relay");
  auto records = archive_.records();
  ASSERT_THAT(records, SizeIs(1));
  EXPECT_EQ(archive_.calls(), 1);
  const v1::Ticket& archived = records[0].ticket();
  EXPECT_EQ(archived.ticket_id(), created->ticket_id());
  EXPECT_EQ(archived.status(), v1::TICKET_STATUS_CLOSED);
  std::vector<std::string> events;
  for (const auto& entry : archived.history()) events.push_back(entry.event());
  EXPECT_THAT(events, Contains("RECEIPT_CONFIRMED"));
  EXPECT_EQ(std::count(events.begin(), events.end(), "OUTCOME"), 2);
  ASSERT_THAT(archived.replies(), SizeIs(1));
  EXPECT_EQ(archived.replies(0).text(), "您好！您的宽带故障已修复。");
  EXPECT_EQ(records[0].unit_name(), "宽带业务中心");
  EXPECT_EQ(records[0].time_zone(), "Asia/Shanghai");
}

TEST_F(IntakeIntegrationTest, R4_ReturnedTicketIsCorrectedAndForwardedAgain) {
  auto created = Create(CompleteTicket(), "r");
  ASSERT_THAT(created, IsOk());
  auto forwarded = Forward(created->ticket_id(), "f");
  ASSERT_THAT(forwarded, IsOk());
  ASSERT_TRUE(
      Eventually([&] { return StatusOf(created->ticket_id()) == v1::TICKET_STATUS_RECEIVED; }));
  v1::ReportTicketOutcomeRequest returned;
  returned.set_message_id("7d0b1c2e-0000-4000-8000-000000000003");
  returned.set_ticket_id(created->ticket_id());
  returned.set_forward_id(forwarded->forward().forward_id());
  returned.set_outcome(v1::OUTCOME_KIND_RETURN);
  returned.set_return_reason(v1::RETURN_REASON_CONTENT_INCORRECT);
  returned.add_fields_at_fault("device_number");
  ASSERT_THAT(Report(returned), IsOk());
  auto back = Get(created->ticket_id());
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->status(), v1::TICKET_STATUS_RETURNED);
  EXPECT_EQ(back->fields_at_fault(0), "device_number");

  v1::UpdateTicketRequest fix;
  fix.set_ticket_id(created->ticket_id());
  fix.mutable_ticket()->set_device_number("021-5888 9999");
  fix.mutable_update_mask()->add_paths("device_number");
  ASSERT_THAT(Call(&v1::IntakeService::Stub::UpdateTicket, fix), IsOk());
  auto again = Forward(created->ticket_id(), "f-second");
  ASSERT_THAT(again, IsOk());
  EXPECT_NE(again->forward().forward_id(), forwarded->forward().forward_id());
  ASSERT_TRUE(
      Eventually([&] { return StatusOf(created->ticket_id()) == v1::TICKET_STATUS_RECEIVED; }));
  EXPECT_THAT(routing_.stored(), SizeIs(2));
}

// SPEC I5 for the assessment, through real gRPC and MariaDB: tickets counted in the Shanghai month
// of their first forward — the one forwarded on November's last evening in November, the one at
// 00:30 on 1 December (30 November in UTC) in December — on time or late by their own deadline, the
// unconfirmed ones as of the moment asked.
TEST_F(IntakeIntegrationTest, I5_MonthlyForwardingStatisticsCountOnTimeLateAndUnconfirmed) {
  // Friday 27 Nov 10:00 (the fixture's start), routing down until 12:00: the 11:00 deadline is
  // missed, the confirmation is late.
  routing_.set_mode(Mode::kRefuse);
  const int64_t late = CreateAndForward("late");
  clock().SetTime(ShanghaiTime(2026, 11, 27, 12, 0));
  routing_.set_mode(Mode::kAcknowledge);
  ASSERT_TRUE(Eventually([&] { return StatusOf(late) == v1::TICKET_STATUS_RECEIVED; }));
  // Routing up: confirmed at once; then answered and closed in November.
  const int64_t on_time = CreateAndForward("on-time");
  ASSERT_TRUE(Eventually([&] { return StatusOf(on_time) == v1::TICKET_STATUS_RECEIVED; }));
  auto received = Get(on_time);
  ASSERT_THAT(received, IsOk());
  v1::ReportTicketOutcomeRequest replied;
  replied.set_message_id("7d0b1c2e-0000-4000-8000-0000000000a1");
  replied.set_ticket_id(on_time);
  replied.set_forward_id(received->forward().forward_id());
  replied.set_outcome(v1::OUTCOME_KIND_REPLIED);
  replied.set_reply_text("已处理");
  ASSERT_THAT(Report(replied), IsOk());
  v1::CloseTicketRequest close;
  close.set_request_id("close-on-time");
  close.set_ticket_id(on_time);
  ASSERT_THAT(Call(&v1::IntakeService::Stub::CloseTicket, close), IsOk());
  // Monday 30 Nov 20:00, November's last evening: confirmed at once.
  clock().SetTime(ShanghaiTime(2026, 11, 30, 20, 0));
  const int64_t last_evening = CreateAndForward("last-evening");
  ASSERT_TRUE(Eventually([&] { return StatusOf(last_evening) == v1::TICKET_STATUS_RECEIVED; }));
  // 20:30, routing down: unconfirmed, its deadline Tuesday 1 Dec 10:00.
  routing_.set_mode(Mode::kRefuse);
  clock().SetTime(ShanghaiTime(2026, 11, 30, 20, 30));
  const int64_t waiting = CreateAndForward("waiting");
  auto forwarding = Get(waiting);
  ASSERT_THAT(forwarding, IsOk());
  EXPECT_EQ(forwarding->forward().confirm_deadline().at().seconds(),
            absl::ToUnixSeconds(ShanghaiTime(2026, 12, 1, 10, 0)));
  // 1 Dec 00:30 in Shanghai, 30 Nov 16:30 UTC.
  clock().SetTime(ShanghaiTime(2026, 12, 1, 0, 30));
  CreateAndForward("december");

  auto november = Statistics("broadband", "2026-11");
  ASSERT_THAT(november, IsOk());
  EXPECT_EQ(november->unit_id(), "broadband");
  EXPECT_EQ(november->month(), "2026-11");
  EXPECT_EQ(november->as_of().seconds(), absl::ToUnixSeconds(ShanghaiTime(2026, 12, 1, 0, 30)));
  EXPECT_EQ(november->recorded(), 4);
  EXPECT_EQ(november->forwarded(), 4);
  EXPECT_EQ(november->confirmed_on_time(), 2);
  EXPECT_EQ(november->confirmed_late(), 1);
  EXPECT_EQ(november->unconfirmed_deadline_passed(), 0);
  EXPECT_EQ(november->unconfirmed_deadline_not_passed(), 1);
  EXPECT_EQ(november->special_requests(), 0);
  EXPECT_EQ(november->closed(), 1);
  auto december = Statistics("broadband", "2026-12");
  ASSERT_THAT(december, IsOk());
  EXPECT_EQ(december->recorded(), 1);
  EXPECT_EQ(december->forwarded(), 1);
  EXPECT_EQ(december->unconfirmed_deadline_not_passed(), 1);
  EXPECT_EQ(december->closed(), 0);

  // Tuesday 10:30: the waiting ticket's deadline has passed.
  clock().SetTime(ShanghaiTime(2026, 12, 1, 10, 30));
  november = Statistics("broadband", "2026-11");
  ASSERT_THAT(november, IsOk());
  EXPECT_EQ(november->unconfirmed_deadline_passed(), 1);
  EXPECT_EQ(november->unconfirmed_deadline_not_passed(), 0);
  EXPECT_EQ(november->confirmed_on_time() + november->confirmed_late(), 3);
}

std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& violation : common::ViolationsOf(status)) fields.push_back(violation.field);
  return fields;
}

TEST_F(IntakeIntegrationTest, I5_MonthlyForwardingStatisticsAccess) {
  ASSERT_THAT(Create(CompleteTicket(), "r"), IsOk());
  for (const char* token : {kServiceToken, kCenterToken, kOfficeToken, kClerkToken}) {
    auto stats = Statistics("broadband", "2026-11", token);
    ASSERT_THAT(stats, IsOk()) << token;
    EXPECT_EQ(stats->recorded(), 1) << token;
  }
  auto own = Statistics("", "2026-11", kPortalToken);
  ASSERT_THAT(own, IsOk());
  EXPECT_EQ(own->unit_id(), "portal");
  EXPECT_EQ(own->recorded(), 0);
  EXPECT_THAT(Statistics("broadband", "2026-11", kPortalToken),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Statistics("broadband", "2026-11", nullptr),
              StatusIs(absl::StatusCode::kUnauthenticated));
  auto no_unit = Statistics("", "2026-11", kServiceToken);
  EXPECT_THAT(no_unit, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(no_unit.status()), ::testing::ElementsAre("unit_id"));
  auto unknown = Statistics("nowhere", "2026-11", kCenterToken);
  EXPECT_THAT(unknown, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(unknown.status()), ::testing::ElementsAre("unit_id"));
  auto bad_month = Statistics("broadband", "2026-13", kOfficeToken);
  EXPECT_THAT(bad_month, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(bad_month.status()), ::testing::ElementsAre("month"));
}

}  // namespace
}  // namespace cs::intake

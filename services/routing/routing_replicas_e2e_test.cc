// Two routing processes on one database (ARCHITECTURE: replicas coordinate through the database
// only): every forward is received once whichever replica intake's retries reach, and every
// supervision reminder is written and sent once although both replicas supervise (SPEC I4, R6).
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/api/proto_time.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "common/testclock/test_clock_client.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/service_process.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/wait_for.h"
#include "common/time/calendar_testing.h"
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
using ::testing::SizeIs;

const absl::Time kStart = ShanghaiTime(2026, 3, 2, 10, 0);
constexpr int kTickets = 16;

class RoutingReplicasE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string dir = ::testing::TempDir();
    const std::string tokens = absl::StrCat(dir, "/routing_replicas_tokens.textproto");
    ASSERT_TRUE(testing::WriteTestTokenFile(tokens));
    ASSERT_OK_AND_ASSIGN(database_, common::testing::TestDatabase::Create());
    // Nobody listens there: outcome reports wait in the shared outbox, which is not under test
    // here.
    ASSERT_OK_AND_ASSIGN(const int no_intake, common::testing::PickFreePort());
    const common::db::MySqlOptions& db = database_->options();
    for (int replica = 0; replica < 2; ++replica) {
      ASSERT_OK_AND_ASSIGN(const int grpc_port, common::testing::PickFreePort());
      ASSERT_OK_AND_ASSIGN(const int metrics_port, common::testing::PickFreePort());
      metrics_ports_.push_back(metrics_port);
      std::vector<std::string> args = {
          "--grpc_address=127.0.0.1",
          absl::StrCat("--grpc_port=", grpc_port),
          "--metrics_address=127.0.0.1",
          absl::StrCat("--metrics_port=", metrics_port),
          absl::StrCat("--config_dir=", CS_SOURCE_DIR, "/deploy/config"),
          absl::StrCat("--tokens_file=", tokens),
          "--test_clock",
          "--shutdown_grace=2s",
          absl::StrCat("--intake_address=127.0.0.1:", no_intake),
          "--supervision_interval=50ms",
          absl::StrCat("--mysql_host=", db.host),
          absl::StrCat("--mysql_port=", db.port),
          absl::StrCat("--mysql_user=", db.user),
          absl::StrCat("--mysql_password=", db.password),
          absl::StrCat("--mysql_database=", db.database),
          "--mysql_pool_size=6"};
      ASSERT_OK_AND_ASSIGN(
          std::unique_ptr<ServiceProcess> process,
          ServiceProcess::Start(CS_ROUTING_BINARY, args,
                                absl::StrCat(dir, "/routing_replica_", replica, ".log")));
      ASSERT_THAT(process->WaitUntilServing(grpc_port), IsOk());
      auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", grpc_port),
                                         grpc::InsecureChannelCredentials());
      stubs_.push_back(v1::RoutingService::NewStub(channel));
      channels_.push_back(channel);
      replicas_.push_back(std::move(process));
    }
    SetClocks(kStart, /*allow_backwards=*/true);
  }

  void TearDown() override {
    for (auto& replica : replicas_) EXPECT_EQ(replica->Stop(), 0) << replica->LogTail();
  }

  void SetClocks(absl::Time time, bool allow_backwards = false) {
    for (const auto& channel : channels_) {
      common::TestClockClient clock(channel, std::string(testing::kCenterToken));
      ASSERT_THAT(clock.SetTime(time, allow_backwards), IsOk());
    }
  }

  template <typename Request, typename Response>
  absl::StatusOr<Response> Call(int replica,
                                grpc::Status (v1::RoutingService::Stub::*method)(
                                    grpc::ClientContext*, const Request&, Response*),
                                const Request& request, absl::string_view token) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    common::AttachBearerToken(context, token);
    Response response;
    grpc::Status status = (stubs_[replica].get()->*method)(&context, request, &response);
    if (!status.ok()) return common::FromGrpcStatus(status);
    return response;
  }

  static v1::ReceiveForwardedTicketRequest Forward(int64_t ticket_id) {
    v1::ReceiveForwardedTicketRequest request;
    request.set_forward_id(absl::StrCat("F", ticket_id, "-1"));
    v1::ForwardedTicket* t = request.mutable_ticket();
    t->set_ticket_id(ticket_id);
    t->set_origin_unit_id("portal");
    t->set_kind(cs::common::v1::TICKET_KIND_FAULT_REPORT);
    t->set_channel(cs::common::v1::CHANNEL_EMAIL);
    t->set_problem("家里宽带经常断网");
    t->set_device_number("02112345678");
    t->set_contact_phone("13800000000");
    t->set_contact_person("张三");
    t->set_email("zhang@example.com");
    *t->mutable_received_at() = common::ToProtoTimestamp(kStart - absl::Minutes(20));
    return request;
  }

  std::vector<v1::DispatchOrder> Orders(int replica) {
    v1::ListDispatchOrdersRequest list;
    list.mutable_page()->set_page_size(100);
    absl::StatusOr<v1::ListDispatchOrdersResponse> response =
        Call(replica, &v1::RoutingService::Stub::ListDispatchOrders, list, testing::kCenterToken);
    EXPECT_THAT(response, IsOk());
    if (!response.ok()) return {};
    return {response->orders().begin(), response->orders().end()};
  }

  int64_t RemindersSent(int replica) {
    int64_t total = 0;
    for (const v1::DispatchOrder& order : Orders(replica)) total += order.reminders_sent();
    return total;
  }

  // Both replicas complete two more supervision rounds (each one whole round after the call).
  void WaitForSupervisionRounds() {
    for (int replica = 0; replica < 2; ++replica) {
      EXPECT_OK(common::testing::WaitForRounds(
          "routing_sweep",
          common::testing::ScrapedWorkerRounds(metrics_ports_[replica], "routing_sweep")));
    }
  }

  double RemindersCounted(int replica) {
    absl::StatusOr<std::string> text =
        common::testing::HttpGet(metrics_ports_[replica], "/metrics");
    EXPECT_THAT(text, IsOk());
    if (!text.ok()) return -1;
    return common::testing::SumSamples(*text, "cs_routing_reminders_total").value_or(-1);
  }

  std::unique_ptr<common::testing::TestDatabase> database_;
  std::vector<std::unique_ptr<ServiceProcess>> replicas_;
  std::vector<int> metrics_ports_;
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
  std::vector<std::unique_ptr<v1::RoutingService::Stub>> stubs_;
};

TEST_F(RoutingReplicasE2eTest, I4_EveryForwardIsReceivedOnceAcrossReplicas) {
  // Intake's retries of one forward may reach either replica, even at the same moment.
  struct Answer {
    int64_t ticket_id;
    absl::StatusOr<v1::Receipt> receipt;
  };
  absl::Mutex mutex;
  std::vector<Answer> answers;
  std::vector<std::thread> threads;
  for (int worker = 0; worker < 4; ++worker) {
    threads.emplace_back([&, worker] {
      for (int64_t ticket = 1; ticket <= kTickets; ++ticket) {
        absl::StatusOr<v1::Receipt> receipt =
            Call(worker % 2, &v1::RoutingService::Stub::ReceiveForwardedTicket, Forward(ticket),
                 testing::kIntakeToken);
        absl::MutexLock lock(&mutex);
        answers.push_back({ticket, std::move(receipt)});
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_THAT(answers, SizeIs(4 * kTickets));
  std::map<int64_t, std::string> receipt_of;
  std::map<int64_t, int> firsts;
  for (const Answer& answer : answers) {
    ASSERT_THAT(answer.receipt, IsOk());
    auto [it, inserted] = receipt_of.emplace(answer.ticket_id, answer.receipt->receipt_id());
    EXPECT_EQ(it->second, answer.receipt->receipt_id()) << "ticket " << answer.ticket_id;
    firsts[answer.ticket_id] += answer.receipt->duplicate() ? 0 : 1;
  }
  for (int64_t ticket = 1; ticket <= kTickets; ++ticket) {
    EXPECT_EQ(firsts[ticket], 1) << "ticket " << ticket << " was received more than once";
  }
  for (int replica = 0; replica < 2; ++replica) {
    v1::ListRoutedTicketsRequest list;
    list.mutable_page()->set_page_size(100);
    ASSERT_OK_AND_ASSIGN(
        v1::ListRoutedTicketsResponse listed,
        Call(replica, &v1::RoutingService::Stub::ListRoutedTickets, list, testing::kDeskToken));
    EXPECT_THAT(listed.routed_tickets(), SizeIs(kTickets));
  }
}

TEST_F(RoutingReplicasE2eTest, R6_EveryReminderIsSentOnceAlthoughBothReplicasSupervise) {
  for (int64_t ticket = 1; ticket <= kTickets; ++ticket) {
    const int replica = static_cast<int>(ticket % 2);
    ASSERT_THAT(Call(replica, &v1::RoutingService::Stub::ReceiveForwardedTicket, Forward(ticket),
                     testing::kIntakeToken),
                IsOk());
  }
  v1::ListRoutedTicketsRequest list;
  list.mutable_page()->set_page_size(100);
  ASSERT_OK_AND_ASSIGN(
      v1::ListRoutedTicketsResponse listed,
      Call(0, &v1::RoutingService::Stub::ListRoutedTickets, list, testing::kDeskToken));
  ASSERT_THAT(listed.routed_tickets(), SizeIs(kTickets));
  int replica = 0;
  for (const v1::RoutedTicket& routed : listed.routed_tickets()) {
    v1::DecideTicketRequest decide;
    decide.set_request_id(absl::StrCat("decide-", routed.routed_ticket_id()));
    decide.set_routed_ticket_id(routed.routed_ticket_id());
    decide.set_decision(v1::DECISION_INTERNAL_DISPATCH);
    decide.set_unit_id("broadband");
    ASSERT_THAT(Call(replica, &v1::RoutingService::Stub::DecideTicket, decide, testing::kDeskToken),
                IsOk());
    replica = 1 - replica;
  }
  // Fault reports: due Tuesday 17:30. Wednesday 09:00 every order is overdue on both replicas.
  SetClocks(ShanghaiTime(2026, 3, 4, 9, 0));
  EXPECT_OK(common::testing::WaitFor("a reminder for every order",
                                     [&] { return RemindersSent(0) == kTickets; }))
      << RemindersSent(0) << " reminders";
  // More whole supervision rounds on both replicas: nothing is reminded twice.
  WaitForSupervisionRounds();
  for (const v1::DispatchOrder& order : Orders(1)) {
    EXPECT_EQ(order.reminders_sent(), 1) << "order " << order.order_id();
    EXPECT_THAT(order.reminders(), SizeIs(1)) << "order " << order.order_id();
  }
  EXPECT_EQ(RemindersCounted(0) + RemindersCounted(1), kTickets);
  v1::ListDeliveriesRequest reminders;
  reminders.set_purpose(v1::DELIVERY_PURPOSE_OVERDUE_REMINDER);
  reminders.mutable_page()->set_page_size(100);
  ASSERT_OK_AND_ASSIGN(
      v1::ListDeliveriesResponse sent,
      Call(1, &v1::RoutingService::Stub::ListDeliveries, reminders, testing::kCenterToken));
  EXPECT_THAT(sent.deliveries(), SizeIs(kTickets));

  // Four working hours later (14:00) the second round: again exactly one each.
  SetClocks(ShanghaiTime(2026, 3, 4, 14, 0));
  EXPECT_OK(common::testing::WaitFor("a second reminder for every order",
                                     [&] { return RemindersSent(1) == 2 * kTickets; }))
      << RemindersSent(1) << " reminders";
  WaitForSupervisionRounds();
  for (const v1::DispatchOrder& order : Orders(0)) {
    EXPECT_EQ(order.reminders_sent(), 2) << "order " << order.order_id();
    EXPECT_THAT(order.reminders(), SizeIs(2)) << "order " << order.order_id();
  }
  EXPECT_EQ(RemindersCounted(0) + RemindersCounted(1), 2 * kTickets);
}

}  // namespace
}  // namespace cs::routing

// The real intake binary, killed while forwards are pending and started again: every confirmed
// forward is still delivered, receipt is recorded once per ticket, nothing is lost (SPEC I4:
// "nothing confirmed to a caller is lost"). Runs the deployed executable with its flags against the
// real MariaDB.
#include <fstream>
#include <memory>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "common/hash/sha256.h"
#include "common/testing/service_process.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/wait_for.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "services/intake/testing/stand_in_peers.h"

namespace cs::intake {
namespace {

using ::cs::common::testing::IsOk;
using ::testing::SizeIs;
using Mode = testing::StandInRouting::Mode;

constexpr char kClerkToken[] = "e2e-clerk-token";
constexpr char kServiceToken[] = "e2e-service-token";

void WriteFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

class IntakeRestartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database = common::testing::TestDatabase::Create();
    ASSERT_THAT(database, IsOk());
    database_ = *std::move(database);
    routing_server_ = std::make_unique<testing::LoopbackServer>(&routing_);
    const std::string dir = ::testing::TempDir();
    const std::string tokens = absl::StrCat(dir, "/intake_e2e_tokens.textproto");
    WriteFile(tokens, absl::StrCat("tokens { token_sha256: \"", common::Sha256Hex(kClerkToken),
                                   "\" user: \"clerk\" role: ROLE_UNIT_STAFF unit_id: "
                                   "\"broadband\" }\n"));
    const std::string service_token = absl::StrCat(dir, "/intake_e2e_service_token");
    WriteFile(service_token, kServiceToken);
    auto port = common::testing::PickFreePort();
    ASSERT_THAT(port, IsOk());
    port_ = *port;
    const common::db::MySqlOptions& db = database_->options();
    auto process = common::testing::ServiceProcess::Start(
        CS_INTAKE_BINARY,
        {absl::StrCat("--grpc_port=", port_), "--grpc_address=127.0.0.1", "--metrics_port=0",
         "--metrics_address=127.0.0.1", absl::StrCat("--mysql_host=", db.host),
         absl::StrCat("--mysql_port=", db.port), absl::StrCat("--mysql_user=", db.user),
         absl::StrCat("--mysql_password=", db.password),
         absl::StrCat("--mysql_database=", db.database),
         absl::StrCat("--config_dir=", CS_SOURCE_DIR, "/deploy/config"),
         absl::StrCat("--tokens_file=", tokens),
         absl::StrCat("--routing_address=", routing_server_->address()),
         absl::StrCat("--service_token_file=", service_token), "--relay_poll_interval=100ms",
         "--relay_initial_backoff=50ms", "--relay_max_backoff=200ms"},
        absl::StrCat(dir, "/intake_e2e.log"));
    ASSERT_THAT(process, IsOk());
    intake_ = *std::move(process);
    ASSERT_OK(intake_->WaitUntilServing(port_));
    stub_ = v1::IntakeService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port_), grpc::InsecureChannelCredentials()));
  }

  template <typename Request>
  absl::StatusOr<v1::Ticket> Call(grpc::Status (v1::IntakeService::Stub::*method)(
                                      grpc::ClientContext*, const Request&, v1::Ticket*),
                                  const Request& request) {
    grpc::ClientContext context;
    common::AttachBearerToken(context, kClerkToken);
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    v1::Ticket response;
    grpc::Status status = (stub_.get()->*method)(&context, request, &response);
    if (!status.ok()) return common::FromGrpcStatus(status);
    return response;
  }

  std::unique_ptr<common::testing::TestDatabase> database_;
  testing::StandInRouting routing_;
  std::unique_ptr<testing::LoopbackServer> routing_server_;
  int port_ = 0;
  std::unique_ptr<common::testing::ServiceProcess> intake_;
  std::unique_ptr<v1::IntakeService::Stub> stub_;
};

TEST_F(IntakeRestartTest, I4_PendingForwardsAreDeliveredAfterACrashAndRestart) {
  routing_.set_mode(Mode::kRefuse);
  constexpr int kTickets = 20;
  std::vector<int64_t> ids;
  for (int i = 0; i < kTickets; ++i) {
    v1::CreateTicketRequest create;
    create.set_request_id(absl::StrCat("e2e-", i));
    v1::TicketInput* t = create.mutable_ticket();
    t->set_unit_id("broadband");
    t->set_kind(cs::common::v1::TICKET_KIND_CONSULTATION);
    t->set_channel(cs::common::v1::CHANNEL_EMAIL);
    t->set_problem(absl::StrCat("问题 ", i));
    t->set_device_number("021-5888 1234");
    t->set_contact_phone("13800138000");
    t->set_contact_person("用户");
    auto created = Call(&v1::IntakeService::Stub::CreateTicket, create);
    ASSERT_THAT(created, IsOk());
    v1::ForwardTicketRequest forward;
    forward.set_request_id(absl::StrCat("e2e-forward-", i));
    forward.set_ticket_id(created->ticket_id());
    ASSERT_THAT(Call(&v1::IntakeService::Stub::ForwardTicket, forward), IsOk());
    ids.push_back(created->ticket_id());
  }
  // The process dies without warning while every forward waits for the designated unit.
  intake_->Kill();
  routing_.set_mode(Mode::kAcknowledge);

  ASSERT_OK(intake_->Restart());
  ASSERT_OK(intake_->WaitUntilServing(port_));
  std::set<int64_t> received;
  EXPECT_OK(common::testing::WaitFor("every forward to be confirmed", [&] {
    for (int64_t id : ids) {
      v1::GetTicketRequest get;
      get.set_ticket_id(id);
      auto ticket = Call(&v1::IntakeService::Stub::GetTicket, get);
      if (ticket.ok() && ticket->status() == v1::TICKET_STATUS_RECEIVED) received.insert(id);
    }
    return static_cast<int>(received.size()) >= kTickets;
  }));
  EXPECT_THAT(received, SizeIs(kTickets));
  EXPECT_THAT(routing_.stored(), SizeIs(kTickets));  // each forward reached routing once
  // A graceful stop ends with exit code 0.
  EXPECT_EQ(intake_->Stop(), 0) << intake_->LogTail();
}

}  // namespace
}  // namespace cs::intake

// SPEC I5 seen from the operator's side: the real intake binary (test clock, real MariaDB) scraped
// by a real Prometheus server with the project's rules (deploy/prometheus/rules/intake.yml). A
// unit's very first missed confirmation after a start must fire IntakeReceiptDeadlineMissed, which
// takes increase() of cs_intake_receipt_deadlines_total: that only works when the series existed at
// 0 before the miss, so intake must export it for every unit from the start.
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "common/hash/sha256.h"
#include "common/testclock/test_clock_client.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/prometheus_server.h"
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
using ::cs::common::testing::PrometheusAlert;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;

constexpr char kClerkToken[] = "sla-e2e-clerk-token";
constexpr char kServiceToken[] = "sla-e2e-service-token";
constexpr char kMissedSeries[] =
    R"(cs_intake_receipt_deadlines_total{unit="broadband",special_request="false",outcome="missed"})";

void WriteFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

absl::Time ShanghaiTime(int year, int month, int day, int hour, int minute) {
  absl::TimeZone shanghai;
  EXPECT_TRUE(absl::LoadTimeZone("Asia/Shanghai", &shanghai));
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute), shanghai);
}

class IntakeSlaAlertTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database = common::testing::TestDatabase::Create();
    ASSERT_THAT(database, IsOk());
    database_ = *std::move(database);
    // The designated unit is down: the forward stays unconfirmed.
    routing_.set_mode(testing::StandInRouting::Mode::kRefuse);
    routing_server_ = std::make_unique<testing::LoopbackServer>(&routing_);
    auto grpc_port = common::testing::PickFreePort();
    auto metrics_port = common::testing::PickFreePort();
    ASSERT_THAT(grpc_port, IsOk());
    ASSERT_THAT(metrics_port, IsOk());
    grpc_port_ = *grpc_port;
    metrics_port_ = *metrics_port;

    // Prometheus first: it scrapes a new target only some seconds after it starts, time that
    // intake's start then overlaps.
    common::testing::PrometheusOptions prometheus;
    prometheus.targets = {{absl::StrCat("127.0.0.1:", metrics_port_), {{"service", "intake"}}}};
    prometheus.rule_files = {absl::StrCat(CS_SOURCE_DIR, "/deploy/prometheus/rules/intake.yml")};
    auto prometheus_server = common::testing::PrometheusServer::Start(prometheus);
    ASSERT_THAT(prometheus_server, IsOk());
    prometheus_ = *std::move(prometheus_server);

    const std::string dir = ::testing::TempDir();
    const std::string tokens = absl::StrCat(dir, "/intake_sla_e2e_tokens.textproto");
    WriteFile(tokens, absl::StrCat("tokens { token_sha256: \"", common::Sha256Hex(kClerkToken),
                                   "\" user: \"clerk\" role: ROLE_UNIT_STAFF unit_id: "
                                   "\"broadband\" }\n"));
    const std::string service_token = absl::StrCat(dir, "/intake_sla_e2e_service_token");
    WriteFile(service_token, kServiceToken);
    const common::db::MySqlOptions& db = database_->options();
    auto process = common::testing::ServiceProcess::Start(
        CS_INTAKE_BINARY,
        {absl::StrCat("--grpc_port=", grpc_port_), "--grpc_address=127.0.0.1",
         absl::StrCat("--metrics_port=", metrics_port_), "--metrics_address=127.0.0.1",
         absl::StrCat("--mysql_host=", db.host), absl::StrCat("--mysql_port=", db.port),
         absl::StrCat("--mysql_user=", db.user), absl::StrCat("--mysql_password=", db.password),
         absl::StrCat("--mysql_database=", db.database),
         absl::StrCat("--config_dir=", CS_SOURCE_DIR, "/deploy/config"),
         absl::StrCat("--tokens_file=", tokens),
         absl::StrCat("--routing_address=", routing_server_->address()),
         absl::StrCat("--service_token_file=", service_token), "--test_clock",
         "--sla_sweep_interval=100ms", "--relay_poll_interval=100ms",
         "--relay_initial_backoff=50ms", "--relay_max_backoff=200ms"},
        absl::StrCat(dir, "/intake_sla_e2e.log"));
    ASSERT_THAT(process, IsOk());
    intake_ = *std::move(process);
    ASSERT_OK(intake_->WaitUntilServing(grpc_port_));
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", grpc_port_),
                                   grpc::InsecureChannelCredentials());
    stub_ = v1::IntakeService::NewStub(channel_);
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

  // Intake's own count of broadband's missed deadlines, read from its /metrics.
  double MissedOnIntake() {
    auto text = common::testing::HttpGet(metrics_port_, "/metrics");
    if (!text.ok()) return -1;
    auto value = common::testing::SumSamples(
        *text, "cs_intake_receipt_deadlines_total",
        {{"unit", "broadband"}, {"special_request", "false"}, {"outcome", "missed"}});
    return value.value_or(-1);
  }

  std::unique_ptr<common::testing::TestDatabase> database_;
  testing::StandInRouting routing_;
  std::unique_ptr<testing::LoopbackServer> routing_server_;
  int grpc_port_ = 0;
  int metrics_port_ = 0;
  std::unique_ptr<common::testing::PrometheusServer> prometheus_;
  std::unique_ptr<common::testing::ServiceProcess> intake_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IntakeService::Stub> stub_;
};

TEST_F(IntakeSlaAlertTest, I5_AUnitsFirstMissAfterAStartFiresIntakeReceiptDeadlineMissed) {
  // Friday 10:00 in Shanghai: the confirmation is due within 1 working hour, at 11:00.
  common::TestClockClient clock(channel_, kClerkToken);
  ASSERT_THAT(clock.SetTime(ShanghaiTime(2026, 11, 27, 10, 0), /*allow_backwards=*/true), IsOk());
  v1::CreateTicketRequest create;
  create.set_request_id("sla-e2e-create");
  v1::TicketInput* t = create.mutable_ticket();
  t->set_unit_id("broadband");
  t->set_kind(cs::common::v1::TICKET_KIND_CONSULTATION);
  t->set_channel(cs::common::v1::CHANNEL_EMAIL);
  t->set_problem("宽带无法连接");
  t->set_device_number("021-5888 1234");
  t->set_contact_phone("13800138000");
  t->set_contact_person("用户");
  auto created = Call(&v1::IntakeService::Stub::CreateTicket, create);
  ASSERT_THAT(created, IsOk());
  ASSERT_EQ(created->confirm_deadline().at().seconds(),
            absl::ToUnixSeconds(ShanghaiTime(2026, 11, 27, 11, 0)));
  v1::ForwardTicketRequest forward;
  forward.set_request_id("sla-e2e-forward");
  forward.set_ticket_id(created->ticket_id());
  ASSERT_THAT(Call(&v1::IntakeService::Stub::ForwardTicket, forward), IsOk());

  // Prometheus has the series at 0 before anything was missed.
  EXPECT_OK(
      prometheus_->WaitForSamples(absl::StrCat(kMissedSeries, " == 0"), absl::Seconds(15)).status())
      << "intake must export the series at 0 from the start";
  EXPECT_THAT(
      prometheus_->Alerts(),
      common::testing::IsOkAndHolds(Not(Contains(Field(
          &PrometheusAlert::labels, Contains(Pair("alertname", "IntakeReceiptDeadlineMissed")))))));

  // Friday 12:00: the deadline has passed; intake's SLA sweep counts the miss.
  ASSERT_THAT(clock.Advance(absl::Hours(2)), IsOk());
  ASSERT_OK(common::testing::WaitFor("intake to count the miss", [&] {
    return MissedOnIntake() == 1;
  })) << intake_->LogTail();

  absl::StatusOr<PrometheusAlert> alert = prometheus_->WaitForAlert(
      "IntakeReceiptDeadlineMissed", {{"unit", "broadband"}}, "firing", absl::Seconds(15));
  ASSERT_OK(alert.status()) << prometheus_->LogTail();
  EXPECT_THAT(alert->annotations, Contains(Pair("summary", HasSubstr("unit broadband missed"))));
}

}  // namespace
}  // namespace cs::intake

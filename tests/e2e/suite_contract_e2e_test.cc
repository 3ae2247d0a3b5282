// The suite as a client team meets it, from outside the processes: every RPC of every service
// answers a body that is not its request message with INVALID_ARGUMENT (never INTERNAL, never
// UNIMPLEMENTED), an over-long value comes back as a short quote, and every service's /metrics
// passes promtool's lint. Real binaries, real MariaDB, real gRPC over loopback.
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/raw_call.h"
#include "common/testing/shell_command.h"
#include "common/testing/status_matchers.h"
#include "common/testing/wait_for.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/assessment/v1/assessment.grpc.pb.h"
#include "cs/channel/v1/channel.grpc.pb.h"
#include "cs/hotline/v1/hotline.grpc.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "tests/e2e/intake_as_staff.h"
#include "tests/e2e/running_suite.h"
#include "tests/e2e/suite_access.h"

namespace cs::e2e {
namespace {

using ::cs::common::testing::HttpGet;
using ::cs::common::testing::SumSamples;
using ::testing::HasSubstr;

class SuiteContractTest : public SharedSuiteTest<SuiteContractTest> {
 public:
  // On test clocks that no test here moves: business time stands still throughout.
  static SuiteOptions Options() {
    SuiteOptions options;
    options.test_clock = true;
    return options;
  }

 protected:
  static std::string Scrape(absl::string_view service) {
    absl::StatusOr<std::string> text = HttpGet(suite().service(service).metrics_port, "/metrics");
    EXPECT_TRUE(text.ok()) << text.status();
    return text.value_or("");
  }
};

// Issue 10, item 2. Sent with the CS center's token, which every service knows.
TEST_F(SuiteContractTest, EveryRpcAnswersAnUndecodableBodyWithInvalidArgumentNamingTheRequest) {
  int methods = 0;
  for (const std::string& name : RunningSuite::ServiceNames()) {
    const google::protobuf::ServiceDescriptor* service = MainServiceOf(name);
    ASSERT_NE(service, nullptr) << name;
    for (int i = 0; i < service->method_count(); ++i) {
      // Client streams too (the hotline registry's IngestCallRecords): the bad body is the stream's
      // one message.
      const google::protobuf::MethodDescriptor* method = service->method(i);
      ++methods;
      const grpc::Status status = common::testing::CallWithRawBody(
          suite().service(name).channel,
          absl::StrCat("/", service->full_name(), "/", method->name()),
          common::testing::UndecodableBody(), kCsCenterToken);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
          << method->full_name() << ": " << status.error_message();
      EXPECT_THAT(status.error_message(), HasSubstr(method->input_type()->full_name()))
          << method->full_name();
    }
    // Counted under the code the client saw, never as a server fault.
    const std::string metrics = Scrape(name);
    for (int i = 0; i < service->method_count(); ++i) {
      const std::string method(service->method(i)->name());
      EXPECT_THAT(SumSamples(metrics, "cs_grpc_server_handled_total",
                             {{"grpc_method", method}, {"grpc_code", "INVALID_ARGUMENT"}}),
                  common::testing::IsOkAndHolds(::testing::Ge(1)))
          << name << " " << method;
      EXPECT_THAT(SumSamples(metrics, "cs_grpc_server_handled_total",
                             {{"grpc_method", method}, {"grpc_code", "INTERNAL"}}),
                  common::testing::IsOkAndHolds(0))
          << name << " " << method;
    }
  }
  EXPECT_GT(methods, 30);

  // V3: an undecodable read is a refused read, logged like any other.
  auto archive = cs::archive::v1::ArchiveService::NewStub(suite().service("archive").channel);
  grpc::ClientContext context;
  common::AttachBearerToken(context, kCsCenterToken);
  cs::archive::v1::ListAccessLogRequest request;
  request.set_reason("audit of refused reads (e2e)");
  request.mutable_page()->set_page_size(100);
  cs::archive::v1::ListAccessLogResponse log;
  ASSERT_TRUE(archive->ListAccessLog(&context, request, &log).ok());
  std::set<std::string> refused_actions;
  for (const auto& entry : log.entries()) {
    if (entry.target() == "undecodable request" && entry.detail() == "INVALID_ARGUMENT") {
      refused_actions.insert(entry.action());
    }
  }
  EXPECT_EQ(refused_actions,
            (std::set<std::string>{"GET_RECORD", "SEARCH_RECORDS", "EXPORT_FORM", "EXPORT_CSV",
                                   "LIST_DUE_FOR_DESTRUCTION", "LIST_ACCESS_LOG"}));
}

// Issue 10, item 5: a 100 KB value must come back as INVALID_ARGUMENT a default client can read,
// not RESOURCE_EXHAUSTED from an oversized trailer.
TEST_F(SuiteContractTest, AnOverlongValueIsQuotedAsAShortPrefixInTheError) {
  const std::string huge_unit(100 * 1024, 'u');
  auto expect_short_invalid_argument = [](const grpc::Status& status, absl::string_view what) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << what << ": " << status.error_message().substr(0, 200);
    EXPECT_LT(status.error_message().size(), 1024u) << what;
    EXPECT_LT(status.error_details().size(), 2048u) << what;
    EXPECT_THAT(status.error_message(), HasSubstr("(102400 bytes)")) << what;
  };
  {
    auto intake = cs::intake::v1::IntakeService::NewStub(suite().service("intake").channel);
    grpc::ClientContext context;
    common::AttachBearerToken(context, kCsCenterToken);
    cs::intake::v1::ListTicketsRequest request;
    request.set_unit_id(huge_unit);
    cs::intake::v1::ListTicketsResponse response;
    expect_short_invalid_argument(intake->ListTickets(&context, request, &response),
                                  "intake ListTickets");
  }
  {
    auto intake = cs::intake::v1::IntakeService::NewStub(suite().service("intake").channel);
    grpc::ClientContext context;
    common::AttachBearerToken(context, kBroadbandStaffToken);
    cs::intake::v1::CreateTicketRequest request;
    request.set_request_id("overlong-unit-1");
    request.mutable_ticket()->set_unit_id(huge_unit);
    request.mutable_ticket()->set_problem("宽带无法连接");
    cs::intake::v1::Ticket response;
    expect_short_invalid_argument(intake->CreateTicket(&context, request, &response),
                                  "intake CreateTicket");
  }
  {
    auto archive = cs::archive::v1::ArchiveService::NewStub(suite().service("archive").channel);
    grpc::ClientContext context;
    common::AttachBearerToken(context, kCsCenterToken);
    cs::archive::v1::GetRetentionPolicyRequest request;
    request.set_unit_id(huge_unit);
    cs::archive::v1::GetRetentionPolicyResponse response;
    expect_short_invalid_argument(archive->GetRetentionPolicy(&context, request, &response),
                                  "archive GetRetentionPolicy");
  }
}

// Issue 10, item 4: every metric a service exports follows Prometheus's naming rules, checked by
// promtool on a real scrape, so no later metric can break the lint unnoticed.
TEST_F(SuiteContractTest, EveryServicesMetricsPassPromtoolCheckMetrics) {
  for (const std::string& name : RunningSuite::ServiceNames()) {
    const std::string scrape = Scrape(name);
    ASSERT_THAT(scrape, HasSubstr("cs_grpc_server_handled_total")) << name;
    const std::string path = absl::StrCat(::testing::TempDir(), "/", name, "_scrape.txt");
    std::ofstream(path) << scrape;
    const common::testing::ShellResult check = common::testing::RunShellCommand(
        absl::StrCat("promtool check metrics < ", common::testing::ShellQuoted(path)));
    EXPECT_EQ(check.exit_code, 0) << name << ": promtool check metrics says:\n" << check.output;
  }
}

// Issue 10, item 8: on a test clock, business time stands still until a test moves it, but the
// outbox relay retries on the real clock. A forward made while routing is down is delivered once
// routing is back, with the test clock never touched (SPEC I4: the sender keeps retrying).
TEST_F(SuiteContractTest, I4_OnATestClockTheRelayKeepsRetryingOnTheRealClock) {
  RunningSuite::Member& routing = suite().service("routing");
  routing.process->Stop();
  IntakeAsStaff intake(suite().service("intake").channel);
  const cs::intake::v1::Ticket created = intake.CreateAndForward("relay-on-real-clock");

  // The relay must have tried, and failed, more than once while the clock stood still.
  auto failures = [] {
    return SumSamples(Scrape("intake"), "cs_intake_outbox_delivery_failures_total",
                      {{"destination", "routing"}})
        .value_or(0);
  };
  ASSERT_OK(common::testing::WaitFor("two failed deliveries to routing",
                                     [&] { return failures() >= 2; }));

  ASSERT_TRUE(routing.process->Restart().ok());
  ASSERT_TRUE(routing.process->WaitUntilServing(routing.grpc_port).ok());
  cs::intake::v1::Ticket ticket;
  EXPECT_OK(common::testing::WaitFor("the forward to be confirmed", [&] {
    ticket = intake.Get(created.ticket_id());
    return ticket.forward().has_confirmed_at();
  }));
  EXPECT_TRUE(ticket.forward().has_confirmed_at()) << ticket.DebugString();
  EXPECT_GE(ticket.forward().attempts(), 2);
}

}  // namespace
}  // namespace cs::e2e

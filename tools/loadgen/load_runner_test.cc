// RunLoad against a real gRPC server over loopback, in this process: the counts of a run must add
// up.
#include "tools/loadgen/load_runner.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "cs/bench/v1/echo.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "tools/loadgen/echo_service.h"

namespace cs::tools::loadgen {
namespace {

using ::cs::bench::v1::EchoRequest;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Gt;
using ::testing::HasSubstr;
using ::testing::Pair;

constexpr char kEchoMethod[] = "/cs.bench.v1.Echo/Echo";

// A gRPC server on a free loopback port, serving `service`, shut down on destruction.
class LoopbackServer final {
 public:
  explicit LoopbackServer(grpc::Service* service) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(service);
    server_ = builder.BuildAndStart();
  }
  ~LoopbackServer() { Shutdown(); }

  void Shutdown() {
    if (server_ == nullptr) return;
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
    server_->Wait();
    server_.reset();
  }
  bool started() const { return server_ != nullptr && port_ > 0; }
  int port() const { return port_; }
  std::string target() const { return absl::StrCat("127.0.0.1:", port_); }

 private:
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

// Answers only calls that carry "authorization: Bearer sekrit".
class TokenCheckingEcho final : public cs::bench::v1::Echo::Service {
 public:
  grpc::Status Echo(grpc::ServerContext* context, const EchoRequest* /*request*/,
                    cs::bench::v1::EchoReply* /*reply*/) override {
    const auto& metadata = context->client_metadata();
    const auto found = metadata.find("authorization");
    if (found == metadata.end() || found->second != "Bearer sekrit") {
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "no or wrong token");
    }
    return grpc::Status::OK;
  }
};

std::unique_ptr<RequestTemplate> EchoRequests(RequestIdMode mode) {
  RequestTemplateOptions options;
  options.text = "payload: 'hello'";
  options.request_id_mode = mode;
  options.run_id = NewRunId();
  auto requests = RequestTemplate::Create(EchoRequest::default_instance(), options);
  EXPECT_OK(requests.status());
  return requests.ok() ? *std::move(requests) : nullptr;
}

std::vector<std::shared_ptr<grpc::Channel>> Connect(const LoopbackServer& server, int count = 1) {
  auto channels = ConnectChannels(server.target(), count, absl::Seconds(10));
  EXPECT_OK(channels.status());
  return channels.ok() ? *std::move(channels) : std::vector<std::shared_ptr<grpc::Channel>>{};
}

LoadOptions ClosedLoop(int concurrency) {
  LoadOptions options;
  options.method = kEchoMethod;
  options.concurrency = concurrency;
  options.warmup = absl::Milliseconds(100);
  options.duration = absl::Milliseconds(400);
  return options;
}

TEST(LoadRunnerTest, ClosedLoopCallsAddUpAndEveryCallHasItsOwnId) {
  EchoService service({.remember_request_ids = true});
  LoopbackServer server(&service);
  ASSERT_TRUE(server.started());
  auto requests = EchoRequests(RequestIdMode::kUnique);
  ASSERT_NE(requests, nullptr);
  LoadOptions options = ClosedLoop(8);
  options.threads = 2;

  auto report = RunLoad(options, *requests, Connect(server, 3));

  ASSERT_OK(report.status());
  EXPECT_EQ(report->mode, "closed");
  EXPECT_EQ(report->concurrency, 8);
  EXPECT_THAT(report->calls, Gt(0));
  EXPECT_THAT(report->outcomes, ElementsAre(Pair("OK", report->calls)));
  EXPECT_EQ(report->latency.count, report->calls);
  // Warm-up calls and calls still in flight at the end reach the server without being recorded.
  EXPECT_GE(service.calls(), report->calls);
  EXPECT_EQ(service.distinct_request_ids(), service.calls());
  EXPECT_LE(report->latency.p50, report->latency.p99);
  EXPECT_LE(report->latency.p99, report->latency.max);
}

TEST(LoadRunnerTest, RepeatedIdsReachTheServerAsOneId) {
  EchoService service({.remember_request_ids = true});
  LoopbackServer server(&service);
  ASSERT_TRUE(server.started());
  auto requests = EchoRequests(RequestIdMode::kRepeat);
  ASSERT_NE(requests, nullptr);

  auto report = RunLoad(ClosedLoop(4), *requests, Connect(server));

  ASSERT_OK(report.status());
  EXPECT_THAT(report->outcomes, ElementsAre(Pair("OK", report->calls)));
  EXPECT_THAT(service.calls(), Gt(1));
  EXPECT_EQ(service.distinct_request_ids(), 1);
}

TEST(LoadRunnerTest, OpenLoopRecordsExactlyTheCallsDueInTheWindow) {
  EchoService service;
  LoopbackServer server(&service);
  ASSERT_TRUE(server.started());
  auto requests = EchoRequests(RequestIdMode::kUnique);
  ASSERT_NE(requests, nullptr);
  LoadOptions options;
  options.method = kEchoMethod;
  options.rate = 200;
  options.threads = 2;
  options.warmup = absl::Milliseconds(200);
  options.duration = absl::Milliseconds(500);

  auto report = RunLoad(options, *requests, Connect(server, 2));

  ASSERT_OK(report.status());
  EXPECT_EQ(report->mode, "open");
  // Due times are k * 5 ms: 40 in the warm-up, 100 in the window, and every one is awaited.
  EXPECT_EQ(report->calls, 100);
  EXPECT_THAT(report->outcomes, ElementsAre(Pair("OK", 100)));
  EXPECT_EQ(report->latency.count, 100);
  EXPECT_EQ(service.calls(), 140);
  EXPECT_LE(report->late_sends, report->calls);
}

TEST(LoadRunnerTest, FailedCallsAreCountedByStatusCode) {
  EchoService service;
  LoopbackServer server(&service);
  ASSERT_TRUE(server.started());
  auto requests = EchoRequests(RequestIdMode::kUnique);
  ASSERT_NE(requests, nullptr);
  LoadOptions options = ClosedLoop(2);
  options.method = "/cs.bench.v1.Echo/NoSuchMethod";

  auto report = RunLoad(options, *requests, Connect(server));

  ASSERT_OK(report.status());
  EXPECT_THAT(report->calls, Gt(0));
  EXPECT_THAT(report->outcomes, ElementsAre(Pair("UNIMPLEMENTED", report->calls)));
  EXPECT_EQ(service.calls(), 0);
}

TEST(LoadRunnerTest, CallsSlowerThanTheDeadlineCountAsDeadlineExceeded) {
  EchoService service({.delay = absl::Milliseconds(100)});
  LoopbackServer server(&service);
  ASSERT_TRUE(server.started());
  auto requests = EchoRequests(RequestIdMode::kUnique);
  ASSERT_NE(requests, nullptr);
  LoadOptions options = ClosedLoop(2);
  options.deadline = absl::Milliseconds(10);
  options.warmup = absl::ZeroDuration();
  options.duration = absl::Milliseconds(300);

  auto report = RunLoad(options, *requests, Connect(server));

  ASSERT_OK(report.status());
  EXPECT_THAT(report->calls, Gt(0));
  EXPECT_THAT(report->outcomes, ElementsAre(Pair("DEADLINE_EXCEEDED", report->calls)));
}

TEST(LoadRunnerTest, TokenTravelsAsBearerAuthorization) {
  TokenCheckingEcho service;
  LoopbackServer server(&service);
  ASSERT_TRUE(server.started());
  auto requests = EchoRequests(RequestIdMode::kUnique);
  ASSERT_NE(requests, nullptr);
  const auto channels = Connect(server);
  LoadOptions options = ClosedLoop(2);

  options.token = "sekrit";
  auto with_token = RunLoad(options, *requests, channels);
  options.token = "";
  auto without_token = RunLoad(options, *requests, channels);

  ASSERT_OK(with_token.status());
  ASSERT_OK(without_token.status());
  EXPECT_THAT(with_token->outcomes, ElementsAre(Pair("OK", Gt(0))));
  EXPECT_THAT(without_token->outcomes, ElementsAre(Pair("UNAUTHENTICATED", Gt(0))));
}

TEST(LoadRunnerTest, NothingListeningIsUnavailable) {
  EchoService service;
  LoopbackServer server(&service);
  ASSERT_TRUE(server.started());
  const std::string target = server.target();
  server.Shutdown();

  EXPECT_THAT(ConnectChannels(target, 1, absl::Milliseconds(300)),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST(LoadRunnerTest, BadOptionsAreNamed) {
  LoadOptions options;
  options.method = "Echo";
  options.concurrency = 0;
  options.duration = absl::ZeroDuration();
  EXPECT_THAT(
      ValidateLoadOptions(options),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("method"), HasSubstr("concurrency"), HasSubstr("duration"))));
  auto requests = EchoRequests(RequestIdMode::kUnique);
  ASSERT_NE(requests, nullptr);
  EXPECT_THAT(RunLoad(ClosedLoop(1), *requests, {}), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace cs::tools::loadgen

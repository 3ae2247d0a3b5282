// The server bootstrap over real loopback gRPC and HTTP (no database): test clock, auth, health,
// reflection, the per-RPC metrics and log line, and graceful shutdown.
#include "common/server/service_server.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "common/grpc/client_auth.h"
#include "common/hash/sha256.h"
#include "common/testclock/test_clock_client.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/raw_call.h"
#include "common/testing/status_matchers.h"
#include "cs/common/v1/calendar_admin.grpc.pb.h"
#include "cs/grpc_testing/v1/echo.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::HttpGet;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::MetricSample;
using ::cs::common::testing::ParseMetricsText;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::SumSamples;
using ::cs::grpc_testing::v1::EchoRequest;
using ::cs::grpc_testing::v1::EchoResponse;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr absl::string_view kToken = "center-token-0123456789";
const absl::Time kStart = absl::FromUnixSeconds(1772413200);  // 2026-03-02T01:00:00Z

// Things that happened, in order, across threads.
class EventLog {
 public:
  void Add(std::string event) {
    absl::MutexLock lock(&mutex_);
    events_.push_back(std::move(event));
  }
  std::vector<std::string> events() {
    absl::MutexLock lock(&mutex_);
    return events_;
  }

 private:
  absl::Mutex mutex_;
  std::vector<std::string> events_ ABSL_GUARDED_BY(mutex_);
};

class EchoService final : public cs::grpc_testing::v1::Echo::Service {
 public:
  explicit EchoService(EventLog* events) : events_(events) {}

  grpc::Status Echo(grpc::ServerContext* /*context*/, const EchoRequest* request,
                    EchoResponse* response) override {
    if (request->block()) {
      entered_.Notify();
      release_.WaitForNotificationWithTimeout(absl::Seconds(60));
      events_->Add("blocked_call_finished");
    }
    if (request->fail_with_code() != 0) {
      return grpc::Status(static_cast<grpc::StatusCode>(request->fail_with_code()),
                          "asked to fail");
    }
    response->set_payload(request->payload());
    return grpc::Status::OK;
  }

  absl::Notification& entered() { return entered_; }
  absl::Notification& release() { return release_; }

 private:
  EventLog* const events_;
  absl::Notification entered_;
  absl::Notification release_;
};

class RecordingWorker final : public BackgroundWorker {
 public:
  explicit RecordingWorker(EventLog* events) : events_(events) {}
  void Stop() override { events_->Add("worker_stopped"); }

 private:
  EventLog* const events_;
};

TokenStore Tokens() {
  cs::config::v1::TokenFile file;
  auto* entry = file.add_tokens();
  entry->set_token_sha256(Sha256Hex(kToken));
  entry->set_user("center");
  entry->set_role(cs::common::v1::ROLE_CS_CENTER);
  return *TokenStore::FromProto(file);
}

ServerOptions LoopbackOptions(bool test_clock) {
  ServerOptions options;
  options.service_name = "grpc-test";
  options.grpc_address = "127.0.0.1";
  options.metrics_address = "127.0.0.1";
  options.test_clock = test_clock;
  options.test_clock_start = kStart;
  options.shutdown_grace = absl::Seconds(30);
  return options;
}

class ServiceServerTest : public ::testing::Test {
 protected:
  void StartServer(bool test_clock) {
    absl::StatusOr<std::unique_ptr<ServiceServer>> server = ServiceServer::Start(
        LoopbackOptions(test_clock), Tokens(),
        [this](ServiceEnvironment& environment) {
          echo_ = environment.AddService(std::make_unique<EchoService>(&events_));
          environment.AddWorker(std::make_unique<RecordingWorker>(&events_));
          environment.OnUndecodableRequest(
              "cs.grpc_testing.v1.Echo",
              [this](const grpc::ServerContextBase&, absl::string_view method) {
                events_.Add(absl::StrCat("undecodable ", method));
              });
          return absl::OkStatus();
        },
        &logger_);
    ASSERT_OK(server.status());
    server_ = *std::move(server);
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->grpc_port()),
                                   grpc::InsecureChannelCredentials());
  }

  std::string Scrape() {
    absl::StatusOr<std::string> text = HttpGet(server_->metrics_port(), "/metrics");
    EXPECT_OK(text.status());
    return text.value_or("");
  }

  double Handled(const std::string& text, const std::string& service, const std::string& method,
                 const std::string& code) {
    absl::StatusOr<double> value =
        SumSamples(text, "cs_grpc_server_handled_total",
                   {{"service", service}, {"grpc_method", method}, {"grpc_code", code}});
    EXPECT_OK(value.status());
    return value.value_or(-1);
  }

  grpc::Status CallEcho(const EchoRequest& request, EchoResponse* response,
                        bool with_token = true) {
    grpc::ClientContext context;
    if (with_token) AttachBearerToken(context, kToken);
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    return cs::grpc_testing::v1::Echo::NewStub(channel_)->Echo(&context, request, response);
  }

  std::vector<std::string> RpcLogLines() {
    std::vector<std::string> out;
    for (const std::string& line : sink_.lines()) {
      if (absl::StrContains(line, "\"event\":\"rpc\"")) out.push_back(line);
    }
    return out;
  }

  CapturingLogSink sink_;
  Logger logger_{&sink_, &Clock::Real()};
  EventLog events_;
  EchoService* echo_ = nullptr;
  std::unique_ptr<ServiceServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(ServiceServerTest, TestClockIsServedAndDrivesTheProcessClock) {
  StartServer(/*test_clock=*/true);
  ASSERT_NE(server_->test_clock(), nullptr);
  EXPECT_EQ(&server_->clock(), server_->test_clock());

  TestClockClient clock(channel_, std::string(kToken));
  EXPECT_THAT(clock.Now(), IsOkAndHolds(kStart));
  EXPECT_THAT(clock.Advance(absl::Hours(25)), IsOkAndHolds(kStart + absl::Hours(25)));
  EXPECT_EQ(server_->clock().Now(), kStart + absl::Hours(25));
  EXPECT_THAT(clock.SetTime(kStart + absl::Hours(48)), IsOkAndHolds(kStart + absl::Hours(48)));
  EXPECT_THAT(clock.SetTime(kStart),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("allow_backwards")));
  EXPECT_THAT(clock.SetTime(kStart, /*allow_backwards=*/true), IsOkAndHolds(kStart));
  EXPECT_THAT(clock.Advance(-absl::Seconds(1)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("by")));
  EXPECT_EQ(server_->clock().Now(), kStart);
}

TEST_F(ServiceServerTest, TestClockRefusesCallsWithoutAValidToken) {
  StartServer(/*test_clock=*/true);
  EXPECT_THAT(TestClockClient(channel_, "").Now(), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(TestClockClient(channel_, "wrong-token").Advance(absl::Hours(1)),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_EQ(server_->clock().Now(), kStart);
}

TEST_F(ServiceServerTest, WithoutTestClockTheServiceIsAbsentAndTheClockIsReal) {
  StartServer(/*test_clock=*/false);
  EXPECT_EQ(server_->test_clock(), nullptr);
  EXPECT_EQ(&server_->clock(), &Clock::Real());
  EXPECT_THAT(TestClockClient(channel_, std::string(kToken)).Now(),
              StatusIs(absl::StatusCode::kUnimplemented));
}

TEST_F(ServiceServerTest, HealthIsServing) {
  StartServer(/*test_clock=*/false);
  auto health = grpc::health::v1::Health::NewStub(channel_);
  grpc::ClientContext context;
  HealthCheckResponse response;
  ASSERT_TRUE(health->Check(&context, HealthCheckRequest(), &response).ok());
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);
}

TEST_F(ServiceServerTest, MetricsCountEveryCallByMethodAndCode) {
  StartServer(/*test_clock=*/true);
  const std::string before = Scrape();
  const std::string clock_service = "cs.common.v1.TestClock";

  TestClockClient with_token(channel_, std::string(kToken));
  TestClockClient without_token(channel_, "");
  for (int i = 0; i < 3; ++i) ASSERT_OK(with_token.Now().status());
  for (int i = 0; i < 2; ++i) {
    EXPECT_THAT(without_token.Now(), StatusIs(absl::StatusCode::kUnauthenticated));
  }
  EXPECT_THAT(with_token.Advance(-absl::Seconds(1)), StatusIs(absl::StatusCode::kInvalidArgument));
  EchoRequest failing;
  failing.set_fail_with_code(static_cast<int>(grpc::StatusCode::INTERNAL));
  EchoResponse response;
  EXPECT_EQ(CallEcho(failing, &response).error_code(), grpc::StatusCode::INTERNAL);

  const std::string after = Scrape();
  EXPECT_EQ(Handled(after, clock_service, "GetTime", "OK") -
                Handled(before, clock_service, "GetTime", "OK"),
            3);
  EXPECT_EQ(Handled(after, clock_service, "GetTime", "UNAUTHENTICATED") -
                Handled(before, clock_service, "GetTime", "UNAUTHENTICATED"),
            2);
  EXPECT_EQ(Handled(after, clock_service, "AdvanceTime", "INVALID_ARGUMENT") -
                Handled(before, clock_service, "AdvanceTime", "INVALID_ARGUMENT"),
            1);
  EXPECT_EQ(Handled(after, "cs.grpc_testing.v1.Echo", "Echo", "INTERNAL") -
                Handled(before, "cs.grpc_testing.v1.Echo", "Echo", "INTERNAL"),
            1);
  EXPECT_EQ(Handled(after, clock_service, "SetTime", "OK"), 0);
  EXPECT_THAT(SumSamples(after, "cs_grpc_server_handling_seconds_count",
                         {{"service", clock_service}, {"grpc_method", "GetTime"}}),
              IsOkAndHolds(5));
  EXPECT_THAT(SumSamples(after, "cs_grpc_server_handling_seconds_bucket",
                         {{"service", clock_service}, {"grpc_method", "GetTime"}, {"le", "+Inf"}}),
              IsOkAndHolds(5));
}

TEST_F(ServiceServerTest, OneLogLinePerRequestWithUserRequestIdAndNoToken) {
  StartServer(/*test_clock=*/false);
  EchoRequest request;
  request.set_request_id("req-42");
  request.set_payload("hello");
  EchoResponse response;
  ASSERT_TRUE(CallEcho(request, &response).ok());
  EXPECT_EQ(response.payload(), "hello");
  request.set_request_id("req-anonymous");
  ASSERT_TRUE(CallEcho(request, &response, /*with_token=*/false).ok());

  const std::vector<std::string> lines = RpcLogLines();
  std::vector<std::string> for_42;
  for (const std::string& line : lines) {
    if (absl::StrContains(line, "\"request_id\":\"req-42\"")) for_42.push_back(line);
    EXPECT_THAT(line, Not(HasSubstr(std::string(kToken))));
    EXPECT_THAT(line, Not(HasSubstr(Sha256Hex(kToken))));
  }
  ASSERT_EQ(for_42.size(), 1u);
  EXPECT_THAT(for_42[0],
              AllOf(HasSubstr("\"level\":\"INFO\""),
                    HasSubstr("\"method\":\"/cs.grpc_testing.v1.Echo/Echo\""),
                    HasSubstr("\"code\":\"OK\""), HasSubstr("\"latency_ms\":"),
                    HasSubstr("\"user\":\"center\""), HasSubstr("\"peer\":\"ipv4:127.0.0.1:")));
  EXPECT_THAT(lines, Contains(AllOf(HasSubstr("\"request_id\":\"req-anonymous\""),
                                    HasSubstr("\"user\":\"anonymous\""))));
  EXPECT_EQ(lines.size(), 2u);
}

// gRPC runs interceptors for unimplemented methods too; a client must not be able to mint a metric
// series per made-up method name.
TEST_F(ServiceServerTest, EveryMethodAndCodeIsExportedAtZeroBeforeTheFirstCall) {
  StartServer(/*test_clock=*/true);
  absl::StatusOr<std::vector<MetricSample>> samples = ParseMetricsText(Scrape());
  ASSERT_OK(samples.status());
  // service/grpc_method -> the codes exported, every one at 0.
  std::map<std::string, std::set<std::string>> codes;
  for (const MetricSample& sample : *samples) {
    if (sample.name != "cs_grpc_server_handled_total") continue;
    EXPECT_EQ(sample.value, 0) << sample.labels.at("grpc_method");
    codes[absl::StrCat(sample.labels.at("service"), "/", sample.labels.at("grpc_method"))].insert(
        sample.labels.at("grpc_code"));
  }
  // Our own services only: gRPC's health and reflection services are not alerted on.
  EXPECT_THAT(codes, ElementsAre(::testing::Key("cs.common.v1.TestClock/AdvanceTime"),
                                 ::testing::Key("cs.common.v1.TestClock/GetTime"),
                                 ::testing::Key("cs.common.v1.TestClock/SetTime"),
                                 ::testing::Key("cs.grpc_testing.v1.Echo/Echo")));
  for (const auto& [method, method_codes] : codes) {
    EXPECT_THAT(method_codes, ::testing::SizeIs(RpcInterceptorFactory::kGrpcCodes)) << method;
    EXPECT_THAT(method_codes, AllOf(Contains("OK"), Contains("INTERNAL"), Contains("UNKNOWN"),
                                    Contains("DATA_LOSS"), Contains("UNAUTHENTICATED")))
        << method;
  }

  // The first failure is then an increase from 0.
  EchoRequest failing;
  failing.set_fail_with_code(static_cast<int>(grpc::StatusCode::INTERNAL));
  EchoResponse response;
  EXPECT_EQ(CallEcho(failing, &response).error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(Handled(Scrape(), "cs.grpc_testing.v1.Echo", "Echo", "INTERNAL"), 1);
}

TEST_F(ServiceServerTest, UnknownMethodsShareOneBoundedSeries) {
  StartServer(/*test_clock=*/false);
  grpc::GenericStub stub(channel_);
  grpc::CompletionQueue queue;
  for (const std::string method : {"/no.such.Service/Nope", "/no.such.Service/Other", "/garbage"}) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    grpc::ByteBuffer request;
    std::unique_ptr<grpc::GenericClientAsyncResponseReader> call =
        stub.PrepareUnaryCall(&context, method, request, &queue);
    call->StartCall();
    grpc::ByteBuffer response;
    grpc::Status status;
    call->Finish(&response, &status, reinterpret_cast<void*>(1));
    void* tag = nullptr;
    bool ok = false;
    ASSERT_TRUE(queue.Next(&tag, &ok));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED) << method;
  }
  const std::string text = Scrape();
  EXPECT_THAT(text, Not(HasSubstr("no.such")));
  EXPECT_THAT(text, Not(HasSubstr("Nope")));
  // The malformed path may not even reach the server as a call; the two well-formed ones do.
  EXPECT_GE(Handled(text, "unknown", "unknown", "UNIMPLEMENTED"), 2);
  // The log line still names what the client asked for.
  EXPECT_THAT(RpcLogLines(), Contains(HasSubstr("\"method\":\"/no.such.Service/Nope\"")));
}

// Issue 10: a body that does not parse as the request is the caller's error, not the server's.
TEST_F(ServiceServerTest, UndecodableRequestIsInvalidArgumentCountedAndReportedToTheService) {
  StartServer(/*test_clock=*/false);
  const grpc::Status status = testing::CallWithRawBody(channel_, "/cs.grpc_testing.v1.Echo/Echo",
                                                       testing::UndecodableBody(), kToken);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("cs.grpc_testing.v1.EchoRequest"));
  const std::string text = Scrape();
  EXPECT_EQ(Handled(text, "cs.grpc_testing.v1.Echo", "Echo", "INVALID_ARGUMENT"), 1);
  EXPECT_EQ(Handled(text, "cs.grpc_testing.v1.Echo", "Echo", "INTERNAL"), 0);
  EXPECT_THAT(events_.events(), Contains("undecodable cs.grpc_testing.v1.Echo.Echo"));
  // Logged as the caller's mistake, not as a server fault.
  EXPECT_THAT(RpcLogLines(), Contains(AllOf(HasSubstr("\"code\":\"INVALID_ARGUMENT\""),
                                            HasSubstr("\"level\":\"INFO\""))));
  // A well-formed request on the same method is not affected.
  EchoRequest request;
  request.set_payload("fine");
  EchoResponse response;
  EXPECT_TRUE(CallEcho(request, &response).ok());
}

// Decodes the length-delimited occurrences of field `number` in a serialized message.
std::vector<std::string> LengthDelimitedFields(const std::string& bytes, int number) {
  using google::protobuf::internal::WireFormatLite;
  std::vector<std::string> out;
  google::protobuf::io::CodedInputStream input(reinterpret_cast<const uint8_t*>(bytes.data()),
                                               static_cast<int>(bytes.size()));
  while (const uint32_t tag = input.ReadTag()) {
    if (WireFormatLite::GetTagFieldNumber(tag) == number &&
        WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      std::string value;
      if (!WireFormatLite::ReadString(&input, &value)) break;
      out.push_back(std::move(value));
    } else if (!WireFormatLite::SkipField(&input, tag)) {
      break;
    }
  }
  return out;
}

// The reflection client is hand-made: generating reflection.proto into this binary would collide
// with the copy libgrpc++_reflection embeds.
TEST_F(ServiceServerTest, ReflectionListsTheServices) {
  StartServer(/*test_clock=*/true);
  grpc::GenericStub stub(channel_);
  grpc::CompletionQueue queue;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call = stub.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &queue);
  const auto step = [&queue](intptr_t expected_tag) {
    void* tag = nullptr;
    bool ok = false;
    EXPECT_TRUE(queue.Next(&tag, &ok));
    EXPECT_EQ(reinterpret_cast<intptr_t>(tag), expected_tag);
    return ok;
  };
  call->StartCall(reinterpret_cast<void*>(1));
  ASSERT_TRUE(step(1));
  // ServerReflectionRequest{list_services (field 7) = ""}.
  const std::string request("\x3a\x00", 2);
  grpc::Slice slice(request);
  grpc::ByteBuffer request_buffer(&slice, 1);
  call->Write(request_buffer, reinterpret_cast<void*>(2));
  ASSERT_TRUE(step(2));
  call->WritesDone(reinterpret_cast<void*>(3));
  ASSERT_TRUE(step(3));
  grpc::ByteBuffer response_buffer;
  call->Read(&response_buffer, reinterpret_cast<void*>(4));
  ASSERT_TRUE(step(4));
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  ASSERT_TRUE(step(5));
  ASSERT_TRUE(status.ok()) << status.error_message();

  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(response_buffer.Dump(&slices).ok());
  std::string response;
  for (const grpc::Slice& s : slices)
    response.append(reinterpret_cast<const char*>(s.begin()), s.size());
  // ServerReflectionResponse.list_services_response (6) → ListServiceResponse.service (1) →
  // ServiceResponse.name (1).
  const std::vector<std::string> lists = LengthDelimitedFields(response, 6);
  ASSERT_EQ(lists.size(), 1u);
  std::vector<std::string> names;
  for (const std::string& service : LengthDelimitedFields(lists[0], 1)) {
    for (const std::string& name : LengthDelimitedFields(service, 1)) names.push_back(name);
  }
  EXPECT_THAT(names, Contains("grpc.reflection.v1alpha.ServerReflection"));
  EXPECT_THAT(names, Contains("cs.common.v1.TestClock"));
  EXPECT_THAT(names, Contains("cs.grpc_testing.v1.Echo"));
}

TEST_F(ServiceServerTest, GracefulShutdownLetsInFlightCallFinishThenStopsWorkers) {
  StartServer(/*test_clock=*/false);
  // A health watcher sees the status change when shutdown begins.
  auto health = grpc::health::v1::Health::NewStub(channel_);
  grpc::ClientContext watch_context;
  std::unique_ptr<grpc::ClientReader<HealthCheckResponse>> watch =
      health->Watch(&watch_context, HealthCheckRequest());
  HealthCheckResponse health_status;
  ASSERT_TRUE(watch->Read(&health_status));
  EXPECT_EQ(health_status.status(), HealthCheckResponse::SERVING);

  grpc::Status blocked_status;
  EchoResponse blocked_response;
  std::thread caller([&] {
    EchoRequest request;
    request.set_block(true);
    request.set_payload("finished in flight");
    blocked_status = CallEcho(request, &blocked_response);
  });
  ASSERT_TRUE(echo_->entered().WaitForNotificationWithTimeout(absl::Seconds(30)));

  std::atomic<bool> shutdown_returned{false};
  std::thread stopper([&] {
    server_->Shutdown();
    shutdown_returned = true;
  });

  ASSERT_TRUE(watch->Read(&health_status));
  EXPECT_EQ(health_status.status(), HealthCheckResponse::NOT_SERVING);
  watch_context.TryCancel();
  watch->Finish().IgnoreError();

  // Shutdown must be waiting for the call in the handler.
  EXPECT_FALSE(shutdown_returned.load());
  EXPECT_THAT(events_.events(), Not(Contains("worker_stopped")));
  echo_->release().Notify();
  caller.join();
  stopper.join();

  EXPECT_TRUE(blocked_status.ok()) << blocked_status.error_message();
  EXPECT_EQ(blocked_response.payload(), "finished in flight");
  EXPECT_TRUE(shutdown_returned.load());
  EXPECT_THAT(events_.events(), ElementsAre("blocked_call_finished", "worker_stopped"));

  // Calls after shutdown fail fast instead of hanging.
  EchoResponse late;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  EXPECT_FALSE(
      cs::grpc_testing::v1::Echo::NewStub(channel_)->Echo(&context, EchoRequest(), &late).ok());
  server_->Shutdown();  // Idempotent.
}

TEST_F(ServiceServerTest, WiringErrorAbortsStartAndStopsWhatWasStarted) {
  EventLog events;
  absl::StatusOr<std::unique_ptr<ServiceServer>> server = ServiceServer::Start(
      LoopbackOptions(false), Tokens(),
      [&events](ServiceEnvironment& environment) {
        environment.AddWorker(std::make_unique<RecordingWorker>(&events));
        return absl::UnavailableError("cannot reach the database at 127.0.0.1:1");
      },
      &logger_);
  EXPECT_THAT(server, StatusIs(absl::StatusCode::kUnavailable, HasSubstr("database")));
  EXPECT_THAT(events.events(), ElementsAre("worker_stopped"));
}

TEST_F(ServiceServerTest, PortInUseIsUnavailable) {
  StartServer(/*test_clock=*/false);
  ServerOptions same_grpc = LoopbackOptions(false);
  same_grpc.grpc_port = server_->grpc_port();
  EXPECT_THAT(
      ServiceServer::Start(same_grpc, Tokens(), {}, &logger_),
      StatusIs(absl::StatusCode::kUnavailable, HasSubstr(absl::StrCat(server_->grpc_port()))));
  ServerOptions same_metrics = LoopbackOptions(false);
  same_metrics.metrics_port = server_->metrics_port();
  EXPECT_THAT(ServiceServer::Start(same_metrics, Tokens(), {}, &logger_),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("metrics")));
}

TEST_F(ServiceServerTest, StartLineNamesPortsButNeverThePassword) {
  ServerOptions options = LoopbackOptions(false);
  options.mysql.password = "db-password-must-not-leak";
  options.mysql.database = "cs_test";
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ServiceServer> server,
                       ServiceServer::Start(options, Tokens(), {}, &logger_));
  server->Shutdown();
  std::vector<std::string> started;
  for (const std::string& line : sink_.lines()) {
    EXPECT_THAT(line, Not(HasSubstr("db-password-must-not-leak")));
    if (absl::StrContains(line, "\"event\":\"server_started\"")) started.push_back(line);
  }
  ASSERT_EQ(started.size(), 1u);
  EXPECT_THAT(started[0],
              AllOf(HasSubstr(absl::StrCat("\"grpc_port\":", server->grpc_port())),
                    HasSubstr(absl::StrCat("\"metrics_port\":", server->metrics_port())),
                    HasSubstr("\"mysql_database\":\"cs_test\"")));
}

// A small calendar file: version `version` current, covering 2026.
std::string CalendarText(const std::string& versions_text, const std::string& current) {
  return absl::StrCat("current_version: \"", current, "\"\n", versions_text);
}
std::string VersionText(const std::string& version) {
  return absl::StrCat("versions { version: \"", version,
                      "\" coverage_start: \"2026-01-01\" horizon: \"2026-12-31\" "
                      "weekly_hours { weekday: MONDAY periods { start: \"09:00\" end: \"17:00\" } "
                      "} }\n");
}

// A wiring that takes the calendar from the environment gets it kept in step with its file: the
// server serves cs.common.v1.CalendarAdmin for it and reloads it on ReloadCalendar (what SIGHUP
// calls). A wiring that does not use the calendar has no such service.
TEST_F(ServiceServerTest, CalendarAdminIsServedWhenTheWiringTakesTheCalendar) {
  const std::string dir = absl::StrCat(::testing::TempDir(), "/service_server_calendar");
  std::filesystem::create_directories(dir);
  const std::string file = absl::StrCat(dir, "/calendar.textproto");
  std::ofstream(file) << CalendarText(VersionText("v1"), "v1");
  ServerOptions options = LoopbackOptions(/*test_clock=*/true);
  options.config_dir = dir;
  options.calendar_reload_interval = absl::ZeroDuration();
  const CalendarHolder* taken = nullptr;
  absl::StatusOr<std::unique_ptr<ServiceServer>> server = ServiceServer::Start(
      options, Tokens(),
      [&taken](ServiceEnvironment& environment) -> absl::Status {
        absl::StatusOr<const CalendarHolder*> calendars = environment.Calendars();
        if (!calendars.ok()) return calendars.status();
        absl::StatusOr<const CalendarHolder*> again = environment.Calendars();
        if (!again.ok() || *again != *calendars) return absl::InternalError("a second holder");
        taken = *calendars;
        return absl::OkStatus();
      },
      &logger_);
  ASSERT_OK(server.status());
  ASSERT_NE(taken, nullptr);
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", (*server)->grpc_port()),
                                     grpc::InsecureChannelCredentials());
  auto admin = cs::common::v1::CalendarAdmin::NewStub(channel);
  {
    grpc::ClientContext context;
    AttachBearerToken(context, kToken);
    cs::common::v1::Calendar calendar;
    ASSERT_TRUE(admin->GetCalendar(&context, {}, &calendar).ok());
    EXPECT_EQ(calendar.current_version(), "v1");
    EXPECT_EQ(calendar.file(), file);
    // The test clock starts on 2026-03-02 09:00 Shanghai; the horizon ends 2027-01-01 00:00.
    EXPECT_EQ(calendar.horizon_seconds(),
              absl::ToInt64Seconds(absl::FromUnixSeconds(1798732800) - kStart));
  }
  std::ofstream(file) << CalendarText(absl::StrCat(VersionText("v1"), VersionText("v2")), "v2");
  ASSERT_OK((*server)->ReloadCalendar("SIGHUP"));
  EXPECT_EQ(taken->Get().current().version(), "v2");
  {
    grpc::ClientContext context;
    AttachBearerToken(context, kToken);
    cs::common::v1::ReloadCalendarResponse response;
    ASSERT_TRUE(admin->ReloadCalendar(&context, {}, &response).ok());
    EXPECT_FALSE(response.changed());
    EXPECT_EQ(response.calendar().current_version(), "v2");
  }
  (*server)->Shutdown();

  StartServer(/*test_clock=*/false);
  grpc::ClientContext context;
  AttachBearerToken(context, kToken);
  cs::common::v1::Calendar calendar;
  EXPECT_EQ(cs::common::v1::CalendarAdmin::NewStub(channel_)
                ->GetCalendar(&context, {}, &calendar)
                .error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_OK(server_->ReloadCalendar("SIGHUP")) << "nothing to reload is not an error";
}

}  // namespace
}  // namespace cs::common

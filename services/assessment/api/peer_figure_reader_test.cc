// S5 over real gRPC on loopback: the scorecard's figures are asked of the services that own them,
// with the SERVICE token and a deadline, each RPC once and the peers at the same time; a peer that
// is not there or too slow leaves its indicators missing with the call's code — never a zero. (The
// answered path against the six real services is the e2e test's.)
#include "services/assessment/api/peer_figure_reader.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "common/time/call_deadline.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "services/assessment/api/peer_figures.h"
#include "services/assessment/config/indicator_definitions_from_proto.h"
#include "services/assessment/config/indicators_file.h"

namespace cs::assessment {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

constexpr char kShippedFile[] = CS_SOURCE_DIR "/deploy/config/assessment_indicators.textproto";
constexpr char kToken[] = "assessment-service-token";
const absl::CivilMonth kMay(2026, 5);

// "127.0.0.1:<port>" where nothing listens: a port the kernel gave and took back.
std::string UnusedAddress() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  EXPECT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  socklen_t length = sizeof(address);
  EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  close(fd);
  return absl::StrCat("127.0.0.1:", ntohs(address.sin_port));
}

// The authorization header of every call a fake peer received.
class CallLog {
 public:
  void Record(const grpc::ServerContext& context) {
    const auto found = context.client_metadata().find("authorization");
    absl::MutexLock lock(&mutex_);
    headers_.push_back(found == context.client_metadata().end()
                           ? "(none)"
                           : std::string(found->second.data(), found->second.size()));
  }
  std::vector<std::string> headers() const {
    absl::MutexLock lock(&mutex_);
    return headers_;
  }

 private:
  mutable absl::Mutex mutex_;
  std::vector<std::string> headers_ ABSL_GUARDED_BY(mutex_);
};

// Never answers: waits until the caller gives up (or 10 s).
class SlowHotlineRegistry final : public hotline::v1::HotlineRegistryService::Service {
 public:
  grpc::Status GetMonthlyStatistics(grpc::ServerContext* context,
                                    const hotline::v1::GetMonthlyStatisticsRequest* /*request*/,
                                    hotline::v1::MonthlyStatistics* /*response*/) override {
    log.Record(*context);
    const absl::Time give_up = absl::Now() + absl::Seconds(10);
    while (!context->IsCancelled() && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(5));
    return grpc::Status(grpc::StatusCode::CANCELLED, "the caller gave up");
  }
  CallLog log;
};

// Remembers the deadline of the call it received, then never answers (like SlowHotlineRegistry).
class DeadlineRecordingHotlineRegistry final : public hotline::v1::HotlineRegistryService::Service {
 public:
  grpc::Status GetMonthlyStatistics(grpc::ServerContext* context,
                                    const hotline::v1::GetMonthlyStatisticsRequest* /*request*/,
                                    hotline::v1::MonthlyStatistics* /*response*/) override {
    {
      absl::MutexLock lock(&mutex_);
      deadline_ = absl::FromChrono(context->deadline());
    }
    const absl::Time give_up = absl::Now() + absl::Seconds(10);
    while (!context->IsCancelled() && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(5));
    return grpc::Status(grpc::StatusCode::CANCELLED, "the caller gave up");
  }
  // The deadline of the last call; InfinitePast before any.
  absl::Time deadline() const {
    absl::MutexLock lock(&mutex_);
    return deadline_;
  }

 private:
  mutable absl::Mutex mutex_;
  absl::Time deadline_ ABSL_GUARDED_BY(mutex_) = absl::InfinitePast();
};

// Answers after `delay` with two channels of the unit asked about.
class ChannelRegistry final : public channel::v1::ChannelRegistryService::Service {
 public:
  explicit ChannelRegistry(absl::Duration delay) : delay_(delay) {}
  grpc::Status GetMonthlyStatistics(grpc::ServerContext* context,
                                    const channel::v1::GetMonthlyStatisticsRequest* request,
                                    channel::v1::MonthlyStatistics* response) override {
    log.Record(*context);
    absl::SleepFor(delay_);
    response->set_unit_id(request->unit_id());
    response->set_month(request->month());
    response->set_channels_in_use(2);
    response->set_filings_complete_and_accurate(1);
    channel::v1::ChannelMonth* first = response->add_channels();
    first->set_channel_id("CH-1");
    first->set_checks_made(9);
    first->set_checks_missed(1);
    first->set_faults_repaired(2);
    first->set_faults_repaired_in_time(1);
    first->set_faults_overdue(1);
    first->set_report_submitted_on_time(true);
    cs::channel::v1::ChannelMonth* second = response->add_channels();
    second->set_channel_id("CH-2");
    second->set_report_overdue(true);
    return grpc::Status::OK;
  }
  CallLog log;

 private:
  const absl::Duration delay_;
};

// A loopback server for fake peers.
class FakePeers {
 public:
  explicit FakePeers(std::vector<grpc::Service*> services) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    for (grpc::Service* service : services) builder.RegisterService(service);
    server_ = builder.BuildAndStart();
  }
  ~FakePeers() {
    if (server_ != nullptr) {
      server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
    }
  }
  bool started() const { return server_ != nullptr && port_ > 0; }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }

 private:
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

class PeerFigureReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(cs::config::v1::AssessmentIndicators file,
                         LoadAssessmentIndicators(kShippedFile));
    ASSERT_OK_AND_ASSIGN(IndicatorDefinitions definitions, IndicatorDefinitionsFromProto(file));
    indicators_ = std::move(definitions.indicators);
    addresses_ = {UnusedAddress(), UnusedAddress(), UnusedAddress(), UnusedAddress(),
                  UnusedAddress()};
  }

  // The shipped indicators whose figure `service` owns.
  std::vector<IndicatorDefinition> Of(absl::string_view service) const {
    std::vector<IndicatorDefinition> of;
    for (const IndicatorDefinition& indicator : indicators_) {
      if (SourceService(indicator.source) == service) of.push_back(indicator);
    }
    return of;
  }

  PeerFigureReaderOptions Options(absl::Duration deadline) const {
    PeerFigureReaderOptions options;
    options.deadline = deadline;
    options.service_token = kToken;
    return options;
  }

  common::ManualClock clock_{common::testing::ShanghaiTime(2026, 6, 10, 9, 0)};
  std::vector<IndicatorDefinition> indicators_;
  PeerAddresses addresses_;
};

TEST_F(PeerFigureReaderTest, S5_PeersThatAreNotThereLeaveEachOfTheirIndicatorsMissing) {
  GrpcPeerFigureReader reader(addresses_, common::PeerChannelOptions(), Options(absl::Seconds(5)),
                              clock_);
  const ScorecardInputs gathered = reader.Read("broadband", kMay, indicators_);

  EXPECT_THAT(gathered.inputs, IsEmpty());
  std::vector<std::string> expected_ids;
  for (const IndicatorDefinition& indicator : indicators_) {
    if (SourceService(indicator.source) != kSourceAssessment) expected_ids.push_back(indicator.id);
  }
  ASSERT_THAT(expected_ids, SizeIs(11));  // every figure of the five peers in the shipped file
  ASSERT_THAT(gathered.missing, SizeIs(expected_ids.size()));
  for (size_t i = 0; i < expected_ids.size(); ++i) {
    const MissingInput& missing = gathered.missing[i];
    const IndicatorDefinition* indicator = FindIndicatorDefinition(indicators_, expected_ids[i]);
    ASSERT_NE(indicator, nullptr);
    EXPECT_EQ(missing.indicator_id, expected_ids[i]);
    EXPECT_EQ(missing.source, SourceService(indicator->source)) << missing.indicator_id;
    EXPECT_EQ(missing.rpc, PeerRpcOf(indicator->source)) << missing.indicator_id;
    EXPECT_EQ(missing.tried_at, clock_.Now());
    EXPECT_THAT(missing.error, StartsWith("UNAVAILABLE: ")) << missing.indicator_id;
  }
}

TEST_F(PeerFigureReaderTest, S5_APeerWithoutAnAddressIsMissingWithoutACall) {
  PeerAddresses addresses = addresses_;
  addresses.routing.clear();
  GrpcPeerFigureReader reader(addresses, common::PeerChannelOptions(), Options(absl::Seconds(5)),
                              clock_);
  const ScorecardInputs gathered = reader.Read("broadband", kMay, Of(kSourceRouting));
  ASSERT_THAT(gathered.missing, SizeIs(1));
  EXPECT_EQ(gathered.missing[0].source, "routing");
  EXPECT_THAT(gathered.missing[0].error, StartsWith("FAILED_PRECONDITION: no channel to routing"));
}

TEST_F(PeerFigureReaderTest, S5_ASlowPeerIsDeadlineExceededWithinTheDeadlineAndGotTheToken) {
  SlowHotlineRegistry hotline;
  FakePeers peers({&hotline});
  ASSERT_TRUE(peers.started());
  addresses_.hotline_registry = peers.address();
  const absl::Duration deadline = absl::Milliseconds(500);
  GrpcPeerFigureReader reader(addresses_, common::PeerChannelOptions(), Options(deadline), clock_);

  const absl::Time start = absl::Now();
  const ScorecardInputs gathered = reader.Read("broadband", kMay, Of(kSourceHotlineRegistry));
  const absl::Duration took = absl::Now() - start;

  EXPECT_GE(took, deadline - absl::Milliseconds(50));
  EXPECT_LT(took, deadline + absl::Seconds(1));
  EXPECT_THAT(gathered.inputs, IsEmpty());
  ASSERT_THAT(gathered.missing, SizeIs(3));
  for (const MissingInput& missing : gathered.missing) {
    EXPECT_EQ(missing.source, "hotline-registry");
    EXPECT_EQ(missing.rpc, kHotlineMonthlyStatisticsRpc);
    EXPECT_THAT(missing.error, StartsWith("DEADLINE_EXCEEDED")) << missing.indicator_id;
  }
  // One call for the three indicators, with the SERVICE token.
  EXPECT_THAT(hotline.log.headers(), ElementsAre(absl::StrCat("Bearer ", kToken)));
}

TEST_F(PeerFigureReaderTest, S5_AnAnsweringPeerGivesInputsWhileTheOthersAreAskedAtTheSameTime) {
  SlowHotlineRegistry hotline;
  ChannelRegistry channels(/*delay=*/absl::Milliseconds(800));
  FakePeers peers({&hotline, &channels});
  ASSERT_TRUE(peers.started());
  addresses_.hotline_registry = peers.address();
  addresses_.channel_registry = peers.address();
  const absl::Duration deadline = absl::Seconds(1);
  GrpcPeerFigureReader reader(addresses_, common::PeerChannelOptions(), Options(deadline), clock_);

  const absl::Time start = absl::Now();
  const ScorecardInputs gathered = reader.Read("broadband", kMay, indicators_);
  const absl::Duration took = absl::Now() - start;

  // One after the other would take 1.8 s.
  EXPECT_LT(took, absl::Milliseconds(1600));
  ASSERT_THAT(gathered.inputs, SizeIs(4));
  const std::vector<IndicatorDefinition> channel_indicators = Of(kSourceChannelRegistry);
  for (size_t i = 0; i < gathered.inputs.size(); ++i) {
    const IndicatorInput& input = gathered.inputs[i];
    EXPECT_EQ(input.indicator_id, channel_indicators[i].id);
    EXPECT_EQ(input.source, "channel-registry");
    EXPECT_EQ(input.rpc, kChannelMonthlyStatisticsRpc);
    EXPECT_EQ(input.read_at, clock_.Now());
  }
  // Filings, checks, faults, reports — in the shipped file's order.
  EXPECT_EQ(gathered.inputs[0].numerator, 1);
  EXPECT_EQ(gathered.inputs[0].denominator, 2);
  EXPECT_EQ(gathered.inputs[1].numerator, 9);
  EXPECT_EQ(gathered.inputs[1].denominator, 10);
  EXPECT_EQ(gathered.inputs[2].numerator, 1);
  EXPECT_EQ(gathered.inputs[2].denominator, 2);
  EXPECT_EQ(gathered.inputs[3].numerator, 1);
  EXPECT_EQ(gathered.inputs[3].denominator, 2);
  EXPECT_THAT(channels.log.headers(), ElementsAre(absl::StrCat("Bearer ", kToken)));

  ASSERT_THAT(gathered.missing, SizeIs(7));
  for (const MissingInput& missing : gathered.missing) {
    EXPECT_THAT(missing.error, StartsWith(missing.source == "hotline-registry" ? "DEADLINE_EXCEEDED"
                                                                               : "UNAVAILABLE: "))
        << missing.indicator_id;
  }
}

TEST_F(PeerFigureReaderTest, Deadlines_APeerGetsNoMoreThanTheCallerHasLeft) {
  DeadlineRecordingHotlineRegistry hotline;
  FakePeers peers({&hotline});
  ASSERT_TRUE(peers.started());
  addresses_.hotline_registry = peers.address();
  GrpcPeerFigureReader reader(addresses_, common::PeerChannelOptions(), Options(absl::Seconds(10)),
                              clock_);

  // The scorecard RPC's caller waits 200 ms; the reader would give each peer 10 s.
  const absl::Time callers_deadline = absl::Now() + absl::Milliseconds(200);
  ScorecardInputs gathered;
  {
    const common::CallDeadlineScope scope(callers_deadline, [] { return false; });
    gathered = reader.Read("broadband", kMay, Of(kSourceHotlineRegistry));
  }

  const absl::Time seen = hotline.deadline();
  ASSERT_NE(seen, absl::InfinitePast()) << "the peer was never called";
  // gRPC sends the deadline as a timeout (rounded up to the millisecond) that the peer counts from
  // when the call arrived, so the peer's instant may lie a few milliseconds after the caller's;
  // with the reader's own 10 s it would lie seconds after.
  EXPECT_LE(seen, callers_deadline + absl::Seconds(1));
  ASSERT_THAT(gathered.missing, SizeIs(3));
  for (const MissingInput& missing : gathered.missing) {
    EXPECT_THAT(missing.error, StartsWith("DEADLINE_EXCEEDED")) << missing.indicator_id;
  }
}

}  // namespace
}  // namespace cs::assessment

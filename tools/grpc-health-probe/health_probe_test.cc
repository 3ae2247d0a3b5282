// The real grpc_health_probe binary against real gRPC servers over loopback: a ServiceServer (what
// every service runs) that serves, one that has stopped, a server that answers NOT_SERVING, one
// that accepts connections and never answers, and TLS and mutual TLS with certificates made at
// test time. Each case checks the exit code the compose health checks and Kubernetes probes act
// on (health_probe.h).
#include "tools/grpc-health-probe/health_probe.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/auth/token_store.h"
#include "common/server/service_server.h"
#include "common/testing/service_process.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_certificates.h"
#include "common/testing/wait_for.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace cs::tools {
namespace {

using ::cs::common::ServerOptions;
using ::cs::common::ServerTls;
using ::cs::common::ServiceEnvironment;
using ::cs::common::ServiceServer;
using ::cs::common::TokenStore;
using ::cs::common::testing::ReadTextFile;
using ::cs::common::testing::ServiceProcess;
using ::cs::common::testing::TestAuthority;
using ::cs::common::testing::TestCertificates;
using ::cs::common::testing::TestKeyPair;
using ::cs::common::testing::WaitFor;
using ::testing::HasSubstr;

struct ProbeRun {
  int exit_code = -1;
  std::string output;
  absl::Duration took;
};

// Runs the probe binary with `args` and waits for it to exit.
ProbeRun RunProbe(const std::vector<std::string>& args) {
  static int runs = 0;
  const std::string log =
      absl::StrCat(::testing::TempDir(), "/grpc_health_probe_", getpid(), "_", ++runs, ".log");
  ProbeRun run;
  const absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<ServiceProcess>> probe =
      ServiceProcess::Start(CS_GRPC_HEALTH_PROBE, args, log);
  EXPECT_OK(probe.status());
  if (!probe.ok()) return run;
  EXPECT_OK(WaitFor("the probe to exit", [&] { return (*probe)->Exited(&run.exit_code); }));
  run.took = absl::Now() - start;
  run.output = (*probe)->LogTail();
  return run;
}

std::string Addr(int port) { return absl::StrCat("--addr=127.0.0.1:", port); }

// A ServiceServer with no business, on a free loopback port, as every service runs it.
std::unique_ptr<ServiceServer> StartServiceServer(absl::optional<ServerTls> tls = absl::nullopt) {
  ServerOptions options;
  options.service_name = "probe-test";
  options.grpc_address = "127.0.0.1";
  options.metrics_address = "127.0.0.1";
  options.tls = std::move(tls);
  absl::StatusOr<std::unique_ptr<ServiceServer>> server =
      ServiceServer::Start(std::move(options), *TokenStore::FromProto({}),
                           [](ServiceEnvironment&) { return absl::OkStatus(); });
  EXPECT_OK(server.status());
  return server.ok() ? *std::move(server) : nullptr;
}

// A plain gRPC server with the default health service, or none.
std::unique_ptr<grpc::Server> StartPlainServer(bool with_health, int* port) {
  grpc::EnableDefaultHealthCheckService(with_health);
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), port);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  grpc::EnableDefaultHealthCheckService(true);
  return server;
}

TEST(GrpcHealthProbeTest, ServingServerExitsZero) {
  std::unique_ptr<ServiceServer> server = StartServiceServer();
  ASSERT_NE(server, nullptr);
  const ProbeRun run = RunProbe({Addr(server->grpc_port())});
  EXPECT_EQ(run.exit_code, kProbeServing) << run.output;
  EXPECT_THAT(run.output, HasSubstr(absl::StrCat("127.0.0.1:", server->grpc_port(), ": SERVING")));
}

TEST(GrpcHealthProbeTest, StoppedServerIsUnreachableAtOnce) {
  std::unique_ptr<ServiceServer> server = StartServiceServer();
  ASSERT_NE(server, nullptr);
  const int port = server->grpc_port();
  server->Shutdown();
  server.reset();
  // A refused connection is reported without waiting for the timeout.
  const ProbeRun run = RunProbe({Addr(port), "--timeout=20s"});
  EXPECT_EQ(run.exit_code, kProbeUnreachable) << run.output;
  EXPECT_THAT(run.output, HasSubstr("unreachable"));
  EXPECT_LT(run.took, absl::Seconds(10));
}

TEST(GrpcHealthProbeTest, NotServingIsExitCodeFour) {
  int port = 0;
  std::unique_ptr<grpc::Server> server = StartPlainServer(/*with_health=*/true, &port);
  ASSERT_NE(server, nullptr);
  server->GetHealthCheckService()->SetServingStatus(false);
  ProbeRun run = RunProbe({Addr(port)});
  EXPECT_EQ(run.exit_code, kProbeNotServing) << run.output;
  EXPECT_THAT(run.output, HasSubstr("NOT_SERVING"));

  // Per service: one that serves, one that does not, one the server does not know.
  server->GetHealthCheckService()->SetServingStatus("cs.a.v1.A", true);
  server->GetHealthCheckService()->SetServingStatus("cs.b.v1.B", false);
  run = RunProbe({Addr(port), "--service=cs.a.v1.A"});
  EXPECT_EQ(run.exit_code, kProbeServing) << run.output;
  run = RunProbe({Addr(port), "--service=cs.b.v1.B"});
  EXPECT_EQ(run.exit_code, kProbeNotServing) << run.output;
  run = RunProbe({Addr(port), "--service=cs.unknown.v1.X"});
  EXPECT_EQ(run.exit_code, kProbeNotServing) << run.output;
  EXPECT_THAT(run.output, HasSubstr("does not know service \"cs.unknown.v1.X\""));
  server->Shutdown();
}

TEST(GrpcHealthProbeTest, ServiceServerKnowsOnlyTheWholeServer) {
  std::unique_ptr<ServiceServer> server = StartServiceServer();
  ASSERT_NE(server, nullptr);
  const ProbeRun run =
      RunProbe({Addr(server->grpc_port()), "--service=cs.intake.v1.IntakeService"});
  EXPECT_EQ(run.exit_code, kProbeNotServing) << run.output;
}

TEST(GrpcHealthProbeTest, ServerWithoutHealthServiceIsExitCodeFive) {
  int port = 0;
  std::unique_ptr<grpc::Server> server = StartPlainServer(/*with_health=*/false, &port);
  ASSERT_NE(server, nullptr);
  const ProbeRun run = RunProbe({Addr(port)});
  EXPECT_EQ(run.exit_code, kProbeRpcFailed) << run.output;
  EXPECT_THAT(run.output, HasSubstr("code 12"));  // UNIMPLEMENTED
  server->Shutdown();
}

TEST(GrpcHealthProbeTest, ListenerThatNeverSpeaksTimesOut) {
  // A listening socket nobody accepts from: the kernel completes the TCP handshake, then nothing
  // (no HTTP/2 settings). The connection attempt lasts as long as the call may.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(listen(fd, 16), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const ProbeRun run = RunProbe({Addr(ntohs(address.sin_port)), "--timeout=700ms"});
  close(fd);
  EXPECT_EQ(run.exit_code, kProbeTimeout) << run.output;
  EXPECT_THAT(run.output, HasSubstr("no answer within 700ms"));
  EXPECT_GE(run.took, absl::Milliseconds(700));
}

// A health service that answers only when released: a server too busy to answer in time.
class SlowHealthService final : public grpc::health::v1::Health::Service {
 public:
  grpc::Status Check(grpc::ServerContext* /*context*/,
                     const grpc::health::v1::HealthCheckRequest* /*request*/,
                     grpc::health::v1::HealthCheckResponse* response) override {
    release_.WaitForNotificationWithTimeout(absl::Seconds(30));
    response->set_status(grpc::health::v1::HealthCheckResponse::SERVING);
    return grpc::Status::OK;
  }
  void Release() { release_.Notify(); }

 private:
  absl::Notification release_;
};

TEST(GrpcHealthProbeTest, ServerTooSlowToAnswerTimesOut) {
  SlowHealthService slow;
  grpc::EnableDefaultHealthCheckService(false);
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&slow);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  grpc::EnableDefaultHealthCheckService(true);
  ASSERT_NE(server, nullptr);
  const ProbeRun run = RunProbe({Addr(port), "--timeout=700ms"});
  slow.Release();
  server->Shutdown();
  EXPECT_EQ(run.exit_code, kProbeTimeout) << run.output;
  EXPECT_THAT(run.output, HasSubstr("no answer within 700ms"));
  EXPECT_GE(run.took, absl::Milliseconds(700));
}

TEST(GrpcHealthProbeTest, BadFlagsAreExitCodeOne) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {},
           {"--addr=127.0.0.1:1", "--timeout=0s"},
           {"--addr=127.0.0.1:1", "--no_such_flag=1"},
           {"--addr=127.0.0.1:1", "stray"},
           {"--addr=127.0.0.1:1", "--tls_client_cert_file=/x.pem", "--tls_client_key_file=/x.key"},
           {"--addr=127.0.0.1:1", "--tls_server_name=intake"},
           {"--addr=127.0.0.1:1", "--tls_ca_file=/nonexistent/ca.pem"},
       }) {
    const ProbeRun run = RunProbe(args);
    EXPECT_EQ(run.exit_code, kProbeBadFlags) << absl::StrJoin(args, " ") << "\n" << run.output;
  }
}

class GrpcHealthProbeTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(certificates_, TestCertificates::Create());
    ASSERT_OK_AND_ASSIGN(ca_, certificates_->NewAuthority("probe-ca"));
    ASSERT_OK_AND_ASSIGN(server_pair_, certificates_->Issue(ca_, "server"));
    ASSERT_OK_AND_ASSIGN(named_pair_,
                         certificates_->Issue(ca_, "named", {"DNS:intake.cs.internal"}));
    ASSERT_OK_AND_ASSIGN(client_pair_, certificates_->Issue(ca_, "probe"));
    ASSERT_OK_AND_ASSIGN(other_ca_, certificates_->NewAuthority("other-ca"));
  }

  ServerTls Tls(const TestKeyPair& pair, bool mutual) {
    ServerTls tls;
    tls.certificate_chain_pem = ReadTextFile(pair.certificate_file).value_or("");
    tls.private_key_pem = ReadTextFile(pair.key_file).value_or("");
    if (mutual) tls.client_ca_pem = ReadTextFile(ca_.certificate_file).value_or("");
    return tls;
  }

  std::unique_ptr<TestCertificates> certificates_;
  TestAuthority ca_;
  TestAuthority other_ca_;
  TestKeyPair server_pair_;
  TestKeyPair named_pair_;
  TestKeyPair client_pair_;
};

TEST_F(GrpcHealthProbeTlsTest, MutualTlsNeedsTheClientCertificate) {
  std::unique_ptr<ServiceServer> server = StartServiceServer(Tls(server_pair_, /*mutual=*/true));
  ASSERT_NE(server, nullptr);
  const std::string addr = Addr(server->grpc_port());
  const std::string ca = absl::StrCat("--tls_ca_file=", ca_.certificate_file);

  ProbeRun run =
      RunProbe({addr, ca, absl::StrCat("--tls_client_cert_file=", client_pair_.certificate_file),
                absl::StrCat("--tls_client_key_file=", client_pair_.key_file)});
  EXPECT_EQ(run.exit_code, kProbeServing) << run.output;

  run = RunProbe({addr, ca});  // no client certificate
  EXPECT_EQ(run.exit_code, kProbeUnreachable) << run.output;
  run = RunProbe({addr});  // plaintext to a TLS port
  EXPECT_EQ(run.exit_code, kProbeUnreachable) << run.output;
  run = RunProbe({addr, absl::StrCat("--tls_ca_file=", other_ca_.certificate_file),
                  absl::StrCat("--tls_client_cert_file=", client_pair_.certificate_file),
                  absl::StrCat("--tls_client_key_file=", client_pair_.key_file)});
  EXPECT_EQ(run.exit_code, kProbeUnreachable) << run.output;  // server not trusted
}

TEST_F(GrpcHealthProbeTlsTest, ServerNameOverridesTheAddressHost) {
  // The certificate names intake.cs.internal only; the probe calls 127.0.0.1.
  std::unique_ptr<ServiceServer> server = StartServiceServer(Tls(named_pair_, /*mutual=*/false));
  ASSERT_NE(server, nullptr);
  const std::string addr = Addr(server->grpc_port());
  const std::string ca = absl::StrCat("--tls_ca_file=", ca_.certificate_file);
  ProbeRun run = RunProbe({addr, ca});
  EXPECT_EQ(run.exit_code, kProbeUnreachable) << run.output;
  run = RunProbe({addr, ca, "--tls_server_name=intake.cs.internal"});
  EXPECT_EQ(run.exit_code, kProbeServing) << run.output;
}

TEST_F(GrpcHealthProbeTlsTest, AClientKeyOfAnotherCertificateIsABadFlag) {
  const ProbeRun run =
      RunProbe({"--addr=127.0.0.1:1", absl::StrCat("--tls_ca_file=", ca_.certificate_file),
                absl::StrCat("--tls_client_cert_file=", client_pair_.certificate_file),
                absl::StrCat("--tls_client_key_file=", server_pair_.key_file)});
  EXPECT_EQ(run.exit_code, kProbeBadFlags) << run.output;
  EXPECT_THAT(run.output, HasSubstr("tls_client_cert_file"));
}

}  // namespace
}  // namespace cs::tools

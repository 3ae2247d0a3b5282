// Transport security of the suite (issue 11), against the real binaries: every service serves
// mutual TLS, calls the others over it with its own client certificate, and reaches its schema
// over TLS on a MariaDB that refuses plaintext. Certificates are made with openssl at test time
// (common/testing/test_certificates.h). TLS only protects the transport: bearer tokens are still
// required.
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/connection_pool.h"
#include "common/grpc/client_auth.h"
#include "common/testing/private_mariadb.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_certificates.h"
#include "common/testing/wait_for.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "tests/e2e/intake_as_staff.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {
namespace {

using ::cs::common::testing::PrivateMariaDb;
using ::cs::common::testing::PrivateMariaDbTls;
using ::cs::common::testing::ReadTextFile;
using ::cs::common::testing::TestAuthority;
using ::cs::common::testing::TestCertificates;
using ::cs::common::testing::TestKeyPair;
using ::testing::AllOf;
using ::testing::HasSubstr;

// The suite's authority, the certificates it signed, and an authority nobody trusts.
struct Pki {
  std::unique_ptr<TestCertificates> files;
  TestAuthority ca;
  TestKeyPair service;  // every service's server and client certificate
  TestKeyPair client;   // the test's own client certificate
  TestAuthority stranger_ca;
  TestKeyPair stranger_client;
};

absl::StatusOr<Pki> MakePki() {
  Pki pki;
  absl::StatusOr<std::unique_ptr<TestCertificates>> files = TestCertificates::Create();
  if (!files.ok()) return files.status();
  pki.files = *std::move(files);
  absl::StatusOr<TestAuthority> ca = pki.files->NewAuthority("suite");
  if (!ca.ok()) return ca.status();
  pki.ca = *ca;
  absl::StatusOr<TestAuthority> stranger = pki.files->NewAuthority("stranger");
  if (!stranger.ok()) return stranger.status();
  pki.stranger_ca = *stranger;
  for (auto [target, authority, name] :
       {std::make_tuple(&pki.service, &pki.ca, "service"),
        std::make_tuple(&pki.client, &pki.ca, "test-client"),
        std::make_tuple(&pki.stranger_client, &pki.stranger_ca, "stranger-client")}) {
    absl::StatusOr<TestKeyPair> pair = pki.files->Issue(*authority, name);
    if (!pair.ok()) return pair.status();
    *target = *pair;
  }
  return pki;
}

// TLS credentials trusting `ca_file`, presenting `client` unless it is null.
std::shared_ptr<grpc::ChannelCredentials> TlsCredentials(const std::string& ca_file,
                                                         const TestKeyPair* client) {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadTextFile(ca_file).value_or("");
  if (client != nullptr) {
    ssl.pem_cert_chain = ReadTextFile(client->certificate_file).value_or("");
    ssl.pem_private_key = ReadTextFile(client->key_file).value_or("");
  }
  return grpc::SslCredentials(ssl);
}

// One health check with a short deadline on a fresh channel.
grpc::Status CheckHealth(int port, std::shared_ptr<grpc::ChannelCredentials> credentials) {
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), std::move(credentials));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  grpc::health::v1::HealthCheckResponse response;
  return grpc::health::v1::Health::NewStub(channel)->Check(
      &context, grpc::health::v1::HealthCheckRequest(), &response);
}

class TransportSecurityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<Pki> pki = MakePki();
    ASSERT_OK(pki.status());
    pki_ = new Pki(*std::move(pki));
    // The database serves only TLS, with a certificate of the suite's authority.
    ASSERT_OK_AND_ASSIGN(auto database,
                         PrivateMariaDb::Create({.certificate_file = pki_->service.certificate_file,
                                                 .key_file = pki_->service.key_file,
                                                 .ca_file = pki_->ca.certificate_file,
                                                 .require_secure_transport = true}));
    database_ = database.release();
    SuiteOptions options;
    options.test_clock = true;
    options.tls = SuiteTls{.certificate_file = pki_->service.certificate_file,
                           .key_file = pki_->service.key_file,
                           .ca_file = pki_->ca.certificate_file,
                           .client_ca_file = pki_->ca.certificate_file,
                           .test_client_certificate_file = pki_->client.certificate_file,
                           .test_client_key_file = pki_->client.key_file};
    // The admin account over TLS; the services get its --mysql_ssl_ca.
    options.mysql_server = database_->AdminOptions();
    absl::StatusOr<std::unique_ptr<RunningSuite>> suite = RunningSuite::Start(options);
    ASSERT_OK(suite.status());
    suite_ = suite->release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    delete database_;
    delete pki_;
    suite_ = nullptr;
    database_ = nullptr;
    pki_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(suite_, nullptr) << "the suite did not start"; }

  static int PortOf(absl::string_view service) { return suite_->service(service).grpc_port; }

  static Pki* pki_;
  static PrivateMariaDb* database_;
  static RunningSuite* suite_;
};

Pki* TransportSecurityTest::pki_ = nullptr;
PrivateMariaDb* TransportSecurityTest::database_ = nullptr;
RunningSuite* TransportSecurityTest::suite_ = nullptr;

TEST_F(TransportSecurityTest, APlaintextClientFailsTheHandshakeOnEveryServicePort) {
  for (const std::string& name : RunningSuite::ServiceNames()) {
    const grpc::Status status = CheckHealth(PortOf(name), grpc::InsecureChannelCredentials());
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
        << name << ": " << status.error_message();
  }
}

TEST_F(TransportSecurityTest, UnderMutualTlsAClientWithoutCertificateIsRefused) {
  for (const std::string& name : RunningSuite::ServiceNames()) {
    const grpc::Status status =
        CheckHealth(PortOf(name), TlsCredentials(pki_->ca.certificate_file, nullptr));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
        << name << ": " << status.error_message();
  }
}

TEST_F(TransportSecurityTest, UnderMutualTlsAClientCertificateFromAnotherCaIsRefused) {
  for (const std::string& name : RunningSuite::ServiceNames()) {
    const grpc::Status status = CheckHealth(
        PortOf(name), TlsCredentials(pki_->ca.certificate_file, &pki_->stranger_client));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
        << name << ": " << status.error_message();
  }
  // The same port answers a certificate of the suite's authority: the refusal was the certificate.
  EXPECT_TRUE(
      CheckHealth(PortOf("intake"), TlsCredentials(pki_->ca.certificate_file, &pki_->client)).ok());
}

TEST_F(TransportSecurityTest, AValidCertificateWithoutBearerTokenIsStillUnauthenticated) {
  auto intake = cs::intake::v1::IntakeService::NewStub(suite_->service("intake").channel);
  cs::intake::v1::GetTicketRequest request;
  request.set_ticket_id(1);
  cs::intake::v1::Ticket ticket;
  {
    grpc::ClientContext context;
    const grpc::Status status = intake->GetTicket(&context, request, &ticket);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
  }
  {
    // With a token, the same channel gets past authentication (no such ticket).
    grpc::ClientContext context;
    common::AttachBearerToken(context, kBroadbandStaffToken);
    const grpc::Status status = intake->GetTicket(&context, request, &ticket);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
  }
}

// SPEC I4 over mutual TLS: intake's relay reaches routing with intake's client certificate, and
// routing's receipt comes back; every service works on its schema over the database's TLS.
TEST_F(TransportSecurityTest, I4_IntakeForwardsToRoutingOverMutualTlsAndTheReceiptIsConfirmed) {
  IntakeAsStaff intake(suite_->service("intake").channel);
  const cs::intake::v1::Ticket forwarded = intake.CreateAndForward("transport-security");
  ASSERT_GT(forwarded.ticket_id(), 0);

  cs::intake::v1::Ticket ticket;
  EXPECT_OK(common::testing::WaitFor("routing's receipt of the forward",
                                     [&] {
                                       ticket = intake.Get(forwarded.ticket_id());
                                       return ticket.status() ==
                                              cs::intake::v1::TICKET_STATUS_RECEIVED;
                                     }))
      << ticket.DebugString() << "\nintake: " << suite_->service("intake").process->LogTail()
      << "\nrouting: " << suite_->service("routing").process->LogTail();
  EXPECT_TRUE(ticket.forward().has_confirmed_at()) << ticket.DebugString();
}

// What makes the test above a test of the database's TLS: the server refuses plaintext.
TEST_F(TransportSecurityTest, TheDatabaseRefusesAConnectionWithoutTls) {
  common::db::MySqlOptions plaintext = database_->AdminOptions();
  plaintext.ssl_ca.clear();
  plaintext.pool_size = 1;
  EXPECT_FALSE(common::db::ConnectionPool::Create(plaintext).ok());
  common::db::MySqlOptions tls = database_->AdminOptions();
  tls.pool_size = 1;
  EXPECT_OK(common::db::ConnectionPool::Create(tls).status());
}

TEST_F(TransportSecurityTest, AServiceGivenTheWrongDatabaseCaFailsToStartNamingTheTlsProblem) {
  SuiteOptions options;
  options.mysql_server = database_->AdminOptions();
  // The archive starts first; it is told to trust an authority that did not sign the server.
  options.extra_flags["archive"] = {
      absl::StrCat("--mysql_ssl_ca=", pki_->stranger_ca.certificate_file)};
  absl::StatusOr<std::unique_ptr<RunningSuite>> suite = RunningSuite::Start(options);
  ASSERT_FALSE(suite.ok());
  EXPECT_THAT(suite.status().message(),
              AllOf(HasSubstr("archive"), HasSubstr("exited with 1"), HasSubstr("startup_failed"),
                    HasSubstr("UNAVAILABLE"), HasSubstr("TLS handshake with the server failed"),
                    HasSubstr("certificate")));
}

}  // namespace
}  // namespace cs::e2e

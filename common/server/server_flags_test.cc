// The transport-security flags of every service (issue 11): which combinations are accepted, and
// that a file that cannot serve is a start-up error naming its flag and path. Certificates are
// made with openssl at test time (common/testing/test_certificates.h).
#include "common/server/server_flags.h"

#include <fstream>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_certificates.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::ReadTextFile;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::TestAuthority;
using ::cs::common::testing::TestCertificates;
using ::cs::common::testing::TestKeyPair;
using ::testing::AllOf;
using ::testing::HasSubstr;

const ServiceInfo kInfo{
    .name = "fake", .default_grpc_port = 1, .default_metrics_port = 2, .extra_env_flags = {}};

class ServerFlagsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto certificates = TestCertificates::Create();
    ASSERT_OK(certificates.status());
    certificates_ = certificates->release();
    ASSERT_OK_AND_ASSIGN(ca_, certificates_->NewAuthority("flags"));
    ASSERT_OK_AND_ASSIGN(server_, certificates_->Issue(ca_, "server"));
    ASSERT_OK_AND_ASSIGN(other_, certificates_->Issue(ca_, "other"));
  }
  static void TearDownTestSuite() {
    delete certificates_;
    certificates_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(certificates_, nullptr); }

  static std::string Pem(const std::string& path) { return ReadTextFile(path).value_or("?"); }

  static TestCertificates* certificates_;
  static TestAuthority ca_;
  static TestKeyPair server_;
  static TestKeyPair other_;
  absl::FlagSaver saver_;
};

TestCertificates* ServerFlagsTest::certificates_ = nullptr;
TestAuthority ServerFlagsTest::ca_;
TestKeyPair ServerFlagsTest::server_;
TestKeyPair ServerFlagsTest::other_;

TEST_F(ServerFlagsTest, WithoutTlsFlagsEverythingIsPlaintext) {
  ASSERT_OK_AND_ASSIGN(ServerOptions options, ServerOptionsFromFlags(kInfo));
  EXPECT_FALSE(options.tls.has_value());
  EXPECT_FALSE(options.peer_channels.tls.has_value());
  EXPECT_EQ(options.mysql.ssl_ca, "");
  EXPECT_EQ(options.mysql.ssl_cert, "");
}

TEST_F(ServerFlagsTest, TheDefaultSchemaIsTheServicesNameWithUnderscores) {
  ASSERT_OK_AND_ASSIGN(ServerOptions options, ServerOptionsFromFlags(kInfo));
  EXPECT_EQ(options.mysql.database, "cs_fake");
  ServiceInfo registry = kInfo;
  registry.name = "hotline-registry";
  ASSERT_OK_AND_ASSIGN(options, ServerOptionsFromFlags(registry));
  EXPECT_EQ(options.mysql.database, "cs_hotline_registry");
  EXPECT_EQ(options.service_name, "hotline-registry");
  absl::SetFlag(&FLAGS_mysql_database, "elsewhere");
  ASSERT_OK_AND_ASSIGN(options, ServerOptionsFromFlags(registry));
  EXPECT_EQ(options.mysql.database, "elsewhere");
}

TEST_F(ServerFlagsTest, CertificateAndKeyServeTlsAndAClientCaMakesItMutual) {
  absl::SetFlag(&FLAGS_tls_cert_file, server_.certificate_file);
  absl::SetFlag(&FLAGS_tls_key_file, server_.key_file);
  ASSERT_OK_AND_ASSIGN(ServerOptions options, ServerOptionsFromFlags(kInfo));
  ASSERT_TRUE(options.tls.has_value());
  EXPECT_EQ(options.tls->certificate_chain_pem, Pem(server_.certificate_file));
  EXPECT_EQ(options.tls->private_key_pem, Pem(server_.key_file));
  EXPECT_EQ(options.tls->client_ca_pem, "");

  absl::SetFlag(&FLAGS_tls_client_ca_file, ca_.certificate_file);
  ASSERT_OK_AND_ASSIGN(options, ServerOptionsFromFlags(kInfo));
  ASSERT_TRUE(options.tls.has_value());
  EXPECT_EQ(options.tls->client_ca_pem, Pem(ca_.certificate_file));
}

TEST_F(ServerFlagsTest, PeerChannelsTrustTheCaAndPresentTheClientCertificate) {
  absl::SetFlag(&FLAGS_tls_ca_file, ca_.certificate_file);
  ASSERT_OK_AND_ASSIGN(PeerChannelOptions peers, PeerChannelOptionsFromFlags());
  ASSERT_TRUE(peers.tls.has_value());
  EXPECT_EQ(peers.tls->root_certificates_pem, Pem(ca_.certificate_file));
  EXPECT_EQ(peers.tls->client_certificate_chain_pem, "");

  absl::SetFlag(&FLAGS_tls_client_cert_file, other_.certificate_file);
  absl::SetFlag(&FLAGS_tls_client_key_file, other_.key_file);
  ASSERT_OK_AND_ASSIGN(ServerOptions options, ServerOptionsFromFlags(kInfo));
  ASSERT_TRUE(options.peer_channels.tls.has_value());
  EXPECT_EQ(options.peer_channels.tls->client_certificate_chain_pem, Pem(other_.certificate_file));
  EXPECT_EQ(options.peer_channels.tls->client_private_key_pem, Pem(other_.key_file));
  // The server side is configured on its own.
  EXPECT_FALSE(options.tls.has_value());
}

TEST_F(ServerFlagsTest, AnUnreadableFileIsAnErrorNamingTheFlagAndThePath) {
  absl::SetFlag(&FLAGS_tls_cert_file, "/nonexistent/server.pem");
  absl::SetFlag(&FLAGS_tls_key_file, server_.key_file);
  absl::SetFlag(&FLAGS_tls_ca_file, "/nonexistent/ca.pem");
  EXPECT_THAT(ServerOptionsFromFlags(kInfo),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("tls_cert_file: cannot read /nonexistent/server.pem"),
                             HasSubstr("tls_ca_file: cannot read /nonexistent/ca.pem"))));
}

TEST_F(ServerFlagsTest, AFileOfTheWrongKindIsAnErrorNamingTheFlagAndThePath) {
  // The key where the certificate belongs, and the other way round.
  absl::SetFlag(&FLAGS_tls_cert_file, server_.key_file);
  absl::SetFlag(&FLAGS_tls_key_file, server_.certificate_file);
  EXPECT_THAT(ServerOptionsFromFlags(kInfo),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr(absl::StrCat("tls_cert_file: ", server_.key_file,
                                                    " holds no PEM certificate")),
                             HasSubstr(absl::StrCat("tls_key_file: ", server_.certificate_file,
                                                    " holds no readable PEM private key")))));
}

TEST_F(ServerFlagsTest, AKeyOfAnotherCertificateIsRefused) {
  absl::SetFlag(&FLAGS_tls_cert_file, server_.certificate_file);
  absl::SetFlag(&FLAGS_tls_key_file, other_.key_file);
  EXPECT_THAT(ServerOptionsFromFlags(kInfo),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("tls_cert_file"), HasSubstr(other_.key_file),
                             HasSubstr("does not belong to the certificate"))));
}

TEST_F(ServerFlagsTest, AnEncryptedKeyIsRefusedSayingWhy) {
  const std::string path = absl::StrCat(certificates_->directory(), "/encrypted.key");
  std::ofstream(path) << "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                         "-----END ENCRYPTED PRIVATE KEY-----\n";
  absl::SetFlag(&FLAGS_tls_cert_file, server_.certificate_file);
  absl::SetFlag(&FLAGS_tls_key_file, path);
  EXPECT_THAT(ServerOptionsFromFlags(kInfo),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("tls_key_file"), HasSubstr("encrypted private key"))));
}

TEST_F(ServerFlagsTest, FlagsThatOnlyWorkTogetherAreRefusedAlone) {
  absl::SetFlag(&FLAGS_tls_cert_file, server_.certificate_file);
  EXPECT_THAT(ServerOptionsFromFlags(kInfo),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("tls_key_file: must be given with --tls_cert_file")));
  absl::SetFlag(&FLAGS_tls_cert_file, "");
  absl::SetFlag(&FLAGS_tls_client_ca_file, ca_.certificate_file);
  EXPECT_THAT(ServerOptionsFromFlags(kInfo),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("tls_client_ca_file: needs --tls_cert_file")));
  absl::SetFlag(&FLAGS_tls_client_ca_file, "");
  absl::SetFlag(&FLAGS_tls_client_cert_file, server_.certificate_file);
  absl::SetFlag(&FLAGS_tls_client_key_file, server_.key_file);
  EXPECT_THAT(PeerChannelOptionsFromFlags(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("tls_client_cert_file: needs --tls_ca_file")));
  absl::SetFlag(&FLAGS_tls_client_cert_file, "");
  absl::SetFlag(&FLAGS_tls_client_key_file, "");
  absl::SetFlag(&FLAGS_mysql_ssl_cert, server_.certificate_file);
  absl::SetFlag(&FLAGS_mysql_ssl_key, server_.key_file);
  EXPECT_THAT(ServerOptionsFromFlags(kInfo),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("mysql_ssl_ca: must be given with --mysql_ssl_cert")));
}

TEST_F(ServerFlagsTest, MySqlTlsFlagsBecomeTheConnectorsPaths) {
  absl::SetFlag(&FLAGS_mysql_ssl_ca, ca_.certificate_file);
  ASSERT_OK_AND_ASSIGN(ServerOptions options, ServerOptionsFromFlags(kInfo));
  EXPECT_EQ(options.mysql.ssl_ca, ca_.certificate_file);
  EXPECT_EQ(options.mysql.ssl_cert, "");
  absl::SetFlag(&FLAGS_mysql_ssl_cert, other_.certificate_file);
  absl::SetFlag(&FLAGS_mysql_ssl_key, other_.key_file);
  ASSERT_OK_AND_ASSIGN(options, ServerOptionsFromFlags(kInfo));
  EXPECT_EQ(options.mysql.ssl_cert, other_.certificate_file);
  EXPECT_EQ(options.mysql.ssl_key, other_.key_file);
  absl::SetFlag(&FLAGS_mysql_ssl_ca, server_.key_file);
  EXPECT_THAT(ServerOptionsFromFlags(kInfo),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("mysql_ssl_ca"), HasSubstr(server_.key_file))));
}

TEST_F(ServerFlagsTest, ThePasswordCanComeFromAFile) {
  const std::string path = absl::StrCat(certificates_->directory(), "/db-password");
  {
    std::ofstream out(path);
    out << "s3cr3t 'with' spaces\n";
  }
  absl::SetFlag(&FLAGS_mysql_password_file, path);
  ASSERT_OK_AND_ASSIGN(ServerOptions options, ServerOptionsFromFlags(kInfo));
  EXPECT_EQ(options.mysql.password, "s3cr3t 'with' spaces");

  absl::SetFlag(&FLAGS_mysql_password, "other");
  EXPECT_THAT(ServerOptionsFromFlags(kInfo),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("mysql_password_file: give --mysql_password or")));
  absl::SetFlag(&FLAGS_mysql_password, "");
  absl::SetFlag(&FLAGS_mysql_password_file, path + ".missing");
  EXPECT_THAT(
      ServerOptionsFromFlags(kInfo),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("mysql_password_file: cannot read"), HasSubstr(path + ".missing"))));
  {
    std::ofstream out(path);
    out << "\n";
  }
  absl::SetFlag(&FLAGS_mysql_password_file, path);
  EXPECT_THAT(ServerOptionsFromFlags(kInfo),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(path + " is empty")));
  EXPECT_THAT(ServerFlagNames(), ::testing::Contains("mysql_password_file"));
}

TEST_F(ServerFlagsTest, Audit_EveryServiceTakesAMigrationAccount) {
  ASSERT_OK_AND_ASSIGN(ServerOptions options, ServerOptionsFromFlags(kInfo));
  EXPECT_EQ(options.migration_user, "");
  const std::string path = absl::StrCat(certificates_->directory(), "/migration-password");
  {
    std::ofstream out(path);
    out << "m1gr4t0r\n";
  }
  absl::SetFlag(&FLAGS_migration_user, "cs_fake_migration");
  absl::SetFlag(&FLAGS_migration_password_file, path);
  ASSERT_OK_AND_ASSIGN(options, ServerOptionsFromFlags(kInfo));
  EXPECT_EQ(options.migration_user, "cs_fake_migration");
  EXPECT_EQ(options.migration_password, "m1gr4t0r");

  absl::SetFlag(&FLAGS_migration_password, "other");
  EXPECT_THAT(ServerOptionsFromFlags(kInfo),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("migration_password_file: give --migration_password or")));
  absl::SetFlag(&FLAGS_migration_password, "");
  absl::SetFlag(&FLAGS_migration_password_file, path + ".missing");
  EXPECT_THAT(ServerOptionsFromFlags(kInfo),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("migration_password_file: cannot read"),
                             HasSubstr(path + ".missing"))));
  for (const char* name : {"migration_user", "migration_password", "migration_password_file"}) {
    EXPECT_THAT(ServerFlagNames(), ::testing::Contains(name));
  }
}

TEST_F(ServerFlagsTest, EveryTransportSecurityFlagReadsTheEnvironmentToo) {
  for (const char* name : {"dev_mode", "tls_cert_file", "tls_key_file", "tls_client_ca_file",
                           "tls_ca_file", "tls_client_cert_file", "tls_client_key_file",
                           "mysql_ssl_ca", "mysql_ssl_cert", "mysql_ssl_key"}) {
    EXPECT_THAT(ServerFlagNames(), ::testing::Contains(name));
  }
}

}  // namespace
}  // namespace cs::common

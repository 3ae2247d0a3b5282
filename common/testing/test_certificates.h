// Certificates made at test time with /usr/bin/openssl (Debian's `openssl`, installed by
// deploy/lib/install-deps.sh), for tests of TLS between the suite's processes and to the database:
// certificate authorities, and certificates they sign for 127.0.0.1 and localhost. Nothing is
// checked in, so nothing expires in the repository. EC P-256 keys: made in milliseconds.
//
//   ASSERT_OK_AND_ASSIGN(auto certificates, TestCertificates::Create());
//   ASSERT_OK_AND_ASSIGN(TestAuthority ca, certificates->NewAuthority("suite-ca"));
//   ASSERT_OK_AND_ASSIGN(TestKeyPair server, certificates->Issue(ca, "intake"));
//
// The files live in a temporary directory removed with the object. Not thread-safe: one test
// thread drives it.
#ifndef CS_COMMON_TESTING_TEST_CERTIFICATES_H_
#define CS_COMMON_TESTING_TEST_CERTIFICATES_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cs::common::testing {

// A certificate authority: its self-signed certificate (what a peer trusts) and its key.
struct TestAuthority {
  std::string name;
  std::string certificate_file;
  std::string key_file;
};

// A certificate signed by an authority, and its private key (PEM files).
struct TestKeyPair {
  std::string certificate_file;
  std::string key_file;
};

class TestCertificates final {
 public:
  // A fresh temporary directory. FAILED_PRECONDITION when /usr/bin/openssl is missing.
  static absl::StatusOr<std::unique_ptr<TestCertificates>> Create();

  TestCertificates(const TestCertificates&) = delete;
  TestCertificates& operator=(const TestCertificates&) = delete;
  // Removes the directory and every file in it.
  ~TestCertificates();

  // A new self-signed authority named `name` (a file-name-safe word). INTERNAL with openssl's
  // output when it fails.
  absl::StatusOr<TestAuthority> NewAuthority(absl::string_view name);

  // A certificate for `name` signed by `authority`, valid from now for two days, usable both as a
  // server and as a client certificate (extendedKeyUsage serverAuth, clientAuth), for the
  // subjectAltNames `alt_names` (openssl syntax: "DNS:localhost", "IP:127.0.0.1").
  absl::StatusOr<TestKeyPair> Issue(const TestAuthority& authority, absl::string_view name,
                                    const std::vector<std::string>& alt_names = {"DNS:localhost",
                                                                                 "IP:127.0.0.1"});

  const std::string& directory() const { return directory_; }

 private:
  explicit TestCertificates(std::string directory) : directory_(std::move(directory)) {}
  std::string PathOf(absl::string_view file) const;

  const std::string directory_;
};

// The text of a file (a PEM file, for credentials built in a test). NOT_FOUND when unreadable.
absl::StatusOr<std::string> ReadTextFile(const std::string& path);

}  // namespace cs::common::testing

#endif  // CS_COMMON_TESTING_TEST_CERTIFICATES_H_

#include "common/testing/test_certificates.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "common/testing/shell_command.h"

namespace cs::common::testing {
namespace {

constexpr char kOpenssl[] = "/usr/bin/openssl";

// The extensions openssl adds, from a configuration of our own: the system's openssl.cnf differs
// between machines (and adds its own defaults to `req -x509`).
constexpr char kConfig[] = R"([req]
distinguished_name = subject
[subject]
[authority]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = $ENV::CS_TEST_ALT_NAMES
)";

// Runs openssl with `arguments` (and `environment` assignments before it); INTERNAL with its
// output on failure.
absl::Status RunOpenssl(const std::vector<std::string>& arguments,
                        absl::string_view environment = "") {
  std::vector<std::string> quoted;
  for (const std::string& argument : arguments) quoted.push_back(ShellQuoted(argument));
  const std::string command =
      absl::StrCat(environment, " ", kOpenssl, " ", absl::StrJoin(quoted, " "));
  const ShellResult run = RunShellCommand(command);
  if (run.exit_code != 0)
    return absl::InternalError(absl::StrCat(command, " failed: ", run.output));
  return absl::OkStatus();
}

// A serial number unlikely to repeat between two certificates of one authority.
std::string RandomSerial() {
  std::array<unsigned char, 8> bytes;
  std::ifstream("/dev/urandom", std::ios::binary)
      .read(reinterpret_cast<char*>(bytes.data()), bytes.size());
  std::string hex = "0x";
  for (unsigned char b : bytes) absl::StrAppend(&hex, absl::Hex(b & 0x7f, absl::kZeroPad2));
  return hex;
}

}  // namespace

absl::StatusOr<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::StatusOr<std::unique_ptr<TestCertificates>> TestCertificates::Create() {
  if (::access(kOpenssl, X_OK) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        kOpenssl, " is missing: install Debian's openssl (deploy/lib/install-deps.sh does)"));
  }
  std::error_code error;
  const std::filesystem::path temp = std::filesystem::temp_directory_path(error);
  std::string pattern =
      ((error ? std::filesystem::path("/tmp") : temp) / "cs-test-certificates.XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("mkdtemp ", pattern, " failed"));
  }
  std::unique_ptr<TestCertificates> certificates(new TestCertificates(pattern));
  std::ofstream(certificates->PathOf("openssl.cnf")) << kConfig;
  return certificates;
}

TestCertificates::~TestCertificates() {
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

std::string TestCertificates::PathOf(absl::string_view file) const {
  return absl::StrCat(directory_, "/", file);
}

absl::StatusOr<TestAuthority> TestCertificates::NewAuthority(absl::string_view name) {
  TestAuthority authority;
  authority.name = std::string(name);
  authority.certificate_file = PathOf(absl::StrCat(name, "-ca.pem"));
  authority.key_file = PathOf(absl::StrCat(name, "-ca.key"));
  // The leaf section's $ENV reference must resolve even when only the authority section is used.
  absl::Status made = RunOpenssl({"req",
                                  "-x509",
                                  "-new",
                                  "-config",
                                  PathOf("openssl.cnf"),
                                  "-extensions",
                                  "authority",
                                  "-newkey",
                                  "ec",
                                  "-pkeyopt",
                                  "ec_paramgen_curve:prime256v1",
                                  "-nodes",
                                  "-keyout",
                                  authority.key_file,
                                  "-out",
                                  authority.certificate_file,
                                  "-days",
                                  "2",
                                  "-subj",
                                  absl::StrCat("/CN=", name, " test CA")},
                                 "CS_TEST_ALT_NAMES=DNS:unused");
  if (!made.ok()) return made;
  return authority;
}

absl::StatusOr<TestKeyPair> TestCertificates::Issue(const TestAuthority& authority,
                                                    absl::string_view name,
                                                    const std::vector<std::string>& alt_names) {
  const std::string stem = absl::StrCat(name, "-by-", authority.name);
  TestKeyPair pair;
  pair.certificate_file = PathOf(absl::StrCat(stem, ".pem"));
  pair.key_file = PathOf(absl::StrCat(stem, ".key"));
  const std::string request = PathOf(absl::StrCat(stem, ".csr"));
  const std::string environment =
      absl::StrCat("CS_TEST_ALT_NAMES=", ShellQuoted(absl::StrJoin(alt_names, ",")));
  absl::Status made =
      RunOpenssl({"req", "-new", "-config", PathOf("openssl.cnf"), "-newkey", "ec", "-pkeyopt",
                  "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", pair.key_file, "-out",
                  request, "-subj", absl::StrCat("/CN=", name)},
                 environment);
  if (!made.ok()) return made;
  made = RunOpenssl({"x509", "-req", "-in", request, "-CA", authority.certificate_file, "-CAkey",
                     authority.key_file, "-set_serial", RandomSerial(), "-days", "2", "-extfile",
                     PathOf("openssl.cnf"), "-extensions", "leaf", "-out", pair.certificate_file},
                    environment);
  if (!made.ok()) return made;
  return pair;
}

}  // namespace cs::common::testing

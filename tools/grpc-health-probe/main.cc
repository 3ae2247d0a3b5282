// grpc_health_probe: exits 0 when the gRPC server at --addr answers grpc.health.v1.Health/Check
// with SERVING; otherwise with the code health_probe.h lists (2 unreachable, 3 timeout, 4 not
// serving, 5 other failure, 1 bad flags). Prints one line: "<addr>: SERVING" on stdout, or why not
// on stderr. For container health checks (docker-compose.yml) and Kubernetes probes, where it runs
// beside the service:
//
//   grpc_health_probe --addr=127.0.0.1:50051
//   grpc_health_probe --addr=127.0.0.1:50051 --tls_ca_file=ca.pem
//       --tls_client_cert_file=probe.pem --tls_client_key_file=probe.key
//       --tls_server_name=intake.cs.internal      (one command)
//
// The TLS flags mean what the services' client flags of the same names mean (README "Transport
// security"); the files are read and checked before the call. Unlike the services' flags these do
// not fall back to CS_* environment variables: a probe runs inside the service's container, whose
// environment configures the service, not the probe.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/server/tls_files.h"
#include "tools/grpc-health-probe/health_probe.h"

ABSL_FLAG(std::string, addr, "", "host:port of the gRPC server to ask (required)");
ABSL_FLAG(std::string, service, "",
          "Service name to ask about; empty (default): the server as a whole");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(1),
          "How long the connection and the call may take together");
ABSL_FLAG(std::string, tls_ca_file, "",
          "PEM certificate(s) of the authority that signed the server's certificate: the call "
          "then uses TLS. Empty: plaintext");
ABSL_FLAG(std::string, tls_client_cert_file, "",
          "PEM certificate (chain) presented to a server that requires client certificates "
          "(mutual TLS); needs --tls_ca_file and --tls_client_key_file");
ABSL_FLAG(std::string, tls_client_key_file, "", "PEM private key of --tls_client_cert_file");
ABSL_FLAG(std::string, tls_server_name, "",
          "Name the server's certificate must carry when it is not the host of --addr (e.g. the "
          "service's name while the probe calls 127.0.0.1); needs --tls_ca_file");

namespace {

using ::cs::tools::ProbeOptions;

absl::StatusOr<ProbeOptions> OptionsFromFlags(const std::vector<char*>& positional) {
  std::vector<std::string> problems;
  if (positional.size() > 1) {
    problems.push_back(absl::StrCat("unexpected argument \"", positional[1], "\""));
  }
  ProbeOptions options;
  options.address = absl::GetFlag(FLAGS_addr);
  if (options.address.empty()) problems.push_back("--addr is required (host:port)");
  options.service = absl::GetFlag(FLAGS_service);
  options.timeout = absl::GetFlag(FLAGS_timeout);
  if (options.timeout <= absl::ZeroDuration()) problems.push_back("--timeout must be positive");

  const std::string ca_file = absl::GetFlag(FLAGS_tls_ca_file);
  const std::string cert_file = absl::GetFlag(FLAGS_tls_client_cert_file);
  const std::string key_file = absl::GetFlag(FLAGS_tls_client_key_file);
  const std::string server_name = absl::GetFlag(FLAGS_tls_server_name);
  if (cert_file.empty() != key_file.empty()) {
    problems.push_back("--tls_client_cert_file and --tls_client_key_file go together");
  }
  if (ca_file.empty()) {
    if (!cert_file.empty() || !key_file.empty() || !server_name.empty()) {
      problems.push_back(
          "--tls_client_cert_file, --tls_client_key_file and --tls_server_name need --tls_ca_file");
    }
  } else {
    cs::common::PeerTls tls;
    if (absl::StatusOr<std::string> ca = cs::common::ReadCertificatesPem(ca_file); ca.ok()) {
      tls.root_certificates_pem = *std::move(ca);
    } else {
      problems.push_back(absl::StrCat("--tls_ca_file: ", ca.status().message()));
    }
    if (!cert_file.empty() && !key_file.empty()) {
      absl::StatusOr<std::string> cert = cs::common::ReadCertificatesPem(cert_file);
      absl::StatusOr<std::string> key = cs::common::ReadPrivateKeyPem(key_file);
      if (!cert.ok()) {
        problems.push_back(absl::StrCat("--tls_client_cert_file: ", cert.status().message()));
      }
      if (!key.ok()) {
        problems.push_back(absl::StrCat("--tls_client_key_file: ", key.status().message()));
      }
      if (cert.ok() && key.ok()) {
        if (absl::Status pair =
                cs::common::CheckCertificateAndKey(*cert, cert_file, *key, key_file);
            !pair.ok()) {
          problems.push_back(absl::StrCat("--tls_client_cert_file: ", pair.message()));
        }
        tls.client_certificate_chain_pem = *std::move(cert);
        tls.client_private_key_pem = *std::move(key);
      }
    }
    options.channel.tls = std::move(tls);
    options.channel.tls_server_name = server_name;
  }
  if (!problems.empty()) return absl::InvalidArgumentError(absl::StrJoin(problems, "; "));
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "grpc_health_probe --addr=host:port [--service=NAME] [--timeout=1s] [TLS flags]\n"
      "Exit code: 0 SERVING, 1 bad flags, 2 unreachable, 3 timeout, 4 not serving, 5 other "
      "failure.");
  // Unknown flags and --help end the process here with exit code 1 (Abseil's).
  const std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  absl::StatusOr<ProbeOptions> options = OptionsFromFlags(positional);
  if (!options.ok()) {
    std::fprintf(stderr, "grpc_health_probe: invalid flags: %s\n",
                 std::string(options.status().message()).c_str());
    return cs::tools::kProbeBadFlags;
  }
  const cs::tools::ProbeResult result = cs::tools::ProbeHealth(*options);
  if (result.exit_code == cs::tools::kProbeServing) {
    std::printf("%s: %s\n", options->address.c_str(), result.message.c_str());
  } else {
    std::fprintf(stderr, "grpc_health_probe: %s: %s\n", options->address.c_str(),
                 result.message.c_str());
  }
  return result.exit_code;
}

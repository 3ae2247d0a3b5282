// One call to grpc.health.v1.Health/Check, answered as a process exit code: what the container
// health checks of docker-compose.yml and the Kubernetes probes run
// (tools/grpc-health-probe/main.cc is the binary, grpc_health_probe). The exit code says why a
// server is not ready, so a health log tells a stopped process from a slow one:
//
//   0  SERVING
//   1  bad flags (unknown or missing flag, a timeout <= 0, a TLS file that cannot be used); also
//      --help, as in every Abseil program
//   2  unreachable: the connection was refused or failed (no listener, name not resolved, TLS
//      handshake refused), or the server answered UNAVAILABLE
//   3  timeout: no answer within --timeout (connection not made, or the call not answered)
//   4  not serving: the server answered NOT_SERVING (e.g. shutting down) or UNKNOWN, or does not
//      know the --service asked for (NOT_FOUND)
//   5  the call failed otherwise (e.g. UNIMPLEMENTED: the server has no health service)
//
// Stateless; thread-safe.
#ifndef CS_TOOLS_GRPC_HEALTH_PROBE_HEALTH_PROBE_H_
#define CS_TOOLS_GRPC_HEALTH_PROBE_HEALTH_PROBE_H_

#include <string>

#include "absl/time/time.h"
#include "common/grpc/peer_channel.h"

namespace cs::tools {

enum ProbeExitCode : int {
  kProbeServing = 0,
  kProbeBadFlags = 1,
  kProbeUnreachable = 2,
  kProbeTimeout = 3,
  kProbeNotServing = 4,
  kProbeRpcFailed = 5,
};

struct ProbeOptions {
  // "host:port" of the server.
  std::string address;
  // The service whose health is asked; empty: the server as a whole (what every service of the
  // suite reports: it sets only the overall status).
  std::string service;
  // For the connection and the call together.
  absl::Duration timeout = absl::Seconds(1);
  // Plaintext, TLS or mutual TLS, as the services' own channels to each other.
  common::PeerChannelOptions channel;
};

struct ProbeResult {
  ProbeExitCode exit_code = kProbeRpcFailed;
  // One line for people: "SERVING", or why not.
  std::string message;
};

// Asks once; never retries (the caller — Docker, the kubelet — decides how often to ask).
ProbeResult ProbeHealth(const ProbeOptions& options);

}  // namespace cs::tools

#endif  // CS_TOOLS_GRPC_HEALTH_PROBE_HEALTH_PROBE_H_

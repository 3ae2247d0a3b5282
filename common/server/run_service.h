// main() of every service, so each main.cc stays a few lines:
//
//   int main(int argc, char** argv) {
//     return cs::common::RunService(argc, argv, {.name = "intake", .default_grpc_port = 50051,
//                                                .default_metrics_port = 9151},
//                                   &cs::intake::Wire);
//   }
//
// It blocks SIGTERM/SIGINT/SIGHUP (before any thread starts), parses the flags (server_flags.h)
// with their environment fallbacks, sets the log level, loads the token file, starts the
// ServiceServer with the service's wiring, waits for SIGTERM or SIGINT (reloading the calendar on
// each SIGHUP meanwhile), shuts down gracefully and returns 0. Any
// start-up error (bad flag, bad config or token file, a TLS file that cannot be used, a token file
// with development-only entries without --dev_mode, unreachable database reported by the wiring,
// port in use) is logged as event "startup_failed" and returns 1.
#ifndef CS_COMMON_SERVER_RUN_SERVICE_H_
#define CS_COMMON_SERVER_RUN_SERVICE_H_

#include "common/server/server_flags.h"
#include "common/server/service_server.h"

namespace cs::common {

// The process exit code: 0 after a graceful shutdown, 1 when the service could not start.
int RunService(int argc, char** argv, const ServiceInfo& info, const WireFunction& wire);

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_RUN_SERVICE_H_

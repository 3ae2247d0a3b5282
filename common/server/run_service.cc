#include "common/server/run_service.h"

#include <signal.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/log/log_line.h"
#include "common/log/logger.h"
#include "common/server/env_flags.h"
#include "common/server/shutdown_signals.h"

namespace cs::common {
namespace {

int StartupFailed(Logger& logger, const ServiceInfo& info, const absl::Status& status) {
  logger.Error("startup_failed", {{"service", info.name},
                                  {"code", absl::StatusCodeToString(status.code())},
                                  {"error", status.message()}});
  return 1;
}

// A token file with development-only entries (their tokens are public) would let anyone call the
// service: refused unless the process runs with --dev_mode, and then logged once.
absl::Status CheckDevelopmentTokens(const TokenStore& tokens, const std::string& tokens_file,
                                    Logger& logger, const ServiceInfo& info) {
  const std::vector<std::string>& users = tokens.development_only_users();
  if (users.empty()) return absl::OkStatus();
  if (!absl::GetFlag(FLAGS_dev_mode)) {
    return absl::FailedPreconditionError(absl::StrCat(
        tokens_file, " holds ", users.size(), " development-only token(s) (first: ", users.front(),
        "), whose tokens are public (deploy/config/dev-tokens.md), so anyone could call this "
        "service: give --tokens_file a token file of your own (README \"Token files\"), or pass "
        "--dev_mode on a developer machine or in tests"));
  }
  logger.Warning("development_tokens_accepted", {{"service", info.name},
                                                 {"tokens_file", tokens_file},
                                                 {"development_only_tokens", users.size()}});
  return absl::OkStatus();
}

}  // namespace

int RunService(int argc, char** argv, const ServiceInfo& info, const WireFunction& wire) {
  // Before gRPC starts: a client channel that is not in a call (a relay between two sends, after
  // its peer refused a connection) only makes progress reconnecting, or answers a server's GOAWAY,
  // when gRPC's backup poller runs, every 5 s by default — so a peer that came back was reached
  // seconds late. gRPC reads this variable once at initialisation; an operator's value wins.
  ::setenv("GRPC_CLIENT_CHANNEL_BACKUP_POLL_INTERVAL_MS", "100", /*overwrite=*/0);
  Logger& logger = Logger::Default();
  // First of all: every thread started from here on inherits the blocked mask.
  if (absl::Status blocked = BlockShutdownSignals(); !blocked.ok()) {
    return StartupFailed(logger, info, blocked);
  }
  // Debian builds Abseil with its mutex deadlock detector on, which records every lock acquisition
  // in a graph (measured: a few percent of a service's CPU under load). Tests keep it; deployed
  // binaries, which run this function, do not.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::SetProgramUsageMessage(
      absl::StrCat("The ", info.name,
                   " service of the customer-service suite. Every flag --x also reads the "
                   "environment variable CS_X when not given on the command line."));
  std::vector<std::string> env_flags = ServerFlagNames();
  env_flags.insert(env_flags.end(), info.extra_env_flags.begin(), info.extra_env_flags.end());
  if (absl::StatusOr<std::vector<char*>> parsed = ParseFlagsWithEnvFallbacks(argc, argv, env_flags);
      !parsed.ok()) {
    return StartupFailed(logger, info, parsed.status());
  }
  absl::StatusOr<LogLevel> level = ParseLogLevel(absl::GetFlag(FLAGS_log_level));
  if (!level.ok()) return StartupFailed(logger, info, level.status());
  logger.set_min_level(*level);

  absl::StatusOr<ServerOptions> options = ServerOptionsFromFlags(info);
  if (!options.ok()) return StartupFailed(logger, info, options.status());
  const std::string tokens_file = TokensFileFromFlags();
  absl::StatusOr<TokenStore> tokens = TokenStore::LoadFile(tokens_file);
  if (!tokens.ok()) return StartupFailed(logger, info, tokens.status());
  if (absl::Status allowed = CheckDevelopmentTokens(*tokens, tokens_file, logger, info);
      !allowed.ok()) {
    return StartupFailed(logger, info, allowed);
  }

  absl::StatusOr<std::unique_ptr<ServiceServer>> server =
      ServiceServer::Start(*std::move(options), *std::move(tokens), wire, &logger);
  if (!server.ok()) return StartupFailed(logger, info, server.status());

  // SIGHUP reads the calendar file again (README "Calendar"); the reload logs and counts its
  // result.
  ServiceServer* running = server->get();
  const int signal_number =
      WaitForShutdownSignal([running] { (void)running->ReloadCalendar("SIGHUP"); });
  logger.Info("shutdown_requested", {{"service", info.name},
                                     {"signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"}});
  (*server)->Shutdown();
  server->reset();
  return 0;
}

}  // namespace cs::common

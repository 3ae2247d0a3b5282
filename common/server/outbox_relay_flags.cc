#include "common/server/outbox_relay_flags.h"

#include <fstream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/workers/outbox_relay_worker.h"

ABSL_FLAG(std::string, service_token_file, "",
          "File holding the bearer token this service presents to the services its outbox "
          "delivers to (a SERVICE principal of their token files)");
ABSL_FLAG(absl::Duration, relay_poll_interval,
          cs::common::DefaultServiceRelayOptions().poll_interval,
          "How often the outbox relay looks for due messages when nothing woke it");
ABSL_FLAG(absl::Duration, relay_initial_backoff,
          cs::common::DefaultServiceRelayOptions().backoff.initial,
          "Delay before the first retry of a failed delivery; doubles up to --relay_max_backoff");
ABSL_FLAG(absl::Duration, relay_max_backoff, cs::common::DefaultServiceRelayOptions().backoff.max,
          "Cap of the retry delay");

namespace cs::common {

std::vector<std::string> OutboxRelayFlagNames() {
  return {"service_token_file", "relay_poll_interval", "relay_initial_backoff",
          "relay_max_backoff"};
}

db::OutboxRelayOptions OutboxRelayOptionsFromFlags() {
  db::OutboxRelayOptions options = DefaultServiceRelayOptions();
  options.poll_interval = absl::GetFlag(FLAGS_relay_poll_interval);
  options.backoff.initial = absl::GetFlag(FLAGS_relay_initial_backoff);
  options.backoff.max = absl::GetFlag(FLAGS_relay_max_backoff);
  return options;
}

absl::StatusOr<std::string> ServiceTokenFromFlags() {
  const std::string path = absl::GetFlag(FLAGS_service_token_file);
  if (path.empty()) return std::string();
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read the service token file"));
  std::stringstream text;
  text << in.rdbuf();
  return std::string(absl::StripAsciiWhitespace(text.str()));
}

}  // namespace cs::common

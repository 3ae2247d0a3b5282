// csctl's command line: the words (group, verb, positional arguments), csctl's own options, and
// every other "--path=value" as a request field, with the environment filling what the flags do
// not give (addresses, token, TLS files). Parsing only: no file is read and nothing is sent.
// Plain values; thread-compatible.
#ifndef CS_TOOLS_CSCTL_CLI_ARGS_H_
#define CS_TOOLS_CSCTL_CLI_ARGS_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tools/csctl/command_table.h"

namespace cs::tools::csctl {

// Reads an environment variable; nullopt when unset (tests pass their own).
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment.
EnvironmentLookup ProcessEnvironment();

enum class OutputFormat { kTable, kJson };

struct CliArgs {
  // Non-flag words in order: group, verb, then positional arguments.
  std::vector<std::string> words;
  // --<path>=<value> flags that are not csctl's own, in order (a path may repeat).
  std::vector<std::pair<std::string, std::string>> fields;
  bool help = false;

  // Where each service is: --intake … --archive, else CS_<SERVICE>_ADDRESS, else the default.
  std::map<Target, std::string> addresses;
  // --service: the service of a command served by several (calendar, outbox). Default intake.
  Target chosen_service = Target::kIntake;

  // The bearer token as given: --token, --token-file, CS_TOKEN, CS_TOKEN_FILE (first one set).
  std::string token;
  std::string token_file;
  // Where the token came from, for messages ("--token-file /home/li/.cs-token").
  std::string token_source;
  // The suite's token hash file (--tokens_file, CS_TOKENS_FILE): when given, a token it lists as
  // ROLE_SERVICE is refused before anything is sent.
  std::string tokens_file;

  // Transport security, as the services' client flags (README "Transport security").
  std::string tls_ca_file;
  std::string tls_client_cert_file;
  std::string tls_client_key_file;
  std::string tls_server_name;

  OutputFormat output = OutputFormat::kTable;
  // Deadline of each call; unset: 30 s (health: 3 s).
  std::optional<absl::Duration> timeout;
  std::string request_text;
  std::string request_file;
  std::string request_id;
  // --columns for the table view of a list.
  std::vector<std::string> columns;
};

// Parses argv (without the program name). INVALID_ARGUMENT for a csctl option without its value
// or with a bad one (--output, --timeout, --service); unknown "--x" flags are request fields,
// checked later against the request type. "--" ends the flags.
absl::StatusOr<CliArgs> ParseCliArgs(const std::vector<std::string>& argv,
                                     const EnvironmentLookup& environment);

// csctl's own options, for help: (flag, environment variable or "", meaning).
struct OptionHelp {
  std::string flag;
  std::string environment;
  std::string meaning;
};
const std::vector<OptionHelp>& GlobalOptionsHelp();

}  // namespace cs::tools::csctl

#endif  // CS_TOOLS_CSCTL_CLI_ARGS_H_

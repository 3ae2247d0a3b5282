#include "tools/csctl/cli_args.h"

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace cs::tools::csctl {
namespace {

// The environment variable of a service's address: CS_INTAKE_ADDRESS, CS_HOTLINE_REGISTRY_ADDRESS
// — the names the services' own --<peer>_address flags read.
std::string AddressVariable(Target target) {
  return absl::StrCat("CS_",
                      absl::AsciiStrToUpper(absl::StrReplaceAll(TargetName(target), {{"-", "_"}})),
                      "_ADDRESS");
}

// The option name of a flag: dashes stripped, "-" as "_" (--token-file and --token_file alike).
std::string OptionName(absl::string_view flag) {
  absl::ConsumePrefix(&flag, "--") || absl::ConsumePrefix(&flag, "-");
  return absl::StrReplaceAll(flag, {{"-", "_"}});
}

bool TakesValue(const std::string& name) {
  static const auto* const kValued = new std::vector<std::string>{"intake",
                                                                  "routing",
                                                                  "hotline_registry",
                                                                  "channel_registry",
                                                                  "assessment",
                                                                  "archive",
                                                                  "service",
                                                                  "token",
                                                                  "token_file",
                                                                  "tokens_file",
                                                                  "tls_ca_file",
                                                                  "tls_client_cert_file",
                                                                  "tls_client_key_file",
                                                                  "tls_server_name",
                                                                  "output",
                                                                  "timeout",
                                                                  "request",
                                                                  "request_file",
                                                                  "request_id",
                                                                  "columns"};
  for (const std::string& one : *kValued) {
    if (one == name) return true;
  }
  return false;
}

absl::StatusOr<Target> ServiceByName(absl::string_view name) {
  for (Target target : AllServices()) {
    if (TargetName(target) == name ||
        absl::StrReplaceAll(TargetName(target), {{"-", "_"}}) == name) {
      return target;
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--service: \"", name,
                   "\" is not a service of the suite (intake, routing, hotline-registry, "
                   "channel-registry, assessment, archive)"));
}

}  // namespace

EnvironmentLookup ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

absl::StatusOr<CliArgs> ParseCliArgs(const std::vector<std::string>& argv,
                                     const EnvironmentLookup& environment) {
  CliArgs args;
  std::map<std::string, std::string> options;
  bool flags_ended = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (flags_ended || arg.size() < 2 || arg[0] != '-') {
      args.words.push_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_ended = true;
      continue;
    }
    if (arg == "-h" || arg == "--help" || arg == "-help") {
      args.help = true;
      continue;
    }
    const size_t equals = arg.find('=');
    const std::string name = OptionName(arg.substr(0, equals));
    const bool has_value = equals != std::string::npos;
    if (TakesValue(name)) {
      if (has_value) {
        options[name] = arg.substr(equals + 1);
      } else if (i + 1 < argv.size()) {
        options[name] = argv[++i];
      } else {
        return absl::InvalidArgumentError(absl::StrCat("--", name, " needs a value"));
      }
      continue;
    }
    // A request field: --path=value, or a bare --path (true, for a bool).
    args.fields.emplace_back(name, has_value ? arg.substr(equals + 1) : std::string());
  }

  auto option_or_environment = [&](const std::string& name,
                                   const std::string& variable) -> std::string {
    if (auto it = options.find(name); it != options.end()) return it->second;
    if (!variable.empty()) {
      if (std::optional<std::string> value = environment(variable)) return *value;
    }
    return "";
  };

  for (Target target : AllServices()) {
    const std::string flag = absl::StrReplaceAll(TargetName(target), {{"-", "_"}});
    std::string address = option_or_environment(flag, AddressVariable(target));
    args.addresses[target] = address.empty() ? std::string(DefaultAddress(target)) : address;
  }
  if (auto it = options.find("service"); it != options.end()) {
    absl::StatusOr<Target> chosen = ServiceByName(it->second);
    if (!chosen.ok()) return chosen.status();
    args.chosen_service = *chosen;
  }

  // The flags win over the environment; a token and a token file together are a mistake.
  if (options.count("token") > 0 && options.count("token_file") > 0) {
    return absl::InvalidArgumentError("give --token or --token-file, not both");
  }
  if (auto it = options.find("token"); it != options.end()) {
    args.token = it->second;
    args.token_source = "--token";
  } else if (auto file = options.find("token_file"); file != options.end()) {
    args.token_file = file->second;
    args.token_source = absl::StrCat("--token-file ", file->second);
  } else if (std::optional<std::string> token = environment("CS_TOKEN"); token && !token->empty()) {
    args.token = *token;
    args.token_source = "CS_TOKEN";
  } else if (std::optional<std::string> path = environment("CS_TOKEN_FILE");
             path && !path->empty()) {
    args.token_file = *path;
    args.token_source = absl::StrCat("CS_TOKEN_FILE ", *path);
  }
  args.tokens_file = option_or_environment("tokens_file", "CS_TOKENS_FILE");

  args.tls_ca_file = option_or_environment("tls_ca_file", "CS_TLS_CA_FILE");
  args.tls_client_cert_file =
      option_or_environment("tls_client_cert_file", "CS_TLS_CLIENT_CERT_FILE");
  args.tls_client_key_file = option_or_environment("tls_client_key_file", "CS_TLS_CLIENT_KEY_FILE");
  args.tls_server_name = option_or_environment("tls_server_name", "CS_TLS_SERVER_NAME");

  if (auto it = options.find("output"); it != options.end()) {
    if (it->second == "json") {
      args.output = OutputFormat::kJson;
    } else if (it->second != "table") {
      return absl::InvalidArgumentError(
          absl::StrCat("--output must be table or json, not \"", it->second, "\""));
    }
  }
  if (auto it = options.find("timeout"); it != options.end()) {
    absl::Duration timeout;
    if (!absl::ParseDuration(it->second, &timeout) || timeout <= absl::ZeroDuration()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--timeout must be a positive duration such as 10s, not \"", it->second, "\""));
    }
    args.timeout = timeout;
  }
  args.request_text = option_or_environment("request", "");
  args.request_file = option_or_environment("request_file", "");
  if (options.count("request") > 0 && options.count("request_file") > 0) {
    return absl::InvalidArgumentError("give --request or --request-file, not both");
  }
  args.request_id = option_or_environment("request_id", "");
  if (auto it = options.find("columns"); it != options.end()) {
    args.columns = absl::StrSplit(it->second, ',', absl::SkipWhitespace());
  }
  return args;
}

const std::vector<OptionHelp>& GlobalOptionsHelp() {
  static const auto* const kHelp = new std::vector<OptionHelp>{
      {"--token=TOKEN", "CS_TOKEN",
       "your own bearer token (a person's, never a SERVICE token); prefer the file or the "
       "environment, which keep it out of the process list"},
      {"--token-file=FILE", "CS_TOKEN_FILE",
       "a file holding your token (trailing newline dropped)"},
      {"--tokens_file=FILE", "CS_TOKENS_FILE",
       "the suite's token hash file (cs.config.v1.TokenFile): a token it lists as ROLE_SERVICE is "
       "refused before anything is sent"},
      {"--intake=HOST:PORT", "CS_INTAKE_ADDRESS", "default localhost:50051"},
      {"--routing=HOST:PORT", "CS_ROUTING_ADDRESS", "default localhost:50052"},
      {"--hotline-registry=HOST:PORT", "CS_HOTLINE_REGISTRY_ADDRESS", "default localhost:50053"},
      {"--channel-registry=HOST:PORT", "CS_CHANNEL_REGISTRY_ADDRESS", "default localhost:50054"},
      {"--assessment=HOST:PORT", "CS_ASSESSMENT_ADDRESS", "default localhost:50055"},
      {"--archive=HOST:PORT", "CS_ARCHIVE_ADDRESS", "default localhost:50056"},
      {"--service=NAME", "",
       "the service a calendar or outbox command asks (intake, routing, …; default intake)"},
      {"--tls_ca_file=FILE", "CS_TLS_CA_FILE",
       "PEM authority of the services' certificates: TLS (default plaintext)"},
      {"--tls_client_cert_file=FILE", "CS_TLS_CLIENT_CERT_FILE",
       "client certificate for services with --tls_client_ca_file (mutual TLS)"},
      {"--tls_client_key_file=FILE", "CS_TLS_CLIENT_KEY_FILE", "its private key"},
      {"--tls_server_name=NAME", "CS_TLS_SERVER_NAME",
       "the name the certificates carry when it is not the host of the address"},
      {"--output=table|json", "", "table (default): for people; json: protobuf JSON, UTF-8"},
      {"--columns=a,b.c", "", "table columns of a list answer (paths inside one row)"},
      {"--timeout=DURATION", "", "deadline of each call (default 30s; health 3s)"},
      {"--request='TEXT'", "", "the request in protobuf text format; flags then override it"},
      {"--request-file=FILE", "", "the same from a file"},
      {"--request-id=ID", "",
       "the idempotency key of a call that creates or changes; default a fresh one, printed on "
       "stderr so a retry can reuse it"},
      {"--help, -h", "", "help of csctl, a group or a command"},
  };
  return *kHelp;
}

}  // namespace cs::tools::csctl

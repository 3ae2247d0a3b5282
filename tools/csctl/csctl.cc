#include "tools/csctl/csctl.h"

#include <sys/stat.h>

#include <fstream>
#include <future>
#include <memory>
#include <sstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/auth/token_store.h"
#include "common/grpc/peer_channel.h"
#include "common/server/tls_files.h"
#include "cs/common/v1/calendar_admin.pb.h"
#include "tools/csctl/calendar_deadline.h"
#include "tools/csctl/command_table.h"
#include "tools/csctl/error_report.h"
#include "tools/csctl/generic_call.h"
#include "tools/csctl/help_text.h"
#include "tools/csctl/request_fields.h"
#include "tools/csctl/response_view.h"
#include "tools/grpc-health-probe/health_probe.h"

namespace cs::tools::csctl {
namespace {

constexpr absl::Duration kDefaultTimeout = absl::Seconds(30);
constexpr absl::Duration kDefaultHealthTimeout = absl::Seconds(3);

// A failure before anything was sent, or one csctl decides itself.
struct Failure {
  ExitCode code;
  std::string message;
};

int Report(const Failure& failure, std::ostream& err) {
  err << "csctl: " << failure.message << "\n";
  if (failure.code == kExitUsage) err << "(csctl --help for usage)\n";
  return failure.code;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::StatusOr<common::PeerChannelOptions> ChannelOptions(const CliArgs& args) {
  common::PeerChannelOptions options;
  if (args.tls_client_cert_file.empty() != args.tls_client_key_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls_client_cert_file and --tls_client_key_file go together");
  }
  if (args.tls_ca_file.empty()) {
    if (!args.tls_client_cert_file.empty() || !args.tls_server_name.empty()) {
      return absl::InvalidArgumentError(
          "--tls_client_cert_file and --tls_server_name need --tls_ca_file");
    }
    return options;
  }
  common::PeerTls tls;
  absl::StatusOr<std::string> ca = common::ReadCertificatesPem(args.tls_ca_file);
  if (!ca.ok())
    return absl::InvalidArgumentError(absl::StrCat("--tls_ca_file: ", ca.status().message()));
  tls.root_certificates_pem = *std::move(ca);
  if (!args.tls_client_cert_file.empty()) {
    absl::StatusOr<std::string> cert = common::ReadCertificatesPem(args.tls_client_cert_file);
    if (!cert.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--tls_client_cert_file: ", cert.status().message()));
    }
    absl::StatusOr<std::string> key = common::ReadPrivateKeyPem(args.tls_client_key_file);
    if (!key.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--tls_client_key_file: ", key.status().message()));
    }
    if (absl::Status pair = common::CheckCertificateAndKey(*cert, args.tls_client_cert_file, *key,
                                                           args.tls_client_key_file);
        !pair.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--tls_client_cert_file: ", pair.message()));
    }
    tls.client_certificate_chain_pem = *std::move(cert);
    tls.client_private_key_pem = *std::move(key);
  }
  options.tls = std::move(tls);
  options.tls_server_name = args.tls_server_name;
  return options;
}

// The person's token, or why there is none usable. A token the suite's token file (when given)
// lists as ROLE_SERVICE is refused: csctl acts for a person, and what a service may do that a
// person may not (internal RPCs, every unit's data) must not be reachable from a shell by a
// service's credential.
absl::StatusOr<std::string> ResolveToken(const CliArgs& args, std::ostream& err, ExitCode& code) {
  code = kExitUsage;
  std::string token = args.token;
  if (!args.token_file.empty()) {
    absl::StatusOr<std::string> text = ReadFile(args.token_file);
    if (!text.ok()) return text.status();
    token = std::string(absl::StripTrailingAsciiWhitespace(*text));
    struct stat info {};
    if (stat(args.token_file.c_str(), &info) == 0 && (info.st_mode & 077) != 0) {
      err << "csctl: warning: " << args.token_file
          << " is readable by others (chmod 600 it): a bearer token is a password\n";
    }
  }
  if (token.empty()) {
    return absl::InvalidArgumentError(
        "no token: give your own with --token-file=FILE, CS_TOKEN or --token");
  }
  if (!args.tokens_file.empty()) {
    absl::StatusOr<common::TokenStore> known = common::TokenStore::LoadFile(args.tokens_file);
    if (!known.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--tokens_file: ", known.status().message()));
    }
    if (absl::optional<common::Principal> holder = known->Find(token);
        holder.has_value() && holder->role == common::Role::kService) {
      code = kExitRefused;
      return absl::PermissionDeniedError(
          absl::StrCat("the token of ", args.token_source, " belongs to \"", holder->user,
                       "\", a SERVICE principal in ", args.tokens_file,
                       ": csctl acts for a person — use your own token"));
    }
  }
  return token;
}

std::string AddressOf(const CliArgs& args, Target target) {
  return args.addresses.at(target == Target::kChosen ? args.chosen_service : target);
}

int PrintAnswer(const google::protobuf::Message& answer, const CliArgs& args,
                const TableViewOptions& view, std::ostream& out, std::ostream& err) {
  if (args.output == OutputFormat::kJson) {
    absl::StatusOr<std::string> json = FormatJson(answer);
    if (!json.ok()) {
      err << "csctl: " << json.status().message() << "\n";
      return kExitOther;
    }
    out << *json;
  } else {
    out << FormatTable(answer, view);
  }
  out.flush();
  return kExitOk;
}

int RunHealth(const CliArgs& args, std::ostream& out, std::ostream& err) {
  if (!args.fields.empty() || args.words.size() > 1) {
    return Report({kExitUsage, "health takes no arguments"}, err);
  }
  absl::StatusOr<common::PeerChannelOptions> channel = ChannelOptions(args);
  if (!channel.ok()) return Report({kExitUsage, std::string(channel.status().message())}, err);
  // Asked all at once, so a stopped service costs one timeout, not one each.
  std::vector<std::future<ProbeResult>> answers;
  for (Target target : AllServices()) {
    ProbeOptions probe;
    probe.address = AddressOf(args, target);
    probe.timeout = args.timeout.value_or(kDefaultHealthTimeout);
    probe.channel = *channel;
    answers.push_back(std::async(std::launch::async, [probe] { return ProbeHealth(probe); }));
  }
  bool all_serving = true;
  std::vector<std::string> lines;
  std::string json = "{\n";
  for (size_t i = 0; i < AllServices().size(); ++i) {
    const Target target = AllServices()[i];
    const ProbeResult result = answers[i].get();
    const bool serving = result.exit_code == kProbeServing;
    all_serving = all_serving && serving;
    const std::string name(TargetName(target));
    const std::string address = AddressOf(args, target);
    lines.push_back(absl::StrCat(name, std::string(18 - name.size(), ' '), address,
                                 std::string(address.size() < 22 ? 22 - address.size() : 1, ' '),
                                 serving ? "SERVING" : absl::StrCat("DOWN: ", result.message)));
    // The probe's message is plain ASCII from gRPC; quotes and backslashes escaped for JSON.
    std::string message;
    for (char c : result.message) {
      if (c == '"' || c == '\\') message += '\\';
      message += c;
    }
    absl::StrAppend(&json, "  \"", name, "\": {\"address\": \"", address,
                    "\", \"serving\": ", serving ? "true" : "false", ", \"status\": \"",
                    serving ? std::string("SERVING") : message, "\"}",
                    i + 1 < AllServices().size() ? "," : "", "\n");
  }
  if (args.output == OutputFormat::kJson) {
    out << json << "}\n";
  } else {
    out << absl::StrJoin(lines, "\n") << "\n";
  }
  return all_serving ? kExitOk : kExitUnavailable;
}

int RunCalendarDeadline(const CliArgs& args, const EnvironmentLookup& environment,
                        std::ostream& out, std::ostream& err) {
  if (args.words.size() > 2) {
    return Report({kExitUsage, absl::StrCat("unexpected argument \"", args.words[2], "\"")}, err);
  }
  std::string config_dir = environment("CS_CONFIG_DIR").value_or("");
  if (config_dir.empty()) config_dir = "deploy/config";
  absl::StatusOr<DeadlineQuestion> question = ParseDeadlineQuestion(args.fields, config_dir);
  if (!question.ok()) return Report({kExitUsage, std::string(question.status().message())}, err);
  absl::StatusOr<cs::common::v1::Deadline> deadline = ComputeQuestion(*question);
  if (!deadline.ok()) {
    return Report(
        {deadline.status().code() == absl::StatusCode::kNotFound ? kExitUsage : kExitRefused,
         std::string(deadline.status().message())},
        err);
  }
  if (!question->offline) {
    // The version a running service computes with must be the file's, or the answer would be
    // about another calendar than the suite's.
    ExitCode code = kExitUsage;
    absl::StatusOr<std::string> token = ResolveToken(args, err, code);
    if (!token.ok()) return Report({code, std::string(token.status().message())}, err);
    absl::StatusOr<common::PeerChannelOptions> channel = ChannelOptions(args);
    if (!channel.ok()) return Report({kExitUsage, std::string(channel.status().message())}, err);
    absl::StatusOr<const google::protobuf::MethodDescriptor*> method =
        FindMethod("cs.common.v1.CalendarAdmin/GetCalendar");
    if (!method.ok()) return Report({kExitOther, std::string(method.status().message())}, err);
    cs::common::v1::GetCalendarRequest request;
    CallOutcome outcome =
        CallMethod(common::CreatePeerChannel(AddressOf(args, Target::kChosen), *channel), **method,
                   request, *token, args.timeout.value_or(kDefaultTimeout));
    if (!outcome.status.ok()) {
      err << DescribeFailure("CalendarAdmin/GetCalendar", outcome.status)
          << "(--offline computes without asking)\n";
      return ExitCodeOf(outcome.status.error_code());
    }
    const auto& calendar = static_cast<const cs::common::v1::Calendar&>(*outcome.response);
    if (calendar.current_version() != deadline->calendar_version()) {
      return Report({kExitRefused,
                     absl::StrCat(TargetName(args.chosen_service), " computes with calendar ",
                                  calendar.current_version(), " (", calendar.file(), ") but ",
                                  question->calendar_file, " makes ", deadline->calendar_version(),
                                  " current: give --calendar_file of the file in force")},
                    err);
    }
  }
  return PrintAnswer(*deadline, args, {}, out, err);
}

int RunCommand(const CommandSpec& command, const CliArgs& args, std::ostream& out,
               std::ostream& err) {
  absl::StatusOr<const google::protobuf::MethodDescriptor*> method = FindMethod(command.method);
  if (!method.ok()) return Report({kExitOther, std::string(method.status().message())}, err);
  std::unique_ptr<google::protobuf::Message> request = NewMessage(*(*method)->input_type());

  // The request: the text body first, then the positional arguments, then the flags.
  std::string text = args.request_text;
  if (!args.request_file.empty()) {
    absl::StatusOr<std::string> file = ReadFile(args.request_file);
    if (!file.ok())
      return Report({kExitUsage, absl::StrCat("--request-file: ", file.status().message())}, err);
    text = *std::move(file);
  }
  if (absl::Status merged = MergeTextFormat(text, *request); !merged.ok()) {
    return Report({kExitUsage, absl::StrCat("--request: ", merged.message())}, err);
  }
  const size_t first_positional = command.verb.empty() ? 1 : 2;
  const size_t given = args.words.size() - std::min(args.words.size(), first_positional);
  if (given > command.positionals.size()) {
    return Report(
        {kExitUsage, absl::StrCat("unexpected argument \"",
                                  args.words[first_positional + command.positionals.size()], "\"")},
        err);
  }
  for (size_t i = 0; i < given; ++i) {
    if (absl::Status set =
            SetField(*request, command.positionals[i], args.words[first_positional + i]);
        !set.ok()) {
      return Report({kExitUsage, absl::StrCat("<", command.positionals[i], ">: ", set.message())},
                    err);
    }
  }
  for (const auto& [path, value] : args.fields) {
    if (absl::Status set = SetField(*request, path, value); !set.ok()) {
      return Report({kExitUsage, std::string(set.message())}, err);
    }
  }
  for (size_t i = given; i < command.positionals.size(); ++i) {
    if (!IsFieldPathSet(*request, command.positionals[i])) {
      return Report({kExitUsage, absl::StrCat("missing <", command.positionals[i], ">")}, err);
    }
  }
  const google::protobuf::FieldDescriptor* id_field = RequestIdField(*request->GetDescriptor());
  if (!args.request_id.empty()) {
    if (id_field == nullptr) {
      return Report({kExitUsage, absl::StrCat(request->GetDescriptor()->full_name(),
                                              " has no request_id: --request-id does not apply")},
                    err);
    }
    request->GetReflection()->SetString(request.get(), id_field, args.request_id);
  } else if (id_field != nullptr &&
             request->GetReflection()->GetString(*request, id_field).empty()) {
    const std::string fresh = NewRequestId();
    request->GetReflection()->SetString(request.get(), id_field, fresh);
    err << "csctl: request_id " << fresh << " (retry safely with --request-id=" << fresh << ")\n";
  }

  ExitCode code = kExitUsage;
  absl::StatusOr<std::string> token = ResolveToken(args, err, code);
  if (!token.ok()) return Report({code, std::string(token.status().message())}, err);
  absl::StatusOr<common::PeerChannelOptions> channel = ChannelOptions(args);
  if (!channel.ok()) return Report({kExitUsage, std::string(channel.status().message())}, err);

  CallOutcome outcome =
      CallMethod(common::CreatePeerChannel(AddressOf(args, command.target), *channel), **method,
                 *request, *token, args.timeout.value_or(kDefaultTimeout));
  if (!outcome.status.ok()) {
    err << DescribeFailure(absl::StrCat((*method)->service()->name(), "/", (*method)->name()),
                           outcome.status);
    if (outcome.status.error_code() == grpc::StatusCode::UNAVAILABLE) {
      err << "  (at " << AddressOf(args, command.target) << ": is "
          << TargetName(command.target == Target::kChosen ? args.chosen_service : command.target)
          << " running? csctl health)\n";
    }
    return ExitCodeOf(outcome.status.error_code());
  }
  TableViewOptions view;
  view.columns = args.columns.empty() ? command.columns : args.columns;
  view.raw_text_field = command.raw_text_field;
  return PrintAnswer(*outcome.response, args, view, out, err);
}

}  // namespace

int RunCsctl(const std::vector<std::string>& argv, const EnvironmentLookup& environment,
             std::ostream& out, std::ostream& err) {
  absl::StatusOr<CliArgs> args = ParseCliArgs(argv, environment);
  if (!args.ok()) return Report({kExitUsage, std::string(args.status().message())}, err);
  const std::vector<std::string>& words = args->words;
  if (words.empty()) {
    if (args->help) {
      out << MainHelp();
      return kExitOk;
    }
    err << MainHelp();
    return kExitUsage;
  }
  const std::string& group = words[0];
  if (group == "help") {
    out << MainHelp();
    return kExitOk;
  }
  if (!IsGroup(group)) {
    return Report({kExitUsage, absl::StrCat("unknown command \"", group, "\"")}, err);
  }
  if (group == "health") {
    if (args->help) {
      out << HealthHelp();
      return kExitOk;
    }
    return RunHealth(*args, out, err);
  }
  const std::string verb = words.size() > 1 ? words[1] : "";
  if (group == "calendar" && verb == "deadline") {
    if (args->help) {
      out << CalendarDeadlineHelp();
      return kExitOk;
    }
    return RunCalendarDeadline(*args, environment, out, err);
  }
  const CommandSpec* command = FindCommand(group, verb);
  // A group with a default command ("csctl scorecard <unit> <month>") takes its arguments at once.
  if (command == nullptr && !verb.empty()) command = FindCommand(group, "");
  if (args->help) {
    if (command != nullptr && !verb.empty()) {
      out << CommandHelp(*command);
    } else {
      out << GroupHelp(group);
      // The group's default command ("csctl scorecard <unit> <month>") has no verb of its own.
      if (command != nullptr) out << "\n" << CommandHelp(*command);
    }
    return kExitOk;
  }
  if (command == nullptr) {
    err << (verb.empty() ? absl::StrCat("csctl: ", group, " needs a command\n")
                         : absl::StrCat("csctl: unknown command \"", group, " ", verb, "\"\n"))
        << GroupHelp(group);
    return kExitUsage;
  }
  return RunCommand(*command, *args, out, err);
}

}  // namespace cs::tools::csctl

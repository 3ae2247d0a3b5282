#include "tools/csctl/help_text.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"
#include "tools/csctl/cli_args.h"
#include "tools/csctl/generic_call.h"
#include "tools/csctl/request_fields.h"
#include "tools/csctl/response_view.h"

namespace cs::tools::csctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// How deep help follows nested messages; deeper fields go in --request.
constexpr int kMaxHelpDepth = 3;

std::string Padded(absl::string_view text, size_t width) {
  const size_t used = DisplayWidth(text);
  return absl::StrCat(text, std::string(width > used ? width - used : 1, ' '));
}

std::string ValueKind(const FieldDescriptor& field) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return "TEXT";
    case FieldDescriptor::CPPTYPE_BOOL:
      return "true|false";
    case FieldDescriptor::CPPTYPE_ENUM: {
      // The names without the enum's prefix, as the flags accept them.
      std::vector<std::string> names;
      const std::string& zero = field.enum_type()->value(0)->name();
      const size_t prefix = zero.size() - std::string("UNSPECIFIED").size();
      for (int i = 1; i < field.enum_type()->value_count(); ++i) {
        names.push_back(field.enum_type()->value(i)->name().substr(prefix));
      }
      return absl::StrJoin(names, "|");
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const std::string& name = field.message_type()->full_name();
      if (name == "google.protobuf.Timestamp") return "RFC3339|now";
      if (name == "google.protobuf.Duration") return "DURATION";
      if (name == "google.protobuf.FieldMask") return "path,path";
      return absl::StrCat("'", field.message_type()->name(), " in text format'");
    }
    default:
      return "NUMBER";
  }
}

bool IsLeafType(const FieldDescriptor& field) {
  if (field.cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return true;
  const std::string& name = field.message_type()->full_name();
  return name == "google.protobuf.Timestamp" || name == "google.protobuf.Duration" ||
         name == "google.protobuf.FieldMask";
}

void FieldFlags(const Descriptor& type, const std::string& prefix, int depth,
                std::vector<std::string>& lines) {
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor& field = *type.field(i);
    const std::string path = absl::StrCat(prefix, field.name());
    if (!IsLeafType(field) && !field.is_repeated() && depth < kMaxHelpDepth) {
      FieldFlags(*field.message_type(), absl::StrCat(path, "."), depth + 1, lines);
      continue;
    }
    lines.push_back(absl::StrCat("  --", path, "=", ValueKind(field),
                                 field.is_repeated() ? "   (repeat the flag for each)" : ""));
  }
}

std::string CommandName(const CommandSpec& command) {
  return command.verb.empty() ? command.group : absl::StrCat(command.group, " ", command.verb);
}

std::string Usage(const CommandSpec& command) {
  std::string usage = absl::StrCat("csctl ", CommandName(command));
  for (const std::string& positional : command.positionals) {
    absl::StrAppend(&usage, " <", positional, ">");
  }
  return absl::StrCat(usage, " [--field=value …] [options]");
}

}  // namespace

std::string MainHelp() {
  std::string out =
      "csctl — the operator's command line of the customer-service suite.\n\n"
      "usage: csctl <group> <command> [arguments] [--field.path=value …] [options]\n"
      "       csctl <group> --help      csctl <group> <command> --help\n\n"
      "Every command calls one RPC as YOU: give your own bearer token (dev tokens:\n"
      "deploy/config/dev-tokens.md). Request fields are flags named by their path in the request\n"
      "message (--ticket.problem=…, enums by name, timestamps RFC 3339, repeated fields by\n"
      "repeating the flag, field masks as a comma list); anything more complex goes in\n"
      "--request='<text format>'. The server checks who may call what.\n\n"
      "commands:\n";
  std::vector<std::pair<std::string, std::string>> rows;
  for (const CommandSpec& command : Commands()) {
    rows.emplace_back(CommandName(command), command.summary);
  }
  rows.emplace_back("calendar deadline", "the deadline a start instant gets (--start, --hours)");
  rows.emplace_back("health", "every service's gRPC health, one line each");
  for (const auto& [name, summary] : rows) {
    absl::StrAppend(&out, "  ", Padded(name, 26), summary, "\n");
  }
  absl::StrAppend(&out, "\noptions (anywhere on the line; the flag wins over the environment):\n");
  for (const OptionHelp& option : GlobalOptionsHelp()) {
    absl::StrAppend(&out, "  ", Padded(option.flag, 30),
                    option.environment.empty() ? "" : absl::StrCat("[", option.environment, "] "),
                    option.meaning, "\n");
  }
  absl::StrAppend(
      &out,
      "\nexit codes:\n"
      "  0  OK\n"
      "  1  any other failure (INTERNAL, UNKNOWN, DATA_LOSS, UNIMPLEMENTED, CANCELLED)\n"
      "  2  usage: the command line is wrong; nothing was sent\n"
      "  3  NOT_FOUND\n"
      "  4  refused as it is: INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE, "
      "ALREADY_EXISTS,\n"
      "     ABORTED, PERMISSION_DENIED, UNAUTHENTICATED, or a SERVICE token (--tokens_file)\n"
      "  5  unavailable, try again later (same --request-id): UNAVAILABLE, DEADLINE_EXCEEDED,\n"
      "     RESOURCE_EXHAUSTED; health: a service not SERVING\n"
      "Errors go to stderr: the code and message, the reason, and each field violation the\n"
      "server sent on its own line.\n");
  return out;
}

std::string GroupHelp(absl::string_view group) {
  std::string out;
  for (const CommandSpec& command : Commands()) {
    if (command.group != group) continue;
    absl::StrAppend(&out, "  ", Padded(CommandName(command), 30), command.summary, "\n");
  }
  if (group == "calendar") {
    absl::StrAppend(&out, "  ", Padded("calendar deadline", 30),
                    "the deadline a start instant gets (--start, --hours)\n");
  }
  if (out.empty()) return out;
  return absl::StrCat("usage: csctl ", group, " <command> … (csctl ", group,
                      " <command> --help for its flags)\n\ncommands:\n", out);
}

std::string CommandHelp(const CommandSpec& command) {
  std::string out = absl::StrCat("usage: ", Usage(command), "\n\n", command.summary, "\n\n");
  absl::StrAppend(&out, "RPC: ", command.method, " on ",
                  command.target == Target::kChosen
                      ? std::string("the service --service names (default intake)")
                      : absl::StrCat(TargetName(command.target), " (--", TargetName(command.target),
                                     ", default ", DefaultAddress(command.target), ")"),
                  "\n");
  absl::StatusOr<const google::protobuf::MethodDescriptor*> method = FindMethod(command.method);
  if (!method.ok()) return absl::StrCat(out, method.status().message(), "\n");
  const Descriptor& request = *(*method)->input_type();
  if (!command.positionals.empty()) {
    absl::StrAppend(&out, "arguments: ");
    for (const std::string& positional : command.positionals) {
      absl::StrAppend(&out, "<", positional, "> ");
    }
    absl::StrAppend(&out, "(request fields; or give them as flags)\n");
  }
  absl::StrAppend(&out, "\nrequest fields (", request.full_name(), "):\n");
  std::vector<std::string> lines;
  FieldFlags(request, "", 0, lines);
  if (lines.empty()) lines.push_back("  (none)");
  absl::StrAppend(&out, absl::StrJoin(lines, "\n"), "\n");
  absl::StrAppend(
      &out, "\noptions:\n  --request='TEXT', --request-file=FILE   the request in text format\n");
  if (RequestIdField(request) != nullptr) {
    absl::StrAppend(
        &out, "  --request-id=ID   idempotency key; default a fresh one, printed on stderr\n");
  }
  absl::StrAppend(&out, "  --output=table|json");
  if (!command.columns.empty()) {
    absl::StrAppend(&out, "   --columns=a,b   (default ", absl::StrJoin(command.columns, ","), ")");
  }
  absl::StrAppend(&out, "\n  --token, --token-file, addresses, TLS, --timeout: csctl --help\n");
  absl::StrAppend(&out, "answer: ", (*method)->output_type()->full_name(), "\n");
  return out;
}

std::string HealthHelp() {
  return "usage: csctl health [--timeout=3s] [--output=table|json] [addresses, TLS options]\n\n"
         "Asks grpc.health.v1.Health/Check of every service of the suite (no token needed) and\n"
         "prints one line each: service, address, SERVING or why not.\n"
         "Exit code 0 when every service is SERVING, 5 otherwise.\n";
}

std::string CalendarDeadlineHelp() {
  return "usage: csctl calendar deadline --start=RFC3339 [--hours=N | --working_minutes=N |\n"
         "         --working_days=N | --months=N | --years=N | --wall_hours=N | --wall_minutes=N]\n"
         "         [--calendar_file=FILE] [--service=NAME] [--offline]\n\n"
         "The deadline a start instant gets (SPEC \"Working time\"), computed with the suite's "
         "own\n"
         "code (common/time ComputeDeadline) on the calendar file the services read: "
         "--calendar_file,\n"
         "else $CS_CONFIG_DIR/calendar.textproto, else deploy/config/calendar.textproto.\n"
         "The services' CalendarAdmin tells which version is in force, not the periods "
         "themselves,\n"
         "so csctl checks the file's current version against GetCalendar of --service (default\n"
         "intake, with your token): a different version is refused (exit 4); --offline skips the\n"
         "check. --hours is working hours (default 1: the first-contact target of A5 6.3).\n"
         "  --start=RFC3339|now   the event (default now)\n"
         "  --output=table|json\n";
}

}  // namespace cs::tools::csctl

// loadgen: load for any unary gRPC method of the suite. See README.md beside this file for
// examples.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "tools/loadgen/load_runner.h"
#include "tools/loadgen/request_template.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051", "host:port of the server");
ABSL_FLAG(std::string, method, "",
          "full method name, e.g. /cs.intake.v1.IntakeService/CreateTicket");
ABSL_FLAG(std::string, request_type, "",
          "request message type, e.g. cs.intake.v1.CreateTicketRequest");
ABSL_FLAG(std::string, request, "", "request body in protobuf text format");
ABSL_FLAG(std::string, request_file, "", "file holding the request body in text format");
ABSL_FLAG(std::string, token, "",
          "bearer token sent as 'authorization: Bearer <token>'; default: $CS_LOADGEN_TOKEN "
          "(keeps it out of the process list). Never printed");
ABSL_FLAG(
    std::string, request_id_field, "request_id",
    "top-level string field that gets the request id; the default is filled when the type has "
    "it, another name must exist; 'none' turns filling off");
ABSL_FLAG(std::string, request_ids, "unique",
          "unique: a new id per call; repeat: the same id on every call (idempotent retries)");
ABSL_FLAG(int, concurrency, 1, "closed loop: callers, each sends when its previous call returned");
ABSL_FLAG(double, rate, 0, "open loop when > 0: calls per second on a fixed schedule");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10), "measurement window");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(2), "load before the window, not recorded");
ABSL_FLAG(absl::Duration, deadline, absl::Seconds(5), "deadline of each call");
ABSL_FLAG(int, threads, 1, "completion-queue threads of the client");
ABSL_FLAG(int, channels, 1, "connections to the target; calls are spread over them");
ABSL_FLAG(int, max_in_flight, 10000, "open loop: most calls outstanding at once");
ABSL_FLAG(absl::Duration, late_threshold, absl::Milliseconds(1),
          "open loop: a call sent later than this after its due time counts as late");
ABSL_FLAG(absl::Duration, connect_timeout, absl::Seconds(10), "wait this long for each connection");
ABSL_FLAG(bool, json, false,
          "print one JSON object line on stdout (the human summary then goes to stderr)");

namespace cs::tools::loadgen {
namespace {

absl::StatusOr<std::string> RequestText() {
  const std::string file = absl::GetFlag(FLAGS_request_file);
  if (file.empty()) return absl::GetFlag(FLAGS_request);
  if (!absl::GetFlag(FLAGS_request).empty()) {
    return absl::InvalidArgumentError("give --request or --request_file, not both");
  }
  std::ifstream in(file);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read --request_file ", file));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::Status Run() {
  const std::string type_name = absl::GetFlag(FLAGS_request_type);
  if (type_name.empty()) return absl::InvalidArgumentError("--request_type is required");
  absl::StatusOr<const google::protobuf::Message*> prototype = FindGeneratedPrototype(type_name);
  if (!prototype.ok()) return prototype.status();

  RequestTemplateOptions request_options;
  absl::StatusOr<std::string> text = RequestText();
  if (!text.ok()) return text.status();
  request_options.text = *std::move(text);
  const std::string id_field = absl::GetFlag(FLAGS_request_id_field);
  // "none" cannot be a protobuf field name of ours (fields are lower_snake and never that word).
  request_options.request_id_field = id_field == "none" ? "" : id_field;
  request_options.require_request_id_field = id_field != "none" && id_field != "request_id";
  absl::StatusOr<RequestIdMode> mode = ParseRequestIdMode(absl::GetFlag(FLAGS_request_ids));
  if (!mode.ok()) return mode.status();
  request_options.request_id_mode = *mode;
  request_options.run_id = NewRunId();
  absl::StatusOr<std::unique_ptr<RequestTemplate>> requests =
      RequestTemplate::Create(**prototype, request_options);
  if (!requests.ok()) return requests.status();

  LoadOptions options;
  options.target = absl::GetFlag(FLAGS_target);
  options.method = absl::GetFlag(FLAGS_method);
  options.token = absl::GetFlag(FLAGS_token);
  if (options.token.empty()) {
    if (const char* from_environment = std::getenv("CS_LOADGEN_TOKEN")) {
      options.token = from_environment;
    }
  }
  options.deadline = absl::GetFlag(FLAGS_deadline);
  options.concurrency = absl::GetFlag(FLAGS_concurrency);
  options.rate = absl::GetFlag(FLAGS_rate);
  options.warmup = absl::GetFlag(FLAGS_warmup);
  options.duration = absl::GetFlag(FLAGS_duration);
  options.threads = absl::GetFlag(FLAGS_threads);
  options.max_in_flight = absl::GetFlag(FLAGS_max_in_flight);
  options.late_threshold = absl::GetFlag(FLAGS_late_threshold);
  if (absl::Status valid = ValidateLoadOptions(options); !valid.ok()) return valid;
  if (absl::GetFlag(FLAGS_channels) < 1)
    return absl::InvalidArgumentError("--channels must be >= 1");

  absl::StatusOr<std::vector<std::shared_ptr<grpc::Channel>>> channels = ConnectChannels(
      options.target, absl::GetFlag(FLAGS_channels), absl::GetFlag(FLAGS_connect_timeout));
  if (!channels.ok()) return channels.status();
  absl::StatusOr<LoadReport> report = RunLoad(options, **requests, *channels);
  if (!report.ok()) return report.status();
  report->details["request_type"] = type_name;
  report->details["request_ids"] = (*requests)->fills_request_id()
                                       ? absl::GetFlag(FLAGS_request_ids)
                                       : std::string("not filled");
  report->details["threads"] = absl::StrCat(options.threads);
  report->details["channels"] = absl::StrCat(absl::GetFlag(FLAGS_channels));

  if (absl::GetFlag(FLAGS_json)) {
    std::cerr << FormatSummary(*report);
    std::cout << FormatJson(*report) << std::endl;
  } else {
    std::cout << FormatSummary(*report);
  }
  return absl::OkStatus();
}

}  // namespace
}  // namespace cs::tools::loadgen

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "loadgen --target host:port --method /pkg.Service/Method --request_type pkg.Message "
      "[--request 'text'] [--concurrency N | --rate R] [--duration 10s] [--json]");
  absl::ParseCommandLine(argc, argv);
  const absl::Status status = cs::tools::loadgen::Run();
  if (!status.ok()) {
    std::cerr << "loadgen: " << status.message() << std::endl;
    return 1;
  }
  return 0;
}

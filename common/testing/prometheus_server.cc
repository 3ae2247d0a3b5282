#include "common/testing/prometheus_server.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "common/testing/http_get.h"
#include "common/testing/shell_command.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace cs::common::testing {
namespace {

using ::google::protobuf::Struct;
using ::google::protobuf::Value;

// A YAML double-quoted scalar (JSON's escapes are valid YAML).
std::string Quoted(absl::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      absl::StrAppend(&out, "\\x", absl::Hex(static_cast<unsigned char>(c), absl::kZeroPad2));
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

// Prometheus durations take no fractions ("1.5s" is refused); milliseconds always parse.
std::string PrometheusDuration(absl::Duration duration) {
  return absl::StrCat(absl::ToInt64Milliseconds(duration), "ms");
}

// Percent-encodes everything but RFC 3986's unreserved characters.
std::string UrlEncode(absl::string_view text) {
  std::string out;
  for (const char c : text) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out.push_back(c);
    } else {
      absl::StrAppend(&out, "%", absl::Hex(static_cast<unsigned char>(c), absl::kZeroPad2));
    }
  }
  return out;
}

// The "data" member of an API answer, after checking "status".
absl::StatusOr<Struct> ApiData(absl::string_view json) {
  Struct answer;
  const auto parsed = google::protobuf::util::JsonStringToMessage(std::string(json), &answer);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "not a Prometheus API answer: ", parsed.ToString(), ": ", json.substr(0, 200)));
  }
  const auto& fields = answer.fields();
  const auto status = fields.find("status");
  if (status == fields.end() || status->second.string_value() != "success") {
    const auto type = fields.find("errorType");
    const auto error = fields.find("error");
    return absl::InternalError(
        absl::StrCat("Prometheus answered ",
                     status == fields.end() ? "no status" : status->second.string_value(), ": ",
                     type == fields.end() ? "" : type->second.string_value(), " ",
                     error == fields.end() ? "" : error->second.string_value()));
  }
  const auto data = fields.find("data");
  if (data == fields.end() || !data->second.has_struct_value()) {
    return absl::InvalidArgumentError("a Prometheus API answer without \"data\"");
  }
  return data->second.struct_value();
}

std::map<std::string, std::string> StringMap(const Struct& object) {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : object.fields()) out.emplace(key, value.string_value());
  return out;
}

// A sample value: [<unix time>, "<value>"]; Prometheus writes non-finite values as "+Inf", "-Inf"
// and "NaN".
absl::StatusOr<double> SampleValue(const Value& pair) {
  if (!pair.has_list_value() || pair.list_value().values_size() != 2) {
    return absl::InvalidArgumentError("a sample value is not [time, \"value\"]");
  }
  const std::string& text = pair.list_value().values(1).string_value();
  if (text == "+Inf") return std::numeric_limits<double>::infinity();
  if (text == "-Inf") return -std::numeric_limits<double>::infinity();
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  double value = 0;
  if (!absl::SimpleAtod(text, &value)) {
    return absl::InvalidArgumentError(absl::StrCat("a sample value is not a number: ", text));
  }
  return value;
}

std::string Describe(const std::vector<PrometheusAlert>& alerts) {
  std::vector<std::string> parts;
  for (const PrometheusAlert& alert : alerts) {
    std::vector<std::string> labels;
    for (const auto& [name, value] : alert.labels) labels.push_back(absl::StrCat(name, "=", value));
    parts.push_back(absl::StrCat(alert.state, " {", absl::StrJoin(labels, ","), "}"));
  }
  return parts.empty() ? "none" : absl::StrJoin(parts, "; ");
}

}  // namespace

absl::StatusOr<std::string> ProjectPrometheusConfig(const std::string& source_dir,
                                                    const std::map<std::string, int>& metrics_ports,
                                                    absl::Duration interval) {
  const std::string prometheus_dir = absl::StrCat(source_dir, "/deploy/prometheus");
  std::string command = absl::StrCat(
      ShellQuoted(absl::StrCat(source_dir, "/deploy/lib/prometheus-local-config.sh")),
      " --rules-base ", ShellQuoted(prometheus_dir), " --interval ", PrometheusDuration(interval));
  for (const auto& [service, port] : metrics_ports) {
    absl::StrAppend(&command, " ", ShellQuoted(absl::StrCat(service, "=", port)));
  }
  absl::StrAppend(&command, " <", ShellQuoted(absl::StrCat(prometheus_dir, "/prometheus.yml")));
  return RunShellCommandOk(command);
}

std::string PrometheusConfig(const PrometheusOptions& options) {
  std::string out = absl::StrCat(
      "# Generated by cs::common::testing::PrometheusServer.\n", "global:\n",
      "  scrape_interval: ", PrometheusDuration(options.scrape_interval), "\n",
      "  scrape_timeout: ", PrometheusDuration(options.scrape_interval), "\n",
      "  evaluation_interval: ", PrometheusDuration(options.evaluation_interval), "\n");
  if (!options.rule_files.empty()) {
    absl::StrAppend(&out, "rule_files:\n");
    for (const std::string& file : options.rule_files) {
      absl::StrAppend(&out, "  - ", Quoted(file), "\n");
    }
  }
  absl::StrAppend(&out, "scrape_configs:\n", "  - job_name: ", Quoted(options.job_name), "\n",
                  "    metrics_path: /metrics\n", "    static_configs:\n");
  if (options.targets.empty()) absl::StrAppend(&out, "      []\n");
  for (const PrometheusTarget& target : options.targets) {
    absl::StrAppend(&out, "      - targets: [", Quoted(target.address), "]\n");
    if (target.labels.empty()) continue;
    absl::StrAppend(&out, "        labels:\n");
    for (const auto& [name, value] : target.labels) {
      absl::StrAppend(&out, "          ", Quoted(name), ": ", Quoted(value), "\n");
    }
  }
  return out;
}

absl::StatusOr<std::vector<PrometheusSample>> ParsePrometheusQueryResponse(absl::string_view json) {
  absl::StatusOr<Struct> data = ApiData(json);
  if (!data.ok()) return data.status();
  const auto& fields = data->fields();
  const auto type = fields.find("resultType");
  const auto result = fields.find("result");
  if (type == fields.end() || result == fields.end()) {
    return absl::InvalidArgumentError("a query answer without resultType or result");
  }
  std::vector<PrometheusSample> samples;
  if (type->second.string_value() == "scalar") {
    absl::StatusOr<double> value = SampleValue(result->second);
    if (!value.ok()) return value.status();
    samples.push_back({{}, *value});
    return samples;
  }
  if (type->second.string_value() != "vector") {
    return absl::InvalidArgumentError(absl::StrCat("the query gave a ", type->second.string_value(),
                                                   ", not an instant vector or a scalar"));
  }
  for (const Value& element : result->second.list_value().values()) {
    const auto& element_fields = element.struct_value().fields();
    const auto metric = element_fields.find("metric");
    const auto value = element_fields.find("value");
    if (value == element_fields.end()) {
      return absl::InvalidArgumentError("a vector element without a value");
    }
    absl::StatusOr<double> number = SampleValue(value->second);
    if (!number.ok()) return number.status();
    samples.push_back({metric == element_fields.end() ? std::map<std::string, std::string>{}
                                                      : StringMap(metric->second.struct_value()),
                       *number});
  }
  return samples;
}

absl::StatusOr<std::vector<PrometheusAlert>> ParsePrometheusAlertsResponse(absl::string_view json) {
  absl::StatusOr<Struct> data = ApiData(json);
  if (!data.ok()) return data.status();
  const auto alerts = data->fields().find("alerts");
  if (alerts == data->fields().end()) {
    return absl::InvalidArgumentError("an alerts answer without \"alerts\"");
  }
  std::vector<PrometheusAlert> out;
  for (const Value& element : alerts->second.list_value().values()) {
    const auto& fields = element.struct_value().fields();
    PrometheusAlert alert;
    if (auto it = fields.find("labels"); it != fields.end()) {
      alert.labels = StringMap(it->second.struct_value());
    }
    if (auto it = fields.find("annotations"); it != fields.end()) {
      alert.annotations = StringMap(it->second.struct_value());
    }
    if (auto it = fields.find("state"); it != fields.end()) alert.state = it->second.string_value();
    out.push_back(std::move(alert));
  }
  return out;
}

absl::StatusOr<std::unique_ptr<PrometheusServer>> PrometheusServer::Start(
    PrometheusOptions options) {
  if (access(options.binary.c_str(), X_OK) != 0) {
    return absl::NotFoundError(
        absl::StrCat(options.binary,
                     " is not an executable: install Debian's package prometheus (see "
                     "deploy/lib/install-deps.sh)"));
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "cs-prometheus-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("cannot create a directory like ", pattern));
  }
  absl::StatusOr<int> port = PickFreePort();
  // From here on, the destructor removes the directory.
  std::unique_ptr<PrometheusServer> server(new PrometheusServer(
      pattern, options.config.empty() ? PrometheusConfig(options) : options.config,
      port.value_or(0)));
  if (!port.ok()) return port.status();
  const std::string config_path = absl::StrCat(pattern, "/prometheus.yml");
  {
    std::ofstream config(config_path);
    config << server->config_;
    if (!config.good()) return absl::InternalError(absl::StrCat("cannot write ", config_path));
  }
  const std::string log_path =
      options.log_path.empty() ? absl::StrCat(pattern, "/prometheus.log") : options.log_path;
  absl::StatusOr<std::unique_ptr<ServiceProcess>> process =
      ServiceProcess::Start(options.binary,
                            {absl::StrCat("--config.file=", config_path),
                             absl::StrCat("--storage.tsdb.path=", pattern, "/data"),
                             absl::StrCat("--web.listen-address=127.0.0.1:", *port)},
                            log_path);
  if (!process.ok()) return process.status();
  server->process_ = *std::move(process);

  const absl::Time give_up = absl::Now() + options.start_timeout;
  while (true) {
    int exit_code = 0;
    if (server->process_->Exited(&exit_code)) {
      return absl::FailedPreconditionError(absl::StrCat(options.binary, " exited with ", exit_code,
                                                        "; configuration:\n", server->config_,
                                                        "log:\n", server->LogTail()));
    }
    if (HttpGet(*port, "/-/ready", absl::Seconds(1)).ok()) return server;
    if (absl::Now() >= give_up) break;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::DeadlineExceededError(
      absl::StrCat(options.binary, " was not ready on port ", *port, " after ",
                   absl::FormatDuration(options.start_timeout), "; log:\n", server->LogTail()));
}

PrometheusServer::~PrometheusServer() {
  if (process_ != nullptr) process_->Stop(absl::Seconds(10));
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

absl::StatusOr<std::vector<PrometheusSample>> PrometheusServer::Query(absl::string_view expr) {
  absl::StatusOr<std::string> body =
      HttpGet(port_, absl::StrCat("/api/v1/query?query=", UrlEncode(expr)));
  if (!body.ok()) return body.status();
  return ParsePrometheusQueryResponse(*body);
}

absl::StatusOr<std::vector<PrometheusAlert>> PrometheusServer::Alerts() {
  absl::StatusOr<std::string> body = HttpGet(port_, "/api/v1/alerts");
  if (!body.ok()) return body.status();
  return ParsePrometheusAlertsResponse(*body);
}

absl::StatusOr<std::vector<PrometheusSample>> PrometheusServer::WaitForSamples(
    absl::string_view expr, absl::Duration timeout) {
  const absl::Time give_up = absl::Now() + timeout;
  while (true) {
    absl::StatusOr<std::vector<PrometheusSample>> samples = Query(expr);
    if (samples.ok() && !samples->empty()) return samples;
    if (absl::Now() >= give_up) {
      return absl::DeadlineExceededError(
          absl::StrCat("no sample of ", expr, " after ", absl::FormatDuration(timeout), " (",
                       samples.ok() ? "an empty result" : samples.status().ToString(), ")"));
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
}

absl::StatusOr<PrometheusAlert> PrometheusServer::WaitForAlert(
    absl::string_view name, const std::map<std::string, std::string>& labels,
    absl::string_view state, absl::Duration timeout) {
  std::map<std::string, std::string> wanted = labels;
  wanted["alertname"] = std::string(name);
  const absl::Time give_up = absl::Now() + timeout;
  std::string last = "no answer";
  while (true) {
    absl::StatusOr<std::vector<PrometheusAlert>> alerts = Alerts();
    if (alerts.ok()) {
      for (const PrometheusAlert& alert : *alerts) {
        bool matches = alert.state == state;
        for (const auto& [label, value] : wanted) {
          auto it = alert.labels.find(label);
          matches = matches && it != alert.labels.end() && it->second == value;
        }
        if (matches) return alert;
      }
      last = Describe(*alerts);
    } else {
      last = alerts.status().ToString();
    }
    if (absl::Now() >= give_up) {
      return absl::DeadlineExceededError(absl::StrCat("alert ", name, " was not ", state, " after ",
                                                      absl::FormatDuration(timeout),
                                                      "; active alerts: ", last));
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
}

std::string PrometheusServer::LogTail(size_t bytes) const {
  if (process_ != nullptr) return process_->LogTail(bytes);
  return "";
}

}  // namespace cs::common::testing

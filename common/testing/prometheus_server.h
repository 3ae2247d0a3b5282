// Runs a real Prometheus server for end-to-end tests, so alerting rules are proven against the
// series the services really export: Debian's /usr/bin/prometheus (package `prometheus`, installed
// by deploy/lib/install-deps.sh) on loopback, on a free port, with a temporary data directory and a
// generated configuration that scrapes the given targets and evaluates the given rule files every
// second. Reads its HTTP API back (/api/v1/query, /api/v1/alerts). The server is stopped and its
// directory removed when the object goes away.
//
// Not thread-safe; one test thread drives it. Prometheus evaluates on the real clock, whatever test
// clock the scraped services run on.
#ifndef CS_COMMON_TESTING_PROMETHEUS_SERVER_H_
#define CS_COMMON_TESTING_PROMETHEUS_SERVER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/testing/service_process.h"

namespace cs::common::testing {

// One scrape target: "127.0.0.1:<metrics port>" and the labels its series get (e.g.
// service="intake" as deploy/prometheus/prometheus.yml gives them).
struct PrometheusTarget {
  std::string address;
  std::map<std::string, std::string> labels;
};

struct PrometheusOptions {
  std::string binary = "/usr/bin/prometheus";
  // The job of every target; the suite's rules select job="cs-services".
  std::string job_name = "cs-services";
  std::vector<PrometheusTarget> targets;
  // Rule files to load, absolute paths (e.g. <source>/deploy/prometheus/rules/intake.yml).
  std::vector<std::string> rule_files;
  // Whole milliseconds. The scrape timeout is the scrape interval.
  absl::Duration scrape_interval = absl::Seconds(1);
  absl::Duration evaluation_interval = absl::Seconds(1);
  absl::Duration start_timeout = absl::Seconds(30);
  // Where Prometheus logs; empty: in the data directory (removed with it; see LogTail).
  std::string log_path;
  // When not empty, the whole configuration file, written as is (e.g. ProjectPrometheusConfig's);
  // job_name, targets, rule_files and the intervals above are then not used.
  std::string config;
};

// One element of an instant vector (or the value of a scalar, with no labels).
struct PrometheusSample {
  std::map<std::string, std::string> labels;
  double value = 0;
};

// One active alert as /api/v1/alerts lists it.
struct PrometheusAlert {
  // alertname, the rule's labels and the labels of the series that fired it.
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  std::string state;  // "pending" or "firing"
};

// The configuration file PrometheusServer::Start writes for `options` (YAML).
std::string PrometheusConfig(const PrometheusOptions& options);

// The project's own configuration, <source_dir>/deploy/prometheus/prometheus.yml, rewritten as
// deploy/run-local.sh runs it (deploy/lib/prometheus-local-config.sh): the target of each service
// of `metrics_ports` (service name -> metrics port) on 127.0.0.1, every other service's target left
// out, its rule files read from <source_dir>/deploy/prometheus, and `interval` (whole milliseconds)
// as scrape interval, scrape timeout and evaluation interval; every other setting as written.
// INTERNAL with the script's message when it fails (e.g. a service without a target in the file).
absl::StatusOr<std::string> ProjectPrometheusConfig(const std::string& source_dir,
                                                    const std::map<std::string, int>& metrics_ports,
                                                    absl::Duration interval = absl::Seconds(1));

// The samples of an /api/v1/query answer (resultType vector or scalar). INVALID_ARGUMENT when the
// JSON is malformed or the result is a matrix or string; INTERNAL with Prometheus's message when it
// answered status "error".
absl::StatusOr<std::vector<PrometheusSample>> ParsePrometheusQueryResponse(absl::string_view json);

// The alerts of an /api/v1/alerts answer; errors as for ParsePrometheusQueryResponse.
absl::StatusOr<std::vector<PrometheusAlert>> ParsePrometheusAlertsResponse(absl::string_view json);

class PrometheusServer final {
 public:
  // Writes the configuration in a new temporary directory, starts Prometheus on a free loopback
  // port and waits until it is ready (/-/ready). NOT_FOUND when the binary is missing;
  // FAILED_PRECONDITION with the log's tail when it exits (e.g. a rule file does not load);
  // DEADLINE_EXCEEDED after options.start_timeout; INTERNAL when the directory cannot be made.
  static absl::StatusOr<std::unique_ptr<PrometheusServer>> Start(PrometheusOptions options);
  ~PrometheusServer();

  PrometheusServer(const PrometheusServer&) = delete;
  PrometheusServer& operator=(const PrometheusServer&) = delete;

  int port() const { return port_; }
  // The generated configuration, for failure messages.
  const std::string& config() const { return config_; }

  // Evaluates the PromQL expression `expr` now (GET /api/v1/query). UNAVAILABLE when the server
  // does not answer; INTERNAL when it refuses the query (the HTTP status line says why: e.g. 400
  // for a syntax error); otherwise as ParsePrometheusQueryResponse.
  absl::StatusOr<std::vector<PrometheusSample>> Query(absl::string_view expr);
  // The active alerts, pending and firing (GET /api/v1/alerts); errors as for Query.
  absl::StatusOr<std::vector<PrometheusAlert>> Alerts();

  // Polls Query(expr) until it returns at least one sample and returns them. DEADLINE_EXCEEDED
  // after `timeout`, with the last answer or error.
  absl::StatusOr<std::vector<PrometheusSample>> WaitForSamples(
      absl::string_view expr, absl::Duration timeout = absl::Seconds(20));
  // Polls Alerts() until the alert `name` whose labels include every pair of `labels` is in `state`
  // ("firing" or "pending") and returns it. DEADLINE_EXCEEDED after `timeout`, naming the alerts
  // that were active.
  absl::StatusOr<PrometheusAlert> WaitForAlert(absl::string_view name,
                                               const std::map<std::string, std::string>& labels,
                                               absl::string_view state = "firing",
                                               absl::Duration timeout = absl::Seconds(20));

  // The last `bytes` of Prometheus's log, for failure messages.
  std::string LogTail(size_t bytes = 4000) const;

 private:
  PrometheusServer(std::string directory, std::string config, int port)
      : directory_(std::move(directory)), config_(std::move(config)), port_(port) {}

  const std::string directory_;
  const std::string config_;
  const int port_;
  std::unique_ptr<ServiceProcess> process_;
};

}  // namespace cs::common::testing

#endif  // CS_COMMON_TESTING_PROMETHEUS_SERVER_H_

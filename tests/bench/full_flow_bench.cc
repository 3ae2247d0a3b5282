// The whole flow under load (issue 17, target 2) and its soak run: create → forward → receipt
// confirmed by routing → decision → reply delivered → close → archived, driven from outside by
// FullFlowClients (tests/e2e/full_flow_clients.h, the fault-injection test's clients) against the
// six real binaries on their real clocks (tests/e2e/running_suite.h without --test_clock: the lags
// are wall time).
//
// 1. Closed loop: for each count of --closed_threads (4, 8, 16) in turn, that many clients, each
//    starting its next flow when its last one is archived, for --closed_duration after --warmup;
//    the best rate of flows archived per second is the closed-loop maximum. CPU per flow of every
//    process (and the driver's), and the driver's reads per flow, say who limits it: a flow that
//    waits longer is read more often, so past the knee more clients add load without adding
//    flows.
// 2. Open loop at --load × that maximum (or --flows_per_second) for --duration: flows due on a
//    fixed schedule, run by a pool of --workers; a flow taken up more than 20 ms late is counted
//    (coordinated omission is never hidden: its latency counts from its due time).
// Reported for the open-loop window: flows due / started / archived, every non-OK answer by step
// and code and every failed flow (the target: none), and the two lags three ways:
// - the driver's wall clock: an asynchronous step is seen at most --poll_interval (20 ms) late,
//   or a tenth of its wait when that is longer, up to --max_poll_interval (100 ms);
// - the services' own timestamps, per flow, from the archived ticket: forward.forwarded_at →
//   forward.confirmed_at (intake's clock), the CREATED entry → the record's archived_at;
// - the services' own histograms, scraped from /metrics before and after the window (bucket
//   deltas): forward → confirmation is intake's outbox delivery age to routing (the forward) plus
//   routing's to intake (the receipt), close → archived is intake's to the archive. A quantile of
//   a histogram is given as its bucket (lower, upper] and interpolated linearly inside it, as
//   Prometheus' histogram_quantile does.
// Every --sample_interval the program samples each service's VmRSS, the outbox rows not yet
// delivered (read from each schema), the outbox pending gauges and the flows in flight, and prints
// first / last / min / max and the RSS trend of the second half — for the soak run (soak.sh:
// --duration=600s), "memory flat, no growing backlog".
//
// Needs a MariaDB: CS_TEST_MYSQL_HOST/PORT/USER/PASSWORD (an account that creates schemas and
// users), e.g.
//   port=$(deploy/private-mariadb.sh start /tmp/mdb-bench)
//   export CS_TEST_MYSQL_HOST=127.0.0.1 CS_TEST_MYSQL_PORT=$port
//   export CS_TEST_MYSQL_USER=cs_admin CS_TEST_MYSQL_PASSWORD=cs_admin
//   build/tests/bench/full_flow_bench [--duration=60s]
// Exit status 1 when a target is missed (an error, a failed flow, a p99 over its target), 2 when
// the run could not be made. The schemas and accounts are dropped at exit.
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/db/connection_pool.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "tests/e2e/full_flow_clients.h"
#include "tests/e2e/running_suite.h"

ABSL_FLAG(std::vector<std::string>, closed_threads, std::vector<std::string>({"4", "8", "16"}),
          "closed loop: numbers of clients to try in turn, each client running one flow after "
          "another; the best rate is the closed-loop maximum");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(5), "closed loop: run before the measured window");
ABSL_FLAG(absl::Duration, closed_duration, absl::Seconds(15),
          "closed loop: the measured window of each count of clients");
ABSL_FLAG(double, load, 0.5, "open loop: this fraction of the closed-loop maximum");
ABSL_FLAG(double, flows_per_second, 0,
          "open loop: this rate instead (the closed loop is then skipped)");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(60), "open loop: the measured window");
ABSL_FLAG(int, workers, 64, "open loop: the pool of workers that run the due flows");
ABSL_FLAG(absl::Duration, poll_interval, absl::Milliseconds(20),
          "how often a flow reads intake / the archive while it waits, and the gateway pulls when "
          "idle: the driver's timing resolution for those steps");
ABSL_FLAG(absl::Duration, max_poll_interval, absl::Milliseconds(100),
          "a wait longer than ten poll intervals reads every tenth of the time waited, up to this");
ABSL_FLAG(absl::Duration, sample_interval, absl::Seconds(5),
          "open loop: how often RSS, outbox backlog and flows in flight are sampled (0: never)");
ABSL_FLAG(std::string, samples_csv, "", "open loop: also write every sample to this CSV file");

namespace cs::e2e {
namespace {

using common::testing::MetricSample;

constexpr absl::Duration kForwardToConfirmationTarget = absl::Seconds(1);
constexpr absl::Duration kCreateToArchivedTarget = absl::Seconds(3);
constexpr absl::Duration kLateStartTolerance = absl::Milliseconds(20);

std::string Ms(absl::Duration d) {
  return absl::StrFormat("%.1f ms", absl::ToDoubleMilliseconds(d));
}

// p50, p99 and max by nearest rank (p99 of 100 values is the 99th smallest).
struct Spread {
  size_t count = 0;
  absl::Duration p50, p99, max;
};
Spread SpreadOf(std::vector<absl::Duration> values) {
  Spread spread;
  spread.count = values.size();
  if (values.empty()) return spread;
  std::sort(values.begin(), values.end());
  auto rank = [&](double q) {
    const size_t index = static_cast<size_t>(std::ceil(q * static_cast<double>(values.size())));
    return values[std::max<size_t>(index, 1) - 1];
  };
  spread.p50 = rank(0.5);
  spread.p99 = rank(0.99);
  spread.max = values.back();
  return spread;
}
std::string Show(const Spread& spread) {
  if (spread.count == 0) return "(none)";
  return absl::StrCat("p50 ", Ms(spread.p50), ", p99 ", Ms(spread.p99), ", max ", Ms(spread.max),
                      " (", spread.count, ")");
}

// ---- the machine and the processes (/proc)

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string CpuModel() {
  for (absl::string_view line : absl::StrSplit(ReadFile("/proc/cpuinfo"), '\n')) {
    if (absl::StartsWith(line, "model name")) {
      return std::string(absl::StripAsciiWhitespace(line.substr(line.find(':') + 1)));
    }
  }
  return "unknown CPU";
}

std::string LoadAverage() {
  std::vector<std::string> fields = absl::StrSplit(ReadFile("/proc/loadavg"), ' ');
  fields.resize(3);
  return absl::StrJoin(fields, " ");
}

// The process whose command line holds every one of `arguments`; 0 when none (MariaDB, which the
// harness did not start).
pid_t FindProcess(const std::vector<std::string>& arguments) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
    pid_t pid = 0;
    if (!absl::SimpleAtoi(entry.path().filename().string(), &pid)) continue;
    const std::vector<std::string> argv =
        absl::StrSplit(ReadFile(absl::StrCat("/proc/", pid, "/cmdline")), '\0');
    const bool all = std::all_of(arguments.begin(), arguments.end(), [&](const std::string& a) {
      return std::find(argv.begin(), argv.end(), a) != argv.end() ||
             std::any_of(argv.begin(), argv.end(),
                         [&](const std::string& arg) { return absl::EndsWith(arg, a); });
    });
    if (all) return pid;
  }
  return 0;
}

// VmRSS in MiB; -1 when unreadable.
double RssMiB(pid_t pid) {
  for (absl::string_view line :
       absl::StrSplit(ReadFile(absl::StrCat("/proc/", pid, "/status")), '\n')) {
    if (!absl::ConsumePrefix(&line, "VmRSS:")) continue;
    line = absl::StripAsciiWhitespace(line);
    int64_t kib = 0;
    if (absl::SimpleAtoi(line.substr(0, line.find(' ')), &kib)) return kib / 1024.0;
  }
  return -1;
}

// User + system CPU seconds; 0 when unreadable.
double CpuSeconds(pid_t pid) {
  const std::string stat = ReadFile(absl::StrCat("/proc/", pid, "/stat"));
  const size_t end_of_name = stat.rfind(')');
  if (end_of_name == std::string::npos) return 0;
  // After "pid (comm) ": state is field 3, utime 14, stime 15.
  const std::vector<std::string> fields = absl::StrSplit(stat.substr(end_of_name + 2), ' ');
  int64_t utime = 0, stime = 0;
  if (fields.size() < 13 || !absl::SimpleAtoi(fields[11], &utime) ||
      !absl::SimpleAtoi(fields[12], &stime)) {
    return 0;
  }
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// ---- /metrics

absl::StatusOr<std::vector<MetricSample>> Scrape(RunningSuite& suite, absl::string_view service) {
  absl::StatusOr<std::string> text =
      common::testing::HttpGet(suite.service(service).metrics_port, "/metrics");
  if (!text.ok()) return text.status();
  return common::testing::ParseMetricsText(*text);
}

double Sum(const std::vector<MetricSample>& samples, absl::string_view name) {
  double sum = 0;
  for (const MetricSample& sample : samples) {
    if (sample.name == name) sum += sample.value;
  }
  return sum;
}

// A histogram's cumulative buckets: upper bound → observations at or below it (+Inf last).
using Buckets = std::vector<std::pair<double, double>>;

Buckets BucketsOf(const std::vector<MetricSample>& samples, absl::string_view histogram,
                  absl::string_view destination) {
  Buckets buckets;
  const std::string name = absl::StrCat(histogram, "_bucket");
  for (const MetricSample& sample : samples) {
    auto le = sample.labels.find("le");
    auto to = sample.labels.find("destination");
    if (sample.name != name || le == sample.labels.end() || to == sample.labels.end() ||
        to->second != destination) {
      continue;
    }
    double bound = 0;
    if (le->second == "+Inf") {
      bound = INFINITY;
    } else if (!absl::SimpleAtod(le->second, &bound)) {
      continue;
    }
    buckets.emplace_back(bound, sample.value);
  }
  std::sort(buckets.begin(), buckets.end());
  return buckets;
}

// after − before, bucket by bucket (a series absent before counts from 0).
Buckets Delta(const Buckets& after, const Buckets& before) {
  Buckets delta = after;
  for (auto& [bound, count] : delta) {
    for (const auto& [old_bound, old_count] : before) {
      if (old_bound == bound) count -= old_count;
    }
  }
  return delta;
}

struct BucketQuantile {
  double count = 0;
  double lower = 0;
  double upper = 0;         // INFINITY when it falls in the +Inf bucket
  double interpolated = 0;  // linear inside (lower, upper], as histogram_quantile
};
BucketQuantile QuantileOf(const Buckets& buckets, double q) {
  BucketQuantile result;
  if (buckets.empty() || buckets.back().second <= 0) return result;
  result.count = buckets.back().second;
  const double rank = q * result.count;
  double lower = 0, below = 0;
  for (const auto& [bound, cumulative] : buckets) {
    if (cumulative >= rank) {
      result.lower = lower;
      result.upper = bound;
      result.interpolated = std::isinf(bound) ? lower
                                              : lower + (bound - lower) * (rank - below) /
                                                            std::max(cumulative - below, 1e-9);
      return result;
    }
    lower = bound;
    below = cumulative;
  }
  return result;
}
std::string Show(const BucketQuantile& q) {
  return absl::StrFormat("(%g, %g] s, interpolated %.3f s", q.lower, q.upper, q.interpolated);
}

// ---- outbox rows not yet delivered, read from the schema (the gauges follow only each sweep)

class OutboxBacklog final {
 public:
  static absl::StatusOr<OutboxBacklog> Open(RunningSuite& suite) {
    common::db::MySqlOptions options = suite.service("intake").admin;
    options.pool_size = 1;
    absl::StatusOr<std::unique_ptr<common::db::ConnectionPool>> pool =
        common::db::ConnectionPool::Create(options);
    if (!pool.ok()) return pool.status();
    OutboxBacklog backlog;
    backlog.pool_ = std::shared_ptr<common::db::ConnectionPool>(std::move(*pool));
    for (const char* service : {"intake", "routing"}) {
      backlog.schemas_[service] = suite.service(service).mysql.database;
    }
    return backlog;
  }
  // Undelivered, not dead-lettered rows of `service`'s outbox; -1 when the query fails.
  int64_t Pending(const std::string& service) {
    absl::StatusOr<common::db::PooledConnection> connection = pool_->Acquire();
    if (!connection.ok()) return -1;
    try {
      std::unique_ptr<sql::Statement> statement((*connection)->createStatement());
      std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(
          absl::StrCat("SELECT COUNT(*) FROM `", schemas_.at(service),
                       "`.outbox WHERE delivered_at IS NULL AND dead_lettered_at IS NULL")));
      return rows->next() ? rows->getInt64(1) : 0;
    } catch (const sql::SQLException&) {
      return -1;
    }
  }
  absl::Status WaitUntilDrained(absl::Duration timeout) {
    const absl::Time give_up = absl::Now() + timeout;
    while (Pending("intake") != 0 || Pending("routing") != 0) {
      if (absl::Now() > give_up) {
        return absl::DeadlineExceededError(
            absl::StrCat("outboxes not drained after ", absl::FormatDuration(timeout)));
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<common::db::ConnectionPool> pool_;
  std::map<std::string, std::string> schemas_;
};

// ---- samples taken while the open loop runs

struct Series {
  std::string name;
  std::vector<std::pair<double, double>> points;  // seconds since the start → value
};

class Sampler final {
 public:
  Sampler(RunningSuite& suite, const std::map<std::string, pid_t>& pids, OutboxBacklog& backlog,
          const FullFlowClients& clients, absl::Duration interval)
      : suite_(suite), pids_(pids), backlog_(backlog), clients_(clients), interval_(interval) {
    for (const auto& [service, pid] : pids_)
      series_.push_back({absl::StrCat(service, " RSS MiB"), {}});
    for (const char* name :
         {"intake outbox rows pending", "routing outbox rows pending", "cs_intake_outbox_pending",
          "cs_routing_outbox_pending", "cs_routing_deliveries_waiting", "flows in flight"}) {
      series_.push_back({name, {}});
    }
    if (interval_ > absl::ZeroDuration()) thread_ = std::thread([this] { Run(); });
  }
  ~Sampler() { Stop(); }
  void Stop() {
    if (!stop_.HasBeenNotified()) stop_.Notify();
    if (thread_.joinable()) thread_.join();
  }
  const std::vector<Series>& series() const { return series_; }

 private:
  void Run() {
    const absl::Time start = absl::Now();
    do {
      const double at = absl::ToDoubleSeconds(absl::Now() - start);
      std::vector<double> values;
      for (const auto& [service, pid] : pids_) values.push_back(RssMiB(pid));
      values.push_back(static_cast<double>(backlog_.Pending("intake")));
      values.push_back(static_cast<double>(backlog_.Pending("routing")));
      absl::StatusOr<std::vector<MetricSample>> intake = Scrape(suite_, "intake");
      absl::StatusOr<std::vector<MetricSample>> routing = Scrape(suite_, "routing");
      values.push_back(intake.ok() ? Sum(*intake, "cs_intake_outbox_pending") : -1);
      values.push_back(routing.ok() ? Sum(*routing, "cs_routing_outbox_pending") : -1);
      values.push_back(routing.ok() ? Sum(*routing, "cs_routing_deliveries_waiting") : -1);
      values.push_back(static_cast<double>(
          clients_.started() - static_cast<int64_t>(clients_.done()) - clients_.failed()));
      for (size_t i = 0; i < values.size(); ++i) series_[i].points.emplace_back(at, values[i]);
    } while (!stop_.WaitForNotificationWithTimeout(interval_));
  }

  RunningSuite& suite_;
  const std::map<std::string, pid_t> pids_;
  OutboxBacklog& backlog_;
  const FullFlowClients& clients_;
  const absl::Duration interval_;
  absl::Notification stop_;
  // Written only by the thread until Stop() joins it.
  std::vector<Series> series_;
  std::thread thread_;
};

// Least-squares slope of the second half of `points`, per minute.
double SecondHalfSlopePerMinute(const std::vector<std::pair<double, double>>& points) {
  const size_t from = points.size() / 2;
  const double n = static_cast<double>(points.size() - from);
  if (n < 3) return 0;
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t i = from; i < points.size(); ++i) {
    const auto [x, y] = points[i];
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const double denominator = n * sxx - sx * sx;
  return denominator == 0 ? 0 : 60 * (n * sxy - sx * sy) / denominator;
}

void PrintSamples(const std::vector<Series>& series, absl::Duration interval) {
  if (series.empty() || series.front().points.empty()) return;
  std::cout << "\nsamples every " << interval << " (" << series.front().points.size()
            << "): first / last / min / max, and for RSS the trend of the second half\n";
  for (const Series& s : series) {
    double low = INFINITY, high = -INFINITY;
    for (const auto& [at, value] : s.points) {
      low = std::min(low, value);
      high = std::max(high, value);
    }
    std::cout << absl::StrFormat("  %-32s %9.1f %9.1f %9.1f %9.1f", s.name, s.points.front().second,
                                 s.points.back().second, low, high);
    if (absl::StrContains(s.name, "RSS")) {
      std::cout << absl::StrFormat("   %+.2f MiB/min", SecondHalfSlopePerMinute(s.points));
    }
    std::cout << "\n";
  }
}

void WriteCsv(const std::vector<Series>& series, const std::string& path) {
  if (path.empty() || series.empty()) return;
  std::ofstream out(path);
  out << "seconds";
  for (const Series& s : series) out << "," << s.name;
  out << "\n";
  for (size_t i = 0; i < series.front().points.size(); ++i) {
    out << absl::StrFormat("%.1f", series.front().points[i].first);
    for (const Series& s : series) out << "," << s.points[i].second;
    out << "\n";
  }
}

// ---- the flows

bool Taken(absl::Time time) { return time != absl::InfinitePast(); }

std::string CodeName(grpc::StatusCode code) {
  static const auto* const kNames = new std::map<grpc::StatusCode, std::string>{
      {grpc::StatusCode::CANCELLED, "CANCELLED"},
      {grpc::StatusCode::UNKNOWN, "UNKNOWN"},
      {grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT"},
      {grpc::StatusCode::DEADLINE_EXCEEDED, "DEADLINE_EXCEEDED"},
      {grpc::StatusCode::NOT_FOUND, "NOT_FOUND"},
      {grpc::StatusCode::ALREADY_EXISTS, "ALREADY_EXISTS"},
      {grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED"},
      {grpc::StatusCode::RESOURCE_EXHAUSTED, "RESOURCE_EXHAUSTED"},
      {grpc::StatusCode::FAILED_PRECONDITION, "FAILED_PRECONDITION"},
      {grpc::StatusCode::ABORTED, "ABORTED"},
      {grpc::StatusCode::OUT_OF_RANGE, "OUT_OF_RANGE"},
      {grpc::StatusCode::UNIMPLEMENTED, "UNIMPLEMENTED"},
      {grpc::StatusCode::INTERNAL, "INTERNAL"},
      {grpc::StatusCode::UNAVAILABLE, "UNAVAILABLE"},
      {grpc::StatusCode::DATA_LOSS, "DATA_LOSS"},
      {grpc::StatusCode::UNAUTHENTICATED, "UNAUTHENTICATED"},
  };
  auto it = kNames->find(code);
  return it == kNames->end() ? absl::StrCat("code ", static_cast<int>(code)) : it->second;
}

// Every non-OK answer, "step CODE ×n" (a retried UNAVAILABLE too); empty when there is none.
std::vector<std::string> NonOkAnswers(const FullFlowClients& clients) {
  std::vector<std::string> errors;
  for (const auto& [step, codes] : clients.answers()) {
    for (const auto& [code, count] : codes) {
      if (code != grpc::StatusCode::OK) {
        errors.push_back(absl::StrCat(step, " ", CodeName(code), " ×", count));
      }
    }
  }
  return errors;
}

// The driver's calls per archived flow, by step (the waits' reads are its polls); the gateway's
// pulls are given as a total, they do not belong to a flow.
std::string CallsPerFlow(const FullFlowClients& clients, size_t flows) {
  std::vector<std::string> parts;
  for (const auto& [step, codes] : clients.answers()) {
    int64_t calls = 0;
    for (const auto& [code, count] : codes) calls += count;
    if (step == "PullDeliveries") {
      parts.push_back(absl::StrCat(step, " ", calls, " in all"));
    } else if (flows > 0) {
      parts.push_back(absl::StrFormat("%s %.2f", step,
                                      static_cast<double>(calls) / static_cast<double>(flows)));
    }
  }
  return absl::StrJoin(parts, ", ");
}

std::map<std::string, pid_t> ServicePids(RunningSuite& suite) {
  std::map<std::string, pid_t> pids;
  for (const std::string& name : RunningSuite::ServiceNames()) {
    pids[name] = suite.service(name).process->pid();
  }
  return pids;
}

// CPU seconds of every process that does the work: the six services, MariaDB and this driver.
std::map<std::string, double> CpuNow(const std::map<std::string, pid_t>& pids, pid_t mariadb) {
  std::map<std::string, double> cpu;
  for (const auto& [name, pid] : pids) cpu[name] = CpuSeconds(pid);
  if (mariadb > 0) cpu["mariadb"] = CpuSeconds(mariadb);
  cpu["driver"] = CpuSeconds(::getpid());
  return cpu;
}

struct ClosedLoop {
  double flows_per_second = 0;
  int64_t flows = 0;
  absl::Duration window;
  Spread create_to_archived;
};

absl::StatusOr<ClosedLoop> RunClosedLoop(RunningSuite& suite,
                                         const std::map<std::string, pid_t>& pids, pid_t mariadb,
                                         int threads) {
  std::cout << "\nclosed loop: " << threads << " clients, warm-up " << absl::GetFlag(FLAGS_warmup)
            << ", window " << absl::GetFlag(FLAGS_closed_duration) << std::endl;
  // Request ids of their own: a request id used before would be answered from the first flow.
  FullFlowClients clients(suite, {.prefix = absl::StrCat("closed", threads),
                                  .threads = threads,
                                  .poll_interval = absl::GetFlag(FLAGS_poll_interval),
                                  .max_poll_interval = absl::GetFlag(FLAGS_max_poll_interval),
                                  .gateway_poll_interval = absl::GetFlag(FLAGS_poll_interval)});
  absl::SleepFor(absl::GetFlag(FLAGS_warmup));
  const size_t done_before = clients.done();
  const std::map<std::string, double> cpu_before = CpuNow(pids, mariadb);
  const absl::Time from = absl::Now();
  absl::SleepFor(absl::GetFlag(FLAGS_closed_duration));
  const size_t done_after = clients.done();
  const std::map<std::string, double> cpu_after = CpuNow(pids, mariadb);
  const absl::Time to = absl::Now();
  clients.Stop();
  if (!clients.error().empty()) {
    return absl::InternalError(absl::StrCat("closed loop: ", clients.error()));
  }
  ClosedLoop result;
  result.window = to - from;
  result.flows = static_cast<int64_t>(done_after - done_before);
  result.flows_per_second =
      static_cast<double>(result.flows) / absl::ToDoubleSeconds(result.window);
  std::vector<absl::Duration> latencies;
  for (const FullFlowClients::Flow& flow : clients.flows()) {
    if (flow.timeline.read_back > from && flow.timeline.read_back <= to) {
      latencies.push_back(flow.timeline.archived - flow.timeline.started);
    }
  }
  result.create_to_archived = SpreadOf(latencies);
  std::cout << "closed loop: " << result.flows << " flows archived in " << result.window << " = "
            << absl::StrFormat("%.2f", result.flows_per_second) << " flows/s; create→archived "
            << Show(result.create_to_archived) << "\n";
  const std::vector<std::string> errors = NonOkAnswers(clients);
  std::cout << "closed loop: non-OK answers: " << (errors.empty() ? "none" : "")
            << absl::StrJoin(errors, ", ") << "\n"
            << "closed loop: driver calls per flow: " << CallsPerFlow(clients, clients.done())
            << "\n";
  std::cout << "closed loop: CPU per flow (ms) and share of the "
            << std::thread::hardware_concurrency() << " cores over the window:";
  double total = 0;
  for (const auto& [name, after] : cpu_after) {
    const double used = after - cpu_before.at(name);
    total += used;
    std::cout << absl::StrFormat(
        " %s %.2f (%.0f%%)", name, result.flows > 0 ? 1000 * used / result.flows : 0.0,
        100 * used / absl::ToDoubleSeconds(result.window) / std::thread::hardware_concurrency());
  }
  std::cout << absl::StrFormat("; together %.0f%%", 100 * total /
                                                        absl::ToDoubleSeconds(result.window) /
                                                        std::thread::hardware_concurrency())
            << "\n";
  return result;
}

struct Check {
  std::string what;
  bool pass;
};

absl::StatusOr<bool> Run() {
  const absl::Duration poll = absl::GetFlag(FLAGS_poll_interval);
  std::cout << "full_flow_bench "
            << absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", absl::Now(), absl::UTCTimeZone()) << "; "
            << std::thread::hardware_concurrency() << " CPUs (" << CpuModel() << "); load average "
            << LoadAverage() << "\n"
            << "poll interval " << poll
            << " (intake status, archive search, gateway pull when idle); a wait longer than ten "
               "of them is read every tenth of its time so far, up to "
            << absl::GetFlag(FLAGS_max_poll_interval)
            << ": the driver sees an asynchronous step at most that late, plus one read's round "
               "trip\n"
            << "clock: every service on the real clock (no --test_clock), so the services' "
               "timestamps and histograms are wall time, as the driver's\n";

  absl::StatusOr<std::unique_ptr<RunningSuite>> started = RunningSuite::Start();
  if (!started.ok()) return started.status();
  RunningSuite& suite = **started;
  const std::map<std::string, pid_t> pids = ServicePids(suite);
  const char* mysql_port = std::getenv("CS_TEST_MYSQL_PORT");
  const pid_t mariadb =
      FindProcess({"mariadbd", absl::StrCat("--port=", mysql_port == nullptr ? "" : mysql_port)});
  absl::StatusOr<OutboxBacklog> backlog = OutboxBacklog::Open(suite);
  if (!backlog.ok()) return backlog.status();

  double rate = absl::GetFlag(FLAGS_flows_per_second);
  if (rate <= 0) {
    double best = 0;
    int best_threads = 0;
    for (const std::string& flag : absl::GetFlag(FLAGS_closed_threads)) {
      int threads = 0;
      if (!absl::SimpleAtoi(flag, &threads) || threads < 1) {
        return absl::InvalidArgumentError(absl::StrCat("--closed_threads: not a count: ", flag));
      }
      absl::StatusOr<ClosedLoop> closed = RunClosedLoop(suite, pids, mariadb, threads);
      if (!closed.ok()) return closed.status();
      if (closed->flows_per_second > best) {
        best = closed->flows_per_second;
        best_threads = threads;
      }
      if (absl::Status drained = backlog->WaitUntilDrained(absl::Seconds(60)); !drained.ok()) {
        return drained;
      }
    }
    std::cout << "closed-loop maximum: " << absl::StrFormat("%.2f", best) << " flows/s ("
              << best_threads << " clients)\n";
    rate = absl::GetFlag(FLAGS_load) * best;
  }
  if (rate <= 0) return absl::FailedPreconditionError("no flow got through in the closed loop");

  // ---- the open loop
  const absl::Duration duration = absl::GetFlag(FLAGS_duration);
  const absl::Duration sample_interval = absl::GetFlag(FLAGS_sample_interval);
  std::cout << "\nopen loop: " << absl::StrFormat("%.2f", rate) << " flows/s for " << duration
            << ", " << absl::GetFlag(FLAGS_workers) << " workers, late start = taken up more than "
            << kLateStartTolerance << " after due; load average " << LoadAverage() << std::endl;
  absl::StatusOr<std::vector<MetricSample>> intake_before = Scrape(suite, "intake");
  absl::StatusOr<std::vector<MetricSample>> routing_before = Scrape(suite, "routing");
  if (!intake_before.ok()) return intake_before.status();
  if (!routing_before.ok()) return routing_before.status();
  const std::map<std::string, double> cpu_before = CpuNow(pids, mariadb);
  FullFlowClients clients(suite, {.prefix = "open",
                                  .threads = absl::GetFlag(FLAGS_workers),
                                  .poll_interval = poll,
                                  .max_poll_interval = absl::GetFlag(FLAGS_max_poll_interval),
                                  .gateway_poll_interval = poll,
                                  .flows_per_second = rate,
                                  .late_start_tolerance = kLateStartTolerance});
  const absl::Time from = absl::Now();
  Sampler sampler(suite, pids, *backlog, clients, sample_interval);
  for (absl::Time next = from + absl::Minutes(1); next < from + duration;
       next += absl::Minutes(1)) {
    absl::SleepFor(next - absl::Now());
    std::cout << "  " << absl::ToInt64Minutes(next - from) << " min: " << clients.started()
              << " started, " << clients.done() << " archived, " << clients.failed()
              << " failed, load average " << LoadAverage() << std::endl;
  }
  absl::SleepFor(from + duration - absl::Now());
  const absl::Time to = absl::Now();
  const int64_t due = clients.DueBy(to);
  clients.Stop();
  const absl::Time finished = absl::Now();
  const std::map<std::string, double> cpu_after = CpuNow(pids, mariadb);
  const absl::Status drained = backlog->WaitUntilDrained(absl::Seconds(60));
  sampler.Stop();
  absl::StatusOr<std::vector<MetricSample>> intake_after = Scrape(suite, "intake");
  absl::StatusOr<std::vector<MetricSample>> routing_after = Scrape(suite, "routing");
  if (!intake_after.ok()) return intake_after.status();
  if (!routing_after.ok()) return routing_after.status();

  const std::vector<FullFlowClients::Flow> flows = clients.flows();
  std::vector<absl::Duration> driver_confirm, driver_archived, driver_archived_from_send,
      recorded_confirm, recorded_archived, confirm_seen_late, driver_close_to_archived;
  std::map<std::string, std::vector<absl::Duration>> steps;
  int64_t dispatched = 0, delivery_unseen = 0;
  for (const FullFlowClients::Flow& flow : flows) {
    const FullFlowClients::Timeline& t = flow.timeline;
    const FullFlowClients::Recorded& r = flow.recorded;
    dispatched += Taken(t.unit_replied) ? 1 : 0;
    driver_confirm.push_back(t.receipt_confirmed - t.forwarded);
    driver_archived.push_back(t.archived - t.due);
    driver_archived_from_send.push_back(t.archived - t.started);
    driver_close_to_archived.push_back(t.archived - t.closed);
    if (Taken(r.forwarded) && Taken(r.confirmed)) {
      recorded_confirm.push_back(r.confirmed - r.forwarded);
      // How much later the driver saw the receipt than intake recorded it.
      confirm_seen_late.push_back(t.receipt_confirmed - r.confirmed);
    }
    if (Taken(r.created) && Taken(r.archived)) recorded_archived.push_back(r.archived - r.created);
    const absl::Time answered = Taken(t.unit_replied) ? t.unit_replied : t.decided;
    steps["1 create (call)"].push_back(t.created - t.started);
    steps["2 forward (call)"].push_back(t.forwarded - t.created);
    steps["3 forward → receipt seen"].push_back(t.receipt_confirmed - t.forwarded);
    steps["4 receipt → decided (list + decide calls)"].push_back(t.decided - t.receipt_confirmed);
    if (Taken(t.unit_replied)) {
      steps["5 decided → idc replied (accept + reply calls)"].push_back(t.unit_replied - t.decided);
    }
    if (Taken(t.reply_delivered)) {
      steps["6 answered → gateway acknowledged"].push_back(t.reply_delivered - answered);
      steps["7 acknowledged → REPLIED seen"].push_back(t.replied - t.reply_delivered);
    } else {
      ++delivery_unseen;
    }
    steps["8 REPLIED seen → closed (call)"].push_back(t.closed - t.replied);
    steps["9 closed → archived seen"].push_back(t.archived - t.closed);
  }

  std::cout << "\nopen loop: " << due << " flows due, " << clients.started() << " started ("
            << clients.late_starts() << " late, largest delay " << Ms(clients.max_start_delay())
            << "), " << flows.size() << " archived (" << flows.size() - dispatched
            << " direct replies, " << dispatched << " dispatched to idc), " << clients.failed()
            << " failed; the last flows finished " << Ms(finished - to)
            << " after the window; outboxes drained after: "
            << (drained.ok() ? "yes" : drained.ToString()) << "\n";
  const std::vector<std::string> errors = NonOkAnswers(clients);
  std::cout << "non-OK answers by step and code: " << (errors.empty() ? "none" : "")
            << absl::StrJoin(errors, ", ")
            << "; first failure: " << (clients.error().empty() ? "none" : clients.error()) << "\n"
            << "driver calls per flow: " << CallsPerFlow(clients, flows.size()) << "\n";
  std::cout << "CPU over the open loop (share of " << std::thread::hardware_concurrency()
            << " cores):";
  for (const auto& [name, after] : cpu_after) {
    std::cout << absl::StrFormat(" %s %.0f%%", name,
                                 100 * (after - cpu_before.at(name)) /
                                     absl::ToDoubleSeconds(finished - from) /
                                     std::thread::hardware_concurrency());
  }
  std::cout << "; load average " << LoadAverage() << "\n";

  std::cout << "\nsteps as the driver saw them (flows archived):\n";
  for (const auto& [step, values] : steps) {
    std::cout << absl::StrFormat("  %-48s ", step) << Show(SpreadOf(values)) << "\n";
  }
  if (delivery_unseen > 0) {
    std::cout << "  (" << delivery_unseen << " flows without the gateway's acknowledgement time)\n";
  }

  const Spread d_confirm = SpreadOf(driver_confirm);
  const Spread d_archived = SpreadOf(driver_archived);
  const Spread r_confirm = SpreadOf(recorded_confirm);
  const Spread r_archived = SpreadOf(recorded_archived);
  std::cout << "\nforward → confirmation\n"
            << "  driver (ForwardTicket answered → RECEIVED read): " << Show(d_confirm) << "\n"
            << "  services, per flow (forward.forwarded_at → forward.confirmed_at, intake's "
               "clock): "
            << Show(r_confirm) << "\n"
            << "  driver saw it after intake recorded it by: " << Show(SpreadOf(confirm_seen_late))
            << "\n";
  std::cout << "create → archived\n"
            << "  driver (due → SearchRecords found it): " << Show(d_archived) << "\n"
            << "  driver (CreateTicket sent → found): " << Show(SpreadOf(driver_archived_from_send))
            << "\n"
            << "  services, per flow (the CREATED entry, intake's clock → archived_at, the "
               "archive's): "
            << Show(r_archived) << "\n";

  // The services' histograms over the window.
  const Buckets forward_hop =
      Delta(BucketsOf(*intake_after, "cs_intake_outbox_delivery_age_seconds", "routing"),
            BucketsOf(*intake_before, "cs_intake_outbox_delivery_age_seconds", "routing"));
  const Buckets receipt_hop =
      Delta(BucketsOf(*routing_after, "cs_routing_outbox_delivery_age_seconds", "intake"),
            BucketsOf(*routing_before, "cs_routing_outbox_delivery_age_seconds", "intake"));
  const Buckets archive_hop =
      Delta(BucketsOf(*intake_after, "cs_intake_outbox_delivery_age_seconds", "archive"),
            BucketsOf(*intake_before, "cs_intake_outbox_delivery_age_seconds", "archive"));
  const BucketQuantile forward_p99 = QuantileOf(forward_hop, 0.99);
  const BucketQuantile receipt_p99 = QuantileOf(receipt_hop, 0.99);
  const BucketQuantile archive_p99 = QuantileOf(archive_hop, 0.99);
  std::cout << "services' histograms over the window (bucket deltas; p99 as its bucket and "
               "interpolated):\n"
            << "  cs_intake_outbox_delivery_age_seconds{destination=\"routing\"} (forwards, "
            << forward_p99.count << "): p50 " << Show(QuantileOf(forward_hop, 0.5)) << "; p99 "
            << Show(forward_p99) << "\n"
            << "  cs_routing_outbox_delivery_age_seconds{destination=\"intake\"} (receipts and "
               "outcome reports, "
            << receipt_p99.count << "): p50 " << Show(QuantileOf(receipt_hop, 0.5)) << "; p99 "
            << Show(receipt_p99) << "\n"
            << "  cs_intake_outbox_delivery_age_seconds{destination=\"archive\"} (closed records, "
            << archive_p99.count << "): p50 " << Show(QuantileOf(archive_hop, 0.5)) << "; p99 "
            << Show(archive_p99) << "\n";

  // Forward → confirmation is the forward's hop then the receipt's: its p99 is at least the larger
  // hop's p99 bucket's lower bound and at most the sum of the two upper bounds (plus, for the
  // driver, one poll and a read).
  const double hops_lower = std::max(forward_p99.lower, receipt_p99.lower);
  const double hops_upper = forward_p99.upper + receipt_p99.upper;
  auto within = [&](absl::Duration d, absl::Duration slack) {
    const double s = absl::ToDoubleSeconds(d);
    return s >= hops_lower && s <= hops_upper + absl::ToDoubleSeconds(slack);
  };
  // The driver's resolution at the p99 (see --max_poll_interval) and a read's round trip.
  const absl::Duration read_slack =
      std::clamp(d_confirm.p99 / 10, poll, std::max(poll, absl::GetFlag(FLAGS_max_poll_interval))) +
      absl::Milliseconds(50);
  std::vector<Check> checks = {
      {"no non-OK answer, no failed flow, every due flow started",
       errors.empty() && clients.failed() == 0 && clients.error().empty() &&
           clients.started() >= due},
      {absl::StrCat("forward → confirmation p99 ≤ ", Ms(kForwardToConfirmationTarget), " (driver ",
                    Ms(d_confirm.p99), ", services ", Ms(r_confirm.p99), ")"),
       d_confirm.count > 0 && d_confirm.p99 <= kForwardToConfirmationTarget &&
           r_confirm.p99 <= kForwardToConfirmationTarget},
      {absl::StrCat("create → archived p99 ≤ ", Ms(kCreateToArchivedTarget), " (driver ",
                    Ms(d_archived.p99), ", services ", Ms(r_archived.p99), ")"),
       d_archived.count > 0 && d_archived.p99 <= kCreateToArchivedTarget &&
           r_archived.p99 <= kCreateToArchivedTarget},
  };
  std::vector<Check> agreement = {
      {absl::StrCat("driver and services' per-flow forward → confirmation p99 differ by ≤ one poll "
                    "+ 50 ms (",
                    Ms(d_confirm.p99 - r_confirm.p99), ")"),
       absl::AbsDuration(d_confirm.p99 - r_confirm.p99) <= read_slack},
      {absl::StrFormat("services' per-flow forward → confirmation p99 within the two hops' p99 "
                       "buckets [%g, %g] s",
                       hops_lower, hops_upper),
       within(r_confirm.p99, absl::ZeroDuration())},
      {absl::StrFormat("driver forward → confirmation p99 within [%g, %g + poll + 50 ms] s",
                       hops_lower, hops_upper),
       within(d_confirm.p99, read_slack)},
      {absl::StrFormat("driver close → archived p99 (%s) within the archive hop's p99 bucket "
                       "(%g, %g] + poll + 50 ms",
                       Ms(SpreadOf(driver_close_to_archived).p99), archive_p99.lower,
                       archive_p99.upper),
       absl::ToDoubleSeconds(SpreadOf(driver_close_to_archived).p99) <=
           archive_p99.upper + absl::ToDoubleSeconds(read_slack)},
  };
  std::cout << "\ntargets:\n";
  bool pass = true;
  for (const Check& check : checks) {
    std::cout << "  " << (check.pass ? "PASS " : "FAIL ") << check.what << "\n";
    pass = pass && check.pass;
  }
  std::cout << "agreement of the three views:\n";
  for (const Check& check : agreement) {
    std::cout << "  " << (check.pass ? "agree    " : "DISAGREE ") << check.what << "\n";
  }
  PrintSamples(sampler.series(), sample_interval);
  WriteCsv(sampler.series(), absl::GetFlag(FLAGS_samples_csv));
  std::cout << "load average at the end " << LoadAverage() << "\n";
  return pass;
}

}  // namespace
}  // namespace cs::e2e

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const absl::StatusOr<bool> passed = cs::e2e::Run();
  if (!passed.ok()) {
    std::cerr << "full_flow_bench: " << passed.status() << "\n";
    return 2;
  }
  return *passed ? 0 : 1;
}

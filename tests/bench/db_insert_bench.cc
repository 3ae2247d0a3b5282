// db_insert_bench: the database ceiling of the benchmarks — how many durable single-row
// transactions per second this MariaDB takes through Connector/C++. Each of --threads threads has
// its own connection and loops: one prepared INSERT of one row, COMMIT; the latency of that pair is
// recorded like loadgen records a call. The server must flush its log at every commit
// (innodb_flush_log_at_trx_commit = 1), otherwise the number is not a durable ceiling and the run
// is refused (--allow_non_durable overrides, for experiments only).
//
//   db_insert_bench [--host --port --user --password] [--threads 8] [--duration 10s] [--json]
//
// Connection defaults come from CS_TEST_MYSQL_HOST/PORT/USER/PASSWORD (what tests/run.sh exports).
// It creates schema --schema (cs_bench) and recreates its table insert_bench there on every run.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cppconn/connection.h"
#include "cppconn/exception.h"
#include "cppconn/prepared_statement.h"
#include "cppconn/resultset.h"
#include "cppconn/statement.h"
#include "mysql_driver.h"
#include "tools/loadgen/latency_samples.h"
#include "tools/loadgen/load_report.h"

ABSL_FLAG(std::string, host, "", "MariaDB host; default $CS_TEST_MYSQL_HOST, else 127.0.0.1");
ABSL_FLAG(int, port, 0, "MariaDB port; default $CS_TEST_MYSQL_PORT, else 3306");
ABSL_FLAG(std::string, user, "",
          "user with CREATE rights; default $CS_TEST_MYSQL_USER, else cs_admin");
ABSL_FLAG(std::string, password, "",
          "password; default $CS_TEST_MYSQL_PASSWORD, else cs_admin (the private test server's)");
ABSL_FLAG(std::string, schema, "cs_bench", "schema to create the benchmark table in");
ABSL_FLAG(int, threads, 1, "threads, each with its own connection");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10), "measurement window");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(2), "inserts before the window, not recorded");
ABSL_FLAG(int, payload_bytes, 200, "size of the text column of each row (1..4000)");
ABSL_FLAG(
    bool, allow_non_durable, false,
    "run even when the server does not flush at every commit (the result is then no ceiling)");
ABSL_FLAG(bool, json, false,
          "print one JSON object line on stdout (the human summary then goes to stderr)");

namespace cs::tests::bench {
namespace {

using ::cs::tools::loadgen::FormatJson;
using ::cs::tools::loadgen::FormatSummary;
using ::cs::tools::loadgen::LatencySamples;
using ::cs::tools::loadgen::LoadReport;
using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;

// After this many failures in a row a worker gives up: the server is gone or the table is unusable,
// and spinning on errors would only measure how fast errors come back.
constexpr int kMaxConsecutiveErrors = 100;

struct ServerAddress {
  std::string host;
  int port = 0;
  std::string user;
  std::string password;
};

std::string FlagOrEnvironment(const std::string& flag, const char* variable, const char* fallback) {
  if (!flag.empty()) return flag;
  const char* value = std::getenv(variable);
  return value != nullptr && *value != '\0' ? value : fallback;
}

absl::StatusOr<ServerAddress> AddressFromFlags() {
  ServerAddress address;
  address.host = FlagOrEnvironment(absl::GetFlag(FLAGS_host), "CS_TEST_MYSQL_HOST", "127.0.0.1");
  address.user = FlagOrEnvironment(absl::GetFlag(FLAGS_user), "CS_TEST_MYSQL_USER", "cs_admin");
  address.password =
      FlagOrEnvironment(absl::GetFlag(FLAGS_password), "CS_TEST_MYSQL_PASSWORD", "cs_admin");
  address.port = absl::GetFlag(FLAGS_port);
  if (address.port == 0) {
    const std::string port = FlagOrEnvironment("", "CS_TEST_MYSQL_PORT", "3306");
    if (!absl::SimpleAtoi(port, &address.port)) {
      return absl::InvalidArgumentError(absl::StrCat("CS_TEST_MYSQL_PORT is not a port: ", port));
    }
  }
  return address;
}

std::string Describe(const sql::SQLException& error) {
  return absl::StrCat(error.what(), " (MySQL error ", error.getErrorCode(), ", SQLSTATE ",
                      error.getSQLState(), ")");
}

// Errors that mean the connection itself is gone (server has gone away, lost connection).
bool IsConnectionLost(const sql::SQLException& error) {
  return error.getErrorCode() == 2006 || error.getErrorCode() == 2013;
}

std::unique_ptr<sql::Connection> Connect(sql::mysql::MySQL_Driver& driver,
                                         const ServerAddress& address) {
  return std::unique_ptr<sql::Connection>(driver.connect(
      absl::StrCat("tcp://", address.host, ":", address.port), address.user, address.password));
}

// What the server is: returned as report details. Recreates the benchmark table, so every run
// starts from an empty table of the same shape.
absl::StatusOr<std::map<std::string, std::string>> PrepareServer(sql::mysql::MySQL_Driver& driver,
                                                                 const ServerAddress& address,
                                                                 const std::string& schema) {
  try {
    std::unique_ptr<sql::Connection> connection = Connect(driver, address);
    std::unique_ptr<sql::Statement> statement(connection->createStatement());
    statement->execute(absl::StrCat("CREATE DATABASE IF NOT EXISTS `", schema, "`"));
    statement->execute(absl::StrCat("DROP TABLE IF EXISTS `", schema, "`.insert_bench"));
    statement->execute(absl::StrCat("CREATE TABLE `", schema,
                                    "`.insert_bench ("
                                    " id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                                    " worker INT NOT NULL,"
                                    " seq BIGINT NOT NULL,"
                                    " payload VARCHAR(4000) NOT NULL,"
                                    " created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
                                    ") ENGINE=InnoDB"));
    std::unique_ptr<sql::ResultSet> row(statement->executeQuery(
        "SELECT @@innodb_flush_log_at_trx_commit, @@version, @@log_bin, @@sync_binlog"));
    if (!row->next()) return absl::InternalError("server variables query returned no row");
    return std::map<std::string, std::string>{
        {"innodb_flush_log_at_trx_commit", row->getString(1)},
        {"server_version", row->getString(2)},
        {"log_bin", row->getString(3)},
        {"sync_binlog", row->getString(4)},
    };
  } catch (const sql::SQLException& error) {
    return absl::UnavailableError(
        absl::StrCat("preparing ", address.host, ":", address.port, ": ", Describe(error)));
  }
}

// One thread's connection, statement and record. The connection is made before the clock starts.
struct Worker {
  std::unique_ptr<sql::Connection> connection;
  std::unique_ptr<sql::PreparedStatement> insert;
  LatencySamples latencies;
  std::map<std::string, int64_t> outcomes;
  std::string gave_up;
};

void RunWorker(sql::mysql::MySQL_Driver& driver, int index, const std::string& payload,
               TimePoint window_start, TimePoint window_end, Worker& worker) {
  driver.threadInit();
  int consecutive_errors = 0;
  for (int64_t seq = 0;; ++seq) {
    const TimePoint begin = SteadyClock::now();
    if (begin >= window_end) break;
    std::string outcome = "OK";
    try {
      worker.insert->setInt(1, index);
      worker.insert->setInt64(2, seq);
      worker.insert->setString(3, payload);
      worker.insert->executeUpdate();
      worker.connection->commit();
      consecutive_errors = 0;
    } catch (const sql::SQLException& error) {
      outcome = absl::StrCat("MYSQL_", error.getErrorCode());
      if (IsConnectionLost(error) || ++consecutive_errors >= kMaxConsecutiveErrors) {
        worker.gave_up = Describe(error);
        break;
      }
      try {
        worker.connection->rollback();
      } catch (const sql::SQLException&) {
        // The next INSERT reports the state of the connection.
      }
    }
    const TimePoint end = SteadyClock::now();
    if (end >= window_start && end < window_end) {
      worker.latencies.Add(absl::FromChrono(end - begin));
      ++worker.outcomes[outcome];
    }
  }
  driver.threadEnd();
}

absl::Status Run() {
  absl::StatusOr<ServerAddress> address = AddressFromFlags();
  if (!address.ok()) return address.status();
  const std::string schema = absl::GetFlag(FLAGS_schema);
  const int thread_count = absl::GetFlag(FLAGS_threads);
  const int payload_bytes = absl::GetFlag(FLAGS_payload_bytes);
  const absl::Duration warmup = absl::GetFlag(FLAGS_warmup);
  const absl::Duration duration = absl::GetFlag(FLAGS_duration);
  if (thread_count < 1) return absl::InvalidArgumentError("--threads must be >= 1");
  if (payload_bytes < 1 || payload_bytes > 4000) {
    return absl::InvalidArgumentError("--payload_bytes must be in 1..4000");
  }
  if (duration <= absl::ZeroDuration() || warmup < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--duration must be positive and --warmup not negative");
  }

  sql::mysql::MySQL_Driver* driver = sql::mysql::get_mysql_driver_instance();
  absl::StatusOr<std::map<std::string, std::string>> server =
      PrepareServer(*driver, *address, schema);
  if (!server.ok()) return server.status();
  if ((*server)["innodb_flush_log_at_trx_commit"] != "1" &&
      !absl::GetFlag(FLAGS_allow_non_durable)) {
    return absl::FailedPreconditionError(
        absl::StrCat("the server has innodb_flush_log_at_trx_commit = ",
                     (*server)["innodb_flush_log_at_trx_commit"],
                     ": commits are not durable, so this would not be the durable ceiling "
                     "(--allow_non_durable)"));
  }

  std::vector<Worker> workers(thread_count);
  try {
    for (Worker& worker : workers) {
      worker.connection = Connect(*driver, *address);
      worker.connection->setSchema(schema);
      worker.connection->setAutoCommit(false);
      worker.insert.reset(worker.connection->prepareStatement(
          "INSERT INTO insert_bench (worker, seq, payload) VALUES (?, ?, ?)"));
    }
  } catch (const sql::SQLException& error) {
    return absl::UnavailableError(absl::StrCat("connecting workers: ", Describe(error)));
  }

  const std::string payload(payload_bytes, 'x');
  const TimePoint window_start = SteadyClock::now() + absl::ToChronoNanoseconds(warmup);
  const TimePoint window_end = window_start + absl::ToChronoNanoseconds(duration);
  std::vector<std::thread> threads;
  for (int i = 0; i < thread_count; ++i) {
    threads.emplace_back(
        [&, i] { RunWorker(*driver, i, payload, window_start, window_end, workers[i]); });
  }
  for (std::thread& thread : threads) thread.join();

  LoadReport report;
  report.tool = "db_insert_bench";
  report.mode = "closed";
  report.target = absl::StrCat(address->host, ":", address->port);
  report.operation = "INSERT 1 row + COMMIT";
  report.concurrency = thread_count;
  report.warmup = warmup;
  report.measured = duration;
  report.details = *std::move(server);
  report.details["payload_bytes"] = absl::StrCat(payload_bytes);
  LatencySamples all;
  std::string gave_up;
  for (Worker& worker : workers) {
    all.Merge(std::move(worker.latencies));
    for (const auto& [outcome, count] : worker.outcomes) {
      report.outcomes[outcome] += count;
      report.calls += count;
    }
    if (!worker.gave_up.empty()) gave_up = worker.gave_up;
    worker.insert.reset();
    worker.connection.reset();
  }
  report.latency = all.Summarize();

  if (absl::GetFlag(FLAGS_json)) {
    std::cerr << FormatSummary(report);
    std::cout << FormatJson(report) << std::endl;
  } else {
    std::cout << FormatSummary(report);
  }
  if (!gave_up.empty()) {
    return absl::UnavailableError(absl::StrCat("a worker stopped early: ", gave_up));
  }
  return absl::OkStatus();
}

}  // namespace
}  // namespace cs::tests::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const absl::Status status = cs::tests::bench::Run();
  if (!status.ok()) {
    std::cerr << "db_insert_bench: " << status.message() << std::endl;
    return 1;
  }
  return 0;
}

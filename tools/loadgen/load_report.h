// LoadReport: the outcome of one measured run — of tools/loadgen against a gRPC method, or of the
// database ceiling benchmark — and its two renderings: a human summary and one JSON object line for
// scripts (tests/bench/run_speed_comparison.sh reads the JSON). A plain value; not synchronised.
#ifndef CS_TOOLS_LOADGEN_LOAD_REPORT_H_
#define CS_TOOLS_LOADGEN_LOAD_REPORT_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/time/time.h"
#include "tools/loadgen/latency_samples.h"

namespace cs::tools::loadgen {

struct LoadReport {
  // Which program measured ("loadgen", "db_insert_bench").
  std::string tool;
  // "closed" (concurrency callers, each sends when its previous call returned) or "open" (fixed
  // rate).
  std::string mode;
  // Where the load went and what was called, for the reader ("127.0.0.1:50051", "/pkg.Svc/Method").
  std::string target;
  std::string operation;
  // Closed loop: the number of callers. Open loop: 0.
  int concurrency = 0;
  // Open loop: intended calls per second. Closed loop: 0.
  double rate = 0;
  absl::Duration warmup;
  // Length of the measurement window (after the warm-up); throughput is calls / measured.
  absl::Duration measured;
  // Calls recorded in the window, whatever their outcome; equals the sum of `outcomes`.
  int64_t calls = 0;
  // Count per outcome: gRPC status code names ("OK", "UNAVAILABLE", …) or database error names.
  std::map<std::string, int64_t> outcomes;
  // Latency of the recorded calls. Open loop: from the intended send time, so a stalled sender or a
  // queue in front of the server shows up as latency instead of being hidden (no coordinated
  // omission).
  LatencySummary latency;
  // Open loop: calls sent more than late_threshold after their intended time.
  int64_t late_sends = 0;
  absl::Duration late_threshold;
  // Further facts worth keeping beside the numbers (e.g. innodb_flush_log_at_trx_commit), rendered
  // as JSON strings.
  std::map<std::string, std::string> details;
};

// Recorded calls per second of the measurement window; 0 when the window is empty.
double Throughput(const LoadReport& report);
// Calls that ended OK per second of the measurement window.
double OkThroughput(const LoadReport& report);

// A few lines for a person: mode, target, throughput, percentiles in µs, every outcome. Ends in a
// newline.
std::string FormatSummary(const LoadReport& report);

// One JSON object on one line (no trailing newline). Keys: tool, mode, target, operation,
// concurrency, rate, warmup_s, duration_s, calls, throughput, ok_throughput, p50_us, p90_us,
// p99_us, max_us, mean_us, min_us, late_sends, late_threshold_us, outcomes {name: count}, details
// {name: string}.
std::string FormatJson(const LoadReport& report);

// `text` as a JSON string literal, quotes included, escaped as the suite's log lines are
// (common/log/log_line.h: control characters escaped, valid UTF-8 passed through, invalid bytes
// replaced).
std::string JsonQuote(const std::string& text);

}  // namespace cs::tools::loadgen

#endif  // CS_TOOLS_LOADGEN_LOAD_REPORT_H_

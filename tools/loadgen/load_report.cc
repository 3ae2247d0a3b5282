#include "tools/loadgen/load_report.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/log/log_line.h"

namespace cs::tools::loadgen {
namespace {

double Micros(absl::Duration duration) { return absl::ToDoubleMicroseconds(duration); }

}  // namespace

double Throughput(const LoadReport& report) {
  const double seconds = absl::ToDoubleSeconds(report.measured);
  return seconds > 0 ? static_cast<double>(report.calls) / seconds : 0;
}

double OkThroughput(const LoadReport& report) {
  const double seconds = absl::ToDoubleSeconds(report.measured);
  const auto ok = report.outcomes.find("OK");
  if (seconds <= 0 || ok == report.outcomes.end()) return 0;
  return static_cast<double>(ok->second) / seconds;
}

std::string FormatSummary(const LoadReport& report) {
  std::string out;
  if (report.mode == "open") {
    absl::StrAppendFormat(&out, "%s: open loop at %.1f calls/s", report.tool, report.rate);
  } else {
    absl::StrAppendFormat(&out, "%s: closed loop, concurrency %d", report.tool, report.concurrency);
  }
  absl::StrAppendFormat(&out, ", %s to %s, %.1f s measured after %.1f s warm-up\n",
                        report.operation, report.target, absl::ToDoubleSeconds(report.measured),
                        absl::ToDoubleSeconds(report.warmup));
  absl::StrAppendFormat(&out, "  calls %d, throughput %.1f/s (OK %.1f/s)\n", report.calls,
                        Throughput(report), OkThroughput(report));
  const LatencySummary& l = report.latency;
  absl::StrAppendFormat(
      &out, "  latency us: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (min %.1f, mean %.1f)\n",
      Micros(l.p50), Micros(l.p90), Micros(l.p99), Micros(l.max), Micros(l.min), Micros(l.mean));
  absl::StrAppend(&out, "  outcomes: ",
                  report.outcomes.empty()
                      ? std::string("none")
                      : absl::StrJoin(report.outcomes, " ", absl::PairFormatter("=")),
                  "\n");
  if (report.mode == "open") {
    absl::StrAppendFormat(&out, "  sent late (more than %.0f us after the intended time): %d\n",
                          Micros(report.late_threshold), report.late_sends);
  }
  for (const auto& [key, value] : report.details) {
    absl::StrAppend(&out, "  ", key, ": ", value, "\n");
  }
  return out;
}

std::string FormatJson(const LoadReport& report) {
  const LatencySummary& l = report.latency;
  std::string out = absl::StrCat(
      "{\"tool\":", JsonQuote(report.tool), ",\"mode\":", JsonQuote(report.mode),
      ",\"target\":", JsonQuote(report.target), ",\"operation\":", JsonQuote(report.operation),
      ",\"concurrency\":", report.concurrency, absl::StrFormat(",\"rate\":%.3f", report.rate),
      absl::StrFormat(",\"warmup_s\":%.3f,\"duration_s\":%.3f",
                      absl::ToDoubleSeconds(report.warmup), absl::ToDoubleSeconds(report.measured)),
      ",\"calls\":", report.calls,
      absl::StrFormat(",\"throughput\":%.1f,\"ok_throughput\":%.1f", Throughput(report),
                      OkThroughput(report)),
      absl::StrFormat(",\"p50_us\":%.1f,\"p90_us\":%.1f,\"p99_us\":%.1f,\"max_us\":%.1f",
                      Micros(l.p50), Micros(l.p90), Micros(l.p99), Micros(l.max)),
      absl::StrFormat(",\"mean_us\":%.1f,\"min_us\":%.1f", Micros(l.mean), Micros(l.min)),
      ",\"late_sends\":", report.late_sends,
      absl::StrFormat(",\"late_threshold_us\":%.1f", Micros(report.late_threshold)),
      ",\"outcomes\":{");
  bool first = true;
  for (const auto& [name, count] : report.outcomes) {
    absl::StrAppend(&out, first ? "" : ",", JsonQuote(name), ":", count);
    first = false;
  }
  absl::StrAppend(&out, "},\"details\":{");
  first = true;
  for (const auto& [key, value] : report.details) {
    absl::StrAppend(&out, first ? "" : ",", JsonQuote(key), ":", JsonQuote(value));
    first = false;
  }
  absl::StrAppend(&out, "}}");
  return out;
}

std::string JsonQuote(const std::string& text) {
  std::string out;
  common::AppendJsonString(text, &out);
  return out;
}

}  // namespace cs::tools::loadgen

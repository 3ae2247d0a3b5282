#include "tools/loadgen/load_report.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::tools::loadgen {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

LoadReport ClosedLoopReport() {
  LoadReport report;
  report.tool = "loadgen";
  report.mode = "closed";
  report.target = "127.0.0.1:1234";
  report.operation = "/cs.bench.v1.Echo/Echo";
  report.concurrency = 8;
  report.warmup = absl::Seconds(1);
  report.measured = absl::Seconds(2);
  report.calls = 300;
  report.outcomes = {{"OK", 200}, {"UNAVAILABLE", 100}};
  report.latency.count = 300;
  report.latency.min = absl::Microseconds(10);
  report.latency.p50 = absl::Microseconds(100);
  report.latency.p90 = absl::Microseconds(200);
  report.latency.p99 = absl::Nanoseconds(300500);
  report.latency.max = absl::Milliseconds(4);
  report.latency.mean = absl::Microseconds(120);
  report.late_threshold = absl::Milliseconds(1);
  report.details = {{"innodb_flush_log_at_trx_commit", "1"}};
  return report;
}

TEST(LoadReportTest, ThroughputIsCallsPerMeasuredSecond) {
  const LoadReport report = ClosedLoopReport();
  EXPECT_DOUBLE_EQ(Throughput(report), 150.0);
  EXPECT_DOUBLE_EQ(OkThroughput(report), 100.0);
}

TEST(LoadReportTest, EmptyWindowHasZeroThroughput) {
  LoadReport report;
  EXPECT_EQ(Throughput(report), 0);
  EXPECT_EQ(OkThroughput(report), 0);
}

TEST(LoadReportTest, JsonIsOneExactLine) {
  EXPECT_EQ(FormatJson(ClosedLoopReport()),
            "{\"tool\":\"loadgen\",\"mode\":\"closed\",\"target\":\"127.0.0.1:1234\","
            "\"operation\":\"/cs.bench.v1.Echo/Echo\",\"concurrency\":8,\"rate\":0.000,"
            "\"warmup_s\":1.000,\"duration_s\":2.000,\"calls\":300,\"throughput\":150.0,"
            "\"ok_throughput\":100.0,\"p50_us\":100.0,\"p90_us\":200.0,\"p99_us\":300.5,"
            "\"max_us\":4000.0,\"mean_us\":120.0,\"min_us\":10.0,\"late_sends\":0,"
            "\"late_threshold_us\":1000.0,\"outcomes\":{\"OK\":200,\"UNAVAILABLE\":100},"
            "\"details\":{\"innodb_flush_log_at_trx_commit\":\"1\"}}");
}

TEST(LoadReportTest, SummaryNamesEveryOutcomeAndThePercentiles) {
  const std::string summary = FormatSummary(ClosedLoopReport());
  EXPECT_THAT(summary, HasSubstr("closed loop, concurrency 8"));
  EXPECT_THAT(summary, HasSubstr("throughput 150.0/s (OK 100.0/s)"));
  EXPECT_THAT(summary, HasSubstr("p50 100.0  p90 200.0  p99 300.5  max 4000.0"));
  EXPECT_THAT(summary, HasSubstr("OK=200 UNAVAILABLE=100"));
  EXPECT_THAT(summary, HasSubstr("innodb_flush_log_at_trx_commit: 1"));
  EXPECT_THAT(summary, Not(HasSubstr("sent late")));
}

TEST(LoadReportTest, OpenLoopSummaryReportsLateSends) {
  LoadReport report = ClosedLoopReport();
  report.mode = "open";
  report.rate = 500;
  report.late_sends = 3;
  const std::string summary = FormatSummary(report);
  EXPECT_THAT(summary, HasSubstr("open loop at 500.0 calls/s"));
  EXPECT_THAT(summary, HasSubstr("sent late (more than 1000 us after the intended time): 3"));
}

TEST(LoadReportTest, JsonQuoteEscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(JsonQuote("a\"b\\c\nd\te\x01"), "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
  EXPECT_EQ(JsonQuote("\xe5\xb7\xa5"), "\"\xe5\xb7\xa5\"");
}

}  // namespace
}  // namespace cs::tools::loadgen

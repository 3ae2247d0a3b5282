// The Prometheus test harness: its configuration, its reading of the HTTP API, and a real
// /usr/bin/prometheus scraping a /metrics endpoint of this process and firing a rule.
#include "common/testing/prometheus_server.h"

#include <fstream>
#include <limits>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/metrics/metrics_server.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/counter.h"

namespace cs::common::testing {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

TEST(PrometheusConfigTest, ScrapesTheTargetsWithTheirLabelsAndLoadsTheRules) {
  PrometheusOptions options;
  options.scrape_interval = absl::Milliseconds(500);
  options.targets = {{"127.0.0.1:9151", {{"service", "intake"}}}, {"127.0.0.1:9152", {}}};
  options.rule_files = {"/src/deploy/prometheus/rules/intake.yml"};
  const std::string config = PrometheusConfig(options);
  EXPECT_THAT(config, HasSubstr("  scrape_interval: 500ms\n  scrape_timeout: 500ms\n"
                                "  evaluation_interval: 1000ms\n"));
  EXPECT_THAT(config, HasSubstr("rule_files:\n  - \"/src/deploy/prometheus/rules/intake.yml\"\n"));
  EXPECT_THAT(config, HasSubstr("  - job_name: \"cs-services\"\n"));
  EXPECT_THAT(config, HasSubstr("      - targets: [\"127.0.0.1:9151\"]\n        labels:\n"
                                "          \"service\": \"intake\"\n"
                                "      - targets: [\"127.0.0.1:9152\"]\n"));
}

TEST(PrometheusApiTest, ReadsVectorsScalarsAndErrors) {
  EXPECT_THAT(
      ParsePrometheusQueryResponse(
          R"({"status":"success","data":{"resultType":"vector","result":[)"
          R"({"metric":{"__name__":"up","service":"intake"},"value":[1700000000.5,"1"]},)"
          R"({"metric":{},"value":[1700000000.5,"+Inf"]}]}})"),
      IsOkAndHolds(ElementsAre(
          AllOf(Field(&PrometheusSample::labels,
                      ElementsAre(Pair("__name__", "up"), Pair("service", "intake"))),
                Field(&PrometheusSample::value, 1)),
          AllOf(Field(&PrometheusSample::labels, IsEmpty()),
                Field(&PrometheusSample::value, std::numeric_limits<double>::infinity())))));
  EXPECT_THAT(ParsePrometheusQueryResponse(
                  R"({"status":"success","data":{"resultType":"scalar","result":[1,"0.25"]}})"),
              IsOkAndHolds(ElementsAre(Field(&PrometheusSample::value, 0.25))));
  EXPECT_THAT(ParsePrometheusQueryResponse(
                  R"({"status":"success","data":{"resultType":"matrix","result":[]}})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("matrix")));
  EXPECT_THAT(ParsePrometheusQueryResponse(
                  R"({"status":"error","errorType":"bad_data","error":"parse error"})"),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("bad_data parse error")));
  EXPECT_THAT(ParsePrometheusQueryResponse("<html>"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      ParsePrometheusAlertsResponse(
          R"({"status":"success","data":{"alerts":[{"labels":{"alertname":"A","unit":"idc"},)"
          R"("annotations":{"summary":"s"},"state":"firing","activeAt":"2026-01-01T00:00:00Z",)"
          R"("value":"1e+00"}]}})"),
      IsOkAndHolds(ElementsAre(AllOf(
          Field(&PrometheusAlert::labels, ElementsAre(Pair("alertname", "A"), Pair("unit", "idc"))),
          Field(&PrometheusAlert::annotations, ElementsAre(Pair("summary", "s"))),
          Field(&PrometheusAlert::state, "firing")))));
}

class PrometheusServerTest : public ::testing::Test {
 protected:
  std::string WriteRules(const std::string& name, const std::string& text) {
    const std::string path = absl::StrCat(::testing::TempDir(), "/", name);
    std::ofstream(path) << text;
    return path;
  }
};

TEST_F(PrometheusServerTest, ScrapesATargetAndFiresARuleOnTheFirstIncrease) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<MetricsServer> metrics,
                       MetricsServer::Start("127.0.0.1", 0));
  auto& events = prometheus::BuildCounter()
                     .Name("cs_test_events_total")
                     .Help("Events.")
                     .Register(metrics->registry());
  prometheus::Counter& unit_a = events.Add({{"unit", "a"}});
  PrometheusOptions options;
  options.targets = {{absl::StrCat("127.0.0.1:", metrics->port()), {{"service", "test"}}}};
  options.rule_files = {WriteRules("prometheus_server_test_rules.yml", R"(groups:
  - name: test
    rules:
      - alert: TestEventsIncreased
        expr: sum by (unit) (increase(cs_test_events_total[1h])) > 0
        labels: {severity: ticket}
)")};
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<PrometheusServer> prometheus,
                       PrometheusServer::Start(options));
  EXPECT_THAT(prometheus->WaitForSamples(R"(up{job="cs-services",service="test"} == 1)"),
              IsOkAndHolds(ElementsAre(Field(&PrometheusSample::value, 1))))
      << prometheus->LogTail();
  ASSERT_OK(prometheus->WaitForSamples(R"(cs_test_events_total{unit="a"} == 0)").status());
  EXPECT_THAT(prometheus->Alerts(), IsOkAndHolds(IsEmpty()));

  unit_a.Increment();
  ASSERT_OK_AND_ASSIGN(PrometheusAlert alert,
                       prometheus->WaitForAlert("TestEventsIncreased", {{"unit", "a"}}));
  EXPECT_THAT(alert.labels, UnorderedElementsAre(Pair("alertname", "TestEventsIncreased"),
                                                 Pair("unit", "a"), Pair("severity", "ticket")));

  EXPECT_THAT(prometheus->Query("sum("), StatusIs(absl::StatusCode::kInternal, HasSubstr("400")));
  EXPECT_THAT(prometheus->WaitForAlert("NoSuchAlert", {}, "firing", absl::Milliseconds(200)),
              StatusIs(absl::StatusCode::kDeadlineExceeded, HasSubstr("TestEventsIncreased")));
}

TEST_F(PrometheusServerTest, AMissingBinaryIsNotFound) {
  PrometheusOptions options;
  options.binary = "/nonexistent/prometheus";
  EXPECT_THAT(PrometheusServer::Start(options),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("package prometheus")));
}

TEST_F(PrometheusServerTest, ARuleFileThatDoesNotLoadStopsTheStart) {
  PrometheusOptions options;
  options.rule_files = {WriteRules("prometheus_server_test_bad.yml",
                                   "groups: [{name: x, rules: "
                                   "[{alert: A, expr: 'sum('}]}]\n")};
  EXPECT_THAT(PrometheusServer::Start(options),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("exited")));
}

}  // namespace
}  // namespace cs::common::testing

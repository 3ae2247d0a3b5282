#include "services/archive/api/archive_metrics.h"

#include <string>
#include <vector>

#include "common/testing/metrics_text.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"

namespace cs::archive {
namespace {

using ::cs::common::testing::MetricSample;
using ::testing::UnorderedElementsAre;

common::UnitInfo Unit(const std::string& id, bool designated = false, bool cs_center = false) {
  common::UnitInfo unit;
  unit.id = id;
  unit.designated = designated;
  unit.cs_center = cs_center;
  return unit;
}

common::UnitDirectory Units() {
  return *common::UnitDirectory::Create(
      {Unit("cs-center", /*designated=*/false, /*cs_center=*/true),
       Unit("service-desk", /*designated=*/true), Unit("portal")},
      {});
}

// "unit/outcome=value" of every sample named `name` (outcome left out when absent).
std::vector<std::string> Series(const prometheus::Registry& registry, const std::string& name) {
  auto samples =
      common::testing::ParseMetricsText(prometheus::TextSerializer().Serialize(registry.Collect()));
  EXPECT_OK(samples.status());
  std::vector<std::string> out;
  for (const MetricSample& sample : samples.value_or(std::vector<MetricSample>{})) {
    if (sample.name != name) continue;
    std::string series = sample.labels.at("unit");
    if (auto it = sample.labels.find("outcome"); it != sample.labels.end()) {
      series += "/" + it->second;
    }
    out.push_back(series + "=" + std::to_string(static_cast<int>(sample.value)));
  }
  return out;
}

TEST(ArchiveMetricsTest, MonthlyReportCountersStartAtZeroForEveryUnit) {
  prometheus::Registry registry;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ArchiveMetrics> metrics,
                       ArchiveMetrics::Create(registry, Units()));
  EXPECT_THAT(Series(registry, "cs_archive_monthly_report_deadlines_total"),
              UnorderedElementsAre("cs-center/met=0", "cs-center/missed=0", "service-desk/met=0",
                                   "service-desk/missed=0", "portal/met=0", "portal/missed=0"));
  EXPECT_THAT(Series(registry, "cs_archive_monthly_reports_late_total"),
              UnorderedElementsAre("cs-center=0", "service-desk=0", "portal=0"));

  // What the core records lands on those series, none new.
  metrics->MonthlyReportDeadline("portal", /*met=*/false);
  metrics->MonthlyReportDeadline("service-desk", /*met=*/true);
  EXPECT_THAT(Series(registry, "cs_archive_monthly_report_deadlines_total"),
              UnorderedElementsAre("cs-center/met=0", "cs-center/missed=0", "service-desk/met=1",
                                   "service-desk/missed=0", "portal/met=0", "portal/missed=1"));
  EXPECT_THAT(Series(registry, "cs_archive_monthly_reports_late_total"),
              UnorderedElementsAre("cs-center=0", "service-desk=0", "portal=1"));
}

}  // namespace
}  // namespace cs::archive

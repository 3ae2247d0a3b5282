#include "services/routing/api/routing_metrics.h"

#include <string>
#include <vector>

#include "common/testing/metrics_text.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"

namespace cs::routing {
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
      {Unit("service-desk", /*designated=*/true), Unit("broadband"), Unit("idc")}, {});
}

std::string Expose(const prometheus::Registry& registry) {
  return prometheus::TextSerializer().Serialize(registry.Collect());
}

// "unit/path/outcome=value" of every sample named `name` (outcome left out when absent).
std::vector<std::string> Series(const std::string& text, const std::string& name) {
  auto samples = common::testing::ParseMetricsText(text);
  EXPECT_OK(samples.status());
  std::vector<std::string> out;
  for (const MetricSample& sample : samples.value_or(std::vector<MetricSample>{})) {
    if (sample.name != name) continue;
    std::string series = sample.labels.at("unit") + "/" + sample.labels.at("path");
    if (auto it = sample.labels.find("outcome"); it != sample.labels.end()) {
      series += "/" + it->second;
    }
    out.push_back(series + "=" + std::to_string(static_cast<int>(sample.value)));
  }
  return out;
}

TEST(RoutingSlaMetricsTest, OrderCountersStartAtZeroForEveryUnitAndPathAnOrderCanHave) {
  prometheus::Registry registry;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RoutingSlaMetrics> metrics,
                       RoutingSlaMetrics::Create(registry, Units()));
  std::string text = Expose(registry);
  // The designated unit answers itself: no order goes to it.
  EXPECT_THAT(Series(text, "cs_routing_order_deadlines_total"),
              UnorderedElementsAre(
                  "broadband/internal_dispatch/met=0", "broadband/internal_dispatch/missed=0",
                  "idc/internal_dispatch/met=0", "idc/internal_dispatch/missed=0",
                  "telecom/escalate_to_telecom/met=0", "telecom/escalate_to_telecom/missed=0"));
  EXPECT_THAT(Series(text, "cs_routing_reminders_total"),
              UnorderedElementsAre("broadband/internal_dispatch=0", "idc/internal_dispatch=0",
                                   "telecom/escalate_to_telecom=0"));

  // What the core records lands on those series, none new.
  metrics->DeadlineMissed(DispatchKind::kInternal, "idc");
  metrics->ReminderSent(DispatchKind::kInternal, "idc");
  metrics->OrderClosed(DispatchKind::kTelecom, "telecom", absl::Hours(1), /*deadline_met=*/true,
                       /*count_deadline=*/true);
  text = Expose(registry);
  EXPECT_THAT(Series(text, "cs_routing_order_deadlines_total"),
              UnorderedElementsAre(
                  "broadband/internal_dispatch/met=0", "broadband/internal_dispatch/missed=0",
                  "idc/internal_dispatch/met=0", "idc/internal_dispatch/missed=1",
                  "telecom/escalate_to_telecom/met=1", "telecom/escalate_to_telecom/missed=0"));
  EXPECT_THAT(Series(text, "cs_routing_reminders_total"),
              UnorderedElementsAre("broadband/internal_dispatch=0", "idc/internal_dispatch=1",
                                   "telecom/escalate_to_telecom=0"));
}

}  // namespace
}  // namespace cs::routing

#include "services/intake/api/intake_metrics.h"

#include <string>
#include <vector>

#include "common/testing/metrics_text.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"

namespace cs::intake {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::MetricSample;
using ::cs::common::testing::SumSamples;
using ::testing::Each;
using ::testing::Field;
using ::testing::SizeIs;

constexpr char kDeadlines[] = "cs_intake_receipt_deadlines_total";

common::UnitInfo Unit(const std::string& id, bool designated = false, bool cs_center = false) {
  common::UnitInfo unit;
  unit.id = id;
  unit.designated = designated;
  unit.cs_center = cs_center;
  return unit;
}

common::UnitDirectory Units() {
  return *common::UnitDirectory::Create(
      {Unit("service-desk", /*designated=*/true), Unit("broadband")}, {});
}

std::vector<MetricSample> Deadlines(const prometheus::Registry& registry) {
  auto samples =
      common::testing::ParseMetricsText(prometheus::TextSerializer().Serialize(registry.Collect()));
  EXPECT_OK(samples.status());
  std::vector<MetricSample> out;
  for (MetricSample& sample : samples.value_or(std::vector<MetricSample>{})) {
    if (sample.name == kDeadlines) out.push_back(std::move(sample));
  }
  return out;
}

TEST(IntakeSlaMetricsTest, DeadlinesStartAtZeroForEveryUnitAndLabelTheCodeRecords) {
  prometheus::Registry registry;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<IntakeSlaMetrics> metrics,
                       IntakeSlaMetrics::Create(registry, Units()));
  // 2 units x special request or not x met or missed.
  EXPECT_THAT(Deadlines(registry), SizeIs(8));
  EXPECT_THAT(Deadlines(registry), Each(Field(&MetricSample::value, 0)));

  // What the core records lands on those series, none new.
  metrics->ConfirmationMissed("broadband", false);
  metrics->ReceiptConfirmed("service-desk", true, absl::Minutes(5), /*deadline_met=*/true,
                            /*count_deadline=*/true);
  const std::vector<MetricSample> after = Deadlines(registry);
  EXPECT_THAT(after, SizeIs(8));
  const std::string text = prometheus::TextSerializer().Serialize(registry.Collect());
  EXPECT_THAT(
      SumSamples(text, kDeadlines,
                 {{"unit", "broadband"}, {"special_request", "false"}, {"outcome", "missed"}}),
      IsOkAndHolds(1));
  EXPECT_THAT(
      SumSamples(text, kDeadlines,
                 {{"unit", "service-desk"}, {"special_request", "true"}, {"outcome", "met"}}),
      IsOkAndHolds(1));
  EXPECT_THAT(SumSamples(text, kDeadlines), IsOkAndHolds(2));
}

}  // namespace
}  // namespace cs::intake

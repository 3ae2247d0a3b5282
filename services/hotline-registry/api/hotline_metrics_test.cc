// The hotline registry's metrics: the names the alert rules and the dashboard use, every unit's
// series from the start, and a sweep's snapshot replacing the gauges whole.
#include "services/hotline-registry/api/hotline_metrics.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "common/testing/metrics_text.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"

namespace cs::hotline {
namespace {

using ::cs::common::testing::MetricSample;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

common::UnitDirectory Units() {
  common::UnitInfo center;
  center.id = "cs-center";
  center.cs_center = true;
  common::UnitInfo desk;
  desk.id = "service-desk";
  desk.designated = true;
  common::UnitInfo broadband;
  broadband.id = "broadband";
  return *common::UnitDirectory::Create({center, desk, broadband}, {});
}

// "label=value,…=number" of every sample named `name`, labels in name order.
std::vector<std::string> Series(const prometheus::Registry& registry, const std::string& name) {
  auto samples =
      common::testing::ParseMetricsText(prometheus::TextSerializer().Serialize(registry.Collect()));
  EXPECT_OK(samples.status());
  std::vector<std::string> out;
  for (const MetricSample& sample : samples.value_or(std::vector<MetricSample>{})) {
    if (sample.name != name) continue;
    std::vector<std::string> labels;
    for (const auto& [key, value] :
         std::map<std::string, std::string>(sample.labels.begin(), sample.labels.end())) {
      labels.push_back(key + "=" + value);
    }
    out.push_back(absl::StrJoin(labels, ",") + "=" +
                  std::to_string(static_cast<int>(sample.value)));
  }
  return out;
}

TEST(HotlineMetricsTest, EveryUnitsSeriesStartsAtZero) {
  prometheus::Registry registry;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<HotlineMetrics> metrics,
                       HotlineMetrics::Create(registry, Units()));
  EXPECT_THAT(
      Series(registry, "cs_hotline_registry_report_deadlines_total"),
      UnorderedElementsAre("outcome=met,unit=cs-center=0", "outcome=missed,unit=cs-center=0",
                           "outcome=met,unit=service-desk=0", "outcome=missed,unit=service-desk=0",
                           "outcome=met,unit=broadband=0", "outcome=missed,unit=broadband=0"));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_monthly_reports_late_total"),
              UnorderedElementsAre("unit=cs-center=0", "unit=service-desk=0", "unit=broadband=0"));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_rosters_refused_total"),
              UnorderedElementsAre("unit=cs-center=0", "unit=service-desk=0", "unit=broadband=0"));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_hotlines_below_target"),
              UnorderedElementsAre("unit=cs-center=0", "unit=service-desk=0", "unit=broadband=0"));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_call_records_total"),
              UnorderedElementsAre("result=stored=0", "result=duplicate=0", "result=rejected=0"));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_approvals_pending"),
              UnorderedElementsAre("kind=registration=0", "kind=change=0"));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_oldest_pending_approval_seconds"),
              UnorderedElementsAre("=0"));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_number_transitions_active"),
              UnorderedElementsAre("=0"));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_connection_rate_percent"), IsEmpty());
  EXPECT_THAT(Series(registry, "cs_hotline_registry_transition_remaining_seconds"), IsEmpty());

  metrics->ReportDeadline("broadband", /*met=*/false);
  metrics->ReportDeadline("broadband", /*met=*/true);
  metrics->RosterRefused("broadband");
  metrics->CallRecordsIngested(7, 2, 1);
  EXPECT_THAT(Series(registry, "cs_hotline_registry_monthly_reports_late_total"),
              UnorderedElementsAre("unit=cs-center=0", "unit=service-desk=0", "unit=broadband=1"));
  EXPECT_THAT(
      Series(registry, "cs_hotline_registry_report_deadlines_total"),
      ::testing::IsSupersetOf({"outcome=met,unit=broadband=1", "outcome=missed,unit=broadband=1"}));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_rosters_refused_total"),
              ::testing::Contains("unit=broadband=1"));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_call_records_total"),
              UnorderedElementsAre("result=stored=7", "result=duplicate=2", "result=rejected=1"));
}

TEST(HotlineMetricsTest, ASnapshotReplacesTheGaugesWhole) {
  prometheus::Registry registry;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<HotlineMetrics> metrics,
                       HotlineMetrics::Create(registry, Units()));
  RegistrySnapshot first;
  first.rates = {{"HL-1", "broadband", true, 79},
                 {"HL-1", "broadband", false, 85},
                 {"HL-2", "broadband", true, 100}};
  first.below_target_by_unit = {{"cs-center", 0}, {"service-desk", 0}, {"broadband", 1}};
  first.registrations_pending = 2;
  first.changes_pending = 1;
  first.oldest_pending_approval = absl::Hours(3);
  first.transitions_active = 1;
  first.transitions = {{"HL-1", absl::Hours(24)}};
  metrics->Snapshot(first);
  EXPECT_THAT(Series(registry, "cs_hotline_registry_connection_rate_percent"),
              UnorderedElementsAre("hotline=HL-1,month=current,unit=broadband=79",
                                   "hotline=HL-1,month=previous,unit=broadband=85",
                                   "hotline=HL-2,month=current,unit=broadband=100"));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_hotlines_below_target"),
              ::testing::Contains("unit=broadband=1"));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_approvals_pending"),
              UnorderedElementsAre("kind=registration=2", "kind=change=1"));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_oldest_pending_approval_seconds"),
              UnorderedElementsAre("=10800"));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_transition_remaining_seconds"),
              UnorderedElementsAre("hotline=HL-1=86400"));

  RegistrySnapshot second;
  second.below_target_by_unit = {{"cs-center", 0}, {"service-desk", 0}, {"broadband", 0}};
  metrics->Snapshot(second);
  EXPECT_THAT(Series(registry, "cs_hotline_registry_connection_rate_percent"), IsEmpty());
  EXPECT_THAT(Series(registry, "cs_hotline_registry_transition_remaining_seconds"), IsEmpty());
  EXPECT_THAT(Series(registry, "cs_hotline_registry_approvals_pending"),
              UnorderedElementsAre("kind=registration=0", "kind=change=0"));
  EXPECT_THAT(Series(registry, "cs_hotline_registry_number_transitions_active"),
              UnorderedElementsAre("=0"));
}

}  // namespace
}  // namespace cs::hotline

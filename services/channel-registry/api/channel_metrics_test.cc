// The channel registry's metrics: the names the alert rules and the dashboard use, every unit's
// series from the start, and a sweep's snapshot replacing the gauges whole.
#include "services/channel-registry/api/channel_metrics.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/testing/metrics_text.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"

namespace cs::channel {
namespace {

using ::cs::common::testing::MetricSample;
using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;
using ::testing::UnorderedElementsAre;

common::UnitDirectory Units() {
  common::UnitInfo center;
  center.id = "cs-center";
  center.cs_center = true;
  common::UnitInfo broadband;
  broadband.id = "broadband";
  broadband.designated = true;  // the directory needs one unit that receives tickets
  return *common::UnitDirectory::Create({center, broadband}, {});
}

// "label=value,…=number" of every sample named `name`, labels in name order; values to 2 decimals.
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
    out.push_back(absl::StrJoin(labels, ",") + "=" + absl::StrFormat("%g", sample.value));
  }
  return out;
}

TEST(ChannelMetricsTest, EveryUnitsSeriesStartsAtZero) {
  prometheus::Registry registry;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ChannelMetrics> metrics,
                       ChannelMetrics::Create(registry, Units()));
  EXPECT_THAT(
      Series(registry, "cs_channel_registry_channels"),
      UnorderedElementsAre("state=filed,unit=cs-center=0", "state=acknowledged,unit=cs-center=0",
                           "state=inaccurate,unit=cs-center=0", "state=retired,unit=cs-center=0",
                           "state=filed,unit=broadband=0", "state=acknowledged,unit=broadband=0",
                           "state=inaccurate,unit=broadband=0", "state=retired,unit=broadband=0"));
  for (const char* name :
       {"cs_channel_registry_unfiled_channels", "cs_channel_registry_checks_overdue",
        "cs_channel_registry_open_faults", "cs_channel_registry_faults_overdue",
        "cs_channel_registry_capacity_warnings", "cs_channel_registry_checks_total",
        "cs_channel_registry_monthly_reports_late_total"}) {
    EXPECT_THAT(Series(registry, name),
                UnorderedElementsAre("unit=cs-center=0", "unit=broadband=0"))
        << name;
  }
  EXPECT_THAT(
      Series(registry, "cs_channel_registry_faults_repaired_total"),
      UnorderedElementsAre("outcome=in_time,unit=cs-center=0", "outcome=late,unit=cs-center=0",
                           "outcome=in_time,unit=broadband=0", "outcome=late,unit=broadband=0"));
  EXPECT_THAT(
      Series(registry, "cs_channel_registry_report_deadlines_total"),
      UnorderedElementsAre("outcome=met,unit=cs-center=0", "outcome=missed,unit=cs-center=0",
                           "outcome=met,unit=broadband=0", "outcome=missed,unit=broadband=0"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_oldest_overdue_check_seconds"),
              UnorderedElementsAre("=0"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_oldest_open_fault_seconds"),
              UnorderedElementsAre("=0"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_mailbox_usage_ratio"), IsEmpty());
  EXPECT_THAT(Series(registry, "cs_channel_registry_mailbox_days_to_full"), IsEmpty());

  metrics->FaultRepaired("broadband", /*in_time=*/true);
  metrics->FaultRepaired("broadband", /*in_time=*/false);
  metrics->FaultRepaired("broadband", /*in_time=*/false);
  metrics->CheckRecorded("broadband");
  // A late submission: the core reports the deadline missed once; counted late once.
  metrics->ReportDeadline("broadband", /*met=*/false);
  metrics->ReportDeadline("cs-center", /*met=*/true);
  EXPECT_THAT(Series(registry, "cs_channel_registry_faults_repaired_total"),
              IsSupersetOf({"outcome=in_time,unit=broadband=1", "outcome=late,unit=broadband=2"}));
  EXPECT_THAT(Series(registry, "cs_channel_registry_checks_total"),
              UnorderedElementsAre("unit=cs-center=0", "unit=broadband=1"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_monthly_reports_late_total"),
              UnorderedElementsAre("unit=cs-center=0", "unit=broadband=1"));
  EXPECT_THAT(
      Series(registry, "cs_channel_registry_report_deadlines_total"),
      UnorderedElementsAre("outcome=met,unit=cs-center=1", "outcome=missed,unit=cs-center=0",
                           "outcome=met,unit=broadband=0", "outcome=missed,unit=broadband=1"));
}

TEST(ChannelMetricsTest, ASnapshotReplacesTheGaugesWhole) {
  prometheus::Registry registry;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ChannelMetrics> metrics,
                       ChannelMetrics::Create(registry, Units()));
  ChannelSnapshot first;
  first.channels = {{"broadband", ChannelState::kFiled, 2},
                    {"broadband", ChannelState::kInaccurate, 1}};
  first.unfiled_by_unit = {{"cs-center", 0}, {"broadband", 1}};
  first.checks_overdue_by_unit = {{"cs-center", 0}, {"broadband", 3}};
  first.oldest_overdue_check = absl::Hours(2);
  first.open_faults_by_unit = {{"cs-center", 0}, {"broadband", 2}};
  first.faults_overdue_by_unit = {{"cs-center", 0}, {"broadband", 1}};
  first.oldest_open_fault = absl::Hours(30);
  first.mailboxes = {{"CN-1", "broadband", 0.5, 3.5, false},
                     {"CN-2", "broadband", 0.9, absl::nullopt, true}};
  first.capacity_warnings_by_unit = {{"cs-center", 0}, {"broadband", 1}};
  metrics->Snapshot(first);
  EXPECT_THAT(
      Series(registry, "cs_channel_registry_channels"),
      IsSupersetOf({"state=filed,unit=broadband=2", "state=inaccurate,unit=broadband=1",
                    "state=acknowledged,unit=broadband=0", "state=filed,unit=cs-center=0"}));
  EXPECT_THAT(Series(registry, "cs_channel_registry_unfiled_channels"),
              UnorderedElementsAre("unit=cs-center=0", "unit=broadband=1"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_checks_overdue"), Contains("unit=broadband=3"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_oldest_overdue_check_seconds"),
              UnorderedElementsAre("=7200"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_open_faults"), Contains("unit=broadband=2"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_faults_overdue"), Contains("unit=broadband=1"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_oldest_open_fault_seconds"),
              UnorderedElementsAre("=108000"));
  EXPECT_THAT(
      Series(registry, "cs_channel_registry_mailbox_usage_ratio"),
      UnorderedElementsAre("channel=CN-1,unit=broadband=0.5", "channel=CN-2,unit=broadband=0.9"));
  // Only the mailbox forecast to fill has days to full.
  EXPECT_THAT(Series(registry, "cs_channel_registry_mailbox_days_to_full"),
              UnorderedElementsAre("channel=CN-1,unit=broadband=3.5"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_capacity_warnings"),
              Contains("unit=broadband=1"));

  // The next sweep saw nothing: every unit's series back at 0, the mailboxes gone.
  metrics->Snapshot(ChannelSnapshot{});
  EXPECT_THAT(Series(registry, "cs_channel_registry_channels"),
              Contains("state=filed,unit=broadband=0"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_checks_overdue"),
              UnorderedElementsAre("unit=cs-center=0", "unit=broadband=0"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_open_faults"),
              UnorderedElementsAre("unit=cs-center=0", "unit=broadband=0"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_oldest_overdue_check_seconds"),
              UnorderedElementsAre("=0"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_oldest_open_fault_seconds"),
              UnorderedElementsAre("=0"));
  EXPECT_THAT(Series(registry, "cs_channel_registry_mailbox_usage_ratio"), IsEmpty());
  EXPECT_THAT(Series(registry, "cs_channel_registry_mailbox_days_to_full"), IsEmpty());
}

}  // namespace
}  // namespace cs::channel

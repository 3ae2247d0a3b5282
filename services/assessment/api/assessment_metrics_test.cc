// The assessment service's metrics: the names the alert rules and the dashboard use, every unit's,
// set's and peer's series from the start, each event counted once under its labels, and a sweep's
// snapshot replacing the gauges whole.
#include "services/assessment/api/assessment_metrics.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/testing/metrics_text.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::MetricSample;
using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;
using ::testing::UnorderedElementsAre;

constexpr absl::Duration kWorkingDay = absl::Minutes(7 * 60 + 30);

common::UnitDirectory Units() {
  common::UnitInfo center;
  center.id = "cs-center";
  center.cs_center = true;
  common::UnitInfo broadband;
  broadband.id = "broadband";
  broadband.designated = true;  // the directory needs one unit that receives tickets
  return *common::UnitDirectory::Create({center, broadband}, {});
}

IndicatorDefinitions Definitions() {
  IndicatorDefinitions definitions;
  definitions.sets.push_back({.name = "monthly", .title = "月度客户服务考核", .indicators = {}});
  definitions.sets.push_back({.name = "blue_book", .title = "蓝皮书", .indicators = {}});
  return definitions;
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
    for (const auto& [key, value] : sample.labels) labels.push_back(key + "=" + value);
    out.push_back(absl::StrJoin(labels, ",") + "=" + absl::StrFormat("%g", sample.value));
  }
  return out;
}

std::unique_ptr<AssessmentMetrics> Make(prometheus::Registry& registry) {
  auto metrics = AssessmentMetrics::Create(registry, Units(), Definitions());
  EXPECT_OK(metrics.status());
  return metrics.ok() ? *std::move(metrics) : nullptr;
}

TEST(AssessmentMetrics, EverySeriesOfAUnitASetAndAPeerStartsAtZero) {
  prometheus::Registry registry;
  std::unique_ptr<AssessmentMetrics> metrics = Make(registry);
  ASSERT_NE(metrics, nullptr);
  for (const char* name :
       {"cs_assessment_notices_issued_total", "cs_assessment_notices_deemed_received_total",
        "cs_assessment_launch_findings_total"}) {
    EXPECT_THAT(Series(registry, name),
                UnorderedElementsAre("unit=cs-center=0", "unit=broadband=0"))
        << name;
  }
  EXPECT_THAT(
      Series(registry, "cs_assessment_notice_replies_total"),
      UnorderedElementsAre("outcome=on_time,unit=cs-center=0", "outcome=late,unit=cs-center=0",
                           "outcome=on_time,unit=broadband=0", "outcome=late,unit=broadband=0"));
  EXPECT_THAT(
      Series(registry, "cs_assessment_verifications_total"),
      UnorderedElementsAre("outcome=passed,unit=cs-center=0", "outcome=failed,unit=cs-center=0",
                           "outcome=passed,unit=broadband=0", "outcome=failed,unit=broadband=0"));
  EXPECT_THAT(
      Series(registry, "cs_assessment_maintenance_filings_total"),
      UnorderedElementsAre("outcome=on_time,unit=cs-center=0", "outcome=late,unit=cs-center=0",
                           "outcome=emergency,unit=cs-center=0", "outcome=on_time,unit=broadband=0",
                           "outcome=late,unit=broadband=0", "outcome=emergency,unit=broadband=0"));
  EXPECT_THAT(Series(registry, "cs_assessment_scorecards_computed_total"),
              UnorderedElementsAre(
                  "outcome=complete,set=monthly=0", "outcome=incomplete,set=monthly=0",
                  "outcome=complete,set=blue_book=0", "outcome=incomplete,set=blue_book=0"));
  EXPECT_THAT(Series(registry, "cs_assessment_source_reads_total"),
              UnorderedElementsAre("outcome=ok,source=intake=0", "outcome=failed,source=intake=0",
                                   "outcome=ok,source=routing=0", "outcome=failed,source=routing=0",
                                   "outcome=ok,source=archive=0", "outcome=failed,source=archive=0",
                                   "outcome=ok,source=hotline-registry=0",
                                   "outcome=failed,source=hotline-registry=0",
                                   "outcome=ok,source=channel-registry=0",
                                   "outcome=failed,source=channel-registry=0"));
  // No peer asked yet: neither up nor down.
  EXPECT_THAT(Series(registry, "cs_assessment_source_up"), IsEmpty());
  EXPECT_THAT(Series(registry, "cs_assessment_notice_reply_working_seconds_count"),
              UnorderedElementsAre("outcome=on_time=0", "outcome=late=0"));
  EXPECT_THAT(
      Series(registry, "cs_assessment_open_notices"),
      UnorderedElementsAre("overdue=true,unit=cs-center=0", "overdue=false,unit=cs-center=0",
                           "overdue=true,unit=broadband=0", "overdue=false,unit=broadband=0"));
  for (const char* name :
       {"cs_assessment_oldest_overdue_notice_seconds", "cs_assessment_notices_awaiting_receipt",
        "cs_assessment_maintenance_awaiting_approval", "cs_assessment_scorecard_month"}) {
    EXPECT_THAT(Series(registry, name), UnorderedElementsAre("=0")) << name;
  }
  EXPECT_THAT(
      Series(registry, "cs_assessment_scorecards"),
      UnorderedElementsAre("set=monthly,state=complete=0", "set=monthly,state=incomplete=0",
                           "set=blue_book,state=complete=0", "set=blue_book,state=incomplete=0"));
}

TEST(AssessmentMetrics, S1_NoticesRepliesAndVerificationsAreCountedByUnitAndOutcome) {
  prometheus::Registry registry;
  std::unique_ptr<AssessmentMetrics> metrics = Make(registry);
  ASSERT_NE(metrics, nullptr);
  metrics->NoticeIssued("broadband");
  metrics->NoticeIssued("broadband");
  metrics->NoticeDeemedReceived("broadband");
  // One reply on the 3rd working day, one on the 7th (late: past the 5 working days).
  metrics->NoticeReplied("broadband", /*late=*/false, 3 * kWorkingDay);
  metrics->NoticeReplied("broadband", /*late=*/true, 7 * kWorkingDay);
  metrics->NoticeVerified("broadband", /*passed=*/true);
  metrics->NoticeVerified("broadband", /*passed=*/false);
  metrics->NoticeVerified("broadband", /*passed=*/false);

  EXPECT_THAT(Series(registry, "cs_assessment_notices_issued_total"),
              UnorderedElementsAre("unit=cs-center=0", "unit=broadband=2"));
  EXPECT_THAT(Series(registry, "cs_assessment_notices_deemed_received_total"),
              UnorderedElementsAre("unit=cs-center=0", "unit=broadband=1"));
  EXPECT_THAT(Series(registry, "cs_assessment_notice_replies_total"),
              IsSupersetOf({"outcome=on_time,unit=broadband=1", "outcome=late,unit=broadband=1",
                            "outcome=late,unit=cs-center=0"}));
  EXPECT_THAT(Series(registry, "cs_assessment_verifications_total"),
              IsSupersetOf({"outcome=passed,unit=broadband=1", "outcome=failed,unit=broadband=2",
                            "outcome=failed,unit=cs-center=0"}));
  // 3 working days = 81000 s: in the 3-day bucket, not the 2-day one; 7 days at the 7-day bound,
  // past the 5-day one.
  const std::vector<std::string> buckets =
      Series(registry, "cs_assessment_notice_reply_working_seconds_bucket");
  EXPECT_THAT(buckets, IsSupersetOf({"le=54000,outcome=on_time=0", "le=81000,outcome=on_time=1",
                                     "le=135000,outcome=late=0", "le=189000,outcome=late=1",
                                     "le=540000,outcome=late=1", "le=+Inf,outcome=late=1"}));
  EXPECT_THAT(Series(registry, "cs_assessment_notice_reply_working_seconds_sum"),
              UnorderedElementsAre("outcome=on_time=81000", "outcome=late=189000"));
}

TEST(AssessmentMetrics, S2_S3_MaintenanceFilingsByOutcomeAndLaunchFindings) {
  prometheus::Registry registry;
  std::unique_ptr<AssessmentMetrics> metrics = Make(registry);
  ASSERT_NE(metrics, nullptr);
  metrics->MaintenanceFiled("broadband", MaintenanceFilingOutcome::kOnTime);
  metrics->MaintenanceFiled("broadband", MaintenanceFilingOutcome::kLate);
  metrics->MaintenanceFiled("broadband", MaintenanceFilingOutcome::kLate);
  metrics->MaintenanceFiled("cs-center", MaintenanceFilingOutcome::kEmergency);
  metrics->LaunchFinding("broadband");
  EXPECT_THAT(
      Series(registry, "cs_assessment_maintenance_filings_total"),
      UnorderedElementsAre("outcome=on_time,unit=cs-center=0", "outcome=late,unit=cs-center=0",
                           "outcome=emergency,unit=cs-center=1", "outcome=on_time,unit=broadband=1",
                           "outcome=late,unit=broadband=2", "outcome=emergency,unit=broadband=0"));
  EXPECT_THAT(Series(registry, "cs_assessment_launch_findings_total"),
              UnorderedElementsAre("unit=cs-center=0", "unit=broadband=1"));
}

TEST(AssessmentMetrics, S5_ScorecardsComputedAndEachPeersReadsAndLatestAnswer) {
  prometheus::Registry registry;
  std::unique_ptr<AssessmentMetrics> metrics = Make(registry);
  ASSERT_NE(metrics, nullptr);
  metrics->ScorecardComputed("monthly", /*complete=*/true);
  metrics->ScorecardComputed("monthly", /*complete=*/false);
  metrics->ScorecardComputed("blue_book", /*complete=*/true);
  metrics->SourceRead(kSourceIntake, /*answered=*/true);
  metrics->SourceRead(kSourceHotlineRegistry, /*answered=*/true);
  metrics->SourceRead(kSourceHotlineRegistry, /*answered=*/false);
  EXPECT_THAT(Series(registry, "cs_assessment_scorecards_computed_total"),
              UnorderedElementsAre(
                  "outcome=complete,set=monthly=1", "outcome=incomplete,set=monthly=1",
                  "outcome=complete,set=blue_book=1", "outcome=incomplete,set=blue_book=0"));
  EXPECT_THAT(
      Series(registry, "cs_assessment_source_reads_total"),
      IsSupersetOf({"outcome=ok,source=intake=1", "outcome=failed,source=intake=0",
                    "outcome=ok,source=hotline-registry=1",
                    "outcome=failed,source=hotline-registry=1", "outcome=ok,source=routing=0"}));
  // Only the peers asked have a state: the latest read's.
  EXPECT_THAT(Series(registry, "cs_assessment_source_up"),
              UnorderedElementsAre("source=intake=1", "source=hotline-registry=0"));
  metrics->SourceRead(kSourceHotlineRegistry, /*answered=*/true);
  EXPECT_THAT(Series(registry, "cs_assessment_source_up"), Contains("source=hotline-registry=1"));
}

TEST(AssessmentMetrics, S1_S2_ANoticeSnapshotReplacesTheGaugesWhole) {
  prometheus::Registry registry;
  std::unique_ptr<AssessmentMetrics> metrics = Make(registry);
  ASSERT_NE(metrics, nullptr);
  NoticeSnapshot first;
  first.open_notices = {{"cs-center", 0, 0}, {"broadband", 2, 1}, {"retired-unit", 1, 0}};
  first.oldest_overdue_notice = absl::Hours(30);
  first.awaiting_receipt = 3;
  first.maintenance_awaiting_approval = 1;
  metrics->Snapshot(first);
  EXPECT_THAT(Series(registry, "cs_assessment_open_notices"),
              UnorderedElementsAre(
                  "overdue=true,unit=cs-center=0", "overdue=false,unit=cs-center=0",
                  "overdue=true,unit=broadband=2", "overdue=false,unit=broadband=1",
                  "overdue=true,unit=retired-unit=1", "overdue=false,unit=retired-unit=0"));
  EXPECT_THAT(Series(registry, "cs_assessment_oldest_overdue_notice_seconds"),
              UnorderedElementsAre("=108000"));
  EXPECT_THAT(Series(registry, "cs_assessment_notices_awaiting_receipt"),
              UnorderedElementsAre("=3"));
  EXPECT_THAT(Series(registry, "cs_assessment_maintenance_awaiting_approval"),
              UnorderedElementsAre("=1"));

  // The next sweep saw nothing open: the directory's units back at 0, the unknown one gone.
  metrics->Snapshot(NoticeSnapshot{});
  EXPECT_THAT(
      Series(registry, "cs_assessment_open_notices"),
      UnorderedElementsAre("overdue=true,unit=cs-center=0", "overdue=false,unit=cs-center=0",
                           "overdue=true,unit=broadband=0", "overdue=false,unit=broadband=0"));
  EXPECT_THAT(Series(registry, "cs_assessment_oldest_overdue_notice_seconds"),
              UnorderedElementsAre("=0"));
  EXPECT_THAT(Series(registry, "cs_assessment_notices_awaiting_receipt"),
              UnorderedElementsAre("=0"));
}

TEST(AssessmentMetrics, S5_S6_AScorecardSnapshotGivesEachSetsCountsAndTheMonth) {
  prometheus::Registry registry;
  std::unique_ptr<AssessmentMetrics> metrics = Make(registry);
  ASSERT_NE(metrics, nullptr);
  ScorecardSnapshot snapshot;
  snapshot.month = absl::CivilMonth(2026, 10);
  snapshot.scorecards = {{"monthly", 4, 1}};
  metrics->Snapshot(snapshot);
  EXPECT_THAT(
      Series(registry, "cs_assessment_scorecards"),
      UnorderedElementsAre("set=monthly,state=complete=4", "set=monthly,state=incomplete=1",
                           "set=blue_book,state=complete=0", "set=blue_book,state=incomplete=0"));
  EXPECT_THAT(Series(registry, "cs_assessment_scorecard_month"), UnorderedElementsAre("=202610"));

  snapshot.month = absl::CivilMonth(2026, 11);
  snapshot.scorecards = {{"blue_book", 5, 0}};
  metrics->Snapshot(snapshot);
  EXPECT_THAT(
      Series(registry, "cs_assessment_scorecards"),
      UnorderedElementsAre("set=monthly,state=complete=0", "set=monthly,state=incomplete=0",
                           "set=blue_book,state=complete=5", "set=blue_book,state=incomplete=0"));
  EXPECT_THAT(Series(registry, "cs_assessment_scorecard_month"), UnorderedElementsAre("=202611"));
}

TEST(AssessmentMetrics, NoticeReplyBucketsReachTwentyWorkingDaysAndRise) {
  const prometheus::Histogram::BucketBoundaries buckets = NoticeReplyBuckets();
  ASSERT_FALSE(buckets.empty());
  EXPECT_EQ(buckets.front(), 3600);
  EXPECT_EQ(buckets.back(), 20 * 27000);
  EXPECT_THAT(buckets, Contains(5 * 27000));  // the reply limit of S1
  for (size_t i = 1; i < buckets.size(); ++i) EXPECT_LT(buckets[i - 1], buckets[i]);
}

}  // namespace
}  // namespace cs::assessment

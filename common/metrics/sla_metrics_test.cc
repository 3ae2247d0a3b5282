#include "common/metrics/sla_metrics.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/grpc/rpc_interceptor.h"
#include "common/metrics/calendar_horizon.h"
#include "common/testing/metrics_text.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::SumSamples;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::string Expose(const prometheus::Collectable& collectable) {
  return prometheus::TextSerializer().Serialize(collectable.Collect());
}

TEST(DeadlineCounterTest, RejectsNamesOutsideTheConvention) {
  prometheus::Registry registry;
  EXPECT_THAT(DeadlineCounter::Create(registry, "intake_receipt_deadlines_total", "h", {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cs_<service>")));
  EXPECT_THAT(DeadlineCounter::Create(registry, "cs_intake_receipt_deadlines", "h", {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("_total")));
  EXPECT_THAT(DeadlineCounter::Create(registry, "cs_intake-receipt_total", "h", {}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(DeadlineCounter::Create(registry, "cs_intake_receipt_total", "h", {"outcome"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("outcome")));
  EXPECT_THAT(DeadlineCounter::Create(registry, "cs_intake_receipt_total", "h", {"unit", "unit"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit")));
  EXPECT_THAT(DeadlineCounter::Create(registry, "cs_intake_receipt_total", "h", {"bad-label"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad-label")));
}

TEST(DeadlineCounterTest, CountsMetAndMissedByLabels) {
  prometheus::Registry registry;
  ASSERT_OK_AND_ASSIGN(DeadlineCounter counter,
                       DeadlineCounter::Create(registry, "cs_intake_receipt_deadlines_total",
                                               "Receipt deadlines by outcome.", {"unit"}));
  counter.Met({"broadband"});
  counter.Met({"broadband"});
  counter.Missed({"broadband"});
  counter.Record(false, {"idc"});
  counter.Met({"idc", "extra"});  // Wrong label count: dropped, not a crash.
  const std::string text = Expose(registry);
  const std::string name = "cs_intake_receipt_deadlines_total";
  EXPECT_THAT(SumSamples(text, name, {{"unit", "broadband"}, {"outcome", "met"}}), IsOkAndHolds(2));
  EXPECT_THAT(SumSamples(text, name, {{"unit", "broadband"}, {"outcome", "missed"}}),
              IsOkAndHolds(1));
  EXPECT_THAT(SumSamples(text, name, {{"unit", "idc"}, {"outcome", "missed"}}), IsOkAndHolds(1));
  EXPECT_THAT(SumSamples(text, name), IsOkAndHolds(4));
}

TEST(LabelCombinationsTest, OneValueFromEachListInOrder) {
  EXPECT_THAT(LabelCombinations({{"a", "b"}, {"x", "y"}}),
              ElementsAre(ElementsAre("a", "x"), ElementsAre("a", "y"), ElementsAre("b", "x"),
                          ElementsAre("b", "y")));
  EXPECT_THAT(LabelCombinations({{"a"}, {}}), IsEmpty());
  EXPECT_THAT(LabelCombinations({}), ElementsAre(IsEmpty()));
}

TEST(DeadlineCounterTest, InitializeSeriesExportsEveryCombinationAtZero) {
  prometheus::Registry registry;
  ASSERT_OK_AND_ASSIGN(DeadlineCounter counter,
                       DeadlineCounter::Create(registry, "cs_intake_receipt_deadlines_total", "h",
                                               {"unit", "special_request"}));
  counter.Missed({"idc", "false"});
  ASSERT_OK(counter.InitializeSeries({{"broadband", "idc"}, {"true", "false"}}));
  const std::string text = Expose(registry);
  for (const char* unit : {"broadband", "idc"}) {
    for (const char* special : {"true", "false"}) {
      for (const char* outcome : {"met", "missed"}) {
        const bool counted = std::string(unit) == "idc" && std::string(special) == "false" &&
                             std::string(outcome) == "missed";
        EXPECT_THAT(text,
                    HasSubstr(absl::StrCat("cs_intake_receipt_deadlines_total{outcome=\"", outcome,
                                           "\",special_request=\"", special, "\",unit=\"", unit,
                                           "\"} ", counted ? "1" : "0", "\n")))
            << text;
      }
    }
  }
  // 2 units x 2 x 2 outcomes, no more.
  auto samples = ::cs::common::testing::ParseMetricsText(text);
  ASSERT_OK(samples.status());
  EXPECT_THAT(*samples, SizeIs(8));

  EXPECT_THAT(counter.InitializeSeries({{"broadband"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("1 lists")));
}

TEST(InitializeCountersTest, CreatesMissingSeriesAndKeepsCountedOnes) {
  prometheus::Registry registry;
  auto& late = prometheus::BuildCounter()
                   .Name("cs_archive_monthly_reports_late_total")
                   .Help("h")
                   .Register(registry);
  late.Add({{"unit", "portal"}}).Increment(2);
  ASSERT_OK(InitializeCounters(late, {"unit"}, {{"portal", "hosting"}}));
  const std::string text = Expose(registry);
  EXPECT_THAT(text, HasSubstr("cs_archive_monthly_reports_late_total{unit=\"hosting\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("cs_archive_monthly_reports_late_total{unit=\"portal\"} 2\n"));

  EXPECT_THAT(InitializeCounters(late, {"unit"}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("0 lists")));
  EXPECT_THAT(InitializeCounters(late, {"bad-label"}, {{"x"}}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(WorkingSecondsHistogramTest, BucketsFromOneMinuteToFiveWorkingDays) {
  const auto buckets = WorkingSecondsBuckets();
  EXPECT_EQ(buckets.front(), 60);
  EXPECT_EQ(buckets.back(), 5 * 7.5 * 3600);
  EXPECT_TRUE(std::is_sorted(buckets.begin(), buckets.end()));
}

TEST(WorkingSecondsHistogramTest, ObservesWorkingTime) {
  prometheus::Registry registry;
  EXPECT_THAT(WorkingSecondsHistogram::Create(registry, "cs_intake_receipt_working", "h", {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("_seconds")));
  ASSERT_OK_AND_ASSIGN(
      WorkingSecondsHistogram histogram,
      WorkingSecondsHistogram::Create(registry, "cs_intake_receipt_working_seconds",
                                      "Working time from intake to confirmed receipt.", {"unit"}));
  histogram.Observe(absl::Seconds(90), {"idc"});
  histogram.Observe(absl::Hours(8), {"idc"});  // More than one 7.5 h working day.
  histogram.Observe(-absl::Seconds(5), {"idc"});
  const std::string text = Expose(registry);
  const std::string name = "cs_intake_receipt_working_seconds";
  EXPECT_THAT(SumSamples(text, name + "_count", {{"unit", "idc"}}), IsOkAndHolds(3));
  EXPECT_THAT(SumSamples(text, name + "_sum", {{"unit", "idc"}}), IsOkAndHolds(90 + 8 * 3600));
  EXPECT_THAT(SumSamples(text, name + "_bucket", {{"unit", "idc"}, {"le", "60"}}), IsOkAndHolds(1));
  EXPECT_THAT(SumSamples(text, name + "_bucket", {{"unit", "idc"}, {"le", "300"}}),
              IsOkAndHolds(2));
  EXPECT_THAT(SumSamples(text, name + "_bucket", {{"unit", "idc"}, {"le", "27000"}}),
              IsOkAndHolds(2));
  EXPECT_THAT(SumSamples(text, name + "_bucket", {{"unit", "idc"}, {"le", "54000"}}),
              IsOkAndHolds(3));
}

TEST(GaugeSeriesTest, SetAllReplacesThePicture) {
  prometheus::Registry registry;
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<GaugeSeries> open,
      GaugeSeries::Create(registry, "cs_routing_open_tickets", "Open tickets by unit.", {"unit"}));
  open->SetAll({{{"broadband"}, 3}, {{"idc"}, 1}});
  std::string text = Expose(registry);
  EXPECT_THAT(SumSamples(text, "cs_routing_open_tickets", {{"unit", "broadband"}}),
              IsOkAndHolds(3));
  EXPECT_THAT(SumSamples(text, "cs_routing_open_tickets", {{"unit", "idc"}}), IsOkAndHolds(1));

  open->SetAll({{{"broadband"}, 0}, {{"portal"}, 2}});
  text = Expose(registry);
  EXPECT_THAT(text, HasSubstr("cs_routing_open_tickets{unit=\"broadband\"} 0"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("unit=\"idc\"")));
  EXPECT_THAT(SumSamples(text, "cs_routing_open_tickets", {{"unit", "portal"}}), IsOkAndHolds(2));

  open->Set({"idc"}, 5);
  EXPECT_THAT(SumSamples(Expose(registry), "cs_routing_open_tickets", {{"unit", "idc"}}),
              IsOkAndHolds(5));
}

TEST(RpcLatencyBucketsTest, From100MicrosecondsTo10Seconds) {
  const auto buckets = RpcLatencyBuckets();
  EXPECT_EQ(buckets.front(), 0.0001);
  EXPECT_EQ(buckets.back(), 10.0);
  EXPECT_TRUE(std::is_sorted(buckets.begin(), buckets.end()));
}

TEST(CalendarHorizonTest, GaugeIsComputedAtEveryScrapeInSeconds) {
  std::atomic<int64_t> seconds{120 * 86400};
  CalendarHorizonCollector collector([&seconds] {
    return CalendarHorizonReading{"cn-2026.1", absl::Seconds(seconds.load())};
  });
  EXPECT_THAT(
      SumSamples(Expose(collector), "cs_calendar_horizon_seconds", {{"version", "cn-2026.1"}}),
      IsOkAndHolds(120 * 86400));
  seconds = 59 * 86400 + 3600;
  EXPECT_THAT(
      SumSamples(Expose(collector), "cs_calendar_horizon_seconds", {{"version", "cn-2026.1"}}),
      IsOkAndHolds(59 * 86400 + 3600));
}

TEST(CalendarHorizonTest, WarnsBelowSixtyDays) {
  CapturingLogSink sink;
  ManualClock clock(absl::UnixEpoch());
  Logger logger(&sink, &clock);
  EXPECT_FALSE(WarnIfCalendarHorizonNear(logger, "cn-2026.1", 60));
  EXPECT_THAT(sink.lines(), IsEmpty());
  EXPECT_TRUE(WarnIfCalendarHorizonNear(logger, "cn-2026.1", 59));
  ASSERT_THAT(sink.lines(), SizeIs(1));
  EXPECT_THAT(sink.lines()[0],
              HasSubstr("\"level\":\"WARNING\",\"event\":\"calendar_horizon_near\""));
  EXPECT_THAT(sink.lines()[0], HasSubstr("\"days_to_horizon\":59"));
}

}  // namespace
}  // namespace cs::common

#include "common/testing/metrics_text.h"

#include <cmath>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::testing {
namespace {

constexpr absl::string_view kText = R"(# HELP cs_grpc_server_handled_total RPCs completed.
# TYPE cs_grpc_server_handled_total counter
cs_grpc_server_handled_total{grpc_code="OK",grpc_method="GetTime",service="cs.common.v1.TestClock"} 3
cs_grpc_server_handled_total{grpc_code="UNAUTHENTICATED",grpc_method="GetTime",service="cs.common.v1.TestClock"} 2
cs_grpc_server_handled_total{grpc_code="OK",grpc_method="SetTime",service="cs.common.v1.TestClock"} 1 1700000000000
odd_label{v="a \"quoted\" \\ back\nslash",} 4.5e-1
plain 7
inf_bucket{le="+Inf"} +Inf
)";

TEST(MetricsTextTest, ParsesNamesLabelsValues) {
  ASSERT_OK_AND_ASSIGN(std::vector<MetricSample> samples, ParseMetricsText(kText));
  ASSERT_EQ(samples.size(), 6u);
  EXPECT_EQ(samples[0].name, "cs_grpc_server_handled_total");
  EXPECT_EQ(samples[0].labels.at("grpc_code"), "OK");
  EXPECT_EQ(samples[0].value, 3);
  EXPECT_EQ(samples[2].value, 1);  // The timestamp is not the value.
  EXPECT_EQ(samples[3].labels.at("v"), "a \"quoted\" \\ back\nslash");
  EXPECT_DOUBLE_EQ(samples[3].value, 0.45);
  EXPECT_TRUE(samples[4].labels.empty());
  EXPECT_TRUE(std::isinf(samples[5].value));
}

TEST(MetricsTextTest, SumsMatchingSamples) {
  EXPECT_THAT(SumSamples(kText, "cs_grpc_server_handled_total"), IsOkAndHolds(6));
  EXPECT_THAT(SumSamples(kText, "cs_grpc_server_handled_total", {{"grpc_method", "GetTime"}}),
              IsOkAndHolds(5));
  EXPECT_THAT(SumSamples(kText, "cs_grpc_server_handled_total",
                         {{"grpc_method", "GetTime"}, {"grpc_code", "UNAUTHENTICATED"}}),
              IsOkAndHolds(2));
  EXPECT_THAT(SumSamples(kText, "cs_grpc_server_handled_total", {{"grpc_code", "INTERNAL"}}),
              IsOkAndHolds(0));
  EXPECT_THAT(SumSamples(kText, "absent"), IsOkAndHolds(0));
}

TEST(MetricsTextTest, RejectsMalformedLines) {
  EXPECT_THAT(ParseMetricsText("name{a=\"x} 1\n"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseMetricsText("name notanumber\n"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseMetricsText("{a=\"x\"} 1\n"), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace cs::common::testing

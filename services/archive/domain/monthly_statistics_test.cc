// V5: classified monthly statistics with the change against the previous month (the month's form
// and the report's due date are tested with common/time/report_month.h).
#include "services/archive/domain/monthly_statistics.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::archive {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

StatisticsRow Row(TicketKind kind, Channel channel, std::string line, RoutingPath path,
                  int64_t records, int64_t on_time) {
  return {"broadband", kind, channel, std::move(line), path, records, on_time};
}

TEST(MonthlyStatisticsTest, V5_CountsByKindChannelBusinessLineAndRoutingPath) {
  const std::vector<StatisticsRow> march = {
      Row(TicketKind::kComplaint, Channel::kHotline, "broadband", RoutingPath::kDirectReply, 3, 2),
      Row(TicketKind::kConsultation, Channel::kEmail, "broadband", RoutingPath::kDirectReply, 5, 5),
      Row(TicketKind::kComplaint, Channel::kEmail, "idc", RoutingPath::kInternalDispatch, 2, 1)};
  const std::vector<StatisticsRow> february = {
      Row(TicketKind::kComplaint, Channel::kHotline, "broadband", RoutingPath::kDirectReply, 4, 4),
      Row(TicketKind::kFaultReport, Channel::kFax, "", RoutingPath::kReturn, 1, 0)};
  const MonthlyStatistics stats =
      BuildMonthlyStatistics(absl::CivilMonth(2026, 3), "broadband", march, february);
  EXPECT_EQ(stats.month, "2026-03");
  EXPECT_EQ(stats.previous_month, "2026-02");
  EXPECT_EQ(stats.totals.total, 10);
  EXPECT_EQ(stats.totals.complaints, 5);
  EXPECT_EQ(stats.totals.consultations, 5);
  EXPECT_EQ(stats.totals.fault_reports, 0);
  EXPECT_EQ(stats.totals.previous_total, 5);
  EXPECT_EQ(stats.totals.change(), 5);
  EXPECT_DOUBLE_EQ(stats.on_time_rate, 0.8);
  EXPECT_DOUBLE_EQ(stats.previous_on_time_rate, 0.8);
  ASSERT_EQ(stats.by_kind.size(), 3u);  // the fault reports of February still show
  EXPECT_EQ(stats.by_kind[2].first, TicketKind::kFaultReport);
  EXPECT_EQ(stats.by_kind[2].second.total, 0);
  EXPECT_EQ(stats.by_kind[2].second.change(), -1);
  ASSERT_EQ(stats.by_channel.size(), 3u);
  EXPECT_EQ(stats.by_channel[1].first, Channel::kEmail);
  EXPECT_EQ(stats.by_channel[1].second.total, 7);
  EXPECT_EQ(stats.by_channel[1].second.complaints, 2);
  EXPECT_EQ(stats.by_channel[1].second.consultations, 5);
  EXPECT_THAT(stats.by_business_line,
              ElementsAre(Pair("", ::testing::_), Pair("broadband", ::testing::_),
                          Pair("idc", ::testing::_)));
  EXPECT_EQ(stats.by_business_line[1].second.total, 8);
  EXPECT_EQ(stats.by_business_line[1].second.previous_total, 4);
  ASSERT_EQ(stats.by_routing_path.size(), 3u);
  EXPECT_EQ(stats.by_routing_path[0].first, RoutingPath::kDirectReply);
  EXPECT_EQ(stats.by_routing_path[0].second.total, 8);
  EXPECT_EQ(stats.by_routing_path[0].second.on_time, 7);
}

TEST(MonthlyStatisticsTest, V5_AnEmptyMonthHasRateZero) {
  const MonthlyStatistics stats = BuildMonthlyStatistics(absl::CivilMonth(2026, 1), "", {}, {});
  EXPECT_EQ(stats.totals.total, 0);
  EXPECT_DOUBLE_EQ(stats.on_time_rate, 0);
  EXPECT_EQ(stats.previous_month, "2025-12");
}

}  // namespace
}  // namespace cs::archive

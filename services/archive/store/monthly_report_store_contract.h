// The MonthlyReportStore contract (monthly_report_store.h) as a typed test suite: statistics that
// follow the archived records and match a rebuild, and monthly reports submitted, replayed and
// counted as missed once (V5). Instantiated with the other store contracts; see
// archive_store_contract_fixture.h.
#ifndef CS_SERVICES_ARCHIVE_STORE_MONTHLY_REPORT_STORE_CONTRACT_H_
#define CS_SERVICES_ARCHIVE_STORE_MONTHLY_REPORT_STORE_CONTRACT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/archive/store/archive_store_contract_fixture.h"

namespace cs::archive::testing {

template <typename T>
class MonthlyReportStoreContractTest : public ArchiveStoreContract<T> {};

TYPED_TEST_SUITE_P(MonthlyReportStoreContractTest);

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

TYPED_TEST_P(MonthlyReportStoreContractTest, V5_MonthlyCountsMatchARebuild) {
  MonthlyReportStore& store = this->monthly_reports();
  this->Archive(1, "broadband", At(2026, 3, 2));
  this->Archive(2, "broadband", At(2026, 3, 3));
  this->Archive(3, "portal", At(2026, 3, 3));
  this->Archive(4, "portal", At(2026, 4, 3));
  ASSERT_OK_AND_ASSIGN(std::vector<StatisticsRow> march, store.MonthlyCounts("2026-03", ""));
  ASSERT_OK_AND_ASSIGN(std::vector<StatisticsRow> broadband,
                       store.MonthlyCounts("2026-03", "broadband"));
  ASSERT_THAT(broadband, SizeIs(1));
  EXPECT_EQ(broadband[0].records, 2);
  EXPECT_EQ(broadband[0].on_time, 2);
  EXPECT_EQ(broadband[0].business_line, "broadband");
  EXPECT_EQ(broadband[0].routing_path, RoutingPath::kInternalDispatch);
  ASSERT_THAT(store.RebuildMonthlyStatistics(), IsOk());
  ASSERT_OK_AND_ASSIGN(std::vector<StatisticsRow> rebuilt, store.MonthlyCounts("2026-03", ""));
  auto total = [](const std::vector<StatisticsRow>& rows) {
    int64_t n = 0;
    for (const StatisticsRow& row : rows) n += row.records;
    return n;
  };
  EXPECT_EQ(total(march), 3);
  EXPECT_EQ(total(rebuilt), 3);
  EXPECT_EQ(march.size(), rebuilt.size());
  ASSERT_OK_AND_ASSIGN(std::vector<StatisticsRow> may, store.MonthlyCounts("2026-05", ""));
  EXPECT_THAT(may, IsEmpty());
}

TYPED_TEST_P(MonthlyReportStoreContractTest, V5_MonthlyReportsSubmitReplayAndMissOnce) {
  MonthlyReportStore& store = this->monthly_reports();
  const common::Deadline due{At(2026, 4, 8, 17), "cn-2026.1"};
  MonthlyReport report;
  report.unit_id = "broadband";
  report.month = "2026-03";
  report.due = due;
  report.submitted_at = At(2026, 4, 7);
  report.submitted_by = "clerk";
  report.analysis = "分析 analysis";
  report.records = 12;
  ASSERT_OK_AND_ASSIGN(SubmitOutcome first, store.SubmitMonthlyReport(report, {"r1", "f"}));
  EXPECT_FALSE(first.replayed);
  EXPECT_TRUE(first.report.on_time());
  ASSERT_OK_AND_ASSIGN(SubmitOutcome replay, store.SubmitMonthlyReport(report, {"r1", "f"}));
  EXPECT_TRUE(replay.replayed);
  EXPECT_EQ(replay.report.records, 12);
  EXPECT_THAT(store.SubmitMonthlyReport(report, {"r2", "g"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("already submitted")));
  ASSERT_OK_AND_ASSIGN(
      std::vector<std::string> missed,
      store.ClaimMissedMonthlyReports("2026-03", {"broadband", "portal", "idc"}, due));
  EXPECT_THAT(missed, ElementsAre("portal", "idc"));
  ASSERT_OK_AND_ASSIGN(
      missed, store.ClaimMissedMonthlyReports("2026-03", {"broadband", "portal", "idc"}, due));
  EXPECT_THAT(missed, IsEmpty());
  report.unit_id = "portal";
  report.submitted_at = At(2026, 4, 10);
  ASSERT_OK_AND_ASSIGN(SubmitOutcome late, store.SubmitMonthlyReport(report, {"r3", "h"}));
  EXPECT_TRUE(late.report.miss_counted);
  EXPECT_FALSE(late.report.on_time());
  ASSERT_OK_AND_ASSIGN(std::vector<MonthlyReport> listed, store.ListMonthlyReports("2026-03"));
  ASSERT_THAT(listed, SizeIs(3));
  EXPECT_EQ(listed[0].unit_id, "broadband");
  EXPECT_EQ(listed[0].analysis, "分析 analysis");
  EXPECT_EQ(listed[0].due, due);
  EXPECT_EQ(listed[1].unit_id, "idc");
  EXPECT_FALSE(listed[1].submitted());
  EXPECT_TRUE(listed[1].miss_counted);
  EXPECT_EQ(listed[2].unit_id, "portal");
  EXPECT_TRUE(listed[2].submitted());
}

REGISTER_TYPED_TEST_SUITE_P(MonthlyReportStoreContractTest, V5_MonthlyCountsMatchARebuild,
                            V5_MonthlyReportsSubmitReplayAndMissOnce);

}  // namespace cs::archive::testing

#endif  // CS_SERVICES_ARCHIVE_STORE_MONTHLY_REPORT_STORE_CONTRACT_H_

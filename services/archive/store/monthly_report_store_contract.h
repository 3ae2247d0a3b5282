// The MonthlyReportStore contract (monthly_report_store.h) as a typed test suite: statistics that
// follow the archived records and match a rebuild, and monthly reports submitted, replayed and
// counted as missed once (V5). Instantiated with the other store contracts; see
// archive_store_contract_fixture.h.
#ifndef CS_SERVICES_ARCHIVE_STORE_MONTHLY_REPORT_STORE_CONTRACT_H_
#define CS_SERVICES_ARCHIVE_STORE_MONTHLY_REPORT_STORE_CONTRACT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
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

// A1 7.4.2: the records of a unit closed in a month (bounds in Shanghai, end exclusive; a new
// version counts the record once, at its first archiving), their archive lag, and the gaps in each
// serial month they touch — over every record of that serial month, whenever it closed, and of
// that unit only.
TYPED_TEST_P(MonthlyReportStoreContractTest,
             V1_ArchiveCompletenessCountsTheMonthsClosedTicketsAndNamesSerialGaps) {
  auto archive = [&](int64_t ticket_id, const std::string& unit, const std::string& serial_month,
                     int64_t serial, absl::Time closed, absl::Duration lag,
                     const std::string& document = "") {
    VersionDraft draft =
        Draft(ticket_id, document.empty() ? absl::StrCat("doc-", ticket_id) : document, unit);
    draft.summary.serial_month = serial_month;
    draft.summary.month_serial = serial;
    draft.summary.closed_at = closed;
    draft.summary.closed_month = absl::FormatTime("%Y-%m", closed, Shanghai());
    auto outcome = this->records().Archive(absl::StrCat("m-", ticket_id, document), "intake", draft,
                                           TwoYears(closed), closed + lag);
    EXPECT_THAT(outcome.status(), IsOk());
  };
  const absl::Time march = absl::FromCivil(absl::CivilSecond(2026, 3, 1, 0, 0, 0), Shanghai());
  const absl::Time april = absl::FromCivil(absl::CivilSecond(2026, 4, 1, 0, 0, 0), Shanghai());
  // Serial month 2026-03 holds 1, 2, 4 (closed in March) and 7 (closed on the first instant of
  // April): 3, 5 and 6 are missing.
  archive(1, "broadband", "2026-03", 1, march, absl::Hours(1));
  archive(2, "broadband", "2026-03", 2, At(2026, 3, 10), absl::Hours(2));
  archive(4, "broadband", "2026-03", 4, april - absl::Seconds(1), absl::Hours(4));
  archive(7, "broadband", "2026-03", 7, april, absl::Hours(30));
  // Serial month 2026-02 holds 8 (closed in February) and 9 (closed in March): 1–7 are missing.
  archive(18, "broadband", "2026-02", 8, At(2026, 2, 20), absl::Hours(50));
  archive(19, "broadband", "2026-02", 9, At(2026, 3, 2), absl::Hours(10));
  // Another unit's serial 3 fills no gap of broadband's.
  archive(33, "portal", "2026-03", 3, At(2026, 3, 5), absl::Hours(99));
  // A second version of ticket 2, archived much later: still one record, its first lag.
  archive(2, "broadband", "2026-03", 2, At(2026, 3, 10), absl::Hours(500), "doc-2-v2");

  ASSERT_OK_AND_ASSIGN(CompletenessCounts counts,
                       this->monthly_reports().CountCompleteness("broadband", march, april, 5));
  EXPECT_EQ(counts.archived, 4);
  EXPECT_EQ(counts.max_lag, absl::Hours(10));
  EXPECT_EQ(counts.median_lag, absl::Hours(3));  // of 1, 2, 4, 10 hours
  ASSERT_THAT(counts.serial_months, SizeIs(2));
  const SerialMonthGaps& february = counts.serial_months[0];
  EXPECT_EQ(february.serial_month, "2026-02");
  EXPECT_EQ(february.archived_serials, 2);
  EXPECT_EQ(february.highest_archived_serial, 9);
  EXPECT_EQ(february.missing_count, 7);
  EXPECT_THAT(february.missing_serials, ElementsAre(1, 2, 3, 4, 5));
  EXPECT_TRUE(february.missing_truncated());
  const SerialMonthGaps& of_march = counts.serial_months[1];
  EXPECT_EQ(of_march.serial_month, "2026-03");
  EXPECT_EQ(of_march.archived_serials, 4);
  EXPECT_EQ(of_march.highest_archived_serial, 7);
  EXPECT_EQ(of_march.missing_count, 3);
  EXPECT_THAT(of_march.missing_serials, ElementsAre(3, 5, 6));
  EXPECT_FALSE(of_march.missing_truncated());

  // An odd count: the middle lag. April holds only serial 7.
  ASSERT_OK_AND_ASSIGN(
      CompletenessCounts of_april,
      this->monthly_reports().CountCompleteness(
          "broadband", april, absl::FromCivil(absl::CivilSecond(2026, 5, 1, 0, 0, 0), Shanghai()),
          100));
  EXPECT_EQ(of_april.archived, 1);
  EXPECT_EQ(of_april.median_lag, absl::Hours(30));
  ASSERT_THAT(of_april.serial_months, SizeIs(1));
  EXPECT_THAT(of_april.serial_months[0].missing_serials, ElementsAre(3, 5, 6));

  // Nothing closed: nothing counted, no serial month, no lag.
  ASSERT_OK_AND_ASSIGN(CompletenessCounts none,
                       this->monthly_reports().CountCompleteness("idc", march, april, 100));
  EXPECT_EQ(none, CompletenessCounts{});
}

REGISTER_TYPED_TEST_SUITE_P(MonthlyReportStoreContractTest, V5_MonthlyCountsMatchARebuild,
                            V5_MonthlyReportsSubmitReplayAndMissOnce,
                            V1_ArchiveCompletenessCountsTheMonthsClosedTicketsAndNamesSerialGaps);

}  // namespace cs::archive::testing

#endif  // CS_SERVICES_ARCHIVE_STORE_MONTHLY_REPORT_STORE_CONTRACT_H_

// C7 (A3 7.5.2, 7.7.1): a channel's month, its on-time submission, and the unit's month for
// assessment.
#include "services/channel-registry/domain/monthly_report.h"

#include <vector>

#include "common/status/error_reason.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/channel-registry/domain/channel_lifecycle.h"

namespace cs::channel {
namespace {

using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

FilingForm Form(std::string unit, std::string service_time) {
  FilingForm form;
  form.unit_id = std::move(unit);
  form.implementation = "Webmaster 信箱";
  form.kind = ChannelKind::kEmail;
  form.purposes = {ChannelPurpose::kComplaint, ChannelPurpose::kOrdering};
  form.business_scope = "宽带";
  form.address = "webmaster@sh.example.cn";
  form.capacity = "1000 封";
  form.service_time = std::move(service_time);
  form.staffing = Staffing::kDedicated;
  form.assigned_staff = {"张三"};
  form.contact = {"王五", "021-58881234", ""};
  form.foreign_use_heavy = true;
  form.languages = {"zh"};
  return form;
}

Check CheckAt(absl::Time at, int complaints) {
  Check check;
  check.channel_id = 5;
  check.checked_at = at;
  check.checked_by = "张三";
  check.new_complaints = complaints;
  return check;
}

Fault FaultOf(absl::Time opened, absl::Time due, absl::optional<absl::Time> repaired) {
  Fault fault;
  fault.channel_id = 5;
  fault.opened_at = opened;
  fault.repair_due = due;
  fault.repaired_at = repaired;
  return fault;
}

class MonthlyReportTest : public ::testing::Test {
 protected:
  OnlineChannel File(std::string unit, absl::Time at, int64_t id) {
    absl::StatusOr<OnlineChannel> channel =
        NewChannel(Form(std::move(unit), "7*24小时每天2次"), "unit-staff", at, calendar_);
    EXPECT_TRUE(channel.ok()) << channel.status();
    OnlineChannel value = channel.value_or(OnlineChannel{});
    value.id = id;
    return value;
  }

  // Filed 2026-04-01 00:00, 7×24 twice a day; checked 04-01 12:00 and 04-02 00:00 only.
  ChannelRecords April() {
    ChannelRecords records;
    records.channel = File("broadband", ShanghaiTime(2026, 4, 1, 0, 0), 5);
    records.checks = {CheckAt(ShanghaiTime(2026, 4, 1, 12, 0), 2),
                      CheckAt(ShanghaiTime(2026, 4, 2, 0, 0), 3),
                      CheckAt(ShanghaiTime(2026, 5, 2, 0, 0), 7)};
    records.faults = {
        // Opened in March, repaired in April 48 h after its due: late.
        FaultOf(ShanghaiTime(2026, 3, 30, 10, 0), ShanghaiTime(2026, 3, 31, 10, 0),
                ShanghaiTime(2026, 4, 2, 10, 0)),
        // Opened and repaired in April within 6 h.
        FaultOf(ShanghaiTime(2026, 4, 10, 10, 0), ShanghaiTime(2026, 4, 11, 10, 0),
                ShanghaiTime(2026, 4, 10, 16, 0)),
        // Opened in April, still open.
        FaultOf(ShanghaiTime(2026, 4, 29, 10, 0), ShanghaiTime(2026, 4, 30, 10, 0), absl::nullopt),
    };
    records.samples = {{5, ShanghaiTime(2026, 3, 31, 0, 0), 900, 1000},
                       {5, ShanghaiTime(2026, 4, 5, 0, 0), 100, 1000},
                       {5, ShanghaiTime(2026, 4, 20, 0, 0), 850, 1000},
                       {5, ShanghaiTime(2026, 5, 1, 0, 0), 900, 1000}};
    return records;
  }

  const common::WorkingCalendar calendar_ = common::testing::Cn2026Calendar();
  // April 2026's report is due at close of business of May's 5th working day: 05-06, 05-07,
  // 05-08, make-up Saturday 05-09, 05-11.
  const absl::Time april_due_ = ShanghaiTime(2026, 5, 11, 17, 30);
};

TEST_F(MonthlyReportTest, C7_TheMonthOfAChannel) {
  absl::StatusOr<ChannelMonthlyReport> report =
      BuildMonthlyReport(April(), "2026-04", 5, {}, ShanghaiTime(2026, 5, 10, 9, 0), calendar_);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->channel_id, 5);
  EXPECT_EQ(report->unit_id, "broadband");
  EXPECT_EQ(report->month, "2026-04");
  EXPECT_EQ(report->complaints_received, 5);
  EXPECT_EQ(report->checks_made, 2);
  // Due every 12 h after 04-02 00:00 and never checked: 04-02 12:00 … 04-30 12:00 is 57 misses.
  EXPECT_EQ(report->checks_missed, 57);
  EXPECT_EQ(report->faults_opened, 2);
  EXPECT_EQ(report->faults_repaired, 2);
  EXPECT_EQ(report->faults_repaired_in_time, 1);
  EXPECT_DOUBLE_EQ(report->mean_repair_hours, 39);
  EXPECT_DOUBLE_EQ(report->longest_repair_hours, 72);
  // Only the 04-20 sample (85 %) warned in April.
  EXPECT_EQ(report->capacity_warnings, 1);
  EXPECT_TRUE(report->english_advised);
  EXPECT_EQ(report->missing_items.size(), 8u);
  EXPECT_TRUE(report->service_standards_missing);
  EXPECT_EQ(report->due.at, april_due_);
  EXPECT_EQ(report->due.calendar_version, "cn-2026.1");
  EXPECT_FALSE(report->late);
  EXPECT_FALSE(report->submission.has_value());
}

TEST_F(MonthlyReportTest, C7_NotSubmittedByTheDueWorkingDayIsLate) {
  EXPECT_FALSE(BuildMonthlyReport(April(), "2026-04", 5, {}, april_due_, calendar_)->late);
  EXPECT_TRUE(
      BuildMonthlyReport(April(), "2026-04", 5, {}, april_due_ + absl::Seconds(1), calendar_)
          ->late);
}

TEST_F(MonthlyReportTest, C7_ASubmissionAfterTheDueInstantIsLate) {
  ChannelRecords records = April();
  absl::StatusOr<ReportSubmission> on_time =
      SubmitMonthlyReport(records.channel, "2026-04", "unit-staff", april_due_,
                          {april_due_, "cn-2026.1"}, calendar_.time_zone());
  ASSERT_TRUE(on_time.ok()) << on_time.status();
  EXPECT_FALSE(on_time->late);
  absl::StatusOr<ReportSubmission> late =
      SubmitMonthlyReport(records.channel, "2026-04", "unit-staff", april_due_ + absl::Seconds(1),
                          {april_due_, "cn-2026.1"}, calendar_.time_zone());
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(late->late);
  records.submission = *late;
  const absl::StatusOr<ChannelMonthlyReport> report =
      BuildMonthlyReport(records, "2026-04", 5, {}, ShanghaiTime(2026, 6, 1, 0, 0), calendar_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->late);
  ASSERT_TRUE(report->submission.has_value());
  EXPECT_EQ(report->submission->submitted_by, "unit-staff");
}

TEST_F(MonthlyReportTest, C7_OnlyAFinishedMonthCanBeSubmitted) {
  const OnlineChannel channel = April().channel;
  const absl::Status running =
      SubmitMonthlyReport(channel, "2026-04", "u", ShanghaiTime(2026, 4, 30, 23, 59),
                          {april_due_, "cn-2026.1"}, calendar_.time_zone())
          .status();
  EXPECT_THAT(running, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not over")));
  EXPECT_EQ(common::ReasonOf(running), common::reason::kStateForbidsChange);
  EXPECT_THAT(SubmitMonthlyReport(channel, "2026-03", "u", ShanghaiTime(2026, 5, 1, 0, 0),
                                  {april_due_, "cn-2026.1"}, calendar_.time_zone()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not filed")));
  EXPECT_THAT(SubmitMonthlyReport(channel, "2026-4", "u", ShanghaiTime(2026, 5, 1, 0, 0),
                                  {april_due_, "cn-2026.1"}, calendar_.time_zone()),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(BuildMonthlyReport(April(), "April", 5, {}, april_due_, calendar_),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(BuildMonthlyReport(April(), "2026-04", 0, {}, april_due_, calendar_),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(MonthlyReportTest, C7_ARetiredChannelMissesNoChecksAfterItsRetirement) {
  ChannelRecords records = April();
  ASSERT_TRUE(RetireChannel(records.channel, "停用", "u", ShanghaiTime(2026, 4, 3, 6, 0)).ok());
  const absl::StatusOr<ChannelMonthlyReport> report =
      BuildMonthlyReport(records, "2026-04", 5, {}, ShanghaiTime(2026, 5, 10, 0, 0), calendar_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->checks_missed, 2);  // 04-02 12:00 and 04-03 00:00
}

TEST_F(MonthlyReportTest, C7_TheUnitsMonthForAssessment) {
  std::vector<ChannelRecords> records;
  // A: acknowledged in April, its report on time.
  ChannelRecords a = April();
  ASSERT_TRUE(AcknowledgeFiling(a.channel, "cs", ShanghaiTime(2026, 4, 2, 9, 0)).ok());
  a.submission = ReportSubmission{5, "2026-04", ShanghaiTime(2026, 5, 8, 9, 0), "u", false};
  records.push_back(a);
  // B: acknowledged, then found inaccurate in April; no report.
  ChannelRecords b;
  b.channel = File("broadband", ShanghaiTime(2026, 4, 1, 0, 0), 6);
  ASSERT_TRUE(AcknowledgeFiling(b.channel, "cs", ShanghaiTime(2026, 4, 2, 9, 0)).ok());
  ASSERT_TRUE(
      MarkFilingInaccurate(b.channel, "地址错误", "cs", ShanghaiTime(2026, 4, 15, 9, 0)).ok());
  records.push_back(b);
  // C: filed in May; D: retired in March; E: another unit's.
  ChannelRecords c;
  c.channel = File("broadband", ShanghaiTime(2026, 5, 3, 0, 0), 7);
  records.push_back(c);
  ChannelRecords d;
  d.channel = File("broadband", ShanghaiTime(2026, 3, 1, 0, 0), 8);
  ASSERT_TRUE(RetireChannel(d.channel, "停用", "u", ShanghaiTime(2026, 3, 20, 0, 0)).ok());
  records.push_back(d);
  ChannelRecords e;
  e.channel = File("mobile", ShanghaiTime(2026, 4, 1, 0, 0), 9);
  ASSERT_TRUE(AcknowledgeFiling(e.channel, "cs", ShanghaiTime(2026, 4, 2, 9, 0)).ok());
  records.push_back(e);

  const auto unfiled = [](std::string unit, absl::Time reported, absl::optional<absl::Time> filed) {
    UnfiledChannel report;
    report.unit_id = std::move(unit);
    report.reported_at = reported;
    report.filed_at = filed;
    return report;
  };
  const std::vector<UnfiledChannel> reports = {
      unfiled("broadband", ShanghaiTime(2026, 3, 1, 0, 0), ShanghaiTime(2026, 4, 10, 0, 0)),
      unfiled("broadband", ShanghaiTime(2026, 3, 1, 0, 0), ShanghaiTime(2026, 3, 20, 0, 0)),
      unfiled("broadband", ShanghaiTime(2026, 5, 2, 0, 0), absl::nullopt),
      unfiled("mobile", ShanghaiTime(2026, 4, 2, 0, 0), absl::nullopt),
  };
  absl::StatusOr<MonthlyStatistics> stats = BuildMonthlyStatistics(
      "broadband", "2026-04", records, reports, 5, ShanghaiTime(2026, 5, 20, 0, 0), calendar_);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->unit_id, "broadband");
  EXPECT_EQ(stats->month, "2026-04");
  EXPECT_EQ(stats->channels_in_use, 2);
  EXPECT_EQ(stats->filings_complete_and_accurate, 1);
  EXPECT_EQ(stats->inaccurate_findings, 1);
  EXPECT_EQ(stats->unfiled_channels, 1);
  ASSERT_EQ(stats->channels.size(), 2u);
  EXPECT_EQ(stats->channels[0].channel_id, 5);
  EXPECT_EQ(stats->channels[0].kind, ChannelKind::kEmail);
  EXPECT_EQ(stats->channels[0].address, "webmaster@sh.example.cn");
  EXPECT_EQ(stats->channels[0].checks_made, 2);
  EXPECT_EQ(stats->channels[0].checks_missed, 57);
  EXPECT_EQ(stats->channels[0].faults_repaired, 2);
  EXPECT_EQ(stats->channels[0].faults_repaired_in_time, 1);
  // The fault due 04-30 and still open; the one repaired late in April was due in March.
  EXPECT_EQ(stats->channels[0].faults_overdue, 1);
  EXPECT_TRUE(stats->channels[0].report_submitted_on_time);
  EXPECT_FALSE(stats->channels[0].report_overdue);
  EXPECT_EQ(stats->channels[1].channel_id, 6);
  EXPECT_FALSE(stats->channels[1].report_submitted_on_time);
  EXPECT_TRUE(stats->channels[1].report_overdue);
  // Before the due time the missing report is not overdue: not due yet.
  stats =
      BuildMonthlyStatistics("broadband", "2026-04", records, reports, 5, april_due_, calendar_);
  ASSERT_TRUE(stats.ok());
  EXPECT_FALSE(stats->channels[1].report_submitted_on_time);
  EXPECT_FALSE(stats->channels[1].report_overdue);
  // A late submission is not on time, and overdue.
  records[0].submission->submitted_at = april_due_ + absl::Minutes(1);
  stats = BuildMonthlyStatistics("broadband", "2026-04", records, reports, 5,
                                 ShanghaiTime(2026, 5, 20, 0, 0), calendar_);
  ASSERT_TRUE(stats.ok());
  EXPECT_FALSE(stats->channels[0].report_submitted_on_time);
  EXPECT_TRUE(stats->channels[0].report_overdue);
}

// A3 7.1: a fault repaired in time counts in the month of its repair, one not repaired in time in
// the month of its repair due time — whether repaired late in that month, later, or never — and
// never again in the month of its late repair.
TEST_F(MonthlyReportTest, C2_AFaultNotRepairedInTimeCountsOnceInTheMonthOfItsDueTime) {
  ChannelRecords records;
  records.channel = File("broadband", ShanghaiTime(2026, 3, 1, 0, 0), 5);
  records.faults = {
      // Due in March, repaired in April.
      FaultOf(ShanghaiTime(2026, 3, 30, 10, 0), ShanghaiTime(2026, 3, 31, 10, 0),
              ShanghaiTime(2026, 4, 2, 10, 0)),
      // Opened in March, due in April, still open.
      FaultOf(ShanghaiTime(2026, 3, 31, 20, 0), ShanghaiTime(2026, 4, 1, 20, 0), absl::nullopt),
      // In time in April.
      FaultOf(ShanghaiTime(2026, 4, 10, 10, 0), ShanghaiTime(2026, 4, 11, 10, 0),
              ShanghaiTime(2026, 4, 10, 16, 0)),
      // Due and repaired late in April.
      FaultOf(ShanghaiTime(2026, 4, 29, 10, 0), ShanghaiTime(2026, 4, 30, 10, 0),
              ShanghaiTime(2026, 4, 30, 12, 0)),
      // Opened in April, due and repaired in time in May.
      FaultOf(ShanghaiTime(2026, 4, 30, 20, 0), ShanghaiTime(2026, 5, 1, 20, 0),
              ShanghaiTime(2026, 5, 1, 19, 0)),
  };
  const absl::Time later = ShanghaiTime(2026, 6, 20, 0, 0);
  const auto month_of = [&](absl::string_view month, absl::Time now) {
    absl::StatusOr<MonthlyStatistics> stats =
        BuildMonthlyStatistics("broadband", month, {records}, {}, 5, now, calendar_);
    EXPECT_TRUE(stats.ok()) << stats.status();
    EXPECT_EQ(stats.value_or(MonthlyStatistics{}).channels.size(), 1u);
    return stats.value_or(MonthlyStatistics{}).channels.at(0);
  };
  const ChannelMonth march = month_of("2026-03", later);
  EXPECT_EQ(march.faults_repaired, 0);
  EXPECT_EQ(march.faults_repaired_in_time, 0);
  EXPECT_EQ(march.faults_overdue, 1);
  const ChannelMonth april = month_of("2026-04", later);
  EXPECT_EQ(april.faults_repaired, 3);  // the March fault's late repair too: no denominator
  EXPECT_EQ(april.faults_repaired_in_time, 1);
  EXPECT_EQ(april.faults_overdue, 2);
  const ChannelMonth may = month_of("2026-05", later);
  EXPECT_EQ(may.faults_repaired_in_time, 1);
  EXPECT_EQ(may.faults_overdue, 0);

  // In a running month a fault open within its limit is not judged yet.
  records.faults = {records.faults[1]};
  EXPECT_EQ(month_of("2026-04", ShanghaiTime(2026, 4, 1, 20, 0)).faults_overdue, 0);
  EXPECT_EQ(month_of("2026-04", ShanghaiTime(2026, 4, 1, 20, 1)).faults_overdue, 1);
}

}  // namespace
}  // namespace cs::channel

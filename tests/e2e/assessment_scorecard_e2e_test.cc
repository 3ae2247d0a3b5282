// Issue 15 end to end: the assessment service's monthly scorecard (SPEC S5; M 7.17) gathered over
// gRPC from the five other real binaries, with data seeded only through each service's own public
// RPCs on injected clocks, equals the scorecard computed by hand here from the indicator file's
// weights and targets; with the hotline registry stopped the scorecard is incomplete and names the
// hotline indicators, never a silent zero, and a recomputation completes it once the registry is
// back.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/grpc/client_auth.h"
#include "common/testclock/test_clock_client.h"
#include "common/testing/status_matchers.h"
#include "common/testing/wait_for.h"
#include "common/time/calendar_testing.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/assessment/v1/assessment.grpc.pb.h"
#include "cs/hotline/v1/hotline.grpc.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/call_expecting_ok.h"
#include "tests/e2e/hotline_as_unit.h"
#include "tests/e2e/intake_as_staff.h"
#include "tests/e2e/running_suite.h"
#include "tests/e2e/scorecard_indicator.h"
#include "tests/e2e/suite_clock.h"

namespace cs::e2e {
namespace {

using ::cs::assessment::v1::AssessmentService;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::WaitFor;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

constexpr absl::string_view kOfficeToken = "dev-office-f17b0ae598306574cd1d23f8";

class AssessmentScorecardE2eTest : public SharedSuiteTest<AssessmentScorecardE2eTest> {
 public:
  static SuiteOptions Options() {
    SuiteOptions options;
    options.test_clock = true;
    // The sweep must not compute the scorecards before the test does: it runs rarely here.
    options.extra_flags["assessment"] = {"--sweep_interval=1h", "--peer_deadline=3s"};
    return options;
  }

 protected:
  static std::unique_ptr<AssessmentService::Stub> Assessment() {
    return AssessmentService::NewStub(suite().service("assessment").channel);
  }

  // A broadband hotline registered and approved at the clock's time (14 October 2026), `answered`
  // of `offered` calls of that morning streamed in on 2 November with its October operating report,
  // on time.
  static void SeedHotline(int offered, int answered) {
    using cs::hotline::v1::HotlineRegistryService;
    auto hotline = HotlineRegistryService::NewStub(suite().service("hotline-registry").channel);
    common::TestClockClient clock(suite().service("hotline-registry").channel,
                                  std::string(kCsCenterToken));
    absl::StatusOr<cs::hotline::v1::Hotline> filed = RegisterApprovedHotline(
        *hotline, BroadbandHotlineForm("021-5888 4321", ShanghaiTime(2020, 1, 6, 0, 0)),
        "score-hotline");
    ASSERT_OK(filed.status());

    // The month's calls reach the registry afterwards, on 2 November, with the report.
    ASSERT_OK(clock.SetTime(ShanghaiTime(2026, 11, 2, 10, 0)).status());
    absl::StatusOr<cs::hotline::v1::IngestCallRecordsResponse> ingested = StreamCallRecords(
        *hotline, CallRecords(filed->hotline_id(), "score-oct-", ShanghaiTime(2026, 10, 14, 10, 10),
                              absl::Minutes(1), offered, answered));
    ASSERT_OK(ingested.status());
    ASSERT_EQ(ingested->stored(), offered);

    cs::hotline::v1::SubmitOperatingReportRequest submit;
    submit.set_request_id("score-hotline-report");
    submit.set_hotline_id(filed->hotline_id());
    submit.set_month("2026-10");
    EXPECT_TRUE(CallExpectingOk(*hotline, &HotlineRegistryService::Stub::SubmitOperatingReport,
                                kBroadbandStaffToken, submit)
                    .submitted_on_time());
  }

  // One broadband ticket recorded and forwarded on 14 October 2026 at 10:00; routing confirms its
  // receipt at once (within the working hour).
  static void SeedForwardedTicket() {
    IntakeAsStaff intake(suite().service("intake").channel);
    const cs::intake::v1::Ticket created = intake.CreateAndForward("score-ticket");
    ASSERT_GT(created.ticket_id(), 0);
    cs::intake::v1::Ticket ticket;
    ASSERT_OK(WaitFor("the forward to be confirmed", [&] {
      ticket = intake.Get(created.ticket_id());
      return ticket.forward().has_confirmed_at();
    }));
  }

  // The broadband unit's October report to the archive, submitted on 2 November (on time).
  static void SeedArchiveReport() {
    auto archive = cs::archive::v1::ArchiveService::NewStub(suite().service("archive").channel);
    cs::archive::v1::SubmitMonthlyReportRequest submit;
    submit.set_request_id("score-archive-report");
    submit.set_unit_id("broadband");
    submit.set_month("2026-10");
    submit.set_analysis("十月投诉以宽带断线为主，已安排线路整治。");
    CallExpectingOk(*archive, &cs::archive::v1::ArchiveService::Stub::SubmitMonthlyReport,
                    kBroadbandManagerToken, submit);
  }

  // The assessment's own records of October: a rectification notice received on Monday 12
  // October and never answered (due after 5 working days: Monday 19 October), maintenance filed
  // on Wednesday 14 October 10:00 for work starting Thursday 10:00 (24 hours' notice: late), and a
  // phone survey scoring 4.3 of 5.
  static void SeedOwnRecords() {
    auto assessment = Assessment();
    cs::assessment::v1::IssueRectificationNoticeRequest issue;
    issue.set_request_id("score-notice");
    issue.set_unit_id("broadband");
    issue.set_finding("热线接通率连续两周低于 80%");
    issue.set_clause("A2 7.5");
    issue.set_evidence("话务统计 2026-10-01 至 2026-10-11");
    const cs::assessment::v1::RectificationNotice notice = CallExpectingOk(
        *assessment, &AssessmentService::Stub::IssueRectificationNotice, kCsCenterToken, issue);
    ASSERT_FALSE(notice.notice_id().empty());
    cs::assessment::v1::AcknowledgeNoticeRequest acknowledge;
    acknowledge.set_request_id("score-notice-ack");
    acknowledge.set_notice_id(notice.notice_id());
    const cs::assessment::v1::RectificationNotice received =
        CallExpectingOk(*assessment, &AssessmentService::Stub::AcknowledgeNotice,
                        kBroadbandStaffToken, acknowledge);
    ASSERT_EQ(received.state(), cs::assessment::v1::NOTICE_STATE_RECEIVED);
  }

  static void SeedLateMaintenanceAndSurvey() {
    auto assessment = Assessment();
    cs::assessment::v1::FileMaintenanceNoticeRequest file;
    file.set_request_id("score-maintenance");
    cs::assessment::v1::MaintenanceNotice& work = *file.mutable_notice();
    work.set_unit_id("broadband");
    work.set_kind(cs::assessment::v1::WORK_KIND_CUT_OVER);
    work.set_description("汇聚交换机割接");
    *work.mutable_starts_at() = common::ToProtoTimestamp(ShanghaiTime(2026, 10, 15, 10, 0));
    *work.mutable_ends_at() = common::ToProtoTimestamp(ShanghaiTime(2026, 10, 15, 12, 0));
    work.set_affected_users("浦东 3 个小区宽带用户");
    work.set_affected_user_count(1200);
    work.add_windows_told("10000");
    *work.mutable_users_notified_at() = common::ToProtoTimestamp(ShanghaiTime(2026, 10, 14, 10, 0));
    const cs::assessment::v1::MaintenanceNotice filed = CallExpectingOk(
        *assessment, &AssessmentService::Stub::FileMaintenanceNotice, kBroadbandStaffToken, file);
    EXPECT_TRUE(filed.late()) << filed.DebugString();

    cs::assessment::v1::RecordSurveyRequest survey;
    survey.set_request_id("score-survey");
    cs::assessment::v1::Survey& summary = *survey.mutable_survey();
    summary.set_unit_id("broadband");
    summary.set_method(cs::assessment::v1::SURVEY_METHOD_PHONE);
    *summary.mutable_period()->mutable_start() =
        common::ToProtoTimestamp(ShanghaiTime(2026, 10, 1, 0, 0));
    *summary.mutable_period()->mutable_end() =
        common::ToProtoTimestamp(ShanghaiTime(2026, 10, 14, 0, 0));
    summary.set_sample_size(200);
    summary.set_score(4.3);
    summary.set_scale(5);
    CallExpectingOk(*assessment, &AssessmentService::Stub::RecordSurvey, kBroadbandStaffToken,
                    survey);
  }

  static cs::assessment::v1::Scorecard Compute(const std::string& request_id,
                                               const std::string& unit_id) {
    auto assessment = Assessment();
    cs::assessment::v1::ComputeScorecardRequest compute;
    compute.set_request_id(request_id);
    compute.set_unit_id(unit_id);
    compute.set_month("2026-10");
    return CallExpectingOk(*assessment, &AssessmentService::Stub::ComputeScorecard, kCsCenterToken,
                           compute);
  }
};

// SPEC S5: seeded through intake, routing (its automatic receipt), archive, hotline-registry and
// the assessment's own RPCs only; then scored once the month's last report is due.
TEST_F(AssessmentScorecardE2eTest, S5_ScorecardFromEveryServiceEqualsTheHandComputation) {
  // October 2026, a working Monday and the Wednesday after.
  ASSERT_OK(SetEveryClock(suite(), ShanghaiTime(2026, 10, 12, 10, 0)));
  ASSERT_NO_FATAL_FAILURE(SeedOwnRecords());
  ASSERT_OK(SetEveryClock(suite(), ShanghaiTime(2026, 10, 14, 10, 0)));
  ASSERT_NO_FATAL_FAILURE(SeedForwardedTicket());
  ASSERT_NO_FATAL_FAILURE(SeedLateMaintenanceAndSurvey());
  ASSERT_NO_FATAL_FAILURE(SeedHotline(/*offered=*/10, /*answered=*/7));
  ASSERT_OK(SetEveryClock(suite(), ShanghaiTime(2026, 11, 2, 10, 0)));
  ASSERT_NO_FATAL_FAILURE(SeedArchiveReport());

  // October's last report is due at the end of November's 5th working day (Friday 6 November):
  // asked on the Friday, the scorecard is refused naming the month.
  ASSERT_OK(SetEveryClock(suite(), ShanghaiTime(2026, 11, 6, 10, 0)));
  {
    auto assessment = Assessment();
    cs::assessment::v1::ComputeScorecardRequest early;
    early.set_request_id("score-too-early");
    early.set_unit_id("broadband");
    early.set_month("2026-10");
    cs::assessment::v1::Scorecard refused;
    const grpc::Status status = CallAs(*assessment, &AssessmentService::Stub::ComputeScorecard,
                                       kCsCenterToken, early, &refused);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_THAT(status.error_message(), ::testing::HasSubstr("month"));
  }

  ASSERT_OK(SetEveryClock(suite(), ShanghaiTime(2026, 11, 9, 10, 0)));
  const cs::assessment::v1::Scorecard scorecard = Compute("score-broadband", "broadband");
  ASSERT_TRUE(scorecard.complete()) << scorecard.DebugString();

  // By hand, from deploy/config/assessment_indicators.textproto (set "monthly"):
  //   forwarding_on_time      1 of 1 confirmed in the working hour, target 100%  -> 10
  //   dispatch_on_time        nothing dispatched (0 of 0)                        -> 10
  //   archive_report_on_time  October's report by the 5th working day            ->  6
  //   archive_completeness    no ticket closed in October (0 of 0)               ->  8
  //   hotline_connection_rate 7 of 10 = 70%, target 80%: 8 × 70 / 80            ->  7
  //   hotline_phrase_use      no call scored (0 of 0)                            ->  6
  //   hotline_report_on_time  October's report submitted on 2 November           ->  4
  //   channel_*               no channel (0 of 0 each)                           -> 6+4+4+4
  //   rectification_on_time   1 missed reply deadline, 25% each: 8 × 0.75        ->  6
  //   maintenance_notice      1 late filing, 25% each: 5 × 0.75                  ->  3.75
  //   launch_reviewed         no finding                                         ->  4
  //   satisfaction            4.3 of 5 = 86%, target 90%: 6 × 86 / 90 = 5.733…  ->  5.73
  //   special_tasks_on_time   nothing to count                                   ->  4
  //   partner_findings        no finding                                         ->  3
  // Total 95.48.
  struct Expected {
    const char* id;
    double points;
  };
  const Expected expected[] = {
      {"forwarding_on_time", 10},
      {"dispatch_on_time", 10},
      {"archive_report_on_time", 6},
      {"archive_completeness", 8},
      {"hotline_connection_rate", 7},
      {"hotline_phrase_use", 6},
      {"hotline_report_on_time", 4},
      {"channel_filings_accurate", 6},
      {"channel_checks_on_schedule", 4},
      {"channel_faults_repaired_in_time", 4},
      {"channel_report_on_time", 4},
      {"rectification_on_time", 6},
      {"maintenance_notice_on_time", 3.75},
      {"launch_reviewed", 4},
      {"satisfaction", 5.73},
      {"special_tasks_on_time", 4},
      {"partner_findings", 3},
  };
  ASSERT_EQ(scorecard.indicators_size(), static_cast<int>(std::size(expected)));
  for (const Expected& want : expected) {
    const cs::assessment::v1::IndicatorScore* got = FindIndicator(scorecard, want.id);
    ASSERT_NE(got, nullptr) << want.id;
    EXPECT_NEAR(got->points(), want.points, 1e-9) << want.id << ": " << got->explanation();
    EXPECT_TRUE(got->has_input()) << want.id;
  }
  EXPECT_NEAR(scorecard.total(), 95.48, 1e-9);
  // Each input says where it came from and when it was read.
  const cs::assessment::v1::IndicatorScore* connection =
      FindIndicator(scorecard, "hotline_connection_rate");
  ASSERT_NE(connection, nullptr);
  EXPECT_EQ(connection->input().source(), "hotline-registry");
  EXPECT_EQ(connection->input().numerator(), 7);
  EXPECT_EQ(connection->input().denominator(), 10);
  EXPECT_THAT(connection->input().method(), ::testing::HasSubstr("GetMonthlyStatistics"));
  EXPECT_THAT(common::FromProtoTimestamp(connection->input().read_at(), "read_at"),
              common::testing::IsOkAndHolds(ShanghaiTime(2026, 11, 9, 10, 0)));
  EXPECT_EQ(FindIndicator(scorecard, "forwarding_on_time")->input().source(), "intake");
  EXPECT_EQ(FindIndicator(scorecard, "rectification_on_time")->input().source(), "assessment");

  // The unit reads its own scorecard; the office sees it in the month's summary.
  auto assessment = Assessment();
  cs::assessment::v1::GetScorecardRequest get;
  get.set_unit_id("broadband");
  get.set_month("2026-10");
  const cs::assessment::v1::Scorecard read = CallExpectingOk(
      *assessment, &AssessmentService::Stub::GetScorecard, kBroadbandManagerToken, get);
  EXPECT_NEAR(read.total(), 95.48, 1e-9);
  cs::assessment::v1::GetScorecardSummaryRequest summary_request;
  summary_request.set_month("2026-10");
  const cs::assessment::v1::ScorecardSummary summary = CallExpectingOk(
      *assessment, &AssessmentService::Stub::GetScorecardSummary, kOfficeToken, summary_request);
  ASSERT_GE(summary.scorecards_size(), 1);
  EXPECT_EQ(summary.scorecards(0).unit_id(), "broadband");
}

// SPEC S5: a source that does not answer leaves the scorecard incomplete, naming its indicators;
// a recomputation once the source is back completes it.
TEST_F(AssessmentScorecardE2eTest, S5_HotlineRegistryStoppedLeavesTheScorecardIncomplete) {
  ASSERT_OK(SetEveryClock(suite(), ShanghaiTime(2026, 11, 9, 10, 0)));
  RunningSuite::Member& hotline = suite().service("hotline-registry");
  hotline.process->Stop();
  const cs::assessment::v1::Scorecard scorecard = Compute("score-idc-incomplete", "idc");
  EXPECT_FALSE(scorecard.complete());
  EXPECT_EQ(scorecard.total(), 0);
  EXPECT_THAT(scorecard.missing_indicators(),
              UnorderedElementsAre("hotline_connection_rate", "hotline_phrase_use",
                                   "hotline_report_on_time"));
  const cs::assessment::v1::IndicatorScore* connection =
      FindIndicator(scorecard, "hotline_connection_rate");
  ASSERT_NE(connection, nullptr);
  EXPECT_FALSE(connection->has_input());
  EXPECT_THAT(connection->missing(), ::testing::HasSubstr("UNAVAILABLE"));
  // The other sources answered.
  EXPECT_TRUE(FindIndicator(scorecard, "forwarding_on_time")->has_input());

  ASSERT_TRUE(hotline.process->Restart().ok());
  ASSERT_TRUE(hotline.process->WaitUntilServing(hotline.grpc_port).ok());
  common::TestClockClient clock(hotline.channel, std::string(kCsCenterToken));
  ASSERT_OK(clock.SetTime(ShanghaiTime(2026, 11, 9, 10, 0), /*allow_backwards=*/true).status());
  // The assessment's channel to the registry reconnects on its own (gRPC's reconnect backoff):
  // recompute, each time under a new request_id, until the source answers again.
  cs::assessment::v1::Scorecard recomputed;
  int attempt = 0;
  ASSERT_OK(common::testing::WaitFor("the scorecard complete again", [&] {
    recomputed = Compute(absl::StrCat("score-idc-again-", ++attempt), "idc");
    return recomputed.complete();
  }));
  EXPECT_THAT(recomputed.missing_indicators(), ElementsAre());
}

}  // namespace
}  // namespace cs::e2e

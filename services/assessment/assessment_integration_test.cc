// The assessment service as deployed (AssessmentWiring), in-process on loopback gRPC with a test
// clock, on a real MariaDB, with the shipped deploy/config (calendar, units, SLA targets,
// assessment_indicators.textproto). Its five peers are addresses where nothing listens: the
// scorecard's own figures come from its real stores and every peer indicator is named missing —
// the path with every peer answering is tests/e2e/assessment_scorecard_e2e_test.cc. Each of SPEC
// S1–S7 by id over the wire, bad input and access; metrics scraped from the real /metrics
// endpoint; the sweep waited for by its rounds, never by sleeping.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "common/log/logger.h"
#include "common/server/service_server.h"
#include "common/status/field_violations.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/service_process.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/test_tokens.h"
#include "common/testing/wait_for.h"
#include "common/time/calendar_testing.h"
#include "cs/assessment/v1/assessment.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "services/assessment/assessment_wiring.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::FieldsOf;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;
using Stub = v1::AssessmentService::Stub;

constexpr absl::string_view kCenter = "token-center";
constexpr absl::string_view kOffice = "token-office";
constexpr absl::string_view kStaff = "token-bb-staff";
constexpr absl::string_view kManager = "token-bb-manager";
constexpr absl::string_view kPortalManager = "token-portal-manager";

common::TokenStore Tokens() {
  return common::testing::TestTokenStore({
      {kCenter, "center", cs::common::v1::ROLE_CS_CENTER, ""},
      {kOffice, "office", cs::common::v1::ROLE_OFFICE, ""},
      {kStaff, "bb-staff", cs::common::v1::ROLE_UNIT_STAFF, "broadband"},
      {kManager, "bb-manager", cs::common::v1::ROLE_UNIT_MANAGER, "broadband"},
      {kPortalManager, "portal-manager", cs::common::v1::ROLE_UNIT_MANAGER, "portal"},
  });
}

google::protobuf::Timestamp Ts(absl::Time t) { return common::ToProtoTimestamp(t); }
absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return common::FromProtoTimestamp(t, "t").value();
}

class AssessmentIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, common::testing::TestDatabase::Create());
    AssessmentWiringOptions wiring;
    wiring.sweep_interval = absl::Milliseconds(50);
    wiring.peer_deadline = absl::Seconds(2);
    wiring.notice_receipt_grace = absl::Hours(24);
    // Nothing listens on these: every peer's indicators are missing.
    for (std::string* address : {&wiring.peers.intake, &wiring.peers.routing, &wiring.peers.archive,
                                 &wiring.peers.hotline_registry, &wiring.peers.channel_registry}) {
      ASSERT_OK_AND_ASSIGN(int port, common::testing::PickFreePort());
      *address = absl::StrCat("127.0.0.1:", port);
    }
    common::ServerOptions options;
    options.service_name = "assessment";
    options.grpc_address = "127.0.0.1";
    options.metrics_address = "127.0.0.1";
    options.test_clock = true;
    options.test_clock_start = ShanghaiTime(2026, 10, 12, 9, 0);  // a Monday
    options.mysql = database_->options();
    options.config_dir = CS_SOURCE_DIR "/deploy/config";
    ASSERT_OK_AND_ASSIGN(server_, common::ServiceServer::Start(options, Tokens(),
                                                               AssessmentWiring(wiring), &logger_));
    stub_ = v1::AssessmentService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_->grpc_port()), grpc::InsecureChannelCredentials()));
  }

  void SetTime(absl::Time t) { server_->test_clock()->SetTime(t); }

  template <typename Request, typename Response>
  absl::StatusOr<Response> Call(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                                             Response*),
                                absl::string_view token, const Request& request) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    if (!token.empty()) common::AttachBearerToken(context, token);
    Response response;
    grpc::Status status = (stub_.get()->*method)(&context, request, &response);
    if (!status.ok()) return common::FromGrpcStatus(status);
    return response;
  }

  std::string NextId(absl::string_view prefix) { return absl::StrCat(prefix, "-", next_++); }

  absl::StatusOr<v1::RectificationNotice> Issue(absl::string_view token,
                                                const std::string& unit = "broadband") {
    v1::IssueRectificationNoticeRequest request;
    request.set_request_id(NextId("issue"));
    request.set_unit_id(unit);
    request.set_finding("热线接通率连续两周低于 80%");
    request.set_clause("A2 7.5");
    request.set_evidence("话务统计 2026-09-28 至 2026-10-11");
    return Call(&Stub::IssueRectificationNotice, token, request);
  }
  absl::StatusOr<v1::RectificationNotice> Acknowledge(absl::string_view token,
                                                      const std::string& id) {
    v1::AcknowledgeNoticeRequest request;
    request.set_request_id(NextId("ack"));
    request.set_notice_id(id);
    return Call(&Stub::AcknowledgeNotice, token, request);
  }
  absl::StatusOr<v1::RectificationNotice> Reply(absl::string_view token, const std::string& id) {
    v1::ReplyToNoticeRequest request;
    request.set_request_id(NextId("reply"));
    request.set_notice_id(id);
    request.set_measures("增加夜班坐席两名，启用排队提示音");
    return Call(&Stub::ReplyToNotice, token, request);
  }
  absl::StatusOr<v1::RectificationNotice> Verify(const std::string& id, bool passed) {
    v1::VerifyRectificationRequest request;
    request.set_request_id(NextId("verify"));
    request.set_notice_id(id);
    request.set_passed(passed);
    request.set_note(passed ? "接通率已恢复" : "接通率仍低于 80%");
    return Call(&Stub::VerifyRectification, kCenter, request);
  }
  absl::StatusOr<v1::RectificationNotice> GetNotice(absl::string_view token,
                                                    const std::string& id) {
    v1::GetRectificationNoticeRequest request;
    request.set_notice_id(id);
    return Call(&Stub::GetRectificationNotice, token, request);
  }

  // Work of broadband starting at `starts_at`, its users told at `notified_at`.
  absl::StatusOr<v1::MaintenanceNotice> FileMaintenance(absl::Time starts_at,
                                                        absl::Time notified_at,
                                                        bool important = false,
                                                        bool emergency = false) {
    v1::FileMaintenanceNoticeRequest request;
    request.set_request_id(NextId("maintenance"));
    v1::MaintenanceNotice& work = *request.mutable_notice();
    work.set_unit_id("broadband");
    work.set_kind(v1::WORK_KIND_CUT_OVER);
    work.set_description("汇聚交换机割接");
    *work.mutable_starts_at() = Ts(starts_at);
    *work.mutable_ends_at() = Ts(starts_at + absl::Hours(2));
    work.set_affected_users("浦东 3 个小区宽带用户");
    work.set_affected_user_count(1200);
    work.set_important_users_affected(important);
    work.add_windows_told("10000");
    *work.mutable_users_notified_at() = Ts(notified_at);
    work.set_emergency(emergency);
    if (emergency) work.set_emergency_reason("光缆被挖断");
    return Call(&Stub::FileMaintenanceNotice, kStaff, request);
  }

  absl::StatusOr<v1::Scorecard> Compute(absl::string_view token, const std::string& unit,
                                        const std::string& month, const std::string& set = "") {
    v1::ComputeScorecardRequest request;
    request.set_request_id(NextId("compute"));
    request.set_unit_id(unit);
    request.set_month(month);
    request.set_set(set);
    return Call(&Stub::ComputeScorecard, token, request);
  }

  std::string Scrape() {
    absl::StatusOr<std::string> text =
        common::testing::HttpGet(server_->metrics_port(), "/metrics");
    EXPECT_TRUE(text.ok()) << text.status();
    return text.ok() ? *text : "";
  }
  double Metric(absl::string_view name, const std::map<std::string, std::string>& labels = {}) {
    absl::StatusOr<double> value = common::testing::SumSamples(Scrape(), name, labels);
    return value.ok() ? *value : -1;
  }
  // Two whole sweeps have run since the call.
  void WaitForSweeps() {
    ASSERT_OK(common::testing::WaitForRounds(
        "assessment_sweep",
        common::testing::ScrapedWorkerRounds(server_->metrics_port(), "assessment_sweep")));
  }

  common::CapturingLogSink log_sink_;
  common::Logger logger_{&log_sink_, &common::Clock::Real()};
  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<common::ServiceServer> server_;
  std::unique_ptr<Stub> stub_;
  int next_ = 1;
};

// --- S1 rectification notices -----------------------------------------------------------------

TEST_F(AssessmentIntegrationTest, S1_ReceivedOnAFridayAfternoonBeforeTheSpringFestival) {
  // Received Friday 13 February 2026, 15:00, before the Spring Festival (15–23 February) with
  // its make-up Saturdays 14 and 28 February. Working days after it: Sat 14 (made up), then
  // Tue 24, Wed 25, Thu 26, Fri 27 February: due at the end of the fifth, 17:30.
  SetTime(ShanghaiTime(2026, 2, 13, 14, 0));
  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice issued, Issue(kCenter));
  SetTime(ShanghaiTime(2026, 2, 13, 15, 0));
  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice received, Acknowledge(kStaff, issued.notice_id()));
  EXPECT_EQ(TimeOf(received.reply_due().at()), ShanghaiTime(2026, 2, 27, 17, 30));
  EXPECT_FALSE(received.reply_due().provisional());
}

TEST_F(AssessmentIntegrationTest, S1_ReplyDueOnTheMakeUpSaturdayAfterTheNationalDayHoliday) {
  // Received Monday 28 September 2026, 15:00. Working days after it: Tue 29, Wed 30, then the
  // holiday (1–7 October), Thu 8, Fri 9 October, and the make-up working Saturday 10 October: the
  // fifth.
  SetTime(ShanghaiTime(2026, 9, 28, 14, 0));
  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice issued, Issue(kCenter));
  EXPECT_EQ(issued.state(), v1::NOTICE_STATE_ISSUED);
  EXPECT_FALSE(issued.has_reply_due());
  SetTime(ShanghaiTime(2026, 9, 28, 15, 0));
  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice received, Acknowledge(kStaff, issued.notice_id()));
  EXPECT_EQ(received.state(), v1::NOTICE_STATE_RECEIVED);
  EXPECT_EQ(TimeOf(received.received_at()), ShanghaiTime(2026, 9, 28, 15, 0));
  EXPECT_EQ(TimeOf(received.reply_due().at()), ShanghaiTime(2026, 10, 10, 17, 30));
}

TEST_F(AssessmentIntegrationTest, S1_OnlyTheUnitsManagerSignsTheReplyAndAFailedCheckReopens) {
  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice issued, Issue(kCenter));
  ASSERT_OK(Acknowledge(kStaff, issued.notice_id()).status());
  // Staff, another unit's manager and the CS center cannot sign: nothing changes.
  for (absl::string_view token : {kStaff, kPortalManager, kCenter}) {
    EXPECT_THAT(Reply(token, issued.notice_id()), StatusIs(absl::StatusCode::kPermissionDenied))
        << token;
  }
  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice unchanged, GetNotice(kStaff, issued.notice_id()));
  EXPECT_EQ(unchanged.state(), v1::NOTICE_STATE_RECEIVED);
  EXPECT_THAT(unchanged.replies(), IsEmpty());

  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice replied, Reply(kManager, issued.notice_id()));
  EXPECT_EQ(replied.state(), v1::NOTICE_STATE_REPLIED);
  ASSERT_THAT(replied.replies(), SizeIs(1));
  EXPECT_EQ(replied.replies(0).signed_by(), "bb-manager");
  EXPECT_FALSE(replied.replies(0).late());
  // Verified two days later, failed: a new deadline of 5 working days from then (working days
  // end at 17:30).
  SetTime(ShanghaiTime(2026, 10, 14, 10, 0));
  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice reopened, Verify(issued.notice_id(), false));
  EXPECT_EQ(reopened.state(), v1::NOTICE_STATE_REOPENED);
  EXPECT_EQ(TimeOf(reopened.reply_due().at()), ShanghaiTime(2026, 10, 21, 17, 30));
  ASSERT_OK(Reply(kManager, issued.notice_id()).status());
  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice passed, Verify(issued.notice_id(), true));
  EXPECT_EQ(passed.state(), v1::NOTICE_STATE_VERIFIED_PASSED);
  EXPECT_THAT(passed.verifications(), SizeIs(2));

  EXPECT_EQ(Metric("cs_assessment_notices_issued_total", {{"unit", "broadband"}}), 1);
  EXPECT_EQ(
      Metric("cs_assessment_notice_replies_total", {{"unit", "broadband"}, {"outcome", "on_time"}}),
      2);
  EXPECT_EQ(
      Metric("cs_assessment_verifications_total", {{"unit", "broadband"}, {"outcome", "failed"}}),
      1);

  ASSERT_OK_AND_ASSIGN(v1::RenderedForm form, Call(&Stub::RenderRectificationNotice, kManager, [&] {
                         v1::RenderRectificationNoticeRequest request;
                         request.set_notice_id(issued.notice_id());
                         return request;
                       }()));
  EXPECT_THAT(form.text(), HasSubstr("整改措施单"));
  EXPECT_THAT(form.text(), HasSubstr("热线接通率连续两周低于 80%"));
}

TEST_F(AssessmentIntegrationTest, S1_AnUnacknowledgedNoticeIsDeemedReceivedByTheSweep) {
  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice issued, Issue(kCenter));
  WaitForSweeps();
  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice waiting, GetNotice(kCenter, issued.notice_id()));
  EXPECT_EQ(waiting.state(), v1::NOTICE_STATE_ISSUED);
  EXPECT_EQ(Metric("cs_assessment_notices_awaiting_receipt"), 1);

  SetTime(ShanghaiTime(2026, 10, 13, 9, 0));  // the 24 hours' grace is over
  WaitForSweeps();
  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice deemed, GetNotice(kCenter, issued.notice_id()));
  EXPECT_EQ(deemed.state(), v1::NOTICE_STATE_RECEIVED);
  EXPECT_TRUE(deemed.deemed_received());
  EXPECT_EQ(TimeOf(deemed.received_at()), ShanghaiTime(2026, 10, 13, 9, 0));
  EXPECT_EQ(Metric("cs_assessment_notices_deemed_received_total", {{"unit", "broadband"}}), 1);
  EXPECT_EQ(Metric("cs_assessment_notices_awaiting_receipt"), 0);
}

TEST_F(AssessmentIntegrationTest, S1_BadInputIsNamedAndAnOverdueNoticeIsListedAsSuch) {
  EXPECT_THAT(FieldsOf(Issue(kCenter, "nowhere").status()), ElementsAre("unit_id"));
  EXPECT_THAT(FieldsOf(Issue(kCenter, "cs-center").status()), ElementsAre("unit_id"));
  EXPECT_THAT(Issue(kManager), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Issue(""), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(FieldsOf(GetNotice(kCenter, "RN-x").status()), ElementsAre("notice_id"));
  EXPECT_THAT(GetNotice(kCenter, "RN-99"), StatusIs(absl::StatusCode::kNotFound));

  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice issued, Issue(kCenter));
  ASSERT_OK(Acknowledge(kStaff, issued.notice_id()).status());
  SetTime(ShanghaiTime(2026, 10, 20, 9, 0));  // due Monday 19 October 17:30
  v1::ListRectificationNoticesRequest list;
  list.set_unit_id("broadband");
  list.set_overdue_only(true);
  ASSERT_OK_AND_ASSIGN(v1::ListRectificationNoticesResponse overdue,
                       Call(&Stub::ListRectificationNotices, kStaff, list));
  ASSERT_THAT(overdue.notices(), SizeIs(1));
  EXPECT_EQ(overdue.notices(0).notice_id(), issued.notice_id());
  // Another unit's manager sees none of broadband's notices.
  EXPECT_THAT(Call(&Stub::ListRectificationNotices, kPortalManager, list),
              StatusIs(absl::StatusCode::kPermissionDenied));
  WaitForSweeps();
  EXPECT_EQ(Metric("cs_assessment_open_notices", {{"unit", "broadband"}, {"overdue", "true"}}), 1);
  // Replied late now: counted late.
  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice late, Reply(kManager, issued.notice_id()));
  EXPECT_TRUE(late.replies(0).late());
  EXPECT_EQ(
      Metric("cs_assessment_notice_replies_total", {{"unit", "broadband"}, {"outcome", "late"}}),
      1);
}

// --- S2 maintenance notices ---------------------------------------------------------------------

TEST_F(AssessmentIntegrationTest, S2_SeventyTwoHoursMinusOneMinuteIsLateAndSeventyTwoIsNot) {
  const absl::Time start = ShanghaiTime(2026, 10, 20, 10, 0);
  SetTime(start - absl::Hours(1));  // filed once the users were told
  ASSERT_OK_AND_ASSIGN(v1::MaintenanceNotice short_notice,
                       FileMaintenance(start, start - absl::Hours(72) + absl::Minutes(1)));
  EXPECT_TRUE(short_notice.late());
  ASSERT_OK_AND_ASSIGN(v1::MaintenanceNotice in_time,
                       FileMaintenance(start, start - absl::Hours(72)));
  EXPECT_FALSE(in_time.late());
  ASSERT_OK_AND_ASSIGN(v1::MaintenanceNotice emergency,
                       FileMaintenance(start, start - absl::Hours(1), false, true));
  EXPECT_FALSE(emergency.late());
  EXPECT_EQ(Metric("cs_assessment_maintenance_filings_total",
                   {{"unit", "broadband"}, {"outcome", "late"}}),
            1);
  EXPECT_EQ(Metric("cs_assessment_maintenance_filings_total",
                   {{"unit", "broadband"}, {"outcome", "on_time"}}),
            1);
  EXPECT_EQ(Metric("cs_assessment_maintenance_filings_total",
                   {{"unit", "broadband"}, {"outcome", "emergency"}}),
            1);

  // The late filing's finding becomes a rectification notice in one call, once.
  v1::RaiseNoticeFromFindingRequest raise;
  raise.set_request_id(NextId("raise"));
  raise.set_source_id(short_notice.notice_id());
  EXPECT_THAT(Call(&Stub::RaiseNoticeFromFinding, kManager, raise),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice raised,
                       Call(&Stub::RaiseNoticeFromFinding, kCenter, raise));
  EXPECT_EQ(raised.unit_id(), "broadband");
  EXPECT_EQ(raised.raised_from(), short_notice.notice_id());
  raise.set_request_id(NextId("raise"));
  EXPECT_THAT(Call(&Stub::RaiseNoticeFromFinding, kCenter, raise),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  raise.set_source_id(in_time.notice_id());
  EXPECT_THAT(Call(&Stub::RaiseNoticeFromFinding, kCenter, raise),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(AssessmentIntegrationTest, S2_OnlyTheCsCenterRecordsTheSuperiorsApproval) {
  const absl::Time start = ShanghaiTime(2026, 10, 20, 10, 0);
  SetTime(start - absl::Hours(95));
  ASSERT_OK_AND_ASSIGN(v1::MaintenanceNotice work,
                       FileMaintenance(start, start - absl::Hours(96), /*important=*/true));
  EXPECT_FALSE(work.has_superior_approval());
  WaitForSweeps();
  EXPECT_EQ(Metric("cs_assessment_maintenance_awaiting_approval"), 1);
  v1::RecordSuperiorApprovalRequest approve;
  approve.set_request_id(NextId("approve"));
  approve.set_notice_id(work.notice_id());
  approve.set_reference("沪电信网〔2026〕88 号");
  EXPECT_THAT(Call(&Stub::RecordSuperiorApproval, kManager, approve),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::MaintenanceNotice approved,
                       Call(&Stub::RecordSuperiorApproval, kCenter, approve));
  EXPECT_EQ(approved.superior_approval().recorded_by(), "center");
  EXPECT_EQ(approved.superior_approval().reference(), "沪电信网〔2026〕88 号");
  WaitForSweeps();
  EXPECT_EQ(Metric("cs_assessment_maintenance_awaiting_approval"), 0);
}

// --- S3 launch reviews --------------------------------------------------------------------------

TEST_F(AssessmentIntegrationTest, S3_ALaunchWithoutAnAcceptedReviewIsAFinding) {
  v1::SubmitLaunchReviewRequest submit;
  submit.set_request_id(NextId("review"));
  submit.mutable_review()->set_unit_id("broadband");
  submit.mutable_review()->set_change("宽带报修页面改版");
  *submit.mutable_review()->mutable_planned_launch() = Ts(ShanghaiTime(2026, 10, 19, 9, 0));
  ASSERT_OK_AND_ASSIGN(v1::LaunchReview review, Call(&Stub::SubmitLaunchReview, kStaff, submit));
  v1::RecordLaunchRequest launch;
  launch.set_request_id(NextId("launch"));
  launch.set_review_id(review.review_id());
  ASSERT_OK_AND_ASSIGN(v1::LaunchReview launched, Call(&Stub::RecordLaunch, kStaff, launch));
  EXPECT_TRUE(launched.finding());
  EXPECT_EQ(Metric("cs_assessment_launch_findings_total", {{"unit", "broadband"}}), 1);

  // Accepted, training needed and done first: no finding.
  submit.set_request_id(NextId("review"));
  ASSERT_OK_AND_ASSIGN(v1::LaunchReview second, Call(&Stub::SubmitLaunchReview, kStaff, submit));
  v1::AcceptLaunchReviewRequest accept;
  accept.set_request_id(NextId("accept"));
  accept.set_review_id(second.review_id());
  accept.set_window_training_needed(true);
  EXPECT_THAT(Call(&Stub::AcceptLaunchReview, kManager, accept),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK(Call(&Stub::AcceptLaunchReview, kCenter, accept).status());
  v1::RecordWindowTrainingRequest train;
  train.set_request_id(NextId("train"));
  train.set_review_id(second.review_id());
  ASSERT_OK(Call(&Stub::RecordWindowTraining, kCenter, train).status());
  launch.set_request_id(NextId("launch"));
  launch.set_review_id(second.review_id());
  ASSERT_OK_AND_ASSIGN(v1::LaunchReview clean, Call(&Stub::RecordLaunch, kStaff, launch));
  EXPECT_FALSE(clean.finding());
  EXPECT_EQ(Metric("cs_assessment_launch_findings_total", {{"unit", "broadband"}}), 1);
}

// --- S4 surveys, S7 partners, M 7.15/7.16 -------------------------------------------------------

TEST_F(AssessmentIntegrationTest, S4_S7_TheUnitsOwnRecordsOverTheWire) {
  v1::RecordSurveyRequest survey;
  survey.set_request_id(NextId("survey"));
  survey.mutable_survey()->set_unit_id("broadband");
  survey.mutable_survey()->set_method(v1::SURVEY_METHOD_PHONE);
  *survey.mutable_survey()->mutable_period()->mutable_start() = Ts(ShanghaiTime(2026, 10, 1, 0, 0));
  *survey.mutable_survey()->mutable_period()->mutable_end() = Ts(ShanghaiTime(2026, 10, 11, 0, 0));
  survey.mutable_survey()->set_sample_size(200);
  survey.mutable_survey()->set_score(4.3);
  survey.mutable_survey()->set_scale(5);
  EXPECT_THAT(Call(&Stub::RecordSurvey, kPortalManager, survey),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::Survey recorded, Call(&Stub::RecordSurvey, kStaff, survey));
  EXPECT_EQ(recorded.recorded_by(), "bb-staff");
  v1::ListSurveysRequest surveys;
  surveys.set_unit_id("broadband");
  ASSERT_OK_AND_ASSIGN(v1::ListSurveysResponse listed, Call(&Stub::ListSurveys, kOffice, surveys));
  EXPECT_THAT(listed.surveys(), SizeIs(1));

  v1::RegisterPartnerRequest partner;
  partner.set_request_id(NextId("partner"));
  partner.mutable_partner()->set_unit_id("broadband");
  partner.mutable_partner()->set_name("浦东装维代理");
  partner.mutable_partner()->set_kind(v1::PARTNER_KIND_AGENT);
  partner.mutable_partner()->set_service_standard("装机 48 小时内上门");
  EXPECT_THAT(FieldsOf(Call(&Stub::RegisterPartner, kManager, partner).status()),
              ElementsAre("partner.meets_company_standard"));
  partner.mutable_partner()->set_meets_company_standard(true);
  ASSERT_OK_AND_ASSIGN(v1::Partner agent, Call(&Stub::RegisterPartner, kManager, partner));
  // S7: a notice may name the partner at fault; it counts against the unit.
  v1::IssueRectificationNoticeRequest issue;
  issue.set_request_id(NextId("issue"));
  issue.set_unit_id("broadband");
  issue.set_finding("代理商上门超时");
  issue.set_clause("M 7.12");
  issue.set_evidence("工单 3 张超过 48 小时");
  issue.set_partner_id(agent.partner_id());
  ASSERT_OK_AND_ASSIGN(v1::RectificationNotice notice,
                       Call(&Stub::IssueRectificationNotice, kCenter, issue));
  EXPECT_EQ(notice.partner_id(), agent.partner_id());

  v1::AssignTaskRequest assign;
  assign.set_request_id(NextId("task"));
  assign.mutable_task()->set_unit_id("broadband");
  assign.mutable_task()->set_title("十月投诉案例整理");
  *assign.mutable_task()->mutable_due_at() = Ts(ShanghaiTime(2026, 10, 16, 17, 0));
  EXPECT_THAT(Call(&Stub::AssignTask, kManager, assign),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::SpecialTask task, Call(&Stub::AssignTask, kCenter, assign));
  v1::CompleteTaskRequest complete;
  complete.set_request_id(NextId("complete"));
  complete.set_task_id(task.task_id());
  complete.set_quality_ok(true);
  ASSERT_OK_AND_ASSIGN(v1::SpecialTask done, Call(&Stub::CompleteTask, kCenter, complete));
  EXPECT_TRUE(done.has_done_at());

  v1::RecordAttendanceRequest attendance;
  attendance.set_request_id(NextId("attend"));
  attendance.mutable_attendance()->set_session("投诉升级案例学习");
  attendance.mutable_attendance()->set_unit_id("broadband");
  attendance.mutable_attendance()->set_kind(v1::SESSION_KIND_CASE_STUDY);
  *attendance.mutable_attendance()->mutable_held_at() = Ts(ShanghaiTime(2026, 10, 12, 8, 0));
  attendance.mutable_attendance()->set_attended(true);
  ASSERT_OK_AND_ASSIGN(v1::Attendance attended, Call(&Stub::RecordAttendance, kCenter, attendance));
  EXPECT_EQ(attended.kind(), v1::SESSION_KIND_CASE_STUDY);
  EXPECT_THAT(attended.session(), HasSubstr("TS-"));
}

// --- S5, S6 scorecards --------------------------------------------------------------------------

TEST_F(AssessmentIntegrationTest, S5_WithEveryPeerAwayTheScorecardNamesTheirIndicatorsMissing) {
  // October's last report is due at the end of Friday 6 November (the 5th working day).
  SetTime(ShanghaiTime(2026, 11, 6, 10, 0));
  absl::StatusOr<v1::Scorecard> early = Compute(kCenter, "broadband", "2026-10");
  EXPECT_THAT(early, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2026-10")));
  EXPECT_THAT(FieldsOf(Compute(kCenter, "cs-center", "2026-10").status()), ElementsAre("unit_id"));
  EXPECT_THAT(Compute(kManager, "broadband", "2026-10"),
              StatusIs(absl::StatusCode::kPermissionDenied));

  SetTime(ShanghaiTime(2026, 11, 9, 10, 0));
  ASSERT_OK_AND_ASSIGN(v1::Scorecard scorecard, Compute(kCenter, "broadband", "2026-10"));
  EXPECT_FALSE(scorecard.complete());
  EXPECT_EQ(scorecard.total(), 0);
  EXPECT_THAT(
      scorecard.missing_indicators(),
      UnorderedElementsAre("forwarding_on_time", "dispatch_on_time", "archive_report_on_time",
                           "archive_completeness", "hotline_connection_rate", "hotline_phrase_use",
                           "hotline_report_on_time", "channel_filings_accurate",
                           "channel_checks_on_schedule", "channel_faults_repaired_in_time",
                           "channel_report_on_time"));
  for (const v1::IndicatorScore& indicator : scorecard.indicators()) {
    if (indicator.input().source() == "assessment") {
      EXPECT_TRUE(indicator.missing().empty()) << indicator.indicator();
    } else {
      EXPECT_FALSE(indicator.has_input()) << indicator.indicator();
      EXPECT_THAT(indicator.missing(), HasSubstr("UNAVAILABLE")) << indicator.indicator();
    }
  }
  EXPECT_EQ(Metric("cs_assessment_source_up", {{"source", "hotline-registry"}}), 0);
  // This one, and the sweep's of the other units.
  EXPECT_GE(Metric("cs_assessment_scorecards_computed_total",
                   {{"set", "monthly"}, {"outcome", "incomplete"}}),
            1);

  // The unit reads its own; another unit does not; the office sees the summary and answers.
  v1::GetScorecardRequest get;
  get.set_unit_id("broadband");
  get.set_month("2026-10");
  ASSERT_OK_AND_ASSIGN(v1::Scorecard read, Call(&Stub::GetScorecard, kManager, get));
  // The sweep may have stored its own computation of the same figures meanwhile.
  EXPECT_GE(read.revision(), scorecard.revision());
  EXPECT_THAT(Call(&Stub::GetScorecard, kPortalManager, get),
              StatusIs(absl::StatusCode::kPermissionDenied));
  v1::GetScorecardSummaryRequest summary;
  summary.set_month("2026-10");
  EXPECT_THAT(Call(&Stub::GetScorecardSummary, kManager, summary),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::ScorecardSummary office,
                       Call(&Stub::GetScorecardSummary, kOffice, summary));
  EXPECT_THAT(office.scorecards(), SizeIs(::testing::Ge(1)));
  v1::RecordFeedbackRequest feedback;
  feedback.set_request_id(NextId("feedback"));
  feedback.set_unit_id("broadband");
  feedback.set_month("2026-10");
  feedback.set_feedback("请尽快恢复数据上报");
  EXPECT_THAT(Call(&Stub::RecordFeedback, kCenter, feedback),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::Scorecard answered, Call(&Stub::RecordFeedback, kOffice, feedback));
  EXPECT_EQ(answered.feedback(), "请尽快恢复数据上报");
  ASSERT_OK_AND_ASSIGN(read, Call(&Stub::GetScorecard, kManager, get));
  EXPECT_EQ(read.feedback_by(), "office");
}

TEST_F(AssessmentIntegrationTest, S6_ABlueBookSetIsScoredOnItsOwnIndicatorsAndWeights) {
  SetTime(ShanghaiTime(2026, 11, 9, 10, 0));
  ASSERT_OK_AND_ASSIGN(v1::Scorecard blue,
                       Compute(kCenter, "broadband", "2026-10", "blue_book_service_quality"));
  EXPECT_EQ(blue.set(), "blue_book_service_quality");
  EXPECT_EQ(blue.title(), "蓝皮书指标专项考核：服务质量");
  std::vector<std::string> ids;
  int weights = 0;
  for (const v1::IndicatorScore& indicator : blue.indicators()) {
    ids.push_back(indicator.indicator());
    weights += indicator.weight();
  }
  EXPECT_THAT(ids, ElementsAre("hotline_connection_rate", "hotline_phrase_use", "satisfaction",
                               "channel_faults_repaired_in_time", "maintenance_notice_on_time"));
  EXPECT_EQ(weights, 100);
  EXPECT_THAT(blue.missing_indicators(),
              UnorderedElementsAre("hotline_connection_rate", "hotline_phrase_use",
                                   "channel_faults_repaired_in_time"));
  EXPECT_THAT(FieldsOf(Compute(kCenter, "broadband", "2026-10", "no_such_set").status()),
              ElementsAre("set"));
}

TEST_F(AssessmentIntegrationTest, S5_TheSweepScoresEveryUnitOfTheDueMonth) {
  SetTime(ShanghaiTime(2026, 11, 9, 10, 0));
  WaitForSweeps();
  // Every unit of deploy/config/units.textproto but the CS center, for October.
  v1::GetScorecardSummaryRequest summary;
  summary.set_month("2026-10");
  ASSERT_OK_AND_ASSIGN(v1::ScorecardSummary office,
                       Call(&Stub::GetScorecardSummary, kOffice, summary));
  std::vector<std::string> units;
  for (const v1::Scorecard& card : office.scorecards()) units.push_back(card.unit_id());
  EXPECT_THAT(units, UnorderedElementsAre("service-desk", "broadband", "idc", "portal", "hosting"));
  EXPECT_EQ(Metric("cs_assessment_scorecards", {{"set", "monthly"}, {"state", "incomplete"}}), 5);
}

}  // namespace
}  // namespace cs::assessment

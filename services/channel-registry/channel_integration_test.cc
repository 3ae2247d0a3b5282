// The channel registry as deployed (ChannelRegistryWiring), in-process on loopback gRPC with a test
// clock, on a real MariaDB, with the shipped deploy/config (calendar, units, SLA targets) plus a
// repair limit of its own for EMAIL channels (channel_fault_repair_by_kind, as the SLA targets file
// allows). Each of SPEC C1–C7 by id, bad input and access; metrics scraped from the real /metrics
// endpoint; the sweep waited for by its rounds, never by sleeping.
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "common/server/service_server.h"
#include "common/status/field_violations.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/test_tokens.h"
#include "common/testing/wait_for.h"
#include "common/time/calendar_testing.h"
#include "cs/channel/v1/channel.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "services/channel-registry/channel_registry_wiring.h"

namespace cs::channel {
namespace {

using ::cs::common::testing::FieldsOf;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;
using Stub = v1::ChannelRegistryService::Stub;

constexpr absl::string_view kCenter = "token-center";
constexpr absl::string_view kOffice = "token-office";
constexpr absl::string_view kMailMonitor = "token-mail-monitor";
constexpr absl::string_view kAssessment = "token-assessment";
constexpr absl::string_view kStaff = "token-bb-staff";
constexpr absl::string_view kManager = "token-bb-manager";
constexpr absl::string_view kPortalStaff = "token-portal-staff";

constexpr absl::string_view kMailbox = "webmaster@broadband.example.cn";
constexpr absl::string_view kGuestbook = "https://www.broadband.example.cn/guestbook";

common::TokenStore Tokens() {
  return common::testing::TestTokenStore({
      {kCenter, "center", cs::common::v1::ROLE_CS_CENTER, ""},
      {kOffice, "office", cs::common::v1::ROLE_OFFICE, ""},
      {kMailMonitor, "svc-mail", cs::common::v1::ROLE_SERVICE, ""},
      {kAssessment, "svc-assessment", cs::common::v1::ROLE_SERVICE, ""},
      {kStaff, "bb-staff", cs::common::v1::ROLE_UNIT_STAFF, "broadband"},
      {kManager, "bb-manager", cs::common::v1::ROLE_UNIT_MANAGER, "broadband"},
      {kPortalStaff, "portal-staff", cs::common::v1::ROLE_UNIT_STAFF, "portal"},
  });
}

google::protobuf::Timestamp Ts(absl::Time t) { return common::ToProtoTimestamp(t); }
absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return common::FromProtoTimestamp(t, "t").value();
}

// Form F3 of a channel of `unit`: a webmaster mailbox, or a guestbook / web form at a URL.
v1::FilingForm Form(const std::string& unit = "broadband",
                    cs::common::v1::Channel kind = cs::common::v1::CHANNEL_EMAIL,
                    absl::string_view address = kMailbox,
                    absl::string_view service_time = "7*24小时每天2次") {
  v1::FilingForm form;
  form.set_unit_id(unit);
  form.set_implementation(kind == cs::common::v1::CHANNEL_EMAIL ? "Webmaster 信箱" : "留言簿");
  form.set_kind(kind);
  form.add_purposes(v1::CHANNEL_PURPOSE_CONSULTATION);
  form.add_purposes(v1::CHANNEL_PURPOSE_COMPLAINT);
  form.set_business_scope("宽带业务咨询与申诉");
  form.set_address(std::string(address));
  form.set_capacity("2 GB");
  form.set_service_time(std::string(service_time));
  form.set_staffing(v1::STAFFING_DEDICATED);
  form.add_assigned_staff("bb-staff");
  form.add_assigned_staff("张三");
  form.mutable_contact()->set_person("李四");
  form.mutable_contact()->set_phone("021-5888 0001");
  form.mutable_contact()->set_email("lisi@broadband.example.cn");
  form.add_languages("zh");
  return form;
}

// deploy/config with one change: EMAIL channels' faults are repaired within 8 hours, the other
// kinds within channel_fault_repair (24 hours).
std::string ConfigDir() {
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / "channel_registry_config";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::filesystem::copy(
      CS_SOURCE_DIR "/deploy/config", dir,
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  std::ofstream sla(dir / "sla_targets.textproto", std::ios::app);
  sla << "\nchannel_fault_repair_by_kind { kind: CHANNEL_EMAIL repair { wall_hours: 8 } }\n";
  return dir.string();
}

class ChannelIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, common::testing::TestDatabase::Create());
    ChannelWiringOptions wiring;
    wiring.sweep_interval = absl::Milliseconds(50);
    absl::StatusOr<std::unique_ptr<common::ServiceServer>> server = Start(wiring);
    ASSERT_OK(server.status());
    server_ = *std::move(server);
    stub_ = v1::ChannelRegistryService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_->grpc_port()), grpc::InsecureChannelCredentials()));
  }

  absl::StatusOr<std::unique_ptr<common::ServiceServer>> Start(const ChannelWiringOptions& wiring) {
    common::ServerOptions options;
    options.service_name = "channel-registry";
    options.grpc_address = "127.0.0.1";
    options.metrics_address = "127.0.0.1";
    options.test_clock = true;
    options.test_clock_start = ShanghaiTime(2026, 3, 2, 8, 0);  // a Monday
    options.mysql = database_->options();
    options.config_dir = ConfigDir();
    return common::ServiceServer::Start(options, Tokens(), ChannelRegistryWiring(wiring), &logger_);
  }

  void SetTime(absl::Time t) { server_->test_clock()->SetTime(t); }
  absl::Time Now() { return server_->test_clock()->Now(); }

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

  absl::StatusOr<v1::OnlineChannel> File(absl::string_view token, const v1::FilingForm& form,
                                         const std::string& request_id = "") {
    v1::FileChannelRequest request;
    request.set_request_id(request_id.empty() ? NextId("file") : request_id);
    *request.mutable_form() = form;
    return Call(&Stub::FileChannel, token, request);
  }
  absl::StatusOr<v1::OnlineChannel> Acknowledge(absl::string_view token, const std::string& id) {
    v1::AcknowledgeFilingRequest request;
    request.set_channel_id(id);
    return Call(&Stub::AcknowledgeFiling, token, request);
  }
  absl::StatusOr<v1::OnlineChannel> Get(absl::string_view token, const std::string& id) {
    v1::GetChannelRequest request;
    request.set_channel_id(id);
    return Call(&Stub::GetChannel, token, request);
  }
  // Filed by the unit's staff; "" when that failed (the test has failed then).
  std::string Filed(const v1::FilingForm& form = Form()) {
    absl::StatusOr<v1::OnlineChannel> filed = File(kStaff, form);
    EXPECT_OK(filed.status());
    return filed.ok() ? filed->channel_id() : "";
  }
  absl::StatusOr<v1::Fault> OpenFault(absl::string_view token, const std::string& channel_id,
                                      const std::string& description = "信箱无法登录") {
    v1::OpenFaultRequest request;
    request.set_request_id(NextId("fault"));
    request.set_channel_id(channel_id);
    request.set_description(description);
    return Call(&Stub::OpenFault, token, request);
  }
  absl::StatusOr<v1::Fault> CloseFault(absl::string_view token, const std::string& fault_id,
                                       absl::optional<absl::Time> repaired_at) {
    v1::CloseFaultRequest request;
    request.set_request_id(NextId("close"));
    request.set_fault_id(fault_id);
    if (repaired_at.has_value()) *request.mutable_repaired_at() = Ts(*repaired_at);
    request.set_repair_note("已恢复");
    return Call(&Stub::CloseFault, token, request);
  }
  absl::StatusOr<v1::Check> RecordCheck(absl::string_view token, const std::string& channel_id,
                                        const std::string& checked_by,
                                        absl::optional<absl::Time> at = absl::nullopt) {
    v1::RecordCheckRequest request;
    request.set_request_id(NextId("check"));
    request.set_channel_id(channel_id);
    request.set_checked_by(checked_by);
    request.set_new_complaints(1);
    if (at.has_value()) *request.mutable_checked_at() = Ts(*at);
    return Call(&Stub::RecordCheck, token, request);
  }
  absl::StatusOr<v1::CheckSchedule> Schedule(const std::string& channel_id, absl::Time from,
                                             int count) {
    v1::GetCheckScheduleRequest request;
    request.set_channel_id(channel_id);
    *request.mutable_from() = Ts(from);
    request.set_count(count);
    return Call(&Stub::GetCheckSchedule, kStaff, request);
  }
  absl::StatusOr<v1::CapacityForecast> Sample(absl::string_view token,
                                              const std::string& channel_id, absl::Time at,
                                              int64_t used, int64_t capacity = 1000) {
    v1::RecordUsageSampleRequest request;
    request.set_request_id(NextId("sample"));
    request.set_channel_id(channel_id);
    *request.mutable_sample()->mutable_sampled_at() = Ts(at);
    request.mutable_sample()->set_used(used);
    request.mutable_sample()->set_capacity(capacity);
    return Call(&Stub::RecordUsageSample, token, request);
  }
  absl::StatusOr<v1::ChannelMonthlyReport> Report(absl::string_view token, const std::string& id,
                                                  const std::string& month) {
    v1::GetMonthlyReportRequest request;
    request.set_channel_id(id);
    request.set_month(month);
    return Call(&Stub::GetMonthlyReport, token, request);
  }
  absl::StatusOr<v1::ChannelMonthlyReport> Submit(absl::string_view token, const std::string& id,
                                                  const std::string& month) {
    v1::SubmitMonthlyReportRequest request;
    request.set_request_id(NextId("submit"));
    request.set_channel_id(id);
    request.set_month(month);
    return Call(&Stub::SubmitMonthlyReport, token, request);
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
  // The sweep runs every 50 ms: waits (up to 30 s) until `name` reads `expected`.
  void EventuallyMetric(absl::string_view name, const std::map<std::string, std::string>& labels,
                        double expected) {
    EXPECT_OK(common::testing::WaitFor(absl::StrCat(name, " to read ", expected),
                                       [&] { return Metric(name, labels) == expected; }))
        << "it reads " << Metric(name, labels);
  }
  // Two whole sweeps have run since the call.
  void WaitForSweeps() {
    ASSERT_OK(common::testing::WaitForRounds(
        "channel_registry_sweep",
        common::testing::ScrapedWorkerRounds(server_->metrics_port(), "channel_registry_sweep")));
  }

  common::CapturingLogSink log_sink_;
  common::Logger logger_{&log_sink_, &common::Clock::Real()};
  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<common::ServiceServer> server_;
  std::unique_ptr<Stub> stub_;
  int next_ = 1;
};

// --- C1 filing ----------------------------------------------------------------------------------

TEST_F(ChannelIntegrationTest, C1_AFilingIsAcknowledgedOnlyByTheCsCenter) {
  ASSERT_OK_AND_ASSIGN(v1::OnlineChannel filed, File(kStaff, Form(), "file-a"));
  EXPECT_EQ(filed.channel_id(), "CN-1");
  EXPECT_EQ(filed.state(), v1::CHANNEL_STATE_FILED);
  EXPECT_EQ(filed.form_version(), 1);
  EXPECT_EQ(filed.form().address(), kMailbox);
  EXPECT_TRUE(filed.service_time().around_the_clock());
  EXPECT_EQ(filed.service_time().checks_per_day(), 2);
  EXPECT_EQ(TimeOf(filed.next_check_due()), ShanghaiTime(2026, 3, 2, 20, 0));
  // A retry answers as the first time; another body under the same request_id is refused.
  ASSERT_OK_AND_ASSIGN(v1::OnlineChannel again, File(kStaff, Form(), "file-a"));
  EXPECT_EQ(again.channel_id(), "CN-1");
  v1::FilingForm other = Form();
  other.set_capacity("5 GB");
  EXPECT_THAT(FieldsOf(File(kStaff, other, "file-a").status()), ElementsAre("request_id"));
  EventuallyMetric("cs_channel_registry_channels", {{"unit", "broadband"}, {"state", "filed"}}, 1);

  for (absl::string_view token : {kStaff, kManager, kOffice, kMailMonitor, kPortalStaff}) {
    EXPECT_THAT(Acknowledge(token, "CN-1"), StatusIs(absl::StatusCode::kPermissionDenied)) << token;
  }
  ASSERT_OK_AND_ASSIGN(v1::OnlineChannel acknowledged, Acknowledge(kCenter, "CN-1"));
  EXPECT_EQ(acknowledged.state(), v1::CHANNEL_STATE_ACKNOWLEDGED);
  EXPECT_EQ(acknowledged.acknowledged_by(), "center");
  EXPECT_TRUE(acknowledged.has_acknowledged_at());
  ASSERT_THAT(acknowledged.history(), SizeIs(2));
  EXPECT_EQ(acknowledged.history(1).event(), "ACKNOWLEDGED");
  EXPECT_THAT(Acknowledge(kCenter, "CN-1"), StatusIs(absl::StatusCode::kFailedPrecondition));
  EventuallyMetric("cs_channel_registry_channels",
                   {{"unit", "broadband"}, {"state", "acknowledged"}}, 1);
  EXPECT_EQ(Metric("cs_channel_registry_channels", {{"unit", "broadband"}, {"state", "filed"}}), 0);

  // Readers: the unit and the department-wide roles; not another unit. Pages bound to the filter.
  EXPECT_OK(Get(kOffice, "CN-1").status());
  EXPECT_THAT(Get(kPortalStaff, "CN-1"), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Get(kStaff, "CN-9"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(FieldsOf(Get(kStaff, "9").status()), ElementsAre("channel_id"));
  Filed(Form("broadband", cs::common::v1::CHANNEL_GUESTBOOK, kGuestbook));
  v1::ListChannelsRequest list;
  list.mutable_page()->set_page_size(1);
  ASSERT_OK_AND_ASSIGN(v1::ListChannelsResponse page1, Call(&Stub::ListChannels, kStaff, list));
  ASSERT_THAT(page1.channels(), SizeIs(1));
  EXPECT_EQ(page1.channels(0).channel_id(), "CN-1");
  list.mutable_page()->set_page_token(page1.page().next_page_token());
  ASSERT_OK_AND_ASSIGN(v1::ListChannelsResponse page2, Call(&Stub::ListChannels, kStaff, list));
  ASSERT_THAT(page2.channels(), SizeIs(1));
  EXPECT_EQ(page2.channels(0).channel_id(), "CN-2");
  EXPECT_TRUE(page2.page().next_page_token().empty());
  list.set_kind(cs::common::v1::CHANNEL_GUESTBOOK);
  EXPECT_THAT(FieldsOf(Call(&Stub::ListChannels, kStaff, list).status()),
              ElementsAre("page.page_token"));
  list.clear_page();
  ASSERT_OK_AND_ASSIGN(v1::ListChannelsResponse guestbooks,
                       Call(&Stub::ListChannels, kCenter, list));
  ASSERT_THAT(guestbooks.channels(), SizeIs(1));
  EXPECT_EQ(guestbooks.channels(0).form().address(), kGuestbook);
  list.set_unit_id("broadband");
  EXPECT_THAT(Call(&Stub::ListChannels, kPortalStaff, list),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(ChannelIntegrationTest, C1_AnInaccurateFilingIsCorrected) {
  const std::string id = Filed();
  ASSERT_OK(Acknowledge(kCenter, id).status());
  v1::MarkFilingInaccurateRequest mark;
  mark.set_channel_id(id);
  mark.set_finding("登记的容量与实际不符：信箱实际为 1 GB");
  EXPECT_THAT(Call(&Stub::MarkFilingInaccurate, kStaff, mark),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::OnlineChannel inaccurate,
                       Call(&Stub::MarkFilingInaccurate, kCenter, mark));
  EXPECT_EQ(inaccurate.state(), v1::CHANNEL_STATE_INACCURATE);
  ASSERT_THAT(inaccurate.findings(), SizeIs(1));
  EXPECT_EQ(inaccurate.findings(0).found_by(), "center");
  EXPECT_FALSE(inaccurate.findings(0).has_corrected_at());
  EventuallyMetric("cs_channel_registry_channels", {{"unit", "broadband"}, {"state", "inaccurate"}},
                   1);

  SetTime(ShanghaiTime(2026, 3, 3, 10, 0));
  v1::CorrectFilingRequest correct;
  correct.set_request_id("correct-1");
  correct.set_channel_id(id);
  *correct.mutable_form() = Form();
  correct.mutable_form()->set_capacity("1 GB");
  EXPECT_THAT(Call(&Stub::CorrectFiling, kPortalStaff, correct),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::OnlineChannel corrected, Call(&Stub::CorrectFiling, kStaff, correct));
  EXPECT_EQ(corrected.state(), v1::CHANNEL_STATE_FILED);
  EXPECT_EQ(corrected.form_version(), 2);
  ASSERT_THAT(corrected.form_versions(), SizeIs(2));
  EXPECT_EQ(corrected.form_versions(0).capacity(), "2 GB");
  EXPECT_EQ(corrected.form().capacity(), "1 GB");
  EXPECT_EQ(TimeOf(corrected.form().filed_at()), ShanghaiTime(2026, 3, 3, 10, 0));
  EXPECT_EQ(TimeOf(corrected.findings(0).corrected_at()), ShanghaiTime(2026, 3, 3, 10, 0));
  std::vector<std::string> events;
  for (const v1::HistoryEntry& entry : corrected.history()) events.push_back(entry.event());
  EXPECT_THAT(events, ElementsAre("FILED", "ACKNOWLEDGED", "MARKED_INACCURATE", "CORRECTED"));
  ASSERT_OK_AND_ASSIGN(v1::OnlineChannel acknowledged, Acknowledge(kCenter, id));
  EXPECT_EQ(acknowledged.state(), v1::CHANNEL_STATE_ACKNOWLEDGED);
  EventuallyMetric("cs_channel_registry_channels", {{"unit", "broadband"}, {"state", "inaccurate"}},
                   0);

  // A correction may not move the channel to another unit; a retired channel takes none.
  correct.set_request_id("correct-2");
  correct.mutable_form()->set_unit_id("portal");
  EXPECT_THAT(FieldsOf(Call(&Stub::CorrectFiling, kStaff, correct).status()),
              Contains("form.unit_id"));
  v1::RetireChannelRequest retire;
  retire.set_channel_id(id);
  retire.set_reason("信箱停用");
  ASSERT_OK_AND_ASSIGN(v1::OnlineChannel retired, Call(&Stub::RetireChannel, kManager, retire));
  EXPECT_EQ(retired.state(), v1::CHANNEL_STATE_RETIRED);
  EXPECT_FALSE(retired.has_next_check_due());
  correct.set_request_id("correct-3");
  correct.mutable_form()->set_unit_id("broadband");
  EXPECT_THAT(Call(&Stub::CorrectFiling, kStaff, correct),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("RETIRED")));
  EventuallyMetric("cs_channel_registry_channels", {{"unit", "broadband"}, {"state", "retired"}},
                   1);
}

TEST_F(ChannelIntegrationTest, C1_AnUnfiledChannelCountsAgainstTheUnitUntilFiled) {
  v1::ReportUnfiledChannelRequest report;
  report.set_request_id("unfiled-1");
  report.set_unit_id("broadband");
  report.set_kind(cs::common::v1::CHANNEL_GUESTBOOK);
  report.set_address(std::string(kGuestbook));
  report.set_finding("网站留言簿在用，未报备");
  for (absl::string_view token : {kStaff, kManager, kOffice}) {
    EXPECT_THAT(Call(&Stub::ReportUnfiledChannel, token, report),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << token;
  }
  ASSERT_OK_AND_ASSIGN(v1::UnfiledChannel reported,
                       Call(&Stub::ReportUnfiledChannel, kCenter, report));
  EXPECT_EQ(reported.report_id(), "UF-1");
  EXPECT_EQ(reported.reported_by(), "center");
  EXPECT_TRUE(reported.filed_as_channel_id().empty());
  EventuallyMetric("cs_channel_registry_unfiled_channels", {{"unit", "broadband"}}, 1);
  v1::ListUnfiledChannelsRequest open;
  open.set_open_only(true);
  ASSERT_OK_AND_ASSIGN(v1::ListUnfiledChannelsResponse listed,
                       Call(&Stub::ListUnfiledChannels, kStaff, open));
  ASSERT_THAT(listed.reports(), SizeIs(1));
  ASSERT_OK_AND_ASSIGN(v1::ListUnfiledChannelsResponse none,
                       Call(&Stub::ListUnfiledChannels, kPortalStaff, open));
  EXPECT_THAT(none.reports(), IsEmpty());

  // Filing a mailbox does not file the guestbook; filing the guestbook does.
  Filed();
  EXPECT_EQ(Metric("cs_channel_registry_unfiled_channels", {{"unit", "broadband"}}), 1);
  SetTime(ShanghaiTime(2026, 3, 4, 9, 0));
  const std::string id = Filed(Form("broadband", cs::common::v1::CHANNEL_GUESTBOOK, kGuestbook));
  ASSERT_OK_AND_ASSIGN(listed, Call(&Stub::ListUnfiledChannels, kCenter, open));
  EXPECT_THAT(listed.reports(), IsEmpty());
  v1::ListUnfiledChannelsRequest all;
  all.set_unit_id("broadband");
  ASSERT_OK_AND_ASSIGN(listed, Call(&Stub::ListUnfiledChannels, kCenter, all));
  ASSERT_THAT(listed.reports(), SizeIs(1));
  EXPECT_EQ(listed.reports(0).filed_as_channel_id(), id);
  EXPECT_EQ(TimeOf(listed.reports(0).filed_at()), ShanghaiTime(2026, 3, 4, 9, 0));
  EventuallyMetric("cs_channel_registry_unfiled_channels", {{"unit", "broadband"}}, 0);

  // It counted in the month it was open.
  SetTime(ShanghaiTime(2026, 4, 1, 9, 0));
  v1::GetMonthlyStatisticsRequest stats;
  stats.set_unit_id("broadband");
  stats.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatistics march,
                       Call(&Stub::GetMonthlyStatistics, kAssessment, stats));
  EXPECT_EQ(march.unfiled_channels(), 1);
}

TEST_F(ChannelIntegrationTest, C1_MissingFieldsAndAnUnparseableCheckFrequencyAreNamedFieldByField) {
  v1::FilingForm form = Form();
  form.clear_business_scope();
  form.clear_capacity();
  form.mutable_contact()->clear_person();
  form.set_service_time("有空就看");
  form.set_address("not-a-mailbox");
  const absl::Status refused = File(kStaff, form).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(refused),
              UnorderedElementsAre("form.business_scope", "form.capacity", "form.contact.person",
                                   "form.service_time", "form.address"));
  form = Form();
  form.set_service_time("7*24小时每周1次");
  EXPECT_THAT(File(kStaff, form),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("form.service_time")));
  EXPECT_THAT(FieldsOf(File(kStaff, form).status()), ElementsAre("form.service_time"));
  // A kind that is not online, and none at all.
  form = Form();
  form.set_kind(cs::common::v1::CHANNEL_HOTLINE);
  EXPECT_THAT(FieldsOf(File(kStaff, form).status()), Contains("form.kind"));
  EXPECT_THAT(FieldsOf(File(kStaff, v1::FilingForm()).status()),
              IsSupersetOf({"form.implementation", "form.kind", "form.purposes",
                            "form.business_scope", "form.address", "form.capacity",
                            "form.service_time", "form.staffing", "form.assigned_staff"}));
  // Another unit's filing.
  EXPECT_THAT(File(kPortalStaff, Form()), StatusIs(absl::StatusCode::kPermissionDenied));
  v1::ListChannelsRequest list;
  ASSERT_OK_AND_ASSIGN(v1::ListChannelsResponse listed, Call(&Stub::ListChannels, kCenter, list));
  EXPECT_THAT(listed.channels(), IsEmpty());
}

TEST_F(ChannelIntegrationTest, C1_AUnitActingOnAnotherUnitsChannelIsDenied) {
  const std::string id = Filed();
  const auto denied = StatusIs(absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(Get(kPortalStaff, id), denied);
  EXPECT_THAT(OpenFault(kPortalStaff, id), denied);
  EXPECT_THAT(RecordCheck(kPortalStaff, id, "张三"), denied);
  EXPECT_THAT(Sample(kPortalStaff, id, Now(), 10), denied);
  v1::RetireChannelRequest retire;
  retire.set_channel_id(id);
  retire.set_reason("停用");
  EXPECT_THAT(Call(&Stub::RetireChannel, kPortalStaff, retire), denied);
  v1::RecordPublicationRequest publication;
  publication.set_channel_id(id);
  EXPECT_THAT(Call(&Stub::RecordPublication, kPortalStaff, publication), denied);
  v1::RequestCapacityAssistanceRequest assistance;
  assistance.set_request_id("help-1");
  assistance.set_channel_id(id);
  assistance.set_text("请求扩容");
  EXPECT_THAT(Call(&Stub::RequestCapacityAssistance, kPortalStaff, assistance), denied);
  v1::RenderFilingFormRequest render;
  render.set_channel_id(id);
  EXPECT_THAT(Call(&Stub::RenderFilingForm, kPortalStaff, render), denied);
  v1::GetMonthlyStatisticsRequest stats;
  stats.set_unit_id("broadband");
  stats.set_month("2026-02");
  EXPECT_THAT(Call(&Stub::GetMonthlyStatistics, kPortalStaff, stats), denied);
  // No token at all.
  EXPECT_THAT(Get("", id), StatusIs(absl::StatusCode::kUnauthenticated));
  // The unit's own manager may.
  ASSERT_OK_AND_ASSIGN(v1::AssistanceRequest asked,
                       Call(&Stub::RequestCapacityAssistance, kManager, assistance));
  EXPECT_EQ(asked.requested_by(), "bb-manager");
  EXPECT_EQ(asked.text(), "请求扩容");
}

TEST_F(ChannelIntegrationTest, C1_FormF3IsRenderedAsText) {
  const std::string id = Filed();
  v1::RenderFilingFormRequest render;
  render.set_channel_id(id);
  ASSERT_OK_AND_ASSIGN(v1::RenderFilingFormResponse f3,
                       Call(&Stub::RenderFilingForm, kCenter, render));
  EXPECT_THAT(
      f3.text(),
      AllOf(HasSubstr("网上申诉渠道登记表"), HasSubstr("登记单位"), HasSubstr("实现方式"),
            HasSubstr("服务业务范围"), HasSubstr(std::string(kMailbox)), HasSubstr("容量大小"),
            HasSubstr("2 GB"), HasSubstr("7*24小时每天2次"), HasSubstr("专人处理"),
            HasSubstr("张三"), HasSubstr("李四"), HasSubstr("021-5888 0001"), HasSubstr("备注")));
  render.set_form_version(2);
  EXPECT_THAT(FieldsOf(Call(&Stub::RenderFilingForm, kCenter, render).status()),
              ElementsAre("form_version"));
}

// --- C2 faults ----------------------------------------------------------------------------------

TEST_F(ChannelIntegrationTest, C2_AFaultClosedBeforeItWasOpenedIsRefusedNamingRepairedAt) {
  const std::string id = Filed();
  SetTime(ShanghaiTime(2026, 3, 2, 10, 0));
  ASSERT_OK_AND_ASSIGN(v1::Fault opened, OpenFault(kStaff, id));
  EXPECT_EQ(opened.fault_id(), "FT-1");
  EXPECT_EQ(opened.origin(), v1::FAULT_ORIGIN_REPORTED);
  EXPECT_EQ(opened.opened_by(), "bb-staff");
  EXPECT_EQ(TimeOf(opened.opened_at()), ShanghaiTime(2026, 3, 2, 10, 0));
  EventuallyMetric("cs_channel_registry_open_faults", {{"unit", "broadband"}}, 1);

  SetTime(ShanghaiTime(2026, 3, 2, 12, 0));
  const absl::Status before = CloseFault(kStaff, "FT-1", ShanghaiTime(2026, 3, 2, 9, 0)).status();
  EXPECT_THAT(before, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(before), ElementsAre("repaired_at"));
  EXPECT_THAT(FieldsOf(CloseFault(kStaff, "FT-1", ShanghaiTime(2026, 3, 2, 13, 0)).status()),
              ElementsAre("repaired_at"));
  EXPECT_THAT(CloseFault(kPortalStaff, "FT-1", absl::nullopt),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::Fault closed,
                       CloseFault(kStaff, "FT-1", ShanghaiTime(2026, 3, 2, 11, 30)));
  EXPECT_EQ(TimeOf(closed.repaired_at()), ShanghaiTime(2026, 3, 2, 11, 30));
  EXPECT_EQ(closed.closed_by(), "bb-staff");
  EXPECT_EQ(closed.repair_note(), "已恢复");
  EXPECT_FALSE(closed.overdue());
  EXPECT_THAT(CloseFault(kStaff, "FT-1", absl::nullopt),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Metric("cs_channel_registry_faults_repaired_total",
                   {{"unit", "broadband"}, {"outcome", "in_time"}}),
            1);
  EventuallyMetric("cs_channel_registry_open_faults", {{"unit", "broadband"}}, 0);
  ASSERT_OK_AND_ASSIGN(v1::OnlineChannel channel, Get(kStaff, id));
  EXPECT_EQ(channel.history(channel.history_size() - 1).event(), "FAULT_CLOSED");
}

TEST_F(ChannelIntegrationTest, C2_EachKindHasItsRepairLimitAndOverdueFaultsAreFlagged) {
  const std::string mailbox = Filed();
  const std::string guestbook =
      Filed(Form("broadband", cs::common::v1::CHANNEL_GUESTBOOK, kGuestbook));
  SetTime(ShanghaiTime(2026, 3, 2, 10, 0));
  ASSERT_OK_AND_ASSIGN(v1::Fault mail_fault, OpenFault(kStaff, mailbox));
  ASSERT_OK_AND_ASSIGN(v1::Fault book_fault, OpenFault(kManager, guestbook, "留言簿无法提交"));
  // EMAIL: 8 wall hours (channel_fault_repair_by_kind); GUESTBOOK: channel_fault_repair, 24.
  EXPECT_EQ(TimeOf(mail_fault.repair_due()), ShanghaiTime(2026, 3, 2, 18, 0));
  EXPECT_EQ(TimeOf(book_fault.repair_due()), ShanghaiTime(2026, 3, 3, 10, 0));

  SetTime(ShanghaiTime(2026, 3, 2, 19, 0));
  v1::ListFaultsRequest list;
  list.set_open_only(true);
  ASSERT_OK_AND_ASSIGN(v1::ListFaultsResponse open, Call(&Stub::ListFaults, kCenter, list));
  ASSERT_THAT(open.faults(), SizeIs(2));
  EXPECT_TRUE(open.faults(0).overdue());
  EXPECT_FALSE(open.faults(1).overdue());
  list.set_channel_id(guestbook);
  ASSERT_OK_AND_ASSIGN(v1::ListFaultsResponse of_guestbook, Call(&Stub::ListFaults, kStaff, list));
  ASSERT_THAT(of_guestbook.faults(), SizeIs(1));
  EXPECT_EQ(of_guestbook.faults(0).fault_id(), book_fault.fault_id());
  EventuallyMetric("cs_channel_registry_faults_overdue", {{"unit", "broadband"}}, 1);
  EXPECT_EQ(Metric("cs_channel_registry_open_faults", {{"unit", "broadband"}}), 2);
  EXPECT_EQ(Metric("cs_channel_registry_oldest_open_fault_seconds"), 9 * 3600);

  ASSERT_OK_AND_ASSIGN(v1::Fault late, CloseFault(kStaff, mail_fault.fault_id(), absl::nullopt));
  EXPECT_TRUE(late.overdue()) << "repaired after its due time";
  ASSERT_OK_AND_ASSIGN(v1::Fault in_time, CloseFault(kStaff, book_fault.fault_id(), absl::nullopt));
  EXPECT_FALSE(in_time.overdue());
  EXPECT_EQ(Metric("cs_channel_registry_faults_repaired_total",
                   {{"unit", "broadband"}, {"outcome", "late"}}),
            1);
  EXPECT_EQ(Metric("cs_channel_registry_faults_repaired_total",
                   {{"unit", "broadband"}, {"outcome", "in_time"}}),
            1);
  EventuallyMetric("cs_channel_registry_faults_overdue", {{"unit", "broadband"}}, 0);

  // In the month's report and the unit's month.
  SetTime(ShanghaiTime(2026, 4, 1, 9, 0));
  ASSERT_OK_AND_ASSIGN(v1::ChannelMonthlyReport report, Report(kStaff, mailbox, "2026-03"));
  EXPECT_EQ(report.faults_opened(), 1);
  EXPECT_EQ(report.faults_repaired(), 1);
  EXPECT_EQ(report.faults_repaired_in_time(), 0);
  EXPECT_DOUBLE_EQ(report.longest_repair_hours(), 9);

  // For assessment: the late repair counts against March, the month of its due time.
  v1::GetMonthlyStatisticsRequest stats;
  stats.set_unit_id("broadband");
  stats.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatistics march,
                       Call(&Stub::GetMonthlyStatistics, kAssessment, stats));
  ASSERT_THAT(march.channels(), SizeIs(2));
  EXPECT_EQ(march.channels(0).channel_id(), mailbox);
  EXPECT_EQ(march.channels(0).faults_repaired(), 1);
  EXPECT_EQ(march.channels(0).faults_repaired_in_time(), 0);
  EXPECT_EQ(march.channels(0).faults_overdue(), 1);
  EXPECT_EQ(march.channels(1).faults_repaired_in_time(), 1);
  EXPECT_EQ(march.channels(1).faults_overdue(), 0);
  // A fault opened in March, due (8 wall hours later) in April and still open at April's end is
  // April's, though neither opened nor repaired in it.
  v1::OpenFaultRequest open_request;
  open_request.set_request_id("fault-at-march-end");
  open_request.set_channel_id(mailbox);
  open_request.set_description("信箱无法登录");
  *open_request.mutable_opened_at() = Ts(ShanghaiTime(2026, 3, 31, 20, 0));
  ASSERT_OK_AND_ASSIGN(v1::Fault open_fault, Call(&Stub::OpenFault, kStaff, open_request));
  EXPECT_EQ(TimeOf(open_fault.repair_due()), ShanghaiTime(2026, 4, 1, 4, 0));
  SetTime(ShanghaiTime(2026, 5, 1, 9, 0));
  stats.set_month("2026-04");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatistics april,
                       Call(&Stub::GetMonthlyStatistics, kAssessment, stats));
  ASSERT_THAT(april.channels(), SizeIs(2));
  EXPECT_EQ(april.channels(0).faults_repaired(), 0);
  EXPECT_EQ(april.channels(0).faults_overdue(), 1);
  stats.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(march, Call(&Stub::GetMonthlyStatistics, kAssessment, stats));
  EXPECT_EQ(march.channels(0).faults_overdue(), 1);
}

// --- C3, C4 publication -------------------------------------------------------------------------

TEST_F(ChannelIntegrationTest, C3_C4_TheChecklistNamesMissingItemsAndAdvisesEnglish) {
  v1::FilingForm form =
      Form("broadband", cs::common::v1::CHANNEL_WEB_FORM, "https://www.broadband.example.cn/order");
  form.add_purposes(v1::CHANNEL_PURPOSE_ORDERING);
  form.set_foreign_use_heavy(true);
  const std::string id = Filed(form);
  v1::GetPublicationChecklistRequest get;
  get.set_channel_id(id);
  ASSERT_OK_AND_ASSIGN(v1::PublicationChecklist empty,
                       Call(&Stub::GetPublicationChecklist, kCenter, get));
  EXPECT_TRUE(empty.takes_orders());
  EXPECT_THAT(empty.missing_items(), SizeIs(8));
  EXPECT_TRUE(empty.service_standards_missing());
  EXPECT_TRUE(empty.english_advised());
  EXPECT_FALSE(empty.complete());
  EXPECT_THAT(empty.notes(), Contains(HasSubstr("收费标准")));

  v1::RecordPublicationRequest record;
  record.set_channel_id(id);
  for (v1::PublishedItem item :
       {v1::PUBLISHED_ITEM_BUSINESS_FUNCTION, v1::PUBLISHED_ITEM_SCOPE, v1::PUBLISHED_ITEM_USAGE,
        v1::PUBLISHED_ITEM_CHARGES, v1::PUBLISHED_ITEM_FAULT_REPORTING,
        v1::PUBLISHED_ITEM_CONSULTATION_AND_COMPLAINT}) {
    record.add_items(item);
  }
  record.add_items(static_cast<v1::PublishedItem>(99));
  EXPECT_THAT(FieldsOf(Call(&Stub::RecordPublication, kStaff, record).status()),
              ElementsAre("items[6]"));
  record.mutable_items()->RemoveLast();
  record.set_service_standards_published(true);
  record.add_languages("zh");
  ASSERT_OK_AND_ASSIGN(v1::OnlineChannel recorded, Call(&Stub::RecordPublication, kStaff, record));
  EXPECT_THAT(recorded.publication().items(), SizeIs(6));
  EXPECT_TRUE(recorded.publication().service_standards_published());
  ASSERT_OK_AND_ASSIGN(v1::PublicationChecklist partial,
                       Call(&Stub::GetPublicationChecklist, kStaff, get));
  EXPECT_THAT(partial.missing_items(),
              ElementsAre(v1::PUBLISHED_ITEM_PAYMENT, v1::PUBLISHED_ITEM_STANDARD_CONTRACT));
  EXPECT_FALSE(partial.service_standards_missing());
  EXPECT_TRUE(partial.english_advised());
  EXPECT_FALSE(partial.complete());

  // Every item, and English: complete, nothing advised. The advice alone never makes it incomplete.
  record.add_items(v1::PUBLISHED_ITEM_PAYMENT);
  record.add_items(v1::PUBLISHED_ITEM_STANDARD_CONTRACT);
  ASSERT_OK(Call(&Stub::RecordPublication, kStaff, record).status());
  ASSERT_OK_AND_ASSIGN(v1::PublicationChecklist advised,
                       Call(&Stub::GetPublicationChecklist, kStaff, get));
  EXPECT_TRUE(advised.complete());
  EXPECT_TRUE(advised.english_advised());
  record.add_languages("en");
  ASSERT_OK_AND_ASSIGN(recorded, Call(&Stub::RecordPublication, kStaff, record));
  EXPECT_THAT(recorded.form().languages(), ElementsAre("zh", "en"));
  ASSERT_OK_AND_ASSIGN(v1::PublicationChecklist full,
                       Call(&Stub::GetPublicationChecklist, kStaff, get));
  EXPECT_TRUE(full.complete());
  EXPECT_FALSE(full.english_advised());
  EXPECT_THAT(full.missing_items(), IsEmpty());
}

// --- C5 checks ----------------------------------------------------------------------------------

TEST_F(ChannelIntegrationTest, C5_TwiceADayInsideWorkingHoursAcrossAHolidayAndAMakeUpSaturday) {
  // Filed Thursday 2026-04-30 09:00 with working hours twice a day (7 h 30 min ÷ 2 = 3 h 45 min of
  // working time): due 13:45 and 17:30; Labour Day (05-01…05-05, with its weekend) runs no clock;
  // Wednesday to Friday twice a day; the make-up Saturday 05-09 twice too; Sunday nothing.
  SetTime(ShanghaiTime(2026, 4, 30, 9, 0));
  const std::string id =
      Filed(Form("broadband", cs::common::v1::CHANNEL_EMAIL, kMailbox, "工作时间每天2次"));
  ASSERT_OK_AND_ASSIGN(v1::CheckSchedule schedule,
                       Schedule(id, ShanghaiTime(2026, 4, 30, 9, 0), 11));
  EXPECT_FALSE(schedule.service_time().around_the_clock());
  EXPECT_EQ(schedule.service_time().checks_per_day(), 2);
  EXPECT_EQ(schedule.interval_seconds(), 3 * 3600 + 45 * 60);
  EXPECT_EQ(TimeOf(schedule.next_due()), ShanghaiTime(2026, 4, 30, 13, 45));
  EXPECT_FALSE(schedule.overdue());
  std::vector<absl::Time> upcoming;
  for (const google::protobuf::Timestamp& t : schedule.upcoming()) upcoming.push_back(TimeOf(t));
  EXPECT_THAT(upcoming,
              ElementsAre(ShanghaiTime(2026, 4, 30, 13, 45), ShanghaiTime(2026, 4, 30, 17, 30),
                          ShanghaiTime(2026, 5, 6, 13, 45), ShanghaiTime(2026, 5, 6, 17, 30),
                          ShanghaiTime(2026, 5, 7, 13, 45), ShanghaiTime(2026, 5, 7, 17, 30),
                          ShanghaiTime(2026, 5, 8, 13, 45), ShanghaiTime(2026, 5, 8, 17, 30),
                          ShanghaiTime(2026, 5, 9, 13, 45), ShanghaiTime(2026, 5, 9, 17, 30),
                          ShanghaiTime(2026, 5, 11, 13, 45)));

  // A check at the close of Friday 05-15 makes the next due on Monday 05-18 13:45, across the
  // weekend; overdue only after that instant.
  SetTime(ShanghaiTime(2026, 5, 15, 17, 30));
  ASSERT_OK_AND_ASSIGN(v1::Check check, RecordCheck(kStaff, id, "张三"));
  EXPECT_TRUE(check.late()) << "the channel went unchecked since 30 April";
  EXPECT_EQ(TimeOf(check.next_due()), ShanghaiTime(2026, 5, 18, 13, 45));
  SetTime(ShanghaiTime(2026, 5, 18, 13, 45));
  ASSERT_OK_AND_ASSIGN(v1::OnlineChannel on_time, Get(kStaff, id));
  EXPECT_FALSE(on_time.check_overdue());
  EventuallyMetric("cs_channel_registry_checks_overdue", {{"unit", "broadband"}}, 0);
  SetTime(ShanghaiTime(2026, 5, 18, 14, 45));
  ASSERT_OK_AND_ASSIGN(v1::OnlineChannel overdue, Get(kStaff, id));
  EXPECT_TRUE(overdue.check_overdue());
  EventuallyMetric("cs_channel_registry_checks_overdue", {{"unit", "broadband"}}, 1);
  EXPECT_EQ(Metric("cs_channel_registry_oldest_overdue_check_seconds"), 3600);
  ASSERT_OK_AND_ASSIGN(v1::Check made, RecordCheck(kStaff, id, ""));
  EXPECT_EQ(made.checked_by(), "bb-staff") << "empty: the caller, one of the assigned staff";
  EXPECT_TRUE(made.late());
  EventuallyMetric("cs_channel_registry_checks_overdue", {{"unit", "broadband"}}, 0);
  EXPECT_EQ(Metric("cs_channel_registry_checks_total", {{"unit", "broadband"}}), 2);
}

TEST_F(ChannelIntegrationTest, C5_ACheckBySomeoneNotAssignedIsRefused) {
  const std::string id = Filed();
  SetTime(ShanghaiTime(2026, 3, 2, 12, 0));
  const absl::Status refused = RecordCheck(kStaff, id, "王五").status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("张三")));
  EXPECT_THAT(FieldsOf(refused), ElementsAre("checked_by"));
  EXPECT_THAT(FieldsOf(RecordCheck(kStaff, id, "张三", ShanghaiTime(2026, 3, 2, 13, 0)).status()),
              ElementsAre("checked_at"));
  ASSERT_OK_AND_ASSIGN(v1::Check check,
                       RecordCheck(kManager, id, "张三", ShanghaiTime(2026, 3, 2, 11, 0)));
  EXPECT_EQ(check.checked_by(), "张三");
  EXPECT_EQ(check.recorded_by(), "bb-manager");
  EXPECT_FALSE(check.late());
  EXPECT_EQ(TimeOf(check.next_due()), ShanghaiTime(2026, 3, 2, 23, 0));
  EXPECT_THAT(FieldsOf(RecordCheck(kStaff, id, "张三", ShanghaiTime(2026, 3, 2, 10, 0)).status()),
              ElementsAre("checked_at"));
  EXPECT_EQ(Metric("cs_channel_registry_checks_total", {{"unit", "broadband"}}), 1);
  ASSERT_OK_AND_ASSIGN(v1::OnlineChannel channel, Get(kCenter, id));
  EXPECT_EQ(TimeOf(channel.last_checked_at()), ShanghaiTime(2026, 3, 2, 11, 0));
  EXPECT_EQ(TimeOf(channel.next_check_due()), ShanghaiTime(2026, 3, 2, 23, 0));
}

// --- C6 mailbox capacity ------------------------------------------------------------------------

TEST_F(ChannelIntegrationTest, C6_ForecastsOnSteadyAcceleratingFlatAndNoisySeries) {
  auto mailbox = [&](int n) {
    return Filed(Form("broadband", cs::common::v1::CHANNEL_EMAIL,
                      absl::StrCat("box", n, "@broadband.example.cn")));
  };
  const std::string steady = mailbox(1);
  const std::string accelerating = mailbox(2);
  const std::string flat = mailbox(3);
  const std::string noisy = mailbox(4);
  const std::string shrinking = mailbox(5);
  SetTime(ShanghaiTime(2026, 3, 20, 9, 0));
  // Ten daily samples, 11…20 March at 08:00, capacity 1000.
  absl::StatusOr<v1::CapacityForecast> last[5];
  for (int i = 0; i < 10; ++i) {
    const absl::Time at = ShanghaiTime(2026, 3, 11 + i, 8, 0);
    last[0] = Sample(kMailMonitor, steady, at, 100 + 50 * i);
    last[1] = Sample(kMailMonitor, accelerating, at, 100 + 10 * i * i);
    last[2] = Sample(kMailMonitor, flat, at, 300);
    last[3] = Sample(kStaff, noisy, at, 200 + 20 * i + (i % 2 == 0 ? 30 : -30));
    last[4] = Sample(kMailMonitor, shrinking, at, 900 - 50 * i);
    for (const auto& result : last) ASSERT_OK(result.status()) << i;
  }
  // Steady: 50 a day, 550 used, full 9 days after the last sample — beyond the 7-day horizon.
  EXPECT_NEAR(last[0]->growth_per_day(), 50, 1e-6);
  EXPECT_EQ(last[0]->samples_used(), 10);
  EXPECT_DOUBLE_EQ(last[0]->usage_ratio(), 0.55);
  ASSERT_TRUE(last[0]->has_full_at());
  EXPECT_EQ(TimeOf(last[0]->full_at()), ShanghaiTime(2026, 3, 29, 8, 0));
  EXPECT_FALSE(last[0]->warning());
  EXPECT_TRUE(last[0]->advice().empty());
  // Accelerating: the line is steeper than the steady one and the box is 91 % used: warned, with
  // A3 7.5.4's advice.
  EXPECT_GT(last[1]->growth_per_day(), 50);
  EXPECT_TRUE(last[1]->has_full_at());
  EXPECT_TRUE(last[1]->warning());
  EXPECT_THAT(last[1]->advice(), HasSubstr("扩充"));
  // Flat and shrinking series never forecast full.
  EXPECT_DOUBLE_EQ(last[2]->growth_per_day(), 0);
  EXPECT_FALSE(last[2]->has_full_at());
  EXPECT_FALSE(last[2]->warning());
  EXPECT_LT(last[4]->growth_per_day(), 0);
  EXPECT_FALSE(last[4]->has_full_at());
  // Noisy: ±30 around 20 a day still reads as growth near 20.
  EXPECT_GT(last[3]->growth_per_day(), 10);
  EXPECT_LT(last[3]->growth_per_day(), 30);
  EXPECT_TRUE(last[3]->has_full_at());
  EXPECT_FALSE(last[3]->warning());

  v1::GetCapacityForecastRequest get;
  get.set_channel_id(steady);
  ASSERT_OK_AND_ASSIGN(v1::CapacityForecast read, Call(&Stub::GetCapacityForecast, kOffice, get));
  EXPECT_NEAR(read.growth_per_day(), 50, 1e-6);
  EXPECT_EQ(read.latest().used(), 550);
  EXPECT_TRUE(read.opened_fault_id().empty());

  // Gauges of a sweep that started after the last sample.
  WaitForSweeps();
  EXPECT_EQ(Metric("cs_channel_registry_capacity_warnings", {{"unit", "broadband"}}), 1);
  EXPECT_DOUBLE_EQ(Metric("cs_channel_registry_mailbox_usage_ratio", {{"channel", steady}}), 0.55);
  EXPECT_NEAR(Metric("cs_channel_registry_mailbox_days_to_full", {{"channel", steady}}),
              absl::ToDoubleHours(ShanghaiTime(2026, 3, 29, 8, 0) - Now()) / 24, 1e-3);
  const std::string text = Scrape();
  for (const std::string& id : {flat, shrinking}) {
    EXPECT_THAT(text, Not(HasSubstr(absl::StrCat(
                          "cs_channel_registry_mailbox_days_to_full{channel=\"", id, "\""))))
        << id;
    EXPECT_THAT(text, HasSubstr(absl::StrCat("cs_channel_registry_mailbox_usage_ratio{channel=\"",
                                             id, "\"")));
  }
}

TEST_F(ChannelIntegrationTest, C6_SamplesBackInTimeOrAboveCapacityAreRefusedNamingTheField) {
  const std::string id = Filed();
  SetTime(ShanghaiTime(2026, 3, 3, 12, 0));
  ASSERT_OK(Sample(kMailMonitor, id, ShanghaiTime(2026, 3, 3, 11, 0), 100).status());
  EXPECT_THAT(FieldsOf(Sample(kMailMonitor, id, ShanghaiTime(2026, 3, 3, 10, 0), 100).status()),
              ElementsAre("sample.sampled_at"));
  EXPECT_THAT(FieldsOf(Sample(kMailMonitor, id, ShanghaiTime(2026, 3, 3, 11, 0), 120).status()),
              ElementsAre("sample.sampled_at"));
  EXPECT_THAT(FieldsOf(Sample(kMailMonitor, id, ShanghaiTime(2026, 3, 3, 11, 30), 1200).status()),
              ElementsAre("sample.used"));
  EXPECT_THAT(FieldsOf(Sample(kMailMonitor, id, ShanghaiTime(2026, 3, 3, 11, 30), 10, 0).status()),
              Contains("sample.capacity"));
  EXPECT_THAT(FieldsOf(Sample(kMailMonitor, id, ShanghaiTime(2026, 3, 3, 13, 0), 100).status()),
              ElementsAre("sample.sampled_at"));
  // Only a mailbox takes samples.
  const std::string guestbook =
      Filed(Form("broadband", cs::common::v1::CHANNEL_GUESTBOOK, kGuestbook));
  EXPECT_THAT(Sample(kMailMonitor, guestbook, ShanghaiTime(2026, 3, 3, 11, 0), 1),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(ChannelIntegrationTest, C6_AFullBoxOpensAFault) {
  const std::string id = Filed();
  SetTime(ShanghaiTime(2026, 3, 3, 12, 0));
  ASSERT_OK_AND_ASSIGN(v1::CapacityForecast full,
                       Sample(kMailMonitor, id, ShanghaiTime(2026, 3, 3, 11, 0), 1000));
  EXPECT_EQ(full.opened_fault_id(), "FT-1");
  EXPECT_TRUE(full.warning());
  EXPECT_DOUBLE_EQ(full.usage_ratio(), 1);
  v1::ListFaultsRequest list;
  list.set_channel_id(id);
  ASSERT_OK_AND_ASSIGN(v1::ListFaultsResponse faults, Call(&Stub::ListFaults, kStaff, list));
  ASSERT_THAT(faults.faults(), SizeIs(1));
  EXPECT_EQ(faults.faults(0).origin(), v1::FAULT_ORIGIN_MAILBOX_FULL);
  EXPECT_EQ(faults.faults(0).opened_by(), "system");
  EXPECT_EQ(TimeOf(faults.faults(0).opened_at()), ShanghaiTime(2026, 3, 3, 11, 0));
  EXPECT_EQ(TimeOf(faults.faults(0).repair_due()), ShanghaiTime(2026, 3, 3, 19, 0));
  // Still full: no second fault while the first is open.
  ASSERT_OK_AND_ASSIGN(v1::CapacityForecast still,
                       Sample(kMailMonitor, id, ShanghaiTime(2026, 3, 3, 11, 30), 1000));
  EXPECT_TRUE(still.opened_fault_id().empty());
  ASSERT_OK_AND_ASSIGN(faults, Call(&Stub::ListFaults, kStaff, list));
  EXPECT_THAT(faults.faults(), SizeIs(1));
  EventuallyMetric("cs_channel_registry_open_faults", {{"unit", "broadband"}}, 1);
  ASSERT_OK_AND_ASSIGN(v1::OnlineChannel channel, Get(kStaff, id));
  EXPECT_EQ(channel.history(channel.history_size() - 1).event(), "FAULT_OPENED");
}

// --- C7 monthly reports -------------------------------------------------------------------------

TEST_F(ChannelIntegrationTest, C7_ALateReportAndAMissedOneCountedOnceByTheSweep) {
  const std::string on_time = Filed();
  const std::string late =
      Filed(Form("broadband", cs::common::v1::CHANNEL_EMAIL, "complaints@broadband.example.cn"));
  const std::string never = Filed(Form("broadband", cs::common::v1::CHANNEL_GUESTBOOK, kGuestbook));
  ASSERT_OK(Acknowledge(kCenter, on_time).status());
  EXPECT_THAT(Submit(kStaff, on_time, "2026-03"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2026-03")));
  EXPECT_THAT(Report(kStaff, on_time, "2026-03"), StatusIs(absl::StatusCode::kFailedPrecondition));

  SetTime(ShanghaiTime(2026, 4, 1, 9, 0));
  ASSERT_OK_AND_ASSIGN(v1::ChannelMonthlyReport report, Report(kStaff, on_time, "2026-03"));
  const absl::Time due = TimeOf(report.due_at());
  // The 5th working day of April 2026 (Qingming 04-04…04-06 runs no clock), at close of business.
  EXPECT_EQ(due, ShanghaiTime(2026, 4, 8, 17, 30));
  EXPECT_FALSE(report.late());
  EXPECT_GT(report.checks_missed(), 0) << "never checked in March";
  EXPECT_THAT(Submit(kPortalStaff, on_time, "2026-03"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::ChannelMonthlyReport submitted, Submit(kStaff, on_time, "2026-03"));
  EXPECT_FALSE(submitted.late());
  EXPECT_EQ(submitted.submitted_by(), "bb-staff");
  EXPECT_EQ(Metric("cs_channel_registry_report_deadlines_total",
                   {{"unit", "broadband"}, {"outcome", "met"}}),
            1);

  // At the due instant nothing is missed yet.
  SetTime(due);
  WaitForSweeps();
  EXPECT_EQ(Metric("cs_channel_registry_report_deadlines_total",
                   {{"unit", "broadband"}, {"outcome", "missed"}}),
            0);
  v1::GetMonthlyStatisticsRequest stats;
  stats.set_unit_id("broadband");
  stats.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatistics at_due,
                       Call(&Stub::GetMonthlyStatistics, kAssessment, stats));
  ASSERT_THAT(at_due.channels(), SizeIs(3));
  EXPECT_FALSE(at_due.channels(1).report_submitted_on_time());
  EXPECT_FALSE(at_due.channels(1).report_overdue()) << "not due yet";
  EXPECT_FALSE(at_due.channels(2).report_overdue());
  // Past it, the sweep counts the two reports not submitted, once each.
  SetTime(due + absl::Minutes(1));
  EventuallyMetric("cs_channel_registry_report_deadlines_total",
                   {{"unit", "broadband"}, {"outcome", "missed"}}, 2);
  EXPECT_EQ(Metric("cs_channel_registry_monthly_reports_late_total", {{"unit", "broadband"}}), 2);
  ASSERT_OK_AND_ASSIGN(v1::ChannelMonthlyReport missed, Report(kCenter, never, "2026-03"));
  EXPECT_TRUE(missed.late());
  EXPECT_FALSE(missed.has_submitted_at());

  // The late one comes in: late, and not counted a second time.
  SetTime(ShanghaiTime(2026, 4, 9, 10, 0));
  ASSERT_OK_AND_ASSIGN(v1::ChannelMonthlyReport late_report, Submit(kManager, late, "2026-03"));
  EXPECT_TRUE(late_report.late());
  EXPECT_EQ(TimeOf(late_report.submitted_at()), ShanghaiTime(2026, 4, 9, 10, 0));
  WaitForSweeps();
  EXPECT_EQ(Metric("cs_channel_registry_report_deadlines_total",
                   {{"unit", "broadband"}, {"outcome", "missed"}}),
            2);
  EXPECT_EQ(Metric("cs_channel_registry_monthly_reports_late_total", {{"unit", "broadband"}}), 2);
  EXPECT_EQ(Metric("cs_channel_registry_report_deadlines_total", {{"unit", "portal"}}), 0);

  // For assessment (SERVICE): the unit's March.
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatistics march,
                       Call(&Stub::GetMonthlyStatistics, kAssessment, stats));
  EXPECT_EQ(march.unit_id(), "broadband");
  EXPECT_EQ(march.channels_in_use(), 3);
  EXPECT_EQ(march.filings_complete_and_accurate(), 1) << "only one was acknowledged";
  ASSERT_THAT(march.channels(), SizeIs(3));
  EXPECT_EQ(march.channels(0).channel_id(), on_time);
  EXPECT_TRUE(march.channels(0).report_submitted_on_time());
  EXPECT_FALSE(march.channels(0).report_overdue());
  EXPECT_EQ(march.channels(1).channel_id(), late);
  EXPECT_FALSE(march.channels(1).report_submitted_on_time());
  EXPECT_TRUE(march.channels(1).report_overdue()) << "submitted after its due time";
  EXPECT_FALSE(march.channels(2).report_submitted_on_time());
  EXPECT_TRUE(march.channels(2).report_overdue());
  EXPECT_EQ(march.channels(2).kind(), cs::common::v1::CHANNEL_GUESTBOOK);
  EXPECT_GT(march.channels(0).checks_missed(), 0);
  EXPECT_OK(Call(&Stub::GetMonthlyStatistics, kOffice, stats).status());
  EXPECT_OK(Call(&Stub::GetMonthlyStatistics, kStaff, stats).status());
  stats.clear_unit_id();
  EXPECT_THAT(FieldsOf(Call(&Stub::GetMonthlyStatistics, kAssessment, stats).status()),
              ElementsAre("unit_id"));
}

TEST_F(ChannelIntegrationTest, OptionsOutOfRangeStopTheStartNamingTheFlag) {
  ChannelWiringOptions wiring;
  wiring.capacity_usage_threshold = 1.5;
  EXPECT_THAT(Start(wiring),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("capacity_usage_threshold")));
  wiring = ChannelWiringOptions();
  wiring.capacity_horizon = absl::ZeroDuration();
  EXPECT_THAT(Start(wiring),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("capacity_horizon")));
  wiring = ChannelWiringOptions();
  wiring.sweep_interval = absl::ZeroDuration();
  EXPECT_THAT(Start(wiring),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("sweep_interval")));
}

// --- Metrics ------------------------------------------------------------------------------------

TEST_F(ChannelIntegrationTest, EveryUnitsSeriesIsScrapedFromTheStart) {
  WaitForSweeps();
  const std::string text = Scrape();
  for (const char* unit : {"broadband", "portal", "idc"}) {
    for (const char* state : {"filed", "acknowledged", "inaccurate", "retired"}) {
      EXPECT_EQ(Metric("cs_channel_registry_channels", {{"unit", unit}, {"state", state}}), 0);
    }
    for (const char* name :
         {"cs_channel_registry_unfiled_channels", "cs_channel_registry_checks_overdue",
          "cs_channel_registry_open_faults", "cs_channel_registry_faults_overdue",
          "cs_channel_registry_capacity_warnings", "cs_channel_registry_checks_total",
          "cs_channel_registry_monthly_reports_late_total"}) {
      EXPECT_THAT(text, HasSubstr(absl::StrCat(name, "{unit=\"", unit, "\"}")))
          << name << " " << unit;
    }
    for (const char* outcome : {"in_time", "late"}) {
      EXPECT_THAT(text,
                  HasSubstr(absl::StrCat("cs_channel_registry_faults_repaired_total{outcome=\"",
                                         outcome, "\",unit=\"", unit, "\"}")))
          << unit;
    }
  }
  EXPECT_THAT(text, AllOf(HasSubstr("cs_channel_registry_oldest_overdue_check_seconds 0"),
                          HasSubstr("cs_channel_registry_oldest_open_fault_seconds 0"),
                          HasSubstr("cs_channel_registry_report_deadlines_total{"),
                          HasSubstr("cs_worker_rounds_total{worker=\"channel_registry_sweep\"")));
}

}  // namespace
}  // namespace cs::channel

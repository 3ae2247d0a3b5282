// Issue 12: what operators watch, proven on the real suite. The real binaries (RunningSuite, test
// clocks) are scraped by a real Prometheus (Debian's /usr/bin/prometheus) that runs the PROJECT'S
// configuration — deploy/prometheus/prometheus.yml with its targets moved to loopback by the same
// script deploy/run-local.sh uses, every other setting kept — and every rule file of
// deploy/prometheus/rules, at a 1 s scrape and evaluation interval.
//
// Tickets go through intake, routing and the archive; the SLA series and the recording rules the
// dashboards show are read back through Prometheus's HTTP API; a forward left unconfirmed past its
// working hour (routing stopped, intake's clock moved) fires IntakeReceiptDeadlineMissed. Then
// tests/static/check_dashboards.py checks every Grafana panel query of deploy/grafana against this
// Prometheus (accepted, with data) and against the metric names the services really exported in
// the scrapes of this test, and every rule for errors and unknown metric names.
#include <stdio.h>

#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/api/proto_time.h"
#include "common/grpc/client_auth.h"
#include "common/testclock/test_clock_client.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/prometheus_server.h"
#include "common/testing/shell_command.h"
#include "common/testing/status_matchers.h"
#include "common/testing/wait_for.h"
#include "common/time/calendar_testing.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/channel/v1/channel.grpc.pb.h"
#include "cs/hotline/v1/hotline.grpc.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/hotline_as_unit.h"
#include "tests/e2e/intake_as_staff.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {
namespace {

using ::cs::common::testing::HttpGet;
using ::cs::common::testing::PrometheusAlert;
using ::cs::common::testing::PrometheusSample;
using ::cs::common::testing::PrometheusServer;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::SumSamples;
using ::cs::common::testing::WaitFor;
using ::cs::intake::v1::IntakeService;
using ::cs::routing::v1::RoutingService;
using ::testing::Contains;
using ::testing::Field;
using ::testing::Not;
using ::testing::Pair;
using ::testing::SizeIs;

// Panels that may show nothing after this test. No monthly report falls due while it runs. And
// cs_routing_decisions_total is not exported at 0 before a process's first decision: its series
// appear at 1, so increase() over them cannot see the test's one decision and the share of
// overrides has no denominator (the SLA counters, by contrast, exist at 0 from the start).
const std::vector<std::string>& PanelsAllowedEmpty() {
  static const auto* const kPanels =
      new std::vector<std::string>{"archive.json:Reports on time by unit, last 30 days",
                                   "routing.json:Suggestion overridden, last 24 h"};
  return *kPanels;
}

class ObservabilityE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SuiteOptions options;
    options.test_clock = true;
    options.extra_flags["intake"] = {"--sla_sweep_interval=100ms"};
    options.extra_flags["routing"] = {"--supervision_interval=200ms"};
    options.extra_flags["hotline-registry"] = {"--sweep_interval=200ms"};
    options.extra_flags["channel-registry"] = {"--sweep_interval=200ms"};
    // At the clock's 27 November, October's reports are due: the sweep scores October, reading
    // every peer (so each source_up series exists).
    options.extra_flags["assessment"] = {"--sweep_interval=200ms"};
    ASSERT_OK_AND_ASSIGN(suite_, RunningSuite::Start(options));
    for (const std::string& name : RunningSuite::ServiceNames()) {
      metrics_ports_[name] = suite_->service(name).metrics_port;
      // Friday 2026-11-27 10:00 in Shanghai on every process: a working hour.
      common::TestClockClient clock(suite_->service(name).channel, std::string(kCsCenterToken));
      ASSERT_OK(clock.SetTime(ShanghaiTime(2026, 11, 27, 10, 0), /*allow_backwards=*/true).status())
          << name;
    }
    ASSERT_OK_AND_ASSIGN(const std::string config,
                         common::testing::ProjectPrometheusConfig(CS_SOURCE_DIR, metrics_ports_));
    common::testing::PrometheusOptions prometheus;
    prometheus.config = config;
    ASSERT_OK_AND_ASSIGN(prometheus_, PrometheusServer::Start(prometheus));
    intake_ = IntakeService::NewStub(suite_->service("intake").channel);
    routing_ = RoutingService::NewStub(suite_->service("routing").channel);
    archive_ = cs::archive::v1::ArchiveService::NewStub(suite_->service("archive").channel);
  }

  // The one sample of `expr` once Prometheus has it (fails the test otherwise). Prometheus answers
  // what it has scraped so far: an expression that waits for a value filters for it (`x == 1`).
  double WaitForValue(const std::string& expr, absl::Duration timeout = absl::Seconds(30)) {
    absl::StatusOr<std::vector<PrometheusSample>> samples =
        prometheus_->WaitForSamples(expr, timeout);
    EXPECT_OK(samples.status()) << "\nconfiguration:\n"
                                << prometheus_->config() << "\nlog:\n"
                                << prometheus_->LogTail(1500);
    if (!samples.ok()) return -1;
    EXPECT_THAT(*samples, SizeIs(1)) << expr;
    return samples->front().value;
  }

  // Remembers the name of every sample `service` exports now.
  void ScrapeNames(const std::string& service) {
    absl::StatusOr<std::string> text = HttpGet(metrics_ports_[service], "/metrics");
    ASSERT_OK(text.status()) << service;
    ASSERT_OK_AND_ASSIGN(std::vector<common::testing::MetricSample> samples,
                         common::testing::ParseMetricsText(*text));
    for (const auto& sample : samples) exported_.insert(sample.name);
  }

  double Scraped(const std::string& service, const std::string& name,
                 const std::map<std::string, std::string>& labels) {
    absl::StatusOr<std::string> text = HttpGet(metrics_ports_[service], "/metrics");
    if (!text.ok()) return -1;
    return SumSamples(*text, name, labels).value_or(-1);
  }

  template <typename Stub, typename Request, typename Response>
  Response Call(Stub& stub,
                grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                absl::string_view token, const Request& request) {
    Response response;
    const grpc::Status status = CallAs(stub, method, token, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  cs::intake::v1::Ticket Create(const std::string& request_id, absl::string_view unit_id,
                                absl::string_view token) {
    cs::intake::v1::CreateTicketRequest create;
    create.set_request_id(request_id);
    *create.mutable_ticket() = CompleteTicketInput(unit_id);
    create.mutable_ticket()->set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
    create.mutable_ticket()->set_email("zhang@example.cn");
    return Call(*intake_, &IntakeService::Stub::CreateTicket, token, create);
  }

  cs::intake::v1::Ticket Forward(int64_t ticket_id, const std::string& request_id) {
    cs::intake::v1::ForwardTicketRequest forward;
    forward.set_request_id(request_id);
    forward.set_ticket_id(ticket_id);
    return Call(*intake_, &IntakeService::Stub::ForwardTicket, kBroadbandStaffToken, forward);
  }

  // The hotline registry (SPEC §3), on its own test clock: a broadband hotline approved on Monday
  // 12 October 2026 with a number change in transition from the 13th, October's calls ingested and
  // its October operating report submitted on time on 2 November; then back to the others' time.
  // So its dashboard's panels (rates last month and this month, transition time left, reports on
  // time) have data.
  void DriveHotlineRegistry() {
    using cs::hotline::v1::HotlineRegistryService;
    RunningSuite::Member& member = suite_->service("hotline-registry");
    auto hotline = HotlineRegistryService::NewStub(member.channel);
    common::TestClockClient clock(member.channel, std::string(kCsCenterToken));
    ASSERT_OK(clock.SetTime(ShanghaiTime(2026, 10, 12, 10, 0), /*allow_backwards=*/true).status());

    absl::StatusOr<cs::hotline::v1::Hotline> filed = RegisterApprovedHotline(
        *hotline, BroadbandHotlineForm("021-5888 1234", ShanghaiTime(2020, 1, 6, 0, 0)),
        "obs-hotline");
    ASSERT_OK(filed.status());

    cs::hotline::v1::FileChangeRequest change;
    change.set_request_id("obs-hotline-change");
    change.set_hotline_id(filed->hotline_id());
    cs::hotline::v1::ChangeForm& f2 = *change.mutable_form();
    *f2.mutable_change_at() = common::ToProtoTimestamp(ShanghaiTime(2026, 10, 13, 0, 0));
    f2.set_item(cs::hotline::v1::CHANGE_ITEM_NUMBER_CHANGE);
    f2.set_reason("号段调整");
    f2.set_handler("王五");
    f2.set_new_number("021-6000 0000");
    f2.set_transition_kind(cs::hotline::v1::TRANSITION_KIND_AUTOMATIC_TRANSFER);
    *f2.mutable_transition_ends_at() = common::ToProtoTimestamp(ShanghaiTime(2027, 1, 14, 0, 0));
    const cs::hotline::v1::Hotline changed =
        Call(*hotline, &HotlineRegistryService::Stub::FileChange, kBroadbandStaffToken, change);
    ASSERT_EQ(changed.changes_size(), 1);
    cs::hotline::v1::SignFormRequest sign;
    sign.set_hotline_id(filed->hotline_id());
    sign.set_form(cs::hotline::v1::FORM_KIND_CHANGE);
    sign.set_change_id(changed.changes(0).change_id());
    Call(*hotline, &HotlineRegistryService::Stub::SignForm, kBroadbandManagerToken, sign);
    cs::hotline::v1::DecideChangeRequest agree;
    agree.set_hotline_id(filed->hotline_id());
    agree.set_change_id(changed.changes(0).change_id());
    agree.set_approve(true);
    Call(*hotline, &HotlineRegistryService::Stub::DecideChange, kCsCenterToken, agree);

    // October's calls, 9 of 10 answered, streamed in; the report on October submitted on time.
    ASSERT_OK(clock.SetTime(ShanghaiTime(2026, 11, 2, 10, 0)).status());
    absl::StatusOr<cs::hotline::v1::IngestCallRecordsResponse> ingested = StreamCallRecords(
        *hotline, CallRecords(filed->hotline_id(), "obs-oct-", ShanghaiTime(2026, 10, 14, 10, 0),
                              absl::Minutes(1), 10, 9));
    ASSERT_OK(ingested.status());
    ASSERT_EQ(ingested->stored(), 10);
    cs::hotline::v1::SubmitOperatingReportRequest submit;
    submit.set_request_id("obs-hotline-report");
    submit.set_hotline_id(filed->hotline_id());
    submit.set_month("2026-10");
    const cs::hotline::v1::OperatingReport report =
        Call(*hotline, &HotlineRegistryService::Stub::SubmitOperatingReport, kBroadbandStaffToken,
             submit);
    EXPECT_TRUE(report.submitted_on_time());
    ASSERT_OK(clock.SetTime(ShanghaiTime(2026, 11, 27, 10, 0)).status());
  }

  // The channel registry (SPEC §4), on its own test clock: a broadband complaint mailbox filed and
  // acknowledged on Monday 12 October 2026, a fault opened and repaired in time, checks, a month of
  // growing usage samples and October's report submitted on time on 2 November; a second fault
  // left open. So its dashboard's panels (channels, faults, mailbox usage and days to full, reports
  // on time, faults in time) have data.
  void DriveChannelRegistry() {
    using cs::channel::v1::ChannelRegistryService;
    RunningSuite::Member& member = suite_->service("channel-registry");
    auto registry = ChannelRegistryService::NewStub(member.channel);
    common::TestClockClient clock(member.channel, std::string(kCsCenterToken));
    ASSERT_OK(clock.SetTime(ShanghaiTime(2026, 10, 12, 10, 0), /*allow_backwards=*/true).status());

    cs::channel::v1::FileChannelRequest file;
    file.set_request_id("obs-channel");
    cs::channel::v1::FilingForm& form = *file.mutable_form();
    form.set_unit_id("broadband");
    form.set_implementation("Webmaster 信箱");
    form.set_kind(cs::common::v1::CHANNEL_EMAIL);
    form.add_purposes(cs::channel::v1::CHANNEL_PURPOSE_COMPLAINT);
    form.set_business_scope("宽带业务投诉");
    form.set_address("webmaster@broadband.example.cn");
    form.set_capacity("2 GB");
    form.set_service_time("7*24小时每天2次");
    form.set_staffing(cs::channel::v1::STAFFING_DEDICATED);
    form.add_assigned_staff("赵六");
    form.mutable_contact()->set_person("张三");
    form.mutable_contact()->set_phone("021-5888 0001");
    const cs::channel::v1::OnlineChannel filed =
        Call(*registry, &ChannelRegistryService::Stub::FileChannel, kBroadbandStaffToken, file);
    ASSERT_FALSE(filed.channel_id().empty());
    cs::channel::v1::AcknowledgeFilingRequest acknowledge;
    acknowledge.set_request_id("obs-channel-ack");
    acknowledge.set_channel_id(filed.channel_id());
    Call(*registry, &ChannelRegistryService::Stub::AcknowledgeFiling, kCsCenterToken, acknowledge);

    // A fault on the 13th, repaired in 2 hours (the limit is 24 wall hours).
    ASSERT_OK(clock.SetTime(ShanghaiTime(2026, 10, 13, 10, 0)).status());
    cs::channel::v1::OpenFaultRequest open;
    open.set_request_id("obs-fault-1");
    open.set_channel_id(filed.channel_id());
    open.set_description("信箱无法接收邮件");
    const cs::channel::v1::Fault fault =
        Call(*registry, &ChannelRegistryService::Stub::OpenFault, kBroadbandStaffToken, open);
    ASSERT_OK(clock.SetTime(ShanghaiTime(2026, 10, 13, 12, 0)).status());
    cs::channel::v1::CloseFaultRequest close;
    close.set_request_id("obs-fault-1-close");
    close.set_fault_id(fault.fault_id());
    close.set_repair_note("更换邮件服务器证书");
    EXPECT_FALSE(
        Call(*registry, &ChannelRegistryService::Stub::CloseFault, kBroadbandStaffToken, close)
            .overdue());

    // Daily usage, growing by 20 messages a day in a box of 5000 (full in April 2027), with a check
    // each day.
    for (int day = 14; day <= 31; ++day) {
      ASSERT_OK(clock.SetTime(ShanghaiTime(2026, 10, day, 9, 0)).status());
      cs::channel::v1::RecordCheckRequest check;
      check.set_request_id(absl::StrCat("obs-check-", day));
      check.set_channel_id(filed.channel_id());
      check.set_checked_by("赵六");
      check.set_new_complaints(day % 3);
      Call(*registry, &ChannelRegistryService::Stub::RecordCheck, kBroadbandStaffToken, check);
      cs::channel::v1::RecordUsageSampleRequest sample;
      sample.set_request_id(absl::StrCat("obs-usage-", day));
      sample.set_channel_id(filed.channel_id());
      sample.mutable_sample()->set_used(1000 + 20 * day);
      sample.mutable_sample()->set_capacity(5000);
      *sample.mutable_sample()->mutable_sampled_at() =
          common::ToProtoTimestamp(ShanghaiTime(2026, 10, day, 9, 0));
      Call(*registry, &ChannelRegistryService::Stub::RecordUsageSample, kBroadbandStaffToken,
           sample);
    }

    // October's report on time; a fault opened and left open.
    ASSERT_OK(clock.SetTime(ShanghaiTime(2026, 11, 2, 10, 0)).status());
    cs::channel::v1::SubmitMonthlyReportRequest submit;
    submit.set_request_id("obs-channel-report");
    submit.set_channel_id(filed.channel_id());
    submit.set_month("2026-10");
    EXPECT_FALSE(Call(*registry, &ChannelRegistryService::Stub::SubmitMonthlyReport,
                      kBroadbandStaffToken, submit)
                     .late());
    open.set_request_id("obs-fault-2");
    open.set_description("网页表单提交失败");
    Call(*registry, &ChannelRegistryService::Stub::OpenFault, kBroadbandStaffToken, open);
    ASSERT_OK(clock.SetTime(ShanghaiTime(2026, 11, 27, 10, 0)).status());
  }

  absl::Status WaitForTicketStatus(int64_t ticket_id, cs::intake::v1::TicketStatus status) {
    IntakeAsStaff intake(suite_->service("intake").channel);
    return WaitFor(absl::StrCat("ticket ", ticket_id, " to become ",
                                cs::intake::v1::TicketStatus_Name(status)),
                   [&] { return intake.Get(ticket_id).status() == status; });
  }

  std::unique_ptr<RunningSuite> suite_;
  std::map<std::string, int> metrics_ports_;
  std::unique_ptr<PrometheusServer> prometheus_;
  std::unique_ptr<IntakeService::Stub> intake_;
  std::unique_ptr<RoutingService::Stub> routing_;
  std::unique_ptr<cs::archive::v1::ArchiveService::Stub> archive_;
  std::set<std::string> exported_;
};

TEST_F(ObservabilityE2eTest, ProjectConfigRulesAndDashboardsAgainstTheRealSuite) {
  // The project's scrape configuration, on loopback: exactly the running services, each up,
  // labelled as compose labels them.
  const int services = static_cast<int>(RunningSuite::ServiceNames().size());
  EXPECT_EQ(WaitForValue(absl::StrCat(R"(count(up{job="cs-services"} == 1) == )", services)),
            services);
  EXPECT_EQ(WaitForValue("count(up)"), services);
  for (const std::string& name : RunningSuite::ServiceNames()) {
    EXPECT_EQ(WaitForValue(absl::StrCat(R"(up{job="cs-services",service=")", name, R"("})")), 1);
  }

  // The hotline registry: October's rate (9 of 10), a number in transition, a report on time.
  ASSERT_NO_FATAL_FAILURE(DriveHotlineRegistry());
  EXPECT_EQ(
      WaitForValue(
          R"(max(cs_hotline_registry_connection_rate_percent{unit="broadband",month="previous"}) == 90)"),
      90);
  EXPECT_EQ(WaitForValue(R"(max(cs_hotline_registry_number_transitions_active) == 1)"), 1);
  EXPECT_EQ(WaitForValue(R"(cs:hotline_registry_report_on_time_ratio:30d{unit="broadband"} == 1)"),
            1);

  // The channel registry: one acknowledged mailbox filling up, a fault repaired in time and one
  // open, October's report on time.
  ASSERT_NO_FATAL_FAILURE(DriveChannelRegistry());
  EXPECT_EQ(WaitForValue(
                R"(max(cs_channel_registry_channels{unit="broadband",state="acknowledged"}) == 1)"),
            1);
  EXPECT_EQ(WaitForValue(R"(max(cs_channel_registry_open_faults{unit="broadband"}) == 1)"), 1);
  EXPECT_GT(WaitForValue(R"(max(cs_channel_registry_mailbox_days_to_full) > 0)"), 0);
  EXPECT_EQ(WaitForValue(R"(cs:channel_registry_report_on_time_ratio:30d{unit="broadband"} == 1)"),
            1);
  EXPECT_EQ(WaitForValue(R"(cs:channel_registry_faults_in_time_ratio:30d{unit="broadband"} == 1)"),
            1);

  // Ticket A, broadband: forwarded and confirmed at once (I4, I5), dispatched to idc (R2), replied
  // to in time, delivered, closed and archived (V1).
  const cs::intake::v1::Ticket a = Create("obs-a-create", "broadband", kBroadbandStaffToken);
  Forward(a.ticket_id(), "obs-a-forward");
  ASSERT_OK(WaitForTicketStatus(a.ticket_id(), cs::intake::v1::TICKET_STATUS_RECEIVED));
  cs::routing::v1::ListRoutedTicketsRequest list;
  list.set_ticket_id(a.ticket_id());
  const auto routed =
      Call(*routing_, &RoutingService::Stub::ListRoutedTickets, kDesignatedUnitToken, list);
  ASSERT_THAT(routed.routed_tickets(), SizeIs(1));
  cs::routing::v1::DecideTicketRequest decide;
  decide.set_request_id("obs-a-decide");
  decide.set_routed_ticket_id(routed.routed_tickets(0).routed_ticket_id());
  decide.set_decision(cs::routing::v1::DECISION_INTERNAL_DISPATCH);
  decide.set_unit_id("idc");
  decide.set_reason("线路在数据中心机房，由数据中心处理");
  const auto decided =
      Call(*routing_, &RoutingService::Stub::DecideTicket, kDesignatedUnitToken, decide);
  ASSERT_THAT(decided.orders(), SizeIs(1));
  const int64_t order_id = decided.orders(0).order_id();
  cs::routing::v1::AcceptDispatchOrderRequest accept;
  accept.set_order_id(order_id);
  Call(*routing_, &RoutingService::Stub::AcceptDispatchOrder, kIdcStaffToken, accept);
  cs::routing::v1::ReplyToDispatchOrderRequest reply;
  reply.set_request_id("obs-a-reply");
  reply.set_order_id(order_id);
  reply.set_handling_result("机房线路已修复，宽带已恢复。");
  Call(*routing_, &RoutingService::Stub::ReplyToDispatchOrder, kIdcStaffToken, reply);
  // The mail gateway takes the reply and delivers it.
  cs::routing::v1::PullDeliveriesRequest pull;
  pull.set_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
  pull.set_max_deliveries(10);
  pull.set_gateway("mail-gateway");
  const auto pulled =
      Call(*routing_, &RoutingService::Stub::PullDeliveries, kMailGatewayToken, pull);
  ASSERT_THAT(pulled.deliveries(), SizeIs(1));
  cs::routing::v1::AckDeliveryRequest ack;
  ack.set_delivery_id(pulled.deliveries(0).delivery_id());
  ack.set_lease_token(pulled.deliveries(0).lease_token());
  ack.set_gateway("mail-gateway");
  ack.set_result(cs::routing::v1::DELIVERY_RESULT_DELIVERED);
  Call(*routing_, &RoutingService::Stub::AckDelivery, kMailGatewayToken, ack);
  ASSERT_OK(WaitForTicketStatus(a.ticket_id(), cs::intake::v1::TICKET_STATUS_REPLIED));
  cs::intake::v1::CloseTicketRequest close;
  close.set_request_id("obs-a-close");
  close.set_ticket_id(a.ticket_id());
  Call(*intake_, &IntakeService::Stub::CloseTicket, kBroadbandStaffToken, close);
  cs::archive::v1::SearchRecordsRequest search;
  search.set_ticket_id(a.ticket_id());
  search.set_reason("observability e2e: the record arrived");
  cs::archive::v1::SearchRecordsResponse found;
  ASSERT_OK(WaitFor("ticket A in the archive", [&] {
    return CallAs(*archive_, &cs::archive::v1::ArchiveService::Stub::SearchRecords, kCsCenterToken,
                  search, &found)
               .ok() &&
           found.records_size() == 1;
  }));
  // Another unit's staff may not read it: a denied read, logged and counted (V3).
  cs::archive::v1::GetRecordRequest get;
  get.set_record_id(found.records(0).record_id());
  get.set_reason("observability e2e: not my unit's record");
  cs::archive::v1::ArchivedRecord record;
  EXPECT_EQ(CallAs(*archive_, &cs::archive::v1::ArchiveService::Stub::GetRecord, kPortalStaffToken,
                   get, &record)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // Ticket C, portal: recorded and never forwarded; two hours on intake's clock later its
  // confirmation deadline has passed (SPEC I5 counts from intake).
  ASSERT_NE(Create("obs-c-create", "portal", kPortalStaffToken).ticket_id(), 0);
  common::TestClockClient intake_clock(suite_->service("intake").channel,
                                       std::string(kCsCenterToken));
  ASSERT_OK(intake_clock.Advance(absl::Hours(2)).status());
  ASSERT_OK(WaitFor("intake to count portal's miss", [&] {
    return Scraped("intake", "cs_intake_receipt_deadlines_total",
                   {{"unit", "portal"}, {"outcome", "missed"}}) == 1;
  }));

  // The SLA series, through Prometheus.
  EXPECT_EQ(
      WaitForValue(
          R"(sum(cs_intake_receipt_deadlines_total{service="intake",unit="broadband",outcome="met"}) == 1)"),
      1);
  EXPECT_EQ(
      WaitForValue(
          R"(max(cs_intake_tickets_awaiting_confirmation{unit="portal",stage="with_unit",deadline_passed="true"}) == 1)"),
      1);
  EXPECT_EQ(
      WaitForValue(
          R"(sum(cs_routing_decisions_total{service="routing",decision="internal_dispatch"}) == 1)"),
      1);
  EXPECT_EQ(
      WaitForValue(
          R"(sum(cs_routing_order_deadlines_total{unit="idc",path="internal_dispatch",outcome="met"}) == 1)"),
      1);
  EXPECT_EQ(WaitForValue(R"(max(cs_routing_open_orders{unit="idc"}) == 0)"), 0);
  EXPECT_EQ(
      WaitForValue(
          R"(sum(cs_archive_records_archived_total{service="archive",unit="broadband"}) == 1)"),
      1);
  // The recording rules the dashboards show: broadband met its only deadline, portal missed its
  // only one, idc handled its order in time.
  EXPECT_EQ(WaitForValue(R"(cs:intake_receipt_on_time_ratio:1h{unit="broadband"} == 1)"), 1);
  EXPECT_EQ(WaitForValue(R"(cs:intake_receipt_on_time_ratio:1d{unit="broadband"} == 1)"), 1);
  EXPECT_EQ(WaitForValue(R"(cs:intake_receipt_on_time_ratio:1h{unit="portal"})"), 0);
  EXPECT_GT(
      WaitForValue(R"(cs:intake_receipt_deadlines:increase1h{unit="portal",outcome="missed"} > 0)"),
      0);
  EXPECT_EQ(WaitForValue(
                R"(cs:routing_order_on_time_ratio:1h{unit="idc",path="internal_dispatch"} == 1)"),
            1);
  EXPECT_EQ(WaitForValue(
                R"(cs:routing_order_on_time_ratio:1d{unit="idc",path="internal_dispatch"} == 1)"),
            1);
  // No ratio for a unit without deadlines (absent, not NaN).
  EXPECT_THAT(prometheus_->Query(R"(cs:intake_receipt_on_time_ratio:1h{unit="hosting"})"),
              common::testing::IsOkAndHolds(::testing::IsEmpty()));
  for (const std::string& name : RunningSuite::ServiceNames()) {
    ASSERT_NO_FATAL_FAILURE(ScrapeNames(name));
  }
  // Broadband has missed nothing yet.
  EXPECT_THAT(prometheus_->Alerts(),
              common::testing::IsOkAndHolds(Not(Contains(
                  Field(&PrometheusAlert::labels,
                        ::testing::AllOf(Contains(Pair("alertname", "IntakeReceiptDeadlineMissed")),
                                         Contains(Pair("unit", "broadband"))))))));

  // Routing is stopped next: its series born of ticket A (decisions, the reply histogram, the
  // gateway's result, which came last) must be in Prometheus twice first, or the dashboards'
  // increase() and rate() over them have nothing to work on once routing is gone.
  // (Every delivery series exists at 0 from the start: count the scrapes of the one ticket A
  // moved off 0.)
  EXPECT_GE(
      WaitForValue(
          R"(max(count_over_time((cs_routing_deliveries_total{result="delivered"} >= 1)[5m:])) >= 2)"),
      2);

  // Ticket B, broadband: forwarded while routing is down, so its receipt is not confirmed; past
  // its working hour the deadline is missed and the alert fires (SPEC I5, A5 6.3).
  RunningSuite::Member& routing = suite_->service("routing");
  routing.process->Stop();
  const cs::intake::v1::Ticket b = Create("obs-b-create", "broadband", kBroadbandStaffToken);
  EXPECT_EQ(Forward(b.ticket_id(), "obs-b-forward").status(),
            cs::intake::v1::TICKET_STATUS_FORWARDING);
  ASSERT_OK(WaitFor("intake's relay to fail against the stopped routing", [&] {
    return Scraped("intake", "cs_intake_outbox_delivery_failures_total",
                   {{"destination", "routing"}}) > 0;
  }));
  // Recorded at 12:00, in the lunch break: due at 14:00.
  ASSERT_OK(intake_clock.Advance(absl::Hours(3)).status());
  ASSERT_OK(WaitFor("intake to count broadband's miss", [&] {
    return Scraped("intake", "cs_intake_receipt_deadlines_total",
                   {{"unit", "broadband"}, {"outcome", "missed"}}) == 1;
  }));
  absl::StatusOr<PrometheusAlert> alert = prometheus_->WaitForAlert(
      "IntakeReceiptDeadlineMissed", {{"unit", "broadband"}}, "firing", absl::Seconds(30));
  ASSERT_OK(alert.status()) << prometheus_->LogTail(1500);
  // The value is increase()'s extrapolation of the one miss over the hour, e.g. 1.4.
  EXPECT_THAT(alert->annotations,
              Contains(Pair("summary", ::testing::HasSubstr("unit broadband missed "))));
  EXPECT_EQ(
      WaitForValue(
          R"(max(cs_intake_tickets_awaiting_confirmation{unit="broadband",stage="forwarding",deadline_passed="true"}) == 1)"),
      1);
  const double ratio = WaitForValue(R"(cs:intake_receipt_on_time_ratio:1h{unit="broadband"} < 1)");
  EXPECT_GT(ratio, 0);
  EXPECT_LT(ratio, 1);
  ASSERT_NO_FATAL_FAILURE(ScrapeNames("intake"));

  // Routing back: the relay delivers the forward, late.
  ASSERT_OK(routing.process->Restart());
  ASSERT_OK(routing.process->WaitUntilServing(routing.grpc_port));
  ASSERT_OK(WaitForTicketStatus(b.ticket_id(), cs::intake::v1::TICKET_STATUS_RECEIVED))
      << routing.process->LogTail();
  EXPECT_EQ(WaitForValue(absl::StrCat(R"(count(up{job="cs-services"} == 1) == )", services)),
            services);
  // The scrapes that failed while routing was down marked its series stale; its gauges come back
  // only with a scrape after its first rounds since the restart. Wait for them before the
  // dashboards are checked for data.
  for (const char* gauge : {"cs_routing_open_orders", "cs_routing_overdue_orders",
                            "cs_routing_deliveries_waiting", "cs_routing_outbox_pending"}) {
    EXPECT_GT(WaitForValue(absl::StrCat("count(", gauge, ") > 0")), 0) << gauge;
  }
  // The assessment's sweep has read all five peers and scored October.
  EXPECT_EQ(WaitForValue("count(cs_assessment_source_up) == 5"), 5);
  EXPECT_GT(WaitForValue(R"(sum(cs_assessment_scorecards{set="monthly"}) > 0)"), 0);
  for (const std::string& name : RunningSuite::ServiceNames()) {
    ASSERT_NO_FATAL_FAILURE(ScrapeNames(name));
  }

  // Every dashboard query against this Prometheus and these metric names, and every rule.
  const std::string names_file =
      absl::StrCat(::testing::TempDir(), "/observability_e2e_metrics.txt");
  std::ofstream(names_file) << absl::StrJoin(exported_, "\n") << "\n";
  std::string command = absl::StrCat(
      "/usr/bin/python3 ", CS_SOURCE_DIR, "/tests/static/check_dashboards.py --exported-metrics '",
      names_file, "' --prometheus http://127.0.0.1:", prometheus_->port(), " --require-data");
  for (const std::string& panel : PanelsAllowedEmpty()) {
    absl::StrAppend(&command, " --allow-empty '", panel, "'");
  }
  absl::StrAppend(&command, " ", CS_SOURCE_DIR);
  const common::testing::ShellResult run = common::testing::RunShellCommand(command);
  EXPECT_EQ(run.exit_code, 0) << command << "\n" << run.output;
  std::cout << run.output;
}

}  // namespace
}  // namespace cs::e2e

// The hotline registry as deployed (HotlineRegistryWiring), in-process on loopback gRPC with a test
// clock, on a real MariaDB, with the shipped deploy/config (calendar, units, SLA targets, phrases).
// Each of SPEC H1–H8 by id, bad input and access; metrics scraped from the real /metrics endpoint.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "common/hash/sha256.h"
#include "common/server/service_server.h"
#include "common/status/field_violations.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/raw_call.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/test_tokens.h"
#include "common/testing/wait_for.h"
#include "common/time/calendar_testing.h"
#include "cs/hotline/v1/hotline.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "services/hotline-registry/domain/operating_report.h"
#include "services/hotline-registry/hotline_registry_wiring.h"

namespace cs::hotline {
namespace {

using ::cs::common::testing::FieldsOf;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using Stub = v1::HotlineRegistryService::Stub;

constexpr absl::string_view kCenter = "token-center";
constexpr absl::string_view kOffice = "token-office";
constexpr absl::string_view kPhoneSystem = "token-phone-system";
constexpr absl::string_view kStaff = "token-bb-staff";
constexpr absl::string_view kManager = "token-bb-manager";
constexpr absl::string_view kPortalStaff = "token-portal-staff";
constexpr absl::string_view kPortalManager = "token-portal-manager";

constexpr absl::string_view kGreeting =
    "您好，这里是上海电信公司宽带业务部门，工号1024号，请问您需要什么帮助吗？";
constexpr absl::string_view kCannotHear = "对不起，我听不到您的回应，请重新拨打，谢谢。";

common::TokenStore Tokens() {
  return common::testing::TestTokenStore({
      {kCenter, "center", cs::common::v1::ROLE_CS_CENTER, ""},
      {kOffice, "office", cs::common::v1::ROLE_OFFICE, ""},
      {kPhoneSystem, "svc-phone", cs::common::v1::ROLE_SERVICE, ""},
      {kStaff, "bb-staff", cs::common::v1::ROLE_UNIT_STAFF, "broadband"},
      {kManager, "bb-manager", cs::common::v1::ROLE_UNIT_MANAGER, "broadband"},
      {kPortalStaff, "portal-staff", cs::common::v1::ROLE_UNIT_STAFF, "portal"},
      {kPortalManager, "portal-manager", cs::common::v1::ROLE_UNIT_MANAGER, "portal"},
  });
}

google::protobuf::Timestamp Ts(absl::Time t) { return common::ToProtoTimestamp(t); }

v1::RegistrationForm Form(const std::string& unit, const std::string& number) {
  v1::RegistrationForm form;
  form.set_unit_id(unit);
  form.set_number(number);
  v1::ServiceHours* hours = form.mutable_service_hours();
  for (int weekday = 1; weekday <= 5; ++weekday) {
    for (const auto& [start, end] : {std::pair<const char*, const char*>{"09:00", "12:00"},
                                     std::pair<const char*, const char*>{"13:00", "17:30"}}) {
      v1::WeeklyPeriod* period = hours->add_periods();
      period->set_weekday(weekday);
      period->set_start(start);
      period->set_end(end);
    }
  }
  hours->set_on_public_holidays(v1::HOLIDAY_BEHAVIOUR_CLOSED);
  *form.mutable_established_on() = Ts(ShanghaiTime(2020, 1, 6, 0, 0));
  form.set_audience("宽带用户");
  form.set_description("宽带故障报修与业务咨询");
  form.set_charges("免费");
  form.set_staffing("12 人, 两班");
  form.mutable_contact_a()->set_person("张三");
  form.mutable_contact_a()->set_phone("021-5888 0001");
  form.mutable_contact_b()->set_person("李四");
  form.mutable_contact_b()->set_phone("13800000002");
  form.set_handler("王五");
  return form;
}

v1::Turn Agent(double at, absl::string_view text) {
  v1::Turn turn;
  turn.set_speaker(v1::SPEAKER_AGENT);
  turn.set_at_seconds(at);
  turn.set_text(std::string(text));
  return turn;
}
v1::Turn Caller(double at, absl::string_view text) {
  v1::Turn turn = Agent(at, text);
  turn.set_speaker(v1::SPEAKER_CALLER);
  return turn;
}
v1::CallEvent Event(v1::CallEventKind kind, double at) {
  v1::CallEvent event;
  event.set_kind(kind);
  event.set_at_seconds(at);
  return event;
}

// A call with a lookup on hold, a suggestion and the whole etiquette: every situation but the
// silent line required, every phrase used.
std::vector<v1::Turn> ExemplaryTurns() {
  return {Agent(1, kGreeting),
          Caller(5, "你好，我家宽带从昨天开始上不了网。"),
          Agent(10, "请稍候，我帮您查查。"),
          Agent(101, "对不起，让您久等了。您所在小区的线路正在抢修，预计今晚八点前恢复。"),
          Caller(120, "好的。另外我建议你们抢修前能先发个短信通知用户。"),
          Agent(125, "谢谢您的建议，我们会尽快向上级部门反映。请问还有其他问题吗？"),
          Caller(130, "没有了，谢谢。"),
          Agent(132, "谢谢您的来电！再见。")};
}
std::vector<v1::CallEvent> ExemplaryEvents() {
  return {Event(v1::CALL_EVENT_KIND_ANSWERED, 0), Event(v1::CALL_EVENT_KIND_HOLD, 40),
          Event(v1::CALL_EVENT_KIND_RESUME, 100), Event(v1::CALL_EVENT_KIND_ENDED, 140)};
}

class HotlineIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, common::testing::TestDatabase::Create());
    common::ServerOptions options;
    options.service_name = "hotline-registry";
    options.grpc_address = "127.0.0.1";
    options.metrics_address = "127.0.0.1";
    options.test_clock = true;
    options.test_clock_start = ShanghaiTime(2026, 3, 2, 8, 0);  // a Monday
    options.mysql = database_->options();
    options.config_dir = CS_SOURCE_DIR "/deploy/config";
    HotlineWiringOptions wiring;
    wiring.sweep_interval = absl::Milliseconds(50);
    wiring.ingest_batch_size = 100;
    absl::StatusOr<std::unique_ptr<common::ServiceServer>> server =
        common::ServiceServer::Start(options, Tokens(), HotlineRegistryWiring(wiring), &logger_);
    ASSERT_OK(server.status());
    server_ = *std::move(server);
    stub_ = v1::HotlineRegistryService::NewStub(grpc::CreateChannel(
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

  absl::StatusOr<v1::Hotline> Register(absl::string_view token, const v1::RegistrationForm& form,
                                       const std::string& request_id) {
    v1::RegisterHotlineRequest request;
    request.set_request_id(request_id);
    *request.mutable_form() = form;
    return Call(&Stub::RegisterHotline, token, request);
  }
  absl::StatusOr<v1::Hotline> Sign(absl::string_view token, const std::string& hotline_id,
                                   const std::string& change_id = "") {
    v1::SignFormRequest request;
    request.set_hotline_id(hotline_id);
    request.set_form(change_id.empty() ? v1::FORM_KIND_REGISTRATION : v1::FORM_KIND_CHANGE);
    request.set_change_id(change_id);
    return Call(&Stub::SignForm, token, request);
  }
  absl::StatusOr<v1::Hotline> Decide(absl::string_view token, const std::string& hotline_id,
                                     bool approve, const std::string& reason = "") {
    v1::DecideRegistrationRequest request;
    request.set_hotline_id(hotline_id);
    request.set_approve(approve);
    request.set_reason(reason);
    return Call(&Stub::DecideRegistration, token, request);
  }
  absl::StatusOr<v1::Hotline> Get(absl::string_view token, const std::string& hotline_id) {
    v1::GetHotlineRequest request;
    request.set_hotline_id(hotline_id);
    return Call(&Stub::GetHotline, token, request);
  }
  // Registered by the unit's staff, signed by its manager, approved by the CS center.
  std::string ActiveHotline(const std::string& unit = "broadband",
                            const std::string& number = "021-5888 1234") {
    const bool portal = unit == "portal";
    absl::StatusOr<v1::Hotline> filed =
        Register(portal ? kPortalStaff : kStaff, Form(unit, number), absl::StrCat("reg-", next_++));
    EXPECT_OK(filed.status());
    if (!filed.ok()) return "";
    EXPECT_OK(Sign(portal ? kPortalManager : kManager, filed->hotline_id()).status());
    absl::StatusOr<v1::Hotline> approved = Decide(kCenter, filed->hotline_id(), true);
    EXPECT_OK(approved.status());
    return filed->hotline_id();
  }

  v1::ChangeForm NumberChange(absl::Time change_at, absl::Time ends_at,
                              const std::string& new_number = "021-6000 0000") {
    v1::ChangeForm form;
    *form.mutable_change_at() = Ts(change_at);
    form.set_item(v1::CHANGE_ITEM_NUMBER_CHANGE);
    form.set_reason("号段调整");
    form.set_handler("王五");
    form.set_new_number(new_number);
    form.set_transition_kind(v1::TRANSITION_KIND_AUTOMATIC_TRANSFER);
    *form.mutable_transition_ends_at() = Ts(ends_at);
    return form;
  }
  absl::StatusOr<v1::Hotline> FileChange(absl::string_view token, const std::string& hotline_id,
                                         const v1::ChangeForm& form,
                                         const std::string& request_id) {
    v1::FileChangeRequest request;
    request.set_request_id(request_id);
    request.set_hotline_id(hotline_id);
    *request.mutable_form() = form;
    return Call(&Stub::FileChange, token, request);
  }
  absl::StatusOr<v1::Hotline> DecideChange(absl::string_view token, const std::string& hotline_id,
                                           const std::string& change_id, bool approve) {
    v1::DecideChangeRequest request;
    request.set_hotline_id(hotline_id);
    request.set_change_id(change_id);
    request.set_approve(approve);
    request.set_reason(approve ? "" : "不同意");
    return Call(&Stub::DecideChange, token, request);
  }

  v1::CallRecord Record(const std::string& hotline_id, const std::string& call_id,
                        absl::Time offered_at, bool answered) {
    v1::CallRecord record;
    record.set_hotline_id(hotline_id);
    record.set_call_id(call_id);
    *record.mutable_offered_at() = Ts(offered_at);
    record.set_outcome(answered ? v1::CALL_OUTCOME_ANSWERED : v1::CALL_OUTCOME_ABANDONED);
    record.set_wait_seconds(answered ? 8 : 40);
    if (answered) record.set_agent_staff_number("1024");
    return record;
  }
  // `records` as one stream of messages of `per_message` records each.
  absl::StatusOr<v1::IngestCallRecordsResponse> Ingest(absl::string_view token,
                                                       const std::vector<v1::CallRecord>& records,
                                                       int per_message = 100) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    common::AttachBearerToken(context, token);
    v1::IngestCallRecordsResponse response;
    std::unique_ptr<grpc::ClientWriter<v1::IngestCallRecordsRequest>> writer =
        stub_->IngestCallRecords(&context, &response);
    v1::IngestCallRecordsRequest message;
    for (const v1::CallRecord& record : records) {
      *message.add_records() = record;
      if (message.records_size() == per_message) {
        if (!writer->Write(message)) break;
        message.clear_records();
      }
    }
    if (message.records_size() > 0) writer->Write(message);
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    if (!status.ok()) return common::FromGrpcStatus(status);
    return response;
  }
  // `offered` calls on Tuesday 3 March 2026 from 10:00, within the hours; `answered` answered.
  std::vector<v1::CallRecord> MarchCalls(const std::string& hotline_id, int offered, int answered) {
    std::vector<v1::CallRecord> records;
    for (int i = 0; i < offered; ++i) {
      records.push_back(Record(hotline_id, absl::StrCat("mar-", i),
                               ShanghaiTime(2026, 3, 3, 10, 0) + absl::Seconds(3 * i),
                               i < answered));
    }
    return records;
  }
  absl::StatusOr<v1::OperatingReport> Report(absl::string_view token, const std::string& id,
                                             const std::string& month) {
    v1::GetOperatingReportRequest request;
    request.set_hotline_id(id);
    request.set_month(month);
    return Call(&Stub::GetOperatingReport, token, request);
  }
  absl::StatusOr<v1::OperatingReport> Submit(absl::string_view token, const std::string& id,
                                             const std::string& month,
                                             const std::string& request_id) {
    v1::SubmitOperatingReportRequest request;
    request.set_request_id(request_id);
    request.set_hotline_id(id);
    request.set_month(month);
    request.set_remarks("运行正常");
    return Call(&Stub::SubmitOperatingReport, token, request);
  }
  absl::StatusOr<v1::PhraseScore> Score(const std::string& hotline_id, const std::string& call_id,
                                        const std::vector<v1::Turn>& turns,
                                        const std::vector<v1::CallEvent>& events) {
    v1::ScoreCallRequest request;
    request.set_hotline_id(hotline_id);
    request.set_call_id(call_id);
    request.set_agent_staff_number("1024");
    for (const v1::Turn& turn : turns) *request.add_turns() = turn;
    for (const v1::CallEvent& event : events) *request.add_events() = event;
    return Call(&Stub::ScoreCall, kPhoneSystem, request);
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
  // The sweep runs every 50 ms: waits (up to 20 s) until `name` reads `expected`.
  void EventuallyMetric(absl::string_view name, const std::map<std::string, std::string>& labels,
                        double expected) {
    EXPECT_OK(common::testing::WaitFor(absl::StrCat(name, " to read ", expected),
                                       [&] { return Metric(name, labels) == expected; }))
        << "it reads " << Metric(name, labels);
  }

  common::CapturingLogSink log_sink_;
  common::Logger logger_{&log_sink_, &common::Clock::Real()};
  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<common::ServiceServer> server_;
  std::unique_ptr<Stub> stub_;
  int next_ = 1;
};

// --- H1
// -------------------------------------------------------------------------------------------

TEST_F(HotlineIntegrationTest, H1_OnlyAnApprovedHotlineIsActiveSignedByTheUnitsManager) {
  ASSERT_OK_AND_ASSIGN(v1::Hotline filed,
                       Register(kStaff, Form("broadband", "021-5888 1234"), "reg-1"));
  EXPECT_EQ(filed.hotline_id(), "HL-1");
  EXPECT_EQ(filed.state(), v1::HOTLINE_STATE_PENDING_SIGNATURE);
  ASSERT_OK_AND_ASSIGN(v1::Hotline again,
                       Register(kStaff, Form("broadband", "021-5888 1234"), "reg-1"));
  EXPECT_EQ(again.hotline_id(), "HL-1");

  // A signature by someone not the unit's manager; an approval by anyone but the CS center.
  EXPECT_THAT(Sign(kStaff, "HL-1"), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Sign(kPortalManager, "HL-1"), StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::Hotline signed_form, Sign(kManager, "HL-1"));
  EXPECT_EQ(signed_form.state(), v1::HOTLINE_STATE_PENDING_APPROVAL);
  EXPECT_EQ(signed_form.registration().manager_signature().signed_by(), "bb-manager");
  EventuallyMetric("cs_hotline_registry_approvals_pending", {{"kind", "registration"}}, 1);
  for (absl::string_view token : {kStaff, kManager, kOffice, kPhoneSystem}) {
    EXPECT_THAT(Decide(token, "HL-1", true), StatusIs(absl::StatusCode::kPermissionDenied))
        << token;
  }
  ASSERT_OK_AND_ASSIGN(v1::Hotline approved, Decide(kCenter, "HL-1", true));
  EXPECT_EQ(approved.state(), v1::HOTLINE_STATE_ACTIVE);
  EXPECT_EQ(approved.approval().decided_by(), "center");
  ASSERT_THAT(approved.history(), SizeIs(3));
  EXPECT_EQ(approved.history(2).event(), "APPROVED");
  EventuallyMetric("cs_hotline_registry_approvals_pending", {{"kind", "registration"}}, 0);

  // Readers: the unit and the department-wide roles; not another unit.
  EXPECT_OK(Get(kOffice, "HL-1").status());
  EXPECT_THAT(Get(kPortalStaff, "HL-1"), StatusIs(absl::StatusCode::kPermissionDenied));
  v1::ListHotlinesRequest list;
  list.set_state(v1::HOTLINE_STATE_ACTIVE);
  ASSERT_OK_AND_ASSIGN(v1::ListHotlinesResponse listed, Call(&Stub::ListHotlines, kStaff, list));
  ASSERT_THAT(listed.hotlines(), SizeIs(1));
  list.set_unit_id("broadband");
  EXPECT_THAT(Call(&Stub::ListHotlines, kPortalStaff, list),
              StatusIs(absl::StatusCode::kPermissionDenied));

  // Form F1 as text.
  v1::RenderFormRequest render;
  render.set_hotline_id("HL-1");
  ASSERT_OK_AND_ASSIGN(v1::RenderFormResponse f1,
                       Call(&Stub::RenderRegistrationForm, kCenter, render));
  EXPECT_THAT(f1.text(), AllOf(HasSubstr("对外服务热线情况登记表"), HasSubstr("宽带业务"),
                               HasSubstr("021-5888 1234"), HasSubstr("bb-manager")));
}

// --- H2
// -------------------------------------------------------------------------------------------

TEST_F(HotlineIntegrationTest, H2_AnApprovalAfterTheChangeTimeIsRefused) {
  const std::string id = ActiveHotline();
  v1::ChangeForm form;
  *form.mutable_change_at() = Ts(ShanghaiTime(2026, 3, 4, 9, 0));
  form.set_item(v1::CHANGE_ITEM_CANCELLATION);
  form.set_reason("业务合并，停止服务");
  form.set_handler("王五");
  ASSERT_OK_AND_ASSIGN(v1::Hotline filed, FileChange(kStaff, id, form, "chg-1"));
  const std::string change_id = filed.changes(0).change_id();
  ASSERT_OK(Sign(kManager, id, change_id).status());
  EXPECT_THAT(DecideChange(kManager, id, change_id, true),
              StatusIs(absl::StatusCode::kPermissionDenied));

  SetTime(ShanghaiTime(2026, 3, 4, 9, 1));
  EXPECT_THAT(DecideChange(kCenter, id, change_id, true),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("too late"), HasSubstr("A2 7.2"))));
  ASSERT_OK_AND_ASSIGN(v1::Hotline after, Get(kCenter, id));
  EXPECT_EQ(after.changes(0).state(), v1::CHANGE_STATE_LAPSED);
  EXPECT_EQ(after.state(), v1::HOTLINE_STATE_ACTIVE) << "a lapsed cancellation is not made";
}

TEST_F(HotlineIntegrationTest, H2_AnApprovedChangeTakesEffectAtItsChangeTimeNotBefore) {
  const std::string id = ActiveHotline();
  v1::ChangeForm form;
  *form.mutable_change_at() = Ts(ShanghaiTime(2026, 3, 9, 0, 0));
  form.set_item(v1::CHANGE_ITEM_CANCELLATION);
  form.set_reason("业务合并，停止服务");
  form.set_handler("王五");
  ASSERT_OK_AND_ASSIGN(v1::Hotline filed, FileChange(kStaff, id, form, "chg-1"));
  ASSERT_OK(Sign(kManager, id, "CH-1").status());
  ASSERT_OK_AND_ASSIGN(v1::Hotline approved, DecideChange(kCenter, id, "CH-1", true));
  EXPECT_EQ(approved.changes(0).state(), v1::CHANGE_STATE_APPROVED);
  EXPECT_EQ(approved.state(), v1::HOTLINE_STATE_ACTIVE);
  v1::RenderChangeFormRequest render;
  render.set_hotline_id(id);
  render.set_change_id("CH-1");
  ASSERT_OK_AND_ASSIGN(v1::RenderFormResponse f2, Call(&Stub::RenderChangeForm, kStaff, render));
  EXPECT_THAT(f2.text(), HasSubstr("对外服务热线变更表"));

  SetTime(ShanghaiTime(2026, 3, 9, 0, 0));
  EXPECT_OK(common::testing::WaitFor("the sweep to cancel the hotline", [&] {
    absl::StatusOr<v1::Hotline> read = Get(kCenter, id);
    return read.ok() && read->state() == v1::HOTLINE_STATE_CANCELLED;
  }));
  // A change to a hotline that is not active.
  form.set_item(v1::CHANGE_ITEM_OTHER);
  *form.mutable_change_at() = Ts(ShanghaiTime(2026, 3, 20, 0, 0));
  EXPECT_THAT(FileChange(kStaff, id, form, "chg-2"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("CANCELLED")));
}

// --- H3
// -------------------------------------------------------------------------------------------

TEST_F(HotlineIntegrationTest, H3_ThreeMonthsMinusADayIsRefusedExactlyThreeMonthsAccepted) {
  const std::string id = ActiveHotline();
  // 30 Nov + 3 months = 28 Feb (24:00 of it), 31 May + 3 months = 31 Aug.
  for (const auto& [change_at, earliest] :
       {std::pair{ShanghaiTime(2026, 11, 30, 10, 0), ShanghaiTime(2027, 3, 1, 0, 0)},
        std::pair{ShanghaiTime(2026, 5, 31, 10, 0), ShanghaiTime(2026, 9, 1, 0, 0)}}) {
    const absl::Status refused =
        FileChange(kStaff, id, NumberChange(change_at, earliest - absl::Hours(24)),
                   absl::StrCat("short-", absl::ToUnixSeconds(change_at)))
            .status();
    EXPECT_THAT(
        refused,
        StatusIs(absl::StatusCode::kInvalidArgument,
                 HasSubstr(absl::StrCat("earliest allowed end is ",
                                        absl::FormatTime("%Y-%m-%d %H:%M", earliest,
                                                         common::testing::ShanghaiTimeZone())))));
    EXPECT_THAT(FieldsOf(refused), ElementsAre("form.transition_ends_at"));
  }
  ASSERT_OK(
      FileChange(kStaff, id,
                 NumberChange(ShanghaiTime(2026, 11, 30, 10, 0), ShanghaiTime(2027, 3, 1, 0, 0)),
                 "exact-nov")
          .status());
  // Only one number change may be open: the May one is filed on a second hotline.
  const std::string other = ActiveHotline("broadband", "021-5888 4321");
  const absl::Time change_at = ShanghaiTime(2026, 5, 31, 10, 0);
  const absl::Time ends_at = ShanghaiTime(2026, 9, 1, 0, 0);
  ASSERT_OK_AND_ASSIGN(
      v1::Hotline filed,
      FileChange(kStaff, other, NumberChange(change_at, ends_at, "021-6000 0001"), "exact-may"));
  ASSERT_OK(Sign(kManager, other, "CH-1").status());
  ASSERT_OK(DecideChange(kCenter, other, "CH-1", true).status());

  SetTime(ShanghaiTime(2026, 6, 1, 9, 0));
  EventuallyMetric("cs_hotline_registry_number_transitions_active", {}, 1);
  v1::ListNumberTransitionsRequest list;
  ASSERT_OK_AND_ASSIGN(v1::ListNumberTransitionsResponse running,
                       Call(&Stub::ListNumberTransitions, kOffice, list));
  ASSERT_THAT(running.transitions(), SizeIs(1));
  EXPECT_EQ(running.transitions(0).old_number(), "021-5888 4321");
  EXPECT_EQ(running.transitions(0).new_number(), "021-6000 0001");
  EXPECT_EQ(running.transitions(0).hotline_id(), other);
  EXPECT_EQ(common::FromProtoTimestamp(running.transitions(0).ends_at(), "ends_at").value(),
            ends_at);
  EXPECT_EQ(Metric("cs_hotline_registry_transition_remaining_seconds", {{"hotline", other}}),
            absl::ToDoubleSeconds(ends_at - ShanghaiTime(2026, 6, 1, 9, 0)));
  // Found by its old number too.
  v1::ListHotlinesRequest by_old;
  by_old.set_number("021-5888 4321");
  ASSERT_OK_AND_ASSIGN(v1::ListHotlinesResponse found, Call(&Stub::ListHotlines, kStaff, by_old));
  ASSERT_THAT(found.hotlines(), SizeIs(1));
  EXPECT_EQ(found.hotlines(0).number(), "021-6000 0001");

  SetTime(ends_at + absl::Minutes(1));
  EventuallyMetric("cs_hotline_registry_number_transitions_active", {}, 0);
  ASSERT_OK_AND_ASSIGN(v1::Hotline ended, Get(kStaff, other));
  EXPECT_EQ(ended.history(ended.history_size() - 1).event(), "TRANSITION_ENDED");
}

// --- H4
// -------------------------------------------------------------------------------------------

TEST_F(HotlineIntegrationTest, H4_ANoticeChangesEveryHotlineItNames) {
  const std::string a = ActiveHotline("broadband", "021-5888 1234");
  const std::string b = ActiveHotline("portal", "021-5888 9999");
  v1::IssueNoticeRequest request;
  request.set_request_id("notice-1");
  v1::Notice& notice = *request.mutable_notice();
  notice.set_title("互联网部〔2026〕3号 关于撤销部分服务热线的通知");
  notice.set_item(v1::CHANGE_ITEM_CANCELLATION);
  *notice.mutable_change_at() = Ts(ShanghaiTime(2026, 4, 1, 0, 0));
  notice.add_targets()->set_hotline_id(a);
  notice.add_targets()->set_hotline_id(b);
  EXPECT_THAT(Call(&Stub::IssueNotice, kManager, request),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::Notice issued, Call(&Stub::IssueNotice, kCenter, request));
  EXPECT_EQ(issued.notice_id(), "NT-1");
  ASSERT_THAT(issued.targets(), SizeIs(2));
  EXPECT_EQ(issued.targets(0).change_id(), "CH-1");
  for (const std::string& id : {a, b}) {
    ASSERT_OK_AND_ASSIGN(v1::Hotline hotline, Get(kCenter, id));
    EXPECT_EQ(hotline.history(hotline.history_size() - 1).event(), "NOTICE");
    EXPECT_EQ(hotline.changes(0).notice_id(), "NT-1");
  }
  SetTime(ShanghaiTime(2026, 4, 1, 0, 1));
  for (const std::string& id : {a, b}) {
    EXPECT_OK(common::testing::WaitFor(absl::StrCat(id, " to be cancelled"), [&] {
      absl::StatusOr<v1::Hotline> read = Get(kCenter, id);
      return read.ok() && read->state() == v1::HOTLINE_STATE_CANCELLED;
    }));
  }
}

// --- H5 / H6
// --------------------------------------------------------------------------------------

TEST_F(HotlineIntegrationTest, H6_ARateOfExactly80PercentPassesAnd799Of1000IsFlagged) {
  const std::string passes = ActiveHotline("broadband", "021-5888 1234");
  const std::string flagged = ActiveHotline("broadband", "021-5888 4321");
  SetTime(ShanghaiTime(2026, 4, 1, 9, 0));
  std::vector<v1::CallRecord> records = MarchCalls(passes, 1000, 800);
  for (v1::CallRecord& record : MarchCalls(flagged, 1000, 799)) records.push_back(record);
  // H5: calls outside the published hours are reported apart, not in the rate.
  records.push_back(Record(passes, "night-1", ShanghaiTime(2026, 3, 3, 22, 0), false));
  records.push_back(Record(passes, "sunday-1", ShanghaiTime(2026, 3, 8, 10, 0), true));
  ASSERT_OK_AND_ASSIGN(v1::IngestCallRecordsResponse ingested, Ingest(kPhoneSystem, records, 250));
  EXPECT_EQ(ingested.received(), 2002);
  EXPECT_EQ(ingested.stored(), 2002);
  EXPECT_THAT(ingested.rejected(), IsEmpty());

  ASSERT_OK_AND_ASSIGN(v1::OperatingReport ok, Report(kStaff, passes, "2026-03"));
  EXPECT_EQ(ok.offered(), 1000);
  EXPECT_EQ(ok.answered(), 800);
  EXPECT_DOUBLE_EQ(ok.connection_rate_percent(), 80);
  EXPECT_DOUBLE_EQ(ok.target_percent(), 80);
  EXPECT_FALSE(ok.below_target());
  EXPECT_EQ(ok.offered_outside_hours(), 2);
  EXPECT_EQ(ok.answered_outside_hours(), 1);
  ASSERT_OK_AND_ASSIGN(v1::OperatingReport low, Report(kCenter, flagged, "2026-03"));
  EXPECT_EQ(low.answered(), 799);
  EXPECT_DOUBLE_EQ(low.connection_rate_percent(), 79.9);
  EXPECT_TRUE(low.below_target());

  // For assessment, read by the SERVICE role.
  v1::GetMonthlyStatisticsRequest stats_request;
  stats_request.set_unit_id("broadband");
  stats_request.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatistics stats,
                       Call(&Stub::GetMonthlyStatistics, kPhoneSystem, stats_request));
  ASSERT_THAT(stats.hotlines(), SizeIs(2));
  EXPECT_FALSE(stats.hotlines(0).below_target());
  EXPECT_TRUE(stats.hotlines(1).below_target());
  EXPECT_EQ(stats.hotlines_active_without_approval(), 0);
  EXPECT_THAT(Call(&Stub::GetMonthlyStatistics, kPortalStaff, stats_request),
              StatusIs(absl::StatusCode::kPermissionDenied));

  EXPECT_EQ(Metric("cs_hotline_registry_call_records_total", {{"result", "stored"}}), 2002);
  EventuallyMetric("cs_hotline_registry_connection_rate_percent",
                   {{"hotline", flagged}, {"unit", "broadband"}, {"month", "previous"}}, 79.9);
  EventuallyMetric("cs_hotline_registry_connection_rate_percent",
                   {{"hotline", passes}, {"month", "previous"}}, 80);
}

TEST_F(HotlineIntegrationTest, H6_AStreamWithOneBadRecordInTheMiddleStoresTheGoodOnes) {
  const std::string id = ActiveHotline();
  SetTime(ShanghaiTime(2026, 4, 1, 9, 0));
  std::vector<v1::CallRecord> records = MarchCalls(id, 300, 300);
  records[150].set_hotline_id("HL-999");  // a record for an unknown hotline
  ASSERT_OK_AND_ASSIGN(v1::IngestCallRecordsResponse first, Ingest(kStaff, records, 100));
  EXPECT_EQ(first.received(), 300);
  EXPECT_EQ(first.stored(), 299);
  EXPECT_EQ(first.duplicates(), 0);
  ASSERT_THAT(first.rejected(), SizeIs(1));
  EXPECT_EQ(first.rejected(0).index(), 150);
  EXPECT_EQ(first.rejected(0).call_id(), "mar-150");
  EXPECT_THAT(first.rejected(0).problems(), ElementsAre(HasSubstr("hotline_id: names no hotline")));
  ASSERT_OK_AND_ASSIGN(v1::OperatingReport report, Report(kStaff, id, "2026-03"));
  EXPECT_EQ(report.offered(), 299);

  // The same stream again: idempotent per call id.
  ASSERT_OK_AND_ASSIGN(v1::IngestCallRecordsResponse again, Ingest(kStaff, records, 7));
  EXPECT_EQ(again.stored(), 0);
  EXPECT_EQ(again.duplicates(), 299);
  EXPECT_EQ(Metric("cs_hotline_registry_call_records_total", {{"result", "duplicate"}}), 299);
  EXPECT_EQ(Metric("cs_hotline_registry_call_records_total", {{"result", "rejected"}}), 2);

  // Who may ingest: not the office, and another unit's staff only for their own hotlines.
  EXPECT_THAT(Ingest(kOffice, records), StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::IngestCallRecordsResponse foreign, Ingest(kPortalStaff, {records[0]}));
  ASSERT_THAT(foreign.rejected(), SizeIs(1));
  EXPECT_THAT(foreign.rejected(0).problems(), ElementsAre(HasSubstr("PERMISSION_DENIED")));
}

TEST_F(HotlineIntegrationTest, H6_EveryBatchIsCommittedBeforeTheStreamEnds) {
  const std::string id = ActiveHotline();
  SetTime(ShanghaiTime(2026, 4, 1, 9, 0));
  const std::vector<v1::CallRecord> records = MarchCalls(id, 250, 250);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  common::AttachBearerToken(context, kPhoneSystem);
  v1::IngestCallRecordsResponse response;
  auto writer = stub_->IngestCallRecords(&context, &response);
  for (const v1::CallRecord& record : records) {
    v1::IngestCallRecordsRequest message;
    *message.add_records() = record;
    ASSERT_TRUE(writer->Write(message));
  }
  // Batches of 100: two are in the database while the stream is still open.
  EXPECT_OK(common::testing::WaitFor("two batches to be committed", [&] {
    absl::StatusOr<v1::OperatingReport> report = Report(kStaff, id, "2026-03");
    return report.ok() && report->offered() == 200;
  }));
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(response.stored(), 250);
}

TEST_F(HotlineIntegrationTest, H6_AReportSubmittedAfterItsDueWorkingDayIsCountedLate) {
  const std::string late = ActiveHotline("broadband", "021-5888 1234");
  const std::string on_time = ActiveHotline("broadband", "021-5888 4321");
  const std::string never = ActiveHotline("portal", "021-5888 9999");
  ASSERT_OK_AND_ASSIGN(common::Deadline due,
                       ReportDue("2026-03", 5, common::testing::Cn2026Calendar()));
  EXPECT_THAT(Submit(kStaff, late, "2026-03", "early"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not over")));

  SetTime(ShanghaiTime(2026, 4, 1, 9, 0));
  ASSERT_OK_AND_ASSIGN(v1::OperatingReport first, Submit(kStaff, on_time, "2026-03", "s-1"));
  EXPECT_TRUE(first.submitted_on_time());
  EXPECT_EQ(common::FromProtoTimestamp(first.due().at(), "due").value(), due.at);
  EXPECT_THAT(Submit(kPortalStaff, late, "2026-03", "s-2"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // For assessment: a report not submitted yet before its due time is not overdue (not due yet).
  v1::GetMonthlyStatisticsRequest stats_request;
  stats_request.set_unit_id("broadband");
  stats_request.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatistics before_due,
                       Call(&Stub::GetMonthlyStatistics, kCenter, stats_request));
  ASSERT_THAT(before_due.hotlines(), SizeIs(2));
  EXPECT_EQ(before_due.hotlines(0).hotline_id(), late);
  EXPECT_FALSE(before_due.hotlines(0).report_submitted_on_time());
  EXPECT_FALSE(before_due.hotlines(0).report_overdue());
  EXPECT_TRUE(before_due.hotlines(1).report_submitted_on_time());
  EXPECT_FALSE(before_due.hotlines(1).report_overdue());

  SetTime(due.at + absl::Minutes(1));
  ASSERT_OK_AND_ASSIGN(v1::OperatingReport submitted, Submit(kManager, late, "2026-03", "s-3"));
  EXPECT_FALSE(submitted.submitted_on_time());
  EXPECT_TRUE(submitted.late());
  EXPECT_EQ(submitted.submitted_by(), "bb-manager");
  // Submitted after its due time: overdue, as one never submitted is.
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatistics after_due,
                       Call(&Stub::GetMonthlyStatistics, kCenter, stats_request));
  ASSERT_THAT(after_due.hotlines(), SizeIs(2));
  EXPECT_FALSE(after_due.hotlines(0).report_submitted_on_time());
  EXPECT_TRUE(after_due.hotlines(0).report_overdue());
  EXPECT_TRUE(after_due.hotlines(1).report_submitted_on_time());
  EXPECT_FALSE(after_due.hotlines(1).report_overdue());
  stats_request.set_unit_id("portal");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatistics portal,
                       Call(&Stub::GetMonthlyStatistics, kCenter, stats_request));
  ASSERT_THAT(portal.hotlines(), SizeIs(1));
  EXPECT_FALSE(portal.hotlines(0).report_submitted_on_time());
  EXPECT_TRUE(portal.hotlines(0).report_overdue());

  EventuallyMetric("cs_hotline_registry_monthly_reports_late_total", {{"unit", "portal"}}, 1);
  EXPECT_EQ(Metric("cs_hotline_registry_monthly_reports_late_total", {{"unit", "broadband"}}), 1);
  EXPECT_EQ(Metric("cs_hotline_registry_report_deadlines_total",
                   {{"unit", "broadband"}, {"outcome", "met"}}),
            1);
  EXPECT_EQ(Metric("cs_hotline_registry_report_deadlines_total",
                   {{"unit", "broadband"}, {"outcome", "missed"}}),
            1);
  EXPECT_EQ(Metric("cs_hotline_registry_report_deadlines_total", {{"unit", "idc"}}), 0);
  ASSERT_OK_AND_ASSIGN(v1::OperatingReport missed, Report(kCenter, never, "2026-03"));
  EXPECT_TRUE(missed.late());
  EXPECT_FALSE(missed.has_submitted_at());
}

// --- H7
// -------------------------------------------------------------------------------------------

TEST_F(HotlineIntegrationTest, H7_ARosterWithOneUntrainedMemberIsRefusedNamingThem) {
  const std::string id = ActiveHotline();
  auto staff = [](const std::string& number, std::vector<v1::TrainingSubject> subjects) {
    v1::RegisterStaffRequest request;
    request.set_request_id(absl::StrCat("staff-", number));
    v1::StaffMember& member = *request.mutable_staff();
    member.set_staff_number(number);
    member.set_name(absl::StrCat("话务员", number));
    for (v1::TrainingSubject subject : subjects) {
      v1::Training* training = member.add_trainings();
      training->set_subject(subject);
      *training->mutable_completed_on() = Ts(ShanghaiTime(2026, 1, 5, 9, 0));
      training->set_trainer("培训中心");
    }
    return request;
  };
  ASSERT_OK_AND_ASSIGN(
      v1::StaffMember trained,
      Call(&Stub::RegisterStaff, kStaff,
           staff("1024", {v1::TRAINING_SUBJECT_BUSINESS, v1::TRAINING_SUBJECT_RULES,
                          v1::TRAINING_SUBJECT_PHRASES, v1::TRAINING_SUBJECT_COMMUNICATION})));
  EXPECT_TRUE(trained.fully_trained());
  ASSERT_OK_AND_ASSIGN(
      v1::StaffMember untrained,
      Call(&Stub::RegisterStaff, kStaff,
           staff("2048", {v1::TRAINING_SUBJECT_BUSINESS, v1::TRAINING_SUBJECT_RULES,
                          v1::TRAINING_SUBJECT_COMMUNICATION})));
  EXPECT_FALSE(untrained.fully_trained());

  v1::SetDutyRosterRequest roster;
  roster.set_request_id("roster-1");
  roster.mutable_roster()->set_hotline_id(id);
  roster.mutable_roster()->set_day("2026-03-03");
  for (const auto& [number, from, to] : {std::tuple{"1024", 9, 12}, std::tuple{"2048", 13, 17}}) {
    v1::DutyShift* shift = roster.mutable_roster()->add_shifts();
    shift->set_staff_number(number);
    *shift->mutable_starts_at() = Ts(ShanghaiTime(2026, 3, 3, from, 0));
    *shift->mutable_ends_at() = Ts(ShanghaiTime(2026, 3, 3, to, 0));
  }
  const absl::Status refused = Call(&Stub::SetDutyRoster, kStaff, roster).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition,
                                AllOf(HasSubstr("2048"), HasSubstr("服务用语"))));
  EXPECT_THAT(FieldsOf(refused), ElementsAre(HasSubstr("shifts[1]")));
  EXPECT_EQ(Metric("cs_hotline_registry_rosters_refused_total", {{"unit", "broadband"}}), 1);
  EXPECT_THAT(Call(&Stub::SetDutyRoster, kPortalStaff, roster),
              StatusIs(absl::StatusCode::kPermissionDenied));

  v1::RecordTrainingRequest training;
  training.set_request_id("training-1");
  training.set_staff_number("2048");
  training.mutable_training()->set_subject(v1::TRAINING_SUBJECT_PHRASES);
  *training.mutable_training()->mutable_completed_on() = Ts(ShanghaiTime(2026, 3, 2, 7, 0));
  ASSERT_OK_AND_ASSIGN(v1::StaffMember now_trained,
                       Call(&Stub::RecordTraining, kManager, training));
  EXPECT_TRUE(now_trained.fully_trained());
  roster.set_request_id("roster-2");
  ASSERT_OK_AND_ASSIGN(v1::DutyRoster set, Call(&Stub::SetDutyRoster, kStaff, roster));
  EXPECT_THAT(set.shifts(), SizeIs(2));
  EXPECT_EQ(set.set_by(), "bb-staff");

  v1::ListStaffRequest list;
  list.mutable_page()->set_page_size(1);
  ASSERT_OK_AND_ASSIGN(v1::ListStaffResponse page1, Call(&Stub::ListStaff, kStaff, list));
  ASSERT_THAT(page1.staff(), SizeIs(1));
  list.mutable_page()->set_page_token(page1.page().next_page_token());
  ASSERT_OK_AND_ASSIGN(v1::ListStaffResponse page2, Call(&Stub::ListStaff, kStaff, list));
  ASSERT_THAT(page2.staff(), SizeIs(1));
  EXPECT_EQ(page2.staff(0).staff_number(), "2048");
  EXPECT_TRUE(page2.page().next_page_token().empty());

  v1::GetMonthlyStatisticsRequest stats_request;
  stats_request.set_unit_id("broadband");
  stats_request.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatistics stats,
                       Call(&Stub::GetMonthlyStatistics, kOffice, stats_request));
  EXPECT_EQ(stats.untrained_on_duty_refused(), 1);
}

// --- H8
// -------------------------------------------------------------------------------------------

TEST_F(HotlineIntegrationTest, H8_ChineseTranscriptsFollowingAndBreakingEachSituation) {
  const std::string id = ActiveHotline();
  SetTime(ShanghaiTime(2026, 3, 10, 10, 0));
  // Following: the exemplary call (six situations) and a silent line closed after three greetings.
  ASSERT_OK_AND_ASSIGN(v1::PhraseScore full,
                       Score(id, "ok-1", ExemplaryTurns(), ExemplaryEvents()));
  EXPECT_DOUBLE_EQ(full.score_percent(), 100);
  EXPECT_EQ(full.required(), 6);
  EXPECT_THAT(full.missing(), IsEmpty());
  const std::vector<v1::CallEvent> silent_events = {Event(v1::CALL_EVENT_KIND_ANSWERED, 0),
                                                    Event(v1::CALL_EVENT_KIND_NO_CALLER_AUDIO, 3),
                                                    Event(v1::CALL_EVENT_KIND_ENDED, 18)};
  ASSERT_OK_AND_ASSIGN(v1::PhraseScore silent_ok,
                       Score(id, "ok-2",
                             {Agent(1, kGreeting), Agent(6, kGreeting), Agent(11, kGreeting),
                              Agent(16, kCannotHear)},
                             silent_events));
  EXPECT_DOUBLE_EQ(silent_ok.score_percent(), 100);
  EXPECT_EQ(silent_ok.required(), 2);

  // Breaking each of the seven, one at a time.
  struct Broken {
    v1::Situation situation;
    std::vector<v1::Turn> turns;
    std::vector<v1::CallEvent> events;
  };
  std::vector<Broken> broken;
  {
    auto turns = ExemplaryTurns();
    turns[0] = Agent(1, "喂，您好，请问有什么可以帮您？");
    broken.push_back({v1::SITUATION_GREETING, turns, ExemplaryEvents()});
  }
  // A silent line with only two greetings.
  broken.push_back({v1::SITUATION_SILENT_LINE,
                    {Agent(1, kGreeting), Agent(6, kGreeting), Agent(11, kCannotHear)},
                    silent_events});
  {
    auto turns = ExemplaryTurns();
    turns[2] = Agent(10, "您等一下。");
    broken.push_back({v1::SITUATION_LOOKUP, turns, ExemplaryEvents()});
  }
  {
    auto turns = ExemplaryTurns();
    turns[3] = Agent(101, "查到了，您所在小区的线路正在抢修。");
    broken.push_back({v1::SITUATION_AFTER_WAIT, turns, ExemplaryEvents()});
  }
  {
    auto turns = ExemplaryTurns();
    turns[5] = Agent(125, "谢谢您的建议，我们会尽快向上级部门反映。");
    broken.push_back({v1::SITUATION_ANYTHING_ELSE, turns, ExemplaryEvents()});
  }
  {
    auto turns = ExemplaryTurns();
    turns[5] = Agent(125, "好的，我们知道了。请问还有其他问题吗？");
    broken.push_back({v1::SITUATION_SUGGESTION, turns, ExemplaryEvents()});
  }
  {
    // A call without the closing thanks.
    auto turns = ExemplaryTurns();
    turns[7] = Agent(132, "好的，再见。");
    broken.push_back({v1::SITUATION_CLOSING, turns, ExemplaryEvents()});
  }
  ASSERT_THAT(broken, SizeIs(7));
  for (size_t i = 0; i < broken.size(); ++i) {
    ASSERT_OK_AND_ASSIGN(v1::PhraseScore score,
                         Score(id, absl::StrCat("bad-", i), broken[i].turns, broken[i].events));
    EXPECT_THAT(score.missing(), ElementsAre(broken[i].situation)) << i;
    EXPECT_LT(score.score_percent(), 100) << i;
  }

  // A2 7.9: Mandarin is a reviewer's mark.
  v1::RecordMandarinReviewRequest review;
  review.set_hotline_id(id);
  review.set_call_id("ok-1");
  review.set_standard(true);
  EXPECT_THAT(Call(&Stub::RecordMandarinReview, kStaff, review),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::PhraseScore reviewed,
                       Call(&Stub::RecordMandarinReview, kManager, review));
  EXPECT_TRUE(reviewed.mandarin().standard());
  EXPECT_EQ(reviewed.mandarin().reviewer(), "bb-manager");

  // A2 7.10.1: 2 of 9 scored calls used every required phrase.
  SetTime(ShanghaiTime(2026, 4, 1, 9, 0));
  ASSERT_OK_AND_ASSIGN(v1::OperatingReport report, Report(kCenter, id, "2026-03"));
  EXPECT_EQ(report.calls_scored(), 9);
  EXPECT_NEAR(report.phrase_use_percent(), 200.0 / 9, 1e-9);
  // For assessment, the counts the percent is the ratio of.
  v1::GetMonthlyStatisticsRequest stats_request;
  stats_request.set_unit_id("broadband");
  stats_request.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatistics stats,
                       Call(&Stub::GetMonthlyStatistics, kCenter, stats_request));
  ASSERT_THAT(stats.hotlines(), SizeIs(1));
  EXPECT_EQ(stats.hotlines(0).calls_scored(), 9);
  EXPECT_EQ(stats.hotlines(0).calls_using_every_phrase(), 2);
  EXPECT_NEAR(stats.hotlines(0).phrase_use_percent(), 200.0 / 9, 1e-9);
}

// --- Bad input and access
// -------------------------------------------------------------------------

TEST_F(HotlineIntegrationTest, BadInputIsNamedFieldByFieldAndAccessIsChecked) {
  // Missing form fields and a number that is not a phone number.
  v1::RegistrationForm form = Form("broadband", "call us");
  form.clear_audience();
  form.clear_handler();
  form.mutable_contact_b()->clear_phone();
  const absl::Status missing = Register(kStaff, form, "bad-1").status();
  EXPECT_THAT(missing, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(missing),
              ::testing::UnorderedElementsAre("form.number", "form.audience", "form.handler",
                                              "form.contact_b.phone"));
  // Overlapping periods.
  form = Form("broadband", "021-5888 1234");
  v1::WeeklyPeriod* overlap = form.mutable_service_hours()->add_periods();
  overlap->set_weekday(1);
  overlap->set_start("11:00");
  overlap->set_end("14:00");
  const absl::Status overlapping = Register(kStaff, form, "bad-2").status();
  EXPECT_THAT(overlapping, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("overlap")));
  EXPECT_THAT(FieldsOf(overlapping), Contains(HasSubstr("form.service_hours.periods[")));
  // A time of day the wire cannot carry.
  form = Form("broadband", "021-5888 1234");
  form.mutable_service_hours()->mutable_periods(0)->set_start("9am");
  EXPECT_THAT(FieldsOf(Register(kStaff, form, "bad-3").status()),
              ElementsAre("form.service_hours.periods[0].start"));
  // A unit filing for another unit; the CS center filing at all.
  EXPECT_THAT(Register(kPortalStaff, Form("broadband", "021-5888 1234"), "bad-4"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Register(kCenter, Form("broadband", "021-5888 1234"), "bad-5"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Register(kStaff, Form("broadband", "021-5888 1234"), ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // An unknown or malformed hotline id.
  EXPECT_THAT(Get(kCenter, "HL-404"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(FieldsOf(Get(kCenter, "404").status()), ElementsAre("hotline_id"));
  // No token at all.
  EXPECT_THAT(Get("", "HL-1"), StatusIs(absl::StatusCode::kUnauthenticated));
  // A change to a hotline that is not active (still waiting for its signature).
  ASSERT_OK_AND_ASSIGN(v1::Hotline pending,
                       Register(kStaff, Form("broadband", "021-5888 1234"), "ok-1"));
  v1::ChangeForm change;
  *change.mutable_change_at() = Ts(ShanghaiTime(2026, 4, 1, 0, 0));
  change.set_item(v1::CHANGE_ITEM_OTHER);
  change.set_reason("调整");
  change.set_handler("王五");
  EXPECT_THAT(FileChange(kStaff, pending.hotline_id(), change, "chg-1"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("PENDING_SIGNATURE")));
  // Call records of a hotline not approved are stored, and counted for assessment (H1).
  SetTime(ShanghaiTime(2026, 3, 10, 10, 0));
  ASSERT_OK_AND_ASSIGN(v1::IngestCallRecordsResponse unapproved,
                       Ingest(kPhoneSystem, {Record(pending.hotline_id(), "x-1",
                                                    ShanghaiTime(2026, 3, 9, 10, 0), true)}));
  EXPECT_EQ(unapproved.stored(), 1);
  v1::GetMonthlyStatisticsRequest stats_request;
  stats_request.set_unit_id("broadband");
  stats_request.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatistics stats,
                       Call(&Stub::GetMonthlyStatistics, kCenter, stats_request));
  EXPECT_EQ(stats.hotlines_active_without_approval(), 1);
  stats_request.set_month("March");
  EXPECT_THAT(FieldsOf(Call(&Stub::GetMonthlyStatistics, kCenter, stats_request).status()),
              ElementsAre("month"));
}

// gRPC's typed stream reader would take the bad message for the end of the stream and the call
// would answer OK over what came before.
TEST_F(HotlineIntegrationTest, H6_AStreamMessageThatDoesNotParseFailsTheIngest) {
  const grpc::Status status = common::testing::CallWithRawBody(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->grpc_port()),
                          grpc::InsecureChannelCredentials()),
      "/cs.hotline.v1.HotlineRegistryService/IngestCallRecords", common::testing::UndecodableBody(),
      kPhoneSystem);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("cs.hotline.v1.IngestCallRecordsRequest"));
  // Whoever sends it, as for a unary RPC.
  EXPECT_EQ(common::testing::CallWithRawBody(
                grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->grpc_port()),
                                    grpc::InsecureChannelCredentials()),
                "/cs.hotline.v1.HotlineRegistryService/IngestCallRecords",
                common::testing::UndecodableBody(), kOffice)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Metric("cs_grpc_server_handled_total",
                   {{"grpc_method", "IngestCallRecords"}, {"grpc_code", "INVALID_ARGUMENT"}}),
            2);
}

}  // namespace
}  // namespace cs::hotline

// Issue 11, "Calendar updates without a redeploy", on the real binaries (README "Calendar"): an
// operator adds next year's version to calendar.textproto and the running services take it — on
// SIGHUP, through cs.common.v1.CalendarAdmin/ReloadCalendar (CS_CENTER only) and by the periodic
// check of the file — while a broken file is refused naming its line and the calendar in force
// stays. Past the horizon the deadlines a service computes are provisional (SPEC "Working time"),
// and a deadline keeps the version it was computed with after a reload.
//
// Each test runs the suite on its own copy of deploy/config, so it can edit the calendar file.
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/db/uuid.h"
#include "common/grpc/client_auth.h"
#include "common/testclock/test_clock_client.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/status_matchers.h"
#include "common/testing/wait_for.h"
#include "common/time/calendar_testing.h"
#include "cs/common/v1/calendar_admin.grpc.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {
namespace {

using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::WaitFor;
using ::cs::common::testing::WithNextYearVersion;
using ::cs::common::v1::CalendarAdmin;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Property;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Replaces the file whole (write, then rename), as an editor that saves safely does.
void WriteFile(const std::string& path, const std::string& text) {
  const std::string staging = absl::StrCat(path, ".new");
  std::ofstream(staging) << text;
  std::filesystem::rename(staging, path);
}

// The 1-based line of the first occurrence of `needle` in `text`.
int LineOf(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  return at == std::string::npos ? 0 : 1 + std::count(text.begin(), text.begin() + at, '\n');
}

class CalendarReloadE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_dir_ = absl::StrCat(::testing::TempDir(), "/calendar-e2e-", common::db::NewUuidV4());
    std::filesystem::create_directories(config_dir_);
    for (const auto& entry :
         std::filesystem::directory_iterator(absl::StrCat(CS_SOURCE_DIR, "/deploy/config"))) {
      if (entry.is_regular_file()) {
        std::filesystem::copy_file(entry.path(), config_dir_ / entry.path().filename());
      }
    }
    calendar_file_ = (config_dir_ / "calendar.textproto").string();
    deployed_ = ReadFile(calendar_file_);
    ASSERT_FALSE(deployed_.empty());
  }
  void TearDown() override {
    suite_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(config_dir_, ignored);
  }

  // Starts the suite on the copy; `reload_interval` per service ("0" turns the check off).
  void StartSuite(const std::map<std::string, std::string>& reload_interval,
                  bool test_clock = false) {
    SuiteOptions options;
    options.test_clock = test_clock;
    for (const std::string& name : RunningSuite::ServiceNames()) {
      auto interval = reload_interval.find(name);
      options.extra_flags[name] = {
          absl::StrCat("--config_dir=", config_dir_.string()),
          absl::StrCat("--calendar_reload_interval=",
                       interval == reload_interval.end() ? "0" : interval->second)};
    }
    absl::StatusOr<std::unique_ptr<RunningSuite>> suite = RunningSuite::Start(options);
    ASSERT_OK(suite.status());
    suite_ = *std::move(suite);
  }

  // The version label of cs_calendar_horizon_seconds on `service`'s /metrics; "" when absent.
  std::string HorizonVersion(const std::string& service) {
    auto text = common::testing::HttpGet(suite_->service(service).metrics_port, "/metrics");
    if (!text.ok()) return "";
    auto samples = common::testing::ParseMetricsText(*text);
    if (!samples.ok()) return "";
    for (const common::testing::MetricSample& sample : *samples) {
      if (sample.name == "cs_calendar_horizon_seconds") return sample.labels.at("version");
    }
    return "";
  }
  double Reloads(const std::string& service, const std::string& result) {
    auto text = common::testing::HttpGet(suite_->service(service).metrics_port, "/metrics");
    if (!text.ok()) return -1;
    return common::testing::SumSamples(*text, "cs_calendar_reloads_total", {{"result", result}})
        .value_or(-1);
  }
  absl::Status WaitForHorizonVersion(const std::string& service, const std::string& version) {
    absl::Status waited =
        WaitFor(absl::StrCat(service, "'s cs_calendar_horizon_seconds to show ", version),
                [&] { return HorizonVersion(service) == version; });
    if (waited.ok()) return waited;
    return absl::Status(waited.code(),
                        absl::StrCat(waited.message(), "; it shows \"", HorizonVersion(service),
                                     "\"; log:\n", suite_->service(service).process->LogTail()));
  }

  std::unique_ptr<CalendarAdmin::Stub> Admin(const std::string& service) {
    return CalendarAdmin::NewStub(suite_->service(service).channel);
  }
  grpc::Status Reload(const std::string& service, absl::string_view token,
                      cs::common::v1::ReloadCalendarResponse* response) {
    auto admin = Admin(service);
    return CallAs(*admin, &CalendarAdmin::Stub::ReloadCalendar, token,
                  cs::common::v1::ReloadCalendarRequest(), response);
  }
  cs::common::v1::Calendar GetCalendar(const std::string& service) {
    auto admin = Admin(service);
    cs::common::v1::Calendar calendar;
    const grpc::Status status =
        CallAs(*admin, &CalendarAdmin::Stub::GetCalendar, kBroadbandStaffToken,
               cs::common::v1::GetCalendarRequest(), &calendar);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return calendar;
  }

  std::filesystem::path config_dir_;
  std::string calendar_file_;
  std::string deployed_;
  std::unique_ptr<RunningSuite> suite_;
};

// Routing checks its file every 100 ms and takes the new version with no signal; intake, the
// archive, the two registries and the assessment do not check at all
// (--calendar_reload_interval=0), so they still compute on the old version until SIGHUP tells them
// — and SIGHUP does not end them.
TEST_F(CalendarReloadE2eTest, SighupAndThePeriodicFileCheckLoadNextYearsVersion) {
  ASSERT_NO_FATAL_FAILURE(StartSuite({{"routing", "100ms"}}));
  for (const std::string& name : RunningSuite::ServiceNames()) {
    EXPECT_EQ(HorizonVersion(name), "cn-2026.1") << name;
  }
  WriteFile(calendar_file_, WithNextYearVersion(deployed_));

  ASSERT_OK(WaitForHorizonVersion("routing", "cn-2027.1"));
  EXPECT_EQ(Reloads("routing", "applied"), 1);
  EXPECT_EQ(HorizonVersion("intake"), "cn-2026.1") << "intake has no file check";
  EXPECT_EQ(HorizonVersion("archive"), "cn-2026.1") << "the archive has no file check";
  EXPECT_EQ(HorizonVersion("hotline-registry"), "cn-2026.1") << "the registry has no file check";
  EXPECT_EQ(HorizonVersion("channel-registry"), "cn-2026.1") << "the registry has no file check";
  EXPECT_EQ(HorizonVersion("assessment"), "cn-2026.1") << "the assessment has no file check";

  for (const char* name :
       {"intake", "archive", "hotline-registry", "channel-registry", "assessment"}) {
    ASSERT_OK(suite_->service(name).process->Signal(SIGHUP));
    ASSERT_OK(WaitForHorizonVersion(name, "cn-2027.1"));
    EXPECT_EQ(Reloads(name, "applied"), 1) << name;
    EXPECT_FALSE(suite_->service(name).process->Exited()) << name << " ended on SIGHUP";
  }
  for (const std::string& name : RunningSuite::ServiceNames()) {
    const cs::common::v1::Calendar calendar = GetCalendar(name);
    EXPECT_EQ(calendar.current_version(), "cn-2027.1") << name;
    ASSERT_THAT(calendar.versions(),
                ElementsAre(Property(&cs::common::v1::CalendarVersion::version, "cn-2026.1"),
                            Property(&cs::common::v1::CalendarVersion::version, "cn-2027.1")))
        << name;
    EXPECT_EQ(calendar.versions(1).horizon(), "2027-12-31") << name;
  }
}

// ReloadCalendar is the CS center's: a broken file is INVALID_ARGUMENT naming its line and the
// version in force stays; so is a file that drops a version deadlines may name; a good file is
// taken at once.
TEST_F(CalendarReloadE2eTest, ReloadCalendarRefusesABrokenFileNamingItsLineAndKeepsTheOldVersion) {
  ASSERT_NO_FATAL_FAILURE(StartSuite({}));
  cs::common::v1::ReloadCalendarResponse response;
  for (absl::string_view token :
       {kDesignatedUnitToken, kBroadbandStaffToken, kBroadbandManagerToken, kIntakeServiceToken}) {
    const grpc::Status refused = Reload("intake", token, &response);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED)
        << token << ": " << refused.error_message();
  }
  EXPECT_EQ(Reload("intake", "not-a-token", &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  const std::string broken = absl::StrReplaceAll(
      WithNextYearVersion(deployed_),
      {{R"(holidays { date: "2027-01-01")", R"(holidays { date: "2027-02-30")"}});
  WriteFile(calendar_file_, broken);
  const grpc::Status invalid = Reload("intake", kCsCenterToken, &response);
  EXPECT_EQ(invalid.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(invalid.error_message(),
              HasSubstr(absl::StrCat("calendar.textproto:", LineOf(broken, "2027-02-30"),
                                     ": versions[1].holidays[33].date: \"2027-02-30\" is not a "
                                     "date")));
  EXPECT_EQ(HorizonVersion("intake"), "cn-2026.1");
  EXPECT_EQ(GetCalendar("intake").current_version(), "cn-2026.1");
  EXPECT_EQ(Reloads("intake", "rejected"), 1);

  // The published version may not go: deadlines already computed name it.
  const std::string next_year = WithNextYearVersion(deployed_);
  const std::string without_published = absl::StrCat(
      "current_version: \"cn-2027.1\"\n",
      next_year.substr(next_year.find("versions {", next_year.find("versions {") + 1)));
  WriteFile(calendar_file_, without_published);
  const grpc::Status removed = Reload("intake", kCsCenterToken, &response);
  EXPECT_EQ(removed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(removed.error_message(), HasSubstr("published version \"cn-2026.1\" is missing"));
  EXPECT_EQ(HorizonVersion("intake"), "cn-2026.1");

  WriteFile(calendar_file_, next_year);
  const grpc::Status applied = Reload("intake", kCsCenterToken, &response);
  ASSERT_TRUE(applied.ok()) << applied.error_message();
  EXPECT_TRUE(response.changed());
  EXPECT_EQ(response.calendar().current_version(), "cn-2027.1");
  EXPECT_EQ(HorizonVersion("intake"), "cn-2027.1");
  ASSERT_TRUE(Reload("intake", kCsCenterToken, &response).ok());
  EXPECT_FALSE(response.changed()) << "the same file again changes nothing";
}

// Past the horizon of cn-2026.1 (2026-12-31), on the test clock: intake's confirmation deadline and
// routing's handling deadline are counted on the weekly pattern and marked provisional, through
// GetTicket and the dispatch order. After next year's version is loaded, a new ticket's deadline
// is not provisional, and the first ticket keeps the deadline and version it was given.
TEST_F(CalendarReloadE2eTest, I5_ADeadlinePastTheHorizonIsProvisionalEndToEnd) {
  ASSERT_NO_FATAL_FAILURE(StartSuite({}, /*test_clock=*/true));
  // Monday 2027-01-04 10:00 in Shanghai, in every process.
  const absl::Time monday = ShanghaiTime(2027, 1, 4, 10, 0);
  for (const std::string& name : RunningSuite::ServiceNames()) {
    common::TestClockClient clock(suite_->service(name).channel, std::string(kCsCenterToken));
    ASSERT_OK(clock.SetTime(monday, /*allow_backwards=*/true).status()) << name;
  }
  auto intake = cs::intake::v1::IntakeService::NewStub(suite_->service("intake").channel);
  auto routing = cs::routing::v1::RoutingService::NewStub(suite_->service("routing").channel);
  auto create = [&](const std::string& request_id) {
    cs::intake::v1::CreateTicketRequest request;
    request.set_request_id(request_id);
    cs::intake::v1::TicketInput& input = *request.mutable_ticket();
    input.set_unit_id("broadband");
    input.set_kind(cs::common::v1::TICKET_KIND_CONSULTATION);
    input.set_channel(cs::common::v1::CHANNEL_HOTLINE);
    input.set_problem("宽带无法连接");
    input.set_device_number("021-5888 1234");
    input.set_contact_phone("13800138000");
    input.set_contact_person("用户");
    cs::intake::v1::Ticket ticket;
    const grpc::Status status = CallAs(*intake, &cs::intake::v1::IntakeService::Stub::CreateTicket,
                                       kBroadbandStaffToken, request, &ticket);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return ticket;
  };
  auto get = [&](int64_t ticket_id) {
    cs::intake::v1::GetTicketRequest request;
    request.set_ticket_id(ticket_id);
    cs::intake::v1::Ticket ticket;
    const grpc::Status status = CallAs(*intake, &cs::intake::v1::IntakeService::Stub::GetTicket,
                                       kBroadbandStaffToken, request, &ticket);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return ticket;
  };

  const cs::intake::v1::Ticket first = create("provisional-first");
  const cs::intake::v1::Ticket read = get(first.ticket_id());
  EXPECT_TRUE(read.confirm_deadline().provisional());
  EXPECT_EQ(read.confirm_deadline().calendar_version(), "cn-2026.1");
  EXPECT_EQ(read.confirm_deadline().at().seconds(),
            absl::ToUnixSeconds(ShanghaiTime(2027, 1, 4, 11, 0)));

  // Forwarded, received by routing and dispatched there: the handling deadline too.
  cs::intake::v1::ForwardTicketRequest forward;
  forward.set_request_id("provisional-forward");
  forward.set_ticket_id(first.ticket_id());
  cs::intake::v1::Ticket forwarded;
  const grpc::Status forwarding =
      CallAs(*intake, &cs::intake::v1::IntakeService::Stub::ForwardTicket, kBroadbandStaffToken,
             forward, &forwarded);
  ASSERT_TRUE(forwarding.ok()) << forwarding.error_message();
  EXPECT_TRUE(get(first.ticket_id()).forward().confirm_deadline().provisional());
  cs::routing::v1::ListRoutedTicketsRequest list;
  list.set_ticket_id(first.ticket_id());
  cs::routing::v1::ListRoutedTicketsResponse routed;
  ASSERT_OK(WaitFor("routing to receive the forward", [&] {
    return CallAs(*routing, &cs::routing::v1::RoutingService::Stub::ListRoutedTickets,
                  kDesignatedUnitToken, list, &routed)
               .ok() &&
           routed.routed_tickets_size() == 1;
  }));
  cs::routing::v1::DecideTicketRequest decide;
  decide.set_request_id("provisional-decide");
  decide.set_routed_ticket_id(routed.routed_tickets(0).routed_ticket_id());
  decide.set_decision(cs::routing::v1::DECISION_INTERNAL_DISPATCH);
  decide.set_unit_id("broadband");
  decide.set_reason("宽带故障，派发宽带单位处理");
  cs::routing::v1::RoutedTicket decided;
  const grpc::Status deciding =
      CallAs(*routing, &cs::routing::v1::RoutingService::Stub::DecideTicket, kDesignatedUnitToken,
             decide, &decided);
  ASSERT_TRUE(deciding.ok()) << deciding.error_message();
  ASSERT_EQ(decided.orders_size(), 1);
  EXPECT_TRUE(decided.orders(0).deadline().provisional());
  EXPECT_EQ(decided.orders(0).deadline().calendar_version(), "cn-2026.1");
  cs::routing::v1::GetDispatchOrderRequest get_order;
  get_order.set_order_id(decided.orders(0).order_id());
  cs::routing::v1::DispatchOrder order;
  const grpc::Status got_order =
      CallAs(*routing, &cs::routing::v1::RoutingService::Stub::GetDispatchOrder,
             kDesignatedUnitToken, get_order, &order);
  ASSERT_TRUE(got_order.ok()) << got_order.error_message();
  EXPECT_TRUE(order.deadline().provisional());

  // Next year's version (2027-01-04 is a working day in it too) is loaded into intake.
  WriteFile(calendar_file_, WithNextYearVersion(deployed_));
  cs::common::v1::ReloadCalendarResponse reloaded;
  ASSERT_TRUE(Reload("intake", kCsCenterToken, &reloaded).ok());
  const cs::intake::v1::Ticket second = create("provisional-second");
  EXPECT_FALSE(second.confirm_deadline().provisional());
  EXPECT_EQ(second.confirm_deadline().calendar_version(), "cn-2027.1");
  const cs::intake::v1::Ticket kept = get(first.ticket_id());
  EXPECT_TRUE(kept.confirm_deadline().provisional());
  EXPECT_EQ(kept.confirm_deadline().calendar_version(), "cn-2026.1");
}

}  // namespace
}  // namespace cs::e2e

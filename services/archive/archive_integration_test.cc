// The archive service as deployed (ArchiveWiring), in-process on loopback gRPC with a test clock,
// on a real MariaDB, running as a restricted database account that the wiring grants from
// deploy/sql/archive_grants.sql with a separate migration account. Each of SPEC V1–V6 by id;
// metrics scraped from the real /metrics endpoint.
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "common/api/proto_time.h"
#include "common/db/uuid.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "common/hash/sha256.h"
#include "common/server/service_server.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/test_tokens.h"
#include "common/testing/wait_for.h"
#include "common/time/calendar_testing.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "services/archive/archive_wiring.h"

namespace cs::archive {
namespace {

using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::SizeIs;
namespace v1 = ::cs::archive::v1;

constexpr absl::string_view kIntake = "token-intake";
constexpr absl::string_view kCenter = "token-center";
constexpr absl::string_view kClerk = "token-clerk";
constexpr absl::string_view kManager = "token-manager";
constexpr absl::string_view kArchivist = "token-archivist";
constexpr absl::string_view kPortalClerk = "token-portal-clerk";
constexpr absl::string_view kPortalArchivist = "token-portal-archivist";
constexpr absl::string_view kOffice = "token-office";

common::TokenStore Tokens() {
  return common::testing::TestTokenStore({
      {kIntake, "svc-intake", cs::common::v1::ROLE_SERVICE, ""},
      {kCenter, "center", cs::common::v1::ROLE_CS_CENTER, ""},
      {kClerk, "clerk", cs::common::v1::ROLE_UNIT_STAFF, "broadband"},
      {kManager, "manager", cs::common::v1::ROLE_UNIT_MANAGER, "broadband"},
      {kArchivist, "keeper", cs::common::v1::ROLE_ARCHIVIST, "broadband"},
      {kPortalClerk, "portal-clerk", cs::common::v1::ROLE_UNIT_STAFF, "portal"},
      {kPortalArchivist, "portal-keeper", cs::common::v1::ROLE_ARCHIVIST, "portal"},
      {kOffice, "office", cs::common::v1::ROLE_OFFICE, ""},
  });
}

google::protobuf::Timestamp Ts(absl::Time t) { return common::ToProtoTimestamp(t); }

// A complaint at `unit`, received at `received`, forwarded and confirmed within its hour,
// dispatched to idc, answered in a day and closed an hour later.
cs::intake::v1::Ticket ClosedTicket(int64_t id, absl::Time received,
                                    const std::string& unit = "broadband") {
  cs::intake::v1::Ticket t;
  t.set_ticket_id(id);
  t.set_status(cs::intake::v1::TICKET_STATUS_CLOSED);
  cs::intake::v1::TicketInput* in = t.mutable_input();
  in->set_unit_id(unit);
  in->set_kind(cs::common::v1::TICKET_KIND_COMPLAINT);
  in->set_channel(cs::common::v1::CHANNEL_HOTLINE);
  in->set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
  in->set_problem("宽带每天晚上断线, \"急\"\nbroadband drops every evening");
  in->set_device_number("021-5888 1234");
  in->set_contact_phone("13800138000");
  in->set_contact_person("张先生");
  in->set_user_number("AD0012345");
  in->set_user_name("张三");
  in->set_company("上海某贸易公司");
  in->set_address("上海市浦东新区世纪大道 100 号");
  in->set_postal_code("200120");
  in->set_handler("李四");
  in->set_processor("王五");
  in->set_reviewer("赵六");
  in->set_business_line("broadband");
  t.set_overall_serial(id);
  t.set_serial_month(absl::FormatTime("%Y-%m", received, common::testing::ShanghaiTimeZone()));
  t.set_month_serial(id);
  *t.mutable_received_at() = Ts(received);
  cs::intake::v1::Forward* f = t.mutable_forward();
  f->set_forward_id(absl::StrCat("F", id, "-1"));
  *f->mutable_forwarded_at() = Ts(received + absl::Minutes(10));
  *f->mutable_confirm_deadline()->mutable_at() = Ts(received + absl::Hours(1));
  *f->mutable_confirmed_at() = Ts(received + absl::Minutes(20));
  f->set_deadline_met(true);
  t.set_last_outcome(cs::intake::v1::OUTCOME_KIND_REPLIED);
  t.set_handling_department("idc");
  *t.mutable_handling_deadline() = Ts(received + absl::Hours(48));
  *t.mutable_replied_to_user_at() = Ts(received + absl::Hours(24));
  *t.mutable_closed_at() = Ts(received + absl::Hours(25));
  const struct {
    absl::Duration after;
    const char* actor;
    const char* event;
    const char* detail;
  } history[] = {{absl::ZeroDuration(), "clerk", "CREATED", ""},
                 {absl::Minutes(10), "clerk", "FORWARDED", "F-1"},
                 {absl::Minutes(20), "routing", "RECEIPT_CONFIRMED", "R-1"},
                 {absl::Hours(2), "desk", "OUTCOME", "INTERNAL_DISPATCH to idc"},
                 {absl::Hours(24), "routing", "OUTCOME", "REPLIED by idc"},
                 {absl::Hours(25), "clerk", "CLOSED", ""}};
  int sequence = 0;
  for (const auto& h : history) {
    cs::intake::v1::HistoryEntry* e = t.add_history();
    e->set_sequence(++sequence);
    *e->mutable_at() = Ts(received + h.after);
    e->set_actor(h.actor);
    e->set_event(h.event);
    e->set_detail(h.detail);
  }
  cs::intake::v1::Reply* r = t.add_replies();
  r->set_sequence(1);
  *r->mutable_at() = Ts(received + absl::Hours(24));
  r->set_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
  r->set_replied_by("idc");
  r->set_text("已修复 / repaired");
  *t.mutable_updated_at() = Ts(received + absl::Hours(25));
  t.set_version(9);
  return t;
}

int ErrorOf(common::db::ConnectionPool& pool, const std::string& statement) {
  absl::StatusOr<common::db::PooledConnection> lease = pool.Acquire();
  if (!lease.ok()) return -1;
  try {
    std::unique_ptr<sql::Statement> run((*lease)->createStatement());
    run->execute(statement);
    return 0;
  } catch (const sql::SQLException& e) {
    return e.getErrorCode();
  }
}

class ArchiveIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(database_, common::testing::TestDatabase::Create());
    ASSERT_OK_AND_ASSIGN(admin_, database_->CreatePool(2));
    service_user_ = absl::StrCat("arch_", absl::StrReplaceAll(common::db::NewUuidV4(), {{"-", ""}}))
                        .substr(0, 20);
    ASSERT_EQ(ErrorOf(*admin_,
                      absl::StrCat("CREATE USER '", service_user_, "'@'%' IDENTIFIED BY 'svc-pw'")),
              0);
    Start(CS_SOURCE_DIR "/deploy/config");
  }
  void TearDown() override {
    server_.reset();
    if (admin_ != nullptr) {
      EXPECT_EQ(ErrorOf(*admin_, absl::StrCat("DROP USER IF EXISTS '", service_user_, "'@'%'")), 0);
    }
  }

  common::ServerOptions Options(const std::string& config_dir) {
    common::ServerOptions options;
    options.service_name = "archive";
    options.grpc_address = "127.0.0.1";
    options.metrics_address = "127.0.0.1";
    options.test_clock = true;
    options.test_clock_start = ShanghaiTime(2026, 3, 2, 8, 0);
    options.mysql = database_->options();
    options.mysql.user = service_user_;
    options.mysql.password = "svc-pw";
    options.config_dir = config_dir;
    return options;
  }
  ArchiveWiringOptions WiringOptions() {
    ArchiveWiringOptions wiring;
    wiring.migration_user = database_->options().user;
    wiring.migration_password = database_->options().password;
    wiring.sweep_interval = absl::Milliseconds(50);
    return wiring;
  }

  void Start(const std::string& config_dir) {
    absl::StatusOr<std::unique_ptr<common::ServiceServer>> server = common::ServiceServer::Start(
        Options(config_dir), Tokens(), ArchiveWiring(WiringOptions()), &logger_);
    ASSERT_OK(server.status());
    server_ = *std::move(server);
    stub_ = v1::ArchiveService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_->grpc_port()), grpc::InsecureChannelCredentials()));
  }

  // Calls `method` with `token` and returns the response or the mapped status.
  template <typename Request, typename Response>
  absl::StatusOr<Response> Call(grpc::Status (v1::ArchiveService::Stub::*method)(
                                    grpc::ClientContext*, const Request&, Response*),
                                absl::string_view token, const Request& request) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    if (!token.empty()) common::AttachBearerToken(context, token);
    Response response;
    grpc::Status status = (stub_.get()->*method)(&context, request, &response);
    if (!status.ok()) return common::FromGrpcStatus(status);
    return response;
  }

  absl::StatusOr<v1::ArchiveRecordResponse> ArchiveTicket(const cs::intake::v1::Ticket& ticket,
                                                          const std::string& message_id,
                                                          absl::string_view token = kIntake) {
    v1::ArchiveRecordRequest request;
    request.set_message_id(message_id);
    *request.mutable_ticket() = ticket;
    request.set_unit_name("宽带业务中心");
    request.set_time_zone("Asia/Shanghai");
    return Call(&v1::ArchiveService::Stub::ArchiveRecord, token, request);
  }
  std::string Archived(int64_t ticket_id, absl::Time received = ShanghaiTime(2026, 3, 2, 10, 0),
                       const std::string& unit = "broadband") {
    absl::StatusOr<v1::ArchiveRecordResponse> response =
        ArchiveTicket(ClosedTicket(ticket_id, received, unit), absl::StrCat("m-", ticket_id));
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? response->record_id() : "";
  }
  absl::StatusOr<v1::ArchivedRecord> Get(const std::string& record_id, absl::string_view token,
                                         const std::string& reason = "review", int version = 0) {
    v1::GetRecordRequest request;
    request.set_record_id(record_id);
    request.set_version(version);
    request.set_reason(reason);
    return Call(&v1::ArchiveService::Stub::GetRecord, token, request);
  }
  absl::StatusOr<v1::DestructionCertificate> Destroy(const std::string& record_id,
                                                     absl::string_view token,
                                                     const std::string& request_id) {
    v1::DestroyRecordRequest request;
    request.set_request_id(request_id);
    request.set_record_id(record_id);
    request.set_reason("destruction round");
    return Call(&v1::ArchiveService::Stub::DestroyRecord, token, request);
  }

  std::string Scrape() {
    absl::StatusOr<std::string> text =
        common::testing::HttpGet(server_->metrics_port(), "/metrics");
    EXPECT_TRUE(text.ok()) << text.status();
    return text.ok() ? *text : "";
  }
  double Metric(absl::string_view name, const std::map<std::string, std::string>& labels = {}) {
    absl::StatusOr<double> value = common::testing::SumSamples(Scrape(), name, labels);
    EXPECT_TRUE(value.ok()) << value.status();
    return value.ok() ? *value : -1;
  }
  // The sweeper runs every 50 ms: waits (up to 20 s) until `name` reads `expected`.
  bool EventuallyMetric(absl::string_view name, const std::map<std::string, std::string>& labels,
                        double expected) {
    const absl::Status waited =
        common::testing::WaitFor(absl::StrCat(name, " to read ", expected),
                                 [&] { return Metric(name, labels) == expected; });
    EXPECT_OK(waited);
    return waited.ok();
  }

  // Rows of the access log as the database holds them, oldest first: "user action target outcome
  // reason".
  std::vector<std::string> AccessLogRows() {
    std::vector<std::string> rows;
    absl::StatusOr<common::db::PooledConnection> lease = admin_->Acquire();
    EXPECT_TRUE(lease.ok());
    if (!lease.ok()) return rows;
    std::unique_ptr<sql::Statement> run((*lease)->createStatement());
    std::unique_ptr<sql::ResultSet> rs(run->executeQuery(
        "SELECT actor, action, target, outcome, reason FROM access_log ORDER BY id"));
    while (rs->next()) {
      rows.push_back(
          absl::StrCat(rs->getString(1).asStdString(), " ", rs->getString(2).asStdString(), " ",
                       rs->getString(3).asStdString(), " ", rs->getString(4).asStdString(), " ",
                       rs->getString(5).asStdString()));
    }
    return rows;
  }

  common::CapturingLogSink log_sink_;
  common::Logger logger_{&log_sink_, &common::Clock::Real()};
  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<common::db::ConnectionPool> admin_;
  std::string service_user_;
  std::unique_ptr<common::ServiceServer> server_;
  std::unique_ptr<v1::ArchiveService::Stub> stub_;
};

// --- V1
// -------------------------------------------------------------------------------------------

TEST_F(ArchiveIntegrationTest, V1_TheCompleteTicketIsArchivedOnceAndReadBackWhole) {
  const cs::intake::v1::Ticket ticket = ClosedTicket(7, ShanghaiTime(2026, 3, 2, 10, 0));
  ASSERT_OK_AND_ASSIGN(v1::ArchiveRecordResponse first, ArchiveTicket(ticket, "msg-7"));
  EXPECT_FALSE(first.duplicate());
  EXPECT_TRUE(absl::StartsWith(first.record_id(), "AR-"));
  ASSERT_OK_AND_ASSIGN(v1::ArchiveRecordResponse again, ArchiveTicket(ticket, "msg-7"));
  EXPECT_TRUE(again.duplicate());
  EXPECT_EQ(again.record_id(), first.record_id());

  ASSERT_OK_AND_ASSIGN(v1::ArchivedRecord record, Get(first.record_id(), kCenter));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(record.ticket(), ticket))
      << record.ticket().DebugString();
  EXPECT_EQ(record.summary().routing_path(), v1::ROUTING_PATH_INTERNAL_DISPATCH);
  EXPECT_EQ(record.summary().closed_month(), "2026-03");
  EXPECT_TRUE(record.summary().on_time());
  ASSERT_THAT(record.versions(), SizeIs(1));
  EXPECT_EQ(record.versions(0).content_sha256().size(), 64u);
  EXPECT_EQ(record.time_zone(), "Asia/Shanghai");
  EXPECT_EQ(Metric("cs_archive_records_archived_total", {{"unit", "broadband"}}), 1);
}

TEST_F(ArchiveIntegrationTest, V1_AnIncompleteRecordIsInvalidArgumentNamingEachPart) {
  cs::intake::v1::Ticket ticket = ClosedTicket(7, ShanghaiTime(2026, 3, 2, 10, 0));
  ticket.mutable_input()->set_unit_id("atlantis");
  ticket.set_status(cs::intake::v1::TICKET_STATUS_REPLIED);
  ticket.clear_history();
  absl::Status refused = ArchiveTicket(ticket, "msg-bad").status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const auto& v : common::ViolationsOf(refused)) fields.push_back(v.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("ticket.input.unit_id", "ticket.status",
                                                      "ticket.history"));
  EXPECT_THAT(ArchiveTicket(ClosedTicket(8, absl::Now()), "m", kClerk),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(ArchiveTicket(ClosedTicket(8, absl::Now()), "m", ""),
              StatusIs(absl::StatusCode::kUnauthenticated));
  v1::ArchiveRecordRequest empty;
  empty.set_message_id("m-empty");
  EXPECT_THAT(Call(&v1::ArchiveService::Stub::ArchiveRecord, kIntake, empty),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ticket")));
}

TEST_F(ArchiveIntegrationTest, V1_ACorrectionIsANewVersionAndTheOldOneStays) {
  const std::string id = Archived(7);
  cs::intake::v1::Ticket corrected = ClosedTicket(7, ShanghaiTime(2026, 3, 2, 10, 0));
  corrected.mutable_input()->set_user_name("张叁");
  v1::CorrectRecordRequest request;
  request.set_request_id("fix-1");
  request.set_record_id(id);
  *request.mutable_ticket() = corrected;
  request.set_reason("name misspelt on intake");
  EXPECT_THAT(Call(&v1::ArchiveService::Stub::CorrectRecord, kClerk, request),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::ArchivedRecord corrected_record,
                       Call(&v1::ArchiveService::Stub::CorrectRecord, kManager, request));
  EXPECT_EQ(corrected_record.version(), 2);
  ASSERT_OK_AND_ASSIGN(v1::ArchivedRecord v1_record, Get(id, kCenter, "compare", 1));
  ASSERT_OK_AND_ASSIGN(v1::ArchivedRecord v2_record, Get(id, kCenter, "compare"));
  EXPECT_EQ(v1_record.ticket().input().user_name(), "张三");
  EXPECT_EQ(v2_record.ticket().input().user_name(), "张叁");
  ASSERT_THAT(v2_record.versions(), SizeIs(2));
  EXPECT_EQ(v2_record.versions(1).archived_by(), "manager");
  EXPECT_EQ(v2_record.versions(1).reason(), "name misspelt on intake");
  EXPECT_EQ(Metric("cs_archive_record_versions_total", {{"unit", "broadband"}}), 1);
}

// --- V2
// -------------------------------------------------------------------------------------------

// A1 7.4.2 over gRPC and MariaDB: what the assessment reads to judge archive completeness.
TEST_F(ArchiveIntegrationTest,
       V1_ArchiveCompletenessCountsTheMonthsClosedTicketsAndNamesSerialGaps) {
  // ClosedTicket(n) is serial n of its month of receipt and closes 25 hours after receipt; each is
  // archived `lag` after its close.
  auto archived_after = [&](int64_t ticket_id, absl::Time received, absl::Duration lag,
                            const std::string& unit = "broadband") {
    server_->test_clock()->SetTime(received + absl::Hours(25) + lag);
    Archived(ticket_id, received, unit);
  };
  archived_after(1, ShanghaiTime(2026, 3, 2, 10, 0), absl::Hours(1));
  archived_after(2, ShanghaiTime(2026, 3, 5, 10, 0), absl::Hours(3));
  archived_after(5, ShanghaiTime(2026, 3, 9, 10, 0), absl::Hours(2));
  archived_after(3, ShanghaiTime(2026, 3, 9, 10, 0), absl::Hours(1), "portal");
  server_->test_clock()->SetTime(ShanghaiTime(2026, 4, 1, 9, 0));

  v1::GetArchiveCompletenessRequest request;
  request.set_unit_id("broadband");
  request.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(v1::ArchiveCompleteness march,
                       Call(&v1::ArchiveService::Stub::GetArchiveCompleteness, kOffice, request));
  EXPECT_EQ(march.unit_id(), "broadband");
  EXPECT_EQ(march.month(), "2026-03");
  EXPECT_EQ(march.time_zone(), "Asia/Shanghai");
  EXPECT_EQ(common::FromProtoTimestamp(march.closed().start(), "").value(),
            ShanghaiTime(2026, 3, 1, 0, 0));
  EXPECT_EQ(common::FromProtoTimestamp(march.closed().end(), "").value(),
            ShanghaiTime(2026, 4, 1, 0, 0));
  EXPECT_EQ(common::FromProtoTimestamp(march.as_of(), "").value(), ShanghaiTime(2026, 4, 1, 9, 0));
  EXPECT_EQ(march.archived_closed_in_month(), 3);
  ASSERT_THAT(march.serial_months(), SizeIs(1));
  EXPECT_EQ(march.serial_months(0).serial_month(), "2026-03");
  EXPECT_EQ(march.serial_months(0).archived_serials(), 3);
  EXPECT_EQ(march.serial_months(0).highest_archived_serial(), 5);
  EXPECT_EQ(march.serial_months(0).missing_count(), 2);
  EXPECT_THAT(march.serial_months(0).missing_serials(), ::testing::ElementsAre(3, 4));
  EXPECT_FALSE(march.serial_months(0).missing_truncated());
  EXPECT_EQ(march.missing_serials_total(), 2);
  EXPECT_DOUBLE_EQ(march.max_archive_lag_seconds(), 3 * 3600);
  EXPECT_DOUBLE_EQ(march.median_archive_lag_seconds(), 2 * 3600);

  // The unit's own manager (empty: own unit) and archivist; SERVICE (the assessment) for any.
  request.clear_unit_id();
  ASSERT_OK_AND_ASSIGN(v1::ArchiveCompleteness own,
                       Call(&v1::ArchiveService::Stub::GetArchiveCompleteness, kManager, request));
  EXPECT_EQ(own.archived_closed_in_month(), 3);
  request.set_unit_id("portal");
  ASSERT_OK_AND_ASSIGN(v1::ArchiveCompleteness portal,
                       Call(&v1::ArchiveService::Stub::GetArchiveCompleteness, kIntake, request));
  EXPECT_EQ(portal.archived_closed_in_month(), 1);
  EXPECT_EQ(portal.serial_months(0).missing_count(), 2);  // broadband's 1 and 2 are not portal's
  EXPECT_THAT(Call(&v1::ArchiveService::Stub::GetArchiveCompleteness, kArchivist, request),
              StatusIs(absl::StatusCode::kPermissionDenied));
  request.set_unit_id("broadband");
  EXPECT_THAT(Call(&v1::ArchiveService::Stub::GetArchiveCompleteness, kClerk, request),
              StatusIs(absl::StatusCode::kPermissionDenied));
  request.set_unit_id("nowhere");
  EXPECT_THAT(Call(&v1::ArchiveService::Stub::GetArchiveCompleteness, kCenter, request),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
  request.set_unit_id("broadband");
  request.set_month("March");
  EXPECT_THAT(Call(&v1::ArchiveService::Stub::GetArchiveCompleteness, kCenter, request),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")));

  // Counts and serials only: no access-log row (V3 logs reads of records).
  v1::ListAccessLogRequest list;
  list.set_reason("audit");
  ASSERT_OK_AND_ASSIGN(v1::ListAccessLogResponse log,
                       Call(&v1::ArchiveService::Stub::ListAccessLog, kCenter, list));
  ASSERT_THAT(log.entries(), SizeIs(1));  // the listing itself
  EXPECT_EQ(log.entries(0).action(), "LIST_ACCESS_LOG");
}

TEST_F(ArchiveIntegrationTest, V2_RetentionBelowTwoYearsIsRefusedByRpc) {
  v1::SetUnitRetentionRequest request;
  request.set_unit_id("broadband");
  request.mutable_retention()->set_months(23);
  request.set_reason("save space");
  absl::Status refused =
      Call(&v1::ArchiveService::Stub::SetUnitRetention, kCenter, request).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("A1 7.3.1")));
  ASSERT_FALSE(common::ViolationsOf(refused).empty());
  EXPECT_EQ(common::ViolationsOf(refused)[0].field, "retention");
  request.mutable_retention()->set_years(4);
  EXPECT_THAT(Call(&v1::ArchiveService::Stub::SetUnitRetention, kManager, request),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::UnitRetentionPolicy policy,
                       Call(&v1::ArchiveService::Stub::SetUnitRetention, kCenter, request));
  EXPECT_EQ(policy.source(), "rpc");
  v1::GetRetentionPolicyRequest get;
  get.set_unit_id("broadband");
  ASSERT_OK_AND_ASSIGN(v1::GetRetentionPolicyResponse policies,
                       Call(&v1::ArchiveService::Stub::GetRetentionPolicy, kClerk, get));
  ASSERT_THAT(policies.units(), SizeIs(1));
  EXPECT_EQ(policies.units(0).retention().years(), 4);
  EXPECT_EQ(policies.minimum().years(), 2);
  // Records archived from now on keep 4 years.
  ASSERT_OK_AND_ASSIGN(v1::ArchivedRecord record, Get(Archived(3), kCenter));
  EXPECT_EQ(record.retention().period().years(), 4);
  EXPECT_EQ(common::FromProtoTimestamp(record.summary().retain_until(), "").value(),
            ShanghaiTime(2030, 3, 4, 0, 0));
}

TEST_F(ArchiveIntegrationTest, V2_AShorterRetentionFileIsRefusedAtStartWithItsLine) {
  const std::string dir = absl::StrCat(::testing::TempDir(), "/archive_bad_config");
  std::filesystem::create_directories(dir);
  for (const char* file : {"units.textproto", "calendar.textproto", "sla_targets.textproto"}) {
    std::filesystem::copy_file(absl::StrCat(CS_SOURCE_DIR "/deploy/config/", file),
                               absl::StrCat(dir, "/", file),
                               std::filesystem::copy_options::overwrite_existing);
  }
  std::ofstream(absl::StrCat(dir, "/archive_retention.textproto"))
      << "# too short\ndefault_retention { years: 2 }\nunits { unit_id: \"portal\" retention { "
         "months: 18 } }\n";
  absl::StatusOr<std::unique_ptr<common::ServiceServer>> server = common::ServiceServer::Start(
      Options(dir), Tokens(), ArchiveWiring(WiringOptions()), &logger_);
  EXPECT_THAT(server.status(), StatusIs(absl::StatusCode::kInvalidArgument,
                                        ::testing::AllOf(HasSubstr("archive_retention.textproto:3: "
                                                                   "units[0].retention"),
                                                         HasSubstr("2 years"))));
}

// --- V3
// -------------------------------------------------------------------------------------------

TEST_F(ArchiveIntegrationTest, V3_EveryReadLeavesAnAccessLogRowGrantedOrRefused) {
  const std::string id = Archived(7);
  ASSERT_OK(Get(id, kClerk, "customer called back").status());
  EXPECT_THAT(Get(id, kPortalClerk, "curious"), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Get(id, kOffice, "curious"), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Get(id, kClerk, ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  v1::SearchRecordsRequest search;
  search.set_reason("monthly review");
  ASSERT_OK_AND_ASSIGN(v1::SearchRecordsResponse found,
                       Call(&v1::ArchiveService::Stub::SearchRecords, kManager, search));
  EXPECT_THAT(found.records(), SizeIs(1));
  v1::ExportRecordFormRequest form;
  form.set_record_id(id);
  form.set_reason("paper file");
  ASSERT_OK(Call(&v1::ArchiveService::Stub::ExportRecordForm, kArchivist, form).status());
  v1::ExportMonthCsvRequest csv;
  csv.set_month("2026-03");
  csv.set_reason("statistics");
  ASSERT_OK(Call(&v1::ArchiveService::Stub::ExportMonthCsv, kCenter, csv).status());
  v1::ListAccessLogRequest list;
  list.set_reason("audit");
  ASSERT_OK_AND_ASSIGN(v1::ListAccessLogResponse log_page,
                       Call(&v1::ArchiveService::Stub::ListAccessLog, kCenter, list));
  ASSERT_THAT(log_page.entries(), SizeIs(8));
  EXPECT_EQ(log_page.entries(0).action(), "LIST_ACCESS_LOG");  // newest first, itself included
  EXPECT_EQ(log_page.entries(7).user(), "clerk");
  EXPECT_EQ(log_page.entries(7).role(), cs::common::v1::ROLE_UNIT_STAFF);
  EXPECT_EQ(log_page.entries(7).caller_unit_id(), "broadband");
  EXPECT_EQ(log_page.entries(7).record_unit_id(), "broadband");
  EXPECT_EQ(common::FromProtoTimestamp(log_page.entries(7).at(), "").value(),
            ShanghaiTime(2026, 3, 2, 8, 0));
  EXPECT_THAT(Call(&v1::ArchiveService::Stub::ListAccessLog, kManager, list),
              StatusIs(absl::StatusCode::kPermissionDenied));

  // What the database holds — one row per call, refusals included, with who/what/why.
  EXPECT_THAT(
      AccessLogRows(),
      ::testing::ElementsAre(absl::StrCat("clerk GET_RECORD ", id, " GRANTED customer called back"),
                             absl::StrCat("portal-clerk GET_RECORD ", id, " DENIED curious"),
                             absl::StrCat("office GET_RECORD ", id, " DENIED curious"),
                             absl::StrCat("clerk GET_RECORD ", id, " REFUSED "),
                             "manager SEARCH_RECORDS unit=broadband GRANTED monthly review",
                             absl::StrCat("keeper EXPORT_FORM ", id, " GRANTED paper file"),
                             "center EXPORT_CSV month=2026-03 GRANTED statistics",
                             "center LIST_ACCESS_LOG all GRANTED audit",
                             "manager LIST_ACCESS_LOG all DENIED audit"));
  EXPECT_EQ(Metric("cs_archive_reads_total", {{"role", "UNIT_STAFF"}, {"outcome", "GRANTED"}}), 1);
  EXPECT_EQ(Metric("cs_archive_reads_total", {{"outcome", "DENIED"}}), 3);
  EXPECT_EQ(Metric("cs_archive_reads_total", {{"role", "CS_CENTER"}}), 2);
}

TEST_F(ArchiveIntegrationTest, V3_AnUndecodableReadIsRefusedAndLoggedToo) {
  EXPECT_THAT(Get("record-7", kClerk, "lookup"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("record_id")));
  v1::SearchRecordsRequest search;
  search.set_reason("paging");
  search.mutable_page()->set_page_token("not-a-token");
  EXPECT_THAT(Call(&v1::ArchiveService::Stub::SearchRecords, kCenter, search),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
  EXPECT_THAT(AccessLogRows(),
              ::testing::ElementsAre("clerk GET_RECORD record-7 REFUSED lookup",
                                     "center SEARCH_RECORDS undecodable search REFUSED paging"));
}

TEST_F(ArchiveIntegrationTest, V3_TheServiceRunsAsAnAccountThatCannotAlterTheAccessLog) {
  EXPECT_EQ(Metric("cs_archive_access_log_append_only"), 1);
  for (const std::string& line : log_sink_.lines()) {
    EXPECT_THAT(line, ::testing::Not(HasSubstr("access_log_not_append_only")));
  }
}

// --- V4
// -------------------------------------------------------------------------------------------

TEST_F(ArchiveIntegrationTest, V4_DestructionOnlyAfterTwoYearsAndNeverUnderHold) {
  // Closed 2026-03-03 11:00 Shanghai: destroyable from 2028-03-04 00:00.
  const std::string id = Archived(7);
  const std::string held = Archived(8);
  v1::SetLegalHoldRequest hold;
  hold.set_record_id(held);
  hold.set_hold(true);
  hold.set_reason("court order 2026-17");
  EXPECT_THAT(Call(&v1::ArchiveService::Stub::SetLegalHold, kManager, hold),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::ArchivedRecord held_record,
                       Call(&v1::ArchiveService::Stub::SetLegalHold, kCenter, hold));
  EXPECT_TRUE(held_record.legal_hold().held());
  EXPECT_FALSE(held_record.has_ticket());  // setting a hold is no read of the content

  server_->test_clock()->SetTime(ShanghaiTime(2028, 3, 2, 11, 0));  // 2 years minus one day
  EXPECT_THAT(Destroy(id, kArchivist, "d-1"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("within its retention")));
  ASSERT_TRUE(
      EventuallyMetric("cs_archive_records_due_for_destruction", {{"unit", "broadband"}}, 0));

  server_->test_clock()->SetTime(ShanghaiTime(2028, 3, 4, 11, 0));  // 2 years and one day
  ASSERT_TRUE(
      EventuallyMetric("cs_archive_records_due_for_destruction", {{"unit", "broadband"}}, 1));
  v1::ListDueForDestructionRequest due;
  due.set_reason("destruction round 2028-03");
  ASSERT_OK_AND_ASSIGN(v1::ListDueForDestructionResponse listed,
                       Call(&v1::ArchiveService::Stub::ListDueForDestruction, kArchivist, due));
  ASSERT_THAT(listed.records(), SizeIs(1));
  EXPECT_EQ(listed.records(0).record_id(), id);
  EXPECT_THAT(Destroy(held, kArchivist, "d-2"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("legal hold")));
  EXPECT_THAT(Destroy(id, kCenter, "d-3"), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Destroy(id, kPortalArchivist, "d-3"), StatusIs(absl::StatusCode::kPermissionDenied));

  ASSERT_OK_AND_ASSIGN(v1::DestructionCertificate certificate, Destroy(id, kArchivist, "d-4"));
  EXPECT_EQ(certificate.record_id(), id);
  EXPECT_TRUE(absl::StartsWith(certificate.certificate_id(), "DC-"));
  EXPECT_EQ(certificate.destroyed_by(), "keeper");
  EXPECT_EQ(certificate.reason(), "destruction round");
  EXPECT_THAT(certificate.retention_basis(), HasSubstr("2 years"));
  EXPECT_EQ(certificate.content_sha256().size(), 64u);
  EXPECT_EQ(common::FromProtoTimestamp(certificate.destroyed_at(), "").value(),
            ShanghaiTime(2028, 3, 4, 11, 0));
  ASSERT_OK_AND_ASSIGN(v1::DestructionCertificate again, Destroy(id, kArchivist, "d-4"));
  EXPECT_EQ(again.certificate_id(), certificate.certificate_id());

  ASSERT_OK_AND_ASSIGN(v1::ArchivedRecord after, Get(id, kCenter, "audit of destruction"));
  EXPECT_FALSE(after.has_ticket());
  EXPECT_TRUE(after.summary().destroyed());
  EXPECT_EQ(after.destruction().certificate_id(), certificate.certificate_id());
  EXPECT_EQ(after.versions(0).content_sha256(), certificate.content_sha256());
  EXPECT_EQ(Metric("cs_archive_records_destroyed_total", {{"unit", "broadband"}}), 1);
  ASSERT_TRUE(
      EventuallyMetric("cs_archive_records_due_for_destruction", {{"unit", "broadband"}}, 0));
  // Nothing personal is left in the database.
  absl::StatusOr<common::db::PooledConnection> lease = admin_->Acquire();
  ASSERT_OK(lease.status());
  std::unique_ptr<sql::Statement> run((*lease)->createStatement());
  std::unique_ptr<sql::ResultSet> rs(run->executeQuery(absl::StrCat(
      "SELECT COUNT(*) FROM record_versions WHERE document IS NOT NULL AND record_id = ",
      id.substr(3))));
  rs->next();
  EXPECT_EQ(rs->getInt(1), 0);
}

// --- V5
// -------------------------------------------------------------------------------------------

TEST_F(ArchiveIntegrationTest, V5_MonthlyStatisticsAndOnTimeReports) {
  Archived(1, ShanghaiTime(2026, 2, 10, 10, 0));
  Archived(2, ShanghaiTime(2026, 3, 2, 10, 0));
  Archived(3, ShanghaiTime(2026, 3, 3, 10, 0));
  Archived(4, ShanghaiTime(2026, 3, 3, 10, 0), "portal");
  v1::GetMonthlyStatisticsRequest request;
  request.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatistics own,
                       Call(&v1::ArchiveService::Stub::GetMonthlyStatistics, kClerk, request));
  EXPECT_EQ(own.unit_id(), "broadband");
  EXPECT_EQ(own.totals().total(), 2);
  EXPECT_EQ(own.totals().complaints(), 2);
  EXPECT_EQ(own.totals().previous_total(), 1);
  EXPECT_EQ(own.totals().change(), 1);
  EXPECT_DOUBLE_EQ(own.on_time_rate(), 1.0);
  ASSERT_THAT(own.by_routing_path(), SizeIs(1));
  EXPECT_EQ(own.by_routing_path(0).routing_path(), v1::ROUTING_PATH_INTERNAL_DISPATCH);
  ASSERT_THAT(own.by_channel(), SizeIs(1));
  EXPECT_EQ(own.by_channel(0).channel(), cs::common::v1::CHANNEL_HOTLINE);
  EXPECT_EQ(common::FromProtoTimestamp(own.report_due().at(), "").value(),
            ShanghaiTime(2026, 4, 8, 17, 30));
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatistics all,
                       Call(&v1::ArchiveService::Stub::GetMonthlyStatistics, kOffice, request));
  EXPECT_EQ(all.totals().total(), 3);
  request.set_month("March");
  EXPECT_THAT(Call(&v1::ArchiveService::Stub::GetMonthlyStatistics, kOffice, request),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")));

  server_->test_clock()->SetTime(ShanghaiTime(2026, 4, 8, 16, 0));
  v1::SubmitMonthlyReportRequest submit;
  submit.set_request_id("report-1");
  submit.set_month("2026-03");
  submit.set_analysis("投诉减少 / fewer complaints: line faults fixed");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyReportStatus on_time,
                       Call(&v1::ArchiveService::Stub::SubmitMonthlyReport, kClerk, submit));
  EXPECT_TRUE(on_time.on_time());
  EXPECT_EQ(on_time.records(), 2);
  server_->test_clock()->SetTime(ShanghaiTime(2026, 4, 9, 9, 0));
  submit.set_request_id("report-2");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyReportStatus late,
                       Call(&v1::ArchiveService::Stub::SubmitMonthlyReport, kPortalClerk, submit));
  EXPECT_FALSE(late.on_time());
  EXPECT_EQ(Metric("cs_archive_monthly_report_deadlines_total",
                   {{"unit", "broadband"}, {"outcome", "met"}}),
            1);
  EXPECT_EQ(Metric("cs_archive_monthly_reports_late_total", {{"unit", "portal"}}), 1);
  // Units that never submitted are counted late once by the sweeper.
  ASSERT_TRUE(EventuallyMetric("cs_archive_monthly_reports_late_total", {{"unit", "idc"}}, 1));
  v1::ListMonthlyReportsRequest list;
  list.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(v1::ListMonthlyReportsResponse reports,
                       Call(&v1::ArchiveService::Stub::ListMonthlyReports, kCenter, list));
  ASSERT_THAT(reports.reports(), SizeIs(5));  // every unit but the CS center
  int overdue = 0;
  for (const v1::MonthlyReportStatus& status : reports.reports()) overdue += status.overdue();
  EXPECT_EQ(overdue, 3);  // idc, hosting, service-desk
}

// --- V6
// -------------------------------------------------------------------------------------------

TEST_F(ArchiveIntegrationTest, V6_FormF4AndMonthCsv) {
  const std::string id = Archived(42);
  Archived(43);
  v1::ExportRecordFormRequest form;
  form.set_record_id(id);
  form.set_reason("paper archive");
  ASSERT_OK_AND_ASSIGN(v1::ExportRecordFormResponse text,
                       Call(&v1::ArchiveService::Stub::ExportRecordForm, kClerk, form));
  EXPECT_EQ(text.version(), 1);
  for (const char* expected : {"张三", "AD0012345", "上海市浦东新区世纪大道 100 号", "200120",
                               "数据中心", "李四", "王五", "赵六", "2026-03 / 42"}) {
    EXPECT_THAT(text.text(), HasSubstr(expected));
  }
  v1::ExportMonthCsvRequest csv;
  csv.set_month("2026-03");
  csv.set_reason("monthly statistics");
  csv.mutable_page()->set_page_size(1);
  ASSERT_OK_AND_ASSIGN(v1::ExportMonthCsvResponse first,
                       Call(&v1::ArchiveService::Stub::ExportMonthCsv, kClerk, csv));
  EXPECT_EQ(first.rows(), 1);
  ASSERT_FALSE(first.page().next_page_token().empty());
  csv.mutable_page()->set_page_token(first.page().next_page_token());
  ASSERT_OK_AND_ASSIGN(v1::ExportMonthCsvResponse second,
                       Call(&v1::ArchiveService::Stub::ExportMonthCsv, kClerk, csv));
  EXPECT_EQ(second.rows(), 1);
  EXPECT_TRUE(second.page().next_page_token().empty());
  EXPECT_TRUE(absl::StartsWith(first.csv(), "record_id,ticket_id,version,unit_id"));
  EXPECT_THAT(first.csv(), HasSubstr("\"宽带每天晚上断线, \"\"急\"\"\nbroadband drops"));
  EXPECT_TRUE(absl::EndsWith(second.csv(), "\r\n"));
  // A token is bound to its request.
  csv.set_month("2026-04");
  EXPECT_THAT(Call(&v1::ArchiveService::Stub::ExportMonthCsv, kClerk, csv),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
}

}  // namespace
}  // namespace cs::archive

// End to end (SPEC V1, M 7.3): a ticket closed at intake appears in the archive exactly once, even
// when intake retries. The REAL intake and archive binaries run as processes on a real MariaDB (the
// archive as its restricted database account, granted by its own start with a migration account);
// the test plays the designated unit with a stand-in routing service (it confirms receipt, then
// reports a REPLIED outcome through intake's ReportTicketOutcome) and puts a proxy between intake
// and the archive that loses the archive's first acknowledgement — so intake's relay must deliver
// the record a second time, and the archive must recognise it.
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/api/proto_time.h"
#include "common/db/uuid.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "common/hash/sha256.h"
#include "common/testclock/test_clock_client.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/service_process.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "common/testing/wait_for.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace cs::archive {
namespace {

using ::cs::common::testing::PickFreePort;
using ::cs::common::testing::ServiceProcess;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr absl::string_view kIntakeToken = "e2e-svc-intake";
constexpr absl::string_view kRoutingToken = "e2e-svc-routing";
constexpr absl::string_view kClerkToken = "e2e-broadband-clerk";
constexpr absl::string_view kCenterToken = "e2e-center";

std::string TempPath(absl::string_view name) {
  return absl::StrCat(::testing::TempDir(), "/archive_e2e_", name);
}

std::string WriteTokens() {
  const std::string path = TempPath("tokens.textproto");
  std::ofstream out(path);
  auto add = [&](absl::string_view token, absl::string_view user, absl::string_view role,
                 absl::string_view unit) {
    out << "tokens {\n  token_sha256: \"" << common::Sha256Hex(token) << "\"\n  user: \"" << user
        << "\"\n  role: " << role << "\n";
    if (!unit.empty()) out << "  unit_id: \"" << unit << "\"\n";
    out << "}\n";
  };
  add(kIntakeToken, "svc-intake", "ROLE_SERVICE", "");
  add(kRoutingToken, "svc-routing", "ROLE_SERVICE", "");
  add(kClerkToken, "broadband-clerk", "ROLE_UNIT_STAFF", "broadband");
  add(kCenterToken, "center", "ROLE_CS_CENTER", "");
  return path;
}

// Polls `done` for up to 60 s (common/testing/wait_for.h).
bool Eventually(const std::function<bool()>& done) {
  return common::testing::WaitFor("the condition", done, absl::Seconds(60)).ok();
}

// The designated unit, reduced to what intake needs: it confirms receipt of every forward.
class StandInRouting final : public cs::routing::v1::RoutingService::Service {
 public:
  grpc::Status ReceiveForwardedTicket(grpc::ServerContext*,
                                      const cs::routing::v1::ReceiveForwardedTicketRequest* request,
                                      cs::routing::v1::Receipt* receipt) override {
    absl::MutexLock lock(&mutex_);
    forwards_.push_back(*request);
    receipt->set_receipt_id(absl::StrCat("R-", request->forward_id()));
    receipt->set_forward_id(request->forward_id());
    *receipt->mutable_received_at() = common::ToProtoTimestamp(absl::Now());
    return grpc::Status::OK;
  }
  std::vector<cs::routing::v1::ReceiveForwardedTicketRequest> forwards() const {
    absl::MutexLock lock(&mutex_);
    return forwards_;
  }

 private:
  mutable absl::Mutex mutex_;
  std::vector<cs::routing::v1::ReceiveForwardedTicketRequest> forwards_ ABSL_GUARDED_BY(mutex_);
};

// Passes ArchiveRecord on to the real archive, but answers the first delivery of each message with
// UNAVAILABLE after the archive has stored it: the acknowledgement is lost, intake must retry.
class LossyArchiveProxy final : public v1::ArchiveService::Service {
 public:
  struct Delivery {
    std::string message_id;
    int64_t ticket_id = 0;
    bool archive_ok = false;
    bool duplicate = false;
    std::string record_id;
    bool acknowledged = false;
  };

  explicit LossyArchiveProxy(std::shared_ptr<grpc::Channel> archive)
      : archive_(v1::ArchiveService::NewStub(std::move(archive))) {}

  grpc::Status ArchiveRecord(grpc::ServerContext* context, const v1::ArchiveRecordRequest* request,
                             v1::ArchiveRecordResponse* response) override {
    grpc::ClientContext forward;
    forward.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    for (const auto& [key, value] : context->client_metadata()) {
      if (key == "authorization")
        forward.AddMetadata("authorization", std::string(value.data(), value.size()));
    }
    Delivery delivery;
    delivery.message_id = request->message_id();
    delivery.ticket_id = request->ticket().ticket_id();
    grpc::Status status = archive_->ArchiveRecord(&forward, *request, response);
    delivery.archive_ok = status.ok();
    delivery.duplicate = response->duplicate();
    delivery.record_id = response->record_id();
    absl::MutexLock lock(&mutex_);
    const bool first = std::none_of(deliveries_.begin(), deliveries_.end(), [&](const Delivery& d) {
      return d.message_id == request->message_id();
    });
    delivery.acknowledged = status.ok() && !first;
    deliveries_.push_back(delivery);
    if (!status.ok()) return status;
    if (first) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "acknowledgement lost (test)");
    return grpc::Status::OK;
  }
  std::vector<Delivery> deliveries() const {
    absl::MutexLock lock(&mutex_);
    return deliveries_;
  }

 private:
  std::unique_ptr<v1::ArchiveService::Stub> archive_;
  mutable absl::Mutex mutex_;
  std::vector<Delivery> deliveries_ ABSL_GUARDED_BY(mutex_);
};

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

std::vector<std::string> CommonFlags(const common::db::MySqlOptions& db, const std::string& tokens,
                                     int grpc_port, int metrics_port) {
  return {"--grpc_address=127.0.0.1",
          absl::StrCat("--grpc_port=", grpc_port),
          "--metrics_address=127.0.0.1",
          absl::StrCat("--metrics_port=", metrics_port),
          "--shutdown_grace=2s",
          absl::StrCat("--mysql_host=", db.host),
          absl::StrCat("--mysql_port=", db.port),
          absl::StrCat("--mysql_database=", db.database),
          "--mysql_pool_size=4",
          absl::StrCat("--config_dir=", CS_SOURCE_DIR, "/deploy/config"),
          absl::StrCat("--tokens_file=", tokens),
          "--test_clock"};
}

template <typename Stub, typename Request, typename Response>
absl::StatusOr<Response> Call(Stub& stub,
                              grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                                           Response*),
                              absl::string_view token, const Request& request) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  common::AttachBearerToken(context, token);
  Response response;
  grpc::Status status = (stub.*method)(&context, request, &response);
  if (!status.ok()) return common::FromGrpcStatus(status);
  return response;
}

TEST(ArchiveEndToEndTest, V1_AClosedTicketIsArchivedExactlyOnceEvenWhenIntakeRetries) {
  ASSERT_OK_AND_ASSIGN(auto intake_db, common::testing::TestDatabase::Create());
  ASSERT_OK_AND_ASSIGN(auto archive_db, common::testing::TestDatabase::Create());
  ASSERT_OK_AND_ASSIGN(auto admin, archive_db->CreatePool(1));
  const std::string archive_user =
      absl::StrCat("e2e_", absl::StrReplaceAll(common::db::NewUuidV4(), {{"-", ""}})).substr(0, 20);
  ASSERT_EQ(
      ErrorOf(*admin, absl::StrCat("CREATE USER '", archive_user, "'@'%' IDENTIFIED BY 'e2e-pw'")),
      0);
  struct DropUser {
    common::db::ConnectionPool& admin;
    std::string user;
    ~DropUser() { ErrorOf(admin, absl::StrCat("DROP USER IF EXISTS '", user, "'@'%'")); }
  } drop_user{*admin, archive_user};
  const std::string tokens = WriteTokens();
  const std::string intake_token_file = TempPath("intake_service_token");
  std::ofstream(intake_token_file) << kIntakeToken << "\n";

  // The archive binary, as its restricted account; its start migrates and grants with the admin
  // one.
  ASSERT_OK_AND_ASSIGN(const int archive_port, PickFreePort());
  ASSERT_OK_AND_ASSIGN(const int archive_metrics_port, PickFreePort());
  std::vector<std::string> archive_args =
      CommonFlags(archive_db->options(), tokens, archive_port, archive_metrics_port);
  archive_args.push_back(absl::StrCat("--mysql_user=", archive_user));
  archive_args.push_back("--mysql_password=e2e-pw");
  archive_args.push_back(absl::StrCat("--migration_user=", archive_db->options().user));
  archive_args.push_back(absl::StrCat("--migration_password=", archive_db->options().password));
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<ServiceProcess> archive,
      ServiceProcess::Start(CS_ARCHIVE_BINARY, archive_args, TempPath("archive.log")));
  ASSERT_OK(archive->WaitUntilServing(archive_port));
  auto archive_channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", archive_port),
                                             grpc::InsecureChannelCredentials());

  // The stand-in routing and the lossy proxy, in this process.
  StandInRouting routing;
  LossyArchiveProxy proxy(archive_channel);
  int routing_port = 0;
  int proxy_port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &routing_port);
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &proxy_port);
  builder.RegisterService(&routing);
  builder.RegisterService(&proxy);
  std::unique_ptr<grpc::Server> fakes = builder.BuildAndStart();
  ASSERT_NE(fakes, nullptr);

  // The intake binary.
  ASSERT_OK_AND_ASSIGN(const int intake_port, PickFreePort());
  std::vector<std::string> intake_args = CommonFlags(intake_db->options(), tokens, intake_port, 0);
  intake_args.push_back(absl::StrCat("--mysql_user=", intake_db->options().user));
  intake_args.push_back(absl::StrCat("--mysql_password=", intake_db->options().password));
  intake_args.push_back(absl::StrCat("--routing_address=127.0.0.1:", routing_port));
  intake_args.push_back(absl::StrCat("--archive_address=127.0.0.1:", proxy_port));
  intake_args.push_back(absl::StrCat("--service_token_file=", intake_token_file));
  intake_args.push_back("--relay_poll_interval=50ms");
  intake_args.push_back("--relay_initial_backoff=200ms");
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<ServiceProcess> intake,
      ServiceProcess::Start(CS_INTAKE_BINARY, intake_args, TempPath("intake.log")));
  ASSERT_OK(intake->WaitUntilServing(intake_port));
  auto intake_channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", intake_port),
                                            grpc::InsecureChannelCredentials());
  auto intake_stub = cs::intake::v1::IntakeService::NewStub(intake_channel);
  common::TestClockClient intake_clock(intake_channel, std::string(kCenterToken));
  // A Monday morning in Shanghai (02:00 UTC), so the one-working-hour target is meaningful.
  ASSERT_OK(
      intake_clock
          .SetTime(absl::FromCivil(absl::CivilSecond(2026, 3, 2, 2, 0, 0), absl::UTCTimeZone()),
                   /*allow_backwards=*/true)
          .status());

  // The unit records the ticket and forwards it; the designated unit confirms receipt.
  cs::intake::v1::CreateTicketRequest create;
  create.set_request_id("e2e-create-1");
  cs::intake::v1::TicketInput* in = create.mutable_ticket();
  in->set_unit_id("broadband");
  in->set_kind(cs::common::v1::TICKET_KIND_COMPLAINT);
  in->set_channel(cs::common::v1::CHANNEL_HOTLINE);
  in->set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
  in->set_problem("宽带每天晚上断线三次 / broadband drops three times every evening");
  in->set_device_number("021-5888 1234");
  in->set_contact_phone("13800138000");
  in->set_contact_person("张先生");
  in->set_user_name("张三");
  in->set_postal_code("200120");
  in->set_business_line("broadband");
  ASSERT_OK_AND_ASSIGN(
      cs::intake::v1::Ticket ticket,
      Call(*intake_stub, &cs::intake::v1::IntakeService::Stub::CreateTicket, kClerkToken, create));
  cs::intake::v1::ForwardTicketRequest forward;
  forward.set_request_id("e2e-forward-1");
  forward.set_ticket_id(ticket.ticket_id());
  ASSERT_OK(
      Call(*intake_stub, &cs::intake::v1::IntakeService::Stub::ForwardTicket, kClerkToken, forward)
          .status());
  ASSERT_TRUE(Eventually([&] { return !routing.forwards().empty(); }))
      << "intake never forwarded the ticket";
  const std::string forward_id = routing.forwards()[0].forward_id();

  // The designated unit answers the user and reports it (as routing's outbox would).
  ASSERT_OK(intake_clock.Advance(absl::Hours(2)).status());
  cs::intake::v1::ReportTicketOutcomeRequest outcome;
  outcome.set_message_id("e2e-outcome-1");
  outcome.set_ticket_id(ticket.ticket_id());
  outcome.set_forward_id(forward_id);
  outcome.set_outcome(cs::intake::v1::OUTCOME_KIND_REPLIED);
  outcome.set_actor("service-desk");
  outcome.set_reply_text("线路已修复 / the line was repaired");
  outcome.set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
  outcome.set_replied_by("service-desk");
  ASSERT_OK_AND_ASSIGN(cs::intake::v1::ReportTicketOutcomeResponse applied,
                       Call(*intake_stub, &cs::intake::v1::IntakeService::Stub::ReportTicketOutcome,
                            kRoutingToken, outcome));
  EXPECT_TRUE(applied.applied());

  // The unit closes it: intake sends the complete record; the first acknowledgement is lost.
  cs::intake::v1::CloseTicketRequest close;
  close.set_request_id("e2e-close-1");
  close.set_ticket_id(ticket.ticket_id());
  ASSERT_OK_AND_ASSIGN(
      cs::intake::v1::Ticket closed,
      Call(*intake_stub, &cs::intake::v1::IntakeService::Stub::CloseTicket, kClerkToken, close));
  EXPECT_EQ(closed.status(), cs::intake::v1::TICKET_STATUS_CLOSED);
  ASSERT_TRUE(Eventually([&] { return !proxy.deliveries().empty(); }))
      << "intake never sent the record to the archive";
  // Intake's relay retries after its backoff (on the real clock, whatever the test clock says).
  ASSERT_TRUE(Eventually([&] {
    const auto deliveries = proxy.deliveries();
    return !deliveries.empty() && deliveries.back().acknowledged;
  })) << "intake did not retry the delivery";

  const std::vector<LossyArchiveProxy::Delivery> deliveries = proxy.deliveries();
  ASSERT_THAT(deliveries, SizeIs(2));
  EXPECT_EQ(deliveries[0].message_id, deliveries[1].message_id);
  EXPECT_EQ(deliveries[0].ticket_id, ticket.ticket_id());
  EXPECT_TRUE(deliveries[0].archive_ok);
  EXPECT_FALSE(deliveries[0].duplicate);
  EXPECT_TRUE(deliveries[1].archive_ok);
  EXPECT_TRUE(deliveries[1].duplicate);
  EXPECT_EQ(deliveries[1].record_id, deliveries[0].record_id);

  // Exactly one record, whole and in order.
  auto archive_stub = v1::ArchiveService::NewStub(archive_channel);
  v1::SearchRecordsRequest search;
  search.set_ticket_id(ticket.ticket_id());
  search.set_reason("end-to-end check");
  ASSERT_OK_AND_ASSIGN(
      v1::SearchRecordsResponse found,
      Call(*archive_stub, &v1::ArchiveService::Stub::SearchRecords, kCenterToken, search));
  ASSERT_THAT(found.records(), SizeIs(1));
  EXPECT_EQ(found.records(0).record_id(), deliveries[0].record_id);
  EXPECT_EQ(found.records(0).current_version(), 1);
  EXPECT_EQ(found.records(0).unit_id(), "broadband");
  EXPECT_EQ(found.records(0).closed_month(), "2026-03");
  EXPECT_TRUE(found.records(0).on_time());
  v1::GetRecordRequest get;
  get.set_record_id(deliveries[0].record_id);
  get.set_reason("end-to-end check");
  ASSERT_OK_AND_ASSIGN(
      v1::ArchivedRecord record,
      Call(*archive_stub, &v1::ArchiveService::Stub::GetRecord, kCenterToken, get));
  EXPECT_EQ(record.ticket().ticket_id(), ticket.ticket_id());
  EXPECT_EQ(record.ticket().status(), cs::intake::v1::TICKET_STATUS_CLOSED);
  EXPECT_EQ(record.ticket().input().user_name(), "张三");
  std::vector<std::string> events;
  for (const auto& entry : record.ticket().history()) events.push_back(entry.event());
  EXPECT_THAT(events, ::testing::ElementsAre("CREATED", "FORWARDED", "RECEIPT_CONFIRMED", "OUTCOME",
                                             "CLOSED"));
  ASSERT_THAT(record.ticket().replies(), SizeIs(1));
  EXPECT_EQ(record.ticket().replies(0).text(), "线路已修复 / the line was repaired");
  EXPECT_EQ(record.summary().unit_name(), "宽带业务中心");
  EXPECT_THAT(record.versions(), SizeIs(1));

  // The archive's metrics count one record; its account cannot alter the access log.
  absl::StatusOr<std::string> metrics = common::testing::HttpGet(archive_metrics_port, "/metrics");
  ASSERT_OK(metrics.status());
  EXPECT_THAT(common::testing::SumSamples(*metrics, "cs_archive_records_archived_total"),
              common::testing::IsOkAndHolds(1));
  EXPECT_THAT(common::testing::SumSamples(*metrics, "cs_archive_access_log_append_only"),
              common::testing::IsOkAndHolds(1));

  fakes->Shutdown();
  EXPECT_EQ(intake->Stop(), 0);
  EXPECT_EQ(archive->Stop(), 0);
}

}  // namespace
}  // namespace cs::archive

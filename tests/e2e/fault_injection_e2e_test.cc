// Issue 16, faults under load on the real binaries:
// - kill -9 of every service in turn, then of MariaDB (a private server restarted on the same data
//   directory), while clients push tickets through create → forward and, beside them, through the
//   whole flow — create → forward → receipt → the designated unit's decision (a direct reply, or a
//   dispatch to idc, accepted and replied to) → the reply delivered by a mail gateway → close →
//   archive — each call retried on UNAVAILABLE and DEADLINE_EXCEEDED under the same request_id and
//   each asynchronous effect waited for with a deadline: every acknowledged ticket exists exactly
//   once with gap-free serials, every forward is confirmed once, every reply delivered once, every
//   closed ticket archived once, intake's and routing's outboxes end empty; while the database is
//   down every service answers UNAVAILABLE, none exits, and all recover on their own;
// - SIGTERM of intake under load: calls in flight finish OK or fail UNAVAILABLE/CANCELLED, the
//   process exits 0 within its --shutdown_grace, and every ticket acknowledged is there after the
//   restart.
// Each test prints one "fault summary:" line and records its figures as test properties.
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/db/connection_pool.h"
#include "common/grpc/client_auth.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/private_mariadb.h"
#include "common/testing/raw_call.h"
#include "common/testing/status_matchers.h"
#include "common/testing/wait_for.h"
#include "cs/archive/v1/archive.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e/full_flow_clients.h"
#include "tests/e2e/intake_as_staff.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {
namespace {

using common::testing::PrivateMariaDb;
using common::testing::WaitFor;
using cs::intake::v1::IntakeService;
using cs::intake::v1::Ticket;

// The suite's --shutdown_grace (running_suite.cc).
constexpr absl::Duration kShutdownGrace = absl::Seconds(5);

// Clients of a unit's staff pushing tickets through intake from threads of their own until
// stopped: each ticket created (and, with `forward`, forwarded) under request_ids of its own, every
// call retried under the same request_id while it fails with a retryable code. Every attempt is
// recorded with its answer and times. Stop() lets each client finish the ticket in hand.
class TicketClients final {
 public:
  struct Options {
    std::string prefix;
    int threads = 2;
    bool forward = true;
    std::set<grpc::StatusCode> retryable = {grpc::StatusCode::UNAVAILABLE,
                                            grpc::StatusCode::DEADLINE_EXCEEDED};
    absl::Duration call_deadline = absl::Seconds(5);
    // A ticket not through by then is an error (the suite did not recover).
    absl::Duration give_up = absl::Seconds(60);
    // Each client starts a ticket at most this often (0: as fast as intake answers).
    absl::Duration pace = absl::ZeroDuration();
  };
  struct Attempt {
    grpc::StatusCode code;
    absl::Time started;
    absl::Time ended;
  };
  struct Pushed {
    std::string request_id;
    Ticket created;
    bool forwarded = false;
  };

  TicketClients(int intake_port, Options options)
      : options_(std::move(options)),
        stub_(IntakeService::NewStub(FastReconnectChannel(intake_port))) {
    for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this, i] { Run(i); });
  }
  ~TicketClients() { Stop(); }

  void Stop() {
    stop_ = true;
    for (std::thread& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }
  // Tickets through the whole flow (created, and forwarded when the options say so).
  size_t done() const {
    absl::MutexLock lock(&mutex_);
    return pushed_.size();
  }
  std::vector<Pushed> pushed() const {
    absl::MutexLock lock(&mutex_);
    return pushed_;
  }
  std::vector<Attempt> attempts() const {
    absl::MutexLock lock(&mutex_);
    return attempts_;
  }
  int64_t answered(grpc::StatusCode code) const {
    absl::MutexLock lock(&mutex_);
    return static_cast<int64_t>(std::count_if(attempts_.begin(), attempts_.end(),
                                              [&](const Attempt& a) { return a.code == code; }));
  }
  // Empty, or the first failure that was not retryable (or a ticket that never got through).
  std::string error() const {
    absl::MutexLock lock(&mutex_);
    return error_;
  }

 private:
  // Calls `method` until OK; false (and error_ set) on a code that is not retryable or after
  // give_up.
  template <typename Request>
  bool Call(grpc::Status (IntakeService::Stub::*method)(grpc::ClientContext*, const Request&,
                                                        Ticket*),
            const Request& request, Ticket* answer) {
    const absl::Time give_up = absl::Now() + options_.give_up;
    for (;;) {
      grpc::ClientContext context;
      context.set_deadline(absl::ToChronoTime(absl::Now() + options_.call_deadline));
      common::AttachBearerToken(context, kBroadbandStaffToken);
      const absl::Time started = absl::Now();
      const grpc::Status status = ((*stub_).*method)(&context, request, answer);
      {
        absl::MutexLock lock(&mutex_);
        attempts_.push_back({status.error_code(), started, absl::Now()});
        if (status.ok()) return true;
        if (options_.retryable.count(status.error_code()) == 0 || absl::Now() > give_up) {
          if (error_.empty()) {
            error_ = absl::StrCat(request.request_id(), ": ", status.error_code(), " ",
                                  status.error_message());
          }
          return false;
        }
      }
      absl::SleepFor(absl::Milliseconds(20));
    }
  }

  void Run(int thread) {
    absl::Time next = absl::Now();
    for (int i = 0; !stop_; ++i) {
      if (options_.pace > absl::ZeroDuration()) {
        absl::SleepFor(next - absl::Now());
        next = std::max(next + options_.pace, absl::Now());
      }
      Pushed pushed;
      pushed.request_id = absl::StrCat(options_.prefix, "-", thread, "-", i);
      cs::intake::v1::CreateTicketRequest create;
      create.set_request_id(absl::StrCat(pushed.request_id, "-create"));
      *create.mutable_ticket() = CompleteTicketInput();
      create.mutable_ticket()->set_problem(absl::StrCat("宽带晚上经常断线 ", pushed.request_id));
      if (!Call(&IntakeService::Stub::CreateTicket, create, &pushed.created)) return;
      if (options_.forward) {
        cs::intake::v1::ForwardTicketRequest forward;
        forward.set_request_id(absl::StrCat(pushed.request_id, "-forward"));
        forward.set_ticket_id(pushed.created.ticket_id());
        Ticket forwarded;
        if (!Call(&IntakeService::Stub::ForwardTicket, forward, &forwarded)) return;
        pushed.forwarded = true;
      }
      absl::MutexLock lock(&mutex_);
      pushed_.push_back(std::move(pushed));
    }
  }

  const Options options_;
  const std::unique_ptr<IntakeService::Stub> stub_;
  std::atomic<bool> stop_{false};
  mutable absl::Mutex mutex_;
  std::vector<Pushed> pushed_ ABSL_GUARDED_BY(mutex_);
  std::vector<Attempt> attempts_ ABSL_GUARDED_BY(mutex_);
  std::string error_ ABSL_GUARDED_BY(mutex_);
  // Last: started once everything they use exists.
  std::vector<std::thread> threads_;
};

// Waits until `clients` (TicketClients or FullFlowClients) have pushed `more` tickets beyond what
// they had at the call (or failed).
template <typename Clients>
absl::Status WaitForProgress(const Clients& clients, size_t more, absl::string_view after) {
  const size_t from = clients.done();
  return WaitFor(
      absl::StrCat(more, " more tickets through after ", after),
      [&] { return clients.done() >= from + more || !clients.error().empty(); }, absl::Seconds(60));
}

// One read of every service that needs its database, as CS_CENTER: the method and its request.
struct DatabaseRead {
  std::string method;
  std::string body;
};
const std::map<std::string, DatabaseRead>& DatabaseReads() {
  static const auto* const kReads = [] {
    cs::archive::v1::ListDueForDestructionRequest due;
    due.set_reason("fault injection drill");
    return new std::map<std::string, DatabaseRead>{
        {"intake", {"/cs.intake.v1.IntakeService/ListTickets", ""}},
        {"routing", {"/cs.routing.v1.RoutingService/ListRoutedTickets", ""}},
        {"hotline-registry", {"/cs.hotline.v1.HotlineRegistryService/ListHotlines", ""}},
        {"channel-registry", {"/cs.channel.v1.ChannelRegistryService/ListChannels", ""}},
        {"assessment", {"/cs.assessment.v1.AssessmentService/ListRectificationNotices", ""}},
        {"archive",
         {"/cs.archive.v1.ArchiveService/ListDueForDestruction", due.SerializeAsString()}},
    };
  }();
  return *kReads;
}

grpc::StatusCode ReadFrom(RunningSuite& suite, const std::string& service) {
  const DatabaseRead& read = DatabaseReads().at(service);
  return common::testing::CallWithRawBody(suite.service(service).channel, read.method, read.body,
                                          kCsCenterToken, absl::Seconds(10))
      .error_code();
}

// What the store holds against what the clients were told: lost (acknowledged, not stored) and
// duplicated (one request stored more than once, or stored tickets nobody was told of), with test
// failures naming them, and serials checked gap-free overall and within each month (SPEC I3).
struct Reconciled {
  size_t stored = 0;
  size_t lost = 0;
  size_t duplicates = 0;
};
Reconciled Reconcile(const std::vector<TicketClients::Pushed>& pushed, std::vector<Ticket> stored) {
  Reconciled result;
  result.stored = stored.size();
  std::map<int64_t, const Ticket*> by_id;
  std::map<std::string, int> by_problem;
  for (const Ticket& ticket : stored) {
    by_id[ticket.ticket_id()] = &ticket;
    ++by_problem[ticket.input().problem()];
  }
  for (const auto& [problem, count] : by_problem) {
    if (count > 1) {
      result.duplicates += count - 1;
      ADD_FAILURE() << count << " tickets for one request: " << problem;
    }
  }
  for (const TicketClients::Pushed& ack : pushed) {
    auto it = by_id.find(ack.created.ticket_id());
    if (it == by_id.end()) {
      ++result.lost;
      ADD_FAILURE() << "acknowledged ticket " << ack.created.ticket_id() << " (" << ack.request_id
                    << ") is not stored";
      continue;
    }
    EXPECT_EQ(it->second->input().problem(), ack.created.input().problem());
    EXPECT_EQ(it->second->overall_serial(), ack.created.overall_serial()) << ack.request_id;
  }
  // Every client retries its ticket in hand to the end, so nothing is stored that was not
  // acknowledged; anything more is a create applied twice.
  if (stored.size() > pushed.size() && result.duplicates == 0) {
    result.duplicates = stored.size() - pushed.size();
    ADD_FAILURE() << stored.size() << " tickets stored for " << pushed.size() << " acknowledged";
  }
  std::sort(stored.begin(), stored.end(), [](const Ticket& a, const Ticket& b) {
    return a.overall_serial() < b.overall_serial();
  });
  std::map<std::string, std::vector<int64_t>> by_month;
  for (size_t i = 0; i < stored.size(); ++i) {
    EXPECT_EQ(stored[i].overall_serial(), static_cast<int64_t>(i + 1)) << "a gap before it";
    by_month[stored[i].serial_month()].push_back(stored[i].month_serial());
  }
  for (auto& [month, serials] : by_month) {
    std::sort(serials.begin(), serials.end());
    for (size_t i = 0; i < serials.size(); ++i) {
      EXPECT_EQ(serials[i], static_cast<int64_t>(i + 1)) << month;
    }
  }
  return result;
}

// The one number `query` answers on `server` (-1 and a test failure when it fails).
int64_t QueryNumber(const PrivateMariaDb& server, const std::string& query) {
  common::db::MySqlOptions options = server.AdminOptions();
  options.pool_size = 1;
  absl::StatusOr<std::unique_ptr<common::db::ConnectionPool>> pool =
      common::db::ConnectionPool::Create(options);
  if (!pool.ok()) {
    ADD_FAILURE() << pool.status();
    return -1;
  }
  absl::StatusOr<common::db::PooledConnection> connection = (*pool)->Acquire();
  if (!connection.ok()) {
    ADD_FAILURE() << connection.status();
    return -1;
  }
  try {
    std::unique_ptr<sql::Statement> statement((*connection)->createStatement());
    std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(query));
    if (!rows->next()) return 0;
    return rows->getInt64(1);
  } catch (const sql::SQLException& e) {
    ADD_FAILURE() << query << ": " << e.what();
    return -1;
  }
}

double Gauge(RunningSuite& suite, absl::string_view service, absl::string_view name) {
  absl::StatusOr<std::string> text =
      common::testing::HttpGet(suite.service(service).metrics_port, "/metrics");
  if (!text.ok()) return -1;
  absl::StatusOr<double> value = common::testing::SumSamples(*text, name);
  return value.ok() ? *value : -1;
}

TEST(FaultInjectionE2eTest, KillNineOfEveryServiceAndOfMariaDbUnderLoadLosesNothing) {
  const absl::Time test_started = absl::Now();
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<PrivateMariaDb> database, PrivateMariaDb::Create());
  SuiteOptions options;
  options.mysql_server = database->AdminOptions();
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RunningSuite> suite, RunningSuite::Start(options));
  for (const std::string& service : RunningSuite::ServiceNames()) {
    ASSERT_EQ(ReadFrom(*suite, service), grpc::StatusCode::OK) << service;
  }

  // Two loads side by side: create → forward, and the whole flow (receipt, decision, dispatch or
  // direct reply, delivery, close, archive). The first is paced (2 clients, a ticket each every
  // 40 ms at most): unpaced (≈250 tickets/s on a 2-core machine) it outruns intake's outbox relay,
  // whose backlog then grows once a kill has held it up, and the closed tickets' archive records
  // wait behind every older forward (the relay sends oldest first, one at a time).
  std::map<std::string, int> kills;
  TicketClients clients(suite->service("intake").grpc_port,
                        {.prefix = "kill9", .pace = absl::Milliseconds(40)});
  FullFlowClients flows(*suite, {.prefix = "flow", .threads = 3});
  ASSERT_OK(WaitForProgress(clients, 10, "the start"));
  ASSERT_OK(WaitForProgress(flows, 2, "the start")) << flows.Where();

  // Every service in turn: killed, restarted, serving, and both loads going on (the flows in hand
  // at the kill finish after it).
  for (const char* name :
       {"intake", "routing", "archive", "hotline-registry", "channel-registry", "assessment"}) {
    SCOPED_TRACE(name);
    RunningSuite::Member& member = suite->service(name);
    member.process->Kill();
    ++kills["service"];
    ASSERT_OK(member.process->Restart());
    ASSERT_OK(member.process->WaitUntilServing(member.grpc_port));
    EXPECT_OK(WaitFor("it to read its database",
                      [&] { return ReadFrom(*suite, name) == grpc::StatusCode::OK; }));
    ASSERT_OK(WaitForProgress(clients, 5, absl::StrCat("kill -9 of ", name)));
    ASSERT_OK(WaitForProgress(flows, 2, absl::StrCat("kill -9 of ", name))) << flows.Where();
    ASSERT_EQ(clients.error(), "");
    ASSERT_EQ(flows.error(), "");
  }

  // MariaDB: every service answers UNAVAILABLE meanwhile, none exits, and each recovers on its
  // own once the server is back on the same data.
  const int64_t unavailable_before = clients.answered(grpc::StatusCode::UNAVAILABLE);
  ASSERT_OK(database->Kill());
  ++kills["mariadb"];
  const absl::Time database_killed = absl::Now();
  for (const std::string& service : RunningSuite::ServiceNames()) {
    grpc::StatusCode answer = grpc::StatusCode::OK;
    EXPECT_OK(WaitFor(absl::StrCat(service, " to answer UNAVAILABLE"), [&] {
      answer = ReadFrom(*suite, service);
      return answer != grpc::StatusCode::OK;
    }));
    EXPECT_EQ(answer, grpc::StatusCode::UNAVAILABLE) << service;
  }
  // Down for a while: the clients keep being refused, none of them gets an answer it must not
  // retry.
  ASSERT_OK(WaitFor("the clients to be answered UNAVAILABLE five times", [&] {
    return clients.answered(grpc::StatusCode::UNAVAILABLE) >= unavailable_before + 5;
  }));
  ASSERT_EQ(clients.error(), "");
  ASSERT_EQ(flows.error(), "");
  for (const std::string& service : RunningSuite::ServiceNames()) {
    EXPECT_FALSE(suite->service(service).process->Exited()) << service << " exited";
  }
  ASSERT_OK(database->Start());
  const absl::Duration database_down = absl::Now() - database_killed;
  for (const std::string& service : RunningSuite::ServiceNames()) {
    EXPECT_OK(WaitFor(absl::StrCat(service, " to read its database again"),
                      [&] { return ReadFrom(*suite, service) == grpc::StatusCode::OK; }));
  }
  ASSERT_OK(WaitForProgress(clients, 10, "kill -9 of MariaDB"));
  ASSERT_OK(WaitForProgress(flows, 2, "kill -9 of MariaDB")) << flows.Where();
  clients.Stop();
  flows.Stop();
  ASSERT_EQ(clients.error(), "");
  ASSERT_EQ(flows.error(), "");
  for (const std::string& service : RunningSuite::ServiceNames()) {
    EXPECT_FALSE(suite->service(service).process->Exited()) << service << " exited";
  }

  // The relays drain: every forward confirmed, both outboxes delivered, their gauges at 0.
  auto intake = IntakeService::NewStub(suite->service("intake").channel);
  auto in_schema = [&](absl::string_view service, absl::string_view rest) {
    return absl::StrCat("SELECT ", rest, "`", suite->service(service).mysql.database, "`.");
  };
  const std::string intake_outbox =
      absl::StrCat(in_schema("intake", "COUNT(*) FROM "), "outbox WHERE delivered_at IS NULL");
  const std::string routing_outbox =
      absl::StrCat(in_schema("routing", "COUNT(*) FROM "), "outbox WHERE delivered_at IS NULL");
  ASSERT_OK(WaitFor(
      "every forward confirmed and both outboxes drained",
      [&] {
        return ListAllTickets(*intake, /*awaiting_confirmation=*/true).empty() &&
               QueryNumber(*database, intake_outbox) == 0 &&
               QueryNumber(*database, routing_outbox) == 0 &&
               Gauge(*suite, "intake", "cs_intake_outbox_pending") == 0 &&
               Gauge(*suite, "routing", "cs_routing_outbox_pending") == 0;
      },
      absl::Seconds(60)));
  EXPECT_EQ(Gauge(*suite, "intake", "cs_intake_outbox_dead_letters"), 0);
  EXPECT_EQ(Gauge(*suite, "routing", "cs_routing_outbox_dead_letters"), 0);

  // Every ticket acknowledged, of either load, stored exactly once with gap-free serials.
  const std::vector<TicketClients::Pushed> forwarded = clients.pushed();
  const std::vector<FullFlowClients::Flow> through = flows.flows();
  std::vector<TicketClients::Pushed> pushed = forwarded;
  for (const FullFlowClients::Flow& flow : through) {
    pushed.push_back({flow.request_id, flow.created, /*forwarded=*/true});
  }
  const std::vector<Ticket> stored = ListAllTickets(*intake);
  const Reconciled reconciled = Reconcile(pushed, stored);
  for (const Ticket& ticket : stored) {
    EXPECT_TRUE(ticket.forward().has_confirmed_at()) << ticket.ticket_id();
  }
  // Confirmed once: routing received each ticket exactly once.
  EXPECT_EQ(QueryNumber(*database, in_schema("routing", "COUNT(*) FROM ") + "routed_tickets"),
            static_cast<int64_t>(pushed.size()));
  EXPECT_EQ(QueryNumber(*database,
                        in_schema("routing", "COUNT(DISTINCT ticket_id) FROM ") + "routed_tickets"),
            static_cast<int64_t>(pushed.size()));

  // The whole flows: each closed in intake with its one reply; one reply delivery each, delivered;
  // exactly the closed tickets archived, each once (one record, one version).
  const int64_t flow_count = static_cast<int64_t>(through.size());
  std::map<int64_t, const Ticket*> by_id;
  for (const Ticket& ticket : stored) by_id[ticket.ticket_id()] = &ticket;
  int64_t closed = 0;
  int64_t dispatched = 0;
  std::vector<std::string> flow_ticket_ids;
  for (const FullFlowClients::Flow& flow : through) {
    dispatched += flow.decision == cs::routing::v1::DECISION_INTERNAL_DISPATCH ? 1 : 0;
    flow_ticket_ids.push_back(absl::StrCat(flow.created.ticket_id()));
    auto it = by_id.find(flow.created.ticket_id());
    if (it == by_id.end()) continue;  // Reconcile reported it lost
    EXPECT_EQ(it->second->status(), cs::intake::v1::TICKET_STATUS_CLOSED) << flow.request_id;
    cs::intake::v1::GetTicketRequest get;
    get.set_ticket_id(flow.created.ticket_id());
    Ticket ticket;
    ASSERT_TRUE(
        CallAs(*intake, &IntakeService::Stub::GetTicket, kCsCenterToken, get, &ticket).ok());
    EXPECT_EQ(ticket.replies_size(), 1) << flow.request_id;
    std::map<std::string, int> events;
    for (const auto& entry : ticket.history()) ++events[entry.event()];
    EXPECT_EQ(events["FORWARDED"], 1) << flow.request_id;
    EXPECT_EQ(events["RECEIPT_CONFIRMED"], 1) << flow.request_id;
  }
  for (const Ticket& ticket : stored) {
    closed += ticket.status() == cs::intake::v1::TICKET_STATUS_CLOSED ? 1 : 0;
  }
  EXPECT_EQ(closed, flow_count);
  const std::string deliveries = in_schema("routing", "COUNT(*) FROM ") + "deliveries";
  EXPECT_EQ(QueryNumber(*database, deliveries), flow_count);
  EXPECT_EQ(QueryNumber(*database, deliveries + " WHERE delivered_at IS NOT NULL"), flow_count);
  EXPECT_EQ(QueryNumber(*database, in_schema("routing", "COUNT(DISTINCT routed_ticket_id) FROM ") +
                                       "deliveries"),
            flow_count);
  EXPECT_EQ(static_cast<int64_t>(flows.delivered().size()), flow_count);
  const std::string records = in_schema("archive", "COUNT(*) FROM ") + "records";
  const int64_t archived = QueryNumber(*database, records);
  EXPECT_EQ(archived, flow_count);
  EXPECT_EQ(
      QueryNumber(*database, in_schema("archive", "COUNT(DISTINCT ticket_id) FROM ") + "records"),
      flow_count);
  if (!flow_ticket_ids.empty()) {
    EXPECT_EQ(QueryNumber(*database, absl::StrCat(records, " WHERE ticket_id IN (",
                                                  absl::StrJoin(flow_ticket_ids, ","), ")")),
              flow_count);
  }
  EXPECT_EQ(QueryNumber(*database, in_schema("archive", "COUNT(*) FROM ") + "record_versions"),
            flow_count);

  const int64_t unavailable = clients.answered(grpc::StatusCode::UNAVAILABLE);
  const int64_t deadline_exceeded = clients.answered(grpc::StatusCode::DEADLINE_EXCEEDED);
  const int64_t flow_unavailable = flows.answered(grpc::StatusCode::UNAVAILABLE);
  const int64_t flow_deadline_exceeded = flows.answered(grpc::StatusCode::DEADLINE_EXCEEDED);
  std::vector<std::string> retried_steps;
  for (const auto& [step, codes] : flows.answers()) {
    int retried = 0;
    for (const auto& [code, count] : codes) {
      if (code != grpc::StatusCode::OK) retried += count;
    }
    if (retried > 0) retried_steps.push_back(absl::StrCat(step, " ", retried));
  }
  RecordProperty("tickets_pushed", static_cast<int>(pushed.size()));
  RecordProperty("full_flows", static_cast<int>(flow_count));
  RecordProperty("full_flows_dispatched", static_cast<int>(dispatched));
  RecordProperty("archived", static_cast<int>(archived));
  RecordProperty("kills_service", kills["service"]);
  RecordProperty("kills_mariadb", kills["mariadb"]);
  RecordProperty("lost", static_cast<int>(reconciled.lost));
  RecordProperty("duplicates", static_cast<int>(reconciled.duplicates));
  std::cout << "fault summary: kill -9 under load: " << pushed.size() << " tickets acknowledged ("
            << forwarded.size() << " created and forwarded; " << flow_count
            << " through the whole flow — receipt, decision (" << flow_count - dispatched
            << " direct replies, " << dispatched << " dispatched to idc, accepted and replied), "
            << "reply delivered, closed, archived), " << reconciled.stored
            << " stored; kills: " << kills["service"]
            << " services (intake, routing, archive, hotline-registry, "
            << "channel-registry, assessment), " << kills["mariadb"] << " MariaDB (down "
            << database_down << "); retried answers: " << unavailable + flow_unavailable
            << " UNAVAILABLE, " << deadline_exceeded + flow_deadline_exceeded
            << " DEADLINE_EXCEEDED; lost " << reconciled.lost << ", duplicates "
            << reconciled.duplicates << "; closed " << closed << ", archived " << archived
            << " (each once); outboxes left " << QueryNumber(*database, intake_outbox) << " + "
            << QueryNumber(*database, routing_outbox) << "; took " << absl::Now() - test_started
            << "\n"
            << "fault summary: whole flow, answers retried per step (incl. polls): "
            << absl::StrJoin(retried_steps, ", ") << "; gateway leases re-offered "
            << flows.stale_leases() << "\n";
}

TEST(FaultInjectionE2eTest, SigtermOfIntakeUnderLoadFinishesInFlightCallsAndLosesNothing) {
  const absl::Time test_started = absl::Now();
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RunningSuite> suite, RunningSuite::Start());
  RunningSuite::Member& intake_member = suite->service("intake");
  // CANCELLED too: a call the server still cancels at the end of its grace.
  TicketClients clients(intake_member.grpc_port,
                        {.prefix = "sigterm",
                         .threads = 4,
                         .forward = false,
                         .retryable = {grpc::StatusCode::UNAVAILABLE, grpc::StatusCode::CANCELLED,
                                       grpc::StatusCode::DEADLINE_EXCEEDED}});
  ASSERT_OK(WaitForProgress(clients, 20, "the start"));

  const absl::Time signalled = absl::Now();
  ASSERT_OK(intake_member.process->Signal(SIGTERM));
  int exit_code = -1;
  ASSERT_OK(WaitFor(
      "intake to exit", [&] { return intake_member.process->Exited(&exit_code); }, kShutdownGrace));
  const absl::Duration shutdown = absl::Now() - signalled;
  EXPECT_EQ(exit_code, 0) << intake_member.process->LogTail();

  ASSERT_OK(intake_member.process->Restart());
  ASSERT_OK(intake_member.process->WaitUntilServing(intake_member.grpc_port));
  ASSERT_OK(WaitForProgress(clients, 20, "the restart"));
  clients.Stop();
  ASSERT_EQ(clients.error(), "");

  // The calls in flight when the signal went: each finished OK or was refused retryably.
  std::map<grpc::StatusCode, int> in_flight;
  for (const TicketClients::Attempt& attempt : clients.attempts()) {
    EXPECT_TRUE(attempt.code == grpc::StatusCode::OK ||
                attempt.code == grpc::StatusCode::UNAVAILABLE ||
                attempt.code == grpc::StatusCode::CANCELLED)
        << "answered " << attempt.code;
    if (attempt.started < signalled && attempt.ended > signalled) ++in_flight[attempt.code];
  }
  int in_flight_total = 0;
  for (const auto& [code, count] : in_flight) in_flight_total += count;
  EXPECT_GE(in_flight_total, 1) << "no call was in flight at the SIGTERM";

  auto intake = IntakeService::NewStub(intake_member.channel);
  const std::vector<TicketClients::Pushed> pushed = clients.pushed();
  const Reconciled reconciled = Reconcile(pushed, ListAllTickets(*intake));

  RecordProperty("tickets_pushed", static_cast<int>(pushed.size()));
  RecordProperty("in_flight_at_sigterm", in_flight_total);
  RecordProperty("lost", static_cast<int>(reconciled.lost));
  RecordProperty("duplicates", static_cast<int>(reconciled.duplicates));
  std::cout << "fault summary: SIGTERM of intake under load: " << pushed.size()
            << " tickets acknowledged, " << reconciled.stored << " stored; in flight at the "
            << "signal: " << in_flight_total << " (" << in_flight[grpc::StatusCode::OK] << " OK, "
            << in_flight[grpc::StatusCode::UNAVAILABLE] << " UNAVAILABLE, "
            << in_flight[grpc::StatusCode::CANCELLED] << " CANCELLED); exit " << exit_code
            << " after " << shutdown << " (grace " << kShutdownGrace << "); lost "
            << reconciled.lost << ", duplicates " << reconciled.duplicates << "; took "
            << absl::Now() - test_started << "\n";
}

}  // namespace
}  // namespace cs::e2e

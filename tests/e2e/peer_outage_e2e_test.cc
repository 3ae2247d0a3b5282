// Issue 16, "Faults": a peer down for longer than the relay's maximum backoff. On the real
// binaries (RunningSuite) scraped by a real Prometheus running the project's configuration and
// rule files (1 s scrape and evaluation interval), routing — the receiver of intake's forwards —
// is killed and kept away while the broadband staff keep creating and forwarding tickets:
// - intake answers every CreateTicket and ForwardTicket OK (nothing retried: a retry would hide a
//   refusal);
// - its outbox relay keeps retrying every forward, at most once per capped backoff per message
//   (each ticket is a stream of its own, ordering key "ticket-<id>"): the per-ticket attempts
//   (Ticket.forward.attempts) and cs_intake_outbox_delivery_failures_total grow, and never faster
//   than common/db/backoff.h allows;
// - the stuck-outbox alert, CsOutboxStuck of deploy/prometheus/rules/suite.yml, goes active for
//   intake.
// Routing is started again on the same ports and schema: intake's outbox drains, routing holds
// every ticket exactly once, every forward is confirmed once, nothing is dead-lettered and the
// alert resolves.
//
// Scaled: in production the relay's maximum backoff is 60 s (DefaultServiceRelayOptions) and the
// outage lasts minutes; here intake and routing run with --relay_initial_backoff=100ms
// --relay_max_backoff=1s, and routing stays away at least 8 maximum backoffs. The alert's
// threshold (an outbox message older than 300 s, `for: 2m`) cannot be reached within the test, so
// it is proven twice over (the `for` is covered by promtool, deploy/prometheus/tests/
// outbox_stuck_test.yml):
//   1. the rule's own expression, read from suite.yml at test time, with its threshold scaled by
//   the
//      same factor as the backoff (300 s × 1 s / 60 s = 5 s) holds for intake on the real scrapes
//      during the outage, and stops holding once routing is back;
//   2. with the waiting messages' enqueue time moved back by the rule's threshold (what their age
//      would be after an outage of minutes), Prometheus itself, evaluating the unchanged rule
//      file, lists CsOutboxStuck for intake as pending (its `for` not yet over) — and no longer
//      once the outbox drained.
// Prints one "fault summary:" line and records its figures as test properties.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/db/backoff.h"
#include "common/db/transaction.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/prometheus_server.h"
#include "common/testing/status_matchers.h"
#include "common/testing/wait_for.h"
#include "common/workers/outbox_relay_worker.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/e2e/intake_as_staff.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {
namespace {

using common::testing::PrometheusAlert;
using common::testing::PrometheusSample;
using common::testing::PrometheusServer;
using common::testing::WaitFor;
using cs::intake::v1::IntakeService;
using cs::intake::v1::Ticket;
using cs::routing::v1::RoutingService;

constexpr absl::Duration kInitialBackoff = absl::Milliseconds(100);
constexpr absl::Duration kMaxBackoff = absl::Seconds(1);
// Routing stays away at least this many maximum backoffs.
constexpr int kOutageInMaxBackoffs = 8;
constexpr int kTickets = 40;

// The relay's backoff as intake runs it: the service defaults with the test's two flags
// (common/server/outbox_relay_flags.cc).
common::db::BackoffOptions IntakeBackoff() {
  common::db::BackoffOptions backoff = common::DefaultServiceRelayOptions().backoff;
  backoff.initial = kInitialBackoff;
  backoff.max = kMaxBackoff;
  return backoff;
}

// The most delivery attempts the relay can make of one message within `elapsed` of enqueueing it:
// the first at once, then one after each backoff delay at its shortest (the jitter's whole
// reduction), as the relay schedules them (next_attempt_at = now + BackoffDelay(attempts + 1)).
int MaxAttempts(absl::Duration elapsed) {
  const common::db::BackoffOptions backoff = IntakeBackoff();
  int attempts = 1;
  for (absl::Duration at = common::db::BackoffDelay(backoff, 1, 1.0); at <= elapsed;
       at += common::db::BackoffDelay(backoff, attempts, 1.0)) {
    ++attempts;
  }
  return attempts;
}

// The `expr` of the alerting rule `alert` in the rule file `path`, as written: a one-line
// expression, plain or single-quoted, as deploy/prometheus/rules writes them.
absl::StatusOr<std::string> AlertExpression(const std::string& path, absl::string_view alert) {
  std::ifstream file(path);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  bool in_rule = false;
  for (std::string line; std::getline(file, line);) {
    absl::string_view text = absl::StripAsciiWhitespace(line);
    if (absl::ConsumePrefix(&text, "- alert:") || absl::ConsumePrefix(&text, "- record:")) {
      in_rule = absl::StripAsciiWhitespace(text) == alert;
      continue;
    }
    if (!in_rule || !absl::ConsumePrefix(&text, "expr:")) continue;
    text = absl::StripAsciiWhitespace(text);
    if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
      return absl::StrReplaceAll(text.substr(1, text.size() - 2), {{"''", "'"}});
    }
    if (text.empty() || text.front() == '|' || text.front() == '>' || text.front() == '"') {
      return absl::UnimplementedError(
          absl::StrCat(alert, "'s expr is not a plain or single-quoted line: ", text));
    }
    return std::string(text);
  }
  return absl::NotFoundError(absl::StrCat("no alert ", alert, " in ", path));
}

// An expression of the form "<selector> > <threshold>".
struct Comparison {
  std::string selector;
  double threshold = 0;
};
absl::StatusOr<Comparison> SplitThreshold(const std::string& expr) {
  static const std::regex kGreaterThan(R"(^(.*\S)\s*>\s*([0-9]+(\.[0-9]+)?)\s*$)");
  std::smatch match;
  if (!std::regex_match(expr, match, kGreaterThan)) {
    return absl::InvalidArgumentError(absl::StrCat("not \"<selector> > <number>\": ", expr));
  }
  return Comparison{match[1].str(), std::stod(match[2].str())};
}

// The sum of intake's samples `name` with `labels`, scraped now; -1 when the scrape fails.
double Scraped(const RunningSuite::Member& member, absl::string_view name,
               const std::map<std::string, std::string>& labels = {}) {
  absl::StatusOr<std::string> text = common::testing::HttpGet(member.metrics_port, "/metrics");
  if (!text.ok()) return -1;
  return common::testing::SumSamples(*text, name, labels).value_or(-1);
}

bool HasIntakeSample(const absl::StatusOr<std::vector<PrometheusSample>>& samples) {
  return samples.ok() &&
         std::any_of(samples->begin(), samples->end(), [](const PrometheusSample& sample) {
           auto service = sample.labels.find("service");
           return service != sample.labels.end() && service->second == "intake";
         });
}

bool HasIntakeAlert(const absl::StatusOr<std::vector<PrometheusAlert>>& alerts,
                    absl::string_view name) {
  return alerts.ok() &&
         std::any_of(alerts->begin(), alerts->end(), [&](const PrometheusAlert& alert) {
           auto alertname = alert.labels.find("alertname");
           auto service = alert.labels.find("service");
           return alertname != alert.labels.end() && alertname->second == name &&
                  service != alert.labels.end() && service->second == "intake";
         });
}

// Intake's ticket id -> how many routed tickets routing holds for it, as the designated unit lists
// them.
std::map<int64_t, int> RoutedPerTicket(RoutingService::Stub& routing) {
  std::map<int64_t, int> routed;
  cs::routing::v1::ListRoutedTicketsRequest request;
  request.mutable_page()->set_page_size(100);
  for (;;) {
    cs::routing::v1::ListRoutedTicketsResponse page;
    const grpc::Status status = CallAs(routing, &RoutingService::Stub::ListRoutedTickets,
                                       kDesignatedUnitToken, request, &page);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) return routed;
    for (const auto& ticket : page.routed_tickets()) ++routed[ticket.ticket().ticket_id()];
    if (page.page().next_page_token().empty()) return routed;
    request.mutable_page()->set_page_token(page.page().next_page_token());
  }
}

Ticket Get(IntakeService::Stub& intake, int64_t ticket_id) {
  cs::intake::v1::GetTicketRequest get;
  get.set_ticket_id(ticket_id);
  Ticket ticket;
  const grpc::Status status =
      CallAs(intake, &IntakeService::Stub::GetTicket, kBroadbandStaffToken, get, &ticket);
  EXPECT_TRUE(status.ok()) << ticket_id << ": " << status.error_message();
  return ticket;
}

TEST(PeerOutageE2eTest, IntakeKeepsTakingTicketsAndDeliversAllOnceRoutingIsBack) {
  const absl::Time test_started = absl::Now();
  const absl::Duration min_outage = kOutageInMaxBackoffs * kMaxBackoff;
  SuiteOptions options;
  const std::vector<std::string> relay_flags = {
      absl::StrCat("--relay_initial_backoff=", absl::FormatDuration(kInitialBackoff)),
      absl::StrCat("--relay_max_backoff=", absl::FormatDuration(kMaxBackoff))};
  options.extra_flags["routing"] = relay_flags;
  options.extra_flags["intake"] = relay_flags;
  // The outbox gauges are refreshed by this sweep (10 s by default).
  options.extra_flags["intake"].push_back("--sla_sweep_interval=200ms");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RunningSuite> suite, RunningSuite::Start(options));
  RunningSuite::Member& intake_member = suite->service("intake");
  RunningSuite::Member& routing_member = suite->service("routing");
  auto intake = IntakeService::NewStub(intake_member.channel);

  std::map<std::string, int> metrics_ports;
  for (const std::string& name : RunningSuite::ServiceNames()) {
    metrics_ports[name] = suite->service(name).metrics_port;
  }
  common::testing::PrometheusOptions prometheus_options;
  ASSERT_OK_AND_ASSIGN(prometheus_options.config,
                       common::testing::ProjectPrometheusConfig(CS_SOURCE_DIR, metrics_ports));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<PrometheusServer> prometheus,
                       PrometheusServer::Start(prometheus_options));

  // CsOutboxStuck's expression, and the same with its threshold scaled as the backoff is.
  ASSERT_OK_AND_ASSIGN(
      const std::string stuck_expr,
      AlertExpression(absl::StrCat(CS_SOURCE_DIR, "/deploy/prometheus/rules/suite.yml"),
                      "CsOutboxStuck"));
  ASSERT_OK_AND_ASSIGN(const Comparison stuck, SplitThreshold(stuck_expr));
  const double scaled_threshold =
      stuck.threshold *
      absl::FDivDuration(kMaxBackoff, common::DefaultServiceRelayOptions().backoff.max);
  ASSERT_LT(scaled_threshold, absl::ToDoubleSeconds(min_outage))
      << "the outage would end before the scaled alert could hold";
  const std::string scaled_stuck_expr = absl::StrCat(stuck.selector, " > ", scaled_threshold);

  // Before: a ticket goes through (the path works), Prometheus scrapes intake's outbox gauges, and
  // neither the alert nor its scaled expression is active.
  IntakeAsStaff staff(intake_member.channel);
  const Ticket before = staff.CreateAndForward("outage-before");
  ASSERT_OK(WaitFor("the ticket before the outage to be confirmed", [&] {
    return Get(*intake, before.ticket_id()).status() == cs::intake::v1::TICKET_STATUS_RECEIVED;
  }));
  ASSERT_OK(prometheus
                ->WaitForSamples(
                    R"(cs_intake_outbox_pending{service="intake",destination="routing"} == 0)",
                    absl::Seconds(30))
                .status())
      << prometheus->LogTail(1500);
  EXPECT_FALSE(HasIntakeSample(prometheus->Query(scaled_stuck_expr)));
  EXPECT_FALSE(HasIntakeAlert(prometheus->Alerts(), "CsOutboxStuck"));

  // Routing away; the staff go on working.
  const std::map<std::string, std::string> to_routing = {{"destination", "routing"}};
  const double failures_before =
      Scraped(intake_member, "cs_intake_outbox_delivery_failures_total", to_routing);
  ASSERT_GE(failures_before, 0);
  routing_member.process->Kill();
  const absl::Time outage_started = absl::Now();
  struct Taken {
    int64_t ticket_id = 0;
    absl::Time forwarded;  // when the forward was sent: no later than its outbox message
  };
  std::vector<Taken> taken;
  int calls = 0;
  int answered_ok = 0;
  // Spread over half the outage, so the relay retries old and new messages side by side.
  const absl::Duration pace = min_outage / (2 * kTickets);
  for (int i = 0; i < kTickets; ++i) {
    const absl::Time started = absl::Now();
    cs::intake::v1::CreateTicketRequest create;
    create.set_request_id(absl::StrCat("outage-", i, "-create"));
    *create.mutable_ticket() = CompleteTicketInput("broadband");
    create.mutable_ticket()->set_problem(absl::StrCat("宽带晚上经常断线 outage-", i));
    Ticket created;
    ++calls;
    const grpc::Status create_status =
        CallAs(*intake, &IntakeService::Stub::CreateTicket, kBroadbandStaffToken, create, &created);
    ASSERT_TRUE(create_status.ok()) << "CreateTicket " << i << ": " << create_status.error_code()
                                    << " " << create_status.error_message();
    ++answered_ok;
    cs::intake::v1::ForwardTicketRequest forward;
    forward.set_request_id(absl::StrCat("outage-", i, "-forward"));
    forward.set_ticket_id(created.ticket_id());
    Ticket forwarded;
    const absl::Time forward_sent = absl::Now();
    ++calls;
    const grpc::Status forward_status = CallAs(*intake, &IntakeService::Stub::ForwardTicket,
                                               kBroadbandStaffToken, forward, &forwarded);
    ASSERT_TRUE(forward_status.ok()) << "ForwardTicket " << i << ": " << forward_status.error_code()
                                     << " " << forward_status.error_message();
    ++answered_ok;
    // Taken, not yet received: routing really is away.
    EXPECT_EQ(forwarded.status(), cs::intake::v1::TICKET_STATUS_FORWARDING) << i;
    taken.push_back({created.ticket_id(), forward_sent});
    absl::SleepFor(std::max(absl::ZeroDuration(), started + pace - absl::Now()));
  }

  // The scaled alert holds on the real scrapes, once routing has been away for long enough.
  ASSERT_OK(WaitFor(
      absl::StrCat(kOutageInMaxBackoffs, " max backoffs of outage and `", scaled_stuck_expr,
                   "` holding for intake"),
      [&] {
        return absl::Now() - outage_started >= min_outage &&
               HasIntakeSample(prometheus->Query(scaled_stuck_expr));
      },
      min_outage + absl::Seconds(20)))
      << prometheus->LogTail(1500);

  // The relay kept retrying every forward, never faster than the capped backoff allows.
  std::vector<int> attempts;
  for (const Taken& ticket : taken) {
    attempts.push_back(Get(*intake, ticket.ticket_id).forward().attempts());
  }
  int attempts_total = 0;
  for (int a : attempts) attempts_total += a;
  // The failure counter is incremented just after the round that the attempts were read from.
  double failures = -1;
  ASSERT_OK(WaitFor("the failure counter to count the attempts read", [&] {
    failures = Scraped(intake_member, "cs_intake_outbox_delivery_failures_total", to_routing);
    return failures >= failures_before + attempts_total;
  }));
  const absl::Time attempts_read = absl::Now();
  // Slack per message for the reads not being at one instant.
  constexpr int kSlack = 3;
  int bound_total = 0;
  for (size_t i = 0; i < taken.size(); ++i) {
    const int bound = MaxAttempts(attempts_read - taken[i].forwarded) + kSlack;
    bound_total += bound;
    EXPECT_GE(attempts[i], 1) << "ticket " << taken[i].ticket_id << " was never tried";
    EXPECT_LE(attempts[i], bound) << "ticket " << taken[i].ticket_id << " retried too fast";
  }
  EXPECT_GE(attempts.front(), kOutageInMaxBackoffs / 2)
      << "the first forward was not retried all along the outage";
  const double failures_during_outage = failures - failures_before;
  EXPECT_LE(failures_during_outage, bound_total);

  // The alert itself, as the project loads it. Intake's outbox keeps each message's enqueue time
  // (created_at), which only the age gauge and the delivery-age histogram read — the relay
  // schedules its retries by next_attempt_at. Moving the waiting messages' enqueue time back by the
  // rule's threshold gives them the age an outage of minutes would, and changes nothing else.
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<common::db::ConnectionPool> intake_schema,
                       intake_member.database->CreatePool(1));
  ASSERT_OK(common::db::RunInTransaction(
      *intake_schema, [&](common::db::Transaction& tx) -> absl::Status {
        tx.Execute(absl::StrCat("UPDATE outbox SET created_at = created_at - INTERVAL ",
                                static_cast<int64_t>(std::ceil(stuck.threshold)) + 1,
                                " SECOND WHERE delivered_at IS NULL AND destination = 'routing'"));
        return absl::OkStatus();
      }));
  absl::StatusOr<PrometheusAlert> alert = prometheus->WaitForAlert(
      "CsOutboxStuck", {{"service", "intake"}}, "pending", absl::Seconds(20));
  ASSERT_OK(alert.status()) << prometheus->LogTail(1500);
  EXPECT_EQ(alert->labels["severity"], "page");
  EXPECT_EQ(Scraped(intake_member, "cs_intake_outbox_pending", to_routing), kTickets);

  // Routing back, on the same ports and schema.
  const double failures_by_restart =
      Scraped(intake_member, "cs_intake_outbox_delivery_failures_total", to_routing) -
      failures_before;
  const absl::Duration outage = absl::Now() - outage_started;
  ASSERT_OK(routing_member.process->Restart());
  const absl::Time routing_back = absl::Now();
  ASSERT_OK(routing_member.process->WaitUntilServing(routing_member.grpc_port));
  ASSERT_OK(WaitFor(
      "intake's outbox to drain and every forward to be confirmed",
      [&] {
        return Scraped(intake_member, "cs_intake_outbox_pending", to_routing) == 0 &&
               ListAllTickets(*intake, /*awaiting_confirmation=*/true).empty();
      },
      absl::Seconds(30)))
      << routing_member.process->LogTail();
  const absl::Duration time_to_drain = absl::Now() - routing_back;

  // Every ticket taken during the outage is in routing exactly once, confirmed once.
  auto routing = RoutingService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", routing_member.grpc_port), grpc::InsecureChannelCredentials()));
  const std::map<int64_t, int> routed = RoutedPerTicket(*routing);
  int routed_once = 0;
  for (const Taken& ticket : taken) {
    auto found = routed.find(ticket.ticket_id);
    const int count = found == routed.end() ? 0 : found->second;
    EXPECT_EQ(count, 1) << "ticket " << ticket.ticket_id << " routed " << count << " times";
    routed_once += count == 1 ? 1 : 0;
    const Ticket stored = Get(*intake, ticket.ticket_id);
    EXPECT_EQ(stored.status(), cs::intake::v1::TICKET_STATUS_RECEIVED) << ticket.ticket_id;
    EXPECT_TRUE(stored.forward().has_confirmed_at()) << ticket.ticket_id;
    std::map<std::string, int> events;
    for (const auto& entry : stored.history()) ++events[entry.event()];
    EXPECT_EQ(events["FORWARDED"], 1) << ticket.ticket_id;
    EXPECT_EQ(events["RECEIPT_CONFIRMED"], 1) << ticket.ticket_id;
  }
  EXPECT_EQ(routed.count(before.ticket_id()) ? routed.at(before.ticket_id()) : 0, 1);
  EXPECT_EQ(routed.size(), taken.size() + 1) << "routing holds tickets nobody forwarded";
  EXPECT_EQ(Scraped(intake_member, "cs_intake_outbox_dead_letters"), 0);
  EXPECT_EQ(Scraped(intake_member, "cs_intake_outbox_dead_lettered_total"), 0);

  // The alert resolves: neither it nor its scaled expression holds for intake any more.
  EXPECT_OK(WaitFor(
      "CsOutboxStuck and its scaled expression to stop holding for intake",
      [&] {
        return !HasIntakeAlert(prometheus->Alerts(), "CsOutboxStuck") &&
               !HasIntakeSample(prometheus->Query(scaled_stuck_expr));
      },
      absl::Seconds(30)))
      << prometheus->LogTail(1500);

  RecordProperty("tickets_during_outage", kTickets);
  RecordProperty("calls_answered_ok", answered_ok);
  RecordProperty("outage_ms", static_cast<int>(absl::ToInt64Milliseconds(outage)));
  RecordProperty("relay_failures_during_outage", static_cast<int>(failures_by_restart));
  RecordProperty("drain_ms", static_cast<int>(absl::ToInt64Milliseconds(time_to_drain)));
  RecordProperty("routed_once", routed_once);
  std::cout << "fault summary: peer outage: routing killed for " << outage << " ("
            << absl::FDivDuration(outage, kMaxBackoff) << " × the relay's max backoff "
            << kMaxBackoff << "); " << kTickets << " tickets created and forwarded meanwhile, "
            << answered_ok << "/" << calls << " calls answered OK by intake; failed relay attempts "
            << failures_by_restart << " by routing's restart (" << failures_during_outage
            << " after " << attempts_read - outage_started << ", bound " << bound_total
            << "; first ticket " << attempts.front() << ", last " << attempts.back()
            << "); CsOutboxStuck pending for intake on the real rule, `" << scaled_stuck_expr
            << "` held; drained " << time_to_drain << " after routing's restart; routed once "
            << routed_once << "/" << kTickets << ", dead letters 0; took "
            << absl::Now() - test_started << "\n";
}

}  // namespace
}  // namespace cs::e2e

// Speed of the assessment's monthly scorecards with every peer answering (issue 17, target 4: "the
// assessment scorecard for all units < 2 s with every peer answering"). Starts the suite's six real
// binaries on a private MariaDB (tests/e2e/running_suite.h, on test clocks), seeds a month of work
// through the public RPCs only — the seeded world of tests/e2e/seeded_world.h, then for each unit
// with a staff token of deploy/config/dev-tokens.md (broadband, idc, portal) a batch of tickets
// recorded and forwarded (routing confirms each receipt), one in five answered by the unit itself
// and closed (so archived), one forwarded ticket in ten dispatched by the designated unit to
// another unit, and a month of calls streamed to the seeded hotline — moves every clock past the
// month's last report deadline, and times ComputeScorecard for every assessed unit of
// deploy/config/units.textproto (all but the CS center, which is not scored) from the client, wall
// clock, round after round. Each scorecard must come back complete (every peer answered); the
// program prints each round's total for all units, the median and maximum over the rounds and the
// slowest single unit, against the 2 s target. A plain program, not Google Benchmark: a round is
// one pass over the units, and each computation is a write (a new revision of the scorecard).
//
// Needs a MariaDB: CS_TEST_MYSQL_HOST/PORT/USER/PASSWORD (an account that creates schemas and
// users), e.g.
//   port=$(deploy/private-mariadb.sh start /tmp/mdb-bench)
//   export CS_TEST_MYSQL_HOST=127.0.0.1 CS_TEST_MYSQL_PORT=$port
//   export CS_TEST_MYSQL_USER=cs_admin CS_TEST_MYSQL_PASSWORD=cs_admin
//   build-*/tests/bench/scorecard_bench
// CS_SCORECARD_BENCH_TICKETS (tickets per unit, default 1000) and CS_SCORECARD_BENCH_ROUNDS (timed
// rounds, default 7) override the defaults. The schemas and accounts are dropped at exit.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/api/proto_time.h"
#include "common/config/units_file.h"
#include "common/grpc/client_auth.h"
#include "common/testclock/test_clock_client.h"
#include "cs/assessment/v1/assessment.grpc.pb.h"
#include "cs/hotline/v1/hotline.grpc.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "tests/e2e/intake_as_staff.h"
#include "tests/e2e/running_suite.h"
#include "tests/e2e/seeded_world.h"

namespace cs::e2e {
namespace {

using cs::assessment::v1::AssessmentService;
using cs::hotline::v1::HotlineRegistryService;
using cs::intake::v1::IntakeService;
using cs::routing::v1::RoutingService;

constexpr absl::Duration kTarget = absl::Seconds(2);

// A unit's staff token of deploy/config/dev-tokens.md, and the unit its dispatched tickets go to
// (never the unit itself; hosting has no staff token, so it is only dispatched to).
struct StaffedUnit {
  std::string unit_id;
  std::string token;
  std::string dispatch_to;
};

const std::vector<StaffedUnit>& StaffedUnits() {
  static const auto* const units = new std::vector<StaffedUnit>{
      {"broadband", std::string(kBroadbandStaffToken), "hosting"},
      {"idc", std::string(kIdcStaffToken), "hosting"},
      {"portal", std::string(kPortalStaffToken), "broadband"},
  };
  return *units;
}

absl::Status Failed(absl::string_view what, const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", status.error_message()));
}

int64_t EnvOr(const char* name, int64_t fallback) {
  const char* value = std::getenv(name);
  int64_t parsed = 0;
  if (value == nullptr || !absl::SimpleAtoi(value, &parsed) || parsed < 1) return fallback;
  return parsed;
}

absl::TimeZone Shanghai() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Asia/Shanghai", &zone)) zone = absl::UTCTimeZone();
  return zone;
}

// A web-form complaint lacking what a forward needs (no device number, no phone), which its unit
// answers itself — as the seeded world's closed ticket.
cs::intake::v1::TicketInput AnsweredByUnitInput(absl::string_view unit_id) {
  cs::intake::v1::TicketInput input;
  input.set_unit_id(std::string(unit_id));
  input.set_kind(cs::common::v1::TICKET_KIND_COMPLAINT);
  input.set_channel(cs::common::v1::CHANNEL_WEB_FORM);
  input.set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
  input.set_contact_person("李女士");
  input.set_email("li@example.cn");
  return input;
}

// `count` tickets of `unit` recorded by its staff: every fifth an incomplete web-form complaint the
// unit answers and closes itself (the archive keeps it), the others complete and forwarded.
absl::Status RecordTickets(std::shared_ptr<grpc::Channel> channel, const StaffedUnit& unit,
                           int64_t count) {
  auto intake = IntakeService::NewStub(std::move(channel));
  for (int64_t i = 0; i < count; ++i) {
    const std::string name = absl::StrCat("bench-", unit.unit_id, "-", i);
    const bool answered_by_unit = i % 5 == 4;
    cs::intake::v1::CreateTicketRequest create;
    create.set_request_id(absl::StrCat(name, "-create"));
    *create.mutable_ticket() =
        answered_by_unit ? AnsweredByUnitInput(unit.unit_id) : CompleteTicketInput(unit.unit_id);
    create.mutable_ticket()->set_problem(absl::StrCat("晚上经常断线，第 ", i, " 次报修"));
    cs::intake::v1::Ticket ticket;
    grpc::Status status =
        CallAs(*intake, &IntakeService::Stub::CreateTicket, unit.token, create, &ticket);
    if (!status.ok()) return Failed(absl::StrCat(name, " create"), status);
    if (answered_by_unit) {
      cs::intake::v1::CloseTicketRequest close;
      close.set_request_id(absl::StrCat(name, "-close"));
      close.set_ticket_id(ticket.ticket_id());
      close.set_reply_text("您反映的问题已处理，如仍有问题请拨打10000。");
      close.set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
      status = CallAs(*intake, &IntakeService::Stub::CloseTicket, unit.token, close, &ticket);
      if (!status.ok()) return Failed(absl::StrCat(name, " close"), status);
    } else {
      cs::intake::v1::ForwardTicketRequest forward;
      forward.set_request_id(absl::StrCat(name, "-forward"));
      forward.set_ticket_id(ticket.ticket_id());
      status = CallAs(*intake, &IntakeService::Stub::ForwardTicket, unit.token, forward, &ticket);
      if (!status.ok()) return Failed(absl::StrCat(name, " forward"), status);
    }
  }
  return absl::OkStatus();
}

// One in ten of `unit`'s received routed tickets dispatched by the designated unit to
// unit.dispatch_to; the number dispatched.
absl::StatusOr<int> DispatchSome(RoutingService::Stub& routing, const StaffedUnit& unit) {
  std::vector<int64_t> received;
  cs::routing::v1::ListRoutedTicketsRequest list;
  list.set_origin_unit_id(unit.unit_id);
  list.set_status(cs::routing::v1::ROUTED_TICKET_STATUS_RECEIVED);
  list.mutable_page()->set_page_size(100);
  for (;;) {
    cs::routing::v1::ListRoutedTicketsResponse page;
    const grpc::Status status = CallAs(routing, &RoutingService::Stub::ListRoutedTickets,
                                       kDesignatedUnitToken, list, &page);
    if (!status.ok()) return Failed("listing routed tickets", status);
    for (const auto& routed : page.routed_tickets()) received.push_back(routed.routed_ticket_id());
    if (page.page().next_page_token().empty()) break;
    list.mutable_page()->set_page_token(page.page().next_page_token());
  }
  int dispatched = 0;
  for (size_t i = 0; i < received.size(); i += 10) {
    cs::routing::v1::DecideTicketRequest decide;
    decide.set_request_id(absl::StrCat("bench-dispatch-", received[i]));
    decide.set_routed_ticket_id(received[i]);
    decide.set_decision(cs::routing::v1::DECISION_INTERNAL_DISPATCH);
    decide.set_unit_id(unit.dispatch_to);
    decide.set_reason("由业务归属单位处理");
    cs::routing::v1::RoutedTicket decided;
    const grpc::Status status = CallAs(routing, &RoutingService::Stub::DecideTicket,
                                       kDesignatedUnitToken, decide, &decided);
    if (!status.ok()) return Failed(absl::StrCat("dispatching ", received[i]), status);
    ++dispatched;
  }
  return dispatched;
}

// `count` calls of the seeded hotline offered in the last minutes, four in five answered.
absl::Status StreamCalls(HotlineRegistryService::Stub& hotline, const std::string& hotline_id,
                         int64_t count) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  common::AttachBearerToken(context, kBroadbandStaffToken);
  cs::hotline::v1::IngestCallRecordsResponse ingested;
  auto writer = hotline.IngestCallRecords(&context, &ingested);
  const absl::Time now = absl::Now();
  cs::hotline::v1::IngestCallRecordsRequest batch;
  for (int64_t i = 0; i < count; ++i) {
    cs::hotline::v1::CallRecord* record = batch.add_records();
    record->set_hotline_id(hotline_id);
    record->set_call_id(absl::StrCat("bench-call-", i));
    *record->mutable_offered_at() = common::ToProtoTimestamp(now - absl::Milliseconds(10 * i));
    record->set_outcome(i % 5 == 4 ? cs::hotline::v1::CALL_OUTCOME_ABANDONED
                                   : cs::hotline::v1::CALL_OUTCOME_ANSWERED);
    if (batch.records_size() == 500 || i + 1 == count) {
      if (!writer->Write(batch)) break;
      batch.Clear();
    }
  }
  writer->WritesDone();
  const grpc::Status finished = writer->Finish();
  if (!finished.ok()) return Failed("streaming call records", finished);
  if (ingested.stored() != count) {
    return absl::InternalError(
        absl::StrCat("the hotline registry stored ", ingested.stored(), " of ", count, " calls"));
  }
  return absl::OkStatus();
}

absl::Status SetEveryClock(RunningSuite& suite, absl::Time at) {
  for (const std::string& name : RunningSuite::ServiceNames()) {
    common::TestClockClient clock(suite.service(name).channel, std::string(kCsCenterToken));
    absl::StatusOr<absl::Time> set = clock.SetTime(at, /*allow_backwards=*/true);
    if (!set.ok())
      return absl::Status(set.status().code(), absl::StrCat(name, ": ", set.status().message()));
  }
  return absl::OkStatus();
}

// WaitUntilSettled, again while it runs out of time: thousands of forwards take the relays longer
// than its 30 s on a busy machine.
absl::Status Settle(RunningSuite& suite) {
  absl::Status settled;
  for (int attempt = 0; attempt < 10; ++attempt) {
    settled = WaitUntilSettled(suite);
    if (settled.code() != absl::StatusCode::kDeadlineExceeded) return settled;
  }
  return settled;
}

struct UnitTiming {
  std::string unit_id;
  absl::Duration took;
  cs::assessment::v1::Scorecard scorecard;
};

// "forwarding_on_time 240/240, …": what the peers counted for the unit, to show they did work.
std::string PeerFigures(const cs::assessment::v1::Scorecard& scorecard) {
  std::vector<std::string> figures;
  for (const auto& indicator : scorecard.indicators()) {
    if (!indicator.has_input() || indicator.input().source() == "assessment") continue;
    if (indicator.input().denominator() == 0) continue;
    figures.push_back(absl::StrCat(indicator.indicator(), " ", indicator.input().numerator(), "/",
                                   indicator.input().denominator()));
  }
  return figures.empty() ? "nothing counted" : absl::StrJoin(figures, ", ");
}

// ComputeScorecard of `month` for each of `units`, one after the other from this client: each
// one's wall-clock time; an error when one fails or comes back incomplete.
absl::StatusOr<std::vector<UnitTiming>> ComputeRound(AssessmentService::Stub& assessment,
                                                     const std::vector<std::string>& units,
                                                     const std::string& month, int round) {
  std::vector<UnitTiming> timings;
  for (const std::string& unit_id : units) {
    cs::assessment::v1::ComputeScorecardRequest compute;
    compute.set_request_id(absl::StrCat("bench-r", round, "-", unit_id));
    compute.set_unit_id(unit_id);
    compute.set_month(month);
    cs::assessment::v1::Scorecard scorecard;
    const absl::Time started = absl::Now();
    const grpc::Status status = CallAs(assessment, &AssessmentService::Stub::ComputeScorecard,
                                       kCsCenterToken, compute, &scorecard);
    const absl::Duration took = absl::Now() - started;
    if (!status.ok()) return Failed(absl::StrCat("scorecard of ", unit_id), status);
    if (!scorecard.complete() || scorecard.missing_indicators_size() > 0) {
      return absl::InternalError(absl::StrCat("the scorecard of ", unit_id,
                                              " is incomplete (a peer did not answer): missing ",
                                              absl::StrJoin(scorecard.missing_indicators(), ", ")));
    }
    timings.push_back({unit_id, took, std::move(scorecard)});
  }
  return timings;
}

absl::Duration Median(std::vector<absl::Duration> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::string Ms(absl::Duration d) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << absl::ToDoubleMilliseconds(d) << " ms";
  return out.str();
}

absl::Status Run() {
  const int64_t tickets_per_unit = EnvOr("CS_SCORECARD_BENCH_TICKETS", 1000);
  const int64_t rounds = EnvOr("CS_SCORECARD_BENCH_ROUNDS", 7);
  const int64_t calls = 2000;

  absl::StatusOr<common::UnitDirectory> directory =
      common::config::LoadUnitDirectory(CS_SOURCE_DIR "/deploy/config/units.textproto");
  if (!directory.ok()) return directory.status();
  std::vector<std::string> assessed;
  for (const common::UnitInfo& unit : directory->units()) {
    if (!unit.cs_center) assessed.push_back(unit.id);
  }

  SuiteOptions options;
  options.test_clock = true;
  // The sweep must not compute the month's scorecards between the rounds.
  options.extra_flags["assessment"] = {"--sweep_interval=1h"};
  absl::Time phase = absl::Now();
  absl::StatusOr<std::unique_ptr<RunningSuite>> started = RunningSuite::Start(options);
  if (!started.ok()) return started.status();
  RunningSuite& suite = **started;
  std::cerr << "suite started in " << absl::Now() - phase << "\n";

  // A test clock stands still from its process's start: half an hour ahead, no instant the seeding
  // gives as "now" (the client's clock) is in a service's future.
  if (absl::Status set = SetEveryClock(suite, absl::Now() + absl::Minutes(30)); !set.ok()) {
    return set;
  }
  phase = absl::Now();
  SeedOptions seed;
  seed.spares = 3;
  absl::StatusOr<SeededWorld> world = SeedWorld(suite, seed);
  if (!world.ok()) return world.status();
  std::cerr << "seeded world (" << world->month << ") in " << absl::Now() - phase << "\n";

  phase = absl::Now();
  std::vector<absl::Status> recorded(StaffedUnits().size());
  {
    std::vector<std::thread> writers;
    for (size_t i = 0; i < StaffedUnits().size(); ++i) {
      writers.emplace_back([&, i] {
        recorded[i] =
            RecordTickets(suite.service("intake").channel, StaffedUnits()[i], tickets_per_unit);
      });
    }
    for (std::thread& writer : writers) writer.join();
  }
  for (const absl::Status& status : recorded) {
    if (!status.ok()) return status;
  }
  if (absl::Status settled = Settle(suite); !settled.ok()) return settled;
  auto routing = RoutingService::NewStub(suite.service("routing").channel);
  int dispatched = 0;
  for (const StaffedUnit& unit : StaffedUnits()) {
    absl::StatusOr<int> done = DispatchSome(*routing, unit);
    if (!done.ok()) return done.status();
    dispatched += *done;
  }
  auto hotline = HotlineRegistryService::NewStub(suite.service("hotline-registry").channel);
  if (absl::Status streamed = StreamCalls(*hotline, world->hotline_id, calls); !streamed.ok()) {
    return streamed;
  }
  if (absl::Status settled = Settle(suite); !settled.ok()) return settled;
  std::cerr << tickets_per_unit << " tickets for each of " << StaffedUnits().size() << " units, "
            << dispatched << " dispatched, " << calls << " calls, in " << absl::Now() - phase
            << "\n";

  // Past the month's last report deadline (the 5th working day of the next month): the 20th of
  // the next month, 10:00.
  absl::CivilMonth month;
  if (!absl::ParseCivilTime(world->month, &month)) {
    return absl::InternalError(absl::StrCat("month ", world->month));
  }
  const absl::Time scored_at =
      absl::FromCivil(absl::CivilMinute(absl::CivilDay(month + 1) + 19) + 10 * 60, Shanghai());
  if (absl::Status set = SetEveryClock(suite, scored_at); !set.ok()) return set;
  // Whatever the jump set off in the services' own sweeps settles before the rounds.
  if (absl::Status settled = Settle(suite); !settled.ok()) return settled;

  auto assessment = AssessmentService::NewStub(suite.service("assessment").channel);
  // Round 0 warms the channels and the servers' statement caches; reported, not counted.
  absl::StatusOr<std::vector<UnitTiming>> warm =
      ComputeRound(*assessment, assessed, world->month, 0);
  if (!warm.ok()) return warm.status();
  absl::Duration warm_total;
  for (const UnitTiming& unit : *warm) warm_total += unit.took;

  std::vector<absl::Duration> totals;
  UnitTiming slowest{"", absl::ZeroDuration(), {}};
  std::map<std::string, std::vector<absl::Duration>> by_unit;
  std::cout << "scorecards of " << world->month << " for " << assessed.size() << " units ("
            << absl::StrJoin(assessed, ", ") << "), " << tickets_per_unit
            << " tickets per staffed unit; ComputeScorecard from the client, one unit after "
               "the other\n";
  std::cout << "  round 0 (warm-up, not counted): " << Ms(warm_total) << "\n";
  for (const UnitTiming& unit : *warm) {
    std::cout << "    " << unit.unit_id << " (total " << unit.scorecard.total()
              << "): " << PeerFigures(unit.scorecard) << "\n";
  }
  for (int round = 1; round <= rounds; ++round) {
    absl::StatusOr<std::vector<UnitTiming>> timings =
        ComputeRound(*assessment, assessed, world->month, round);
    if (!timings.ok()) return timings.status();
    absl::Duration total;
    std::vector<std::string> parts;
    for (const UnitTiming& unit : *timings) {
      total += unit.took;
      by_unit[unit.unit_id].push_back(unit.took);
      if (unit.took > slowest.took) slowest = unit;
      parts.push_back(absl::StrCat(unit.unit_id, " ", Ms(unit.took)));
    }
    totals.push_back(total);
    std::cout << "  round " << round << ": " << Ms(total) << "  (" << absl::StrJoin(parts, ", ")
              << ")\n";
  }
  const absl::Duration median = Median(totals);
  const absl::Duration max = *std::max_element(totals.begin(), totals.end());
  std::cout << "per unit, median over the rounds:";
  for (const std::string& unit_id : assessed) {
    std::cout << " " << unit_id << " " << Ms(Median(by_unit[unit_id]));
  }
  std::cout << "\nall " << assessed.size() << " units per round: median " << Ms(median) << ", max "
            << Ms(max) << " over " << rounds << " rounds; slowest single unit " << slowest.unit_id
            << " " << Ms(slowest.took) << "; every scorecard complete (every peer answered)\n"
            << "target: all units < " << kTarget << (max < kTarget ? "  PASS" : "  FAIL")
            << " (max round)\n";
  return absl::OkStatus();
}

}  // namespace
}  // namespace cs::e2e

int main() {
  const absl::Status done = cs::e2e::Run();
  if (!done.ok()) {
    std::cerr << "scorecard_bench: " << done << "\n";
    return 1;
  }
  return 0;
}

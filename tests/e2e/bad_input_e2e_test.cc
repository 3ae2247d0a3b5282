// Issue 16, "Bad input": every method of every service the six real binaries serve, walked from
// the proto descriptors, gets the bad requests of bad_input_requests.h (empty, 1 MiB, invalid
// UTF-8 and SQL-metacharacter strings, unknown enum numbers, -1 and maximal integers, timestamps
// at and beyond the proto limits, foreign page tokens) as the CS center and as a unit's staff,
// and each service one message above its receive limit. No answer may be INTERNAL, UNKNOWN,
// UNIMPLEMENTED or DATA_LOSS, every process must still be SERVING afterwards, and the checksum of
// every table of the service's schema is unchanged by each batch of calls (one method, one
// caller) of which none returned OK — on tables that hold rows: the suite is seeded first
// (seeded_world.h), and the tables still empty are printed. Real binaries, real MariaDB, real gRPC
// over loopback.
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/db/connection_pool.h"
#include "common/server/service_server.h"
#include "common/testing/raw_call.h"
#include "common/testing/status_matchers.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/assessment/v1/assessment.grpc.pb.h"
#include "cs/channel/v1/channel.grpc.pb.h"
#include "cs/common/v1/calendar_admin.pb.h"
#include "cs/common/v1/outbox_admin.pb.h"
#include "cs/hotline/v1/hotline.grpc.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "gtest/gtest.h"
#include "tests/e2e/bad_input_requests.h"
#include "tests/e2e/running_suite.h"
#include "tests/e2e/seeded_world.h"
#include "tests/e2e/suite_access.h"

namespace cs::e2e {
namespace {

using ::google::protobuf::MethodDescriptor;
using ::google::protobuf::ServiceDescriptor;

// Answers that a bad request must never get: a server fault, or a method the binary does not
// serve.
const std::set<grpc::StatusCode>& ForbiddenCodes() {
  static const auto* const kCodes =
      new std::set<grpc::StatusCode>{grpc::StatusCode::INTERNAL, grpc::StatusCode::UNKNOWN,
                                     grpc::StatusCode::UNIMPLEMENTED, grpc::StatusCode::DATA_LOSS};
  return *kCodes;
}

// (method full name, variant name) pairs known to fail, each with why; printed at the end. A
// listed pair that no longer fails is reported too, so the table shrinks as defects are fixed.
struct KnownDefect {
  const char* method;
  const char* variant;
  const char* reason;
};
// None known at present; add {method, variant, reason} when a defect cannot be fixed at once.
const std::vector<KnownDefect>& KnownDefects() {
  static const auto* const kDefects = new std::vector<KnownDefect>{};
  return *kDefects;
}

// Tables a refused call changes by design: (service, table) -> why.
const std::map<std::pair<std::string, std::string>, std::string>& ChangedByDesign() {
  static const auto* const kTables = new std::map<std::pair<std::string, std::string>, std::string>{
      {{"archive", "access_log"}, "every read, refused ones too, is logged (SPEC V3)"},
  };
  return *kTables;
}

std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

// CHECKSUM TABLE of every base table of `schema`: table -> checksum.
absl::StatusOr<std::map<std::string, std::string>> Checksums(common::db::ConnectionPool& pool,
                                                             const std::string& schema) {
  absl::StatusOr<common::db::PooledConnection> lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  try {
    std::unique_ptr<sql::Statement> statement((*lease)->createStatement());
    std::vector<std::string> tables;
    {
      std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(
          absl::StrCat("SELECT table_name FROM information_schema.tables WHERE table_schema = '",
                       schema, "' AND table_type = 'BASE TABLE' ORDER BY table_name")));
      while (rows->next())
        tables.push_back(absl::StrCat("`", schema, "`.`", std::string(rows->getString(1)), "`"));
    }
    std::map<std::string, std::string> sums;
    if (tables.empty()) return sums;
    std::unique_ptr<sql::ResultSet> rows(
        statement->executeQuery(absl::StrCat("CHECKSUM TABLE ", absl::StrJoin(tables, ", "))));
    while (rows->next()) {
      std::string table(rows->getString(1));
      table = table.substr(table.find('.') + 1);
      sums[table] = rows->isNull(2) ? "NULL" : std::string(rows->getString(2));
    }
    return sums;
  } catch (const sql::SQLException& e) {
    return absl::InternalError(absl::StrCat("checksums of ", schema, ": ", e.what()));
  }
}

// Rows of every base table of `schema`: table -> rows.
absl::StatusOr<std::map<std::string, int64_t>> RowCounts(common::db::ConnectionPool& pool,
                                                         const std::string& schema) {
  absl::StatusOr<common::db::PooledConnection> lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  try {
    std::unique_ptr<sql::Statement> statement((*lease)->createStatement());
    std::vector<std::string> tables;
    {
      std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(
          absl::StrCat("SELECT table_name FROM information_schema.tables WHERE table_schema = '",
                       schema, "' AND table_type = 'BASE TABLE' ORDER BY table_name")));
      while (rows->next()) tables.push_back(std::string(rows->getString(1)));
    }
    std::map<std::string, int64_t> counts;
    for (const std::string& table : tables) {
      std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(
          absl::StrCat("SELECT COUNT(*) FROM `", schema, "`.`", table, "`")));
      counts[table] = rows->next() ? rows->getInt64(1) : 0;
    }
    return counts;
  } catch (const sql::SQLException& e) {
    return absl::InternalError(absl::StrCat("row counts of ", schema, ": ", e.what()));
  }
}

class BadInputTest : public SharedSuiteTest<BadInputTest> {};

TEST_F(BadInputTest, EveryRpcAnswersBadInputWithoutAServerFaultAndLeavesTheDatabaseAlone) {
  const absl::Time began = absl::Now();
  // Tables that hold rows, so that "unchanged" compares data, not emptiness.
  absl::StatusOr<SeededWorld> world = SeedWorld(suite());
  ASSERT_TRUE(world.ok()) << world.status();
  const absl::Duration seeding = absl::Now() - began;
  for (const std::string& skipped : world->skipped) {
    std::cout << "seed skipped: " << skipped << "\n";
  }
  std::vector<std::string> empty_tables;
  // Name, token, unit (deploy/config/tokens.textproto).
  const std::vector<std::tuple<std::string, absl::string_view, std::string>> callers = {
      {"cs-center", kCsCenterToken, "cs-center"},
      {"unit-staff", kBroadbandStaffToken, "broadband"}};
  std::map<std::pair<std::string, std::string>, const char*> known;
  for (const KnownDefect& defect : KnownDefects()) {
    known[{defect.method, defect.variant}] = defect.reason;
  }
  std::set<std::pair<std::string, std::string>> known_seen;

  int methods = 0;
  int64_t sent = 0;
  std::map<grpc::StatusCode, int64_t> histogram;
  std::vector<std::string> batches_with_ok;
  std::vector<std::string> tables_compared;
  for (const std::string& name : RunningSuite::ServiceNames()) {
    RunningSuite::Member& member = suite().service(name);
    common::db::MySqlOptions db = member.mysql;
    db.pool_size = 1;
    absl::StatusOr<std::unique_ptr<common::db::ConnectionPool>> pool =
        common::db::ConnectionPool::Create(db);
    ASSERT_TRUE(pool.ok()) << pool.status();
    absl::StatusOr<std::map<std::string, int64_t>> seeded = RowCounts(**pool, db.database);
    ASSERT_TRUE(seeded.ok()) << seeded.status();
    int seeded_tables = 0;
    for (const auto& [table, rows] : *seeded) {
      if (rows > 0) {
        ++seeded_tables;
      } else {
        empty_tables.push_back(absl::StrCat(name, ".", table));
      }
    }
    EXPECT_GT(seeded_tables, 0) << name << ": the seeded world left every table empty";

    std::vector<const ServiceDescriptor*> services = {MainServiceOf(name)};
    ASSERT_NE(services[0], nullptr) << name;
    for (const ServiceDescriptor* shared : SharedServices()) {
      const grpc::Status probe = common::testing::CallWithRawBody(
          member.channel, PathOf(*shared->method(0)), "", kCsCenterToken);
      if (probe.error_code() != grpc::StatusCode::UNIMPLEMENTED) services.push_back(shared);
    }
    for (const ServiceDescriptor* service : services) {
      for (int m = 0; m < service->method_count(); ++m) {
        const MethodDescriptor& method = *service->method(m);
        ++methods;
        // Client streams (the hotline registry's IngestCallRecords) get each body as the stream's
        // one message.
        // Against the empty request, and against one filled with plausible values (the caller's
        // unit) so that validation gets past the first missing field.
        const google::protobuf::Message& empty =
            *google::protobuf::MessageFactory::generated_factory()->GetPrototype(
                method.input_type());
        for (const auto& [caller, token, unit] : callers) {
          std::vector<BadRequest> requests;
          for (BadRequest& request : BadRequestsFor(empty)) {
            request.name = absl::StrCat("empty/", request.name);
            requests.push_back(std::move(request));
          }
          for (BadRequest& request : BadRequestsFor(
                   *FilledRequest(*method.input_type(), unit, absl::ToUnixSeconds(absl::Now())))) {
            request.name = absl::StrCat("filled/", request.name);
            requests.push_back(std::move(request));
          }
          absl::StatusOr<std::map<std::string, std::string>> before =
              Checksums(**pool, db.database);
          ASSERT_TRUE(before.ok()) << before.status();
          std::vector<std::string> ok;
          for (const BadRequest& request : requests) {
            const grpc::Status status = common::testing::CallWithRawBody(
                member.channel, PathOf(method), request.body, token);
            ++sent;
            ++histogram[status.error_code()];
            if (status.ok()) ok.push_back(request.name);
            // A token of another listing, or none at all, must never page this one.
            if (absl::StrContains(request.name, "page_token=") &&
                absl::EndsWith(request.name, "-token")) {
              EXPECT_FALSE(status.ok())
                  << method.full_name() << " as " << caller << " accepted " << request.name;
            }
            // Refused by the parser, before any handler could look at the caller.
            if (absl::EndsWith(request.name, "=invalid-utf8")) {
              EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
                  << method.full_name() << " as " << caller << " with " << request.name;
            }
            if (ForbiddenCodes().count(status.error_code()) == 0) continue;
            if (auto it = known.find({method.full_name(), request.name}); it != known.end()) {
              known_seen.insert(it->first);
              continue;
            }
            ADD_FAILURE() << method.full_name() << " as " << caller << " with " << request.name
                          << ": " << CodeName(status.error_code()) << " "
                          << status.error_message().substr(0, 300);
          }
          ASSERT_FALSE(member.process->Exited())
              << name << " exited during " << method.full_name() << "\n"
              << member.process->LogTail();
          if (!ok.empty()) {
            batches_with_ok.push_back(absl::StrCat(method.full_name(), " as ", caller, ": ",
                                                   ok.size(), " OK: ", absl::StrJoin(ok, " ")));
            // What an accepted call set off (a forward's receipt, a reply's delivery) lands while
            // later batches run: let it land first, so that their tables compare alone.
            ASSERT_OK(WaitUntilSettled(suite()));
            continue;
          }
          absl::StatusOr<std::map<std::string, std::string>> after = Checksums(**pool, db.database);
          ASSERT_TRUE(after.ok()) << after.status();
          for (const auto& [table, sum] : *before) {
            if (ChangedByDesign().count({name, table}) > 0) continue;
            EXPECT_EQ((*after)[table], sum)
                << name << "." << table << " changed by refused calls of " << method.full_name()
                << " as " << caller;
          }
        }
      }
    }
    // One message over the receive limit, to the first method: refused by gRPC itself.
    const size_t limit = static_cast<size_t>(common::ServerOptions().max_message_bytes);
    const grpc::Status oversize =
        common::testing::CallWithRawBody(member.channel, PathOf(*services[0]->method(0)),
                                         OversizeBody(limit + (1 << 20)), kCsCenterToken);
    ++sent;
    ++histogram[oversize.error_code()];
    EXPECT_EQ(oversize.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
        << name << ": " << oversize.error_message().substr(0, 300);

    EXPECT_FALSE(member.process->Exited()) << name << "\n" << member.process->LogTail();
    EXPECT_TRUE(member.process->WaitUntilServing(member.grpc_port, absl::Seconds(5)).ok())
        << name << " is not SERVING after the bad input\n"
        << member.process->LogTail();
    absl::StatusOr<std::map<std::string, std::string>> last = Checksums(**pool, db.database);
    ASSERT_TRUE(last.ok()) << last.status();
    int with_rows = 0;
    for (const auto& [table, sum] : *last) with_rows += sum != "0" ? 1 : 0;
    tables_compared.push_back(
        absl::StrCat(name, " ", last->size(), " (", with_rows, " not empty at the end)"));
  }

  std::cout << "bad input: " << methods << " methods walked, " << sent << " calls sent in "
            << absl::FormatDuration(absl::Trunc(absl::Now() - began, absl::Milliseconds(1)))
            << " (seeding the world "
            << absl::FormatDuration(absl::Trunc(seeding, absl::Milliseconds(1)))
            << ")\ntables still empty before the batches (" << empty_tables.size()
            << "): " << absl::StrJoin(empty_tables, ", ") << "\nstatus codes:";
  for (const auto& [code, count] : histogram) std::cout << " " << CodeName(code) << "=" << count;
  std::cout << "\ntables checksummed per service: " << absl::StrJoin(tables_compared, ", ")
            << "\nbatches (method, caller) with an OK answer, not compared ("
            << batches_with_ok.size() << "):\n";
  for (const std::string& batch : batches_with_ok) std::cout << "  " << batch << "\n";
  std::cout << "tables changed by design, not compared:\n";
  for (const auto& [table, why] : ChangedByDesign()) {
    std::cout << "  " << table.first << "." << table.second << ": " << why << "\n";
  }
  std::cout << "known defects (" << known.size() << "):\n";
  for (const auto& [pair, reason] : known) {
    std::cout << "  " << pair.first << " " << pair.second << ": " << reason
              << (known_seen.count(pair) > 0 ? "" : " (did not occur)") << "\n";
  }
  EXPECT_GT(methods, 100);
}

}  // namespace
}  // namespace cs::e2e

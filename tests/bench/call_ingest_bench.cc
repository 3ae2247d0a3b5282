// call_ingest_bench: call-record ingest into hotline-registry (SPEC H6) against the database's own
// ceiling for the same rows (issue 13 "Speed": the streaming RPC, durably committed, must reach
// 0.6x a raw multi-row INSERT loop through Connector/C++ measured in the same run).
//
//   call_ingest_bench --mode=raw [--host --port --user --password] [--rows 100000] [--batch 500]
//   call_ingest_bench --mode=rpc --target 127.0.0.1:50053 [--rows 100000] [--batch 500]
//
// raw: applies hotline-registry's own migrations to --schema, then inserts the rows into its
//      call_records table with one prepared multi-row INSERT per --batch rows, each autocommitted
//      (durable: the server must flush at every commit, as for db_insert_bench).
// rpc: registers, signs and approves one hotline with the development tokens (the service must run
//      with --dev_mode), then streams the rows through IngestCallRecords in messages of --batch
//      records and waits for the answer, which comes once every record is committed.
// Both print one JSON line on stdout: {"mode":…, "rows":…, "seconds":…, "rows_per_second":…}.
// The rows are the same in both modes: call ids "<run>-<n>", offered across the current month.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/db/common_schema.h"
#include "common/db/connection_pool.h"
#include "common/db/migration_runner.h"
#include "common/db/sql_time.h"
#include "common/db/statement_helpers.h"
#include "common/grpc/client_auth.h"
#include "cppconn/connection.h"
#include "cppconn/exception.h"
#include "cppconn/prepared_statement.h"
#include "cppconn/statement.h"
#include "cs/hotline/v1/hotline.grpc.pb.h"
#include "google/protobuf/util/time_util.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/hotline-registry/migrations.h"

ABSL_FLAG(std::string, mode, "raw",
          "raw (Connector/C++ multi-row INSERT) or rpc (IngestCallRecords)");
ABSL_FLAG(std::string, host, "", "MariaDB host; default $CS_TEST_MYSQL_HOST, else 127.0.0.1");
ABSL_FLAG(int, port, 0, "MariaDB port; default $CS_TEST_MYSQL_PORT, else 3306");
ABSL_FLAG(std::string, user, "", "MariaDB user; default $CS_TEST_MYSQL_USER, else cs_admin");
ABSL_FLAG(std::string, password, "", "password; default $CS_TEST_MYSQL_PASSWORD, else cs_admin");
ABSL_FLAG(std::string, schema, "cs_bench_ingest", "raw mode: schema the migrations are applied to");
ABSL_FLAG(std::string, target, "127.0.0.1:50053", "rpc mode: hotline-registry's gRPC address");
ABSL_FLAG(int64_t, rows, 100000, "call records to ingest");
ABSL_FLAG(int, batch, 500, "rows per INSERT (raw) or per stream message (rpc)");
ABSL_FLAG(std::string, run_id, "", "prefix of the call ids; default: the current time");

namespace cs::tests::bench {
namespace {

constexpr char kStaffToken[] = "dev-broadband-staff-9d86071d119c5f900cd61e4a";
constexpr char kManagerToken[] = "dev-broadband-manager-936e1b8ca54993649d940dab";
constexpr char kCenterToken[] = "dev-cs-center-88d4af90b991790892e98b90";
constexpr char kPhoneSystemToken[] = "dev-svc-hotline-registry-113077e6fe218af83527d0be";

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

// The n-th row of the run: offered within the current month's first days, 85 % answered.
struct Row {
  std::string call_id;
  absl::Time offered_at;
  bool answered = true;
  int wait_seconds = 0;
};

Row RowAt(const std::string& run_id, int64_t n, absl::Time month_start) {
  Row row;
  row.call_id = absl::StrCat(run_id, "-", n);
  row.offered_at = month_start + absl::Hours(1) + absl::Seconds(n % (20 * 24 * 3600));
  row.answered = n % 20 < 17;
  row.wait_seconds = static_cast<int>(n % 40);
  return row;
}

absl::Time MonthStart() {
  const absl::CivilSecond now = absl::ToCivilSecond(absl::Now(), absl::UTCTimeZone());
  return absl::FromCivil(absl::CivilMonth(now), absl::UTCTimeZone());
}

void PrintResult(const std::string& mode, int64_t rows, absl::Duration elapsed) {
  const double seconds = absl::ToDoubleSeconds(elapsed);
  std::cout << absl::StrFormat(
                   "{\"mode\":\"%s\",\"rows\":%d,\"seconds\":%.3f,\"rows_per_second\":%.1f}", mode,
                   rows, seconds, static_cast<double>(rows) / seconds)
            << std::endl;
}

absl::Status RunRaw(const std::string& run_id, int64_t rows, int batch) {
  common::db::MySqlOptions options;
  options.host = EnvOr("CS_TEST_MYSQL_HOST", "127.0.0.1");
  if (!absl::GetFlag(FLAGS_host).empty()) options.host = absl::GetFlag(FLAGS_host);
  options.port = absl::GetFlag(FLAGS_port);
  if (options.port == 0 && !absl::SimpleAtoi(EnvOr("CS_TEST_MYSQL_PORT", "3306"), &options.port)) {
    return absl::InvalidArgumentError("CS_TEST_MYSQL_PORT is not a number");
  }
  options.user = absl::GetFlag(FLAGS_user).empty() ? EnvOr("CS_TEST_MYSQL_USER", "cs_admin")
                                                   : absl::GetFlag(FLAGS_user);
  options.password = absl::GetFlag(FLAGS_password).empty()
                         ? EnvOr("CS_TEST_MYSQL_PASSWORD", "cs_admin")
                         : absl::GetFlag(FLAGS_password);
  options.pool_size = 1;
  {
    // The schema, created with the server's options before the pool selects it.
    common::db::MySqlOptions server = options;
    absl::StatusOr<std::unique_ptr<common::db::ConnectionPool>> admin =
        common::db::ConnectionPool::Create(server);
    if (!admin.ok()) return admin.status();
    absl::StatusOr<common::db::PooledConnection> lease = (*admin)->Acquire();
    if (!lease.ok()) return lease.status();
    std::unique_ptr<sql::Statement> create((*lease)->createStatement());
    create->execute(absl::StrCat("CREATE DATABASE IF NOT EXISTS `", absl::GetFlag(FLAGS_schema),
                                 "` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin"));
  }
  options.database = absl::GetFlag(FLAGS_schema);
  absl::StatusOr<std::unique_ptr<common::db::ConnectionPool>> pool =
      common::db::ConnectionPool::Create(options);
  if (!pool.ok()) return pool.status();
  if (absl::Status migrated = common::db::ApplyMigrations(
          **pool, {&common::db::common_schema::Migrations(), &hotline::schema::Migrations()});
      !migrated.ok()) {
    return migrated;
  }
  absl::StatusOr<common::db::PooledConnection> lease = (*pool)->Acquire();
  if (!lease.ok()) return lease.status();
  std::unique_ptr<sql::Statement> session((*lease)->createStatement());
  session->execute("SET autocommit = 1");
  const absl::Time month_start = MonthStart();
  auto prepare = [&](int size) {
    return std::unique_ptr<sql::PreparedStatement>((*lease)->prepareStatement(absl::StrCat(
        "INSERT INTO call_records (hotline_id, call_id, offered_at, outcome, wait_seconds, "
        "agent_staff_number, within_service_hours, hotline_active, ingest_token) VALUES ",
        common::db::RowsOfPlaceholders(size, 9))));
  };
  std::unique_ptr<sql::PreparedStatement> full = prepare(batch);
  const absl::Time start = absl::Now();
  for (int64_t first = 0; first < rows; first += batch) {
    const int size = static_cast<int>(std::min<int64_t>(batch, rows - first));
    std::unique_ptr<sql::PreparedStatement> partial;
    sql::PreparedStatement& insert = size == batch ? *full : *(partial = prepare(size));
    int index = 1;
    for (int64_t n = first; n < first + size; ++n) {
      const Row row = RowAt(run_id, n, month_start);
      insert.setInt64(index++, 1);
      insert.setString(index++, row.call_id);
      insert.setDateTime(index++, common::db::FormatSqlTime(row.offered_at));
      insert.setInt(index++, row.answered ? 1 : 2);
      insert.setInt(index++, row.wait_seconds);
      insert.setString(index++, "A001");
      insert.setBoolean(index++, true);
      insert.setBoolean(index++, true);
      insert.setInt64(index++, first + 1);
    }
    insert.executeUpdate();
  }
  PrintResult("raw", rows, absl::Now() - start);
  return absl::OkStatus();
}

template <typename Request, typename Response>
absl::StatusOr<Response> Call(cs::hotline::v1::HotlineRegistryService::Stub& stub,
                              grpc::Status (cs::hotline::v1::HotlineRegistryService::Stub::*method)(
                                  grpc::ClientContext*, const Request&, Response*),
                              const char* token, const Request& request) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  common::AttachBearerToken(context, token);
  Response response;
  const grpc::Status status = (stub.*method)(&context, request, &response);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  return response;
}

google::protobuf::Timestamp ProtoTime(absl::Time time) {
  return google::protobuf::util::TimeUtil::SecondsToTimestamp(absl::ToUnixSeconds(time));
}

// An ACTIVE 7x24 hotline of the broadband unit, numbered after the run so reruns do not collide.
absl::StatusOr<std::string> ActiveHotline(cs::hotline::v1::HotlineRegistryService::Stub& stub,
                                          const std::string& run_id) {
  using Stub = cs::hotline::v1::HotlineRegistryService::Stub;
  cs::hotline::v1::RegisterHotlineRequest register_request;
  register_request.set_request_id(absl::StrCat(run_id, "-register"));
  cs::hotline::v1::RegistrationForm& form = *register_request.mutable_form();
  form.set_unit_id("broadband");
  form.set_number(absl::StrCat("021-6", 1000000 + absl::Uniform(absl::BitGen(), 0, 8999999)));
  form.mutable_service_hours()->set_around_the_clock(true);
  *form.mutable_established_on() = ProtoTime(absl::Now() - absl::Hours(24 * 365));
  form.set_audience("宽带用户");
  form.set_description("宽带故障申告与咨询");
  form.set_charges("免费");
  form.set_staffing("专人值守，每班 4 人");
  form.mutable_contact_a()->set_person("张三");
  form.mutable_contact_a()->set_phone("021-5888 1234");
  form.mutable_contact_b()->set_person("李四");
  form.mutable_contact_b()->set_phone("021-5888 5678");
  form.set_handler("王五");
  absl::StatusOr<cs::hotline::v1::Hotline> hotline =
      Call(stub, &Stub::RegisterHotline, kStaffToken, register_request);
  if (!hotline.ok()) return hotline.status();
  cs::hotline::v1::SignFormRequest sign;
  sign.set_hotline_id(hotline->hotline_id());
  sign.set_form(cs::hotline::v1::FORM_KIND_REGISTRATION);
  if (auto signed_ = Call(stub, &Stub::SignForm, kManagerToken, sign); !signed_.ok()) {
    return signed_.status();
  }
  cs::hotline::v1::DecideRegistrationRequest decide;
  decide.set_hotline_id(hotline->hotline_id());
  decide.set_approve(true);
  if (auto decided = Call(stub, &Stub::DecideRegistration, kCenterToken, decide); !decided.ok()) {
    return decided.status();
  }
  return hotline->hotline_id();
}

absl::Status RunRpc(const std::string& run_id, int64_t rows, int batch) {
  auto stub = cs::hotline::v1::HotlineRegistryService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials()));
  absl::StatusOr<std::string> hotline_id = ActiveHotline(*stub, run_id);
  if (!hotline_id.ok()) return hotline_id.status();
  const absl::Time month_start = MonthStart();
  grpc::ClientContext context;
  common::AttachBearerToken(context, kPhoneSystemToken);
  cs::hotline::v1::IngestCallRecordsResponse response;
  const absl::Time start = absl::Now();
  std::unique_ptr<grpc::ClientWriter<cs::hotline::v1::IngestCallRecordsRequest>> stream =
      stub->IngestCallRecords(&context, &response);
  for (int64_t first = 0; first < rows; first += batch) {
    cs::hotline::v1::IngestCallRecordsRequest message;
    for (int64_t n = first; n < std::min<int64_t>(rows, first + batch); ++n) {
      const Row row = RowAt(run_id, n, month_start);
      cs::hotline::v1::CallRecord& record = *message.add_records();
      record.set_hotline_id(*hotline_id);
      record.set_call_id(row.call_id);
      *record.mutable_offered_at() = ProtoTime(row.offered_at);
      record.set_outcome(row.answered ? cs::hotline::v1::CALL_OUTCOME_ANSWERED
                                      : cs::hotline::v1::CALL_OUTCOME_ABANDONED);
      record.set_wait_seconds(row.wait_seconds);
      record.set_agent_staff_number("A001");
    }
    if (!stream->Write(message)) break;
  }
  stream->WritesDone();
  const grpc::Status status = stream->Finish();
  const absl::Duration elapsed = absl::Now() - start;
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  if (response.stored() != rows) {
    return absl::InternalError(absl::StrCat("stored ", response.stored(), " of ", rows, " (",
                                            response.rejected_size(), " rejected)"));
  }
  PrintResult("rpc", rows, elapsed);
  return absl::OkStatus();
}

}  // namespace
}  // namespace cs::tests::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  std::string run_id = absl::GetFlag(FLAGS_run_id);
  if (run_id.empty()) run_id = absl::StrCat("b", absl::ToUnixMicros(absl::Now()));
  const int64_t rows = absl::GetFlag(FLAGS_rows);
  const int batch = absl::GetFlag(FLAGS_batch);
  if (rows <= 0 || batch <= 0) {
    std::cerr << "--rows and --batch must be positive\n";
    return 2;
  }
  absl::Status result;
  try {
    result = absl::GetFlag(FLAGS_mode) == "rpc" ? cs::tests::bench::RunRpc(run_id, rows, batch)
                                                : cs::tests::bench::RunRaw(run_id, rows, batch);
  } catch (const sql::SQLException& e) {
    result = absl::InternalError(e.what());
  }
  if (!result.ok()) {
    std::cerr << "call_ingest_bench: " << result << "\n";
    return 1;
  }
  return 0;
}

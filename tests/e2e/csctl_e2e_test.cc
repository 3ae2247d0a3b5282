// Issue 18, csctl: the real csctl binary run as a process, as a person runs it, against the six
// real binaries (running_suite.h): a ticket with Chinese text created, read back in both outputs,
// listed and forwarded; the server's field violations printed one per line; the exit codes of
// not found, a wrong token, a SERVICE token and a stopped service; --help of every command; one
// health line per service. Addresses and the token reach csctl through its environment
// (CS_<SERVICE>_ADDRESS, CS_TOKEN), the way an operator's shell gives them.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/auth/principal.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/running_suite.h"
#include "tests/e2e/suite_access.h"
#include "tools/csctl/command_table.h"

namespace cs::e2e {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

struct CsctlRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs the csctl binary with `args` and `environment` (nothing else of the test's environment,
// so no CS_* variable of the machine leaks in), stdout and stderr captured.
CsctlRun RunProcess(const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& environment) {
  const std::string directory = ::testing::TempDir();
  const std::string out_path = absl::StrCat(directory, "/csctl-", getpid(), ".out");
  const std::string err_path = absl::StrCat(directory, "/csctl-", getpid(), ".err");
  std::vector<std::string> argv_text = {CS_CSCTL_BINARY};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<std::string> env_text;
  for (const auto& [name, value] : environment) env_text.push_back(absl::StrCat(name, "=", value));
  std::vector<char*> argv;
  for (std::string& one : argv_text) argv.push_back(one.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (std::string& one : env_text) envp.push_back(one.data());
  envp.push_back(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  CsctlRun run;
  int status = 0;
  if (child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status)) {
    run.exit_code = WEXITSTATUS(status);
  }
  run.out = ReadWhole(out_path);
  run.err = ReadWhole(err_path);
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  return run;
}

std::ostream& operator<<(std::ostream& stream, const CsctlRun& run) {
  return stream << "exit " << run.exit_code << "\n--- stdout\n"
                << run.out << "--- stderr\n"
                << run.err;
}

// The value of "key": "value" in csctl's JSON (int64 fields are JSON strings).
std::string JsonValue(const std::string& json, const std::string& key) {
  const std::string marker = absl::StrCat("\"", key, "\": \"");
  const size_t at = json.find(marker);
  if (at == std::string::npos) return "";
  const size_t start = at + marker.size();
  return json.substr(start, json.find('"', start) - start);
}

class CsctlE2eTest : public SharedSuiteTest<CsctlE2eTest> {
 protected:
  // The operator's environment: where each service is, and a token.
  static std::map<std::string, std::string> Environment(absl::string_view token) {
    std::map<std::string, std::string> environment = {{"CS_TOKEN", std::string(token)},
                                                      {"LANG", "C.UTF-8"}};
    for (const std::string& name : RunningSuite::ServiceNames()) {
      std::string variable = absl::StrCat("CS_", name, "_ADDRESS");
      for (char& c : variable) c = c == '-' ? '_' : static_cast<char>(std::toupper(c));
      environment[variable] = absl::StrCat("127.0.0.1:", suite().service(name).grpc_port);
    }
    return environment;
  }

  static CsctlRun Csctl(const std::vector<std::string>& args,
                        absl::string_view token = kBroadbandStaffToken) {
    return RunProcess(args, Environment(token));
  }

  // A complete ticket recorded through csctl; its id.
  static std::string CreateTicket(const std::string& problem) {
    const CsctlRun run =
        Csctl({"ticket", "create", "--output=json", "--ticket.unit_id=broadband",
               "--ticket.kind=complaint", "--ticket.channel=hotline",
               absl::StrCat("--ticket.problem=", problem), "--ticket.device_number=02888880000",
               "--ticket.contact_phone=13800000000", "--ticket.contact_person=张先生"});
    EXPECT_EQ(run.exit_code, 0) << run;
    return JsonValue(run.out, "ticket_id");
  }
};

TEST_F(CsctlE2eTest, I1_CreatedTicketReadsBackInChineseInTableAndJson) {
  const std::string id = CreateTicket("宽带晚上经常断线，影响办公");
  ASSERT_FALSE(id.empty());

  const CsctlRun table = Csctl({"ticket", "get", id});
  ASSERT_EQ(table.exit_code, 0) << table;
  EXPECT_THAT(table.out, HasSubstr("input.problem"));
  EXPECT_THAT(table.out, HasSubstr("宽带晚上经常断线，影响办公"));
  EXPECT_THAT(table.out, HasSubstr("张先生"));
  EXPECT_THAT(table.out, HasSubstr("TICKET_STATUS_RECORDED"));

  const CsctlRun json = Csctl({"ticket", "get", id, "--output", "json"});
  ASSERT_EQ(json.exit_code, 0) << json;
  EXPECT_EQ(JsonValue(json.out, "problem"), "宽带晚上经常断线，影响办公");
  EXPECT_EQ(JsonValue(json.out, "contact_person"), "张先生");
  EXPECT_THAT(json.out, Not(HasSubstr("\\u")));

  const CsctlRun form = Csctl({"ticket", "form", id});
  ASSERT_EQ(form.exit_code, 0) << form;
  EXPECT_THAT(form.out, HasSubstr("宽带晚上经常断线"));
}

TEST_F(CsctlE2eTest, I1_ARetryWithTheSameRequestIdAnswersTheFirstTicket) {
  const std::vector<std::string> create = {
      "ticket", "create", "--output=json", "--request-id=csctl-e2e-retry",
      "--request=ticket { unit_id: \"broadband\" kind: TICKET_KIND_CONSULTATION "
      "channel: CHANNEL_EMAIL problem: \"资费咨询\" device_number: \"02888880001\" "
      "contact_phone: \"13800000001\" contact_person: \"李女士\" }"};
  const CsctlRun first = Csctl(create);
  ASSERT_EQ(first.exit_code, 0) << first;
  const CsctlRun again = Csctl(create);
  ASSERT_EQ(again.exit_code, 0) << again;
  EXPECT_EQ(JsonValue(first.out, "ticket_id"), JsonValue(again.out, "ticket_id"));
  EXPECT_EQ(JsonValue(again.out, "problem"), "资费咨询");
}

TEST_F(CsctlE2eTest, I4_ListShowsTheTicketAndForwardSendsIt) {
  const std::string id = CreateTicket("网页表单提交后无回复");
  ASSERT_FALSE(id.empty());
  const CsctlRun list = Csctl({"ticket", "list", "--unit_id=broadband", "--page.page_size=100"});
  ASSERT_EQ(list.exit_code, 0) << list;
  EXPECT_THAT(list.out, HasSubstr("ticket_id"));
  EXPECT_THAT(list.out, HasSubstr("网页表单提交后无回复"));

  const CsctlRun forward = Csctl({"ticket", "forward", id});
  ASSERT_EQ(forward.exit_code, 0) << forward;
  // The fresh request id is printed so that a retry can reuse it.
  EXPECT_THAT(forward.err, HasSubstr("--request-id=csctl-"));
  EXPECT_THAT(forward.out, HasSubstr("forward.forward_id"));

  const CsctlRun awaiting =
      Csctl({"ticket", "list", "--awaiting_confirmation", "--columns=ticket_id,status"});
  ASSERT_EQ(awaiting.exit_code, 0) << awaiting;
}

TEST_F(CsctlE2eTest, I1_ABadRequestPrintsEveryFieldViolationOnItsOwnLineAndExits4) {
  const CsctlRun run =
      Csctl({"ticket", "create", "--ticket.unit_id=broadband", "--ticket.kind=complaint",
             "--ticket.channel=hotline", "--ticket.problem=断线", "--ticket.contact_phone=call me",
             "--ticket.device_number=abc-12"});
  EXPECT_EQ(run.exit_code, 4) << run;
  EXPECT_THAT(run.err, HasSubstr("INVALID_ARGUMENT"));
  EXPECT_THAT(run.err, HasSubstr("\n  reason: INVALID_FIELDS (cs.intake)\n"));
  EXPECT_THAT(run.err, HasSubstr("\n  ticket.contact_phone: "));
  EXPECT_THAT(run.err, HasSubstr("\n  ticket.device_number: "));
  EXPECT_TRUE(run.out.empty()) << run;
}

TEST_F(CsctlE2eTest, I2_AForwardLackingElementsNamesEachMissingOne) {
  const CsctlRun created = Csctl({"ticket", "create", "--output=json", "--ticket.unit_id=broadband",
                                  "--ticket.kind=complaint", "--ticket.channel=hotline",
                                  "--ticket.problem=没有留下联系方式"});
  ASSERT_EQ(created.exit_code, 0) << created;
  const CsctlRun forward = Csctl({"ticket", "forward", JsonValue(created.out, "ticket_id")});
  EXPECT_EQ(forward.exit_code, 4) << forward;
  EXPECT_THAT(forward.err, HasSubstr("MISSING_REQUIRED_FIELDS"));
  EXPECT_THAT(forward.err, HasSubstr("\n  device_number: "));
  EXPECT_THAT(forward.err, HasSubstr("\n  contact_phone: "));
  EXPECT_THAT(forward.err, HasSubstr("\n  contact_person: "));
}

TEST_F(CsctlE2eTest, NotFoundExits3WrongTokenExits4UsageExits2) {
  const CsctlRun missing = Csctl({"ticket", "get", "987654321"});
  EXPECT_EQ(missing.exit_code, 3) << missing;
  EXPECT_THAT(missing.err, HasSubstr("NOT_FOUND"));

  const CsctlRun wrong_token = Csctl({"ticket", "list"}, "not-a-token-of-anyone");
  EXPECT_EQ(wrong_token.exit_code, 4) << wrong_token;
  EXPECT_THAT(wrong_token.err, HasSubstr("UNAUTHENTICATED"));

  // Another role than the RPC admits: refused by the server, same exit code.
  const CsctlRun wrong_role = Csctl({"route", "list"}, kBroadbandStaffToken);
  EXPECT_EQ(wrong_role.exit_code, 4) << wrong_role;
  EXPECT_THAT(wrong_role.err, HasSubstr("ROLE_NOT_ALLOWED"));

  const CsctlRun usage = Csctl({"ticket", "get", "1", "--no_such_field=2"});
  EXPECT_EQ(usage.exit_code, 2) << usage;
  EXPECT_THAT(usage.err, HasSubstr("no field \"no_such_field\""));
}

TEST_F(CsctlE2eTest, AServiceTokenIsRefusedBeforeAnythingIsSent) {
  std::vector<std::string> args = {
      "ticket", "list",
      absl::StrCat("--tokens_file=", CS_SOURCE_DIR, "/deploy/config/tokens.textproto")};
  const CsctlRun service = Csctl(args, kIntakeServiceToken);
  EXPECT_EQ(service.exit_code, 4) << service;
  EXPECT_THAT(service.err, HasSubstr("SERVICE principal"));
  EXPECT_TRUE(service.out.empty());
  // A person's token passes the same check.
  const CsctlRun person = Csctl(args, kBroadbandStaffToken);
  EXPECT_EQ(person.exit_code, 0) << person;
}

TEST_F(CsctlE2eTest, RoutingArchiveAndAssessmentCommandsReachTheirServices) {
  const CsctlRun routed = Csctl({"route", "list"}, kDesignatedUnitToken);
  EXPECT_EQ(routed.exit_code, 0) << routed;
  const CsctlRun orders = Csctl({"order", "list"}, kDesignatedUnitToken);
  EXPECT_EQ(orders.exit_code, 0) << orders;
  const CsctlRun preview = Csctl(
      {"route", "preview", "--format=CANNOT_FORWARD", "--language=chinese"}, kDesignatedUnitToken);
  EXPECT_EQ(preview.exit_code, 0) << preview;
  const CsctlRun search =
      Csctl({"archive", "search", "--reason=csctl e2e", "--unit_id=broadband"}, kCsCenterToken);
  EXPECT_EQ(search.exit_code, 0) << search;
  const CsctlRun calendar = Csctl({"calendar", "show", "--service=routing"}, kCsCenterToken);
  EXPECT_EQ(calendar.exit_code, 0) << calendar;
  EXPECT_THAT(calendar.out, HasSubstr("current_version"));
  const CsctlRun deadline =
      Csctl({"calendar", "deadline", "--start=2026-10-09T17:00:00+08:00", "--hours=1",
             absl::StrCat("--calendar_file=", CS_SOURCE_DIR, "/deploy/config/calendar.textproto")},
            kCsCenterToken);
  ASSERT_EQ(deadline.exit_code, 0) << deadline;
  // Friday 17:00 + 1 working hour: 30 minutes to the close at 17:30, then 30 on the next working
  // day — Saturday 2026-10-10, the make-up working day of the National Day holiday: 09:30 local.
  EXPECT_THAT(deadline.out, HasSubstr("2026-10-10T01:30:00Z"));
  EXPECT_THAT(deadline.out, HasSubstr("cn-2026.1"));
}

TEST_F(CsctlE2eTest, EveryCommandIsForAPersonAndItsHelpNamesItsFlags) {
  for (const tools::csctl::CommandSpec& command : tools::csctl::Commands()) {
    SCOPED_TRACE(absl::StrCat(command.group, " ", command.verb));
    const std::vector<std::string> parts = absl::StrSplit(command.method, '/');
    const common::AccessTable* table = AccessTableOf(parts[0]);
    ASSERT_NE(table, nullptr) << parts[0];
    const common::MethodRule* rule = table->Find(parts[1]);
    ASSERT_NE(rule, nullptr);
    bool a_person_may = false;
    for (common::Role role : rule->roles) a_person_may |= role != common::Role::kService;
    EXPECT_TRUE(a_person_may) << command.method << " is for services only";

    std::vector<std::string> args = {command.group};
    if (!command.verb.empty()) args.push_back(command.verb);
    args.push_back("--help");
    const CsctlRun help = Csctl(args);
    EXPECT_EQ(help.exit_code, 0) << help;
    EXPECT_THAT(help.out, AllOf(HasSubstr(command.method), HasSubstr("--request-file"),
                                HasSubstr("--output")));
    for (const std::string& positional : command.positionals) {
      EXPECT_THAT(help.out, HasSubstr(absl::StrCat("--", positional, "=")));
    }
  }
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--help"},
                                             {"health", "--help"},
                                             {"calendar", "deadline", "--help"},
                                             {"ticket", "-h"}}) {
    const CsctlRun help = Csctl(args);
    EXPECT_EQ(help.exit_code, 0) << help;
    EXPECT_THAT(help.out, HasSubstr("--")) << help;
  }
}

// Runs last in this file: it stops a service and starts it again.
TEST_F(CsctlE2eTest, HealthPrintsOneLinePerServiceAndAStoppedServiceExits5) {
  const CsctlRun healthy = Csctl({"health"});
  ASSERT_EQ(healthy.exit_code, 0) << healthy;
  const std::vector<std::string> lines = absl::StrSplit(absl::StripSuffix(healthy.out, "\n"), '\n');
  EXPECT_THAT(lines, SizeIs(RunningSuite::ServiceNames().size())) << healthy;
  for (const std::string& name : RunningSuite::ServiceNames()) {
    EXPECT_THAT(healthy.out, HasSubstr(name));
  }
  for (const std::string& line : lines) EXPECT_THAT(line, HasSubstr("SERVING"));

  RunningSuite::Member& assessment = suite().service("assessment");
  assessment.process->Stop();
  const CsctlRun down = Csctl({"health"});
  EXPECT_EQ(down.exit_code, 5) << down;
  EXPECT_THAT(down.out, HasSubstr("DOWN"));
  const CsctlRun scorecard = Csctl({"scorecard", "broadband", "2026-01"});
  EXPECT_EQ(scorecard.exit_code, 5) << scorecard;
  EXPECT_THAT(scorecard.err, HasSubstr("UNAVAILABLE"));
  ASSERT_TRUE(assessment.process->Restart().ok());
  ASSERT_TRUE(assessment.process->WaitUntilServing(assessment.grpc_port).ok());
}

}  // namespace
}  // namespace cs::e2e

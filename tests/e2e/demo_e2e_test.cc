// Issue 18, the demo: tools/demo/demo.py — a Python driver whose stubs are generated from proto/ at
// its start — drives one working day through every path (direct reply, internal dispatch in time
// and late with a reminder, escalation to the telecom company, return, a forward refused for a
// missing device number, a receipt confirmed late while routing is paused) on the test clock of
// the six real binaries, ends with a scorecard, and prints a summary. The test passes only when
// the driver exits 0 and the summary shows every path and every SLA outcome with a count.
#include <sys/types.h>

#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/testing/shell_command.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {
namespace {

using ::cs::common::testing::RunShellCommand;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;

TEST(DemoE2eTest, ADayThroughEveryPathEndsInACompleteSummaryAndScorecard) {
  SuiteOptions options;
  options.test_clock = true;
  // As deploy/run-local.sh --demo starts them: the sweeps that turn a clock move into effects.
  options.extra_flags["routing"] = {"--supervision_interval=1s"};
  options.extra_flags["intake"] = {"--sla_sweep_interval=1s"};
  absl::StatusOr<std::unique_ptr<RunningSuite>> suite = RunningSuite::Start(options);
  ASSERT_TRUE(suite.ok()) << suite.status();

  // The driver pauses routing (SIGSTOP/SIGCONT) while two business hours pass.
  const pid_t routing_pid = (*suite)->service("routing").process->pid();
  ASSERT_GT(routing_pid, 0);

  const std::string source = CS_SOURCE_DIR;
  std::string command;
  for (const std::string& name : RunningSuite::ServiceNames()) {
    std::string variable = absl::AsciiStrToUpper(name);
    for (char& c : variable) {
      if (c == '-') c = '_';
    }
    absl::StrAppend(&command, "CS_DEMO_", variable,
                    "_ADDRESS=127.0.0.1:", (*suite)->service(name).grpc_port, " ");
  }
  // Debian's grpc module loads in /usr/bin/python3; the first python3 on PATH may lack it.
  absl::StrAppend(&command, "CS_PROTO_ROOT=", source, "/proto /usr/bin/python3 ", source,
                  "/tools/demo/demo.py --routing-pid=", routing_pid);
  const common::testing::ShellResult run = RunShellCommand(command);
  EXPECT_EQ(run.exit_code, 0) << run.output;

  // Every path carried at least one ticket.
  EXPECT_THAT(run.output, ContainsRegex("direct reply +[1-9]")) << run.output;
  EXPECT_THAT(run.output, ContainsRegex("internal dispatch +[1-9]")) << run.output;
  EXPECT_THAT(run.output, ContainsRegex("escalation to telecom +[1-9]")) << run.output;
  EXPECT_THAT(run.output, ContainsRegex("returned +[1-9]")) << run.output;
  EXPECT_THAT(run.output, ContainsRegex("forward refused \\(I2\\) +[1-9]")) << run.output;
  // Each SLA met and missed at least once, as the services' statistics count them.
  EXPECT_THAT(run.output, ContainsRegex("\\(I4\\): met [1-9][0-9]*, missed [1-9]")) << run.output;
  EXPECT_THAT(run.output, ContainsRegex("\\(R2/R6\\): met [1-9][0-9]*, missed [1-9]"))
      << run.output;
  EXPECT_THAT(run.output, HasSubstr("acknowledged within 1 working day (R3): met")) << run.output;
  EXPECT_THAT(run.output, ContainsRegex("reminders sent for overdue orders: [1-9]")) << run.output;
  EXPECT_THAT(run.output, ContainsRegex("overdue reminder [1-9]")) << run.output;
  EXPECT_THAT(run.output, ContainsRegex("telecom dispatch [1-9]")) << run.output;
  EXPECT_THAT(run.output, HasSubstr("tickets recorded 7, closed 7, archived 7")) << run.output;
  EXPECT_THAT(run.output, HasSubstr("40 calls ingested")) << run.output;
  EXPECT_THAT(run.output, ContainsRegex("scorecard broadband 2026-11: total [1-9][0-9.]* of 100 "
                                        "\\(complete\\)"))
      << run.output;
  EXPECT_THAT(run.output, HasSubstr("demo: every path produced what it should")) << run.output;
}

}  // namespace
}  // namespace cs::e2e

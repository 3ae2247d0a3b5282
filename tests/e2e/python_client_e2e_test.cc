// Issue 18, "another language": the protos are the contract. tests/python/intake_client_test.py —
// a Python client whose stubs protoc and grpc_python_plugin generate from proto/ at its start —
// creates a ticket with Chinese text, forwards it, waits for routing's confirmed receipt, reads it
// back and decodes the field violations of a bad create from the google.rpc.Status trailer, against
// the running binaries of the whole suite. The test passes only when the script ran all its cases
// and each passed.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/shell_command.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {
namespace {

using ::testing::HasSubstr;

TEST(PythonClientE2eTest, I1_I3_I4_APythonClientFromTheProtosCreatesForwardsReadsAndDecodesErrors) {
  absl::StatusOr<std::unique_ptr<RunningSuite>> suite = RunningSuite::Start();
  ASSERT_TRUE(suite.ok()) << suite.status();
  const std::string source = CS_SOURCE_DIR;
  // Debian's grpc module loads in /usr/bin/python3; the first python3 on PATH may lack it.
  const common::testing::ShellResult run = common::testing::RunShellCommand(
      absl::StrCat("CS_INTAKE_ADDRESS=127.0.0.1:", (*suite)->service("intake").grpc_port,
                   " CS_TOKEN=", kBroadbandStaffToken, " CS_UNIT=broadband CS_PROTO_ROOT=", source,
                   "/proto /usr/bin/python3 ", source, "/tests/python/intake_client_test.py"));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("Ran 3 tests")) << run.output;
  EXPECT_THAT(run.output, HasSubstr("\nOK")) << run.output;
}

}  // namespace
}  // namespace cs::e2e

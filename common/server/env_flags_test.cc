#include "common/server/env_flags.h"

#include <map>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

ABSL_FLAG(int, env_test_port, 1000, "test flag");
ABSL_FLAG(std::string, env_test_host, "default-host", "test flag");
ABSL_FLAG(bool, env_test_switch, false, "test flag");
ABSL_FLAG(std::string, env_test_untouched, "untouched-default", "test flag");

namespace cs::common {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

const std::vector<std::string> kNames = {"env_test_port", "env_test_host", "env_test_switch",
                                         "env_test_untouched"};

EnvLookup FakeEnv(std::map<std::string, std::string> variables) {
  return
      [variables = std::move(variables)](const std::string& name) -> absl::optional<std::string> {
        auto it = variables.find(name);
        if (it == variables.end()) return absl::nullopt;
        return it->second;
      };
}

// Restores every flag after each test.
class EnvFlagsTest : public ::testing::Test {
 private:
  absl::FlagSaver saver_;
};

absl::StatusOr<std::vector<char*>> Parse(std::vector<std::string> args, const EnvLookup& env) {
  static std::vector<std::vector<char>>* storage = new std::vector<std::vector<char>>();
  std::vector<char*> argv;
  args.insert(args.begin(), "env_flags_test");
  for (const std::string& arg : args) {
    storage->emplace_back(arg.begin(), arg.end());
    storage->back().push_back('\0');
    argv.push_back(storage->back().data());
  }
  return ParseFlagsWithEnvFallbacks(static_cast<int>(argv.size()), argv.data(), kNames, env);
}

TEST_F(EnvFlagsTest, VariableNames) {
  EXPECT_EQ(EnvVarForFlag("mysql_host"), "CS_MYSQL_HOST");
  EXPECT_EQ(EnvVarForFlag("grpc_port"), "CS_GRPC_PORT");
}

TEST_F(EnvFlagsTest, CommandLineWinsOverEnvironmentWhichWinsOverDefault) {
  ASSERT_OK(Parse({"--env_test_port=5", "--noenv_test_switch"},
                  FakeEnv({{"CS_ENV_TEST_PORT", "7"},
                           {"CS_ENV_TEST_HOST", "db.internal"},
                           {"CS_ENV_TEST_SWITCH", "true"}}))
                .status());
  EXPECT_EQ(absl::GetFlag(FLAGS_env_test_port), 5);              // command line
  EXPECT_EQ(absl::GetFlag(FLAGS_env_test_host), "db.internal");  // environment
  EXPECT_FALSE(absl::GetFlag(FLAGS_env_test_switch));            // command line (--no form)
  EXPECT_EQ(absl::GetFlag(FLAGS_env_test_untouched), "untouched-default");  // default
}

TEST_F(EnvFlagsTest, EnvironmentAppliesWithoutCommandLine) {
  ASSERT_OK(
      Parse({}, FakeEnv({{"CS_ENV_TEST_PORT", "7"}, {"CS_ENV_TEST_SWITCH", "true"}})).status());
  EXPECT_EQ(absl::GetFlag(FLAGS_env_test_port), 7);
  EXPECT_TRUE(absl::GetFlag(FLAGS_env_test_switch));
  EXPECT_EQ(absl::GetFlag(FLAGS_env_test_host), "default-host");
}

TEST_F(EnvFlagsTest, EmptyVariableCountsAsUnset) {
  ASSERT_OK(Parse({}, FakeEnv({{"CS_ENV_TEST_PORT", ""}, {"CS_ENV_TEST_HOST", ""}})).status());
  EXPECT_EQ(absl::GetFlag(FLAGS_env_test_port), 1000);
  EXPECT_EQ(absl::GetFlag(FLAGS_env_test_host), "default-host");
}

TEST_F(EnvFlagsTest, BadVariableIsAnErrorNamingIt) {
  EXPECT_THAT(Parse({}, FakeEnv({{"CS_ENV_TEST_PORT", "fifty"}})).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("CS_ENV_TEST_PORT"), HasSubstr("--env_test_port"))));
  EXPECT_EQ(absl::GetFlag(FLAGS_env_test_port), 1000);
}

TEST_F(EnvFlagsTest, UnknownFlagNameIsAnError) {
  EXPECT_THAT(ApplyEnvFallbacks({"no_such_flag_anywhere"}, FakeEnv({})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("CS_NO_SUCH_FLAG_ANYWHERE")));
}

TEST_F(EnvFlagsTest, RealEnvironmentIsRead) {
  ::setenv("CS_ENV_TEST_HOST", "from-process-env", 1);
  EXPECT_THAT(ApplyEnvFallbacks({"env_test_host"}), IsOk());
  ::unsetenv("CS_ENV_TEST_HOST");
  EXPECT_EQ(absl::GetFlag(FLAGS_env_test_host), "from-process-env");
  EXPECT_EQ(GetEnv("CS_ENV_TEST_SURELY_UNSET"), absl::nullopt);
}

}  // namespace
}  // namespace cs::common

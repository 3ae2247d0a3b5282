#include "common/server/env_flags.h"

#include <cstdlib>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace cs::common {

absl::optional<std::string> GetEnv(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return absl::nullopt;
  return std::string(value);
}

std::string EnvVarForFlag(absl::string_view flag_name) {
  return absl::StrCat("CS_", absl::AsciiStrToUpper(flag_name));
}

absl::Status ApplyEnvFallbacks(const std::vector<std::string>& flag_names,
                               const EnvLookup& lookup) {
  for (const std::string& name : flag_names) {
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    const std::string variable = EnvVarForFlag(name);
    if (flag == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("no flag --", name, " is registered to read ", variable, " into"));
    }
    const absl::optional<std::string> value = lookup(variable);
    if (!value.has_value() || value->empty()) continue;
    std::string error;
    if (!flag->ParseFrom(*value, &error)) {
      // Only non-string flags can fail to parse, so the error never echoes a password.
      return absl::InvalidArgumentError(
          absl::StrCat("environment variable ", variable, " is not a valid --", name, ": ", error));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<char*>> ParseFlagsWithEnvFallbacks(
    int argc, char** argv, const std::vector<std::string>& flag_names, const EnvLookup& lookup) {
  if (absl::Status applied = ApplyEnvFallbacks(flag_names, lookup); !applied.ok()) return applied;
  return absl::ParseCommandLine(argc, argv);
}

}  // namespace cs::common

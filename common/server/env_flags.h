// Environment-variable fallbacks for command-line flags (ARCHITECTURE "Config": flags and
// environment variables for processes). The rule, for every flag name in the list:
//   1. a flag given on the command line wins;
//   2. otherwise the environment variable CS_<FLAG_NAME_UPPER> sets it (--mysql_host reads
//      CS_MYSQL_HOST), when the variable is set and non-empty (an empty variable counts as unset,
//      as shells make "unsetting" by assignment common);
//   3. otherwise the flag keeps its default.
// A variable that does not parse for its flag's type is an error even when the command line
// overrides it: a broken environment is a configuration bug worth stopping for.
//
// How: Abseil 20220623 keeps CommandLineFlag::IsSpecifiedOnCommandLine private, so instead of
// asking which flags the command line set, the variables are applied first
// (CommandLineFlag::ParseFrom) and the command line is parsed after them, overwriting what it
// names. ParseFlagsWithEnvFallbacks does both in that order. Not thread-safe (flags are process
// state); call once at start, before threads.
#ifndef CS_COMMON_SERVER_ENV_FLAGS_H_
#define CS_COMMON_SERVER_ENV_FLAGS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"

namespace cs::common {

// Reads an environment variable; nullopt when unset.
using EnvLookup = std::function<absl::optional<std::string>(const std::string& name)>;

// The process environment (getenv).
absl::optional<std::string> GetEnv(const std::string& name);

// "CS_" + the flag name in upper case.
std::string EnvVarForFlag(absl::string_view flag_name);

// Sets each flag of `flag_names` from its variable, when set and non-empty. Must run BEFORE the
// command line is parsed (see above). INVALID_ARGUMENT naming the variable when a flag is not
// registered or a value does not parse for the flag's type.
absl::Status ApplyEnvFallbacks(const std::vector<std::string>& flag_names,
                               const EnvLookup& lookup = GetEnv);

// ApplyEnvFallbacks, then absl::ParseCommandLine(argc, argv) (which exits the process on --help or
// an unknown flag, as every Abseil program does). Returns the positional arguments (argv[0] first),
// or the error of ApplyEnvFallbacks.
absl::StatusOr<std::vector<char*>> ParseFlagsWithEnvFallbacks(
    int argc, char** argv, const std::vector<std::string>& flag_names,
    const EnvLookup& lookup = GetEnv);

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_ENV_FLAGS_H_

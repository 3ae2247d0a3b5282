// Runs a shell command line from a test and waits for it: openssl, the deploy scripts, promtool,
// a Python client. One copy of the popen loop the test helpers and e2e tests shared. Thread-safe
// (each call its own pipe).
#ifndef CS_COMMON_TESTING_SHELL_COMMAND_H_
#define CS_COMMON_TESTING_SHELL_COMMAND_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cs::common::testing {

struct ShellResult {
  // The exit status; 128 + the signal when a signal ended it; -1 when it could not be started.
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved as written
};

// Runs `command` with /bin/sh -c, its stderr merged into its stdout.
ShellResult RunShellCommand(const std::string& command);

// The output of `command`, or INTERNAL naming the command, its exit status and its output when it
// did not exit 0.
absl::StatusOr<std::string> RunShellCommandOk(const std::string& command);

// `word` as one single-quoted /bin/sh word, whatever bytes it holds.
std::string ShellQuoted(absl::string_view word);

}  // namespace cs::common::testing

#endif  // CS_COMMON_TESTING_SHELL_COMMAND_H_

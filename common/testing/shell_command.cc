#include "common/testing/shell_command.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace cs::common::testing {

ShellResult RunShellCommand(const std::string& command) {
  ShellResult result;
  FILE* pipe = ::popen(absl::StrCat(command, " 2>&1").c_str(), "r");
  if (pipe == nullptr) {
    result.output = absl::StrCat("popen failed: ", command);
    return result;
  }
  std::array<char, 4096> buffer;
  size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.output.append(buffer.data(), read);
  }
  const int status = ::pclose(pipe);
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  return result;
}

absl::StatusOr<std::string> RunShellCommandOk(const std::string& command) {
  ShellResult result = RunShellCommand(command);
  if (result.exit_code != 0) {
    return absl::InternalError(
        absl::StrCat(command, " failed (exit ", result.exit_code, "):\n", result.output));
  }
  return std::move(result.output);
}

std::string ShellQuoted(absl::string_view word) {
  return absl::StrCat("'", absl::StrReplaceAll(word, {{"'", "'\\''"}}), "'");
}

}  // namespace cs::common::testing

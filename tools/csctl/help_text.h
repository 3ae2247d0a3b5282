// csctl's --help texts: of csctl (every group, the options, the exit codes), of a group (its
// commands) and of a command (its RPC, service, arguments and every request field as a flag),
// made from the command table and the compiled-in descriptors, so help never drifts from what
// a command sends. Pure functions; thread-safe.
#ifndef CS_TOOLS_CSCTL_HELP_TEXT_H_
#define CS_TOOLS_CSCTL_HELP_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "tools/csctl/command_table.h"

namespace cs::tools::csctl {

std::string MainHelp();
// Empty when `group` has no command.
std::string GroupHelp(absl::string_view group);
std::string CommandHelp(const CommandSpec& command);
std::string HealthHelp();
std::string CalendarDeadlineHelp();

}  // namespace cs::tools::csctl

#endif  // CS_TOOLS_CSCTL_HELP_TEXT_H_

// csctl, the operator's command line (ARCHITECTURE "tools/"): one run of one command, from the
// words a person typed to an exit code. main.cc only hands it the process's arguments, environment
// and streams; tests hand it their own. See help_text.cc (csctl --help) for what a person sees,
// error_report.h for the exit codes. Not thread-safe: one run at a time per stream pair.
#ifndef CS_TOOLS_CSCTL_CSCTL_H_
#define CS_TOOLS_CSCTL_CSCTL_H_

#include <ostream>
#include <string>
#include <vector>

#include "tools/csctl/cli_args.h"

namespace cs::tools::csctl {

// Runs the command in `argv` (without the program name): the answer on `out`, errors, warnings
// and the generated request id on `err`. Returns the exit code (error_report.h).
int RunCsctl(const std::vector<std::string>& argv, const EnvironmentLookup& environment,
             std::ostream& out, std::ostream& err);

}  // namespace cs::tools::csctl

#endif  // CS_TOOLS_CSCTL_CSCTL_H_

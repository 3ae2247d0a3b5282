// What csctl tells a person and a script when a call fails: an exit code a script can branch on,
// and the server's reasons as lines — the gRPC code and message, then what the
// grpc-status-details-bin trailer carries (README "Errors"): the ErrorInfo reason and domain,
// and every BadRequest field violation on its own line (common/grpc/status_mapping.h writes
// them; proto/google/rpc holds only those two detail types).
// Pure functions; thread-safe.
#ifndef CS_TOOLS_CSCTL_ERROR_REPORT_H_
#define CS_TOOLS_CSCTL_ERROR_REPORT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace cs::tools::csctl {

// csctl's exit codes; `csctl --help` prints this table.
enum ExitCode : int {
  kExitOk = 0,
  // Anything not below: INTERNAL, UNKNOWN, DATA_LOSS, UNIMPLEMENTED, CANCELLED.
  kExitOther = 1,
  // The command line is wrong (unknown command or flag, a value that does not parse, a missing
  // argument, an unreadable --request-file or --token-file): nothing was sent.
  kExitUsage = 2,
  // NOT_FOUND.
  kExitNotFound = 3,
  // The server (or csctl, for a SERVICE token) refused the call as it is — fix the request, the
  // state or the token before trying again: INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE,
  // ALREADY_EXISTS, ABORTED, PERMISSION_DENIED, UNAUTHENTICATED.
  kExitRefused = 4,
  // The service could not answer now — the same call may succeed later (with the same
  // --request-id): UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED; `csctl health` with a
  // service not SERVING.
  kExitUnavailable = 5,
};

ExitCode ExitCodeOf(grpc::StatusCode code);

// "NOT_FOUND", "INVALID_ARGUMENT", …
std::string StatusCodeName(grpc::StatusCode code);

// The lines csctl prints on stderr for a failed call, each ending in "\n":
//   csctl: <method>: INVALID_ARGUMENT: <message>
//     reason: INVALID_FIELDS (cs.intake)
//     ticket.contact_phone: <description>        one line per field violation
//     detail: <type url>                           a detail type csctl does not read
//     <metadata key>: <value>
// Details that do not parse are ignored (the code and message are always there).
std::string DescribeFailure(absl::string_view method, const grpc::Status& status);

}  // namespace cs::tools::csctl

#endif  // CS_TOOLS_CSCTL_ERROR_REPORT_H_

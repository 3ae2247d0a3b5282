// A stable, machine-readable reason attached to an absl::Status, so a client can branch on why a
// call failed without parsing the message (which is for people and may change). The gRPC edge
// (common/grpc/status_mapping.h) sends it as google.rpc.ErrorInfo.reason; the domain beside it is
// the service that answered. Reasons are UPPER_SNAKE_CASE, unique within the suite, and never
// change meaning once published: README "Errors" lists them. Pure functions: thread-safe.
#ifndef CS_COMMON_STATUS_ERROR_REASON_H_
#define CS_COMMON_STATUS_ERROR_REASON_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace cs::common {

// The reasons of the suite. A reason says what the caller should fix; the code says how (retry,
// fix the request, fix the state first).
namespace reason {
// INVALID_ARGUMENT: fields of the request are malformed or out of range (the default of
// FieldViolations::ToStatus); BadRequest names each.
inline constexpr absl::string_view kInvalidFields = "INVALID_FIELDS";
// INVALID_ARGUMENT: required fields of the request are empty, and nothing else is wrong (also
// SPEC I2: a ticket forwarded without its required elements); BadRequest names each.
inline constexpr absl::string_view kMissingRequiredFields = "MISSING_REQUIRED_FIELDS";
// INVALID_ARGUMENT: the request_id was already used for a different request (AIP-155); send a
// new request_id. BadRequest names "request_id".
inline constexpr absl::string_view kRequestIdReused = "REQUEST_ID_REUSED";
// INVALID_ARGUMENT: the body did not parse as the method's request message.
inline constexpr absl::string_view kUnparseableRequest = "UNPARSEABLE_REQUEST";
// UNAUTHENTICATED: no "authorization: Bearer <token>" metadata, or a token the service does not
// know.
inline constexpr absl::string_view kMissingOrUnknownToken = "MISSING_OR_UNKNOWN_TOKEN";
// PERMISSION_DENIED: the caller's role may not call this method.
inline constexpr absl::string_view kRoleNotAllowed = "ROLE_NOT_ALLOWED";
// PERMISSION_DENIED: the resource belongs to a unit other than the caller's.
inline constexpr absl::string_view kOtherUnitsResource = "OTHER_UNITS_RESOURCE";
// FAILED_PRECONDITION: the resource's current state (e.g. a closed ticket) does not allow the
// change; the message names the state.
inline constexpr absl::string_view kStateForbidsChange = "STATE_FORBIDS_CHANGE";
}  // namespace reason

// `status` with `reason` attached (replacing any earlier one). OK stays OK: a success has no
// reason. An empty `reason` removes it.
absl::Status WithReason(absl::Status status, absl::string_view reason);

// The reason `status` carries; empty when it carries none.
std::string ReasonOf(const absl::Status& status);

// Payload type URL of the reason inside an absl::Status. Not a protobuf type: the payload is the
// reason's bytes.
inline constexpr absl::string_view kErrorReasonPayloadUrl = "cs.common/error-reason";

}  // namespace cs::common

#endif  // CS_COMMON_STATUS_ERROR_REASON_H_

// The one place where absl::Status meets grpc::Status (ARCHITECTURE "Errors"). The codes are the
// same numbers on both sides. What a client reads besides code and message travels the way every
// gRPC ecosystem decodes it: a serialized google.rpc.Status (proto/google/rpc) in the binary error
// details, which gRPC sends as the grpc-status-details-bin trailer, with
//   - google.rpc.ErrorInfo: the status's stable reason (common/status/error_reason.h) and the
//     domain of the service that answered ("cs.intake"; the server interceptor fills it in);
//   - google.rpc.BadRequest: every field violation (common/status/field_violations.h).
// So a client reads why the call failed and every bad field without parsing message text.
// Pure functions: thread-safe.
#ifndef CS_COMMON_GRPC_STATUS_MAPPING_H_
#define CS_COMMON_GRPC_STATUS_MAPPING_H_

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/status/status_macros.h"
#include "grpcpp/support/status.h"

namespace cs::common {

// The most bytes of a status message sent to a client, counted as gRPC percent-encodes it (a byte
// outside printable ASCII counts three); a longer one is cut at a code point.
inline constexpr size_t kMaxGrpcMessageBytes = 2048;
// The most bytes of the serialized google.rpc.Status in the error details. The message travels
// twice (grpc-message, and inside google.rpc.Status, base64-encoded): with this cap both fit in
// the 8 KiB of trailers that gRPC's C++ and Java clients accept by default.
inline constexpr size_t kMaxGrpcDetailsBytes = 3072;
// ErrorInfo.metadata key: how many field violations did not fit in kMaxGrpcDetailsBytes and were
// left out of BadRequest (absent when none were).
inline constexpr absl::string_view kOmittedViolationsMetadataKey = "omitted_field_violations";

// Same code and message (cut to kMaxGrpcMessageBytes). When `status` is not OK and carries a
// reason or field violations, error_details hold a google.rpc.Status with the same code and
// message, an ErrorInfo with the reason (its domain empty: see WithErrorDomain), and a BadRequest
// with the violations (in order, as many as fit in kMaxGrpcDetailsBytes). Otherwise no details.
grpc::Status ToGrpcStatus(const absl::Status& status);

// Same code and message; the reason of an ErrorInfo and the violations of a BadRequest in the
// error details become the status's reason (ReasonOf) and violations (ViolationsOf) again. Codes
// outside gRPC's range become UNKNOWN; error details that are not a google.rpc.Status, and detail
// messages of other types, are ignored rather than failing the caller.
absl::Status FromGrpcStatus(const grpc::Status& status);

// `status` with `domain` set in every ErrorInfo of its details that has none; `status` itself
// when there is nothing to set (no details, no ErrorInfo, details that do not parse).
grpc::Status WithErrorDomain(const grpc::Status& status, absl::string_view domain);

// The ErrorInfo domain of a service of the suite: its package without the version,
// "cs.intake.v1.IntakeService" -> "cs.intake". Empty for a name outside the suite's "cs." packages.
std::string ErrorDomainOfService(absl::string_view service_full_name);

// INVALID_ARGUMENT for a request body that does not parse as `request_type` (a message's full
// name), as every RPC of the suite answers it; reason UNPARSEABLE_REQUEST.
absl::Status UndecodableRequestError(absl::string_view request_type);

}  // namespace cs::common

// Like RETURN_IF_ERROR, for gRPC handlers: on error returns ToGrpcStatus(status).
#define RETURN_IF_ERROR_GRPC(expr)                                              \
  do {                                                                          \
    if (auto cs_grpc_status_ = ::cs::common::status_internal::AsStatus((expr)); \
        !cs_grpc_status_.ok()) {                                                \
      return ::cs::common::ToGrpcStatus(cs_grpc_status_);                       \
    }                                                                           \
  } while (false)

// Like ASSIGN_OR_RETURN, for gRPC handlers: on error returns ToGrpcStatus(status).
#define ASSIGN_OR_RETURN_GRPC(lhs, expr) \
  CS_ASSIGN_OR_RETURN_GRPC_IMPL(CS_STATUS_MACROS_CONCAT(cs_grpc_statusor_, __LINE__), lhs, expr)

#define CS_ASSIGN_OR_RETURN_GRPC_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                                  \
  if (!statusor.ok()) {                                    \
    return ::cs::common::ToGrpcStatus(statusor.status());  \
  }                                                        \
  lhs = std::move(statusor).value()

#endif  // CS_COMMON_GRPC_STATUS_MAPPING_H_

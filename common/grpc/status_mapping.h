// The one place where absl::Status meets grpc::Status (ARCHITECTURE "Errors"). The codes are the
// same numbers on both sides; field violations (common/status/field_violations.h) travel as a
// serialized cs.common.v1.ErrorDetail in the binary error details (grpc-status-details-bin), so a
// client reads every bad field without parsing message text. Pure functions: thread-safe.
#ifndef CS_COMMON_GRPC_STATUS_MAPPING_H_
#define CS_COMMON_GRPC_STATUS_MAPPING_H_

#include <utility>

#include "absl/status/status.h"
#include "common/status/status_macros.h"
#include "grpcpp/support/status.h"

namespace cs::common {

// The most bytes of a status message sent to a client; a longer one is cut at a code point.
inline constexpr size_t kMaxGrpcMessageBytes = 2048;

// Same code and message (cut to kMaxGrpcMessageBytes); the field violations `status` carries, if
// any, become error_details.
grpc::Status ToGrpcStatus(const absl::Status& status);

// Same code and message; error_details holding a cs.common.v1.ErrorDetail with field violations
// become the violations payload again (ViolationsOf reads them). Codes outside gRPC's range become
// UNKNOWN; error_details that are not an ErrorDetail are ignored rather than failing the caller.
absl::Status FromGrpcStatus(const grpc::Status& status);

// INVALID_ARGUMENT for a request body that does not parse as `request_type` (a message's full
// name), as every RPC of the suite answers it.
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

// Collects every bad field of a request so one INVALID_ARGUMENT names all of them (never only the
// first). The violations travel inside the absl::Status as a payload, beside a stable reason
// (common/status/error_reason.h), so the gRPC edge can turn them into the standard
// google.rpc.BadRequest and google.rpc.ErrorInfo without parsing text. Not thread-safe; build one
// per request.
#ifndef CS_COMMON_STATUS_FIELD_VIOLATIONS_H_
#define CS_COMMON_STATUS_FIELD_VIOLATIONS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/status/error_reason.h"

namespace cs::common {

struct FieldViolation {
  // Path of the field in the request, e.g. "ticket.contact_phone".
  std::string field;
  std::string description;

  friend bool operator==(const FieldViolation&, const FieldViolation&) = default;
};

class FieldViolations {
 public:
  // A field path or description longer than kMaxViolationTextBytes is cut (at a code point), so a
  // value quoted carelessly can never make an error too large to deliver (use QuotedValue).
  void Add(std::string field, std::string description);
  // Adds every violation of `other`, each field prefixed with `prefix` + "." when prefix is
  // non-empty.
  void Merge(const FieldViolations& other, absl::string_view prefix = "");

  bool empty() const { return violations_.empty(); }
  const std::vector<FieldViolation>& violations() const { return violations_; }

  // OK when empty; otherwise `code` (INVALID_ARGUMENT unless told) whose message is `summary`
  // followed by every "field: description", whose payload carries the list (see ViolationsOf), and
  // whose reason (ReasonOf) is `reason` when given. Otherwise the reason follows one rule:
  // reason::kMissingRequiredFields when every description starts with kRequiredDescription ("is
  // required", the suite's wording for an empty required field), else reason::kInvalidFields.
  absl::Status ToStatus(absl::string_view summary,
                        absl::StatusCode code = absl::StatusCode::kInvalidArgument,
                        absl::string_view reason = {}) const;

 private:
  std::vector<FieldViolation> violations_;
};

inline constexpr size_t kMaxViolationTextBytes = 400;

// How every description of an empty required field starts ("is required", "is required for
// RETURN", ...): FieldViolations::ToStatus reads it to choose MISSING_REQUIRED_FIELDS.
inline constexpr absl::string_view kRequiredDescription = "is required";

// INVALID_ARGUMENT naming one field (reason chosen as by FieldViolations::ToStatus).
absl::Status InvalidField(std::string field, std::string description);

// INVALID_ARGUMENT naming "request_id", reason REQUEST_ID_REUSED: the id was already used for a
// different request (AIP-155). `description` says for what, e.g. "was already used for a different
// request; use a new request_id".
absl::Status RequestIdReused(std::string description);

// The violations a status carries (empty when it carries none).
std::vector<FieldViolation> ViolationsOf(const absl::Status& status);

// Payload type URL of the violations inside an absl::Status. Not a protobuf type: the encoding is
// private to field_violations.cc (this library links no protobuf).
inline constexpr absl::string_view kFieldViolationsPayloadUrl = "cs.common/field-violations";

}  // namespace cs::common

#endif  // CS_COMMON_STATUS_FIELD_VIOLATIONS_H_

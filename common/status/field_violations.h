// Collects every bad field of a request so one INVALID_ARGUMENT names all of them (never only the
// first). The violations travel inside the absl::Status as a payload, so the gRPC edge can turn
// them into the structured cs.common.v1.ErrorDetail without parsing text. Not thread-safe; build
// one per request.
#ifndef CS_COMMON_STATUS_FIELD_VIOLATIONS_H_
#define CS_COMMON_STATUS_FIELD_VIOLATIONS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

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
  // followed by every "field: description", and whose payload carries the list (see ViolationsOf).
  absl::Status ToStatus(absl::string_view summary,
                        absl::StatusCode code = absl::StatusCode::kInvalidArgument) const;

 private:
  std::vector<FieldViolation> violations_;
};

inline constexpr size_t kMaxViolationTextBytes = 400;

// INVALID_ARGUMENT naming one field.
absl::Status InvalidField(std::string field, std::string description);

// The violations a status carries (empty when it carries none).
std::vector<FieldViolation> ViolationsOf(const absl::Status& status);

// Payload type URL of the violations inside an absl::Status.
inline constexpr absl::string_view kFieldViolationsPayloadUrl =
    "type.googleapis.com/cs.common.v1.ErrorDetail";

}  // namespace cs::common

#endif  // CS_COMMON_STATUS_FIELD_VIOLATIONS_H_

#include "common/status/error_reason.h"

#include "absl/strings/cord.h"
#include "absl/types/optional.h"

namespace cs::common {

absl::Status WithReason(absl::Status status, absl::string_view reason) {
  if (status.ok()) return status;
  if (reason.empty()) {
    status.ErasePayload(kErrorReasonPayloadUrl);
  } else {
    status.SetPayload(kErrorReasonPayloadUrl, absl::Cord(reason));
  }
  return status;
}

std::string ReasonOf(const absl::Status& status) {
  const absl::optional<absl::Cord> payload = status.GetPayload(kErrorReasonPayloadUrl);
  return payload.has_value() ? std::string(*payload) : std::string();
}

}  // namespace cs::common

#include "common/grpc/status_mapping.h"

#include <string>
#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "common/status/field_violations.h"
#include "common/text/utf8.h"
#include "cs/common/v1/common.pb.h"

namespace cs::common {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(static_cast<int>(status.code()));
  // The message travels in a trailer: past a client's metadata limit the client would read
  // RESOURCE_EXHAUSTED instead of this error.
  std::string message(TruncateUtf8(status.message(), kMaxGrpcMessageBytes));
  if (message.size() < status.message().size()) absl::StrAppend(&message, "…");
  const std::vector<FieldViolation> violations = ViolationsOf(status);
  if (violations.empty()) return grpc::Status(code, message);
  cs::common::v1::ErrorDetail detail;
  for (const FieldViolation& violation : violations) {
    cs::common::v1::FieldViolation* out = detail.add_field_violations();
    out->set_field(violation.field);
    out->set_description(violation.description);
  }
  return grpc::Status(code, message, detail.SerializeAsString());
}

absl::Status UndecodableRequestError(absl::string_view request_type) {
  return absl::InvalidArgumentError(
      absl::StrCat("the request could not be parsed as a ", request_type, " message"));
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  const int number = static_cast<int>(status.error_code());
  const absl::StatusCode code =
      number > 0 && number <= static_cast<int>(absl::StatusCode::kUnauthenticated)
          ? static_cast<absl::StatusCode>(number)
          : absl::StatusCode::kUnknown;
  absl::Status result(code, status.error_message());
  if (status.error_details().empty()) return result;
  cs::common::v1::ErrorDetail detail;
  if (!detail.ParseFromString(status.error_details()) || detail.field_violations_size() == 0) {
    return result;
  }
  // Rebuild the payload through FieldViolations so its encoding stays private to that module.
  FieldViolations violations;
  for (const cs::common::v1::FieldViolation& violation : detail.field_violations()) {
    violations.Add(violation.field(), violation.description());
  }
  const absl::optional<absl::Cord> payload =
      violations.ToStatus("", code).GetPayload(kFieldViolationsPayloadUrl);
  if (payload.has_value()) result.SetPayload(kFieldViolationsPayloadUrl, *payload);
  return result;
}

}  // namespace cs::common

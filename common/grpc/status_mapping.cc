#include "common/grpc/status_mapping.h"

#include <string>
#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/types/optional.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/text/utf8.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace cs::common {
namespace {

// gRPC percent-encodes grpc-message: every byte outside printable ASCII, and '%', takes three. So
// the cap counts encoded bytes — a Chinese message of kMaxGrpcMessageBytes raw bytes would triple.
absl::string_view MessagePrefixForTrailer(absl::string_view message) {
  size_t encoded = 0;
  size_t end = 0;
  while (end < message.size()) {
    const auto byte = static_cast<unsigned char>(message[end]);
    const size_t cost = (byte < 0x20 || byte > 0x7E || byte == '%') ? 3 : 1;
    if (encoded + cost > kMaxGrpcMessageBytes) break;
    encoded += cost;
    ++end;
  }
  return TruncateUtf8(message, end);
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(static_cast<int>(status.code()));
  // The message travels in a trailer: past a client's metadata limit the client would read
  // RESOURCE_EXHAUSTED instead of this error.
  std::string message(MessagePrefixForTrailer(status.message()));
  if (message.size() < status.message().size()) absl::StrAppend(&message, "…");
  const std::string reason = ReasonOf(status);
  const std::vector<FieldViolation> violations = ViolationsOf(status);
  if (reason.empty() && violations.empty()) return grpc::Status(code, message);

  google::rpc::Status details;
  details.set_code(static_cast<int>(code));
  details.set_message(message);
  google::rpc::ErrorInfo info;
  info.set_reason(reason);
  google::rpc::BadRequest bad_request;
  for (const FieldViolation& violation : violations) {
    google::rpc::BadRequest::FieldViolation* out = bad_request.add_field_violations();
    out->set_field(violation.field);
    out->set_description(violation.description);
  }
  // Past kMaxGrpcDetailsBytes the last violations are left out, and ErrorInfo says how many, so a
  // client knows the list is incomplete (the message names them as far as it goes).
  const auto build = [&] {
    details.clear_details();
    // AIP-193: ErrorInfo first, so a client looking for the reason finds it at once.
    if (!info.reason().empty() || !info.metadata().empty()) details.add_details()->PackFrom(info);
    if (bad_request.field_violations_size() > 0) details.add_details()->PackFrom(bad_request);
  };
  build();
  size_t omitted = 0;
  while (details.ByteSizeLong() > kMaxGrpcDetailsBytes && bad_request.field_violations_size() > 0) {
    bad_request.mutable_field_violations()->RemoveLast();
    ++omitted;
    (*info.mutable_metadata())[std::string(kOmittedViolationsMetadataKey)] = absl::StrCat(omitted);
    build();
  }
  return grpc::Status(code, message, details.SerializeAsString());
}

absl::Status UndecodableRequestError(absl::string_view request_type) {
  return WithReason(absl::InvalidArgumentError(absl::StrCat("the request could not be parsed as a ",
                                                            request_type, " message")),
                    reason::kUnparseableRequest);
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
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return result;
  std::string reason;
  FieldViolations violations;
  for (const google::protobuf::Any& detail : details.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad_request;
    if (detail.Is<google::rpc::ErrorInfo>() && detail.UnpackTo(&info)) {
      reason = info.reason();
    } else if (detail.Is<google::rpc::BadRequest>() && detail.UnpackTo(&bad_request)) {
      for (const google::rpc::BadRequest::FieldViolation& violation :
           bad_request.field_violations()) {
        violations.Add(violation.field(), violation.description());
      }
    }
  }
  // Rebuild the payload through FieldViolations so its encoding stays private to that module.
  if (!violations.empty()) {
    const absl::optional<absl::Cord> payload =
        violations.ToStatus("", code).GetPayload(kFieldViolationsPayloadUrl);
    if (payload.has_value()) result.SetPayload(kFieldViolationsPayloadUrl, *payload);
  }
  return WithReason(std::move(result), reason);
}

grpc::Status WithErrorDomain(const grpc::Status& status, absl::string_view domain) {
  if (status.ok() || status.error_details().empty() || domain.empty()) return status;
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return status;
  bool changed = false;
  for (google::protobuf::Any& detail : *details.mutable_details()) {
    google::rpc::ErrorInfo info;
    if (!detail.Is<google::rpc::ErrorInfo>() || !detail.UnpackTo(&info) || !info.domain().empty()) {
      continue;
    }
    info.set_domain(std::string(domain));
    detail.PackFrom(info);
    changed = true;
  }
  if (!changed) return status;
  return grpc::Status(status.error_code(), status.error_message(), details.SerializeAsString());
}

std::string ErrorDomainOfService(absl::string_view service_full_name) {
  if (!absl::StartsWith(service_full_name, "cs.")) return "";
  // "cs.intake.v1.IntakeService": keep the package parts before the version.
  std::vector<absl::string_view> parts = absl::StrSplit(service_full_name, '.');
  std::string domain = "cs";
  for (size_t i = 1; i + 1 < parts.size(); ++i) {
    const absl::string_view part = parts[i];
    int version = 0;
    if (part.size() > 1 && part[0] == 'v' && absl::SimpleAtoi(part.substr(1), &version)) break;
    absl::StrAppend(&domain, ".", part);
  }
  return domain;
}

}  // namespace cs::common

#include "tools/csctl/error_report.h"

#include <map>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace cs::tools::csctl {

ExitCode ExitCodeOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return kExitOk;
    case grpc::StatusCode::NOT_FOUND:
      return kExitNotFound;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::UNAUTHENTICATED:
      return kExitRefused;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return kExitUnavailable;
    default:
      return kExitOther;
  }
}

std::string StatusCodeName(grpc::StatusCode code) {
  // absl's codes are gRPC's numbers (ARCHITECTURE "Errors").
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

std::string DescribeFailure(absl::string_view method, const grpc::Status& status) {
  std::string out = absl::StrCat("csctl: ", method, ": ", StatusCodeName(status.error_code()), ": ",
                                 status.error_message(), "\n");
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) {
    return out;
  }
  for (const google::protobuf::Any& detail : details.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad_request;
    if (detail.UnpackTo(&info)) {
      absl::StrAppend(&out, "  reason: ", info.reason(),
                      info.domain().empty() ? "" : absl::StrCat(" (", info.domain(), ")"), "\n");
      // Sorted, so the output does not change from run to run.
      const std::map<std::string, std::string> metadata(info.metadata().begin(),
                                                        info.metadata().end());
      for (const auto& [key, value] : metadata) absl::StrAppend(&out, "  ", key, ": ", value, "\n");
    } else if (detail.UnpackTo(&bad_request)) {
      for (const auto& violation : bad_request.field_violations()) {
        absl::StrAppend(&out, "  ", violation.field(), ": ", violation.description(), "\n");
      }
    } else {
      // A detail type this csctl does not know (the suite sends ErrorInfo and BadRequest only):
      // named, so nothing the server said is silently dropped.
      absl::StrAppend(&out, "  detail: ", detail.type_url(), "\n");
    }
  }
  return out;
}

}  // namespace cs::tools::csctl

#include "common/db/printable_id.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/status/field_violations.h"

namespace cs::common::db {

absl::Status CheckPrintableId(absl::string_view field, absl::string_view value, size_t max_length) {
  if (value.empty()) return InvalidField(std::string(field), "must not be empty");
  if (value.size() > max_length) {
    return InvalidField(std::string(field), absl::StrCat("must be at most ", max_length,
                                                         " characters, got ", value.size()));
  }
  for (char c : value) {
    if (c < 0x20 || c > 0x7e) {
      return InvalidField(std::string(field),
                          "must contain only printable ASCII characters (0x20-0x7E)");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateRequestId(absl::string_view request_id) {
  return CheckPrintableId("request_id", request_id, kMaxRequestIdLength);
}

}  // namespace cs::common::db

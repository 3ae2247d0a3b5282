#include "common/db/store_arguments.h"

#include "common/status/field_violations.h"
#include "common/text/utf8.h"

namespace cs::common::db {

absl::Status CheckPageSize(int page_size) {
  if (page_size < 1) return InvalidField("page_size", "must be at least 1");
  return absl::OkStatus();
}

absl::Status CheckLimit(int limit) {
  if (limit < 1) return InvalidField("limit", "must be at least 1");
  return absl::OkStatus();
}

absl::Status CheckUnitId(absl::string_view unit_id) {
  if (unit_id.empty() || !IsValidUtf8(unit_id) || Utf8Length(unit_id) > 64) {
    return InvalidField("unit_id", "must be 1 to 64 characters of UTF-8");
  }
  return absl::OkStatus();
}

}  // namespace cs::common::db

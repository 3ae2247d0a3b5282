#include "services/assessment/store/assessment_store_support.h"

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"

namespace cs::assessment {

absl::Status NotFound(const RecordKind& kind, int64_t id) {
  return absl::NotFoundError(absl::StrCat("no ", kind.missing, " ", kind.format_id(id)));
}

absl::Status RequestIdForAnother(absl::string_view what) {
  return common::RequestIdReused(
      absl::StrCat("was already used for another ", what, "; use a new request_id"));
}

absl::Status CheckMutationKey(const MutationOptions& options, absl::string_view prefix,
                              std::string* full_scope) {
  full_scope->clear();
  if (!options.request_key.has_value()) return absl::OkStatus();
  if (absl::Status id = common::db::ValidateRequestId(options.request_key->request_id); !id.ok()) {
    return id;
  }
  if (options.scope.empty()) return common::InvalidField("scope", "a request key needs a scope");
  *full_scope = absl::StrCat(prefix, options.scope);
  return absl::OkStatus();
}

absl::Status CheckExpectedVersion(const absl::optional<int64_t>& expected, int64_t stored,
                                  absl::string_view record) {
  if (!expected.has_value() || *expected == stored) return absl::OkStatus();
  return absl::AbortedError(absl::StrCat(record, " is at version ", stored, ", not ", *expected,
                                         "; read it again and retry"));
}

}  // namespace cs::assessment

// One row of the archive's access log (V3, A1 7.3.3): who read what, when and why, and whether it
// was granted. Every read, search and export writes one in the transaction that produces its
// result; refused ones too. The table is append-only for the service's own database account. Plain
// values; thread-compatible.
#ifndef CS_SERVICES_ARCHIVE_DOMAIN_ACCESS_ENTRY_H_
#define CS_SERVICES_ARCHIVE_DOMAIN_ACCESS_ENTRY_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"

namespace cs::archive {

// Longest reason and target the log keeps, in bytes (the columns' sizes). A longer reason makes the
// read refused; an audit field is never cut: the row then says what was not kept (see
// NewAccessEntry).
inline constexpr int kMaxReasonLength = 500;
inline constexpr int kMaxTargetLength = 400;

enum class AccessAction {
  kGetRecord,
  kSearchRecords,
  kExportForm,
  kExportCsv,
  kListDueForDestruction,
  kListAccessLog,
};

// "GET_RECORD", "SEARCH_RECORDS", "EXPORT_FORM", "EXPORT_CSV", "LIST_DUE_FOR_DESTRUCTION",
// "LIST_ACCESS_LOG".
absl::string_view AccessActionName(AccessAction action);

enum class AccessOutcome {
  kGranted,
  // Wrong role or unit (PERMISSION_DENIED).
  kDenied,
  // Any other refusal: a bad request, an unknown record, a state that forbids it.
  kRefused,
};

// "GRANTED", "DENIED", "REFUSED".
absl::string_view AccessOutcomeName(AccessOutcome outcome);

// kGranted for OK, kDenied for PERMISSION_DENIED, kRefused otherwise.
AccessOutcome AccessOutcomeOf(const absl::Status& status);

struct AccessEntry {
  // Assigned by the store.
  int64_t id = 0;
  absl::Time at;
  std::string user;
  common::Role role{};
  std::string caller_unit_id;
  AccessAction action = AccessAction::kGetRecord;
  // What was asked for: "AR-42 v1", "unit=broadband month=2026-03 kind=COMPLAINT".
  std::string target;
  // The unit owning what was read, when known.
  std::string record_unit_id;
  std::string reason;
  AccessOutcome outcome = AccessOutcome::kGranted;
  int result_count = 0;
  // For refusals: the status code name.
  std::string detail;
};

// An entry for `caller` doing `action` on `target` at `now` for `reason`. A reason or target over
// its limit is not cut: it is replaced by "[not kept: <n> bytes, over the <limit>-byte limit]", so
// the row records that such a request was made without holding a partial, misleading text.
AccessEntry NewAccessEntry(const common::Principal& caller, AccessAction action, std::string target,
                           absl::string_view reason, absl::Time now);

// Sets outcome and detail from `status`.
void SetOutcome(AccessEntry& entry, const absl::Status& status);

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_DOMAIN_ACCESS_ENTRY_H_

#include "services/archive/domain/access_entry.h"

#include <utility>

namespace cs::archive {

absl::string_view AccessActionName(AccessAction action) {
  switch (action) {
    case AccessAction::kGetRecord:
      return "GET_RECORD";
    case AccessAction::kSearchRecords:
      return "SEARCH_RECORDS";
    case AccessAction::kExportForm:
      return "EXPORT_FORM";
    case AccessAction::kExportCsv:
      return "EXPORT_CSV";
    case AccessAction::kListDueForDestruction:
      return "LIST_DUE_FOR_DESTRUCTION";
    case AccessAction::kListAccessLog:
      return "LIST_ACCESS_LOG";
  }
  return "UNKNOWN";
}

absl::string_view AccessOutcomeName(AccessOutcome outcome) {
  switch (outcome) {
    case AccessOutcome::kGranted:
      return "GRANTED";
    case AccessOutcome::kDenied:
      return "DENIED";
    case AccessOutcome::kRefused:
      return "REFUSED";
  }
  return "UNKNOWN";
}

AccessOutcome AccessOutcomeOf(const absl::Status& status) {
  if (status.ok()) return AccessOutcome::kGranted;
  if (status.code() == absl::StatusCode::kPermissionDenied) return AccessOutcome::kDenied;
  return AccessOutcome::kRefused;
}

AccessEntry NewAccessEntry(const common::Principal& caller, AccessAction action, std::string target,
                           absl::string_view reason, absl::Time now) {
  AccessEntry entry;
  entry.at = now;
  entry.user = caller.user;
  entry.role = caller.role;
  entry.caller_unit_id = caller.unit_id;
  entry.action = action;
  entry.target = std::move(target);
  if (reason.size() > static_cast<size_t>(kMaxReasonLength)) {
    size_t cut = kMaxReasonLength;
    // Back up over UTF-8 continuation bytes so the kept prefix stays valid text.
    while (cut > 0 && (static_cast<unsigned char>(reason[cut]) & 0xC0) == 0x80) --cut;
    reason = reason.substr(0, cut);
  }
  entry.reason = std::string(reason);
  return entry;
}

void SetOutcome(AccessEntry& entry, const absl::Status& status) {
  entry.outcome = AccessOutcomeOf(status);
  entry.detail = status.ok() ? "" : absl::StatusCodeToString(status.code());
}

}  // namespace cs::archive

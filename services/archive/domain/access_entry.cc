#include "services/archive/domain/access_entry.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace cs::archive {
namespace {

std::string KeptWholeOrNoted(std::string text, int limit) {
  if (text.size() <= static_cast<size_t>(limit)) return text;
  return absl::StrCat("[not kept: ", text.size(), " bytes, over the ", limit, "-byte limit]");
}

}  // namespace

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
  entry.target = KeptWholeOrNoted(std::move(target), kMaxTargetLength);
  entry.reason = KeptWholeOrNoted(std::string(reason), kMaxReasonLength);
  return entry;
}

void SetOutcome(AccessEntry& entry, const absl::Status& status) {
  entry.outcome = AccessOutcomeOf(status);
  entry.detail = status.ok() ? "" : absl::StatusCodeToString(status.code());
}

}  // namespace cs::archive

#include "services/hotline-registry/domain/call_record.h"

#include "absl/strings/str_cat.h"
#include "common/status/field_violations.h"

namespace cs::hotline {
namespace {

// The store keeps both in ASCII key columns of these widths.
constexpr size_t kCallIdLength = 64;
constexpr size_t kStaffNumberLength = 32;

// Ids from the phone system go into ASCII key columns: printable ASCII, bounded.
bool PrintableAscii(absl::string_view text) {
  for (char c : text) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

}  // namespace

absl::Status ValidateCallRecord(const CallRecord& record, bool hotline_known) {
  common::FieldViolations violations;
  if (record.hotline_id <= 0 || !hotline_known) {
    violations.Add("hotline_id", "names no hotline");
  }
  if (record.call_id.empty()) {
    violations.Add("call_id", "is required");
  } else if (record.call_id.size() > kCallIdLength || !PrintableAscii(record.call_id)) {
    violations.Add("call_id",
                   absl::StrCat("must be 1-", kCallIdLength, " printable ASCII characters"));
  }
  // An unset Timestamp arrives as the epoch: no phone system offered a call then.
  if (record.offered_at == absl::UnixEpoch() || record.offered_at == absl::InfinitePast() ||
      record.offered_at == absl::InfiniteFuture()) {
    violations.Add("offered_at", "is required");
  }
  if (record.outcome != CallOutcome::kAnswered && record.outcome != CallOutcome::kAbandoned) {
    violations.Add("outcome", record.outcome == CallOutcome::kUnspecified
                                  ? "is required (ANSWERED or ABANDONED)"
                                  : "is not a known call outcome");
  }
  if (record.wait_seconds < 0) {
    violations.Add("wait_seconds", "must not be negative");
  }
  if (record.agent_staff_number.size() > kStaffNumberLength ||
      !PrintableAscii(record.agent_staff_number)) {
    violations.Add("agent_staff_number", absl::StrCat("must be at most ", kStaffNumberLength,
                                                      " printable ASCII characters"));
  }
  return violations.ToStatus("invalid call record");
}

}  // namespace cs::hotline

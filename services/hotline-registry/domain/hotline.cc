#include "services/hotline-registry/domain/hotline.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"

namespace cs::hotline {

absl::string_view HotlineStateName(HotlineState state) {
  switch (state) {
    case HotlineState::kPendingSignature:
      return "PENDING_SIGNATURE";
    case HotlineState::kPendingApproval:
      return "PENDING_APPROVAL";
    case HotlineState::kRejected:
      return "REJECTED";
    case HotlineState::kActive:
      return "ACTIVE";
    case HotlineState::kCancelled:
      return "CANCELLED";
    case HotlineState::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::string_view ChangeStateName(ChangeState state) {
  switch (state) {
    case ChangeState::kPendingSignature:
      return "PENDING_SIGNATURE";
    case ChangeState::kPendingApproval:
      return "PENDING_APPROVAL";
    case ChangeState::kApproved:
      return "APPROVED";
    case ChangeState::kDisagreed:
      return "DISAGREED";
    case ChangeState::kApplied:
      return "APPLIED";
    case ChangeState::kLapsed:
      return "LAPSED";
    case ChangeState::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::string_view ChangeItemName(ChangeItem item) {
  switch (item) {
    case ChangeItem::kNumberChange:
      return "NUMBER_CHANGE";
    case ChangeItem::kCancellation:
      return "CANCELLATION";
    case ChangeItem::kServiceHours:
      return "SERVICE_HOURS";
    case ChangeItem::kOther:
      return "OTHER";
    case ChangeItem::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::string_view TransitionKindName(TransitionKind kind) {
  switch (kind) {
    case TransitionKind::kVoicePrompt:
      return "VOICE_PROMPT";
    case TransitionKind::kAutomaticTransfer:
      return "AUTOMATIC_TRANSFER";
    case TransitionKind::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

std::string FormatHotlineId(int64_t id) { return absl::StrCat("HL-", id); }

absl::StatusOr<int64_t> ParseHotlineId(absl::string_view text, absl::string_view field) {
  if (text.empty()) return common::InvalidField(std::string(field), "is required (HL-<n>)");
  int64_t id = 0;
  if (absl::StartsWith(text, "HL-")) {
    const absl::string_view digits = text.substr(3);
    const bool plain = !digits.empty() && digits[0] >= '1' && digits[0] <= '9' &&
                       digits.find_first_not_of("0123456789") == absl::string_view::npos;
    if (plain && absl::SimpleAtoi(digits, &id) && id >= 1) return id;
  }
  return common::InvalidField(std::string(field), absl::StrCat("must be a hotline id HL-<n>, not ",
                                                               common::QuotedValue(text)));
}

}  // namespace cs::hotline

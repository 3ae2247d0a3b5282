#include "services/channel-registry/domain/channel.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"

namespace cs::channel {
namespace {

// The id of "<prefix><n>" (n >= 1, no sign, no leading zero); INVALID_ARGUMENT naming `field`
// otherwise, saying what kind of id (`what`) was wanted.
absl::StatusOr<int64_t> ParsePrefixedId(absl::string_view text, absl::string_view prefix,
                                        absl::string_view what, absl::string_view field) {
  if (text.empty()) {
    return common::InvalidField(std::string(field), absl::StrCat("is required (", prefix, "<n>)"));
  }
  int64_t id = 0;
  if (absl::StartsWith(text, prefix)) {
    const absl::string_view digits = text.substr(prefix.size());
    const bool plain = !digits.empty() && digits[0] >= '1' && digits[0] <= '9' &&
                       digits.find_first_not_of("0123456789") == absl::string_view::npos;
    if (plain && absl::SimpleAtoi(digits, &id) && id >= 1) return id;
  }
  return common::InvalidField(
      std::string(field),
      absl::StrCat("must be ", what, " ", prefix, "<n>, not ", common::QuotedValue(text)));
}

}  // namespace

absl::string_view ChannelStateName(ChannelState state) {
  switch (state) {
    case ChannelState::kFiled:
      return "FILED";
    case ChannelState::kAcknowledged:
      return "ACKNOWLEDGED";
    case ChannelState::kInaccurate:
      return "INACCURATE";
    case ChannelState::kRetired:
      return "RETIRED";
    case ChannelState::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::string_view ChannelKindName(ChannelKind kind) {
  switch (kind) {
    case ChannelKind::kHotline:
      return "HOTLINE";
    case ChannelKind::kEmail:
      return "EMAIL";
    case ChannelKind::kWebForm:
      return "WEB_FORM";
    case ChannelKind::kGuestbook:
      return "GUESTBOOK";
    case ChannelKind::kFax:
      return "FAX";
    case ChannelKind::kWalkIn:
      return "WALK_IN";
    case ChannelKind::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::string_view ChannelPurposeName(ChannelPurpose purpose) {
  switch (purpose) {
    case ChannelPurpose::kConsultation:
      return "CONSULTATION";
    case ChannelPurpose::kOrdering:
      return "ORDERING";
    case ChannelPurpose::kQuery:
      return "QUERY";
    case ChannelPurpose::kComplaint:
      return "COMPLAINT";
    case ChannelPurpose::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::string_view StaffingName(Staffing staffing) {
  switch (staffing) {
    case Staffing::kDedicated:
      return "DEDICATED";
    case Staffing::kRotating:
      return "ROTATING";
    case Staffing::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::string_view PublishedItemName(PublishedItem item) {
  switch (item) {
    case PublishedItem::kBusinessFunction:
      return "BUSINESS_FUNCTION";
    case PublishedItem::kScope:
      return "SCOPE";
    case PublishedItem::kUsage:
      return "USAGE";
    case PublishedItem::kCharges:
      return "CHARGES";
    case PublishedItem::kPayment:
      return "PAYMENT";
    case PublishedItem::kFaultReporting:
      return "FAULT_REPORTING";
    case PublishedItem::kConsultationAndComplaint:
      return "CONSULTATION_AND_COMPLAINT";
    case PublishedItem::kStandardContract:
      return "STANDARD_CONTRACT";
    case PublishedItem::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::string_view FaultOriginName(FaultOrigin origin) {
  switch (origin) {
    case FaultOrigin::kReported:
      return "REPORTED";
    case FaultOrigin::kMailboxFull:
      return "MAILBOX_FULL";
    case FaultOrigin::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

bool IsOnlineKind(ChannelKind kind) {
  return kind == ChannelKind::kEmail || kind == ChannelKind::kWebForm ||
         kind == ChannelKind::kGuestbook;
}

std::string FormatChannelId(int64_t id) { return absl::StrCat("CN-", id); }
std::string FormatFaultId(int64_t id) { return absl::StrCat("FT-", id); }
std::string FormatUnfiledId(int64_t id) { return absl::StrCat("UF-", id); }

absl::StatusOr<int64_t> ParseChannelId(absl::string_view text, absl::string_view field) {
  return ParsePrefixedId(text, "CN-", "a channel id", field);
}

absl::StatusOr<int64_t> ParseFaultId(absl::string_view text, absl::string_view field) {
  return ParsePrefixedId(text, "FT-", "a fault id", field);
}

absl::StatusOr<int64_t> ParseUnfiledId(absl::string_view text, absl::string_view field) {
  return ParsePrefixedId(text, "UF-", "an unfiled-channel report id", field);
}

}  // namespace cs::channel

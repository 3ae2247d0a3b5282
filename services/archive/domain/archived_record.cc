#include "services/archive/domain/archived_record.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status/field_violations.h"

namespace cs::archive {

absl::string_view TicketKindName(TicketKind kind) {
  switch (kind) {
    case TicketKind::kConsultation:
      return "CONSULTATION";
    case TicketKind::kComplaint:
      return "COMPLAINT";
    case TicketKind::kFaultReport:
      return "FAULT_REPORT";
    case TicketKind::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::string_view ChannelName(Channel channel) {
  switch (channel) {
    case Channel::kHotline:
      return "HOTLINE";
    case Channel::kEmail:
      return "EMAIL";
    case Channel::kWebForm:
      return "WEB_FORM";
    case Channel::kGuestbook:
      return "GUESTBOOK";
    case Channel::kFax:
      return "FAX";
    case Channel::kWalkIn:
      return "WALK_IN";
    case Channel::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::string_view RoutingPathName(RoutingPath path) {
  switch (path) {
    case RoutingPath::kDirectReply:
      return "DIRECT_REPLY";
    case RoutingPath::kInternalDispatch:
      return "INTERNAL_DISPATCH";
    case RoutingPath::kEscalateToTelecom:
      return "ESCALATE_TO_TELECOM";
    case RoutingPath::kReturn:
      return "RETURN";
    case RoutingPath::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

std::string RecordIdText(int64_t record_id) { return absl::StrCat("AR-", record_id); }

absl::StatusOr<int64_t> ParseRecordId(absl::string_view text, absl::string_view field) {
  int64_t id = 0;
  if (!absl::StartsWith(text, "AR-") || text.size() > 23 ||
      !absl::SimpleAtoi(text.substr(3), &id) || id <= 0 || RecordIdText(id) != text) {
    return common::InvalidField(std::string(field), "must be a record id of the form AR-<n>");
  }
  return id;
}

std::string CertificateIdText(int64_t certificate_id) {
  return absl::StrCat("DC-", certificate_id);
}

}  // namespace cs::archive

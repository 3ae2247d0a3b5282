#include "services/archive/domain/record_classification.h"

#include "absl/strings/match.h"

namespace cs::archive {
namespace {

RoutingPath PathOfOutcome(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::kDirectReply:
      return RoutingPath::kDirectReply;
    case OutcomeKind::kInternalDispatch:
      return RoutingPath::kInternalDispatch;
    case OutcomeKind::kEscalateToTelecom:
      return RoutingPath::kEscalateToTelecom;
    case OutcomeKind::kReturn:
      return RoutingPath::kReturn;
    case OutcomeKind::kReplied:
    case OutcomeKind::kUnspecified:
      break;
  }
  return RoutingPath::kUnspecified;
}

// The decision a history detail starts with ("INTERNAL_DISPATCH to idc"), or kUnspecified.
RoutingPath PathOfDetail(absl::string_view detail) {
  for (RoutingPath path : {RoutingPath::kDirectReply, RoutingPath::kInternalDispatch,
                           RoutingPath::kEscalateToTelecom, RoutingPath::kReturn}) {
    const absl::string_view name = RoutingPathName(path);
    if (absl::StartsWith(detail, name) &&
        (detail.size() == name.size() || detail[name.size()] == ' ')) {
      return path;
    }
  }
  return RoutingPath::kUnspecified;
}

}  // namespace

RoutingPath RoutingPathOf(const RecordContent& content) {
  for (auto entry = content.history.rbegin(); entry != content.history.rend(); ++entry) {
    if (entry->event != "OUTCOME") continue;
    if (RoutingPath path = PathOfDetail(entry->detail); path != RoutingPath::kUnspecified) {
      return path;
    }
  }
  return PathOfOutcome(content.last_outcome);
}

bool IsOnTime(const RecordContent& content) {
  if (!content.confirmed_at.has_value() || !content.confirm_deadline.has_value() ||
      *content.confirmed_at > *content.confirm_deadline) {
    return false;
  }
  if (content.handling_deadline.has_value()) {
    return content.replied_to_user_at.has_value() &&
           *content.replied_to_user_at <= *content.handling_deadline;
  }
  return true;
}

RecordSummary Summarize(const RecordContent& content, absl::TimeZone time_zone) {
  RecordSummary summary;
  summary.ticket_id = content.ticket_id;
  summary.unit_id = content.unit_id;
  summary.kind = content.kind;
  summary.channel = content.channel;
  summary.business_line = content.business_line;
  summary.routing_path = RoutingPathOf(content);
  summary.overall_serial = content.overall_serial;
  summary.serial_month = content.serial_month;
  summary.month_serial = content.month_serial;
  summary.received_at = content.received_at.value_or(absl::UnixEpoch());
  summary.closed_at = content.closed_at.value_or(summary.received_at);
  summary.closed_month = absl::FormatTime("%Y-%m", summary.closed_at, time_zone);
  summary.on_time = IsOnTime(content);
  return summary;
}

}  // namespace cs::archive

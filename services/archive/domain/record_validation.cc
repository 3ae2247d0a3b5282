#include "services/archive/domain/record_validation.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/status/quoted_value.h"

namespace cs::archive {
namespace {

std::string Path(absl::string_view prefix, absl::string_view field) {
  return prefix.empty() ? std::string(field) : absl::StrCat(prefix, ".", field);
}

bool IsMonth(absl::string_view text) {
  absl::CivilMonth month;
  return text.size() == 7 && absl::ParseCivilTime(text, &month);
}

}  // namespace

bool IsKnownRoutingPath(int path) { return path >= 1 && path <= kMaxRoutingPath; }

common::FieldViolations ValidateRecordContent(const RecordContent& content,
                                              const common::UnitDirectory& units,
                                              absl::string_view prefix) {
  common::FieldViolations v;
  if (content.ticket_id <= 0) v.Add(Path(prefix, "ticket_id"), "is required");
  if (!content.closed) {
    v.Add(Path(prefix, "status"), "must be CLOSED: only closed tickets are archived");
  }
  if (content.unit_id.empty()) {
    v.Add(Path(prefix, "input.unit_id"), "is required: the unit that owns the record");
  } else if (!units.Contains(content.unit_id)) {
    v.Add(Path(prefix, "input.unit_id"),
          absl::StrCat("names no known unit: ", common::QuotedValue(content.unit_id)));
  }
  if (!common::IsKnownTicketKind(content.kind)) {
    v.Add(Path(prefix, "input.kind"), "must be CONSULTATION, COMPLAINT or FAULT_REPORT");
  }
  if (!common::IsKnownChannel(content.channel)) {
    v.Add(Path(prefix, "input.channel"), "must be a known channel");
  }
  if (content.business_line.size() > static_cast<size_t>(kMaxBusinessLineLength)) {
    v.Add(Path(prefix, "input.business_line"),
          absl::StrCat("is longer than ", kMaxBusinessLineLength, " characters"));
  }
  if (content.overall_serial <= 0) v.Add(Path(prefix, "overall_serial"), "is required");
  if (!IsMonth(content.serial_month)) {
    v.Add(Path(prefix, "serial_month"), "must be a month YYYY-MM");
  }
  if (content.month_serial <= 0) v.Add(Path(prefix, "month_serial"), "is required");
  if (!content.received_at.has_value()) v.Add(Path(prefix, "received_at"), "is required");
  if (!content.closed_at.has_value()) {
    v.Add(Path(prefix, "closed_at"), "is required: the record is archived when it closes");
  } else if (content.received_at.has_value() && *content.closed_at < *content.received_at) {
    v.Add(Path(prefix, "closed_at"), "is before received_at");
  }
  if (content.history.empty()) {
    v.Add(Path(prefix, "history"), "is required: the record must be complete (A1 7.3.1)");
  }
  for (size_t i = 0; i < content.history.size(); ++i) {
    if (content.history[i].sequence != static_cast<int>(i) + 1) {
      v.Add(Path(prefix, absl::StrCat("history[", i, "].sequence")),
            absl::StrCat("must be ", i + 1, ": the history must be whole and in order"));
    }
  }
  for (size_t i = 0; i < content.replies.size(); ++i) {
    if (content.replies[i].sequence != static_cast<int>(i) + 1) {
      v.Add(Path(prefix, absl::StrCat("replies[", i, "].sequence")),
            absl::StrCat("must be ", i + 1, ": the replies must be whole and in order"));
    }
  }
  return v;
}

}  // namespace cs::archive

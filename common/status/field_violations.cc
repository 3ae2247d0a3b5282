#include "common/status/field_violations.h"

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/types/optional.h"
#include "common/text/utf8.h"

namespace cs::common {
namespace {

// The payload is "field\x1fdescription" records separated by '\x1e' (ASCII unit and record
// separators), which cannot occur in field paths; descriptions have them stripped.
constexpr char kUnitSeparator = '\x1f';
constexpr char kRecordSeparator = '\x1e';

std::string Clean(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c != kUnitSeparator && c != kRecordSeparator) out.push_back(c);
  }
  return out;
}

std::string Capped(std::string text) {
  if (text.size() <= kMaxViolationTextBytes) return text;
  std::string cut(TruncateUtf8(text, kMaxViolationTextBytes));
  absl::StrAppend(&cut, "… (", text.size(), " bytes)");
  return cut;
}

}  // namespace

void FieldViolations::Add(std::string field, std::string description) {
  violations_.push_back({Capped(std::move(field)), Capped(std::move(description))});
}

void FieldViolations::Merge(const FieldViolations& other, absl::string_view prefix) {
  for (const FieldViolation& violation : other.violations_) {
    Add(prefix.empty() ? violation.field : absl::StrCat(prefix, ".", violation.field),
        violation.description);
  }
}

absl::Status FieldViolations::ToStatus(absl::string_view summary, absl::StatusCode code,
                                       absl::string_view reason) const {
  if (violations_.empty()) return absl::OkStatus();
  std::vector<std::string> parts;
  std::string payload;
  bool all_missing = true;
  for (const FieldViolation& violation : violations_) {
    all_missing = all_missing && absl::StartsWith(violation.description, kRequiredDescription);
    parts.push_back(absl::StrCat(violation.field, ": ", violation.description));
    if (!payload.empty()) payload.push_back(kRecordSeparator);
    absl::StrAppend(&payload, Clean(violation.field), std::string(1, kUnitSeparator),
                    Clean(violation.description));
  }
  absl::Status status(code, absl::StrCat(summary, ": ", absl::StrJoin(parts, "; ")));
  status.SetPayload(kFieldViolationsPayloadUrl, absl::Cord(payload));
  if (reason.empty()) {
    reason = all_missing ? reason::kMissingRequiredFields : reason::kInvalidFields;
  }
  return WithReason(std::move(status), reason);
}

absl::Status InvalidField(std::string field, std::string description) {
  FieldViolations violations;
  violations.Add(std::move(field), std::move(description));
  return violations.ToStatus("invalid argument");
}

absl::Status RequestIdReused(std::string description) {
  FieldViolations violations;
  violations.Add("request_id", std::move(description));
  return violations.ToStatus("invalid argument", absl::StatusCode::kInvalidArgument,
                             reason::kRequestIdReused);
}

std::vector<FieldViolation> ViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> out;
  absl::optional<absl::Cord> payload = status.GetPayload(kFieldViolationsPayloadUrl);
  if (!payload.has_value()) return out;
  for (absl::string_view record :
       absl::StrSplit(std::string(*payload), kRecordSeparator, absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> parts =
        absl::StrSplit(record, absl::MaxSplits(kUnitSeparator, 1));
    out.push_back({std::string(parts.first), std::string(parts.second)});
  }
  return out;
}

}  // namespace cs::common

#include "services/assessment/domain/records.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/error_reason.h"

namespace cs::assessment {
namespace {

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
  return common::InvalidField(std::string(field),
                              absl::StrCat("must be ", what, " such as \"", prefix, "1\""));
}

// "7", "7.5", "7.17.1": numbers without leading zeros joined by single dots.
bool IsClauseNumber(absl::string_view text) {
  if (text.empty()) return false;
  for (absl::string_view part : absl::StrSplit(text, '.')) {
    if (part.empty() || part.size() > 3 || part[0] == '0') return false;
    for (char c : part) {
      if (!absl::ascii_isdigit(c)) return false;
    }
  }
  return true;
}

}  // namespace

std::string FormatNoticeId(int64_t id) { return absl::StrCat("RN-", id); }
std::string FormatMaintenanceId(int64_t id) { return absl::StrCat("MN-", id); }
std::string FormatLaunchReviewId(int64_t id) { return absl::StrCat("LR-", id); }
std::string FormatSurveyId(int64_t id) { return absl::StrCat("SV-", id); }
std::string FormatPartnerId(int64_t id) { return absl::StrCat("PA-", id); }
std::string FormatTaskId(int64_t id) { return absl::StrCat("ST-", id); }
std::string FormatSessionId(int64_t id) { return absl::StrCat("TS-", id); }

absl::StatusOr<int64_t> ParseNoticeId(absl::string_view text, absl::string_view field) {
  return ParsePrefixedId(text, "RN-", "a rectification notice id", field);
}
absl::StatusOr<int64_t> ParseMaintenanceId(absl::string_view text, absl::string_view field) {
  return ParsePrefixedId(text, "MN-", "a maintenance notice id", field);
}
absl::StatusOr<int64_t> ParseLaunchReviewId(absl::string_view text, absl::string_view field) {
  return ParsePrefixedId(text, "LR-", "a launch review id", field);
}
absl::StatusOr<int64_t> ParseSurveyId(absl::string_view text, absl::string_view field) {
  return ParsePrefixedId(text, "SV-", "a survey id", field);
}
absl::StatusOr<int64_t> ParsePartnerId(absl::string_view text, absl::string_view field) {
  return ParsePrefixedId(text, "PA-", "a partner id", field);
}
absl::StatusOr<int64_t> ParseTaskId(absl::string_view text, absl::string_view field) {
  return ParsePrefixedId(text, "ST-", "a special task id", field);
}
absl::StatusOr<int64_t> ParseSessionId(absl::string_view text, absl::string_view field) {
  return ParsePrefixedId(text, "TS-", "a session id", field);
}

bool IsClauseLike(absl::string_view text) {
  absl::string_view rest = text;
  if (absl::ConsumePrefix(&rest, "M ")) {
  } else if (rest.size() >= 3 && rest[0] == 'A' && rest[1] >= '1' && rest[1] <= '9' &&
             rest[2] == ' ') {
    rest.remove_prefix(3);
  } else {
    return false;
  }
  for (absl::string_view number : absl::StrSplit(rest, ", ")) {
    if (!IsClauseNumber(number)) return false;
  }
  return true;
}

namespace internal {

std::string Path(absl::string_view prefix, absl::string_view field) {
  return prefix.empty() ? std::string(field) : absl::StrCat(prefix, ".", field);
}

void RequiredText(absl::string_view value, const std::string& field, int max_chars,
                  common::TextShape shape, common::FieldViolations& violations) {
  if (common::IsBlankText(value)) {
    violations.Add(field, "is required");
  } else {
    common::CheckText(value, field, max_chars, shape, violations);
  }
}

absl::Status StateForbids(std::string message) {
  return common::WithReason(absl::FailedPreconditionError(std::move(message)),
                            common::reason::kStateForbidsChange);
}

void AppendHistory(std::vector<HistoryEntry>& history, absl::Time& updated_at, int64_t& version,
                   absl::Time at, absl::string_view actor, absl::string_view event,
                   std::string detail) {
  HistoryEntry entry;
  entry.sequence = static_cast<int>(history.size()) + 1;
  entry.at = at;
  entry.actor = std::string(actor);
  entry.event = std::string(event);
  entry.detail = std::move(detail);
  history.push_back(std::move(entry));
  updated_at = at;
  ++version;
}

std::string Instant(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

}  // namespace internal
}  // namespace cs::assessment

// What every record the assessment service keeps for itself shares (SPEC §5, S1–S7): the ids as
// cs.assessment.v1 shows them ("RN-<n>", "MN-<n>", …), the history entry each step appends, the
// finding a unit's own filing can raise (a value the core turns into a rectification notice in one
// call, rectification.h DraftFromFinding), the clause format of the regulation, and the few field
// checks the records repeat. Plain values and pure functions; thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_DOMAIN_RECORDS_H_
#define CS_SERVICES_ASSESSMENT_DOMAIN_RECORDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/status/field_violations.h"
#include "common/status/text_checks.h"

namespace cs::assessment {

// Longest accepted text per field, in characters (code points).
struct FieldLimits {
  static constexpr int kName = 100;   // unit ids, actors, signers, partner names, window names
  static constexpr int kClause = 60;  // "A2 7.5, 7.10"
  static constexpr int kShort = 200;  // titles, references, affected-user descriptions
  static constexpr int kText = 4000;  // findings, evidence, measures, descriptions, notes
  static constexpr int kMaxWindows = 50;
};

// The actor the history records for steps the service takes by itself (a deemed receipt).
inline constexpr absl::string_view kServiceActor = "system";

// One step in a record's life. Sequence numbers run 1, 2, 3, … with no gap; every step that
// appends one also sets the record's updated_at and moves its version by one.
struct HistoryEntry {
  int sequence = 0;
  absl::Time at;
  std::string actor;
  std::string event;  // UPPER_SNAKE_CASE; each record's header lists its events
  std::string detail;

  friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
};

// A non-conforming practice found in a unit's own records (a maintenance filing with too little
// notice, work affecting important users started without the superior's approval, a launch without
// an accepted review or the training it called for). The CS center turns it into a rectification
// notice in one call (IssueNotice(DraftFromFinding(f), …)); nothing here issues one by itself.
struct Finding {
  std::string unit_id;
  std::string source_id;  // the record that raised it, e.g. "MN-3", "LR-7"
  std::string clause;     // the regulation's clause, e.g. "M 7.6"
  std::string finding;    // what is wrong, in words fit for the notice
  std::string evidence;   // the recorded facts that show it
  absl::Time found_at;    // the instant the record showed it (the filing, the launch)

  friend bool operator==(const Finding&, const Finding&) = default;
};

// "RN-<id>" (rectification notice), "MN-<id>" (maintenance notice), "LR-<id>" (launch review),
// "SV-<id>" (survey summary), "PA-<id>" (partner or agent), "ST-<id>" (special task), "TS-<id>"
// (training or case-study session).
std::string FormatNoticeId(int64_t id);
std::string FormatMaintenanceId(int64_t id);
std::string FormatLaunchReviewId(int64_t id);
std::string FormatSurveyId(int64_t id);
std::string FormatPartnerId(int64_t id);
std::string FormatTaskId(int64_t id);
std::string FormatSessionId(int64_t id);

// The id of "<prefix><n>" (n >= 1, no sign, no leading zero); INVALID_ARGUMENT naming `field`
// otherwise ("is required" when empty).
absl::StatusOr<int64_t> ParseNoticeId(absl::string_view text, absl::string_view field);
absl::StatusOr<int64_t> ParseMaintenanceId(absl::string_view text, absl::string_view field);
absl::StatusOr<int64_t> ParseLaunchReviewId(absl::string_view text, absl::string_view field);
absl::StatusOr<int64_t> ParseSurveyId(absl::string_view text, absl::string_view field);
absl::StatusOr<int64_t> ParsePartnerId(absl::string_view text, absl::string_view field);
absl::StatusOr<int64_t> ParseTaskId(absl::string_view text, absl::string_view field);
absl::StatusOr<int64_t> ParseSessionId(absl::string_view text, absl::string_view field);

// A clause of the regulation as the suite writes it: "M" (main text) or an annex "A1" to "A9", one
// space, then clause numbers ("7", "7.5", "7.17.1") separated by ", " — "M 7.13", "A2 7.5, 7.10".
bool IsClauseLike(absl::string_view text);

// --- Helpers the records share (not part of the service's vocabulary) ---------------------------
namespace internal {

// "prefix.field", or "field" when prefix is empty.
std::string Path(absl::string_view prefix, absl::string_view field);

// A required text: "is required" when blank, else common::CheckText.
void RequiredText(absl::string_view value, const std::string& field, int max_chars,
                  common::TextShape shape, common::FieldViolations& violations);

// FAILED_PRECONDITION with reason STATE_FORBIDS_CHANGE.
absl::Status StateForbids(std::string message);

// Appends the next HistoryEntry to `history`, sets `updated_at` and moves `version` by one.
void AppendHistory(std::vector<HistoryEntry>& history, absl::Time& updated_at, int64_t& version,
                   absl::Time at, absl::string_view actor, absl::string_view event,
                   std::string detail);

// "2026-10-13T09:30:00Z".
std::string Instant(absl::Time t);

}  // namespace internal

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_DOMAIN_RECORDS_H_

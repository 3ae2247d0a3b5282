// The scorecard of one unit for one month against one indicator set (SPEC S5, S6; M 7.17): each
// indicator's figure, gathered from the service that owns it, becomes points by the indicator's
// rule and its weight in the set. A scorecard keeps every input it used — the figure, its source,
// the RPC it came from and when it was read — so it can be recomputed and explained indicator by
// indicator. A source that did not answer leaves the scorecard incomplete: it names each missing
// indicator and its source and has no total, never a silent zero, while still showing the points
// of the indicators it has. A scorecard is computed only once the month's last report is due
// (MayComputeScorecard). The summary of all units goes to the OFFICE role (M 7.17.1).
//
// Points are kept in hundredths of a point (an integer), each indicator's rounded half away from
// zero, so a total is exactly the sum of the indicators' points and a recomputation gives the same
// figures bit for bit. Plain values and pure functions; thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_DOMAIN_SCORECARD_H_
#define CS_SERVICES_ASSESSMENT_DOMAIN_SCORECARD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "absl/types/span.h"
#include "common/time/deadline.h"
#include "common/time/working_calendar.h"
#include "services/assessment/domain/indicator_definitions.h"

namespace cs::assessment {

// The figure of one indicator as gathered from its source.
struct IndicatorInput {
  std::string indicator_id;
  // ScoringRule::kPercentOfTarget: `numerator` of `denominator` — counts for most sources (receipts
  // confirmed on time of tickets forwarded, calls answered of calls offered), a score of its scale
  // for satisfaction (4.3 of 5). 0 of 0 is "nothing to count". Both 0 for a count rule.
  double numerator = 0;
  double denominator = 0;
  // ScoringRule::kDeductionPerFinding: the unit's findings in the month. 0 for a percent rule.
  int64_t findings = 0;
  // The service the figure came from (SourceService of the indicator's source, e.g.
  // "hotline-registry"), the RPC (e.g. "cs.hotline.v1.HotlineRegistry/GetMonthlyStatistics") and
  // when it was read.
  std::string source;
  std::string rpc;
  absl::Time read_at;
  // Free text: what was counted, e.g. "snapshot: 3 orders still open".
  std::string note;

  friend bool operator==(const IndicatorInput&, const IndicatorInput&) = default;
};

// An indicator whose source did not answer (or was never asked).
struct MissingInput {
  std::string indicator_id;
  std::string source;  // the service asked, as IndicatorInput::source
  std::string rpc;     // empty when never asked
  absl::Time tried_at;
  std::string error;  // e.g. "UNAVAILABLE: failed to connect to all addresses"

  friend bool operator==(const MissingInput&, const MissingInput&) = default;
};

// Everything gathered for one unit and month. May hold indicators of other sets too (one gathering
// can score the monthly set and a blue-book set); ComputeScorecard takes what its set needs.
struct ScorecardInputs {
  std::vector<IndicatorInput> inputs;
  std::vector<MissingInput> missing;

  friend bool operator==(const ScorecardInputs&, const ScorecardInputs&) = default;
};

// One indicator of a scorecard.
struct ScoredIndicator {
  std::string indicator_id;
  std::string name;
  std::string name_en;
  std::string clause;
  std::string source;  // the owning service, SourceService(definition.source)
  ScoringRule rule = ScoringRule::kPercentOfTarget;
  int weight = 0;
  double target_percent = 0;                 // kPercentOfTarget
  double deduction_percent_per_finding = 0;  // kDeductionPerFinding
  // Exactly one of `input` and `missing`.
  absl::optional<IndicatorInput> input;
  absl::optional<MissingInput> missing;
  // With an input of a percent rule: numerator / denominator × 100; absent for 0 of 0 ("nothing to
  // count", full weight) and for a count rule.
  absl::optional<double> figure_percent;
  bool nothing_to_count = false;
  // With an input: the points earned, in hundredths (0 to weight × 100). Absent when missing.
  absl::optional<int64_t> points_hundredths;
  // One line each, e.g. "服务热线接通率 76.0%（760/1000，目标 80%）：得 7.6/8 分" and
  // "Hotline connection rate 76.0% (760 of 1000, target 80%): 7.6 of 8 points".
  std::string explanation;
  std::string explanation_en;

  friend bool operator==(const ScoredIndicator&, const ScoredIndicator&) = default;
};

// An indicator a scorecard lacks, and why.
struct MissingIndicator {
  std::string indicator_id;
  std::string name;
  std::string name_en;
  std::string source;
  std::string error;

  friend bool operator==(const MissingIndicator&, const MissingIndicator&) = default;
};

struct Scorecard {
  std::string unit_id;
  absl::CivilMonth month;
  std::string set_name;
  std::string set_title;
  std::vector<ScoredIndicator> indicators;  // in the set's order
  // Every indicator of the set has an input.
  bool complete = false;
  // The sum of the indicators' points, in hundredths of a point (of kSetWeightTotalPoints × 100):
  // only when complete.
  absl::optional<int64_t> total_hundredths;
  // The indicators without an input, in the set's order; empty when complete.
  std::vector<MissingIndicator> missing;
  // One line each: "月度客户服务考核 2024-05 unit-a：总分 87.6/100" or, incomplete, the missing
  // indicators and "无总分".
  std::string summary;
  std::string summary_en;

  friend bool operator==(const Scorecard&, const Scorecard&) = default;
};

// Scores `unit_id`'s `month` on `set`, whose indicators are looked up in `indicators`, from
// `gathered`. An indicator of the set with neither an input nor a MissingInput is missing with the
// error "no input was gathered". INVALID_ARGUMENT naming every bad field: an empty unit_id; a set
// with no indicators, an indicator that is not in `indicators` or is there twice, a weight of 0 or
// less, or weights not adding up to kSetWeightTotalPoints; a definition whose target or deduction
// is not above 0 and at most 100; an indicator id given twice among the inputs and missing inputs;
// and, for the set's indicators, a figure out of range — negative or non-finite, a numerator above
// its denominator, negative findings, a figure of the other rule — or a source other than the
// indicator's service ("inputs[3].numerator", the description naming the indicator).
absl::StatusOr<Scorecard> ComputeScorecard(absl::string_view unit_id, absl::CivilMonth month,
                                           const IndicatorSetDefinition& set,
                                           absl::Span<const IndicatorDefinition> indicators,
                                           const ScorecardInputs& gathered);

// The inputs `scorecard` used, in the set's order: ComputeScorecard over them (with the same set
// and definitions) gives `scorecard` again.
ScorecardInputs InputsOf(const Scorecard& scorecard);

// OK when the scorecard of `month` may be computed at `now`: the month's last report is due
// (`now` >= `last_report_due`). FAILED_PRECONDITION (STATE_FORBIDS_CHANGE) naming the month and the
// due instant otherwise.
absl::Status MayComputeScorecard(absl::CivilMonth month, absl::Time now,
                                 absl::Time last_report_due);

// When the last monthly report on `month` is due: the latest of common::MonthlyReportDue over
// `monthly_report_due_working_days` (the SLA target monthly_report_due_working_day of each report
// the scorecard reads; the suite has one), on `calendar`. INVALID_ARGUMENT naming
// "monthly_report_due_working_day" when the list is empty or a day is below 1.
absl::StatusOr<common::Deadline> LastReportDue(
    const common::WorkingCalendar& calendar, absl::CivilMonth month,
    absl::Span<const int> monthly_report_due_working_days);

// One unit's line in the summary.
struct UnitResult {
  std::string unit_id;
  bool complete = false;
  absl::optional<int64_t> total_hundredths;  // when complete
  // 1 for the highest total; equal totals share a rank ("1, 2, 2, 4"). 0 when incomplete.
  int rank = 0;
  std::vector<MissingIndicator> missing;  // when incomplete

  friend bool operator==(const UnitResult&, const UnitResult&) = default;
};

// The month's scorecards of all units on one set, for the OFFICE role (M 7.17.1).
struct ScorecardSummary {
  absl::CivilMonth month;
  std::string set_name;
  std::string set_title;
  // Complete scorecards, highest total first (equal totals by unit id).
  std::vector<UnitResult> ranked;
  // Incomplete scorecards, by unit id: not ranked, no total.
  std::vector<UnitResult> incomplete;

  friend bool operator==(const ScorecardSummary&, const ScorecardSummary&) = default;
};

// The summary of `scorecards` (each of `month` on `set`). INVALID_ARGUMENT naming
// "scorecards[i]..." for a scorecard of another month or set, or a unit given twice.
absl::StatusOr<ScorecardSummary> SummarizeScorecards(absl::CivilMonth month,
                                                     const IndicatorSetDefinition& set,
                                                     absl::Span<const Scorecard> scorecards);

// Hundredths of a point as people read them: "19.0", "7.6", "7.65", "0.0".
std::string FormatPoints(int64_t hundredths);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_DOMAIN_SCORECARD_H_

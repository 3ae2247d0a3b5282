// The assessment service's scorecard use cases (SPEC S5, S6; M 7.17): computing a unit's monthly
// scorecard — or a blue-book set's (S6) — once the month's last report is due, from the service's
// own records (CountUnitMonth) and the figures of the five other services (PeerFigureReader),
// keeping every input so it can be recomputed and explained; reading it; the summary of all units
// for the OFFICE and the OFFICE's feedback to each unit (M 7.17.1); and the sweep that computes
// every unit's monthly scorecard by itself and completes the incomplete ones once their sources
// answer again. Knows no gRPC and no SQL: it works on domain values through the store interfaces
// (assessment_notice_stores.h read-only, assessment_record_stores.h) and the ports of
// scorecard_ports.h. One method per scorecard RPC of cs.assessment.v1.AssessmentService, plus
// Sweep().
//
// Which units are scored (M 7.17: 各单位): every unit of the directory — the designated unit too,
// whose receipts and dispatches are figures of its own — except the CS center, which assesses the
// others (IsAssessedUnit). The telecom company is no unit of the directory and is never scored
// (issue 15). Naming the CS center, or a unit the directory does not list, is INVALID_ARGUMENT
// naming unit_id.
//
// Roles (SPEC "Actors"): CS_CENTER (and SERVICE, for automation) computes; CS_CENTER, OFFICE and
// SERVICE read every unit's scorecard, a unit's roles (UNIT_STAFF, UNIT_MANAGER, DESIGNATED_UNIT)
// their own unit's with its feedback (another unit's: PERMISSION_DENIED); OFFICE and CS_CENTER
// read the summary; only OFFICE records feedback (M 7.17.1).
//
// Idempotency (AIP-155): ComputeScorecard and RecordFeedback require a request_id; a repeat with
// the same fingerprint answers with the scorecard as it is now, without storing or counting it
// again (a repeated ComputeScorecard asks the peers again, then finds its first answer).
//
// Time: every step takes "now" from the injected clock, truncated to the microseconds the database
// keeps (Now()).
//
// Errors: INVALID_ARGUMENT naming every bad field; FAILED_PRECONDITION naming the month while its
// last report is not yet due; PERMISSION_DENIED for a role or unit that may not act; NOT_FOUND for
// a scorecard not computed; the stores' UNAVAILABLE when the database is away. A peer that does
// not answer is no error: the scorecard is stored incomplete, naming the missing indicators.
// Thread-safe: it holds no mutable state.
#ifndef CS_SERVICES_ASSESSMENT_CORE_SCORECARD_CORE_H_
#define CS_SERVICES_ASSESSMENT_CORE_SCORECARD_CORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/auth/principal.h"
#include "common/time/calendar_holder.h"
#include "common/time/clock.h"
#include "common/time/working_calendar.h"
#include "common/units/unit_directory.h"
#include "services/assessment/core/scorecard_ports.h"
#include "services/assessment/domain/indicator_definitions.h"
#include "services/assessment/domain/scorecard.h"
#include "services/assessment/domain/survey.h"
#include "services/assessment/domain/unit_month.h"
#include "services/assessment/store/assessment_notice_stores.h"
#include "services/assessment/store/assessment_record_stores.h"
#include "services/assessment/store/scorecard_store.h"

namespace cs::assessment {

// The figures the scorecard uses, from the SLA targets file as loaded at start.
struct ScorecardSettings {
  // A1 7.4.1, A2 7.7, A3 7.5.2: every monthly report the scorecard reads is due by this working
  // day of the following month (SLA targets monthly_report_due_working_day; the suite has one).
  int monthly_report_due_working_day = 5;
};

// OK, or INVALID_ARGUMENT naming monthly_report_due_working_day when it is below 1.
absl::Status ValidateScorecardSettings(const ScorecardSettings& settings);

// GetScorecardSummary's answer: the domain's summary and the stored scorecards in its order —
// the ranked (complete, highest total first) then the incomplete ones — so the api can show each
// whole.
struct ScorecardSummaryResult {
  ScorecardSummary summary;
  std::vector<StoredScorecard> scorecards;
};

class ScorecardCore {
 public:
  // Every reference (the stores' and `definitions` included) must outlive the core.
  // `definitions` is the loaded indicator file (IndicatorDefinitionsFromProto), valid as a whole.
  ScorecardCore(AssessmentNoticeStores notices, AssessmentRecordStores records,
                const IndicatorDefinitions& definitions, const common::UnitDirectory& units,
                const common::CalendarHolder& calendars, ScorecardSettings settings,
                common::Clock& clock, PeerFigureReader& peers, ScorecardObserver& observer);

  // CS_CENTER or SERVICE. Computes `unit_id`'s scorecard of `month` ("YYYY-MM") on `set` (empty:
  // "monthly") at now and stores it: the first time as revision 1, afterwards replacing the stored
  // one (revision + 1, the feedback kept). INVALID_ARGUMENT naming unit_id (empty, unknown or the
  // CS center), month (not "YYYY-MM"), set (no such set in the indicator file) and
  // request_id; FAILED_PRECONDITION naming the month while its last report is not due
  // (MayComputeScorecard). The observer hears SourceRead once per peer asked and
  // ScorecardComputed once per stored computation (not for a replayed request_id).
  absl::StatusOr<StoredScorecard> ComputeScorecard(const common::Principal& caller,
                                                   std::string unit_id, const std::string& month,
                                                   std::string set, const RequestKey& key);

  // CS_CENTER, OFFICE, SERVICE any unit; UNIT_STAFF, UNIT_MANAGER, DESIGNATED_UNIT their own
  // (`unit_id` empty: theirs). The stored scorecard with its feedback; NOT_FOUND naming the unit,
  // month and set when it was not computed. INVALID_ARGUMENT as ComputeScorecard.
  absl::StatusOr<StoredScorecard> GetScorecard(const common::Principal& caller, std::string unit_id,
                                               const std::string& month, std::string set);

  // OFFICE or CS_CENTER (M 7.17.1): every stored scorecard of `month` on `set` (empty:
  // "monthly"), summarized (SummarizeScorecards). INVALID_ARGUMENT naming month and set.
  absl::StatusOr<ScorecardSummaryResult> GetScorecardSummary(const common::Principal& caller,
                                                             const std::string& month,
                                                             std::string set);

  // OFFICE only (M 7.17.1): records `feedback` (required, at most kMaxFeedbackChars characters,
  // lines allowed) as the caller's, replacing any earlier. INVALID_ARGUMENT as ComputeScorecard
  // and naming feedback; NOT_FOUND when the scorecard was not computed.
  absl::StatusOr<StoredScorecard> RecordFeedback(const common::Principal& caller,
                                                 std::string unit_id, const std::string& month,
                                                 std::string set, const std::string& feedback,
                                                 const RequestKey& key);

  // The periodic work, safe in several replicas at once (keys derived from unit, month, set and
  // revision, so two replicas store one computation once). For the latest month whose last
  // report is due at now (the previous month, or the one before while the previous month's is not
  // yet due), every scored unit's "monthly" scorecard: computed when none is stored, recomputed
  // when the stored one is incomplete (a source that came back completes it; while the same
  // sources stay away, the stored one is left as it is, with no new revision), a complete one
  // left alone. Then the observer's Snapshot: the month's stored scorecards per set of the
  // indicator file, complete and incomplete. The first error, after doing what it could.
  absl::Status Sweep();

  // The latest month whose last report is due at `now` (see Sweep); FAILED_PRECONDITION when
  // neither the previous month's nor the one before's is.
  absl::StatusOr<absl::CivilMonth> LatestDueMonth(absl::Time now) const;

  // The clock's time, truncated to the microseconds the database stores.
  absl::Time Now() const;

  static constexpr int kMaxFeedbackChars = 4000;

 private:
  // What a request names, checked: a scored unit, a month, a set of the indicator file.
  struct Target {
    std::string unit_id;
    absl::CivilMonth month;
    const IndicatorSetDefinition* set = nullptr;
  };

  const common::WorkingCalendar& Calendar() const;
  // INVALID_ARGUMENT naming every bad one of unit_id (when `with_unit`), month and set; an empty
  // set is "monthly".
  absl::StatusOr<Target> ReadTarget(const std::string& unit_id, const std::string& month,
                                    const std::string& set, bool with_unit) const;
  // Gathers, scores and stores `target` at `now` under `key`, without a role check.
  absl::StatusOr<StoredScorecard> Compute(const Target& target, absl::Time now,
                                          const RequestKey& key);
  // Gathers and scores without storing.
  absl::StatusOr<Scorecard> Score(const Target& target, absl::Time now);
  // Saves `scorecard` (the first computation) or replaces the stored one, keyed by `key`; the
  // observer hears of it unless the key had been answered before.
  absl::StatusOr<StoredScorecard> Store(const Target& target, const Scorecard& scorecard,
                                        const RequestKey& key);
  // Every input of `target`'s set: the assessment's own from the unit's records, the others from
  // the peers (the observer hears SourceRead per peer asked).
  absl::StatusOr<ScorecardInputs> Gather(const Target& target, absl::Time now);
  // The figures of the unit's own records (CountUnitMonth over all of them it loads), and the
  // survey the satisfaction figure comes from (none when the unit recorded none in the month).
  struct OwnFigures {
    UnitMonthFigures figures;
    absl::optional<SurveySummary> survey;
  };
  absl::StatusOr<OwnFigures> CountOwnFigures(const std::string& unit_id, absl::CivilMonth month,
                                             absl::Time now);
  absl::Status SnapshotMonth(absl::CivilMonth month);

  NoticeStore& notices_;
  MaintenanceStore& maintenance_;
  LaunchReviewStore& launch_reviews_;
  SurveyStore& surveys_;
  TaskStore& tasks_;
  ScorecardStore& scorecards_;
  const IndicatorDefinitions& definitions_;
  const common::UnitDirectory& units_;
  // The calendar in force, which a reload may replace while the process runs.
  const common::CalendarHolder& calendars_;
  const ScorecardSettings settings_;
  common::Clock& clock_;
  PeerFigureReader& peers_;
  ScorecardObserver& observer_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_CORE_SCORECARD_CORE_H_

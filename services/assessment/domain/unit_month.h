// The figures of one unit's month from the assessment service's own records (SPEC S5; the
// indicators RECTIFICATION_ON_TIME, MAINTENANCE_NOTICE_ON_TIME, LAUNCH_REVIEWED, SATISFACTION,
// SPECIAL_TASKS_ON_TIME and PARTNER_FINDINGS of deploy/config/assessment_indicators.textproto),
// each with the items it counted so the scorecard can explain it. Pure function; thread-safe.
//
// Which month an event falls in: the local month, in the calendar's zone (`zone`, Asia/Shanghai),
// of the instant named below — the month spans [local midnight of its 1st, local midnight of the
// next month's 1st) (common/time/report_month.h MonthBounds):
// - a missed reply deadline of a rectification notice: the instant of the deadline (reply_due) —
//   whether the late reply came in that month, a later one, or not yet by `as_of` (counted once a
//   deadline has passed unanswered at `as_of`, and never again when the late reply comes). Each
//   deadline counts: the first, and each one a failed verification set;
// - a failed verification: its verified_at;
// - a late maintenance filing: its filed_at (a cancelled notice counts no more: the work never
//   affected a user);
// - work affecting important users started without the superior's approval: its starts_at, once
//   passed at `as_of` (maintenance.h StartedWithoutApproval);
// - a launch finding: the launch's launched_at;
// - a survey: the last day it surveyed (period_end); the month's figure is the survey with the
//   latest period_end (then the latest recorded_at, then the highest id), none when the unit
//   recorded none — "no survey", not zero;
// - a special task: its due_at (counted once due at `as_of`, or once done); a case study or
//   training: its held_at, for units listed in its attendance;
// - a partner finding: a rectification notice of the unit naming a partner (partner_id set), at
//   its issued_at.
// Records of other units are ignored. The percent of special tasks is (tasks done on time with
// quality + sessions attended) / (tasks counted + sessions counted) × 100; none when 0 of 0 (the
// scoring rule gives full weight to nothing to count).
#ifndef CS_SERVICES_ASSESSMENT_DOMAIN_UNIT_MONTH_H_
#define CS_SERVICES_ASSESSMENT_DOMAIN_UNIT_MONTH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "absl/types/span.h"
#include "services/assessment/domain/launch_review.h"
#include "services/assessment/domain/maintenance.h"
#include "services/assessment/domain/rectification.h"
#include "services/assessment/domain/special_task.h"
#include "services/assessment/domain/survey.h"

namespace cs::assessment {

// The unit's records the store loaded (it may pass more than the month's; the function selects).
struct UnitMonthRecords {
  absl::Span<const RectificationNotice> notices;
  absl::Span<const MaintenanceNotice> maintenance;
  absl::Span<const LaunchReview> launch_reviews;
  absl::Span<const SurveySummary> surveys;
  absl::Span<const SpecialTask> tasks;
  absl::Span<const TrainingSession> sessions;
};

// One record counted, for the scorecard's explanation: "RN-3", "reply due 2026-10-13T09:30:00Z
// missed".
struct CountedItem {
  std::string id;
  std::string what;
  absl::Time at;  // the instant that put it in the month

  friend bool operator==(const CountedItem&, const CountedItem&) = default;
};

struct UnitMonthFigures {
  std::string unit_id;
  absl::CivilMonth month;
  absl::Time as_of;

  // RECTIFICATION_ON_TIME (count): missed reply deadlines + failed verifications.
  int64_t missed_reply_deadlines = 0;
  int64_t failed_verifications = 0;
  int64_t rectification_findings = 0;
  std::vector<CountedItem> rectification_items;

  // MAINTENANCE_NOTICE_ON_TIME (count): late filings + work started without approval.
  int64_t late_maintenance_filings = 0;
  int64_t started_without_approval = 0;
  int64_t maintenance_findings = 0;
  std::vector<CountedItem> maintenance_items;

  // LAUNCH_REVIEWED (count).
  int64_t launch_findings = 0;
  std::vector<CountedItem> launch_items;

  // SATISFACTION (percent): nullopt when the unit recorded no survey for the month.
  absl::optional<double> satisfaction_percent;
  int64_t satisfaction_survey_id = 0;  // the survey it comes from ("SV-<id>"), 0 when none

  // SPECIAL_TASKS_ON_TIME (percent): nullopt when nothing to count (0 of 0).
  int64_t tasks_counted = 0;
  int64_t tasks_on_time_with_quality = 0;
  int64_t sessions_counted = 0;
  int64_t sessions_attended = 0;
  absl::optional<double> special_tasks_percent;
  std::vector<CountedItem> special_task_items;  // each task and session counted, with its outcome

  // PARTNER_FINDINGS (count).
  int64_t partner_findings = 0;
  std::vector<CountedItem> partner_items;
};

// The figures of `unit_id` for `month` in `zone`, as the records stand at `as_of` (the scorecard
// computes once the month's reports are due, so every deadline of the month has passed by then).
UnitMonthFigures CountUnitMonth(absl::string_view unit_id, absl::CivilMonth month,
                                absl::TimeZone zone, absl::Time as_of,
                                const UnitMonthRecords& records);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_DOMAIN_UNIT_MONTH_H_

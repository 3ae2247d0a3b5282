// What the assessment service's notice core (notice_core.h: rectification notices, maintenance
// notices, launch reviews — SPEC S1–S3) tells the outside world besides its stores: what happened,
// for the metrics (api/assessment_metrics.h exports it with the prefix cs_assessment_).
// Implementations must be thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_CORE_NOTICE_PORTS_H_
#define CS_SERVICES_ASSESSMENT_CORE_NOTICE_PORTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cs::assessment {

// How a maintenance notice was filed (S2): told users at least `planned_work_notice` ahead, too
// late, or emergency work (never late).
enum class MaintenanceFilingOutcome { kOnTime, kLate, kEmergency };

// open_notices{unit,overdue}: one unit's rectification notices not yet closed (every state but
// VERIFIED_PASSED), split by whether the reply deadline in force has passed without a reply.
struct OpenNoticeCount {
  std::string unit_id;
  int64_t overdue = 0;      // RECEIVED or REOPENED, reply_due passed
  int64_t not_overdue = 0;  // every other open notice
};

// What the notice sweep saw, as the gauges show it; a snapshot replaces the previous one whole.
// `open_notices` holds every unit of the directory (zeros included), in the directory's order.
struct NoticeSnapshot {
  std::vector<OpenNoticeCount> open_notices;
  // oldest_overdue_notice_seconds: how long past its reply deadline the most overdue open notice
  // is; zero when none is overdue.
  absl::Duration oldest_overdue_notice;
  // notices_awaiting_receipt: ISSUED notices not yet acknowledged (nor deemed received).
  int64_t awaiting_receipt = 0;
  // maintenance_awaiting_approval: work affecting important users, not cancelled, whose start is
  // still ahead and which has no superior's approval yet (M 5.1.4).
  int64_t maintenance_awaiting_approval = 0;
};

class NoticeObserver {
 public:
  virtual ~NoticeObserver() = default;
  // notices_issued_total{unit}: a rectification notice issued (directly or raised from a finding),
  // once per notice (a replayed request is not counted again).
  virtual void NoticeIssued(absl::string_view unit_id) = 0;
  // notices_deemed_received_total{unit}: the sweep applied the grace to an unacknowledged notice.
  virtual void NoticeDeemedReceived(absl::string_view unit_id) = 0;
  // notice_replies_total{unit,outcome="on_time|late"} and the histogram
  // notice_reply_working_seconds{outcome}: a signed reply recorded, with the working time (on the
  // calendar) from receipt — or from the reopening — to the reply. Once per reply.
  virtual void NoticeReplied(absl::string_view unit_id, bool late, absl::Duration working_time) = 0;
  // verifications_total{unit,outcome="passed|failed"}: once per verification.
  virtual void NoticeVerified(absl::string_view unit_id, bool passed) = 0;
  // maintenance_filings_total{unit,outcome="on_time|late|emergency"}: once per filing.
  virtual void MaintenanceFiled(absl::string_view unit_id, MaintenanceFilingOutcome outcome) = 0;
  // launch_findings_total{unit}: a launch recorded without an accepted review, or before the window
  // training it needed (S3). Once per launch.
  virtual void LaunchFinding(absl::string_view unit_id) = 0;
  // The picture of the latest sweep.
  virtual void Snapshot(const NoticeSnapshot& snapshot) = 0;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_CORE_NOTICE_PORTS_H_

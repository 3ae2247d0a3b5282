#include "services/assessment/domain/unit_month.h"

#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/time/report_month.h"
#include "services/assessment/domain/records.h"

namespace cs::assessment {
namespace {

using internal::Instant;

class MonthWindow {
 public:
  MonthWindow(absl::CivilMonth month, absl::TimeZone zone)
      : span_(common::MonthBounds(month, zone)) {}
  bool Contains(absl::Time t) const { return t >= span_.start && t < span_.end; }

 private:
  common::MonthSpan span_;
};

void CountNotices(const UnitMonthRecords& records, absl::string_view unit_id,
                  const MonthWindow& window, absl::Time as_of, UnitMonthFigures& figures) {
  for (const RectificationNotice& notice : records.notices) {
    if (notice.unit_id != unit_id) continue;
    const std::string id = FormatNoticeId(notice.id);
    for (const NoticeReply& reply : notice.replies) {
      if (reply.late && window.Contains(reply.due)) {
        ++figures.missed_reply_deadlines;
        figures.rectification_items.push_back(
            {id,
             absl::StrCat("reply due ", Instant(reply.due), " came late, at ",
                          Instant(reply.replied_at)),
             reply.due});
      }
    }
    if ((notice.state == NoticeState::kReceived || notice.state == NoticeState::kReopened) &&
        notice.reply_due.has_value() && notice.reply_due->at < as_of &&
        window.Contains(notice.reply_due->at)) {
      ++figures.missed_reply_deadlines;
      figures.rectification_items.push_back(
          {id, absl::StrCat("reply due ", Instant(notice.reply_due->at), " not received"),
           notice.reply_due->at});
    }
    for (const Verification& verification : notice.verifications) {
      if (!verification.passed && window.Contains(verification.verified_at)) {
        ++figures.failed_verifications;
        figures.rectification_items.push_back(
            {id, absl::StrCat("verification failed: ", verification.note),
             verification.verified_at});
      }
    }
    if (notice.partner_id.has_value() && window.Contains(notice.issued_at)) {
      ++figures.partner_findings;
      figures.partner_items.push_back(
          {id,
           absl::StrCat("names partner ", FormatPartnerId(*notice.partner_id), ": ", notice.clause),
           notice.issued_at});
    }
  }
  figures.rectification_findings = figures.missed_reply_deadlines + figures.failed_verifications;
}

void CountMaintenance(const UnitMonthRecords& records, absl::string_view unit_id,
                      const MonthWindow& window, absl::Time as_of, UnitMonthFigures& figures) {
  for (const MaintenanceNotice& notice : records.maintenance) {
    if (notice.form.unit_id != unit_id) continue;
    const std::string id = FormatMaintenanceId(notice.id);
    if (notice.late && notice.state != MaintenanceState::kCancelled &&
        window.Contains(notice.filed_at)) {
      ++figures.late_maintenance_filings;
      figures.maintenance_items.push_back(
          {id,
           absl::StrCat("users told ", absl::FormatDuration(notice.notice_lead),
                        " before the work (M 7.6: 72 hours)"),
           notice.filed_at});
    }
    if (StartedWithoutApproval(notice, as_of) && window.Contains(notice.form.starts_at)) {
      ++figures.started_without_approval;
      figures.maintenance_items.push_back(
          {id, "work affecting important users started without the superior's approval",
           notice.form.starts_at});
    }
  }
  figures.maintenance_findings =
      figures.late_maintenance_filings + figures.started_without_approval;
}

void CountLaunches(const UnitMonthRecords& records, absl::string_view unit_id,
                   const MonthWindow& window, UnitMonthFigures& figures) {
  for (const LaunchReview& review : records.launch_reviews) {
    if (review.unit_id != unit_id || !review.launched_at.has_value() ||
        !review.launch_finding.has_value() || !window.Contains(*review.launched_at)) {
      continue;
    }
    ++figures.launch_findings;
    figures.launch_items.push_back(
        {FormatLaunchReviewId(review.id), review.launch_finding->finding, *review.launched_at});
  }
}

void PickSurvey(const UnitMonthRecords& records, absl::string_view unit_id, absl::CivilMonth month,
                UnitMonthFigures& figures) {
  const SurveySummary* latest = nullptr;
  for (const SurveySummary& survey : records.surveys) {
    if (survey.unit_id != unit_id || absl::CivilMonth(survey.period_end) != month) continue;
    if (latest == nullptr ||
        std::make_tuple(survey.period_end, survey.recorded_at, survey.id) >
            std::make_tuple(latest->period_end, latest->recorded_at, latest->id)) {
      latest = &survey;
    }
  }
  if (latest != nullptr) {
    figures.satisfaction_percent = ScorePercent(*latest);
    figures.satisfaction_survey_id = latest->id;
  }
}

void CountTasks(const UnitMonthRecords& records, absl::string_view unit_id,
                const MonthWindow& window, absl::Time as_of, UnitMonthFigures& figures) {
  for (const SpecialTask& task : records.tasks) {
    if (task.unit_id != unit_id || !window.Contains(task.due_at)) continue;
    const TaskOutcome outcome = OutcomeOf(task, as_of);
    if (outcome == TaskOutcome::kOpen) continue;  // not yet due and not done: nothing to count
    ++figures.tasks_counted;
    if (outcome == TaskOutcome::kDoneOnTimeWithQuality) ++figures.tasks_on_time_with_quality;
    figures.special_task_items.push_back({FormatTaskId(task.id),
                                          absl::StrCat(task.title, ": ", TaskOutcomeName(outcome)),
                                          task.due_at});
  }
  for (const TrainingSession& session : records.sessions) {
    if (!window.Contains(session.held_at)) continue;
    for (const Attendance& entry : session.attendance) {
      if (entry.unit_id != unit_id) continue;
      ++figures.sessions_counted;
      if (entry.attended) ++figures.sessions_attended;
      figures.special_task_items.push_back(
          {FormatSessionId(session.id),
           absl::StrCat(SessionKindName(session.kind), " ", session.title, ": ",
                        entry.attended ? "attended" : "absent"),
           session.held_at});
    }
  }
  const int64_t counted = figures.tasks_counted + figures.sessions_counted;
  if (counted > 0) {
    figures.special_tasks_percent =
        static_cast<double>(figures.tasks_on_time_with_quality + figures.sessions_attended) *
        100.0 / static_cast<double>(counted);
  }
}

}  // namespace

UnitMonthFigures CountUnitMonth(absl::string_view unit_id, absl::CivilMonth month,
                                absl::TimeZone zone, absl::Time as_of,
                                const UnitMonthRecords& records) {
  UnitMonthFigures figures;
  figures.unit_id = std::string(unit_id);
  figures.month = month;
  figures.as_of = as_of;
  const MonthWindow window(month, zone);
  CountNotices(records, unit_id, window, as_of, figures);
  CountMaintenance(records, unit_id, window, as_of, figures);
  CountLaunches(records, unit_id, window, figures);
  PickSurvey(records, unit_id, month, figures);
  CountTasks(records, unit_id, window, as_of, figures);
  return figures;
}

}  // namespace cs::assessment

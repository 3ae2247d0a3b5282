#include "services/assessment/store/assessment_notice_store_support.h"

#include <cstdint>

#include "services/assessment/domain/records.h"

namespace cs::assessment {

RectificationNotice NoticeToSave(const RectificationNotice& loaded, RectificationNotice changed) {
  changed.id = loaded.id;
  changed.version = loaded.version + 1;
  changed.replies = AppendOnly(loaded.replies, changed.replies);
  changed.verifications = AppendOnly(loaded.verifications, changed.verifications);
  changed.history = AppendOnly(loaded.history, changed.history);
  return changed;
}

MaintenanceRecord MaintenanceToSave(const MaintenanceRecord& loaded, MaintenanceRecord changed) {
  MaintenanceNotice& n = changed.notice;
  const MaintenanceNotice& l = loaded.notice;
  n.id = l.id;
  n.version = l.version + 1;
  n.form = l.form;
  n.filed_by = l.filed_by;
  n.filed_at = l.filed_at;
  n.notice_lead = l.notice_lead;
  n.late = l.late;
  n.late_finding = l.late_finding;
  n.history = AppendOnly(l.history, n.history);
  return changed;
}

LaunchReview LaunchReviewToSave(const LaunchReview& loaded, LaunchReview changed) {
  changed.id = loaded.id;
  changed.version = loaded.version + 1;
  changed.history = AppendOnly(loaded.history, changed.history);
  return changed;
}

const RecordRules<RectificationNotice>& NoticeRules() {
  static const RecordRules<RectificationNotice> kRules{
      {"notice", "notice", &FormatNoticeId},
      [](const RectificationNotice& n) { return n.id; },
      [](RectificationNotice& n, int64_t id) { n.id = id; },
      [](RectificationNotice& n) { n.version = 1; },
      [](const RectificationNotice& n) { return n.version; },
      &NoticeToSave};
  return kRules;
}

const RecordRules<MaintenanceRecord>& MaintenanceRules() {
  static const RecordRules<MaintenanceRecord> kRules{
      {"maintenance notice", "maintenance notice", &FormatMaintenanceId},
      [](const MaintenanceRecord& r) { return r.notice.id; },
      [](MaintenanceRecord& r, int64_t id) { AssignMaintenanceId(r.notice, id); },
      [](MaintenanceRecord& r) {
        r.notice.version = 1;
        r.raised_notice_id = 0;
      },
      [](const MaintenanceRecord& r) { return r.notice.version; },
      &MaintenanceToSave};
  return kRules;
}

const RecordRules<LaunchReview>& LaunchReviewRules() {
  static const RecordRules<LaunchReview> kRules{
      {"launch review", "launch review", &FormatLaunchReviewId},
      [](const LaunchReview& r) { return r.id; },
      [](LaunchReview& r, int64_t id) { r.id = id; },
      [](LaunchReview& r) { r.version = 1; },
      [](const LaunchReview& r) { return r.version; },
      &LaunchReviewToSave};
  return kRules;
}

bool AwaitingReply(const RectificationNotice& notice) {
  return (notice.state == NoticeState::kReceived || notice.state == NoticeState::kReopened) &&
         notice.reply_due.has_value();
}

bool MatchesNoticeFilter(const RectificationNotice& notice, const NoticeFilter& filter) {
  if (!filter.unit_id.empty() && notice.unit_id != filter.unit_id) return false;
  if (filter.state != NoticeState::kUnspecified && notice.state != filter.state) return false;
  if (filter.overdue_at.has_value() &&
      !(AwaitingReply(notice) && notice.reply_due->at < *filter.overdue_at)) {
    return false;
  }
  return true;
}

bool MatchesMaintenanceFilter(const MaintenanceRecord& record, const MaintenanceFilter& filter) {
  const MaintenanceNotice& n = record.notice;
  if (!filter.unit_id.empty() && n.form.unit_id != filter.unit_id) return false;
  if (filter.late_only && !n.late) return false;
  if (filter.starts_from.has_value() && n.form.starts_at < *filter.starts_from) return false;
  if (filter.starts_until.has_value() && n.form.starts_at >= *filter.starts_until) return false;
  return true;
}

}  // namespace cs::assessment

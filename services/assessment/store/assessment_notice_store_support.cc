#include "services/assessment/store/assessment_notice_store_support.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"

namespace cs::assessment {

absl::Status CheckMutationKey(const NoticeMutationOptions& options, absl::string_view prefix,
                              std::string* full_scope) {
  full_scope->clear();
  if (!options.request_key.has_value()) return absl::OkStatus();
  if (absl::Status id = common::db::ValidateRequestId(options.request_key->request_id); !id.ok()) {
    return id;
  }
  if (options.scope.empty()) return common::InvalidField("scope", "a request key needs a scope");
  *full_scope = absl::StrCat(prefix, options.scope);
  return absl::OkStatus();
}

absl::Status CheckExpectedVersion(const absl::optional<int64_t>& expected, int64_t stored,
                                  absl::string_view record) {
  if (!expected.has_value() || *expected == stored) return absl::OkStatus();
  return absl::AbortedError(absl::StrCat(record, " is at version ", stored, ", not ", *expected,
                                         "; read it again and retry"));
}

absl::Status NoticeRequestIdForAnother(absl::string_view what) {
  return common::RequestIdReused(
      absl::StrCat("was already used for another ", what, "; use a new request_id"));
}

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

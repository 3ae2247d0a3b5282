// The rules of the assessment service's notices that both implementations of their stores follow
// (assessment_store_support.h holds what every store shares): the idempotency scopes, how a
// mutation's save is assembled from what was loaded and what the mutation left (id and version the
// store's, append-only parts kept), the record rules of each kind and the matching of the list
// filters. Pure functions (library assessment_notice_store, no Connector/C++); thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORE_SUPPORT_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORE_SUPPORT_H_

#include "absl/strings/string_view.h"
#include "services/assessment/store/assessment_store_support.h"
#include "services/assessment/store/launch_review_store.h"
#include "services/assessment/store/maintenance_store.h"
#include "services/assessment/store/notice_store.h"

namespace cs::assessment {

// The idempotency scopes of the stores' keyed writes (common/db/idempotency.h). A Mutate's scope is
// its store's prefix + NoticeMutationOptions::scope, so a notice, a maintenance notice and a
// review with the same number never answer each other's request ids.
inline constexpr absl::string_view kIssueNoticeScope = "assessment.IssueRectificationNotice";
inline constexpr absl::string_view kNoticeMutationScopePrefix = "assessment.notice.";
inline constexpr absl::string_view kFileMaintenanceScope = "assessment.FileMaintenanceNotice";
inline constexpr absl::string_view kMaintenanceMutationScopePrefix = "assessment.maintenance.";
inline constexpr absl::string_view kSubmitLaunchReviewScope = "assessment.SubmitLaunchReview";
inline constexpr absl::string_view kLaunchReviewMutationScopePrefix = "assessment.launch_review.";

// What Mutate saves: `changed` (the mutation's result on a copy of the stored `loaded`) with
// loaded's id, version loaded + 1, and the append-only parts (history; a notice's replies and
// verifications) as stored with what the mutation appended after them.
RectificationNotice NoticeToSave(const RectificationNotice& loaded, RectificationNotice changed);
// …and for a maintenance record also what was filed (form, filed_by/at, notice_lead, late,
// late_finding) as stored.
MaintenanceRecord MaintenanceToSave(const MaintenanceRecord& loaded, MaintenanceRecord changed);
LaunchReview LaunchReviewToSave(const LaunchReview& loaded, LaunchReview changed);

// The record rules of each kind (id, version 1 on create, the saves above, the names in errors).
const RecordRules<RectificationNotice>& NoticeRules();
const RecordRules<MaintenanceRecord>& MaintenanceRules();
const RecordRules<LaunchReview>& LaunchReviewRules();

// Matching of the list filters, the same in both implementations.
bool AwaitingReply(const RectificationNotice& notice);
bool MatchesNoticeFilter(const RectificationNotice& notice, const NoticeFilter& filter);
bool MatchesMaintenanceFilter(const MaintenanceRecord& record, const MaintenanceFilter& filter);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORE_SUPPORT_H_
